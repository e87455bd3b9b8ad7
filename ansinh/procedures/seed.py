"""Seeds the procedure catalogue and the working-day calendar from services/data after every migrate.
Only missing rows are added: what an administrator edited in the admin is never overwritten."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).parent / "data"
PROCEDURE_FIELDS = (
    "group",
    "name",
    "name_en",
    "time_limit_days",
    "time_limit_source",
    "time_limit_assumed",
    "citizens_may_file",
    "employers_may_file",
    "delivery_online",
    "delivery_counter",
    "delivery_post",
    "handling_role",
    "opens_case",
)


@transaction.atomic
def load_catalogue(path: Path = DATA / "procedures.toml") -> int:
    from ansinh.procedures.models import Procedure, RequiredDocument

    entries = tomllib.loads(path.read_text(encoding="utf-8"))["procedure"]
    existing = set(Procedure.objects.values_list("code", flat=True))
    added = 0
    for order, entry in enumerate(entries, start=1):
        if entry["code"] in existing:
            continue
        fields = {k: entry[k] for k in PROCEDURE_FIELDS if k in entry}
        procedure = Procedure.objects.create(code=entry["code"], order=order, **fields)
        RequiredDocument.objects.bulk_create(
            RequiredDocument(procedure=procedure, name=vi, name_en=en, order=n)
            for n, (vi, en) in enumerate(entry["documents"])
        )
        added += 1
    return added


@transaction.atomic
def load_calendar(path: Path = DATA / "calendar.csv") -> int:
    from ansinh.procedures.models import CalendarDay

    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    new = [
        CalendarDay(date=dt.date.fromisoformat(r["date"]), kind=r["kind"], name=r["name"], source=r["source"])
        for r in rows
        if dt.date.fromisoformat(r["date"]) not in existing
    ]
    CalendarDay.objects.bulk_create(new)
    return len(new)


def load_seed() -> None:
    load_catalogue()
    load_calendar()
