"""The GIAMDINHHS envelope: its header, its records (HOSO) and each record's tables (FILEHOSO: LOAIHOSO and the
table's XML in base64 in NOIDUNGFILE), read into plain rows of text. Nothing is interpreted here but structure.

Parsing is hardened: no DTD, no entities, no network, no huge text nodes (lxml), and every input is bounded
(Limits). An envelope that cannot be read at all raises EnvelopeRejected; a record that cannot be read gets its
errors and the others go on."""

from __future__ import annotations

import binascii
import datetime as dt
import re
import threading
from dataclasses import asdict, dataclass, field

import polars as pl
from django.utils.translation import gettext as _
from lxml import etree

from ansinh.health.xml130.leaves import read_tables, unescape
from ansinh.health.xml130.spec import rules, tables


@dataclass
class Refusal:
    """Why a record (ma_lk, record) or, with neither, the whole envelope cannot be taken: table, field, line, reason.
    A value listed and shown to the sender, not raised; EnvelopeRejected carries those of an envelope."""

    ma_lk: str
    table: str
    field: str
    reason: str
    line: int | None = None
    record: int | None = None  # the HOSO's position in the envelope, from 1

    def as_dict(self) -> dict:
        return asdict(self)


class EnvelopeRejected(Exception):
    """Nothing of the envelope can be taken: every error listed; status 413 when it is too large."""

    def __init__(self, errors: list[Refusal], status: int = 422):
        self.errors, self.status = errors, status
        super().__init__(f"{len(errors)} error(s), first: {errors[0].reason if errors else ''}")


@dataclass(frozen=True)
class Limits:
    """Bounds on what one envelope may hold (policy pack health.claims.limits)."""

    envelope_bytes: int = 50 * 1024 * 1024
    records: int = 10_000
    lines_per_record: int = 3_000
    table_bytes: int = 7 * 1024 * 1024
    max_amount: int = 100_000_000_000

    @classmethod
    def from_value(cls, value: dict) -> Limits:
        return cls(**{k: int(v) for k, v in value.items() if k in cls.__dataclass_fields__})


@dataclass
class Envelope:
    facility_code: str
    prepared_on: dt.date
    records: int
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)  # XML1–XML5: one text column per field, _rec, _pos
    rows: dict[str, list[dict]] = field(default_factory=dict)  # XML6–XML15: rows of {tag: text, "_rec", "_pos"}
    errors: list[Refusal] = field(default_factory=list)  # structure errors of records (field record set)


_local = threading.local()


def parser() -> etree.XMLParser:
    """No entities, no DTD, no network, bounded text nodes: a claim file cannot read files or reach out (XXE).
    One parser per thread (lxml parsers are not shared between threads), reused: an envelope holds thousands of
    tables."""
    if not hasattr(_local, "parser"):
        _local.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
    return _local.parser


def parse_xml(data: bytes, where: str, record: int | None = None) -> etree._Element:
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise EnvelopeRejected(
            [Refusal("", where, "", _("not well-formed XML: %(why)s") % {"why": exc.msg}, None, record)]
        ) from None
    if root.getroottree().docinfo.doctype:
        raise EnvelopeRejected([Refusal("", where, "", _("a DOCTYPE is not allowed in a claim file"), None, record)])
    return root


def _text(node, path: str) -> str:
    found = node.find(path)
    return "" if found is None or found.text is None else found.text.strip()


def _header(root) -> tuple[str, dt.date, int]:
    if root.tag != "GIAMDINHHS":
        raise EnvelopeRejected([Refusal("", "GIAMDINHHS", root.tag, _("the root element must be GIAMDINHHS"))])
    code, day, count = (
        _text(root, p) for p in ("THONGTINDONVI/MACSKCB", "THONGTINHOSO/NGAYLAP", "THONGTINHOSO/SOLUONGHOSO")
    )
    errors = []
    if not re.fullmatch(r"[0-9A-Z]{5}", code):
        errors.append(
            Refusal("", "GIAMDINHHS", "MACSKCB", _("not a 5-character facility code: %(v)s") % {"v": code or "∅"})
        )
    try:
        prepared = dt.datetime.strptime(day, "%Y%m%d").date()
    except ValueError:
        prepared = None
        errors.append(Refusal("", "GIAMDINHHS", "NGAYLAP", _("expected yyyymmdd, got %(v)s") % {"v": day or "∅"}))
    if not count.isdigit():
        errors.append(Refusal("", "GIAMDINHHS", "SOLUONGHOSO", _("not a whole number: %(v)s") % {"v": count or "∅"}))
    if errors:
        raise EnvelopeRejected(errors)
    return code, prepared, int(count)


def _decode(content: str, table: str, record: int, limits: Limits) -> bytes:
    if len(content) * 3 // 4 > limits.table_bytes:
        raise EnvelopeRejected(
            [
                Refusal(
                    "",
                    table,
                    "NOIDUNGFILE",
                    _("the table is larger than the limit of %(n)s bytes") % {"n": limits.table_bytes},
                    None,
                    record,
                )
            ]
        )
    try:
        return binascii.a2b_base64(content, strict_mode=True)
    except (binascii.Error, ValueError):
        pass
    try:  # base64 wrapped in lines (MIME style, CR LF) is accepted; anything else outside the alphabet is not
        return binascii.a2b_base64("".join(content.split()), strict_mode=True)
    except (binascii.Error, ValueError):
        raise EnvelopeRejected([Refusal("", table, "NOIDUNGFILE", _("not valid base64"), None, record)]) from None


LEAF = re.compile(r"<([A-Z][A-Z0-9_]*)>([^<]*)</\1>|<([A-Z][A-Z0-9_]*)\s*/>")


def _leaves(content: bytes, row: str, nodes: list) -> list[dict] | None:
    """The rows' values read straight from the bytes lxml has just parsed (several times faster than walking the
    tree for tens of thousands of rows). Taken only when the text is UTF-8 and the shapes agree exactly with the
    tree: same rows, same number of fields each; anything else (CDATA, attributes, nested elements) returns None."""
    head = content[:200].lower()
    if b"encoding" in head and b"utf-8" not in head:
        return None
    text = content.decode("utf-8-sig")
    parts = text.split(f"<{row}>")[1:] if len(nodes) > 1 or nodes[0].getparent() is not None else [text]
    if len(parts) != len(nodes):
        return None
    rows, escaped = [], "&" in text
    for part, node in zip(parts, nodes, strict=False):
        pairs = LEAF.findall(part.split(f"</{row}>", 1)[0])
        if len(pairs) != len(node):
            return None
        if escaped:
            rows.append({tag or empty: _unescape(value) or None for tag, value, empty in pairs})
        else:
            rows.append({tag or empty: value or None for tag, value, empty in pairs})
    return rows


def _unescape(text: str) -> str:
    """References replaced as the parser replaces them (the parser has already refused a file with a bad one)."""
    return (unescape(text) or "") if "&" in text else text


def _table_rows(content: bytes, table: str, record: int) -> list[dict]:
    spec = tables()[table]
    root = parse_xml(content, table, record)
    nodes = [root] if root.tag == spec.row else list(root.iter(spec.row))
    if not nodes:
        raise EnvelopeRejected(
            [Refusal("", table, spec.row, _("no %(row)s row in the table") % {"row": spec.row}, None, record)]
        )
    if len(nodes) > 1 and not spec.many:
        raise EnvelopeRejected(
            [
                Refusal(
                    "",
                    table,
                    spec.row,
                    _("the table holds one row per record, not %(n)s") % {"n": len(nodes)},
                    None,
                    record,
                )
            ]
        )
    fast = _leaves(content, spec.row, nodes)
    return (
        fast if fast is not None else [{child.tag: child.text for child in node} for node in nodes]
    )  # comments and PIs removed by the parser


def _file(node) -> tuple[str, str]:
    """(LOAIHOSO, NOIDUNGFILE) of a FILEHOSO, read by position when the exporter wrote them in the standard's order."""
    if len(node) == 2 and node[0].tag == "LOAIHOSO" and node[1].tag == "NOIDUNGFILE":
        return (node[0].text or "").strip().upper(), (node[1].text or "").strip()
    return _text(node, "LOAIHOSO").upper(), _text(node, "NOIDUNGFILE")


def _file_error(table: str, content: str, seen: set[str], number: int, limits: Limits) -> Refusal | None:
    if table not in tables():
        return Refusal(
            "",
            table or "FILEHOSO",
            "LOAIHOSO",
            _("unknown table type %(t)s (XML1–XML15)") % {"t": table or "∅"},
            None,
            number,
        )
    if table in seen:
        return Refusal("", table, "LOAIHOSO", _("the table is sent twice in the record"), None, number)
    if len(content) * 3 // 4 > limits.table_bytes:
        return Refusal(
            "",
            table,
            "NOIDUNGFILE",
            _("the table is larger than the limit of %(n)s bytes") % {"n": limits.table_bytes},
            None,
            number,
        )
    return None


def _files(
    records: list, limits: Limits
) -> tuple[dict[str, list[tuple[int, int, str]]], dict[int, list[tuple[int, Refusal]]]]:
    """Each table's files as (record, position in the record, NOIDUNGFILE), and the errors of the files that cannot
    be read at all, each with its position so a record's errors are listed in the order of its files."""
    files: dict[str, list[tuple[int, int, str]]] = {t: [] for t in tables()}
    errors: dict[int, list[tuple[int, Refusal]]] = {}
    for number, hoso in enumerate(records, start=1):
        seen: set[str] = set()
        for index, node in enumerate(hoso.iterfind("FILEHOSO")):
            table, content = _file(node)
            error = _file_error(table, content, seen, number, limits)
            if error is not None:
                errors.setdefault(number, []).append((index, error))
            else:
                seen.add(table)
                files[table].append((number, index, content))
    return files, errors


def _parsed(table: str, items: list[tuple[int, int, str]], limits: Limits, errors: dict) -> list[dict]:
    """The rows of tables read one by one with the parser (those not in the shape leaves.py reads, and the tables
    only kept), each with _rec and _pos; a table that cannot be read gives its record's errors instead."""
    out = []
    for number, index, content in items:
        try:
            rows = _table_rows(_decode(content, table, number, limits), table, number)
        except EnvelopeRejected as exc:
            errors.setdefault(number, []).extend((index, e) for e in exc.errors)
            continue
        for position, row in enumerate(rows, start=1):
            row["_rec"], row["_pos"] = number, position
        out += rows
    return out


def _as_frame(table: str, rows: list[dict]) -> pl.DataFrame:
    return pl.from_dicts(
        rows, schema={**{r.field: pl.String for r in rules()[table]}, "_rec": pl.Int64, "_pos": pl.Int64}
    )


def _tables(
    files: dict[str, list[tuple[int, int, str]]], limits: Limits, errors: dict
) -> tuple[dict[str, pl.DataFrame], dict[str, list[dict]]]:
    """The read tables (XML1–XML5) as frames of text, set-based where their shape allows; the kept ones as rows."""
    frames, rows = {}, {}
    for table, items in files.items():
        spec = tables()[table]
        if not spec.read:
            rows[table] = _parsed(table, items, limits, errors)
            continue
        fast, slow = read_tables(spec, [(n, c) for n, _i, c in items]) if items else (None, set())
        parsed = _as_frame(table, _parsed(table, [item for item in items if item[0] in slow], limits, errors))
        if fast is None or not parsed.height:  # the set-based rows are already in record order
            frames[table] = parsed if fast is None else fast.select(parsed.columns)
        else:
            frames[table] = pl.concat([fast.select(parsed.columns), parsed]).sort("_rec", "_pos")
    return frames, rows


def _counts(frame: pl.DataFrame) -> dict[int, int]:
    return dict(frame.group_by("_rec").len().iter_rows())


def _record_errors(count: int, frames: dict[str, pl.DataFrame], errors: dict, limits: Limits) -> list[Refusal]:
    """Every record's errors in record order: those of its files, a missing XML1, too many lines; each named by the
    record's MA_LK when its XML1 could be read."""
    keys = dict(frames["XML1"].select("_rec", "MA_LK").iter_rows())
    lines: dict[int, int] = {}
    for table in ("XML2", "XML3", "XML4", "XML5"):
        for rec, n in _counts(frames[table]).items():
            lines[rec] = lines.get(rec, 0) + n
    out = []
    for number in range(1, count + 1):
        found = [e for _i, e in sorted(errors.get(number, []), key=lambda item: item[0])]
        if number not in keys and not any(e.table == "XML1" for e in found):
            found.append(Refusal("", "XML1", "LOAIHOSO", _("the record has no XML1 (visit summary)"), None, number))
        if lines.get(number, 0) > limits.lines_per_record:
            found.append(
                Refusal(
                    "",
                    "HOSO",
                    "",
                    _("%(n)s lines, above the limit of %(max)s per record")
                    % {"n": lines[number], "max": limits.lines_per_record},
                    None,
                    number,
                )
            )
        key = (keys.get(number) or "").strip()
        for error in found:
            error.ma_lk = error.ma_lk or key
        out += found
    return out


def read_structure(data: bytes, limits: Limits) -> Envelope:
    if len(data) > limits.envelope_bytes:
        raise EnvelopeRejected(
            [
                Refusal(
                    "",
                    "GIAMDINHHS",
                    "",
                    _("the envelope is %(n)s bytes, above the limit of %(max)s bytes")
                    % {"n": len(data), "max": limits.envelope_bytes},
                )
            ],
            status=413,
        )
    root = parse_xml(data, "GIAMDINHHS")
    code, prepared, declared = _header(root)
    records = root.findall("THONGTINHOSO/DANHSACHHOSO/HOSO")
    if not records:
        raise EnvelopeRejected([Refusal("", "GIAMDINHHS", "DANHSACHHOSO", _("no records (HOSO)"))])
    if len(records) > limits.records:
        raise EnvelopeRejected(
            [
                Refusal(
                    "",
                    "GIAMDINHHS",
                    "DANHSACHHOSO",
                    _("%(n)s records, above the limit of %(max)s per envelope")
                    % {"n": len(records), "max": limits.records},
                )
            ]
        )
    if declared != len(records):
        raise EnvelopeRejected(
            [
                Refusal(
                    "",
                    "GIAMDINHHS",
                    "SOLUONGHOSO",
                    _("says %(declared)s records, the envelope holds %(n)s")
                    % {"declared": declared, "n": len(records)},
                )
            ]
        )
    files, file_errors = _files(records, limits)
    del root, records  # the tree is no longer needed: its memory goes back before the tables are read
    frames, rows = _tables(files, limits, file_errors)
    errors = _record_errors(declared, frames, file_errors, limits)
    refused = sorted({e.record for e in errors})
    if refused:
        frames = {t: f.filter(~pl.col("_rec").is_in(refused)) for t, f in frames.items()}
    skipped = set(refused)
    rows = {t: [r for r in found if r["_rec"] not in skipped] for t, found in rows.items()}
    return Envelope(code, prepared, declared, frames, rows, errors)
