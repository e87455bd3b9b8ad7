"""A past month's HI coverage, read from the counts a coverage refresh kept for its last day, is the figure that
deriving the province's coverage for that day again gives, at the province, a former district and a commune."""

import datetime as dt

import polars as pl
import pytest

from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import MemberCount
from ansinh.health.tests.helpers_coverage import varied_people
from ansinh.insights.compute import compute_month

pytestmark = pytest.mark.django_db


def hi_figures(period: str) -> pl.DataFrame:
    frame, available = compute_month(period)
    assert available["hi"]
    return frame.filter(pl.col("kpi_code") == "hi_coverage").sort("level", "area_code")


@pytest.mark.parametrize("period", ["2025-04", "2025-05"])
def test_kept_counts_and_the_derivation_give_the_same_figures(province, period):
    varied_people()
    refresh_coverage(dt.date(2025, 3, 10))
    refresh_coverage(dt.date(2025, 7, 5))
    assert MemberCount.objects.filter(on__month=int(period[-2:])).exists()
    kept = hi_figures(period)
    MemberCount.objects.all().delete()  # nothing kept: the source derives the day again
    derived = hi_figures(period)
    assert kept.equals(derived)
    numerators = dict(kept.select("area_code", "numerator").iter_rows())
    assert numerators["42"] > 0 and numerators["436"] > 0 and numerators["43701"] > 0
