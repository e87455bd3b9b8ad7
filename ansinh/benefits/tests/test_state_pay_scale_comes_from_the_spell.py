"""The state pay scale is what the spell declares (a pay-scale coefficient on form D02-LT), never a guess from
the employer's sector; a pay-scale salary follows the base salary month by month, and a pension case re-bases
it to the base salary at settlement (Law 41/2024 Art. 73.1)."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.benefits import history, services
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_the_coefficient_not_the_sector_puts_a_spell_on_the_state_pay_scale():
    person = factories.person(birth_date=dt.date(1980, 1, 1), sex="female")
    public_unit = factories.employer(name="Trường THPT Can Lộc", sector="state")
    company = factories.employer(name="Công ty CP Cảng Vũng Áng")
    factories.spell(person, public_unit, dt.date(2020, 1, 1), dt.date(2020, 12, 31), salary=6_000_000, wage=6_000_000)
    factories.spell(
        person, company, dt.date(2021, 1, 1), dt.date(2021, 12, 31), salary=2_980_000, pay_coefficient=Decimal("2.00")
    )
    scales = [(p.start // 12, p.pay_scale) for p in history.career(person, dt.date(2022, 1, 1))]
    assert scales == [(2020, "employer"), (2021, "state")]


def test_a_pay_scale_salary_follows_each_base_salary_and_allowances():
    # (3.00 + 0.20) × 1,800,000 = 5,760,000, +5% seniority = 6,048,000 to 6/2024;
    # (3.00 + 0.20) × 2,340,000 = 7,488,000, +5% = 7,862,400 from 7/2024 (Decree 73/2024).
    person = factories.person(birth_date=dt.date(1980, 1, 1), sex="male")
    factories.spell(
        person,
        factories.employer(sector="state"),
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
        salary=6_048_000,
        pay_coefficient=Decimal("3.00"),
        position_coefficient=Decimal("0.20"),
        seniority_pct=Decimal("5"),
    )
    periods = history.career(person, dt.date(2025, 1, 1))
    assert [(p.months, p.salary, p.pay_scale) for p in periods] == [(6, 6_048_000, "state"), (6, 7_862_400, "state")]
    months = history.ui_months(person, dt.date(2025, 1, 1))
    assert {m.salary for m in months[:6]} == {6_048_000} and {m.salary for m in months[6:]} == {7_862_400}


def test_a_pension_re_bases_a_pay_scale_career_declared_at_a_company():
    """Coefficient 4.00 for 21 years (1/2005–12/2025) at a company that pays on the state scale: every month is
    4.00 × the base salary of its month, re-based to 2,340,000 at settlement → Mbq 9,360,000 (the cap is 20 ×);
    a man with 21 years: 45% + 2% = 47% → 4,399,200 a month (Law 41/2024 Art. 66, 72, 73)."""
    person = factories.person(birth_date=dt.date(1960, 1, 1), sex="male")
    factories.spell(
        person,
        factories.employer(),
        dt.date(2005, 1, 1),
        dt.date(2025, 12, 31),
        salary=1_160_000,
        pay_coefficient=Decimal("4.00"),
    )
    officer, second = factories.user("benefits_officer"), factories.user("benefits_officer")
    case = services.compute_case(
        services.open_case(person, "pension", officer, inputs={"start_date": "2026-01-01"}), officer
    )
    assert case.eligible, case.failed_checks
    assert case.amount == 4_399_200
    assert {row["pay_scale"] for row in case.computation["career"]} == {"state"}
    assert services.approve_case(case, second).amount == 4_399_200
