"""The feedback section of the management dashboard: volumes, answers on time and satisfaction per place
under the chosen province, former district or commune, for the chosen month."""

from __future__ import annotations

from django import template

from ansinh.feedback.services import feedback_kpis
from ansinh.insights.services import places

register = template.Library()
MEASURES = ("received", "answered", "on_time", "rated", "satisfied", "rating_total", "overdue")


def _rows_for(period: str, area: dict) -> list[dict]:
    """One row per former district (province chosen) or per commune (district or commune chosen)."""
    by_key: dict[str, dict] = {}
    for row in feedback_kpis(period):
        if area["level"] == "area" and row["area_code"] != area["code"]:
            continue
        if area["level"] == "commune" and row["commune_code"] != area["code"]:
            continue
        key = row["area_code"] if area["level"] == "province" else row["commune_code"]
        total = by_key.setdefault(key, {"code": key, **{m: 0 for m in MEASURES}})
        for measure in MEASURES:
            total[measure] += row[measure]
    return [_with_rates(r) for r in sorted(by_key.values(), key=lambda r: r["code"])]


def _with_rates(row: dict) -> dict:
    row["on_time_pct"] = round(100 * row["on_time"] / row["answered"], 1) if row["answered"] else None
    row["satisfied_pct"] = round(100 * row["satisfied"] / row["rated"], 1) if row["rated"] else None
    row["mean_rating"] = round(row["rating_total"] / row["rated"], 2) if row["rated"] else None
    return row


@register.inclusion_tag("feedback/_dashboard_section.html")
def feedback_section(period: str, area: dict):
    names = places()
    rows = _rows_for(period, area)
    for row in rows:
        row["name"] = names.get(row["code"], {}).get("name", row["code"])
    total = _with_rates({"code": "", **{m: sum(r[m] for r in rows) for m in MEASURES}})
    return {"rows": rows, "total": total, "period": period}
