"""A small hand-built province: three communes with people in them (two in Thành phố Hà Tĩnh, one in
Hồng Lĩnh), every other commune statistically empty, and the other apps' contract rows for it."""

import datetime as dt

import pytest

from ansinh.geo.models import Commune
from ansinh.geo.reference import load_reference
from ansinh.insights import sources
from ansinh.insights.models import AreaStatistic

PERIOD = "2025-09"
STATS = {"43601": (1000, 600), "43602": (500, 300), "43701": (2000, 1000)}  # population, labour force

CONTRACT_ROWS = {
    "participants_by_commune": [
        {"commune_code": "43601", "compulsory": 200, "voluntary": 60},
        {"commune_code": "43602", "compulsory": 90, "voluntary": 30},
        {"commune_code": "43701", "compulsory": 300, "voluntary": 100},
    ],
    "arrears_by_area": [
        {
            "area_code": "436",
            "commune_code": "43601",
            "employer_count": 4,
            "due_ytd": 1_000_000_000,
            "overdue": 30_000_000,
        },
        {"area_code": "436", "commune_code": "43602", "employer_count": 1, "due_ytd": 200_000_000, "overdue": 0},
        {
            "area_code": "437",
            "commune_code": "43701",
            "employer_count": 2,
            "due_ytd": 800_000_000,
            "overdue": 10_000_000,
        },
    ],
    "electronic_units_by_area": [
        {"area_code": "436", "units": 5, "electronic_units": 4},
        {"area_code": "437", "units": 2, "electronic_units": 2},
    ],
    "hi_members_by_commune": [
        {"commune_code": "43601", "members": 950},
        {"commune_code": "43602", "members": 470},
        {"commune_code": "43701", "members": 1900},
    ],
    "dossier_kpis": [
        {
            "area_code": "436",
            "commune_code": "43601",
            "received": 40,
            "electronic": 38,
            "by_post": 20,
            "finished": 30,
            "on_time": 27,
            "overdue": 3,
        },
        {
            "area_code": "437",
            "commune_code": "43701",
            "received": 10,
            "electronic": 7,
            "by_post": 5,
            "finished": 10,
            "on_time": 10,
            "overdue": 0,
        },
    ],
    "cashless_by_commune": [
        {
            "commune_code": "43601",
            "area_code": "436",
            "payments": 100,
            "bank_payments": 90,
            "amount": 1,
            "bank_amount": 1,
        },
        {
            "commune_code": "43701",
            "area_code": "437",
            "payments": 50,
            "bank_payments": 50,
            "amount": 1,
            "bank_amount": 1,
        },
    ],
    "sync_by_commune": [
        {"commune_code": "43601", "area_code": "436", "participants": 260, "synced": 259},
        {"commune_code": "43602", "area_code": "436", "participants": 120, "synced": 120},
        {"commune_code": "43701", "area_code": "437", "participants": 400, "synced": 396},
    ],
}


@pytest.fixture
def province(db):
    """Statistics for 2025: only the three communes have people."""
    if not Commune.objects.exists():  # a browser test before this one flushed the migrations' reference data
        load_reference()
    rows = [
        AreaStatistic(
            year=2025,
            commune_code=code,
            population=STATS.get(code, (0, 0))[0],
            labour_force=STATS.get(code, (0, 0))[1],
            source="test",
        )
        for code in Commune.objects.values_list("code", flat=True)
    ]
    AreaStatistic.objects.bulk_create(rows)
    return STATS


@pytest.fixture
def contract_rows(province, monkeypatch):
    """The other apps' services as their contracts describe them, answering for the hand-built province.
    Yields the dict of rows so a test can change or remove a source; calls are recorded."""
    rows = {name: list(value) for name, value in CONTRACT_ROWS.items()}
    calls = []

    def fake_service(app, function):
        if function not in rows:
            return None

        def answer(*args):
            calls.append((function, args))
            if function == "hi_members_by_commune":
                on = args[0]
                assert (on + dt.timedelta(days=1)).day == 1, "HI members are counted on a month's last day"
            return rows[function]

        return answer

    monkeypatch.setattr(sources, "service", fake_service)
    rows["_calls"] = calls
    return rows


@pytest.fixture(autouse=True)
def fresh_cache():
    """Live figures are cached for a few minutes; each test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
