"""The SI statement (PDF): who, totals, and the contribution periods folded into ranges. fpdf2 with a
Unicode TrueType font so Vietnamese prints with its diacritics; the periods are an fpdf2 table, so long
employer names wrap inside their cell and the heading row repeats, inside the border, on every page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from fpdf import FPDF
from fpdf.fonts import FontFace

from ansinh.core import formats
from ansinh.portal.history import ranges

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
MARGIN = 15  # mm, every side
TABLE_FONT_SIZE = 8.5
PADDING = 1.2  # mm inside each cell
# (width in mm, heading, alignment): the widths fill the A4 page between the margins (210 − 2 × 15 = 180).
COLUMNS = (
    (19, gettext_noop("From"), "CENTER"),
    (19, gettext_noop("To"), "CENTER"),
    (15, gettext_noop("Months"), "RIGHT"),
    (67, gettext_noop("Employer or payer"), "LEFT"),
    (26, gettext_noop("Scheme"), "LEFT"),
    (34, gettext_noop("Salary or income (đồng)"), "RIGHT"),
)
KINDS = {"compulsory": gettext_noop("Compulsory"), "voluntary": gettext_noop("Voluntary")}
HEADING_FILL = (226, 235, 245)


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _period(text: str) -> str:
    return f"{text[5:7]}/{text[:4]}"


class _Statement(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 5, _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}, align="C")


def _document() -> FPDF:
    pdf = _Statement(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN + 5)
    pdf.set_title(_("Social insurance statement"))
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, person, totals: dict, today: dt.date) -> None:
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, settings.AGENCY_NAME, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, _("Social insurance statement"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "", 10)
    for label, value in (
        (_("Full name"), person.full_name),
        (_("Date of birth"), formats.day(person.birth_date)),
        (_("SI number"), person.si_number),
        (_("CCCD"), person.masked_cccd),
        (_("Total time"), formats.years_months(totals["years"], totals["months"])),
        (_("Issued on"), formats.day(today)),
    ):
        pdf.cell(45, 6, capfirst(label))
        pdf.multi_cell(0, 6, str(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _payer(row: dict) -> str:
    return _("Self-paid") if row["kind"] == "voluntary" else row["payer"]


def table_rows(rows: list[dict]) -> list[tuple[str, ...]]:
    """The statement's lines as printed: one per range of equal months, oldest first."""
    return [
        (
            _period(r["start"]),
            _period(r["end"]),
            str(r["months"]),
            _payer(r),
            _(KINDS.get(r["kind"], r["kind"])),
            vnd(r["salary"]),
        )
        for r in ranges(rows)
    ]


def _table(pdf: FPDF, rows: list[dict]) -> None:
    pdf.set_font(FONT, "", TABLE_FONT_SIZE)
    lines = table_rows(rows)
    if not lines:
        pdf.multi_cell(0, 6, _("No contributions recorded."), new_x="LMARGIN", new_y="NEXT")
        return
    with pdf.table(
        col_widths=[w for w, _t, _a in COLUMNS],
        width=sum(w for w, _t, _a in COLUMNS),
        align="LEFT",
        line_height=TABLE_FONT_SIZE * 0.5,
        padding=PADDING,
        v_align="MIDDLE",
        repeat_headings=1,
        headings_style=FontFace(emphasis="B", fill_color=HEADING_FILL),
    ) as table:
        heading = table.row()
        for _w, title, _a in COLUMNS:
            heading.cell(_(title), align="CENTER")
        for line in lines:
            row = table.row()
            for (_w, _t, align), value in zip(COLUMNS, line, strict=False):
                row.cell(value, align=align)


def render(person, rows: list[dict], totals: dict, today: dt.date) -> bytes:
    pdf = _document()
    _header(pdf, person, totals, today)
    _table(pdf, rows)
    return bytes(pdf.output())
