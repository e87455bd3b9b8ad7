"""The set-based reader (xml130/leaves.py) gives, for every table it takes, exactly the rows the hardened XML parser
gives; every table it does not take (anything outside the plain shape, anything the parser would refuse) is handed
back to the parser, so a broken table still gets the parser's answer."""

import base64

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.health.xml130 import structure
from ansinh.health.xml130.leaves import read_tables
from ansinh.health.xml130.spec import rules, tables

XML3 = tables()["XML3"]
FIELDS = [r.field for r in rules()["XML3"]][:12]
CHARACTERS = st.sampled_from(
    list("aZ09 .;:/-_ăêđƯỡ\t\n\r>\"'][") + ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x1EA1;", "&#128;"]
)
# "]]>" in text is not well-formed XML: outside the plain shape, handed to the parser (tested below), never drawn here.
VALUE = st.lists(CHARACTERS, max_size=8).map("".join).filter(lambda value: "]]>" not in value)


def _leaf(tag: str, value: str, form: str) -> str:
    if form == "empty" and not value:
        return f"<{tag}/>"
    if form == "spaced" and not value:
        return f"<{tag} />"
    return f"<{tag}>{value}</{tag}>"


ROW = st.lists(
    st.tuples(st.sampled_from(FIELDS), VALUE, st.sampled_from(["full", "empty", "spaced"])), min_size=1, max_size=8
)


def _table(
    rows: list[list[tuple[str, str, str]]],
    declaration: str = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n",
) -> str:
    body = "".join(
        "<CHI_TIET_DVKT>\n" + "".join(f"  {_leaf(*leaf)}\n" for leaf in row) + "</CHI_TIET_DVKT>\n" for row in rows
    )
    return f"{declaration}<{XML3.root}>\n<{XML3.list}>\n{body}</{XML3.list}>\n</{XML3.root}>\n"


def _b64(text: str, bom: bool = False, wrap: int | None = None, newline: str = "\r\n") -> str:
    """As exporters encode a table: optionally after a byte-order mark, optionally wrapped in lines (MIME style)."""
    encoded = base64.b64encode((b"\xef\xbb\xbf" if bom else b"") + text.encode()).decode()
    return newline.join(encoded[i : i + wrap] for i in range(0, len(encoded), wrap)) if wrap else encoded


def _by_parser(items: list[tuple[int, str]]) -> pl.DataFrame:
    rows = []
    for number, content in items:
        found = structure._table_rows(base64.b64decode(content), "XML3", number)
        for position, row in enumerate(found, start=1):
            row["_rec"], row["_pos"] = number, position
        rows += found
    return structure._as_frame("XML3", rows)


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    """Empty and absent are the same to the reader (values are trimmed and emptied to null after this step)."""
    return frame.with_columns(pl.when(pl.col(pl.String) != "").then(pl.col(pl.String)).name.keep()).sort("_rec", "_pos")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(ROW, min_size=1, max_size=3), min_size=1, max_size=4),
    st.booleans(),
    st.sampled_from([None, 4, 64, 76]),
    st.sampled_from(["\r\n", "\n", " \r\n"]),
)
def test_a_plain_table_is_read_set_based_exactly_as_the_parser_reads_it(tables_rows, bom, wrap, newline):
    items = [(number, _b64(_table(rows), bom, wrap, newline)) for number, rows in enumerate(tables_rows, start=1)]
    fast, slow = read_tables(XML3, items)
    assert slow == set()
    assert _plain(fast.select(_by_parser(items).columns)).equals(_plain(_by_parser(items)))


PLAIN = [[("MA_LK", "LK1", "full"), ("STT", "1", "full"), ("MA_DICH_VU", "", "empty")]]
OUTSIDE_THE_PLAIN_SHAPE = {
    "an end tag naming another element": _table(PLAIN).replace("</STT>", "</MA_LK>", 1),
    "an attribute": _table(PLAIN).replace("<STT>", '<STT kind="n">', 1),
    "a comment": _table(PLAIN).replace("<STT>", "<!-- n --><STT>", 1),
    "CDATA": _table(PLAIN).replace(">LK1<", "><![CDATA[LK1]]><", 1),
    "a nested element": _table(PLAIN).replace(">LK1<", "><X>LK1</X><", 1),
    "text between the fields": _table(PLAIN).replace("  <STT>", "  x<STT>", 1),
    "a tag outside the standard": _table(PLAIN).replace("<STT>1</STT>", "<STT>1</STT><OWN_FIELD>1</OWN_FIELD>", 1),
    "another encoding declared": _table(PLAIN, "<?xml version='1.0' encoding='ISO-8859-1'?>\n"),
    "a DOCTYPE": _table(PLAIN, '<!DOCTYPE x [<!ENTITY e "LK">]>\n'),
    "an undefined entity": _table(PLAIN).replace(">LK1<", ">&e;<", 1),
    "a loose ampersand": _table(PLAIN).replace(">LK1<", ">L&K<", 1),
    "a reference to a forbidden character": _table(PLAIN).replace(">LK1<", ">&#1;<", 1),
    "a control character": _table(PLAIN).replace(">LK1<", ">L\x01K<", 1),
    "]]> in text": _table(PLAIN).replace(">LK1<", ">a]]>b<", 1),
    "no rows": _table([]),
    "a row left open": _table(PLAIN).replace("</CHI_TIET_DVKT>", "", 1),
    "text after the root": _table(PLAIN) + "tail",
}


def test_every_table_outside_the_plain_shape_goes_to_the_parser():
    items = [(number, _b64(text)) for number, text in enumerate(OUTSIDE_THE_PLAIN_SHAPE.values(), start=1)]
    fast, slow = read_tables(XML3, items + [(99, _b64(_table(PLAIN)))])
    assert slow == set(range(1, len(OUTSIDE_THE_PLAIN_SHAPE) + 1)), [
        w for n, w in enumerate(OUTSIDE_THE_PLAIN_SHAPE, 1) if n not in slow
    ]
    assert fast["_rec"].to_list() == [99]


def test_base64_wrapped_in_lines_is_read_set_based_and_other_breaks_or_not_utf8_go_to_the_parser():
    wrapped = _b64(_table(PLAIN), wrap=76)
    vertical_tab = _b64(_table(PLAIN), wrap=8, newline="\x0b")  # whitespace to Python, not to the set-based reader
    latin = base64.b64encode(_table(PLAIN).replace("LK1", "LKé").encode("latin-1")).decode()
    fast, slow = read_tables(XML3, [(1, wrapped), (2, latin), (3, "not base64!"), (4, vertical_tab)])
    assert slow == {2, 3, 4} and fast["_rec"].to_list() == [1] and fast["MA_LK"].to_list() == ["LK1"]


def test_references_are_replaced_as_the_parser_replaces_them():
    rows = [[("MA_LK", "A&amp;B &lt;1&gt; &quot;x&quot; &apos;y&apos; &#65;&#x1EA1; &#128;", "full")]]
    fast, slow = read_tables(XML3, [(1, _b64(_table(rows)))])
    assert not slow
    assert (
        fast["MA_LK"].to_list()
        == ["A&B <1> \"x\" 'y' Aạ \x80"]
        == _by_parser([(1, _b64(_table(rows)))])["MA_LK"].to_list()
    )


def test_a_repeated_field_keeps_its_last_value_like_the_parser():
    rows = [
        [("MA_LK", "LK1", "full"), ("STT", "1", "full"), ("STT", "2", "full")],
        [("STT", "3", "full"), ("MA_LK", "LK1", "full")],
    ]
    items = [(1, _b64(_table(rows)))]
    fast, slow = read_tables(XML3, items)
    assert not slow and fast["STT"].to_list() == ["2", "3"] == _by_parser(items)["STT"].to_list()
