"""The extra raise for pensions that started before 1995 (Decrees 108/2021, 42/2023 and 75/2024, Art. 2 of each):
while its versions are provisional it is only announced; once an administrator confirms them it is applied by
the quote and by the bulk indexation alike, to old pensions only."""

import datetime as dt

import pytest

from ansinh.benefits import services
from ansinh.benefits.models import Entitlement, EntitlementAdjustment
from ansinh.benefits.rules.indexation import PRE_1995, topped_up
from ansinh.policy.models import Parameter
from ansinh.policy.services import confirm_version
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
OLD_PENSION = {"amount": 2_000_000, "start": "1990-05-01", "on": "2024-12-01"}


def _confirm_all():
    admin = factories.user("administrator")
    for row in Parameter.objects.filter(key=PRE_1995):
        confirm_version(row.pk, admin, row.source.split(" (")[0])


def test_the_extra_raise_lifts_to_the_floor_or_adds_the_sum():
    rule = {"add": 300_000, "add_below": 3_200_000, "up_to": 3_500_000}
    assert topped_up(3_199_999, rule) == 3_499_999
    assert topped_up(3_200_000, rule) == 3_500_000
    assert topped_up(3_499_999, rule) == 3_500_000
    assert topped_up(3_500_000, rule) == 3_500_000


def test_a_provisional_extra_raise_is_announced_and_never_applied():
    # 2,000,000 × 1.074 = 2,148,000; × 1.125 = 2,416,500; × 1.15 = 2,778,975 — the percent raises only.
    body = services.indexation_quote(OLD_PENSION)
    assert body["indexed_amount"] == 2_778_975
    announced = [a for a in body["announcements"] if a["key"] == PRE_1995]
    assert [a["valid_from"] for a in announced] == ["2022-01-01", "2023-07-01", "2024-07-01"]
    assert all(a["applied_value"] is None for a in announced)
    assert not any(s["code"] == "indexation_pre1995" for s in body["steps"])


def test_once_confirmed_the_quote_adds_the_extra_raise_after_each_percent_raise():
    _confirm_all()
    # 2022: 2,148,000 < 2,300,000 → +200,000 = 2,348,000; 2023: × 1.125 = 2,641,500 < 2,700,000 → +300,000 = 2,941,500;
    # 2024: × 1.15 = 3,382,725, from 3,200,000 to under 3,500,000 → 3,500,000.
    body = services.indexation_quote(OLD_PENSION)
    assert body["indexed_amount"] == 3_500_000
    assert [s["values"]["after"] for s in body["steps"] if s["code"] == "indexation_pre1995"] == [
        2_348_000,
        2_941_500,
        3_500_000,
    ]
    assert not [a for a in body["announcements"] if a["key"] == PRE_1995]
    later = services.indexation_quote({**OLD_PENSION, "start": "1996-01-01"})
    assert later["indexed_amount"] == 2_778_975


def test_the_bulk_indexation_gives_old_pensions_the_extra_raise_once():
    _confirm_all()
    person = factories.person(birth_date=dt.date(1930, 1, 1), sex="male")
    old = Entitlement.objects.create(
        person=person,
        kind="pension",
        monthly=True,
        amount=2_000_000,
        start=dt.date(1990, 5, 1),
        decision_number="P95-1",
    )
    newer = Entitlement.objects.create(
        person=person,
        kind="pension",
        monthly=True,
        amount=2_000_000,
        start=dt.date(1996, 1, 1),
        decision_number="P95-2",
    )
    services.index_entitlements(dt.date(2024, 12, 1))
    services.index_entitlements(dt.date(2024, 12, 1))
    old.refresh_from_db()
    newer.refresh_from_db()
    assert (old.amount, newer.amount) == (3_500_000, 2_778_975)
    last = EntitlementAdjustment.objects.get(entitlement=old, valid_from=dt.date(2024, 7, 1))
    assert (last.before, last.after) == (2_941_500, 3_500_000) and "Decree 75/2024/NĐ-CP Art. 2" in last.source
    assert EntitlementAdjustment.objects.filter(entitlement=old).count() == 3
