"""Coverage of several days from one read of the sources (the KPIs' month ends, the demo's checkpoints) is, day by
day, what a read for that day alone gives: hires, departures, a death, a child turning six, a list joined, a card
stopped, a pension starting and a household's paid family HI all change who is covered between the days."""

import datetime as dt

import polars as pl
import pytest

from ansinh.benefits.models import Entitlement
from ansinh.contributions.assessment import assess
from ansinh.contributions.models import FamilyHIEnrolment
from ansinh.contributions.payments import record_payment
from ansinh.core.periods import Period
from ansinh.health.coverage import Sources, members_on, members_on_days
from ansinh.health.models import CardStop
from ansinh.health.tests.helpers_coverage import employee, varied_people
from ansinh.testing import factories

pytestmark = pytest.mark.django_db

DAYS = [dt.date(2025, month, 1) for month in range(1, 13)] + [dt.date(2025, 5, 15), dt.date(2025, 5, 16)]


def more_changes() -> None:
    stopped = employee(commune_code="43602")
    CardStop.objects.create(person=stopped, result_code="004", reason="test", effective=dt.date(2025, 8, 10))
    retiree = factories.person(birth_date=dt.date(1962, 2, 1), commune_code="43701")
    Entitlement.objects.create(
        person=retiree,
        kind="pension",
        monthly=True,
        amount=6_000_000,
        start=dt.date(2025, 9, 1),
        decision_number="HT-1",
    )
    home = factories.household("43601")
    member = factories.person(household=home, commune_code="43601")
    FamilyHIEnrolment.objects.create(household=home, person=member, schedule_months=3, start_period="2025-04")
    assess(Period.parse("2025-04"))
    record_payment("agent", "BD-1", dt.date(2025, 4, 10), 3 * 105_300, home.code)


def as_set(frame: pl.DataFrame) -> set[tuple]:
    return set(frame.select("person_id", "commune_id").iter_rows())


def test_each_day_read_with_the_others_is_the_day_read_alone():
    varied_people()
    more_changes()
    together = members_on_days(DAYS)
    alone = {day: members_on(day) for day in DAYS}
    assert {day: as_set(frame) for day, frame in together.items()} == {day: as_set(f) for day, f in alone.items()}
    assert len({frozenset(as_set(frame)) for frame in alone.values()}) >= 6  # the days do differ


def test_a_day_outside_the_read_is_refused():
    sources = Sources(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    with pytest.raises(ValueError, match="outside"):
        sources.on(dt.date(2025, 4, 1))
