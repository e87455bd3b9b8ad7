"""The SI statement (PDF): who, totals, and the contribution periods folded into ranges. fpdf2 with a
Unicode TrueType font so Vietnamese prints with its diacritics."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from fpdf import FPDF

from ansinh.portal.history import ranges

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
COLUMNS = ((30, gettext_noop("From")), (30, gettext_noop("To")), (16, gettext_noop("Months")), (64, gettext_noop("Payer")),
           (30, gettext_noop("Salary (đồng)")))


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _period(text: str) -> str:
    return f"{text[5:7]}/{text[:4]}"


def _document() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, person, totals: dict, today: dt.date) -> None:
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 8, settings.AGENCY_NAME, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, _("Social insurance statement"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for label, value in ((_("Full name"), person.full_name), (_("Date of birth"), f"{person.birth_date:%d/%m/%Y}"),
                         (_("SI number"), person.si_number), (_("CCCD"), person.masked_cccd),
                         (_("Total time"), _("%(y)s years %(m)s months") % {"y": totals["years"], "m": totals["months"]}),
                         (_("Issued on"), f"{today:%d/%m/%Y}")):
        pdf.cell(45, 6, label)
        pdf.cell(0, 6, str(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _table(pdf: FPDF, rows: list[dict]) -> None:
    pdf.set_font("DejaVu", "B", 9)
    for width, title in COLUMNS:
        pdf.cell(width, 7, _(title), border=1)
    pdf.ln()
    pdf.set_font("DejaVu", "", 9)
    for row in ranges(rows):
        values = (_period(row["start"]), _period(row["end"]), str(row["months"]), row["payer"][:38], vnd(row["salary"]))
        for (width, _title), value in zip(COLUMNS, values):
            pdf.cell(width, 6, value, border=1)
        pdf.ln()


def render(person, rows: list[dict], totals: dict, today: dt.date) -> bytes:
    pdf = _document()
    _header(pdf, person, totals, today)
    _table(pdf, rows)
    return bytes(pdf.output())
