"""Demo feedback: twelve months of questions, suggestions, complaints and denunciations up to ctx.as_of,
spread over the communes by population, so the dashboard's feedback section has figures.

Volumes and shares are assumptions for a demo (about 12,000 a year for the full province, most of them
questions); the time limits are the real ones from the table, most cases answered on time, most ratings
4 or 5 stars, the latest ones still open.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ansinh.feedback import rules
from ansinh.feedback.models import Feedback
from ansinh.feedback.services import time_limits
from ansinh.procedures.calendar import work_calendar

PER_YEAR_FULL_PROVINCE = 12_000
KINDS = {"question": 0.6, "suggestion": 0.25, "complaint": 0.12, "denunciation": 0.03}
CATEGORIES = ["contributions", "benefits", "health", "dossiers", "conduct", "other"]
SUBJECTS = {
    "question": "Hỏi về quyền lợi BHXH, BHYT",
    "suggestion": "Kiến nghị cải tiến thủ tục",
    "complaint": "Khiếu nại về việc giải quyết chế độ",
    "denunciation": "Tố cáo hành vi vi phạm",
}
ON_TIME, RATED = 0.92, 0.6


def build(ctx) -> None:
    people = ctx.frames["people"].filter(
        ctx.frames["people"]["situation"].is_in(["employee", "voluntary", "pensioner", "informal"])
    )
    if people.height == 0:
        return
    rng = np.random.default_rng(ctx.seed + 17)
    count = max(24, int(PER_YEAR_FULL_PROVINCE * ctx.scale))
    picks = rng.integers(0, people.height, count)
    calendar, limits = work_calendar(), time_limits()
    rows = [_row(rng, calendar, limits, ctx.as_of, people.row(int(i), named=True), n) for n, i in enumerate(picks)]
    Feedback.objects.bulk_create(rows, batch_size=2000)


def _row(rng, calendar, limits, as_of: dt.date, person: dict, n: int) -> Feedback:
    kind = str(rng.choice(list(KINDS), p=list(KINDS.values())))
    received = as_of - dt.timedelta(days=int(rng.integers(0, 365)))
    item = Feedback(
        code=f"PA{received:%y%m%d}{n % 100_000:05d}",
        kind=kind,
        channel=str(rng.choice(["portal", "assistant", "hotline", "counter"], p=[0.5, 0.2, 0.25, 0.05])),
        person_id=person["person_id"],
        commune_id=person["commune_id"],
        contact_name=person["full_name"],
        category=str(rng.choice(CATEGORIES)),
        subject=SUBJECTS[kind],
        text=SUBJECTS[kind] + ".",
        received_on=received,
        state=Feedback.State.RECEIVED,
    )
    stage = "accept" if kind in rules.NEEDS_ACCEPTANCE else "resolve"
    limit = rules.limit_for(limits, kind, stage, received)
    if kind in rules.NEEDS_ACCEPTANCE:
        item.accepted_on = rules.deadline(calendar, received, limit) - dt.timedelta(days=int(rng.integers(1, 4)))
        limit = rules.limit_for(limits, kind, "resolve", item.accepted_on)
    item.due_on = rules.deadline(calendar, item.accepted_on or received, limit)
    item.limit_source, item.limit_assumed = limit.source, limit.assumed
    _outcome(rng, item, as_of)
    return item


def _outcome(rng, item: Feedback, as_of: dt.date) -> None:
    late = rng.random() > ON_TIME
    answered = (
        item.due_on + dt.timedelta(days=int(rng.integers(1, 10)))
        if late
        else item.due_on - dt.timedelta(days=int(rng.integers(0, max(1, (item.due_on - item.received_on).days))))
    )
    answered = max(answered, item.accepted_on or item.received_on)
    if answered > as_of:
        item.state = (
            Feedback.State.IN_PROGRESS if item.accepted_on and item.accepted_on <= as_of else Feedback.State.RECEIVED
        )
        item.accepted_on = item.accepted_on if item.state == Feedback.State.IN_PROGRESS else None
        return
    item.state, item.answered_on = Feedback.State.ANSWERED, answered
    if rng.random() < RATED and answered + dt.timedelta(days=2) <= as_of:
        item.state, item.closed_on = Feedback.State.CLOSED, answered + dt.timedelta(days=2)
        item.rating = int(rng.choice([5, 4, 3, 2, 1], p=[0.5, 0.3, 0.1, 0.06, 0.04]))
