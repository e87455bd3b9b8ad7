"""The rules of handling feedback, over plain values: which time limit applies on a day, when it ends
(working days or calendar days), the warning a case carries, and who may move a case where."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ansinh.procedures.rules import WorkCalendar, add_working_days, working_days_between

QUESTION, SUGGESTION, COMPLAINT, DENUNCIATION = "question", "suggestion", "complaint", "denunciation"
NEEDS_ACCEPTANCE = frozenset({COMPLAINT, DENUNCIATION})  # the law has a step to accept (thụ lý) or not
RECEIVED, IN_PROGRESS, ANSWERED, CLOSED, NOT_ACCEPTED = "received", "in_progress", "answered", "closed", "not_accepted"
DUE_SOON_WORKING_DAYS = 2


@dataclass(frozen=True)
class TimeLimit:
    kind: str
    stage: str
    days: int
    unit: str  # "days" or "working_days"
    valid_from: dt.date
    source: str
    assumed: bool = False


def limit_for(limits: list[TimeLimit], kind: str, stage: str, on: dt.date) -> TimeLimit | None:
    """The version of the limit in force on the day (the latest valid_from not after it)."""
    versions = [x for x in limits if x.kind == kind and x.stage == stage and x.valid_from <= on]
    return max(versions, key=lambda x: x.valid_from, default=None)


def deadline(calendar: WorkCalendar, start: dt.date, limit: TimeLimit) -> dt.date:
    """The last day of the limit counted from `start` (the start day itself does not count). Calendar days
    that end on a day off end on the next working day (Civil Code 2015, Art. 148 cl. 5)."""
    if limit.unit == "working_days":
        return add_working_days(calendar, start, limit.days)
    end = start + dt.timedelta(days=limit.days)
    while not calendar.is_working_day(end):
        end += dt.timedelta(days=1)
    return end


def warning(calendar: WorkCalendar, due_on: dt.date | None, today: dt.date, finished: bool) -> str:
    """'overdue', 'due_soon' (two working days or fewer left) or ''."""
    if finished or due_on is None:
        return ""
    if today > due_on:
        return "overdue"
    return "due_soon" if working_days_between(calendar, today, due_on) <= DUE_SOON_WORKING_DAYS else ""


def on_time(due_on: dt.date | None, answered_on: dt.date | None) -> bool:
    return due_on is not None and answered_on is not None and answered_on <= due_on


# Staff moves: (from, to). The applicant's own moves are reopening an answer and rating it.
STAFF_MOVES = {(RECEIVED, IN_PROGRESS), (RECEIVED, NOT_ACCEPTED), (IN_PROGRESS, ANSWERED), (ANSWERED, CLOSED)}
REOPENABLE = frozenset({ANSWERED, CLOSED})
REOPEN_WITHIN_DAYS = 30


def may_reopen(state: str, answered_on: dt.date | None, today: dt.date) -> bool:
    return state in REOPENABLE and answered_on is not None and (today - answered_on).days <= REOPEN_WITHIN_DAYS
