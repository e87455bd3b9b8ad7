"""KPIs for managers' tools: GET /api/v1/insights/kpis and /ranking (manager or administrator)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from ansinh.core.api_auth import roles
from ansinh.core.roles import Role
from ansinh.insights import services

router = Router(tags=["insights"])
VIEWERS = roles(Role.MANAGER, Role.ADMINISTRATOR)


class KpiAreaOut(Schema):
    code: str
    name: str
    level: str
    parent: str


class TargetOut(Schema):
    year: int
    comparison: str
    value: float
    source: str
    note: str


class KpiOut(Schema):
    code: str
    name: str
    definition: str
    unit: str
    direction: str
    numerator: int | None
    denominator: int | None
    value: float | None
    previous: float | None
    trend: str
    status: str
    target: TargetOut | None


class FiguresOut(Schema):
    source: str  # "snapshot" (the month was closed) or "live"
    version: int | None
    closed_at: dt.datetime | None
    reason: str
    sources: dict[str, bool]


class KpisOut(Schema):
    period: str
    area: KpiAreaOut
    figures: FiguresOut
    kpis: list[KpiOut]


class RankedOut(Schema):
    area_code: str
    name: str
    numerator: int | None
    denominator: int | None
    value: float | None
    gap: float | None
    status: str


@router.get("/kpis", response=KpisOut, auth=VIEWERS, summary="Every KPI of an area for a month")
def kpis(request, period: str = "", area: str = ""):
    """`period` YYYY-MM (default: the latest closed month); `area` a province, former-district or commune code
    (default: the province). Figures come from the month's latest snapshot when it was closed, else live."""
    data = services.kpi_table(services.parse_period(period), area or None)
    return {"period": data["period"], "area": data["area"], "figures": data["provenance"], "kpis": data["kpis"]}


@router.get("/ranking", response=list[RankedOut], auth=VIEWERS, summary="Areas ranked worst first for one KPI")
def ranking(request, kpi: str, period: str = "", area: str = ""):
    return services.ranking(services.parse_period(period), kpi, area or None)
