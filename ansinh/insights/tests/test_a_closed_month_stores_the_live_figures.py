"""Closing a month stores exactly the figures its live computation shows, each source read once."""

from collections import Counter

import pytest

from ansinh.insights import compute, sources
from ansinh.insights.snapshots import close_month, snapshot_values
from ansinh.insights.tests.conftest import PERIOD

pytestmark = pytest.mark.django_db


def _sorted(frame):
    return frame.sort("level", "area_code", "kpi_code")


def test_a_closed_month_stores_what_the_live_computation_shows(contract_rows):
    live, available = compute.compute_month(PERIOD)
    stored = snapshot_values(close_month(PERIOD))
    assert all(available.values()) and live.height > 0
    assert _sorted(stored).equals(_sorted(live))
    calls = Counter(name for name, _args in contract_rows["_calls"])
    assert calls == {
        source.function: 2 for source in sources.SOURCES
    }  # once for the live figures, once for the snapshot
