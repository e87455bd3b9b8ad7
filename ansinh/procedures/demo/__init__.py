"""Demo data for services: 24 months of dossiers up to ctx.as_of, set-based and bulk-inserted.

Calibrated on domain facts §10: > 95% received online, most results returned by post or online, most
decided on time with a few late, the latest ones still open. The demo citizens and the demo employer get
dossiers of their own so their pages are alive.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from ansinh.core import audit
from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.procedures.calendar import work_calendar
from ansinh.procedures.demo.people import demo_citizen_rows
from ansinh.procedures.models import Dossier, DossierEvent, Procedure
from ansinh.procedures.rules import add_working_days

DAYS = 730
DOSSIERS_PER_YEAR_FULL_PROVINCE = 200_000  # Quảng Ninh: 121,804 in half a year for a province of similar size
ONLINE_SHARE = 0.955
LATE_SHARE, REFUSED_SHARE, WAITING_SHARE = 0.03, 0.03, 0.04
DELIVERY_WEIGHTS = {"post": 0.55, "online": 0.38, "counter": 0.07}
# Share of the dossier stream by procedure code (the rest spread evenly over the other procedures).
MIX = {
    "E1": 0.22,
    "D1": 0.18,
    "C7": 0.12,
    "E3": 0.06,
    "E4": 0.06,
    "E2": 0.06,
    "C6": 0.05,
    "D2": 0.04,
    "C12": 0.04,
    "A1": 0.03,
    "B1": 0.03,
    "D3": 0.02,
    "C16": 0.02,
}
ADULTS = ("employee", "voluntary", "pensioner", "informal", "elderly")
ADULT_AGES = (18, 120)
BENEFICIARIES = ("pensioner",)
WORKERS = ("employee",)
# Who files each procedure (situations, sex, ages); any other procedure: any adult. A one-off SI payment closes
# the SI record, so it is filed by someone without a pension or a job today; benefit procedures by pensioners.
FILERS = {
    **{
        code: (BENEFICIARIES, None, ADULT_AGES)
        for code in ("B1", "B2", "C1", "C2", "C3", "C8", "C9", "C10", "C15", "C16")
    },
    **{code: (WORKERS, None, ADULT_AGES) for code in ("C4", "C5", "C7", "C13", "C14", "E1")},
    "C6": (WORKERS, "female", (20, 45)),
    "C6D": (("employee", "voluntary"), "female", (20, 45)),
    "B3": (("informal", "elderly", "employee"), None, (30, 120)),
    "C11": (("elderly",), None, ADULT_AGES),
    "C12": (("informal",), None, ADULT_AGES),
    "D3": (("employee", "voluntary"), None, ADULT_AGES),
    "E2": (("voluntary",), None, ADULT_AGES),
    "E3": (("informal", "elderly"), None, ADULT_AGES),
    "E4": (("informal", "elderly", "voluntary"), None, ADULT_AGES),
}


def _procedures() -> pl.DataFrame:
    rows = Procedure.objects.filter(active=True).values(
        "id",
        "code",
        "time_limit_days",
        "citizens_may_file",
        "employers_may_file",
        "delivery_online",
        "delivery_counter",
        "delivery_post",
    )
    frame = pl.DataFrame(list(rows))
    rest = (1 - sum(MIX.values())) / max(1, frame.height - len(MIX))
    return frame.with_columns(weight=pl.col("code").replace_strict(MIX, default=rest, return_dtype=pl.Float64))


def _due_table(calendar, first: dt.date, last: dt.date, limits) -> dict[tuple[dt.date, int], dt.date]:
    """Due date for every (received day, time limit) pair of the demo period: a few thousand look-ups."""
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return {(d, n): add_working_days(calendar, d, n) for d in days for n in set(limits)}


def _memo(table: dict, calendar, day: dt.date, days: int) -> dt.date:
    if (day, days) not in table:
        table[(day, days)] = add_working_days(calendar, day, days)
    return table[(day, days)]


def _filers(ctx, rule: tuple) -> pl.DataFrame:
    """The people who may file under a FILERS rule: situations, sex (or None) and an age range."""
    situations, sex, (youngest, oldest) = rule
    people = ctx.frames["people"]
    age = (pl.lit(ctx.as_of) - pl.col("birth_date")).dt.total_days() / 365.25
    wanted = pl.col("situation").is_in(list(situations)) & age.is_between(youngest, oldest)
    if sex:
        wanted &= pl.col("sex") == sex
    found = people.filter(wanted)
    return found if found.height else people.filter(pl.col("situation").is_in(ADULTS))


def _draw(ctx, rng, codes: np.ndarray, employees_only: bool) -> pl.DataFrame:
    """One filer per dossier from the people its procedure is for (FILERS, else any adult); with
    `employees_only`, from the employees among them (a unit files for its worker)."""
    picked = np.zeros(len(codes), dtype=np.int64)
    pools = {}
    for code in np.unique(codes):
        situations, sex, ages = FILERS.get(code, (ADULTS, None, ADULT_AGES))
        if employees_only:
            situations = ("employee",)
        pool = pools.setdefault((situations, sex, ages), _filers(ctx, (situations, sex, ages)))
        at = np.flatnonzero(codes == code)
        picked[at] = pool["person_id"].to_numpy()[rng.integers(0, pool.height, len(at))]
    people = ctx.frames["people"].select("person_id", "commune_id", "employer_id")
    return pl.DataFrame({"person_id": picked}).join(people, on="person_id", how="left", maintain_order="left")


def _applicants(ctx, rng, procedures: pl.DataFrame, count: int) -> pl.DataFrame:
    """Which procedure each dossier is for, and who filed it: a person the procedure is for, or an employer for
    its worker where a unit may file and the procedure is one for workers."""
    pick = rng.choice(procedures.height, size=count, p=(procedures["weight"] / procedures["weight"].sum()).to_numpy())
    chosen = procedures[pick]
    codes = chosen["code"].to_numpy()
    for_workers = np.array(["employee" in FILERS.get(code, (ADULTS,))[0] for code in codes])
    by_employer = (~chosen["citizens_may_file"]) | (
        chosen["employers_may_file"] & pl.Series(rng.random(count) < 0.5) & pl.Series(for_workers)
    )
    person_rows = _draw(ctx, rng, codes, employees_only=False)
    worker_rows = _draw(ctx, rng, codes, employees_only=True)
    units = ctx.frames["employers"].select("employer_id", pl.col("commune_id").alias("unit_commune"))
    unit_ids = worker_rows["employer_id"]
    units = units.join(pl.DataFrame({"employer_id": unit_ids}), on="employer_id", how="right")
    return chosen.select(
        procedure_id="id",
        limit="time_limit_days",
        online_ok="delivery_online",
        counter_ok="delivery_counter",
        post_ok="delivery_post",
    ).with_columns(
        by_employer=by_employer,
        person_id=pl.when(by_employer).then(worker_rows["person_id"]).otherwise(person_rows["person_id"]),
        employer_id=pl.when(by_employer).then(unit_ids).otherwise(None),
        commune_id=pl.when(by_employer).then(units["unit_commune"]).otherwise(person_rows["commune_id"]),
    )


def _deliveries(rng, frame: pl.DataFrame) -> pl.Series:
    wanted = rng.choice(list(DELIVERY_WEIGHTS), size=frame.height, p=list(DELIVERY_WEIGHTS.values()))
    allowed = {
        "online": frame["online_ok"].to_numpy(),
        "counter": frame["counter_ok"].to_numpy(),
        "post": frame["post_ok"].to_numpy(),
    }
    fallback = np.where(allowed["post"], "post", np.where(allowed["online"], "online", "counter"))
    ok = np.select([wanted == k for k in allowed], [allowed[k] for k in allowed], default=False)
    return pl.Series(np.where(ok, wanted, fallback))


def _timing(ctx, rng, frame: pl.DataFrame, calendar) -> pl.DataFrame:
    """Received day, due day, decision day (None while open) and state."""
    n = frame.height
    first = ctx.as_of - dt.timedelta(days=DAYS - 1)
    received = [first + dt.timedelta(days=int(d)) for d in rng.integers(0, DAYS, n)]
    limits = frame["limit"].to_list()
    table = _due_table(calendar, first, ctx.as_of + dt.timedelta(days=1), limits)
    late = rng.random(n) < LATE_SHARE
    used = np.where(
        late, np.array(limits) + rng.integers(1, 8, n), np.ceil(np.array(limits) * rng.uniform(0.3, 1.0, n))
    )
    finished = [_memo(table, calendar, r, int(u)) for r, u in zip(received, used, strict=False)]
    done = np.array([f <= ctx.as_of for f in finished])
    roll = rng.random(n)
    fresh = np.array([(ctx.as_of - r).days <= 2 for r in received])  # older open dossiers are with an officer
    open_state = np.where(
        roll < WAITING_SHARE * 4, "info_requested", np.where(fresh & (roll > 0.5), "received", "in_progress")
    )
    state = np.where(done, np.where(roll < REFUSED_SHARE, "refused", "approved"), open_state)
    return frame.with_columns(
        received_on=pl.Series(received, dtype=pl.Date),
        due_on=pl.Series([table[(day, limit)] for day, limit in zip(received, limits, strict=False)], dtype=pl.Date),
        finished_on=pl.Series([f if d else None for f, d in zip(finished, done, strict=False)], dtype=pl.Date),
        state=pl.Series(state),
        channel=pl.Series(np.where(rng.random(n) < ONLINE_SHARE, "online", "counter")),
    )


def _result_columns(rng, frame: pl.DataFrame) -> pl.DataFrame:
    delivery = _deliveries(rng, frame)
    lag = pl.Series(rng.integers(1, 4, frame.height))
    tracking = pl.Series([f"EV{n:09d}VN" for n in rng.integers(0, 10**9, frame.height)])
    finished = pl.col("finished_on").is_not_null()
    return frame.with_columns(delivery=delivery).with_columns(
        delivered_on=pl.when(finished & (pl.col("delivery") == "online"))
        .then(pl.col("finished_on"))
        .when(finished)
        .then(pl.col("finished_on") + pl.duration(days=lag))
        .otherwise(None),
        tracking_ref=pl.when(finished & (pl.col("delivery") == "post")).then(tracking).otherwise(pl.lit("")),
        postal_address=pl.when(pl.col("delivery") == "post").then(pl.lit("Địa chỉ thường trú")).otherwise(pl.lit("")),
        paused_on=pl.when(pl.col("state") == "info_requested")
        .then(pl.col("received_on") + pl.duration(days=2))
        .otherwise(None),
        decision_note=pl.when(pl.col("state") == "refused")
        .then(pl.lit("Không đủ điều kiện hưởng theo hồ sơ đã nộp"))
        .when(pl.col("state") == "info_requested")
        .then(pl.lit("Bổ sung bản chụp giấy tờ còn thiếu"))
        .otherwise(pl.lit("")),
    )


def _receipt_codes(frame: pl.DataFrame) -> pl.DataFrame:
    serial = pl.int_range(1, pl.len() + 1).over("received_on")
    code = pl.lit("HS") + pl.col("received_on").dt.strftime("%y%m%d") + serial.cast(pl.String).str.zfill(6)
    return frame.sort("received_on").with_columns(receipt_code=code)


COLUMNS = [
    "id",
    "receipt_code",
    "procedure_id",
    "person_id",
    "employer_id",
    "commune_id",
    "channel",
    "state",
    "received_on",
    "due_on",
    "paused_on",
    "finished_on",
    "delivery",
    "postal_address",
    "tracking_ref",
    "delivered_on",
    "contact_phone",
    "contact_email",
    "applicant_note",
    "decision_note",
    "details",
    "case_ref",
]


def _events(frame: pl.DataFrame) -> pl.DataFrame:
    """The received event for every dossier, and the latest move for those that have moved on."""
    at = pl.col("received_on").cast(pl.Datetime) + pl.duration(hours=8)
    received = frame.select(dossier_id="id", at=at, from_state=pl.lit(""), to_state=pl.lit("received"), note=pl.lit(""))
    moved = frame.filter(pl.col("state") != "received").select(
        dossier_id="id",
        at=pl.coalesce("finished_on", "paused_on", pl.col("received_on") + pl.duration(days=1)).cast(pl.Datetime)
        + pl.duration(hours=15),
        from_state=pl.when(pl.col("state") == "in_progress").then(pl.lit("received")).otherwise(pl.lit("in_progress")),
        to_state="state",
        note="decision_note",
    )
    return pl.concat([received, moved])


def build(ctx) -> None:
    rng = ctx.rng("services-dossiers")
    calendar = work_calendar()
    count = ctx.scaled(DOSSIERS_PER_YEAR_FULL_PROVINCE * DAYS / 365, minimum=50)
    frame = _timing(ctx, rng, _applicants(ctx, rng, _procedures(), count), calendar)
    frame = pl.concat([_result_columns(rng, frame), demo_citizen_rows(ctx, calendar)], how="diagonal_relaxed")
    frame = _receipt_codes(frame.drop("limit", "online_ok", "counter_ok", "post_ok", "by_employer", strict=False))
    first_id = next_id(Dossier)
    frame = frame.with_columns(
        id=pl.int_range(first_id, first_id + frame.height),
        contact_phone=pl.lit(""),
        contact_email=pl.lit(""),
        applicant_note=pl.lit(""),
        details=pl.lit("{}"),
        case_ref=pl.lit(""),
    )
    written = bulk_insert(Dossier, COLUMNS, frame.select(COLUMNS))
    events = _events(frame)
    bulk_insert(DossierEvent, events.columns, events)
    reset_sequence(Dossier)
    reset_sequence(DossierEvent)
    audit.record_batch("services.dossier", "demo", f"demo dossiers: {written:,} over {DAYS} days up to {ctx.as_of}")
    online = frame.filter(pl.col("channel") == "online").height / max(1, frame.height)
    ctx.log(f"services: {written:,} dossiers ({online:.1%} online), {events.height:,} events")
