"""The demo province's HI coverage over its history: the registry, the funds and family HI cover most people;
lists sent by other bodies (veterans, people of merit and their relatives, social assistance, farm households)
fill the gap, month by month, so that coverage follows the province's reported trajectory: about 94% at the
start of the history, 95% today (domain facts §10: 94%, target above 95%).

A list member stays on the list until the end of the year; the lists are drawn from the adults whom no other
basis covers at the time, in one stable random order, so the same people come back year after year."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from ansinh.core.bulk import bulk_insert
from ansinh.core.periods import Period
from ansinh.health.coverage import members_on_days
from ansinh.health.models import ListMembership

TRAJECTORY = (0.94, 0.95)  # share covered at the start of the history and today
# Lists sent by other bodies, with their share of the listed people.
LISTS = [
    ("CB", "Hội Cựu chiến binh", 0.15),
    ("CC", "Sở LĐTBXH: người có công", 0.05),
    ("CK", "Sở LĐTBXH: người có công", 0.05),
    ("TC", "Sở LĐTBXH: thân nhân người có công", 0.15),
    ("BT", "Sở LĐTBXH: bảo trợ xã hội", 0.2),
    ("GB", "UBND xã: hộ nông-lâm-ngư nghiệp", 0.4),
]


def checkpoints(ctx) -> list[dt.date]:
    """The last day of every month of the history, and the demo's today."""
    first = Period.of(ctx.as_of).plus(-ctx.history_months)
    return [first.plus(k).last_day for k in range(ctx.history_months)] + [ctx.as_of]


def target_share(ctx, on: dt.date) -> float:
    start, today = checkpoints(ctx)[0], ctx.as_of
    progress = (on - start).days / max(1, (today - start).days)
    return TRAJECTORY[0] + (TRAJECTORY[1] - TRAJECTORY[0]) * progress


def calibrate(ctx) -> int:
    """Write the list memberships that bring coverage to the trajectory at every checkpoint; returns how many."""
    people = ctx.frames["people"]
    order = pl.DataFrame(
        {"person_id": people["person_id"], "rank": ctx.rng("health-lists-order").permutation(people.height)}
    )
    points = checkpoints(ctx)
    covered = {on: members["person_id"] for on, members in members_on_days(points).items()}
    rows = [
        _year_lists(ctx, people, order, year, [on for on in points if on.year == year], covered)
        for year in sorted({on.year for on in points})
    ]
    frame = pl.concat(rows)
    picks = ctx.rng("health-lists").choice(len(LISTS), frame.height, p=[share for *_, share in LISTS])
    frame = frame.with_columns(
        pl.Series("group", [LISTS[k][0] for k in picks]), pl.Series("list_name", [LISTS[k][1] for k in picks])
    )
    return bulk_insert(ListMembership, ["person_id", "group", "list_name", "valid_from", "valid_to"], frame)


def _year_lists(
    ctx, people: pl.DataFrame, order: pl.DataFrame, year: int, points: list[dt.date], covered: dict
) -> pl.DataFrame:
    """The year's list members: at each checkpoint, as many adults not covered otherwise as the trajectory still
    needs join, in the stable order, from that month (the start of the year at the first); when other bases
    cover more people, the latest to join leave at the end of the month before. The rest stay to the year's end."""
    adults = (
        people.filter(pl.col("birth_date") < dt.date(year - 18, 1, 1))
        .join(order, on="person_id")
        .sort("rank")["person_id"]
        .to_numpy()
    )
    listed, joined, left = np.array([], dtype=np.int64), {}, {}
    for k, on in enumerate(points):
        month = dt.date(year, 1, 1) if k == 0 else Period.of(on).first_day
        others = covered[on].to_numpy()
        short = round(target_share(ctx, on) * people.height) - len(others) - int((~np.isin(listed, others)).sum())
        if short > 0:
            free = adults[~np.isin(adults, others) & ~np.isin(adults, listed) & ~np.isin(adults, list(left))][:short]
            joined.update(dict.fromkeys(free.tolist(), month))
            listed = np.concatenate([listed, free])
        elif short < 0:
            leaving, listed = listed[short:], listed[:short]
            left.update(dict.fromkeys(leaving.tolist(), month - dt.timedelta(days=1)))
    end = dt.date(year, 12, 31)
    rows = [(pid, start, left.get(pid, end)) for pid, start in joined.items()]
    return pl.DataFrame(
        rows, schema={"person_id": pl.Int64, "valid_from": pl.Date, "valid_to": pl.Date}, orient="row"
    ).filter(pl.col("valid_to") >= pl.col("valid_from"))
