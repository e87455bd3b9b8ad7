"""The data the dashboard's charts draw (passed to the page with json_script; Chart.js draws it)."""

from __future__ import annotations

from django.utils.translation import gettext as _

COLOURS = {"met": "#1f7a3a", "near": "#a15c00", "off": "#b3261e", "no_target": "#0b5cab", "no_data": "#9aa3ae"}


def _round(value):
    return None if value is None else round(value, 2)


def chart_data(table: dict, ranking: list[dict], series: dict, kpi_code: str) -> dict:
    kpi = next((k for k in table["kpis"] if k["code"] == kpi_code), None)
    target = kpi["target"]["value"] if kpi and kpi["target"] else None
    return {
        "ranking": {
            "title": kpi["name"] if kpi else "",
            "labels": [r["name"] for r in ranking],
            "values": [_round(r["value"]) for r in ranking],
            "colours": [COLOURS[r["status"]] for r in ranking],
            "target": target,
            "height": round(4 + 1.7 * len(ranking), 1),  # rem: one readable bar per area
        },
        "series": {
            "periods": series["periods"],
            "selected": kpi_code,
            "kpis": [
                {
                    "code": k["code"],
                    "name": k["name"],
                    "values": [_round(v) for v in k["values"]],
                    "target": next(
                        (t["target"]["value"] for t in table["kpis"] if t["code"] == k["code"] and t["target"]), None
                    ),
                }
                for k in series["kpis"]
            ],
        },
        "labels": {"target": _("Target"), "value": _("Value (%)"), "no_data": _("no data")},
    }
