"""A refresh keeps per-commune, per-group counts for the month ends the KPIs ask; a past month end is read from
them, with the same figures as deriving the day again, and derived only where no count was kept."""

import datetime as dt

import pytest

from ansinh.health import services
from ansinh.health.coverage import members_on, refresh_coverage
from ansinh.health.models import ListMembership, MemberCount
from ansinh.health.tests.helpers_coverage import varied_people

pytestmark = pytest.mark.django_db

MONTH_ENDS = [dt.date(2025, 3, 31), dt.date(2025, 4, 30), dt.date(2025, 5, 31), dt.date(2025, 6, 30)]


def computed(on: dt.date) -> list[dict]:
    return services._members_computed_for(on)


def test_the_month_ends_between_two_refreshes_are_kept_with_the_derived_figures():
    varied_people()
    refresh_coverage(dt.date(2025, 3, 10))
    second = refresh_coverage(dt.date(2025, 7, 5))
    assert sorted(set(MemberCount.objects.values_list("on", flat=True))) == MONTH_ENDS
    assert set(MemberCount.objects.values_list("run_id", flat=True)) == {second.pk}
    figures = {on: services.hi_members_by_commune(on) for on in MONTH_ENDS}
    assert figures == {on: computed(on) for on in MONTH_ENDS}
    assert len({str(rows) for rows in figures.values()}) > 1  # the chosen people change the figures month by month


def test_the_counts_are_kept_per_group_and_sum_to_the_people_covered():
    varied_people()
    refresh_coverage(dt.date(2025, 3, 10))
    refresh_coverage(dt.date(2025, 7, 5))
    for on in MONTH_ENDS:
        kept = MemberCount.objects.filter(on=on)
        assert sum(kept.values_list("members", flat=True)) == members_on(on).height
        assert kept.values("commune_id", "group").distinct().count() == kept.count()


def test_a_refresh_on_a_month_end_keeps_its_own_day_and_it_is_not_derived_again_later():
    varied_people()
    first = refresh_coverage(dt.date(2025, 6, 30))
    refresh_coverage(dt.date(2025, 7, 5))
    assert set(MemberCount.objects.values_list("on", "run_id")) == {(dt.date(2025, 6, 30), first.pk)}
    assert services.hi_members_by_commune(dt.date(2025, 6, 30)) == computed(dt.date(2025, 6, 30))


def test_a_day_without_kept_counts_is_derived():
    varied_people()
    refresh_coverage(dt.date(2025, 7, 5))  # the first refresh: nothing before it to keep
    assert not MemberCount.objects.exists()
    assert services.hi_members_by_commune(dt.date(2025, 4, 30)) == computed(dt.date(2025, 4, 30))


def test_a_correction_of_a_past_day_shows_once_the_month_ends_are_counted_again():
    idle = varied_people()
    refresh_coverage(dt.date(2025, 3, 10))
    refresh_coverage(dt.date(2025, 7, 5))
    before = services.hi_members_by_commune(dt.date(2025, 4, 30))
    ListMembership.objects.create(
        person=idle, group="BT", list_name="Sở LĐTBXH", valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2025, 12, 31)
    )
    assert services.hi_members_by_commune(dt.date(2025, 4, 30)) == before  # what the refresh counted
    refresh_coverage(dt.date(2025, 7, 5), recount_from=dt.date(2025, 4, 1))
    after = services.hi_members_by_commune(dt.date(2025, 4, 30))
    assert after == computed(dt.date(2025, 4, 30)) != before
    assert sum(r["members"] for r in after) == sum(r["members"] for r in before) + 1
