"""The worked-case table: every statutory example, computed by hand, agrees with the quote of its kind."""

import pytest

from ansinh.benefits.worked_cases import cases, computed

pytestmark = pytest.mark.django_db
CASES = cases()


def test_the_table_holds_at_least_150_cases_of_every_kind():
    assert len(CASES) >= 150
    kinds = {c["kind"] for c in CASES}
    assert kinds >= {
        "pension",
        "one_off",
        "sickness",
        "maternity",
        "unemployment",
        "occupational",
        "survivor",
        "funeral",
        "social_pension",
        "monthly_allowance",
        "indexation",
    }
    assert all(c["article"] and c["note"] and c["expect"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_worked_case_agrees_with_the_engine(case):
    assert computed(case) == case["expect"], case["note"]
