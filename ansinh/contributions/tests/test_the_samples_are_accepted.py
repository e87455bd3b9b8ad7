"""The sample of each accepted form in contributions/samples (the ones docs/contributions.md shows employers)
is accepted as it stands, for a unit whose workers it names."""

import datetime as dt
from pathlib import Path

import pytest

from ansinh.contributions.declaration_service import submit
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def unit():
    unit = factories.employer(unit_code="TS01234", wage_region="III")
    for name, si, cccd, born, sex in (
        ("Trần Thị Bình", "4200001001", "042190001001", dt.date(1990, 8, 20), "female"),
        ("Phạm Văn Dũng", "4200001002", "042088001002", dt.date(1988, 11, 30), "male"),
    ):
        # The samples name these SI numbers; the factory's own numbers run through them once enough people exist.
        worker = factories.person(full_name=name, cccd=cccd, birth_date=born, sex=sex, si_number=si)
        factories.spell(worker, unit, dt.date(2024, 1, 1), salary=6_000_000)
    return unit


@pytest.mark.parametrize(
    "name, form, changes",
    [
        ("d02-lt-tk1-ts-ivan.xlsx", "ivan", {"TM": 2, "DC": 1, "GH": 1}),
        ("d02-lt-printed.xlsx", "d02lt", {"TM": 1, "DC": 1, "GH": 1}),
        ("declaration-sample.csv", "simple", {"TM": 1, "DC": 1, "GH": 1}),
    ],
)
def test_each_sample_is_accepted(unit, name, form, changes):
    declaration = submit(unit, name, (SAMPLES / name).read_bytes(), today=dt.date(2025, 7, 10))
    assert declaration.status == "accepted", declaration.errors
    assert (declaration.form, declaration.changes) == (form, changes)
