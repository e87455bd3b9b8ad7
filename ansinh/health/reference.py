"""Loads the health reference data: HI groups, ICD-10 diagnoses, the catalogue and the medical facilities.

Facilities: the two named in shared/data/facilities.csv had no known 5-character code, so every code here is
assigned for the demo province (42 = Hà Tĩnh, then 3 digits): 42001 the provincial general hospital, 42002
the Thạch Hà district general hospital, 420xx a medical centre per area, 421xx–424xx a health station per
commune. An administrator corrects names and codes in the admin.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction

from ansinh.core.errors import DomainError, FieldError
from ansinh.geo.reference import PROVINCE_CODE

DATA = Path(__file__).parent / "data"
CATALOGUE_COLUMNS = (
    "code",
    "kind",
    "name",
    "unit",
    "reference_price",
    "max_quantity",
    "per_day",
    "valid_from",
    "source",
)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def load_groups() -> int:
    from ansinh.health.models import HIGroup

    rows = [
        HIGroup(code=r["code"], name_vi=r["name_vi"], name_en=r["name_en"], payer=r["payer_group"])
        for r in _rows(DATA / "hi_groups.csv")
    ]
    HIGroup.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def load_diagnoses() -> int:
    from ansinh.health.models import Diagnosis

    rows = [
        Diagnosis(code=r["code"], name_en=r["name_en"], name_vi="" if r["name_vi"] == "MISSING" else r["name_vi"])
        for r in _rows(DATA / "icd10_common.csv")
    ]
    Diagnosis.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def facility_rows() -> list[dict]:
    """Facility rows for the whole province: the two known hospitals, an area centre each, a commune station each."""
    from ansinh.geo.models import Area, Commune

    areas = {a.code: a for a in Area.objects.all()}
    rows = [
        {
            "code": "42001",
            "name": "Bệnh viện Đa khoa tỉnh Hà Tĩnh",
            "level": "specialized",
            "former_district": False,
            "area": areas["436"],
            "commune": None,
            "source": "shared/data/facilities.csv (code assigned)",
        },
        {
            "code": "42002",
            "name": "Bệnh viện Đa khoa huyện Thạch Hà",
            "level": "basic",
            "former_district": True,
            "area": areas["445"],
            "commune": None,
            "source": "shared/data/facilities.csv (code assigned)",
        },
    ]
    for n, area in enumerate(sorted(areas.values(), key=lambda a: a.code), start=10):
        rows.append(
            {
                "code": f"{PROVINCE_CODE}{n:03d}",
                "name": f"Trung tâm Y tế {area.name[0].lower()}{area.name[1:]}",
                "level": "basic",
                "former_district": True,
                "area": area,
                "commune": None,
                "source": "generated for the demo",
            }
        )
    for n, commune in enumerate(Commune.objects.select_related("area").order_by("code"), start=101):
        prefix = "Trạm Y tế phường" if commune.kind == "ward" else "Trạm Y tế"
        name = commune.name if commune.kind != "ward" else commune.name.removeprefix("Phường ").strip()
        rows.append(
            {
                "code": f"{PROVINCE_CODE}{n:03d}",
                "name": f"{prefix} {name}",
                "level": "primary",
                "former_district": False,
                "area": commune.area,
                "commune": commune,
                "source": "generated for the demo",
            }
        )
    return rows


def load_facilities() -> int:
    from ansinh.health.models import Facility

    rows = [Facility(**row) for row in facility_rows()]
    Facility.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def parse_catalogue(path: Path) -> list[dict]:
    """Catalogue rows checked field by field; every error names its row and field, and nothing is loaded."""
    errors, items = [], []
    for number, row in enumerate(_rows(path), start=1):
        missing = [c for c in CATALOGUE_COLUMNS if c not in row or row[c] in (None, "") and c != "source"]
        if missing:
            errors += [FieldError(c, "missing value", "required", "row", number) for c in missing]
            continue
        try:
            items.append(
                {
                    "code": row["code"].strip(),
                    "kind": row["kind"].strip(),
                    "name": row["name"].strip(),
                    "unit": row["unit"].strip(),
                    "reference_price": int(row["reference_price"]),
                    "max_quantity": int(row["max_quantity"]),
                    "per_day": row["per_day"].strip() in ("1", "true", "yes"),
                    "valid_from": dt.date.fromisoformat(row["valid_from"]),
                    "source": row.get("source", ""),
                }
            )
        except ValueError as exc:
            errors.append(FieldError("row", f"unreadable value: {exc}", "invalid", "row", number))
            continue
        if items[-1]["kind"] not in ("drug", "service", "supply"):
            errors.append(FieldError("kind", "must be drug, service or supply", "invalid", "row", number))
        if items[-1]["reference_price"] <= 0:
            errors.append(FieldError("reference_price", "must be a positive amount in đồng", "invalid", "row", number))
    if errors:
        raise DomainError(errors)
    return items


@transaction.atomic
def import_catalogue(path: Path) -> tuple[int, int]:
    """Insert new codes and update known ones (price, limit, validity). Returns (created, updated)."""
    from ansinh.health.models import CatalogueItem

    items = parse_catalogue(path)
    known = set(CatalogueItem.objects.values_list("code", flat=True))
    fresh = [CatalogueItem(**i) for i in items if i["code"] not in known]
    CatalogueItem.objects.bulk_create(fresh)
    changed = [CatalogueItem(**i) for i in items if i["code"] in known]
    ids = dict(CatalogueItem.objects.filter(code__in=[c.code for c in changed]).values_list("code", "id"))
    for item in changed:
        item.id = ids[item.code]
    CatalogueItem.objects.bulk_update(
        changed, ["kind", "name", "unit", "reference_price", "max_quantity", "per_day", "valid_from", "source"]
    )
    return len(fresh), len(changed)


def load_reference() -> None:
    """Everything a deployment needs, loaded when missing (also after a test flush)."""
    from ansinh.health.models import CatalogueItem, Diagnosis, Facility, HIGroup

    if not HIGroup.objects.exists():
        load_groups()
    if not Diagnosis.objects.exists():
        load_diagnoses()
    if not CatalogueItem.objects.exists():
        import_catalogue(DATA / "catalogue.csv")
    if not Facility.objects.exists():
        load_facilities()


_group_names: dict[str, tuple[str, str]] = {}


def group_name(code: str) -> str:
    """The group's name in the active language (cached in the process: groups are fixed reference data)."""
    from django.utils.translation import get_language

    from ansinh.health.models import HIGroup

    if code not in _group_names:
        _group_names.update({g.code: (g.name_vi, g.name_en) for g in HIGroup.objects.all()})
    vi, en = _group_names.get(code, (code, code))
    return en if (get_language() or "vi").startswith("en") and en != "UNKNOWN" else vi
