"""Where to act in an area: its communes' arrears and overdue dossiers, fed by the owning apps' services,
with links to those apps' staff pages (which list the employer units and the dossiers themselves)."""

from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from ansinh.insights import sources
from ansinh.insights.services import places
from ansinh.insights.snapshots import LIVE_SECONDS, figures

# Staff pages of other apps, tried in order; the first that exists is linked.
ARREARS_PAGES = ["contributions:arrears"]
DOSSIER_PAGES = ["services:overdue", "services:dossiers", "services:desk", "services:queue"]


def _rows(app: str, function: str, period: str) -> list[dict] | None:
    """The service's rows for the month, cached like the live figures (the drill-down is read on every visit)."""
    found = sources.service(app, function)
    if found is None:
        return None
    key = f"insights:drill:{function}:{period}"
    rows = cache.get(key)
    if rows is None:
        rows = found(period)
        cache.set(key, rows, LIVE_SECONDS)
    return rows


def _url(names: list[str], **query) -> str:
    for name in names:
        try:
            return reverse(name) + "?" + urlencode({k: v for k, v in query.items() if v})
        except NoReverseMatch:
            continue
    return ""


def _in_area(row: dict, where: dict) -> bool:
    if where["level"] == "province":
        return True
    if where["level"] == "area":
        return row.get("area_code") == where["code"]
    return row.get("commune_code") == where["code"]


def _named(row: dict) -> dict:
    info = places().get(row.get("commune_code") or "", {})
    return dict(row, commune_name=info.get("name", row.get("commune_code") or "—"))


def arrears(period: str, where: dict) -> dict:
    """Communes of the area with overdue contributions, largest first: read from the month's figures (the
    snapshot when closed), so a visit never re-reads every bill of the province."""
    figs = figures(period)
    if not figs.sources.get("arrears"):
        return {"available": False, "rows": [], "link": ""}
    frame = figs.values.filter(
        (pl.col("kpi_code") == "arrears_ratio") & (pl.col("level") == "commune") & (pl.col("numerator") > 0)
    )
    rows = []
    for row in frame.iter_rows(named=True):
        info = places().get(row["area_code"], {})
        if _in_area({"area_code": info.get("parent"), "commune_code": row["area_code"]}, where):
            rows.append(
                _named(
                    {
                        "commune_code": row["area_code"],
                        "overdue": row["numerator"],
                        "due_ytd": row["denominator"],
                        "ratio": row["value"],
                    }
                )
            )
    rows.sort(key=lambda r: -r["overdue"])
    area = where["code"] if where["level"] == "area" else (where["parent"] if where["level"] == "commune" else "")
    return {"available": True, "rows": rows, "link": _url(ARREARS_PAGES, period=period, area=area)}


def overdue_dossiers(period: str, where: dict) -> dict:
    """Communes of the area with dossiers past their time limit, most first."""
    found = _rows("services", "dossier_kpis", period)
    if found is None:
        return {"available": False, "rows": [], "link": ""}
    rows = [_named(r) for r in found if _in_area(r, where) and r.get("overdue")]
    rows.sort(key=lambda r: -r["overdue"])
    return {"available": True, "rows": rows, "link": _url(DOSSIER_PAGES, area=where["code"], overdue=1)}


def for_area(period: str, area_code: str) -> dict:
    where = places()[area_code]
    return {"arrears": arrears(period, where), "dossiers": overdue_dossiers(period, where)}
