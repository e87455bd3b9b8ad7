"""Declarations that reach into months already billed: a late hire is back-collected with late-payment interest,
a late leaving is refunded, back-collection (AD) and refund (SB) of a range, health insurance only (TT, TU).
The differences are billed with the next month, the interest as its own line; billed + adjusted always equals
what the spells say is due, and re-running a month adds nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.contributions import rules
from ansinh.contributions.assessment import assess
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.models import Adjustment, AssessmentLine, Receivable
from ansinh.core.periods import Period
from ansinh.policy.services import params_on
from ansinh.testing import factories

from .employer_files import ivan_workbook

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 10)


@pytest.fixture
def unit():
    unit = factories.employer(wage_region="III")
    factories.spell(factories.person(), unit, dt.date(2024, 1, 1), salary=8_000_000)
    for month in ("2025-04", "2025-05", "2025-06"):
        assess(Period.parse(month))
    return unit


def _send(unit, *rows):
    return submit(
        unit, "D02.xlsx", ivan_workbook([{"STT": n, **row} for n, row in enumerate(rows, start=1)]), today=TODAY
    )


def _total(salary: int, month: str) -> int:
    return sum(s.amount for s in rules.compulsory_contribution(params_on(Period.parse(month).first_day), salary, "III"))


def _interest(amount: int, due: dt.date) -> int:
    return rules.late_interest(amount, (TODAY - due).days, params_on(TODAY).rate("late_interest.daily_rate"))


def test_a_late_hire_is_back_collected_with_interest_and_billed_with_the_next_month(unit):
    hire = {
        "HoTen": "Lê Thị Hoa",
        "PA": "TM",
        "TuThang": "05/2025",
        "TienLuong": 6_000_000,
        "PhuCapLuong": 500_000,
        "CMND": "042197004321",
        "NgaySinh": "05/03/1997",
        "GioiTinh": 0,
    }
    declaration = _send(unit, hire)
    assert declaration.status == "accepted", declaration.errors
    made = {a.period: a for a in Adjustment.objects.filter(declaration=declaration)}
    assert set(made) == {"2025-05", "2025-06"}
    for month, due in (("2025-05", dt.date(2025, 5, 31)), ("2025-06", dt.date(2025, 6, 30))):
        assert made[month].amount == _total(6_500_000, month) and made[month].basis_after == 6_500_000
        assert made[month].interest == _interest(made[month].amount, due) > 0

    before_july = Receivable.objects.count()
    assess(Period.parse("2025-07"))
    july = {r.fund: r for r in Receivable.objects.filter(payer_code=unit.unit_code, period="2025-07")}
    assert Receivable.objects.count() > before_july
    own_month = _total(8_000_000, "2025-07") + _total(6_500_000, "2025-07")
    adjusted = sum(a.amount for a in made.values())
    assert sum(r.amount for f, r in july.items() if f != "late_interest") == own_month + adjusted
    assert july["late_interest"].amount == sum(a.interest for a in made.values())
    assert not Adjustment.objects.filter(billed_run__isnull=True).exists()
    assert Adjustment.objects.filter(billed_period="2025-07").count() == 2


def test_a_late_leaving_is_refunded_without_interest(unit):
    worker = AssessmentLine.objects.filter(payer_code=unit.unit_code).first().person
    declaration = _send(
        unit, {"HoTen": worker.full_name, "MasoBHXH": worker.si_number, "PA": "GH", "TuThang": "06/2025"}
    )
    assert declaration.status == "accepted", declaration.errors
    refund = Adjustment.objects.get(declaration=declaration)
    assert (refund.period, refund.amount, refund.interest) == ("2025-06", -_total(8_000_000, "2025-06"), 0)


def test_back_collection_and_refund_of_a_range_of_months(unit):
    worker = factories.person(full_name="Cao Văn Sơn", birth_date=dt.date(1992, 1, 1), sex="male")
    factories.spell(worker, unit, dt.date(2025, 6, 1), salary=7_000_000)
    assess_again = Receivable.objects.filter(payer_code=unit.unit_code, period="2025-06").count()
    back = _send(
        unit,
        {
            "HoTen": worker.full_name,
            "MasoBHXH": worker.si_number,
            "PA": "AD",
            "TuThang": "04/2025",
            "DenThang": "05/2025",
            "TienLuong": 7_000_000,
        },
    )
    assert back.status == "accepted", back.errors
    assert sorted(Adjustment.objects.filter(declaration=back).values_list("period", flat=True)) == [
        "2025-04",
        "2025-05",
    ]
    assert list(worker.spells.order_by("start").values_list("start", "end")) == [
        (dt.date(2025, 4, 1), dt.date(2025, 5, 31)),
        (dt.date(2025, 6, 1), None),
    ]
    refund = _send(
        unit,
        {
            "HoTen": worker.full_name,
            "MasoBHXH": worker.si_number,
            "PA": "SB",
            "TuThang": "05/2025",
            "DenThang": "05/2025",
        },
    )
    assert refund.status == "accepted", refund.errors
    assert Adjustment.objects.get(declaration=refund).amount == -_total(7_000_000, "2025-05")
    assert assess_again == Receivable.objects.filter(payer_code=unit.unit_code, period="2025-06").count()


def test_health_insurance_only_back_collection_and_refund(unit):
    worker = AssessmentLine.objects.filter(payer_code=unit.unit_code).first().person
    outsider = factories.person(full_name="Tạ Thị Yến")
    factories.spell(outsider, unit, dt.date(2025, 7, 1), salary=6_000_000)
    added = _send(
        unit,
        {
            "HoTen": outsider.full_name,
            "MasoBHXH": outsider.si_number,
            "PA": "TT",
            "TuThang": "05/2025",
            "DenThang": "06/2025",
            "TienLuong": 6_000_000,
        },
    )
    assert added.status == "accepted", added.errors
    params = params_on(dt.date(2025, 6, 1))
    health = rules.share(6_000_000, params.rate("rate.employer.health")) + rules.share(
        6_000_000, params.rate("rate.employee.health")
    )
    rows = Adjustment.objects.filter(declaration=added)
    assert [a.amount for a in rows] == [health, health] and all(
        set(a.shares) == {"employer.health", "employee.health"} for a in rows
    )
    taken = _send(unit, {"HoTen": worker.full_name, "MasoBHXH": worker.si_number, "PA": "TU", "TuThang": "06/2025"})
    assert taken.status == "accepted", taken.errors
    assert Adjustment.objects.get(declaration=taken).amount == -(
        rules.share(8_000_000, params.rate("rate.employer.health"))
        + rules.share(8_000_000, params.rate("rate.employee.health"))
    )


def test_a_month_already_corrected_is_not_billed_again_when_it_is_run_again(unit):
    other = factories.employer(wage_region="III")
    hire = {
        "HoTen": "Lê Thị Hoa",
        "PA": "TM",
        "TuThang": "06/2025",
        "TienLuong": 6_000_000,
        "CMND": "042197004321",
        "NgaySinh": "05/03/1997",
        "GioiTinh": 0,
    }
    assert _send(other, hire).status == "accepted"
    assess(Period.parse("2025-06"))
    assert not Receivable.objects.filter(payer_code=other.unit_code, period="2025-06").exists()
    assert Adjustment.objects.get(employer=other).period == "2025-06"


def test_a_coefficient_salary_follows_the_base_salary_of_each_month():
    unit = factories.employer(wage_region="IV", sector="state")
    officer = factories.person()
    factories.spell(
        officer,
        unit,
        dt.date(2024, 1, 1),
        salary=4_752_000,
        pay_coefficient=Decimal("2.34"),
        position_coefficient=Decimal("0.3"),
    )
    for month in ("2024-06", "2024-07"):
        assess(Period.parse(month))
    bases = dict(AssessmentLine.objects.filter(person=officer).values_list("period", "salary"))
    assert bases == {"2024-06": round(Decimal("2.64") * 1_800_000), "2024-07": round(Decimal("2.64") * 2_340_000)}
