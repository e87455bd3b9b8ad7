"""Where each measure comes from: the other apps' public services (their `services` modules), never their tables.

A source gives rows per commune (or per former district) with named measures. When the app that owns a
source does not offer its function, the source is "unavailable" and its KPIs show no data: never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ansinh.benefits import services as benefits_services
from ansinh.contributions import services as contributions_services
from ansinh.core.periods import Period
from ansinh.health import services as health_services
from ansinh.linkage import services as linkage_services
from ansinh.procedures import services as services_services


@dataclass(frozen=True)
class Source:
    key: str
    app: str
    function: str
    granularity: str  # "commune" or "area": the finest level its rows can be placed at
    measures: dict  # measure name → field of the service's rows
    needs: str = "period"  # what the service takes: "period" ('YYYY-MM'), "date" (last day) or "nothing"


SOURCES = [
    Source(
        "participants",
        "contributions",
        "participants_by_commune",
        "commune",
        {"si_compulsory": "compulsory", "si_voluntary": "voluntary"},
    ),
    Source(
        "arrears",
        "contributions",
        "arrears_by_area",
        "commune",
        {"arrears_overdue": "overdue", "arrears_due_ytd": "due_ytd"},
    ),
    Source(
        "e_units",
        "contributions",
        "electronic_units_by_area",
        "area",
        {"e_units": "electronic_units", "units": "units"},
    ),
    Source("hi", "health", "hi_members_by_commune", "commune", {"hi_members": "members"}, needs="date"),
    Source(
        "dossiers",
        "services",
        "dossier_kpis",
        "commune",
        {
            "dossiers_received": "received",
            "dossiers_electronic": "electronic",
            "dossiers_by_post": "by_post",
            "dossiers_finished": "finished",
            "dossiers_on_time": "on_time",
            "dossiers_overdue": "overdue",
        },
    ),
    Source(
        "cashless",
        "benefits",
        "cashless_by_commune",
        "commune",
        {"benefit_payments": "payments", "benefit_bank_payments": "bank_payments"},
    ),
    Source(
        "sync",
        "linkage",
        "sync_by_commune",
        "commune",
        {"sync_participants": "participants", "sync_synced": "synced"},
        needs="nothing",
    ),
]
# Measures derived from others after aggregation.
DERIVED = {"si_participants": ("si_compulsory", "si_voluntary")}


# Each source's app and its public module, imported here so that a broken module fails loudly at start.
SERVICES = {
    "benefits": benefits_services,
    "contributions": contributions_services,
    "health": health_services,
    "linkage": linkage_services,
    "services": services_services,
}


def service(app: str, function: str):
    """The other app's public function, or None when that app does not offer it."""
    module = SERVICES.get(app)
    return None if module is None else getattr(module, function, None)


def available(source: Source) -> bool:
    return service(source.app, source.function) is not None


def fetch(source: Source, period: str) -> pl.DataFrame | None:
    """Rows (commune_code, area_code, measures…) for the month, or None when the source is unavailable."""
    function = service(source.app, source.function)
    if function is None:
        return None
    argument = {"period": (period,), "date": (Period.parse(period).last_day,), "nothing": ()}[source.needs]
    rows = function(*argument)
    return _frame(source, rows)


def _frame(source: Source, rows: list[dict]) -> pl.DataFrame:
    columns = {
        "commune_code": pl.Series([r.get("commune_code") for r in rows], dtype=pl.String),
        "area_code": pl.Series([r.get("area_code") for r in rows], dtype=pl.String),
    }
    for measure, field in source.measures.items():
        columns[measure] = pl.Series([int(r.get(field) or 0) for r in rows], dtype=pl.Int64)
    return pl.DataFrame(columns)
