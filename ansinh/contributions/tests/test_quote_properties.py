"""Properties of the rules over many inputs (hypothesis): no negatives, floor and cap, parts sum, determinism."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ansinh.contributions import rules
from ansinh.policy.rules import ParamVersion, select_in_force
from ansinh.policy.services import PACKS_DIR, read_pack

_ROWS = [
    ParamVersion(r["key"], r["valid_from"], r["value"], r["unit"], r["source"])
    for path in sorted(PACKS_DIR.glob("*.toml"))
    if path.stem in ("base", "contributions")
    for r in read_pack(path)
]
days = st.dates(min_value=dt.date(2024, 7, 1), max_value=dt.date(2027, 12, 31))


def params(on):
    return select_in_force(_ROWS, on)


@settings(max_examples=150, deadline=None)
@given(on=days, salary=st.integers(0, 400_000_000), region=st.sampled_from(rules.REGIONS))
def test_compulsory_amounts_are_never_negative_respect_floor_and_cap_and_add_up(on, salary, region):
    p = params(on)
    try:
        shares = rules.compulsory_contribution(p, salary, region)
    except rules.RuleError as exc:
        assert exc.field == "salary" and salary < rules.minimum_wage(p, region)
        return
    assert all(s.amount >= 0 for s in shares)
    assert all(s.basis <= rules.si_hi_cap(p) for s in shares if s.fund != "unemployment")
    assert all(s.basis <= rules.ui_cap(p, region) for s in shares if s.fund == "unemployment")
    total = sum(s.amount for s in shares)
    assert total == sum(s.amount for s in shares if s.payer == "employer") + sum(
        s.amount for s in shares if s.payer == "employee"
    )
    assert shares == rules.compulsory_contribution(params(on), salary, region)


@settings(max_examples=150, deadline=None)
@given(
    on=days,
    income=st.integers(0, 60_000_000),
    group=st.sampled_from(rules.VOLUNTARY_GROUPS),
    months=st.sampled_from([1, 3, 6, 12]),
    used=st.integers(0, 200),
)
def test_voluntary_amounts_respect_floor_and_cap_and_support_never_exceeds_the_gross(on, income, group, months, used):
    p = params(on)
    floor, cap = rules.voluntary_income_limits(p)
    try:
        shares = rules.voluntary_contribution(p, income, group, months, used)
    except rules.RuleError as exc:
        assert exc.field == "income" and not floor <= income <= cap
        return
    assert all(s.amount >= 0 for s in shares)
    assert sum(s.amount for s in shares) == rules.share(income, p.rate("voluntary.rate")) * months
    assert shares == rules.voluntary_contribution(params(on), income, group, months, used)


@settings(max_examples=100, deadline=None)
@given(
    on=days,
    members=st.integers(1, 12),
    group=st.sampled_from(["none", "near_poor", "student", "near_poor_poor_commune"]),
)
def test_family_hi_members_pay_no_more_than_the_first_and_parts_add_up(on, members, group):
    p = params(on)
    amounts = rules.family_hi_member_amounts(p, members, group)
    assert all(0 < a <= amounts[0] for a in amounts)
    shares = rules.family_hi_contribution(p, members, group)
    assert sum(s.amount for s in shares) == sum(amounts)
    assert all(s.amount >= 0 for s in shares)


@given(amount=st.integers(0, 10**10), days_late=st.integers(0, 2000))
def test_interest_on_an_unpaid_bill_is_the_daily_rate_times_the_days(amount, days_late):
    due = dt.date(2025, 7, 31)
    rate = params(due).rate("late_interest.daily_rate")
    assert rules.interest_on_bill(amount, due, [], due + dt.timedelta(days=days_late), rate) == rules.late_interest(
        amount, days_late, rate
    )


def test_interest_stops_growing_on_what_was_paid():
    due, rate = dt.date(2025, 7, 31), params(dt.date(2025, 7, 31)).rate("late_interest.daily_rate")
    paid_half_after_ten_days = [(due + dt.timedelta(days=10), 500_000)]
    interest = rules.interest_on_bill(1_000_000, due, paid_half_after_ten_days, due + dt.timedelta(days=20), rate)
    assert interest == 10 * 300 + 10 * 150
