"""The Polars expressions of the prospect run and the attribution say what the pure rules say, for any dates."""

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from ansinh.outreach import conversion, prospects, rules

RETIREMENT = {"male": {"2025": 735, "2026": 738}, "female": {"2026": 684}}
days = st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2030, 12, 31))


def _settings(on):
    return prospects.Settings(
        on=on,
        from_months=180,
        retirement={s: rules.retirement_age_months(RETIREMENT, s, on.year) for s in ("male", "female")},
        min_pension_months=180,
        near={"min_months": 120, "stopped_months": 6},
        lookback=24,
        voluntary_support={},
        family_support={},
    )


@settings(max_examples=60, deadline=None)
@given(
    births=st.lists(days, min_size=1, max_size=20),
    sexes=st.lists(st.sampled_from(["male", "female"]), min_size=20, max_size=20),
    on=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)),
)
def test_the_working_age_filter_agrees_with_the_rule(births, sexes, on):
    frame = pl.DataFrame({"birth_date": births, "sex": sexes[: len(births)]})
    got = frame.select(prospects._working_age(_settings(on)).alias("ok"))["ok"].to_list()
    assert got == [rules.of_working_age(b, s, on, 180, RETIREMENT) for b, s in zip(births, sexes, strict=False)]


@settings(max_examples=60, deadline=None)
@given(pairs=st.lists(st.tuples(days, days), min_size=1, max_size=20))
def test_the_attribution_window_agrees_with_the_rule(pairs):
    contacts = pl.DataFrame(
        {
            "target_id": list(range(len(pairs))),
            "contact_id": list(range(len(pairs))),
            "contacted_on": [c for c, _ in pairs],
            "person_id": list(range(len(pairs))),
            "scheme": ["voluntary_si"] * len(pairs),
        }
    )
    events = pl.DataFrame(
        {"person_id": list(range(len(pairs))), "kind": ["voluntary_si"] * len(pairs), "on": [e for _, e in pairs]}
    )
    credited = set(conversion.credited(contacts, events, 6)["target_id"].to_list())
    assert credited == {i for i, (c, e) in enumerate(pairs) if rules.attributed(c, e, 6)}
