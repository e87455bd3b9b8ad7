"""Money as banks write it, read exactly into whole đồng.

Both thousands conventions are read (`52,579,200` and `52.579.200`, also with spaces), a decimal part is
allowed only when it is zero (`115881600.00`, `52.579.200,00`): VND has no minor unit, so a fraction
left over is an error, never rounded and never read as a hundredfold amount. A separator followed by
exactly three digits is a thousands separator; one followed by one, two or four and more is a decimal
point. Every amount is bounded so that no sum of a file's amounts comes near 2^63.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

CURRENCY = "VND"
# 9,999 billion đồng: above any single payment a province receives or makes; 900,000 such rows still
# sum below 2^63, so neither SUM in the database nor a file's control sum can overflow.
MAX_AMOUNT = 10**13 - 1
_CURRENCY_MARKS = re.compile(r"(?i)^(?:vnd|vnđ|vnđ\.?|₫|đ)\s*|\s*(?:vnd|vnđ|₫|đ|đồng|dong)\.?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"^[0-9.,]+$")


class AmountError(ValueError):
    """The text is not an amount of whole đồng; the message says why."""


def check_currency(code: str | None) -> None:
    if (code or CURRENCY).strip().upper() != CURRENCY:
        raise AmountError(_("Only amounts in VND are accepted (got %(ccy)s).") % {"ccy": code})


def _too_large() -> AmountError:
    return AmountError(
        _("The amount is above the largest accepted amount (%(max)s đồng).") % {"max": f"{MAX_AMOUNT:,}"}
    )


def _bounded(value: int) -> int:
    if abs(value) > MAX_AMOUNT:
        raise _too_large()
    return value


def from_decimal(value: Decimal) -> int:
    """A Decimal of đồng (as XML and MT940 readers give it): whole, bounded."""
    if not value.is_finite():
        raise AmountError(_("Not a number: %(value)s.") % {"value": value})
    if value != value.to_integral_value():
        raise AmountError(_("The amount %(value)s has a fraction of a đồng; VND has no decimals.") % {"value": value})
    if abs(value) > MAX_AMOUNT:
        raise _too_large()
    return int(value)


def _grouped(digits: str, sep: str) -> str:
    groups = digits.split(sep)
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise AmountError(_("The thousands separators of %(value)r are not in groups of three.") % {"value": digits})
    return "".join(groups)


def _split(text: str) -> tuple[str, str]:
    """(whole digits, fraction digits) of a number written with either convention."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        if text.count(decimal_sep) > 1:
            raise AmountError(_("%(value)r has more than one decimal separator.") % {"value": text})
        whole, fraction = text.split(decimal_sep)
        return _grouped(whole, thousands), fraction
    sep = "." if dots else "," if commas else ""
    if not sep:
        return text, ""
    whole, _sep, tail = text.rpartition(sep)
    if text.count(sep) > 1 or (len(tail) == 3 and 1 <= len(whole) <= 3):
        return _grouped(text, sep), ""
    return whole, tail


def parse_amount(value) -> int:
    """Whole đồng from a cell or text (sign kept); AmountError naming the problem otherwise."""
    if isinstance(value, bool) or value is None:
        raise AmountError(_("Not an amount: %(value)r.") % {"value": value})
    if isinstance(value, int):
        return _bounded(value)
    if isinstance(value, float):
        if value != value or abs(value) > MAX_AMOUNT:  # NaN, or too large to be exact
            raise _too_large()
        return from_decimal(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return from_decimal(value)
    text = _SPACES.sub("", str(value))
    text = _CURRENCY_MARKS.sub("", text)
    sign = -1 if text[:1] == "-" else 1
    text = text[1:] if text[:1] in "+-" else text
    if not text or len(text) > 30 or not _NUMBER.match(text) or not text[0].isdigit() or not text[-1].isdigit():
        raise AmountError(_("Not an amount of đồng: %(value)r.") % {"value": str(value)[:40]})
    whole, fraction = _split(text)
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise AmountError(_("Not an amount of đồng: %(value)r.") % {"value": str(value)[:40]})
    if fraction.strip("0"):
        raise AmountError(
            _("The amount %(value)s has a fraction of a đồng; VND has no decimals.") % {"value": str(value)[:40]}
        )
    return _bounded(sign * int(whole))
