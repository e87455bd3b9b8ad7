"""The SI statement PDF, rendered to PNG and read back character by character: every character of the periods
table sits inside its own column (no column runs into the next, the heading stays inside the border), long
employer names wrap instead of being cut, and the heading repeats on every page."""

import datetime as dt
from types import SimpleNamespace

import pypdfium2 as pdfium
import pytest
from django.utils import translation

from ansinh.portal import statement

MM = 72 / 25.4  # PDF points per millimetre
LONG_NAME = "Công ty TNHH Một Thành Viên Cảng Vũng Áng Việt – Lào chi nhánh Hà Tĩnh và các tỉnh Bắc Trung Bộ"
PERSON = SimpleNamespace(
    full_name="Nguyễn Thị Phương Thảo",
    birth_date=dt.date(1985, 5, 5),
    si_number="4201234567",
    masked_cccd="0420******12",
)


def _rows(count: int = 80) -> list[dict]:
    """Alternate months (so no two fold into one range) with long and short payers, large salaries."""
    payers = [LONG_NAME, "Công ty CP Dệt may Hồng Lĩnh"]
    return [
        {
            "period": f"{2000 + i // 6:04d}-{(i % 6) * 2 + 1:02d}",
            "kind": "voluntary" if i % 5 == 4 else "compulsory",
            "payer": payers[i % 2],
            "salary": 1_234_567_890 + i,
            "employee_amount": 0,
            "employer_amount": 0,
        }
        for i in range(count)
    ]


def _column_edges() -> list[tuple[float, float]]:
    edges, left = [], statement.MARGIN
    for width, _title, _align in statement.COLUMNS:
        edges.append((left * MM, (left + width) * MM))
        left += width
    return edges


def _chars(page) -> list[tuple[str, tuple[float, float, float, float]]]:
    text = page.get_textpage()
    return [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]


def _heading_top(chars) -> float:
    """The top (PDF y, upwards) of the table's heading row: the highest character of the first column's title."""
    first = translation.gettext(statement.COLUMNS[0][1])
    joined = "".join(c for c, _box in chars)
    at = joined.index(first, joined.index(str(PERSON.si_number)) if str(PERSON.si_number) in joined else 0)
    return max(box[3] for _c, box in chars[at : at + len(first)])


@pytest.fixture(params=["vi", "en"])
def rendered(request, tmp_path):
    with translation.override(request.param):
        pdf = statement.render(PERSON, _rows(), {"years": 13, "months": 4}, dt.date(2026, 12, 1))
        document = pdfium.PdfDocument(pdf)
        yield document, tmp_path
        document.close()


def test_every_character_of_the_table_sits_inside_one_column(rendered):
    document, _tmp = rendered
    edges = _column_edges()
    for number in range(len(document)):
        page = document[number]
        chars = [(c, box) for c, box in _chars(page) if c.strip()]
        top = _heading_top(chars) if number == 0 else page.get_height()
        footer = statement.MARGIN * MM  # the page number sits below the table's bottom margin
        table = [(c, box) for c, box in chars if box[3] <= top + 0.5 and box[1] > footer]
        assert table, number
        for char, (left, _bottom, right, _top) in table:
            assert any(x0 + 0.5 <= left and right <= x1 - 0.5 for x0, x1 in edges), (number, char, left, right)


def test_long_names_wrap_whole_and_the_heading_repeats_on_each_page(rendered):
    document, _tmp = rendered
    assert len(document) >= 2
    heading = translation.gettext(statement.COLUMNS[3][1]).replace(" ", "")
    text = [
        "".join(c for c, _box in _chars(document[n])).replace("\r", "").replace("\n", "").replace(" ", "")
        for n in range(len(document))
    ]
    assert LONG_NAME.replace(" ", "") in text[0]
    assert all(heading in page for page in text)


def test_the_png_rendering_has_nothing_beyond_the_table_border(rendered):
    document, tmp = rendered
    scale = 2
    right_edge = int(_column_edges()[-1][1] * scale) + 2  # the border line's own width
    for number in range(len(document)):
        image = document[number].render(scale=scale).to_pil().convert("L")
        image.save(tmp / f"statement-{number}.png")
        dark = [
            x for x in range(right_edge, image.width) for y in range(0, image.height, 2) if image.getpixel((x, y)) < 200
        ]
        assert not dark, (number, min(dark))
