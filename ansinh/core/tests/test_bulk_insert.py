import datetime as dt

import polars as pl
import pytest

from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.geo.models import Commune
from ansinh.registry.models import Household

pytestmark = pytest.mark.django_db


def test_it_inserts_a_polars_frame_with_dates_nulls_booleans_and_empty_strings():
    commune = Commune.objects.get(code="43601")
    first = next_id(Household)
    frame = pl.DataFrame(
        {
            "id": [first, first + 1],
            "code": ["HB1", "HB2"],
            "commune_id": [commune.pk] * 2,
            "address": ["", 'Thôn 1, "Xóm" Đông'],
            "poverty": ["none", "poor"],
        }
    )
    assert bulk_insert(Household, ["id", "code", "commune_id", "address", "poverty"], frame) == 2
    reset_sequence(Household)
    saved = {h.code: h for h in Household.objects.filter(code__in=["HB1", "HB2"])}
    assert saved["HB1"].address == "" and saved["HB2"].address == 'Thôn 1, "Xóm" Đông'
    assert Household.objects.create(code="HB3", commune=commune, address="x").pk == first + 2


def test_it_inserts_plain_tuples():
    commune = Commune.objects.get(code="43601")
    rows = [(f"HT{i}", commune.pk, f"Số {i}", "near_poor") for i in range(5)]
    assert bulk_insert(Household, ["code", "commune_id", "address", "poverty"], rows) == 5
    assert Household.objects.filter(poverty="near_poor").count() == 5


def test_dates_and_nulls_round_trip():
    from ansinh.registry.models import EmploymentSpell
    from ansinh.testing import factories

    person, unit = factories.person(), factories.employer()
    frame = pl.DataFrame(
        {
            "person_id": [person.pk] * 2,
            "employer_id": [unit.pk] * 2,
            "start": [dt.date(2020, 1, 1), dt.date(2022, 1, 1)],
            "end": [dt.date(2021, 12, 31), None],
            "insured_salary": [7_000_000, 8_000_000],
            "job_title": ["", "Kế toán"],
            "hazardous": [False, True],
        }
    )
    bulk_insert(EmploymentSpell, frame.columns, frame)
    spells = list(EmploymentSpell.objects.order_by("start").values_list("start", "end", "hazardous"))
    assert spells == [(dt.date(2020, 1, 1), dt.date(2021, 12, 31), False), (dt.date(2022, 1, 1), None, True)]


def _indexes(table: str) -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return {
            name
            for name, info in connection.introspection.get_constraints(cursor, table).items()
            if info["index"] or info["unique"]
        }


def test_deferred_indexes_are_dropped_during_the_batch_and_built_again_after_it_unique_ones_kept():
    from django.db import transaction

    from ansinh.contributions.models import STATE_SUPPORTED_LINES, AssessmentLine
    from ansinh.core.bulk import deferred_indexes

    table = AssessmentLine._meta.db_table
    before = _indexes(table)
    with transaction.atomic(), deferred_indexes(AssessmentLine, keep=[STATE_SUPPORTED_LINES]):
        during = _indexes(table)
    assert {"one_line_per_person_payer_period", STATE_SUPPORTED_LINES} <= during < before
    assert _indexes(table) == before
