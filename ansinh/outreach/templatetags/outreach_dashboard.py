"""The outreach section of the management dashboard: conversion and coverage gained per commune under the
chosen place, and how far the place still is from its SI and HI coverage targets."""

from __future__ import annotations

from django import template

from ansinh.insights.services import places
from ansinh.outreach.rules import rate
from ansinh.outreach.services import conversion_in, short_of_target

register = template.Library()
TOTALS = ("targets", "contacted", "converted", "si_gained", "hi_gained")


@register.inclusion_tag("outreach/_dashboard_section.html")
def outreach_section(table: dict):
    names = places()
    rows = conversion_in(table["area"])
    for row in rows:
        row["name"] = names.get(row["key"], {}).get("name", row["key"])
    total = {k: sum(r[k] for r in rows) for k in TOTALS}
    total["conversion_rate"] = rate(total["converted"], total["contacted"])
    kpis = {k["code"]: k for k in table["kpis"]}
    short = {code: short_of_target(kpis[code]) for code in ("si_coverage", "hi_coverage") if code in kpis}
    return {
        "rows": rows,
        "total": total,
        "area": table["area"],
        "period": table["period"],
        "si_short": short.get("si_coverage"),
        "hi_short": short.get("hi_coverage"),
    }
