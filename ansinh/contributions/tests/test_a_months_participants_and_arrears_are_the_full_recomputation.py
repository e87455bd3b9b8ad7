"""A month's participants and arrears per commune, read through their indexes (arrears: today's open bills put
back as they stood at the month's end), are exactly the figures recomputed from every person line, bill and
allocation, for every month of a history, also after payments dated back into closed months, a payment
assigned from the suspense queue, a bill issued late for a past month and an officer's allocation on a past day.
"""

import datetime as dt
import random

import polars as pl
import pytest

from ansinh.contributions import services
from ansinh.contributions.assessment import assess
from ansinh.contributions.models import Allocation, AssessmentLine, Payment, Receivable
from ansinh.contributions.payments import allocate, assign_suspense, record_payment
from ansinh.core.periods import Period
from ansinh.registry.models import Person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db

MONTHS = [str(Period(2025, 1).plus(k)) for k in range(14)]  # 2025-01 … 2026-02


def _participants_recomputed(period: str) -> list[dict]:
    """Distinct people per commune whose employer or voluntary line covers the month, from every line on file
    (a line billed more than 12 months before the month is not counted, as the service's contract says)."""
    at = Period.parse(period).index
    lines = pl.DataFrame(
        list(AssessmentLine.objects.values_list("person_id", "payer_kind", "period", "months")),
        schema={"person_id": pl.Int64, "payer_kind": pl.String, "period": pl.String, "months": pl.Int64},
        orient="row",
    )
    start = pl.col("period").str.slice(0, 4).cast(pl.Int64) * 12 + pl.col("period").str.slice(5, 2).cast(pl.Int64) - 1
    homes = pl.DataFrame(
        list(Person.objects.values_list("id", "commune__code")),
        schema={"person_id": pl.Int64, "commune_code": pl.String},
        orient="row",
    )
    covering = lines.filter(
        pl.col("payer_kind").is_in(["employer", "voluntary"]),
        start <= at,
        start >= at - 12,
        start + pl.col("months") > at,
    ).join(homes, on="person_id")
    counts = covering.group_by("commune_code").agg(
        pl.col("person_id").filter(pl.col("payer_kind") == kind).n_unique().alias(name)
        for kind, name in (("employer", "compulsory"), ("voluntary", "voluntary"))
    )
    return counts.sort("commune_code").to_dicts()


def _arrears_recomputed(period: str) -> list[dict]:
    """Per employer commune, from every employer bill up to the month and every allocation made to it by the
    month's last day: units billed, amount due January…month, amount overdue at the month's end."""
    month = Period.parse(period)
    day = month.last_day
    paid: dict[int, int] = {}
    for bill_id, on, amount in Allocation.objects.values_list("receivable_id", "allocated_on", "amount"):
        if on <= day:
            paid[bill_id] = paid.get(bill_id, 0) + amount
    rows: dict[tuple[str, str], dict] = {}
    bills = Receivable.objects.filter(payer_kind="employer", period__lte=period).values_list(
        "id", "commune__area__code", "commune__code", "employer_id", "period", "amount", "due_date"
    )
    units: dict[tuple[str, str], set] = {}
    for bill_id, area, commune, employer_id, bill_period, amount, due in bills:
        row = rows.setdefault((area, commune), {"area_code": area, "commune_code": commune, "due_ytd": 0, "overdue": 0})
        units.setdefault((area, commune), set()).add(employer_id)
        if bill_period >= f"{month.year:04d}-01":
            row["due_ytd"] += amount
        if due < day:
            row["overdue"] += max(0, amount - paid.get(bill_id, 0))
    return [
        {
            "area_code": key[0],
            "commune_code": key[1],
            "employer_count": len(units[key]),
            "due_ytd": rows[key]["due_ytd"],
            "overdue": rows[key]["overdue"],
        }
        for key in sorted(rows)
    ]


def _assert_every_month_as_recomputed():
    for period in MONTHS:
        assert services.participants_by_commune(period) == _participants_recomputed(period), period
        assert services.arrears_by_area(period) == _arrears_recomputed(period), period


@pytest.fixture
def history():
    """Four units in three communes, workers who live elsewhere than their unit, a worker with two units,
    voluntary participants paying 1, 3, 6 and 12 months at a time, a household on family HI, and a year of bills
    paid on time, late, in part, or not at all."""
    units = [
        factories.employer(wage_region="I", commune_code="43601"),
        factories.employer(wage_region="II", commune_code="43601"),
        factories.employer(wage_region="III", commune_code="43701"),
        factories.employer(wage_region="II", commune_code="43602"),
    ]
    homes = ["43601", "43602", "43701", "43601", "43602"]
    for k, unit in enumerate(units):
        for j in range(3):
            worker = factories.person(commune_code=homes[(k + j) % len(homes)])
            ends = dt.date(2025, 6, 30) if j == 2 else None
            factories.spell(worker, unit, dt.date(2024, 1, 1), end=ends, salary=6_000_000 + 1_000_000 * j)
    both = factories.person(commune_code="43602")
    factories.spell(both, units[0], dt.date(2024, 1, 1), salary=8_000_000)
    factories.spell(both, units[2], dt.date(2025, 3, 1), salary=5_000_000)
    for months, start, home in ((1, "2025-01", "43601"), (3, "2025-02", "43602"), (6, "2025-01", "43701")):
        services.enrol_voluntary(factories.person(commune_code=home), 2_000_000, "other", months, start)
    services.enrol_voluntary(factories.person(commune_code="43701"), 3_000_000, "other", 12, "2025-03")
    house = factories.household(commune_code="43602")
    services.enrol_family_hi(factories.person(household=house, commune_code="43602"), "2025-01")
    for period in MONTHS[:9]:
        assess(Period.parse(period))
    by_unit = {u.unit_code: Receivable.objects.filter(payer_code=u.unit_code) for u in units}
    draw = random.Random(19)
    for number, unit in enumerate(units[:3]):
        for bill_period in MONTHS[: 8 - number]:
            amount = sum(b.amount for b in by_unit[unit.unit_code] if b.period == bill_period)
            part = amount if number == 0 else amount * draw.choice([1, 1, 2]) // 2 - draw.randint(0, 9)
            received = Period.parse(bill_period).plus(1).first_day + dt.timedelta(days=draw.randint(0, 50))
            record_payment("bank", f"P-{unit.unit_code}-{bill_period}", received, part, payer_code=unit.unit_code)
    return units


def test_participants_and_arrears_of_every_month_are_the_full_recomputation(history):
    assert Allocation.objects.exists() and Receivable.objects.filter(paid_amount=0, payer_kind="employer").exists()
    _assert_every_month_as_recomputed()


def test_they_stay_the_full_recomputation_after_corrections_to_past_months(history):
    units = history
    # Money received months ago, recorded only now: it is allocated to the oldest open bills on its own day.
    record_payment("bank", "LATE-1", dt.date(2025, 3, 3), 9_000_000, payer_code=units[1].unit_code)
    record_payment("bank", "LATE-2", dt.date(2025, 2, 10), 4_000_000, payer_code=units[2].unit_code)
    # A transfer without a payer code waits in suspense, then an officer names the unit.
    waiting, _ = record_payment("bank", "SUSP-1", dt.date(2025, 5, 20), 5_000_000)
    assert waiting.status == Payment.Status.SUSPENSE
    assign_suspense(waiting, units[3].unit_code, by_user=None)
    # An officer allocates a unit's credit on a past day.
    record_payment("bank", "P-PAST", dt.date(2025, 9, 14), 3_000_000, payer_code=units[3].unit_code)
    allocate(units[3].unit_code, on=dt.date(2025, 4, 30))
    # A unit found late: hired since 2024, billed now for months already closed.
    found = factories.employer(wage_region="I", commune_code="43701")
    factories.spell(factories.person(commune_code="43701"), found, dt.date(2024, 6, 1), salary=9_000_000)
    for period in MONTHS[2:5]:
        assess(Period.parse(period))
    record_payment("bank", "FOUND-1", dt.date(2025, 4, 2), 2_500_000, payer_code=found.unit_code)
    for period in MONTHS[9:]:
        assess(Period.parse(period))
    _assert_every_month_as_recomputed()


def test_a_month_before_any_bill_has_no_rows(history):
    assert services.arrears_by_area("2023-12") == _arrears_recomputed("2023-12") == []
    assert services.participants_by_commune("2023-12") == _participants_recomputed("2023-12") == []
