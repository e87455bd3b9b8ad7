"""Reading a GIAMDINHHS envelope: structure first, then every field, then the sums. All errors are collected
(record MA_LK, table, field, reason) so a facility fixes a file in one pass; any error rejects the whole envelope."""
from __future__ import annotations

import base64
import binascii
from dataclasses import asdict, dataclass

from lxml import etree

from ansinh.health.xml130.fields import ROW_TAG, SPECS, count, day, facility

KNOWN_TABLES = {f"XML{n}" for n in range(1, 16)}


@dataclass
class ClaimError:
    ma_lk: str
    table: str
    field: str
    reason: str
    line: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class EnvelopeRejected(Exception):
    def __init__(self, errors: list[ClaimError]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s), first: {errors[0].reason if errors else ''}")


def _parser() -> etree.XMLParser:
    """No entities, no DTD, no network: a claim file cannot read local files or reach out (XXE)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse_xml(data: bytes, where: str) -> etree._Element:
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise EnvelopeRejected([ClaimError("", where, "", f"not well-formed XML: {exc.msg}")]) from None
    if root.getroottree().docinfo.doctype:
        raise EnvelopeRejected([ClaimError("", where, "", "a DOCTYPE is not allowed in a claim file")])
    return root


def _child_text(node, path: str) -> str | None:
    found = node.find(path)
    return None if found is None or found.text is None else found.text.strip()


def _row(node, table: str, ma_lk_hint: str, errors: list[ClaimError]) -> dict:
    row, ma_lk = {}, (_child_text(node, "MA_LK") or ma_lk_hint)
    line = _child_text(node, "STT")
    line_no = int(line) if line and line.isdigit() else None
    for tag, key, convert, required in SPECS[table]:
        raw = _child_text(node, tag)
        if raw is None or raw == "":
            if required:
                errors.append(ClaimError(ma_lk, table, tag, "missing", line_no))
            row[key] = convert("") if convert.__name__ in ("text", "cccd", "card") else None
            continue
        try:
            row[key] = convert(raw)
        except ValueError as exc:
            errors.append(ClaimError(ma_lk, table, tag, str(exc), line_no))
            row[key] = None
    row["table"] = table
    return row


def _table_rows(content: bytes, table: str, ma_lk_hint: str, errors: list[ClaimError]) -> list[dict]:
    try:
        root = parse_xml(content, table)
    except EnvelopeRejected as exc:
        errors += [ClaimError(ma_lk_hint, e.table, e.field, e.reason) for e in exc.errors]
        return []
    nodes = [root] if root.tag == ROW_TAG[table] else list(root.iter(ROW_TAG[table]))
    if not nodes:
        errors.append(ClaimError(ma_lk_hint, table, ROW_TAG[table], "no rows in the table"))
    return [_row(node, table, ma_lk_hint, errors) for node in nodes]


def _decode(file_node, number: int, errors: list[ClaimError]) -> tuple[str, bytes | None]:
    table = (_child_text(file_node, "LOAIHOSO") or "").upper()
    where = f"HOSO {number}"
    if table not in KNOWN_TABLES:
        errors.append(ClaimError("", where, "LOAIHOSO", f"unknown table type {table!r} (XML1–XML15)"))
        return table, None
    try:
        return table, base64.b64decode(_child_text(file_node, "NOIDUNGFILE") or "", validate=True)
    except (binascii.Error, ValueError):
        errors.append(ClaimError("", f"{where} {table}", "NOIDUNGFILE", "not valid base64"))
        return table, None


def _record(hoso, number: int, errors: list[ClaimError]) -> tuple[dict | None, list[dict]]:
    """One HOSO: its XML1 visit and the lines of its XML2/XML3 (other tables are accepted and not read)."""
    files = {}
    for file_node in hoso.findall("FILEHOSO"):
        table, content = _decode(file_node, number, errors)
        if content is not None and table in SPECS:
            files[table] = content
    if "XML1" not in files:
        errors.append(ClaimError("", f"HOSO {number}", "LOAIHOSO", "the record has no XML1 (visit summary)"))
        return None, []
    visits = _table_rows(files["XML1"], "XML1", f"HOSO {number}", errors)
    if len(visits) != 1:
        if visits:
            errors.append(ClaimError(visits[0]["ma_lk"], "XML1", "TONG_HOP", "one record holds exactly one visit"))
        return None, []
    visit = visits[0]
    lines = [row for table in ("XML2", "XML3") if table in files for row in _table_rows(files[table], table, visit["ma_lk"], errors)]
    return visit, lines


def _header(root, errors: list[ClaimError]) -> tuple[str | None, object, int | None]:
    if root.tag != "GIAMDINHHS":
        raise EnvelopeRejected([ClaimError("", "GIAMDINHHS", root.tag, "the root element must be GIAMDINHHS")])
    values = []
    for path, convert in (("THONGTINDONVI/MACSKCB", facility), ("THONGTINHOSO/NGAYLAP", day), ("THONGTINHOSO/SOLUONGHOSO", count)):
        raw = _child_text(root, path)
        try:
            values.append(convert(raw) if raw else errors.append(ClaimError("", "GIAMDINHHS", path, "missing")))
        except ValueError as exc:
            errors.append(ClaimError("", "GIAMDINHHS", path, str(exc)))
            values.append(None)
    return tuple(values)


def read_envelope(data: bytes, tolerance: int = 1) -> dict:
    """{"facility_code", "prepared_on", "claims": [visit dicts], "lines": [line dicts]} or EnvelopeRejected."""
    from ansinh.health.xml130.consistency import check_claims

    errors: list[ClaimError] = []
    root = parse_xml(data, "GIAMDINHHS")
    facility_code, prepared_on, declared = _header(root, errors)
    records = root.findall("THONGTINHOSO/DANHSACHHOSO/HOSO")
    if declared is not None and declared != len(records):
        errors.append(ClaimError("", "GIAMDINHHS", "SOLUONGHOSO", f"says {declared} records, the envelope holds {len(records)}"))
    if not records:
        errors.append(ClaimError("", "GIAMDINHHS", "DANHSACHHOSO", "no records (HOSO)"))
    claims, lines = [], []
    for number, hoso in enumerate(records, start=1):
        visit, visit_lines = _record(hoso, number, errors)
        if visit is not None:
            claims.append(visit)
            lines += visit_lines
    check_claims(claims, lines, facility_code, tolerance, errors)
    if errors:
        raise EnvelopeRejected(errors)
    return {"facility_code": facility_code, "prepared_on": prepared_on, "claims": claims, "lines": lines}
