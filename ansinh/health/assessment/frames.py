"""Loading what an assessment needs from the database into Polars frames, once per run."""

from __future__ import annotations

import polars as pl
from django.conf import settings
from django.db import connection

_CLAIM_COLS = {
    "id": pl.Int64,
    "facility_id": pl.Int64,
    "person_id": pl.Int64,
    "admitted": pl.Datetime("us"),
    "discharged": pl.Datetime("us"),
    "visit_type": pl.String,
    "patient_kind": pl.String,
    "days": pl.Int64,
    "hi_total": pl.Int64,
    "copay_claimed": pl.Int64,
    "fund_claimed": pl.Int64,
    "copay_exempt_from": pl.Date,
    "five_years_from": pl.Date,
}
_LINE_COLS = {
    "id": pl.Int64,
    "claim_id": pl.Int64,
    "code": pl.String,
    "quantity": pl.Float64,
    "unit_price": pl.Float64,
    "amount": pl.Int64,
    "scope": pl.String,
    "service_rate": pl.Int64,
    "hi_rate": pl.Int64,
}
_COVER_COLS = {
    "person_id": pl.Int64,
    "benefit_pct": pl.Int64,
    "valid_from": pl.Date,
    "valid_to": pl.Date,
    "status": pl.String,
    "registered_facility_id": pl.Int64,
    "five_years_from": pl.Date,
}
_HISTORY_COLS = {
    "id": pl.Int64,
    "person_id": pl.Int64,
    "facility_id": pl.Int64,
    "admitted": pl.Datetime("us"),
    "discharged": pl.Datetime("us"),
    "visit_type": pl.String,
    "copay_amount": pl.Int64,
    "route_case": pl.String,
}


def fetch(sql: str, params: list, schema: dict) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    raw = {name: (pl.String if dtype in (pl.Date, pl.Datetime("us")) else dtype) for name, dtype in schema.items()}
    frame = pl.DataFrame(rows, schema=raw, orient="row")
    return _dates(frame, schema)


def _dates(frame: pl.DataFrame, schema: dict) -> pl.DataFrame:
    """Dates come back as text; datetimes are stored in UTC and compared here in local time (visit dates)."""
    out = []
    for name, dtype in schema.items():
        if dtype == pl.Date:
            out.append(pl.col(name).str.slice(0, 10).str.to_date("%Y-%m-%d"))
        elif dtype == pl.Datetime("us"):
            moment = (
                pl.col(name).str.slice(0, 19).str.replace("T", " ").str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us")
            )
            out.append(
                moment.dt.replace_time_zone("UTC")
                .dt.convert_time_zone(settings.TIME_ZONE)
                .dt.replace_time_zone(None)
                .alias(name)
            )
    return frame.with_columns(out) if out else frame


def _select(cols: dict, alias: str = "c") -> str:
    """Dates and datetimes are read as text and decimals as floats (CAST in SQL), which skips a Python conversion per
    value."""

    def one(c, dtype):
        if dtype in (pl.Date, pl.Datetime("us")):
            return f'CAST({alias}."{c}" AS TEXT)'
        return f'CAST({alias}."{c}" AS DOUBLE PRECISION)' if dtype == pl.Float64 else f'{alias}."{c}"'

    return ", ".join(one(c, dtype) for c, dtype in cols.items())


def load(where: str = "{t}.outcome = 'pending'", params: list | None = None) -> dict[str, pl.DataFrame]:
    """The batch of claims that match `where` (written with {t} for the claim table's alias), and what it needs."""
    params = params or []
    claims = fetch(
        f"SELECT {_select(_CLAIM_COLS)} FROM health_claim c WHERE {where.format(t='c')}", params, _CLAIM_COLS
    )
    batch = f"SELECT b.id FROM health_claim b WHERE {where.format(t='b')}"
    people = f"SELECT b.person_id FROM health_claim b WHERE {where.format(t='b')}"
    lines = fetch(
        f"SELECT {_select(_LINE_COLS, 'l')} FROM health_claimline l WHERE l.claim_id IN ({batch})", params, _LINE_COLS
    )
    coverage = fetch(
        f"""SELECT v.person_id, v.benefit_pct, CAST(v.valid_from AS TEXT), CAST(v.valid_to AS TEXT), v.status,
                         v.facility_id, CAST(v.five_years_from AS TEXT)
                         FROM health_coverage v WHERE v.person_id IN ({people})""",
        params,
        _COVER_COLS,
    )
    history = fetch(
        f"""SELECT {_select(_HISTORY_COLS)} FROM health_claim c WHERE c.outcome IN ('accepted', 'adjusted')
                        AND c.person_id IN ({people})""",
        params,
        _HISTORY_COLS,
    )
    catalogue = fetch(
        "SELECT code, reference_price, max_quantity, per_day FROM health_catalogueitem",
        [],
        {"code": pl.String, "reference_price": pl.Int64, "max_quantity": pl.Int64, "per_day": pl.Boolean},
    )
    facilities = fetch(
        "SELECT id, level, former_district FROM health_facility",
        [],
        {"fid": pl.Int64, "level": pl.String, "former_district": pl.Boolean},
    )
    return {
        "claims": claims,
        "lines": lines,
        "coverage": coverage,
        "history": history,
        "catalogue": catalogue,
        "facilities": facilities,
    }
