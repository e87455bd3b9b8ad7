"""A coverage refresh keeps the cards it replaces: a card that changes group or lapses is still known to the check."""

import datetime as dt

import pytest

from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import Coverage, FormerCard
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
THEN, NOW = dt.date(2025, 6, 1), dt.date(2026, 6, 1)


def test_a_child_who_turned_six_keeps_the_te_card_as_former_and_the_new_card_is_its_successor():
    child = factories.person(full_name="Lê Minh An", birth_date=dt.date(2019, 9, 1), sex="male")
    refresh_coverage(THEN)
    te_card = Coverage.objects.get(person=child).card_code
    refresh_coverage(NOW)
    former = FormerCard.objects.get(person=child)
    assert former.card_code == te_card and te_card.startswith("TE1")
    assert former.new_card_code == Coverage.objects.get(person=child).card_code and former.new_card_code.startswith(
        "HS"
    )
    assert former.valid_to == dt.date(2025, 8, 31) and former.replaced_on == NOW


def test_a_card_that_lapses_is_kept_without_a_successor():
    worker = factories.person()
    factories.spell(worker, factories.employer(), dt.date(2020, 1, 1), end=dt.date(2025, 12, 31))
    refresh_coverage(THEN)
    refresh_coverage(NOW)
    former = FormerCard.objects.get(person=worker)
    assert (
        former.card_code.startswith("DN4")
        and former.new_card_code == ""
        and not Coverage.objects.filter(person=worker).exists()
    )


def test_refreshing_again_or_recomputing_an_earlier_date_records_nothing_twice():
    factories.person(full_name="Lê Minh An", birth_date=dt.date(2019, 9, 1), sex="male")
    refresh_coverage(THEN)
    refresh_coverage(NOW)
    refresh_coverage(NOW)
    refresh_coverage(THEN)  # a back-dated recomputation: the current cards are not "replaced" by older ones
    assert FormerCard.objects.count() == 1
