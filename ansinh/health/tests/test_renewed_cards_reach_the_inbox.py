"""A coverage refresh that gives an account holder a new card, or a longer one, leaves a message in their inbox;
the same refresh run again, a back-dated one, or a holder without an account, tells nobody."""

import datetime as dt

import pytest
from django.utils import translation

from ansinh.core.models import Notification
from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import Coverage
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
THEN, NOW = dt.date(2025, 6, 1), dt.date(2026, 6, 1)


def test_the_child_turned_six_hears_of_the_new_card_once_and_others_without_an_account_hear_nothing():
    child = factories.person(full_name="Lê Minh An", birth_date=dt.date(2019, 9, 1), sex="male")
    child.user = factories.user("citizen", username=child.cccd)
    child.save()
    factories.person(full_name="Lê Minh Khang", birth_date=dt.date(2019, 10, 1), sex="male")
    refresh_coverage(THEN)
    assert not Notification.objects.exists()  # the first refresh: nothing to compare with
    refresh_coverage(NOW)
    card = Coverage.objects.get(person=child)
    refresh_coverage(NOW)
    refresh_coverage(THEN)  # back-dated: the older card comes back, nobody is told
    told = Notification.objects.get()
    assert told.user == child.user and told.kind == "card" and told.link == "/portal/card/"
    assert card.card_code.startswith("HS")
    assert told.values == {
        "card": card.card_code,
        "valid_to": f"{card.valid_to:%d/%m/%Y}",
        "facility": card.facility.code,
    }
    with translation.override("en"):
        assert told.rendered_text.startswith(f"Your health-insurance card {card.card_code} is valid until")
