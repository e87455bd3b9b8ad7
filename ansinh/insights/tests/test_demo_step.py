"""The demo step scales the statistics to the demo province and closes the last months, so the dashboard
shows history after `make run`."""

import datetime as dt

import pytest

from ansinh.demo.context import DemoContext
from ansinh.geo.models import Commune
from ansinh.insights import demo
from ansinh.insights.models import AreaStatistic, Snapshot
from ansinh.insights.services import series

pytestmark = pytest.mark.django_db


def test_the_demo_closes_24_months_against_statistics_scaled_to_the_demo(contract_rows):
    ctx = DemoContext(people=13_172, seed=1, as_of=dt.date(2025, 10, 1), verbose=False)
    demo.build(ctx)
    assert Snapshot.objects.count() == 24
    assert Snapshot.objects.order_by("-period").first().period == "2025-09"
    city = Commune.objects.get(code="43601")
    scaled = AreaStatistic.objects.get(year=2023, commune_code="43601")
    assert scaled.labour_force == round(city.labour_force * 13_172 / 1_317_200)
    history = series("42", "2025-09")
    si = next(k for k in history["kpis"] if k["code"] == "si_coverage")
    assert all(value is not None for value in si["values"])
