"""CSV and XLSX of every table the dashboard shows: the KPIs of an area, the ranking of areas, the series."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font

from ansinh.core.text import SpreadsheetSafeWriter
from ansinh.insights import services

TABLES = ("kpis", "ranking", "series")
STATUS_LABELS = {
    "met": gettext_noop("target met"),
    "near": gettext_noop("close to target"),
    "off": gettext_noop("target missed"),
    "no_target": gettext_noop("no target set"),
    "no_data": gettext_noop("no data"),
}


def _pct(value) -> float | None:
    return None if value is None else round(value, 2)


def _target_text(target: dict | None) -> str:
    return f"{target['symbol']} {target['value']:g}%" if target else ""


def kpis_table(period: str, area: str | None) -> tuple[str, list[str], list[list]]:
    data = services.kpi_table(period, area)
    how = data["provenance"]
    basis = _("live") if how["source"] == "live" else _("snapshot version %(v)s") % {"v": how["version"]}
    headers = [
        _("Code"),
        _("KPI"),
        _("Numerator"),
        _("Denominator"),
        _("Value (%)"),
        _("Target"),
        _("Status"),
        _("Previous month (%)"),
        _("Figures"),
    ]
    rows = [
        [
            k["code"],
            k["name"],
            k["numerator"],
            k["denominator"],
            _pct(k["value"]),
            _target_text(k["target"]),
            _(STATUS_LABELS[k["status"]]),
            _pct(k["previous"]),
            basis,
        ]
        for k in data["kpis"]
    ]
    return f"{data['area']['name']} {period}", headers, rows


def ranking_table(period: str, area: str | None, kpi: str) -> tuple[str, list[str], list[list]]:
    rows = services.ranking(period, kpi, area)
    headers = [
        _("Code"),
        _("Area"),
        _("Numerator"),
        _("Denominator"),
        _("Value (%)"),
        _("Points short of target"),
        _("Status"),
    ]
    body = [
        [
            r["area_code"],
            r["name"],
            r["numerator"],
            r["denominator"],
            _pct(r["value"]),
            _pct(r["gap"]),
            _(STATUS_LABELS[r["status"]]),
        ]
        for r in rows
    ]
    return f"{kpi} {period}", headers, body


def series_table(period: str, area: str | None) -> tuple[str, list[str], list[list]]:
    data = services.series(area, period)
    headers = [_("Month")] + [k["name"] for k in data["kpis"]]
    body = [[p] + [_pct(k["values"][i]) for k in data["kpis"]] for i, p in enumerate(data["periods"])]
    return f"{data['area']['name']} {data['periods'][0]}–{period}", headers, body


def table(name: str, period: str, area: str | None, kpi: str) -> tuple[str, list[str], list[list]]:
    if name == "kpis":
        return kpis_table(period, area)
    if name == "ranking":
        return ranking_table(period, area, kpi)
    return series_table(period, area)


def to_csv(headers: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = SpreadsheetSafeWriter(out)
    writer.writerow(headers)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read the diacritics


def to_xlsx(title: str, headers: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "KPI"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column[1:]) if len(column) > 1 else 10
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
