"""Loads the province's areas (real data, geo/data/areas.csv) and their communes.

Commune names and populations are generated from a fixed seed (the official names were not part of the
reference data): each area gets the right number of wards, townships and communes, and its population
and labour force are split among them.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from django.db import transaction

# Hà Tĩnh in the national list of administrative units; the same two digits begin its social-insurance numbers,
# household and facility codes and are the province part of the old health-insurance card code.
PROVINCE_CODE = "42"
PROVINCE_NAME = "Hà Tĩnh"
_AREAS_FILE = Path(__file__).parent / "data" / "areas.csv"
_PLACE_WORDS = (
    "An Bình Phú Thịnh Hưng Hòa Lộc Phúc Thạch Sơn Xuân Đồng Tân Mỹ Trung Bắc Nam Đông Tây Hải Thành Quang "
    "Vinh Kỳ Cẩm Hương Đức Tiến Liên Minh Yên Thuận Trường Long Gia Thanh Hồng Nghĩa Lạc Điền Thượng Hạ"
).split()
_PREFIX = {"ward": "Phường", "township": "Thị trấn", "commune": "Xã"}
_HIGHLAND = {"439", "441", "444", "447"}


def area_rows() -> list[dict]:
    with _AREAS_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _commune_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(_PLACE_WORDS)} {rng.choice(_PLACE_WORDS)}")
    return sorted(names)


def _split(total: int, weights: list[float]) -> list[int]:
    scale = sum(weights)
    parts = [int(total * w / scale) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def commune_rows(area: dict) -> list[dict]:
    rng = random.Random(f"communes-{area['code']}")
    kinds = (
        ["ward"] * int(area["wards"])
        + ["township"] * int(area["townships"])
        + ["commune"] * int(area["rural_communes"])
    )
    names = _commune_names(rng, len(kinds))
    weights = [rng.uniform(1.6, 2.4) if kind != "commune" else rng.uniform(0.6, 1.4) for kind in kinds]
    population = int(area["population"])
    pops = _split(population, weights)
    labour = _split(round(population * float(area["labour_share"])), weights)
    return [
        {
            "code": f"{area['code']}{i + 1:02d}",
            "name": f"{_PREFIX[kind]} {name}",
            "kind": kind,
            "population": pop,
            "labour_force": lab,
            "disadvantaged": area["code"] in _HIGHLAND and kind == "commune" and rng.random() < 0.3,
        }
        for i, (kind, name, pop, lab) in enumerate(zip(kinds, names, pops, labour, strict=False))
    ]


@transaction.atomic
def load_reference(area_model=None, commune_model=None) -> int:
    """Create or update the areas and communes; returns the number of communes. Idempotent."""
    from ansinh.geo.models import Area, Commune

    area_model = area_model or Area
    commune_model = commune_model or Commune
    if not area_model.objects.exists():
        return _create_all(area_model, commune_model)
    count = 0
    for row in area_rows():
        area, _ = area_model.objects.update_or_create(code=row["code"], defaults=_area_fields(row))
        for commune in commune_rows(row):
            code = commune.pop("code")
            commune_model.objects.update_or_create(code=code, defaults={**commune, "area": area})
            count += 1
    return count


def load_if_missing() -> None:
    """The areas and communes when there are none (a new database, or one a flush emptied); skipped otherwise,
    since load_reference updates every commune one by one."""
    from ansinh.geo.models import Area

    if not Area.objects.exists():
        load_reference()


def _area_fields(row: dict) -> dict:
    population = int(row["population"])
    return {
        "name": row["name"],
        "kind": row["kind"],
        "population": population,
        "labour_force": round(population * float(row["labour_share"])),
        "wage_region": row["wage_region"],
        "source_note": row["population_note"],
    }


def _create_all(area_model, commune_model) -> int:
    """First load (or after a flush): bulk inserts, no per-row queries."""
    rows = area_rows()
    areas = area_model.objects.bulk_create([area_model(code=row["code"], **_area_fields(row)) for row in rows])
    by_code = (
        {area.code: area for area in area_model.objects.all()}
        if not all(a.pk for a in areas)
        else {a.code: a for a in areas}
    )
    communes = [commune_model(area=by_code[row["code"]], **commune) for row in rows for commune in commune_rows(row)]
    commune_model.objects.bulk_create(communes)
    return len(communes)
