"""The cost-monitoring page's tables: which columns each view has, filters (area, facility level, text), sorting,
a bar chart of the facilities furthest above their level's average, and CSV/XLSX exports of what is shown.
Plain lists of dicts in and out; the rows come from ansinh.health.monitoring."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font

from ansinh.core.text import SpreadsheetSafeWriter, spreadsheet_safe
from ansinh.health import monitoring

PAGE_SIZE = 25
CHART_BARS = 15
MAX_QUERY = 100


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # gettext_noop
    kind: str = "text"  # text, int, money, ratio, level


FACILITY = (
    Column("code", gettext_noop("Code")),
    Column("name", gettext_noop("Facility")),
    Column("area_name", gettext_noop("Area")),
    Column("level", gettext_noop("Level"), "level"),
)
VIEWS = {
    "costs": (
        gettext_noop("Cost per visit and per inpatient day"),
        monitoring.cost_by_facility,
        "-cost_per_visit_ratio",
        FACILITY
        + (
            Column("visits", gettext_noop("Visits"), "int"),
            Column("cost_per_visit", gettext_noop("Per visit"), "money"),
            Column("cost_per_visit_avg", gettext_noop("Level average per visit"), "money"),
            Column("cost_per_visit_ratio", gettext_noop("Ratio per visit"), "ratio"),
            Column("inpatient_days", gettext_noop("Inpatient days"), "int"),
            Column("cost_per_day", gettext_noop("Per day"), "money"),
            Column("cost_per_day_avg", gettext_noop("Level average per day"), "money"),
            Column("cost_per_day_ratio", gettext_noop("Ratio per day"), "ratio"),
            Column("cost", gettext_noop("Allowed cost"), "money"),
        ),
    ),
    "diagnoses": (
        gettext_noop("Outliers by diagnosis group (ICD-10 chapter)"),
        monitoring.cost_by_diagnosis,
        "-cost_per_claim_ratio",
        FACILITY
        + (
            Column("chapter", gettext_noop("Chapter")),
            Column("claims", gettext_noop("Claims"), "int"),
            Column("cost_per_claim", gettext_noop("Cost per claim"), "money"),
            Column("cost_per_claim_avg", gettext_noop("Average"), "money"),
            Column("cost_per_claim_ratio", gettext_noop("Ratio"), "ratio"),
        ),
    ),
    "settlement": (
        gettext_noop("Settlement of the month"),
        monitoring.settlement,
        "code",
        FACILITY
        + (
            Column("claims", gettext_noop("Claims"), "int"),
            Column("adjusted", gettext_noop("Adjusted"), "int"),
            Column("rejected", gettext_noop("Rejected"), "int"),
            Column("claimed", gettext_noop("Claimed"), "money"),
            Column("payable", gettext_noop("Payable"), "money"),
            Column("cut", gettext_noop("Cut"), "money"),
        ),
    ),
}


def columns(view: str) -> tuple[Column, ...]:
    return VIEWS[view][3]


def rows_for(view: str, year: int, month: int) -> list[dict]:
    return VIEWS[view][1](year, month)


def filtered(rows: list[dict], area: str = "", level: str = "", query: str = "") -> list[dict]:
    """Rows of the area and facility level chosen (blank: all), whose facility code or name contains `query`."""
    needle = query.strip().casefold()[:MAX_QUERY]
    return [
        r
        for r in rows
        if (not area or r["area_code"] == area)
        and (not level or r["level"] == level)
        and (not needle or needle in r["code"].casefold() or needle in r["name"].casefold())
    ]


def sort_key(view: str, sort: str) -> str:
    """The sort asked for when it names a column of the view ('-' first: descending); else the view's default."""
    return sort if sort.lstrip("-") in {c.key for c in columns(view)} else VIEWS[view][2]


def sorted_rows(rows: list[dict], sort: str) -> list[dict]:
    """Sorted by one column; rows without a value (—) come last whichever the direction."""
    key, descending = sort.lstrip("-"), sort.startswith("-")
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    present.sort(
        key=lambda r: (r[key].casefold() if isinstance(r[key], str) else r[key], r["code"]), reverse=descending
    )
    return present + missing


def chart(rows: list[dict], threshold: float) -> dict:
    """Horizontal bars: the facilities whose cost per visit is furthest above their level's average (ratio), with the
    outlier threshold marked. Positions in percent of the drawing's width, so the SVG scales to any screen."""
    ranked = sorted(
        (r for r in rows if r.get("cost_per_visit_ratio") is not None),
        key=lambda r: (-r["cost_per_visit_ratio"], r["code"]),
    )
    bars = ranked[:CHART_BARS]
    top = max([threshold * 1.2] + [r["cost_per_visit_ratio"] for r in bars])
    return {
        "threshold": threshold,
        "threshold_at": round(100 * threshold / top, 2),
        "height": 2 + 1.75 * len(bars),
        "bars": [
            {
                "code": r["code"],
                "name": r["name"],
                "ratio": r["cost_per_visit_ratio"],
                "width": round(100 * r["cost_per_visit_ratio"] / top, 2),
                "outlier": bool(r.get("cost_per_visit_outlier")),
                "y": round(2 + 1.75 * i, 2),
            }
            for i, r in enumerate(bars)
        ],
    }


def _cell(row: dict, column: Column, levels: dict):
    value = row.get(column.key)
    if column.kind == "level":
        return str(levels.get(value, value))
    if column.kind == "ratio" and value is not None:
        return float(value)
    return value


def table(view: str, rows: list[dict], levels: dict) -> tuple[list[str], list[list]]:
    """Headings (in the active language) and cell values of the rows for an export."""
    cols = columns(view)
    return [_(c.label) for c in cols], [[_cell(r, c, levels) for c in cols] for r in rows]


def to_csv(headings: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a BOM (Excel then reads the diacritics); text that a spreadsheet would run as a formula is quoted."""
    out = io.StringIO()
    writer = SpreadsheetSafeWriter(out)
    writer.writerow([spreadsheet_safe(h) for h in headings])
    writer.writerows([("" if v is None else spreadsheet_safe(v)) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(title: str, headings: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "Sheet"
    sheet.append([spreadsheet_safe(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([spreadsheet_safe(h) for h in headings])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_safe(v) for v in row])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column[1:]) if len(column) > 1 else 10
        sheet.column_dimensions[column[0].column_letter].width = min(50, max(8, width + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
