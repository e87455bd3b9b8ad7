"""The printable monthly report (PDF): the KPI table, each KPI against its target, and the areas ranked for
the headline KPIs. Charts are drawn with fpdf2's own rectangles and lines (no image rendering needed)."""

from __future__ import annotations

from pathlib import Path

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from fpdf import FPDF

from ansinh.insights import services
from ansinh.insights.exports import STATUS_LABELS as STATUS

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core (installed by the Makefile)
HEADLINE_KPIS = ("si_coverage", "hi_coverage", "arrears_ratio")
COLOURS = {
    "met": (31, 122, 58),
    "near": (161, 92, 0),
    "off": (179, 38, 30),
    "no_target": (11, 92, 171),
    "no_data": (150, 150, 150),
}


def _pdf() -> FPDF:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not regular.exists():
        raise FileNotFoundError(f"{regular} is missing: install Debian's fonts-dejavu-core (make browser-deps).")
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold if bold.exists() else regular))
    pdf.add_page()
    return pdf


def _pct(value) -> str:
    return "—" if value is None else f"{value:.2f}%"


def _heading(pdf: FPDF, data: dict) -> None:
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(
        0,
        8,
        _("Monthly KPI report %(period)s: %(area)s") % {"period": data["period"], "area": data["area"]["name"]},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    how = data["provenance"]
    if how["source"] == "snapshot":
        text = _("Closed figures, version %(v)s of %(at)s: %(reason)s") % {
            "v": how["version"],
            "at": date_format(localtime(how["closed_at"]), "SHORT_DATETIME_FORMAT"),
            "reason": how["reason"],
        }
    else:
        text = _("Live figures: this month has not been closed.")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _kpi_table(pdf: FPDF, kpis: list[dict]) -> None:
    widths = (88, 24, 26, 24, 28)
    pdf.set_font("DejaVu", "B", 8)
    for width, head in zip(widths, (_("KPI"), _("Value"), _("Target"), _("Previous"), _("Status")), strict=False):
        pdf.cell(width, 6, head, border=1)
    pdf.ln()
    pdf.set_font("DejaVu", "", 8)
    for k in kpis:
        target = f"{k['target']['symbol']} {k['target']['value']:g}%" if k["target"] else "—"
        cells = (k["name"], _pct(k["value"]), target, _pct(k["previous"]), _(STATUS[k["status"]]))
        for width, text in zip(widths, cells, strict=False):
            pdf.cell(width, 6, text[:62], border=1)
        pdf.ln()
    pdf.ln(3)


def _bars(pdf: FPDF, title: str, bars: list[tuple], target: float | None = None) -> None:
    """Horizontal bars (label, value, status[, own target]) on a 0–100 % scale, coloured by status; a common
    target is a vertical line, a bar's own target a tick across it."""
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    label_w, chart_w, row_h = 62, 110, 5
    x0 = pdf.l_margin + label_w
    top = pdf.get_y()
    pdf.set_font("DejaVu", "", 7)
    for label, value, status, *own in bars:
        if pdf.get_y() + row_h > pdf.h - pdf.b_margin:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w - 2, row_h, label[:44])
        pdf.set_fill_color(*COLOURS[status])
        if value is not None:
            pdf.rect(x0, y + 0.8, max(0.3, chart_w * min(value, 100) / 100), row_h - 1.6, style="F")
        if own and own[0] is not None:
            tick = x0 + chart_w * min(own[0], 100) / 100
            pdf.set_draw_color(28, 36, 48)
            pdf.line(tick, y, tick, y + row_h)
        pdf.set_xy(x0 + chart_w + 1, y)
        pdf.cell(18, row_h, _pct(value))
        pdf.set_y(y + row_h)
    if target is not None and pdf.get_y() > top:
        pdf.set_draw_color(28, 36, 48)
        tx = x0 + chart_w * min(target, 100) / 100
        pdf.line(tx, top, tx, pdf.get_y())
    pdf.ln(4)


def monthly_report(period: str, area_code: str | None) -> bytes:
    data = services.kpi_table(period, area_code)
    pdf = _pdf()
    _heading(pdf, data)
    _kpi_table(pdf, data["kpis"])
    _bars(
        pdf,
        _("Each KPI (bar) and its target (tick)"),
        [(k["name"], k["value"], k["status"], k["target"] and k["target"]["value"]) for k in data["kpis"]],
    )
    if data["area"]["level"] != "commune":
        for kpi in (k for k in data["kpis"] if k["code"] in HEADLINE_KPIS):
            rows = services.ranking(period, kpi["code"], data["area"]["code"])
            target = kpi["target"]["value"] if kpi["target"] else None
            title = _("%(kpi)s by area, worst first") % {"kpi": kpi["name"]}
            _bars(pdf, title, [(r["name"], r["value"], r["status"]) for r in rows], target)
    return bytes(pdf.output())
