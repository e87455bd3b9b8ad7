"""A hand-built commune with one person or unit for each kind of prospect, and a population extract."""

from __future__ import annotations

import csv
import datetime as dt

from ansinh.core.ids import make_cccd
from ansinh.health.models import Coverage, Facility
from ansinh.linkage import services as linkage
from ansinh.outreach.models import Agent, LabourReport
from ansinh.testing import factories

ON = dt.date(2026, 6, 1)
COMMUNE = "43601"
HEADER = ["cccd", "full_name", "birth_date", "sex", "commune_code", "permanent_address"]


def lapsed_card(person, valid_to: dt.date) -> Coverage:
    return Coverage.objects.create(
        person=person,
        group="GD",
        benefit_digit=4,
        benefit_pct=80,
        valid_from=valid_to.replace(day=1, month=1),
        valid_to=valid_to,
        facility=Facility.objects.get(code="42010"),
        card_code=f"GD442{person.si_number}",
        status="active",
        source="family",
    )


def province(tmp_path) -> dict:
    """{name: person or unit} of every case, with the extract imported."""
    near_poor = factories.household(COMMUNE, poverty="near_poor")
    plain = factories.household(COMMUNE)
    unit = factories.employer()
    people = {
        "uninsured": factories.person("Trần Văn An", dt.date(1990, 5, 1), "male", household=near_poor),
        "employed": factories.person("Lê Thị Bình", dt.date(1985, 2, 3)),
        "near_pension": factories.person("Phạm Văn Cường", dt.date(1975, 7, 9), "male"),
        "left": factories.person("Hoàng Thị Dung", dt.date(1995, 1, 15)),
        "terminated": factories.person("Vũ Văn Em", dt.date(1992, 8, 20), "male"),
        "child": factories.person("Đỗ Minh Giang", dt.date(2016, 4, 4), "male"),
        "lapsed": factories.person("Ngô Thị Hạnh", dt.date(1960, 3, 3), household=plain),
    }
    factories.spell(people["employed"], unit, dt.date(2020, 1, 1))
    factories.spell(people["near_pension"], unit, dt.date(2012, 1, 1), dt.date(2024, 1, 1))
    factories.spell(people["left"], unit, dt.date(2023, 1, 1), dt.date(2026, 1, 31))
    factories.spell(people["terminated"], unit, dt.date(2023, 1, 1), dt.date(2026, 1, 31), end_reason="GH")
    lapsed_card(people["lapsed"], dt.date(2026, 3, 31))
    LabourReport.objects.create(
        unit_code=unit.unit_code,
        reported_on=dt.date(2026, 1, 15),
        workers=5,
        source="Báo cáo tình hình sử dụng lao động",
    )
    stranger = {
        "cccd": make_cccd("042", 1996, "female", 900001),
        "full_name": "Bùi Thị Khánh",
        "birth_date": "1996-06-06",
        "sex": "female",
        "commune_code": COMMUNE,
        "permanent_address": "Thôn 3",
    }
    rows = [
        {
            "cccd": p.cccd,
            "full_name": p.full_name,
            "birth_date": p.birth_date.isoformat(),
            "sex": p.sex,
            "commune_code": COMMUNE,
            "permanent_address": "Thôn 1",
        }
        for p in people.values()
    ] + [stranger]
    path = tmp_path / "extract.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    linkage.import_extract(path)
    return {**people, "unit": unit, "stranger": stranger}


def agents(count: int = 2, commune_code: str = COMMUNE) -> list[Agent]:
    place = factories.commune(commune_code)
    return [
        Agent.objects.create(
            code=f"DL{commune_code}{n}", name=f"Đại lý {n}", kind=Agent.Kind.COLLECTION_AGENT, commune=place
        )
        for n in range(1, count + 1)
    ]
