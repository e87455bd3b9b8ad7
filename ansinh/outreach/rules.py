"""The law and the agency's choices about prospects, as pure functions over plain values (no Django)."""

from __future__ import annotations

import datetime as dt

REASONS = ("near_pension", "worker_left", "uninsured", "hi_lapsed", "under_declared")
SCHEMES = ("voluntary_si", "family_hi", "compulsory")
# A person flagged for a stronger reason is not listed again for a weaker one (SI reasons only).
SI_PRIORITY = ("near_pension", "worker_left", "uninsured")


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (negative when end is earlier)."""
    return (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)


def retirement_age_months(table: dict, sex: str, year: int) -> int:
    """The normal retirement age (months) for someone reaching it in `year`; the last year listed holds later."""
    by_year = {int(y): int(m) for y, m in table[sex].items()}
    known = [y for y in by_year if y <= year]
    return by_year[max(known)] if known else by_year[min(by_year)]


def of_working_age(birth: dt.date, sex: str, on: dt.date, from_months: int, retirement_table: dict) -> bool:
    age = months_between(birth, on)
    return from_months <= age < retirement_age_months(retirement_table, sex or "male", on.year)


def voluntary_tier(poverty: str, ethnic_minority: bool) -> str:
    """The support group of voluntary SI (voluntary.support_pct keys) a household's status gives."""
    if poverty in ("poor", "near_poor"):
        return poverty
    return "ethnic_minority" if ethnic_minority else "other"


def family_hi_tier(poverty: str, disadvantaged_commune: bool) -> str | None:
    """The family-HI support group (family_hi.support_pct keys); None for a poor household, whose card the
    state budget buys from the social-assistance list, so it is no outreach prospect."""
    if poverty == "poor":
        return None
    if poverty == "near_poor":
        return "near_poor_poor_commune" if disadvantaged_commune else "near_poor"
    return "none"


def near_pension(
    months_paid: int, months_since_last: int, min_pension_months: int, min_months: int, stopped_months: int
) -> bool:
    """Paid long enough that stopping loses a pension within reach, and stopped long enough to be lost."""
    return min_months <= months_paid < min_pension_months and months_since_last >= stopped_months


def under_declared(declared: int, reported: int) -> int:
    """Workers the unit reported to the labour authority but does not insure (0 when none are missing)."""
    return max(reported - declared, 0)


def attributed(contacted_on: dt.date, enrolled_on: dt.date, window_months: int) -> bool:
    """An enrolment on or after the contact and within the window is credited to the contact."""
    return contacted_on <= enrolled_on and months_between(contacted_on, enrolled_on) < window_months


def agent_for(group_index: int, agents: int) -> int:
    """Households (or single people) are dealt to agents in turn, so one household has one agent."""
    return group_index % agents


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
