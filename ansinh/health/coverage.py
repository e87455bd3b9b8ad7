"""Coverage derived set-based: who is insured, in which group, from when to when, and where registered.

One refresh loads the registry, open employment spells, pension entitlements and paid family HI once,
assigns each living person the first group that applies (payer order from the policy pack), and rewrites the
Coverage table in one transaction with a CoverageRun record and one audit batch entry.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import polars as pl
from django.db import connection, transaction

from ansinh.benefits.services import pension_starts, pensioners_on
from ansinh.contributions.services import family_hi_members_frame, family_hi_spans
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.core.frames import read_frame
from ansinh.core.periods import Period
from ansinh.geo.models import Commune
from ansinh.health import cards, rules
from ansinh.health.models import Coverage, CoverageRun, Facility, MemberCount
from ansinh.policy.services import params_on

_PEOPLE = """SELECT p.id AS person_id, p.si_number, CAST(p.birth_date AS TEXT) AS birth_date, p.commune_id,
    c.area_id, COALESCE(h.poverty, 'none') AS poverty, p.ethnic_minority, c.disadvantaged, p.hi_facility_code,
    CAST(p.death_date AS TEXT) AS death_date
    FROM registry_person p
    JOIN geo_commune c ON c.id = p.commune_id LEFT JOIN registry_household h ON h.id = p.household_id
    WHERE p.death_date IS NULL OR p.death_date > %s"""
_SPELLS = """SELECT s.person_id, e.sector, CAST(s.start AS TEXT), CAST(s."end" AS TEXT) FROM registry_employmentspell s
    JOIN registry_employer e ON e.id = s.employer_id WHERE s.start <= %s"""
_LISTS = """SELECT person_id, "group", CAST(valid_from AS TEXT), CAST(valid_to AS TEXT) FROM health_listmembership
    WHERE valid_from <= %s AND valid_to >= %s"""
_STOPS = """SELECT person_id, result_code, CAST(effective AS TEXT) FROM health_cardstop WHERE effective <= %s"""


_PEOPLE_SCHEMA = {
    "person_id": pl.Int64,
    "si_number": pl.String,
    "birth_date": pl.Date,
    "commune_id": pl.Int64,
    "area_id": pl.Int64,
    "poverty": pl.String,
    "ethnic_minority": pl.Boolean,
    "disadvantaged": pl.Boolean,
    "hi_facility_code": pl.String,
    "death_date": pl.Date,
}


class Sources:
    """The coverage sources of every day from `first` to `last`, read from the database once and cut for each day
    in memory (`on(day)`): the month ends the KPIs count, or the demo's two years of checkpoints, cost one read
    of the registry instead of one per day."""

    def __init__(self, first: dt.date, last: dt.date):
        self.first, self.last = first, last
        self.people = read_frame(_PEOPLE, [first], _PEOPLE_SCHEMA)
        self.spells = read_frame(
            _SPELLS, [last], {"person_id": pl.Int64, "sector": pl.String, "start": pl.Date, "end": pl.Date}
        )
        self.pensions = pension_starts(last)
        self.family = family_hi_spans(first)
        self.lists = read_frame(
            _LISTS,
            [last, first],
            {"person_id": pl.Int64, "group": pl.String, "valid_from": pl.Date, "valid_to": pl.Date},
        )
        self.stops = read_frame(_STOPS, [last], {"person_id": pl.Int64, "stop_code": pl.String, "effective": pl.Date})

    def on(self, day: dt.date) -> dict[str, pl.DataFrame]:
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside the sources read ({self.first} to {self.last})")
        started = self.spells.filter(pl.col("start") <= day)
        running = started.filter(pl.col("end").is_null() | (pl.col("end") >= day))
        return {
            "people": self.people.filter(pl.col("death_date").is_null() | (pl.col("death_date") > day)).drop(
                "death_date"
            ),
            "employees": running.group_by("person_id", "sector").agg(pl.col("start").min().alias("since")),
            "spells": started.select("person_id", "start", "end"),
            "pensioners": pensioners_on(day, self.pensions),
            "family": family_hi_members_frame(day, self.family),
            "lists": self.lists.filter((pl.col("valid_from") <= day) & (pl.col("valid_to") >= day)),
            "stops": self.stops.filter(pl.col("effective") <= day).group_by("person_id").agg(pl.col("stop_code").max()),
        }


def load_sources(on: dt.date) -> dict[str, pl.DataFrame]:
    return Sources(on, on).on(on)


def _yearly(frame: pl.DataFrame, group, source: str, on: dt.date) -> pl.DataFrame:
    """Groups renewed by calendar year (state-funded and state-supported lists)."""
    group_expr = group if isinstance(group, pl.Expr) else pl.lit(group)
    return frame.select(
        "person_id",
        group_expr.alias("group"),
        pl.lit(dt.date(on.year, 1, 1)).alias("valid_from"),
        pl.lit(dt.date(on.year, 12, 31)).alias("valid_to"),
        pl.lit(source).alias("source"),
    )


def _with_age(people: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    born = pl.col("birth_date")
    # month and day come as 8-bit integers: widen them before × 100, or September's 900 overflows
    before_birthday = pl.lit(on.month * 100 + on.day) < born.dt.month().cast(pl.Int32) * 100 + born.dt.day().cast(
        pl.Int32
    )
    return people.with_columns(
        pl.col("person_id").cast(pl.Int64),
        (pl.lit(on.year) - born.dt.year() - before_birthday.cast(pl.Int32)).alias("age"),
    )


def _paid_by_funds(src: dict[str, pl.DataFrame], on: dt.date, params) -> list[pl.DataFrame]:
    """Employees through their employer (group by sector) and pensioners through the SI fund."""
    year_start, year_end = dt.date(on.year, 1, 1), dt.date(on.year, 12, 31)
    sector_group = params.raw("health.sector_group")
    employees = src["employees"].select(
        pl.col("person_id").cast(pl.Int64),
        pl.col("sector").replace_strict(sector_group, default="DN").alias("group"),
        pl.max_horizontal(pl.col("since"), pl.lit(year_start)).alias("valid_from"),
        pl.lit(year_end).alias("valid_to"),
        pl.lit("employment").alias("source"),
    )
    pensioners = src["pensioners"].select(
        pl.col("person_id").cast(pl.Int64),
        pl.lit("HT").alias("group"),
        pl.max_horizontal(pl.col("pension_from"), pl.lit(year_start)).alias("valid_from"),
        pl.lit(year_end).alias("valid_to"),
        pl.lit("pension").alias("source"),
    )
    return [employees, pensioners]


def _by_situation(people: pl.DataFrame, on: dt.date, params) -> list[pl.DataFrame]:
    """Groups that follow from age, household poverty and place of residence."""
    child_years, pupils = params.int("health.child_age_years"), params.raw("health.pupil_age")
    students, elderly = params.raw("health.student_ages"), params.raw("health.elderly_allowance")
    age = pl.col("age")
    children = people.filter(age < child_years).select(
        "person_id",
        pl.lit("TE").alias("group"),
        pl.col("birth_date").alias("valid_from"),
        (pl.col("birth_date").dt.offset_by(f"{child_years}y") - pl.duration(days=1)).alias("valid_to"),
        pl.lit("child").alias("source"),
    )
    return [
        children,
        _yearly(people.filter(pl.col("poverty") == "poor"), "HN", "poor_household", on),
        _yearly(people.filter(pl.col("poverty") == "near_poor"), "CN", "near_poor_household", on),
        _yearly(
            people.filter(pl.col("disadvantaged")),
            pl.when(pl.col("ethnic_minority")).then(pl.lit("DT")).otherwise(pl.lit("DK")),
            "disadvantaged_area",
            on,
        ),
        _yearly(people.filter((age >= pupils["from"]) & (age < pupils["below"])), "HS", "pupil", on),
        _yearly(people.filter((age >= students["from"]) & (age < students["below"])), "SV", "student", on),
        _yearly(people.filter(age >= elderly["age"]), elderly["group"], "elderly_allowance", on),
    ]


def _candidates(src: dict[str, pl.DataFrame], on: dt.date, params) -> pl.DataFrame:
    """Every (person, group) that applies, with its validity and where it comes from."""
    people = _with_age(src["people"], on)
    frames = [
        *_paid_by_funds(src, on, params),
        *_by_situation(people, on, params),
        src["lists"].select(
            pl.col("person_id").cast(pl.Int64),
            pl.col("group").cast(pl.String),
            "valid_from",
            "valid_to",
            pl.lit("list").alias("source"),
        ),
        src["family"].select(
            pl.col("person_id").cast(pl.Int64),
            pl.lit("GD").alias("group"),
            "valid_from",
            "valid_to",
            pl.lit("family_hi").alias("source"),
        ),
    ]
    found = pl.concat(
        [f.with_columns(pl.col("valid_from").cast(pl.Date), pl.col("valid_to").cast(pl.Date)) for f in frames]
    )
    # Nobody is insured before being born: a household's family-HI year may start before its newborn.
    born = people.select("person_id", "birth_date")
    return (
        found.join(born, on="person_id", how="left")
        .with_columns(
            pl.max_horizontal("valid_from", pl.col("birth_date").fill_null(pl.col("valid_from"))).alias("valid_from")
        )
        .filter(pl.col("valid_to") >= pl.col("valid_from"))
        .drop("birth_date")
    )


def continuous_since(spells: pl.DataFrame, pensioners: pl.DataFrame, on: dt.date, max_gap_days: int) -> pl.DataFrame:
    """person_id → the first day of the unbroken insurance that still runs on `on`: employment spells and the
    pension that follows them, where a break of up to `max_gap_days` does not count. Someone whose last spell
    ended longer ago than that has no such day (their card counts from its own validity)."""
    day = pl.col("start").cast(pl.Int32)
    periods = (
        pl.concat(
            [
                spells.select(
                    pl.col("person_id").cast(pl.Int64), pl.col("start").cast(pl.Date), pl.col("end").cast(pl.Date)
                ),
                pensioners.select(
                    pl.col("person_id").cast(pl.Int64),
                    pl.col("pension_from").cast(pl.Date).alias("start"),
                    pl.lit(None, pl.Date).alias("end"),
                ),
            ]
        )
        .filter(pl.col("start") <= on)
        .with_columns(pl.col("end").fill_null(on).clip(upper_bound=on).cast(pl.Int32).alias("last"))
    )
    periods = periods.sort("person_id", "start").with_columns(
        pl.col("last").cum_max().shift(1).over("person_id").alias("before")
    )
    breaks = pl.col("before").is_null() | (day - pl.col("before") > max_gap_days + 1)
    runs = (
        periods.with_columns(breaks.cast(pl.Int32).cum_sum().over("person_id").alias("run"))
        .group_by("person_id", "run")
        .agg(pl.col("start").min(), pl.col("last").max())
    )
    latest = runs.sort("person_id", "run").group_by("person_id").last()
    still_running = pl.lit(on).cast(pl.Date).cast(pl.Int32) - pl.col("last") <= max_gap_days
    return latest.filter(still_running).select("person_id", pl.col("start").alias("continuous_since"))


def compute_coverage(
    src: dict[str, pl.DataFrame], on: dt.date, facilities: pl.DataFrame, registering: pl.DataFrame | None = None
) -> pl.DataFrame:
    """One row per covered person: the first group in payer order, benefit level, card code, facility."""
    params = params_on(on)
    rank = rules.precedence_rank(params.raw("health.group_precedence"))
    digits, pct = params.raw("health.group_digit"), params.raw("health.benefit_pct_by_digit")
    years = params.int("health.continuous_years_for_full_benefit")
    chosen = (
        _candidates(src, on, params)
        .with_columns(pl.col("group").replace_strict(rank, default=len(rank)).alias("rank"))
        .sort("person_id", "rank")
        .unique("person_id", keep="first")
    )
    people = src["people"].with_columns(pl.col("person_id").cast(pl.Int64), pl.col("commune_id").cast(pl.Int64))
    first = continuous_since(src["spells"], src["pensioners"], on, params.int("health.five_years.max_gap_days"))
    rows = (
        chosen.join(people, on="person_id")
        .join(first, on="person_id", how="left")
        .join(facilities, on="commune_id", how="left")
        .pipe(_chosen_facility, registering)
        .join(
            src["stops"].with_columns(pl.col("person_id").cast(pl.Int64), pl.col("stop_code").cast(pl.String)),
            on="person_id",
            how="left",
        )
        .with_columns(pl.col("stop_code").fill_null(""))
    )
    since = pl.min_horizontal(pl.col("valid_from"), pl.col("continuous_since").fill_null(pl.col("valid_from")))
    digit = pl.col("group").replace_strict({k: int(v) for k, v in digits.items()}, default=4, return_dtype=pl.Int64)
    return rows.with_columns(digit.alias("benefit_digit"), since.alias("since")).with_columns(
        pl.col("benefit_digit")
        .cast(pl.String)
        .replace_strict({k: int(v) for k, v in pct.items()}, return_dtype=pl.Int64)
        .alias("benefit_pct"),
        pl.col("since").dt.offset_by(f"{years}y").alias("five_years_from"),
        (
            pl.col("group")
            + pl.col("benefit_digit").cast(pl.String)
            + pl.lit(rules.PROVINCE_CARD_CODE)
            + pl.col("si_number")
        ).alias("card_code"),
        pl.when(pl.col("stop_code") == "")
        .then(pl.lit("active"))
        .when(pl.col("stop_code") == "110")
        .then(pl.lit("revoked"))
        .otherwise(pl.lit("stopped"))
        .alias("status"),
    )


def _chosen_facility(rows: pl.DataFrame, registering: pl.DataFrame | None) -> pl.DataFrame:
    """The facility a person chose for first-contact care (TK1-TS) replaces the commune's when it takes
    registrations (a health station or a basic-level facility); any other code keeps the commune's."""
    if registering is None or "hi_facility_code" not in rows.columns:
        return rows.drop("hi_facility_code", strict=False)
    return (
        rows.with_columns(pl.col("hi_facility_code").cast(pl.String))
        .join(
            registering.rename({"code": "hi_facility_code", "facility_id": "chosen_id"}),
            on="hi_facility_code",
            how="left",
        )
        .with_columns(pl.coalesce("chosen_id", "facility_id").alias("facility_id"))
        .drop("chosen_id", "hi_facility_code")
    )


def _registration_places() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each commune's registration facility (its health station, else its area's medical centre), and the
    facilities a person may choose instead, by code."""
    stations = {
        c: pk
        for pk, c in Facility.objects.filter(level="primary", commune__isnull=False).values_list("pk", "commune_id")
    }
    centres = {}
    for area_id, pk in Facility.objects.filter(level="basic").order_by("-code").values_list("area_id", "pk"):
        centres[area_id] = pk  # ordered by code descending, so each area keeps its lowest code

    rows = [(c, stations.get(c) or centres.get(a)) for c, a in Commune.objects.values_list("pk", "area_id")]
    by_commune = pl.DataFrame(rows, schema={"commune_id": pl.Int64, "facility_id": pl.Int64}, orient="row")
    registering = pl.DataFrame(
        list(Facility.objects.filter(level__in=("primary", "basic")).values_list("code", "pk")),
        schema={"code": pl.String, "facility_id": pl.Int64},
        orient="row",
    )
    return by_commune, registering


def _covered(rows: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    """The derived rows of the people covered on `on`: registered somewhere, card active and valid that day."""
    valid = (
        pl.col("facility_id").is_not_null()
        & (pl.col("status") == "active")
        & pl.lit(on).is_between(pl.col("valid_from"), pl.col("valid_to"))
    )
    return rows.filter(valid)


def _covered_on(on: dt.date) -> pl.DataFrame:
    return next(_covered_each([on]))[1]


def _covered_each(days: list[dt.date]) -> Iterator[tuple[dt.date, pl.DataFrame]]:
    """(day, the derived rows of the people covered that day) for each day, the sources read once for all of
    them; one day's rows at a time (at full size each day's are about 1.2 million rows)."""
    if not days:
        return
    facilities, registering = _registration_places()
    sources = Sources(min(days), max(days))
    for day in days:
        yield day, _covered(compute_coverage(sources.on(day), day, facilities, registering), day)


def members_on(on: dt.date) -> pl.DataFrame:
    """Who is covered on `on` (person_id, commune_id), computed from the sources for that day without touching
    the stored coverage: what a refresh on that day would have found."""
    return _covered_on(on).select("person_id", "commune_id")


def members_on_days(days: list[dt.date]) -> dict[dt.date, pl.DataFrame]:
    """members_on for several days, the sources read once."""
    return {day: rows.select("person_id", "commune_id") for day, rows in _covered_each(days)}


def _member_counts(rows: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    return rows.group_by("commune_id", "group").len("members").with_columns(pl.lit(day).alias("on"))


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The last days of months that fall between `first` and `last`, both included."""
    days, period = [], Period.of(first)
    while period.last_day <= last:
        days.append(period.last_day)
        period = period.plus(1)
    return [day for day in days if day >= first]


def _store_counts(run: CoverageRun, rows: pl.DataFrame, previous: dt.date | None, recount_from: dt.date | None):
    """Per-commune, per-group counts for the month ends the KPIs ask: the refresh's own day when it is one
    (from the rows just derived), and every month end since the previous refresh that has none yet (the cards
    about to be replaced answered those days; once past, they would be derived again on every request).
    `recount_from` derives every month end from that day again, to take in sources corrected since."""
    first = recount_from or previous or run.on
    days = [day for day in _month_ends(first, run.on) if day < run.on]
    if recount_from is None:
        stored = set(MemberCount.objects.filter(on__in=days).values_list("on", flat=True))
        days = [day for day in days if day not in stored]
    counts = [_member_counts(derived, day) for day, derived in _covered_each(days)]
    if _month_ends(run.on, run.on):
        days, counts = [*days, run.on], [*counts, _member_counts(_covered(rows, run.on), run.on)]
    if not days:
        return
    counted = pl.concat(counts).with_columns(pl.col("members").cast(pl.Int64), pl.lit(run.pk).alias("run_id"))
    MemberCount.objects.filter(on__in=days).delete()
    bulk_insert(MemberCount, ["run_id", "on", "commune_id", "group", "members"], counted)


COLUMNS = [
    "person_id",
    "group",
    "benefit_digit",
    "benefit_pct",
    "valid_from",
    "valid_to",
    "facility_id",
    "five_years_from",
    "card_code",
    "status",
    "stop_code",
    "source",
    "run_id",
]


def refresh_coverage(on: dt.date, recount_from: dt.date | None = None) -> CoverageRun:
    """Rewrite the coverage set as of `on` (one transaction; re-running gives the same set), and keep the
    counts of covered people for the month ends up to `on` (see _store_counts)."""
    began = time.perf_counter()
    with transaction.atomic():
        facilities, registering = _registration_places()
        src = load_sources(on)
        rows = compute_coverage(src, on, facilities, registering).filter(pl.col("facility_id").is_not_null())
        previous = CoverageRun.objects.order_by("-started_at", "-id").values_list("on", flat=True).first()
        run = CoverageRun.objects.create(
            on=on,
            members=rows.height,
            by_source={"population": src["people"].height, **dict(rows.group_by("group").len().iter_rows())},
        )
        old = cards.current_cards()
        cards.keep_replaced(old, rows, on, previous)
        with connection.cursor() as cursor:  # a raw delete: the run record and audit batch stand for the rows
            cursor.execute(f"DELETE FROM {Coverage._meta.db_table}")
        bulk_insert(Coverage, COLUMNS, rows.with_columns(pl.lit(run.pk).alias("run_id")))
        cards.tell_renewed(old, rows, on, previous)
        _store_counts(run, rows, previous, recount_from)
        run.stop_clock(began)
        run.save(update_fields=["seconds"])
        audit.record_batch(
            "health.coverage_run", run.pk, f"coverage on {on}: {run.members} of {src['people'].height} people"
        )
    return run
