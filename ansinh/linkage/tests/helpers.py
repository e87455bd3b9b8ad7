"""A small province and extracts built from it, for the linkage tests."""

from __future__ import annotations

import csv
import datetime as dt

from ansinh.demo.context import DemoContext
from ansinh.linkage import services
from ansinh.registry import demo as registry_demo
from ansinh.registry.models import Person

HEADER = ["cccd", "full_name", "birth_date", "sex", "commune_code", "permanent_address"]


def province(people: int = 1500) -> None:
    registry_demo.build(DemoContext(people=people, seed=11, as_of=dt.date(2025, 6, 1), verbose=False))


def true_rows() -> dict[int, dict]:
    """The registry as it is now, as the population database would write it (keyed by person id)."""
    rows = {}
    for p in Person.objects.select_related("commune").order_by("pk"):
        rows[p.pk] = {
            "cccd": p.cccd,
            "full_name": p.full_name,
            "birth_date": p.birth_date.isoformat(),
            "sex": p.sex,
            "commune_code": p.commune.code,
            "permanent_address": f"Thôn 1, {p.commune.name}",
        }
    return rows


def write_extract(path, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)


def reconcile(tmp_path, rows):
    path = tmp_path / "extract.csv"
    write_extract(path, rows)
    extract, _report = services.import_extract(path)
    return services.reconcile(extract)


def an_adult(**filters) -> Person:
    return Person.objects.filter(birth_date__year__lt=1995, cccd__isnull=False, **filters).order_by("pk").first()
