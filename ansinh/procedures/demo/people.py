"""Dossiers of the demo log-ins (ctx.demo_accounts), so that their portal pages show a realistic mix:
a result posted with its tracking number, one decided online, one waiting for information, one open."""

from __future__ import annotations

import datetime as dt

import polars as pl

from ansinh.procedures.models import Procedure
from ansinh.procedures.rules import add_working_days

# (account label, procedure code, days before as_of, state, delivery)
STORIES = [
    ("employee_citizen", "D1", 60, "approved", "post"),
    ("employee_citizen", "D2", 3, "in_progress", "online"),
    ("pensioner_citizen", "B1", 90, "approved", "online"),
    ("pensioner_citizen", "B2", 5, "info_requested", "counter"),
    ("voluntary_citizen", "E2", 120, "approved", "post"),
    ("voluntary_citizen", "D1", 20, "received", "online"),
    ("employer", "E1", 40, "approved", "online"),
    ("employer", "E1", 1, "received", "online"),
]


def _row(ctx, calendar, procedure, account, people, days_ago, state, delivery) -> dict | None:
    received = ctx.as_of - dt.timedelta(days=days_ago)
    due = add_working_days(calendar, received, procedure.time_limit_days)
    finished = (
        min(ctx.as_of, add_working_days(calendar, received, max(1, procedure.time_limit_days - 1)))
        if state in ("approved", "refused")
        else None
    )
    if account.get("person_id"):
        person = people.filter(pl.col("person_id") == account["person_id"])
        employer_id, commune_id, person_id = None, int(person["commune_id"][0]), account["person_id"]
    else:
        unit = ctx.frames["employers"].filter(pl.col("unit_code") == account["org_code"])
        if unit.height == 0:
            return None
        employer_id, commune_id, person_id = int(unit["employer_id"][0]), int(unit["commune_id"][0]), None
    return {
        "procedure_id": procedure.pk,
        "person_id": person_id,
        "employer_id": employer_id,
        "commune_id": commune_id,
        "channel": "online",
        "state": state,
        "received_on": received,
        "due_on": due,
        "finished_on": finished,
        "paused_on": received + dt.timedelta(days=1) if state == "info_requested" else None,
        "delivery": delivery,
        "delivered_on": finished + dt.timedelta(days=2 if delivery == "post" else 0) if finished else None,
        "tracking_ref": "EV424242424VN" if finished and delivery == "post" else "",
        "postal_address": "Số 8 Nguyễn Du, TP Hà Tĩnh" if delivery == "post" else "",
        "decision_note": "Bổ sung giấy ủy quyền có chứng thực" if state == "info_requested" else "",
    }


def demo_citizen_rows(ctx, calendar) -> pl.DataFrame:
    accounts = getattr(ctx, "demo_accounts", {}) or {}
    procedures = {p.code: p for p in Procedure.objects.all()}
    people = ctx.frames["people"]
    rows = []
    for label, code, days_ago, state, delivery in STORIES:
        if label in accounts and code in procedures:
            row = _row(ctx, calendar, procedures[code], accounts[label], people, days_ago, state, delivery)
            if row is not None:
                rows.append(row)
    schema = {
        "procedure_id": pl.Int64,
        "person_id": pl.Int64,
        "employer_id": pl.Int64,
        "commune_id": pl.Int64,
        "received_on": pl.Date,
        "due_on": pl.Date,
        "finished_on": pl.Date,
        "paused_on": pl.Date,
        "delivered_on": pl.Date,
    }
    return pl.DataFrame(rows, schema_overrides=schema) if rows else pl.DataFrame(schema=schema)
