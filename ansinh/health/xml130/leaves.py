"""The rows of every table of one type (all XML2s of an envelope, …) read set-based: the base64 decoded, the text
split into rows and fields in a few Polars passes, instead of one XML parse and one dict per table, which is what
made the intake slow (tens of millions of Python objects for a monthly file).

Taken only for text that is well-formed by construction: valid UTF-8 in the standard's skeleton (an optional
declaration naming UTF-8, the table's root and list elements, its rows) whose rows hold nothing but leaf elements
`<TAG>text</TAG>` or `<TAG/>` and whitespace, the text without a character XML forbids and with only the predefined
entities or character references; its base64 in one line or wrapped in lines. Any other table (CDATA, comments,
attributes, nested elements, another encoding, anything broken) is handed back to the caller, which reads it with the
hardened lxml parser: an unusual or broken table gets exactly the answer the parser gives."""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from ansinh.health.xml130.spec import Table, rules

WS = "[ \t\r\n]"
NAME = "[A-Z][A-Z0-9_]*"
EMPTY = f"<({NAME}){WS}*/>"
SUSPECT = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x{FFFE}\x{FFFF}&]|\]\]>"
FORBIDDEN = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\]\]>")
DECL = (
    rf"<\?xml{WS}+version{WS}*={WS}*(?:'1\.0'|\"1\.0\")(?:{WS}+encoding{WS}*={WS}*(?:'(?i:utf-8)'|\"(?i:utf-8)\"))?"
    rf"(?:{WS}+standalone{WS}*={WS}*(?:'(?:yes|no)'|\"(?:yes|no)\"))?{WS}*\?>"
)
BLANK = " \t\r\n"
REFERENCE = re.compile(r"&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);")
LOOSE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);)")
NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _allowed(code: int) -> bool:
    """The characters XML 1.0 allows (production 2 [Char])."""
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def _character(reference: str) -> str:
    if reference in NAMED:
        return NAMED[reference]
    code = int(reference[2:], 16) if reference[1] == "x" else int(reference[1:])
    if not _allowed(code):
        raise ValueError(reference)
    return chr(code)


def unescape(value: str) -> str | None:
    """The text of an element with its references replaced as an XML parser does, or None when one names a
    character XML forbids (the parser refuses the file)."""
    if LOOSE_AMPERSAND.search(value):
        return None
    try:
        return REFERENCE.sub(lambda m: _character(m.group(1)), value)
    except ValueError:
        return None


def _unwrapped(b64: pl.Series) -> pl.Series:
    """Base64 wrapped in lines (MIME style, as many exporters write every table) joined again: only spaces, tabs and
    line breaks are taken out, so any other character still makes the table go to the parser."""
    wrapped = b64.str.contains(f"{WS}").fill_null(False)
    if not wrapped.any():
        return b64
    at = wrapped.arg_true()
    return b64.clone().scatter(at, b64.gather(at).str.replace_all(f"{WS}+", ""))


def _texts(items: list[tuple[int, str]]) -> pl.DataFrame:
    """(_rec, text) of the tables whose base64 and UTF-8 decode cleanly; text null for the others."""
    frame = pl.DataFrame(
        {"_rec": [n for n, _c in items], "b64": [c for _n, c in items]}, schema={"_rec": pl.Int64, "b64": pl.String}
    )
    binary = _unwrapped(frame["b64"]).str.decode("base64", strict=False)
    try:
        text = binary.cast(pl.String)
    except pl.exceptions.ComputeError:  # some table is not UTF-8: find which, one by one (rare)
        text = pl.Series([_utf8(b) for b in binary.to_list()], dtype=pl.String)
    return frame.select("_rec", text.str.strip_prefix("\ufeff").alias("text"))


def _utf8(data: bytes | None) -> str | None:
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _wrappers(spec: Table) -> list[str]:
    return [] if spec.root == spec.row else [spec.root, *([spec.list] if spec.list else [])]


def _rows(texts: pl.DataFrame, spec: Table) -> pl.DataFrame:
    """One line per row element: _rec, _pos (from 1), body (the row's inside) and ok, false where the table around
    it is not the standard's skeleton or a one-row table holds another number of rows."""
    wrappers = _wrappers(spec)
    head = f"^(?:{DECL})?{WS}*" + "".join(f"<{w}>{WS}*" for w in wrappers)
    text = pl.col("text")
    framed, body = text.str.contains(head), text.str.replace(head, "")
    if wrappers:
        tail = "".join(f"{WS}*</{w}>" for w in reversed(wrappers)) + f"{WS}*$"
        framed, body = framed & text.str.contains(tail), body.str.replace(tail, "")
    rows = texts.select(
        "_rec", framed.alias("framed"), body.str.strip_chars_end(BLANK).str.split(f"</{spec.row}>").alias("part")
    )
    rows = rows.with_columns(
        pl.int_ranges(1, pl.col("part").list.len() + 1).alias("_pos"), pl.col("part").list.len().alias("parts")
    )
    rows = rows.explode("part", "_pos")
    start = pl.col("part").str.strip_chars_start(BLANK)
    last = pl.col("_pos") == pl.col("parts")
    shaped = pl.when(last).then(pl.col("part") == "").otherwise(start.str.starts_with(f"<{spec.row}>"))
    rows = rows.select(
        "_rec",
        "_pos",
        last.alias("last"),
        start.str.strip_prefix(f"<{spec.row}>").str.strip_chars_start(BLANK).alias("body"),
        (pl.col("framed") & shaped).alias("ok"),
    )
    rows = rows.filter(~pl.col("last") | ~pl.col("ok"))
    count = pl.len().over("_rec")
    return rows.with_columns(pl.col("ok") & (count >= 1 if spec.many else count == 1))


def _pieces(rows: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """Each row's text cut at every '<', an empty element <TAG/> first written <TAG></TAG>: a row of leaves gives
    pairs 'TAG>value' and '/TAG>whitespace'. Also whether the row has that shape (starts with a tag, pairs whole)."""
    body = rows["body"]
    empty = body.str.contains("/>", literal=True).fill_null(False)
    if empty.any():  # most exporters write <TAG></TAG>: the rewrite only where it is needed
        at = empty.arg_true()
        body = body.clone().scatter(at, body.gather(at).str.replace_all(EMPTY, "<$1></$1>"))
    parts = body.str.strip_prefix("<").str.split("<")
    return parts, (body.str.starts_with("<") & (parts.list.len() % 2 == 0)).fill_null(False)


def _names(table: str) -> list[str]:
    return list(dict.fromkeys(r.field for r in rules()[table]))


def _fields(parts: pl.Series, table: str) -> pl.DataFrame:
    """Of each leaf: tag, field (its number in the table, null for a tag outside the standard), value ('' when
    empty) and closed (a field of the table whose end tag names it, only whitespace after)."""
    names = _names(table)
    pieces = parts.explode()
    x = pl.DataFrame({"open": pieces.gather_every(2, 0), "close": pieces.gather_every(2, 1)})
    x = x.select(pl.col("open").str.splitn(">", 2).struct.rename_fields(["tag", "value"]), "close").unnest(
        "open"
    )  # at the first ">" only
    field = pl.col("tag").cast(pl.Enum(names), strict=False).to_physical().cast(pl.Int64)
    closing = (
        pl.col("close")
        .str.strip_chars_end(BLANK)
        .cast(pl.Enum([f"/{n}>" for n in names]), strict=False)
        .to_physical()
        .cast(pl.Int64)
    )
    return x.select("tag", field.alias("field"), "value", (field == closing).fill_null(False).alias("closed"))


def _suspect(fields: pl.DataFrame) -> tuple[pl.DataFrame, np.ndarray]:
    """Values with references replaced as the parser does; the leaves the parser would refuse (a character XML
    forbids, ']]>' in text, a reference to a forbidden character). Both are rare: looked at one by one."""
    at = fields.select(pl.arg_where(pl.col("value").str.contains(SUSPECT)))[:, 0].to_numpy()
    if not len(at):
        return fields, at
    plain = [None if FORBIDDEN.search(v) else unescape(v) for v in fields["value"].gather(at).to_list()]
    values = fields["value"].clone().scatter(at, [p if p is not None else "" for p in plain])
    return fields.with_columns(values.alias("value")), at[[p is None for p in plain]]


def _positional(fields: np.ndarray, ks: np.ndarray, starts: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The commonest order of fields (exporters write every row alike) and which rows follow it exactly."""
    k = int(np.bincount(ks).argmax())
    first = int(np.flatnonzero(ks == k)[0])
    order = fields[starts[first] : starts[first] + k]
    place = np.full(count, -1, np.int64)
    place[order] = np.arange(k)  # a field twice in the order: its first place never matches, the row goes to the pivot
    within = np.arange(len(fields)) - np.repeat(starts, ks)
    wrong = np.add.reduceat((place[fields] != within).astype(np.int64), starts)
    return order, (ks == k) & (wrong == 0)


def _wide(fields: pl.DataFrame, rows: pl.DataFrame, ks: np.ndarray, table: str) -> pl.DataFrame:
    """One column per field of the table (null when absent, the last one when a tag is repeated), with _rec, _pos."""
    names = [r.field for r in rules()[table]]
    starts = np.concatenate([[0], np.cumsum(ks)[:-1]]).astype(np.int64)
    order, alike = _positional(fields["field"].to_numpy(), ks, starts, len(_names(table)))
    same = _empty(table).select("_rec", "_pos", *names)
    if alike.any():  # the values of rows alike, k by k: one row of k columns each
        values = fields["value"].filter(pl.Series(np.repeat(alike, ks))).reshape((-1, len(order)))
        columns = values.arr.to_struct(fields=[_names(table)[f] for f in order]).struct.unnest()
        same = (
            rows.filter(pl.Series(alike))
            .select("_rec", "_pos")
            .hstack(columns)
            .select(
                "_rec",
                "_pos",
                *[pl.col(n) if n in columns.columns else pl.lit(None, pl.String).alias(n) for n in names],
            )
        )
    if alike.all():
        return same
    rest = fields.with_columns(pl.Series("_row", np.repeat(np.arange(len(ks)), ks))).filter(
        ~pl.Series(np.repeat(alike, ks))
    )
    wide = rest.pivot(on="tag", index="_row", values="value", aggregate_function="last")
    other = rows.with_row_index("_row").join(wide.with_columns(pl.col("_row").cast(pl.UInt32)), on="_row")
    other = other.select(
        "_rec", "_pos", *[pl.col(n) if n in wide.columns else pl.lit(None, pl.String).alias(n) for n in names]
    )
    return pl.concat([same, other]).sort("_rec", "_pos")


def _without(rows: pl.DataFrame, slow: set[int]) -> pl.DataFrame:
    return rows.filter(~pl.col("_rec").is_in(list(slow))) if slow else rows


def _recs(rows: pl.DataFrame, wrong) -> set[int]:
    return set(rows.filter(pl.Series(wrong))["_rec"].to_list())


def read_tables(spec: Table, items: list[tuple[int, str]]) -> tuple[pl.DataFrame, set[int]]:
    """(the rows of the tables read here: _rec, _pos and one text column per field; the records whose table is not
    in the shape read here, for the parser). items: (record, NOIDUNGFILE) of each table of this type."""
    texts = _texts(items)
    slow = set(texts.filter(pl.col("text").is_null())["_rec"].to_list())
    rows = _rows(texts.drop_nulls("text"), spec)
    slow |= _recs(rows, ~rows["ok"]) | ({n for n, _c in items} - set(rows["_rec"].to_list()))
    rows = _without(rows, slow)
    parts, shaped = _pieces(rows)
    slow |= _recs(rows, ~shaped)
    keep = ~rows["_rec"].is_in(list(slow))
    rows, parts = rows.filter(keep), parts.filter(keep)
    fields, refused = _suspect(_fields(parts, spec.table))
    ks = (parts.list.len() // 2).to_numpy().astype(np.int64)
    wrong = ~fields["closed"].to_numpy()
    wrong[refused] = True
    bad_rows = np.zeros(len(ks), bool)
    bad_rows[np.repeat(np.arange(len(ks)), ks)[wrong]] = True
    slow |= _recs(rows, bad_rows)
    keep = ~rows["_rec"].is_in(list(slow)).to_numpy()
    if not keep.any():
        return _empty(spec.table), slow
    return _wide(
        fields.filter(pl.Series(np.repeat(keep, ks))), rows.filter(pl.Series(keep)), ks[keep], spec.table
    ), slow


def _empty(table: str) -> pl.DataFrame:
    return pl.DataFrame(schema={"_rec": pl.Int64, "_pos": pl.Int64, **{r.field: pl.String for r in rules()[table]}})
