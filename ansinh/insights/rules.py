"""Pure rules of the indicators: ratios, target checks and trends over plain values (no ORM)."""

from __future__ import annotations

from decimal import Decimal

COMPARE = {
    "gte": lambda v, t: v >= t,
    "gt": lambda v, t: v > t,
    "lte": lambda v, t: v <= t,
    "lt": lambda v, t: v < t,
}
# A missed target within this share of the target's value is "near" rather than "off" (a display choice,
# not law): 41% against ≥ 45% is near (within 4.5 points), 3% against < 2.5% is off (beyond 0.25 points).
NEAR_SHARE = 0.10


def percent(numerator: int | None, denominator: int | None) -> float | None:
    """numerator ÷ denominator × 100, or None when either is unknown or the denominator is zero."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator * 100.0 / denominator


def meets(value: float | None, comparison: str, target: Decimal | float) -> bool | None:
    if value is None:
        return None
    return COMPARE[comparison](round(value, 6), float(target))


def status(value: float | None, comparison: str | None, target, direction: str) -> str:
    """'met', 'near', 'off', 'no_target' or 'no_data'."""
    if value is None:
        return "no_data"
    if comparison is None or target is None:
        return "no_target"
    if meets(value, comparison, target):
        return "met"
    return "near" if abs(value - float(target)) <= NEAR_SHARE * abs(float(target)) else "off"


def gap(value: float | None, target, direction: str) -> float | None:
    """How far from the target in the bad direction (positive = short of target): ranks areas worst first."""
    if value is None or target is None:
        return None
    return float(target) - value if direction == "higher" else value - float(target)


def trend(current: float | None, previous: float | None, direction: str) -> str:
    """'better', 'worse', 'same' or '' (unknown) compared with the previous month."""
    if current is None or previous is None:
        return ""
    delta = current - previous
    if abs(delta) < 0.005:
        return "same"
    improving = delta > 0 if direction == "higher" else delta < 0
    return "better" if improving else "worse"
