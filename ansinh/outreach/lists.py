"""An agent's outreach list as CSV, XLSX or PDF. Chip IDs are masked (province code and last three digits,
enough to confirm the person at the door, Decree 13/2023/NĐ-CP on minimising personal data); every text
cell is made safe against spreadsheet formulas."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

from ansinh.core.text import SpreadsheetSafeWriter, spreadsheet_safe
from ansinh.outreach.models import Agent, Campaign, Reason, Scheme, Target

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core


def headers() -> list[str]:
    return [
        _("No."),
        _("List ID"),
        _("Name"),
        _("CCCD (masked)"),
        _("Year of birth"),
        _("Address"),
        _("Household"),
        _("Employer unit"),
        _("Reason"),
        _("Scheme to offer"),
        _("State support (%)"),
        _("Outcome"),
    ]


def rows(campaign: Campaign, agent: Agent) -> list[list]:
    reasons, schemes = dict(Reason.choices), dict(Scheme.choices)
    found = Target.objects.filter(campaign=campaign, agent=agent).order_by("household_code", "unit_code", "id")
    return [
        [
            n,
            t.pk,
            t.full_name,
            t.masked_cccd,
            t.birth_year or "",
            t.address,
            t.household_code,
            t.unit_code,
            str(reasons.get(t.reason, t.reason)),
            str(schemes.get(t.scheme, t.scheme)),
            t.support_pct if t.tier else "",
            "",
        ]
        for n, t in enumerate(found, start=1)
    ]


def title(campaign: Campaign, agent: Agent) -> str:
    return _("%(campaign)s: list of %(agent)s") % {"campaign": campaign.name, "agent": f"{agent.code} {agent.name}"}


def to_csv(campaign: Campaign, agent: Agent) -> bytes:
    out = io.StringIO()
    writer = SpreadsheetSafeWriter(out)
    writer.writerow(headers())
    writer.writerows(rows(campaign, agent))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read the diacritics


def to_xlsx(campaign: Campaign, agent: Agent) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = agent.code[:31]
    sheet.append([spreadsheet_safe(title(campaign, agent))])
    sheet["A1"].font = Font(bold=True)
    sheet.append(headers())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows(campaign, agent):
        sheet.append([spreadsheet_safe(v) for v in row])
    for column, width in zip("ABCDEFGHIJKL", (5, 9, 28, 16, 8, 36, 13, 11, 30, 26, 9, 18), strict=False):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(campaign: Campaign, agent: Agent) -> bytes:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not regular.exists():
        raise FileNotFoundError(f"{regular} is missing: install Debian's fonts-dejavu-core (make browser-deps).")
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold if bold.exists() else regular))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, title(campaign, agent), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 7)
    widths = (8, 12, 40, 24, 11, 62, 20, 16, 40, 30, 13)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4) as table:
        table.row(headers()[:11])
        for row in rows(campaign, agent):
            table.row([str(v) for v in row[:11]])
    return bytes(pdf.output())


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}
