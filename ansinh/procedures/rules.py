"""The rules of dossier handling: working-day deadlines, who may move a dossier from one state to another,
which uploads are accepted, and the receipt code. Plain values in and out, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

RECEIVED, IN_PROGRESS, INFO_REQUESTED, APPROVED, REFUSED = (
    "received",
    "in_progress",
    "info_requested",
    "approved",
    "refused",
)
FINAL_STATES = frozenset({APPROVED, REFUSED})
SATURDAY = 5


@dataclass(frozen=True)
class WorkCalendar:
    """Monday–Friday, minus public holidays and compensatory days off, plus weekend days the government
    has made working days (swaps)."""

    days_off: frozenset[dt.date] = field(default_factory=frozenset)
    extra_working_days: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < SATURDAY and day not in self.days_off


def add_working_days(calendar: WorkCalendar, start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (the day of receipt does not count; 0 gives `start`)."""
    if days < 0:
        raise ValueError("a time limit cannot be negative")
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def working_days_between(calendar: WorkCalendar, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(calendar, end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if calendar.is_working_day(start + dt.timedelta(days=n)))


def due_after_resume(calendar: WorkCalendar, due_on: dt.date, paused_on: dt.date, resumed_on: dt.date) -> dt.date:
    """The clock stops while the applicant owes information and restarts with the working days that were
    left. A dossier already at or past its limit when paused keeps its due date (it is late either way)."""
    left = working_days_between(calendar, paused_on, due_on)
    if left <= 0:
        return due_on
    return add_working_days(calendar, resumed_on, left)


def is_overdue(due_on: dt.date, finished_on: dt.date | None, today: dt.date, clock_stopped: bool = False) -> bool:
    """Decided after the due date, or still open past it (not while waiting for the applicant)."""
    if finished_on is not None:
        return finished_on > due_on
    return not clock_stopped and today > due_on


# Who may make each move. "desk": the service desk; "handler": the procedure's handling role;
# "applicant": the citizen or employer who filed it (answering a request for information).
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (RECEIVED, IN_PROGRESS): frozenset({"desk", "handler"}),
    (IN_PROGRESS, INFO_REQUESTED): frozenset({"handler"}),
    (INFO_REQUESTED, IN_PROGRESS): frozenset({"applicant", "desk"}),
    (IN_PROGRESS, APPROVED): frozenset({"handler"}),
    (IN_PROGRESS, REFUSED): frozenset({"handler"}),
}


def allowed_parties(from_state: str, to_state: str) -> frozenset[str]:
    return TRANSITIONS.get((from_state, to_state), frozenset())


def next_states(from_state: str, parties: set[str]) -> list[str]:
    """The states these parties may move a dossier to from `from_state`, in workflow order."""
    return [to for (frm, to), who in TRANSITIONS.items() if frm == from_state and who & parties]


# Accepted uploads: the type is decided by the file's first bytes, not by its name or the browser's claim.
FILE_TYPES = {
    "application/pdf": ((".pdf",), (b"%PDF-",)),
    "image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
}


def sniff_content_type(file_name: str, head: bytes) -> str | None:
    """The content type when the name's extension and the file's signature agree on an accepted type."""
    name = (file_name or "").lower()
    for content_type, (extensions, signatures) in FILE_TYPES.items():
        if name.endswith(extensions) and any(head.startswith(sig) for sig in signatures):
            return content_type
    return None


def extension_for(content_type: str) -> str:
    return FILE_TYPES[content_type][0][0]


def receipt_code(day: dt.date, serial: int) -> str:
    """HS + received date (yymmdd) + 6 digits: short enough to read out on the phone."""
    return f"HS{day:%y%m%d}{serial % 1_000_000:06d}"
