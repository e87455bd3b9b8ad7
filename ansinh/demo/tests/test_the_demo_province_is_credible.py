"""A small demo province, built once, holds what a reader of the real one would expect: careers that start
as adults, totals that count paid months, no pensioner paid a one-off SI, a coverage history that moves
slowly around the reported 94–95%, and no card checked twice in the same minute."""

import polars as pl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from ansinh.benefits.models import Entitlement
from ansinh.contributions.services import si_history, si_totals
from ansinh.core.periods import Period
from ansinh.health.models import Coverage, EligibilityCheck
from ansinh.insights.models import Snapshot, SnapshotValue
from ansinh.linkage.models import Finding
from ansinh.procedures.models import Dossier
from ansinh.registry.models import EmploymentSpell, Person

pytestmark = pytest.mark.django_db  # the module builds once in the test database and rolls back
PEOPLE = 3000
SAMPLE = 40  # people whose SI history is read through the contributions service, as the portal reads it


def _frame(queryset, *fields) -> pl.DataFrame:
    rows = list(queryset.values_list(*fields))
    return pl.DataFrame(rows, schema=[f.replace("__", "_") for f in fields], orient="row", infer_schema_length=None)


def _histories(spells: pl.DataFrame) -> list[tuple[list[dict], dict]]:
    insured = spells["person_id"].unique().sort()
    sample = insured.gather_every(max(1, insured.len() // SAMPLE)).to_list()
    return [(si_history(person), si_totals(person)) for person in Person.objects.filter(pk__in=sample)]


def _coverage_series() -> list[float]:
    latest = {snapshot.period: snapshot.pk for snapshot in Snapshot.objects.order_by("period", "version")}
    values = dict(
        SnapshotValue.objects.filter(
            snapshot_id__in=latest.values(), level="province", kpi_code="hi_coverage"
        ).values_list("snapshot_id", "value")
    )
    return [values[latest[period]] for period in sorted(latest)]


def _read_facts() -> dict:
    spells = _frame(EmploymentSpell.objects, "person_id", "start", "end")
    return {
        "people": _frame(Person.objects, "id", "birth_date"),
        "spells": spells,
        "pensions": _frame(Entitlement.objects.filter(kind="pension"), "person_id", "start"),
        "dossiers": _frame(Dossier.objects.filter(person__isnull=False), "person_id", "procedure__code", "state"),
        "cards": _frame(Coverage.objects, "person_id", "valid_from", "five_years_from"),
        # the linkage step drifts some registry records (a day and month swapped, as staff mistype them) after the
        # cards were issued: the reconciliation finds them, and their registry birth date is not the true one
        "drifted": set(Finding.objects.values_list("person_id", flat=True)),
        "checks": _frame(EligibilityCheck.objects, "person_id", "facility_code", "query", "result_code", "at"),
        "histories": _histories(spells),
        "coverage": _coverage_series(),
        "this_month": str(Period.of(timezone.localdate())),
    }


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker, tmp_path_factory):
    """The province's facts, read once; everything the build wrote is rolled back afterwards."""
    with django_db_blocker.unblock(), override_settings(VAR_DIR=tmp_path_factory.mktemp("demo")), transaction.atomic():
        call_command("build_demo", people=PEOPLE, seed=11, quiet=True)
        facts = _read_facts()
        transaction.set_rollback(True)
    return facts


def _first_spells(province) -> pl.DataFrame:
    first = province["spells"].group_by("person_id").agg(pl.col("start").min().alias("first"))
    return first.join(province["people"], left_on="person_id", right_on="id")


def test_insured_careers_start_between_the_18th_and_the_26th_birthday(province):
    first = _first_spells(province)
    age = (pl.col("first") - pl.col("birth_date")).dt.total_days() / 365.25
    assert first.height > 500
    assert first.select(age.min()).item() >= 18 and first.select(age.max()).item() < 26


def test_careers_have_job_changes_and_some_gaps_but_no_overlaps(province):
    spells = (
        province["spells"]
        .sort("person_id", "start")
        .with_columns(pl.col("end").shift(1).over("person_id").alias("previous_end"))
    )
    following = spells.filter(pl.col("previous_end").is_not_null())
    gap_days = (pl.col("start") - pl.col("previous_end")).dt.total_days()
    assert following.filter(gap_days < 1).height == 0
    gaps = following.filter(gap_days > 1).height
    assert 0.03 * following.height < gaps < 0.3 * following.height


def test_a_pension_starts_after_the_last_job(province):
    last_job = (
        province["spells"]
        .group_by("person_id")
        .agg(pl.col("end").max().alias("last_end"), pl.col("end").null_count().alias("open"))
    )
    pensions = province["pensions"].join(last_job, on="person_id")
    assert pensions.height > 100
    assert pensions.filter((pl.col("open") > 0) | (pl.col("start") <= pl.col("last_end"))).height == 0


def test_the_consecutive_years_on_a_card_never_count_from_before_the_insurance_began(province):
    cards = (
        province["cards"]
        .join(province["people"], left_on="person_id", right_on="id")
        .join(_first_spells(province).select("person_id", "first"), on="person_id", how="left")
    )
    since = pl.col("five_years_from").dt.offset_by("-5y")
    true_births = cards.filter(~pl.col("person_id").is_in(list(province["drifted"])))
    assert true_births.filter(since < pl.col("birth_date")).height == 0
    assert (
        cards.filter(since < pl.min_horizontal(pl.col("first").fill_null(pl.col("valid_from")), "valid_from")).height
        == 0
    )


def test_the_totals_count_paid_months_of_the_past_only(province):
    assert len(province["histories"]) >= SAMPLE // 2
    for rows, totals in province["histories"]:
        paid = {r["period"] for r in rows if r["status"] != "unpaid" and r["period"] < province["this_month"]}
        assert totals["total_months"] == len(paid)
        assert totals["last_period"] is None or totals["last_period"] < province["this_month"]
        assert all(r["period"] < province["this_month"] for r in rows if r["kind"] == "compulsory")


def test_no_month_reads_that_the_insured_and_the_employer_paid_nothing(province):
    for rows, _totals in province["histories"]:
        shown = [r for r in rows if r["amounts_known"]]
        assert all(r["employee_amount"] > 0 for r in shown)
        assert all(r["employer_amount"] > 0 for r in shown if r["kind"] == "compulsory")


def test_no_pensioner_or_current_worker_was_granted_a_one_off_si_payment(province):
    granted = province["dossiers"].filter((pl.col("procedure_code") == "C12") & (pl.col("state") == "approved"))
    working = province["spells"].filter(pl.col("end").is_null())["person_id"]
    assert granted.filter(pl.col("person_id").is_in(province["pensions"]["person_id"].implode())).height == 0
    assert granted.filter(pl.col("person_id").is_in(working.implode())).height == 0


def test_the_coverage_history_stays_near_the_reported_share_and_moves_slowly(province):
    series = province["coverage"]
    assert len(series) == 24
    assert all(92.0 <= value <= 97.0 for value in series), series
    assert max(abs(b - a) for a, b in zip(series, series[1:], strict=False)) <= 1.0, series
    assert series[-1] >= series[0]


def test_no_card_is_checked_twice_with_the_same_answer_in_one_minute(province):
    checks = province["checks"].with_columns(pl.col("at").dt.truncate("1m"))
    assert checks.height >= 3
    assert not checks.select("person_id", "facility_code", "query", "result_code", "at").is_duplicated().any()


def test_the_demo_citizens_checks_are_spread_over_visits(province):
    days = province["checks"]["at"].dt.date().unique()
    assert days.len() >= 3 and days.max() < timezone.localdate()
