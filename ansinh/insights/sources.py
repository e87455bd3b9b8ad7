"""Where each measure comes from: the other apps' public services (brief/contracts.md), never their tables.

A source gives rows per commune (or per former district) with named measures. When the app that owns a
source has not shipped its service, the source is "unavailable" and its KPIs show no data: never a guess.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

import polars as pl

from ansinh.core.periods import Period


@dataclass(frozen=True)
class Source:
    key: str
    app: str
    function: str
    granularity: str  # "commune" or "area": the finest level its rows can be placed at
    measures: dict  # measure name → field of the service's rows
    needs: str = "period"  # what the service takes: "period" ('YYYY-MM'), "date" (last day) or "nothing"


SOURCES = [
    Source("participants", "contributions", "participants_by_commune", "commune",
           {"si_compulsory": "compulsory", "si_voluntary": "voluntary"}),
    Source("arrears", "contributions", "arrears_by_area", "commune",
           {"arrears_overdue": "overdue", "arrears_due_ytd": "due_ytd"}),
    Source("e_units", "contributions", "electronic_units_by_area", "area",
           {"e_units": "electronic_units", "units": "units"}),
    Source("hi", "health", "hi_members_by_commune", "commune", {"hi_members": "members"}, needs="date"),
    Source("dossiers", "services", "dossier_kpis", "commune",
           {"dossiers_received": "received", "dossiers_electronic": "electronic", "dossiers_by_post": "by_post",
            "dossiers_finished": "finished", "dossiers_on_time": "on_time", "dossiers_overdue": "overdue"}),
    Source("cashless", "benefits", "cashless_by_commune", "commune",
           {"benefit_payments": "payments", "benefit_bank_payments": "bank_payments"}),
    Source("sync", "linkage", "sync_by_commune", "commune",
           {"sync_participants": "participants", "sync_synced": "synced"}, needs="nothing"),
]
# Measures derived from others after aggregation.
DERIVED = {"si_participants": ("si_compulsory", "si_voluntary")}


def service(app: str, function: str):
    """The other app's public function, or None while that app has not shipped it."""
    module_name = f"ansinh.{app}.services"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module_name.startswith(exc.name):
            raise  # a real bug inside their module must not pass for "no data"
        return None
    return getattr(module, function, None)


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
