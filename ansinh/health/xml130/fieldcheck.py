"""Every field of a table checked against its rule (spec.Rule) set-based: one Polars pass gives each value in our
types and, for each row, the first thing wrong with each field, in words a facility's IT staff can act on.

Input: one string column per field of the table (trimmed, empty as null) plus `_rec` (the record) and `_line`
(the row's STT). Output: (typed, errors); typed holds the fields that have a key in their own columns and the
others as JSON in `extra`; errors holds `_rec, _line, field, reason`."""

from __future__ import annotations

from functools import lru_cache

import polars as pl
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ansinh.health.rules import CARD_CODE
from ansinh.health.xml130.spec import Rule, codes, rules

CARD = CARD_CODE.pattern  # as text: Polars takes the pattern, not a compiled `re`
IDNO = r"^(\d{9}|\d{12}|[A-Z]\d{7})$"
ICD10 = r"^[A-Z]\d{2}(\.[0-9A-Z]{1,2})?$"
FACILITY = r"^[0-9A-Z]{5}$"
LIST_PATTERNS = {"cards": CARD, "facilities": FACILITY, "icds": ICD10, "dates": r"^\d{8}$"}
MAX_ICD_CODES = 12  # QĐ 130 Bảng 1 mục 27: at most 12 secondary diagnoses
MAX_WHOLE = 2_147_483_647
YEARS = (1900, 2199)  # a date outside these years is a typing error, not a visit


def _say(template: str, *values) -> pl.Expr:
    """A reason with the values it names; a value is shown up to 80 characters (a reason never carries a whole text)."""
    return pl.format(
        template, *[v.cast(pl.String).str.slice(0, 80) if isinstance(v, pl.Expr) else pl.lit(str(v)) for v in values]
    )


def _number(rule: Rule, c: pl.Expr, decimals: int | None, max_amount: float | None):
    comma = c.str.contains(",")
    checks = [
        (comma, _say(_("use a point, not a comma, before the decimals: {}"), c)),
        (~c.str.contains(r"^-?\d+(\.\d+)?$"), _say(_("not a number: {}"), c)),
        (c.str.starts_with("-"), _say(_("must not be negative: {}"), c)),
    ]
    if decimals is None:
        checks.append((c.str.contains(r"\.\d*[1-9]"), _say(_("not a whole number: {}"), c)))
    else:
        checks.append(
            (c.str.contains(rf"\.\d{{{decimals}}}\d*[1-9]"), _say(_("more than {} decimals: {}"), decimals, c))
        )
    if rule.size:
        checks.append(
            (c.str.extract(r"^-?(\d+)").str.len_chars() > rule.size, _say(_("more than {} digits: {}"), rule.size, c))
        )
    typed = c.cast(pl.Float64, strict=False)
    if decimals is None:  # whole numbers are stored in 32-bit columns (line numbers, days, years)
        checks.append((typed > MAX_WHOLE, _say(_("above the limit of {}: {}"), MAX_WHOLE, c)))
    if max_amount is not None:
        checks.append(
            (typed > max_amount, _say(_("above the limit of {} đồng: {}"), f"{max_amount:,.0f}".replace(",", "."), c))
        )
    return typed, checks


def _pattern(c: pl.Expr, pattern: str, reason: str):
    return [(~c.str.contains(pattern), _say(reason, c))]


def _list(c: pl.Expr, pattern: str, reason: str, rule: Rule):
    items = (
        c.str.split(";").list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != ""))
    )
    checks = [(items.list.eval(~pl.element().str.contains(pattern)).list.any(), _say(reason, c))]
    if rule.format == "dates":
        bad_day = items.list.eval(pl.element().str.strptime(pl.Date, "%Y%m%d", strict=False).is_null()).list.any()
        checks.append((bad_day, _say(_("not a real date: {}"), c)))
        return items.list.eval(pl.element().str.strptime(pl.Date, "%Y%m%d", strict=False)), checks
    if rule.format == "icds":
        checks.append((items.list.len() > MAX_ICD_CODES, _say(_("more than {} codes: {}"), MAX_ICD_CODES, c)))
    return items, checks


def _real(typed: pl.Expr) -> pl.Expr:
    return typed.is_null() | ~typed.dt.year().is_between(*YEARS)


def _moment(c: pl.Expr, digits: int, fmt: str, dtype, label: str):
    typed = c.str.strptime(dtype, fmt, strict=False)
    shape = ~c.str.contains(rf"^\d{{{digits}}}$")
    return typed, [(shape, _say(_("expected {}, got {}"), label, c)), (_real(typed), _say(_("not a real date: {}"), c))]


def _birth(c: pl.Expr):
    """yyyymmddHHMM; month and day 00 when unknown (QĐ 130 Bảng 1 mục 6): kept as 1 January, precision 'year'."""
    month, day = c.str.slice(4, 2), c.str.slice(6, 2)
    fixed = (
        c.str.slice(0, 4)
        + pl.when(month == "00").then(pl.lit("01")).otherwise(month)
        + pl.when(day == "00").then(pl.lit("01")).otherwise(day)
    )
    typed = fixed.str.strptime(pl.Date, "%Y%m%d", strict=False)
    checks = [
        (~c.str.contains(r"^\d{12}$"), _say(_("expected {}, got {}"), "yyyymmddHHMM", c)),
        ((month == "00") & (day != "00"), _say(_("a day without a month: {}"), c)),
        (_real(typed), _say(_("not a real date: {}"), c)),
    ]
    precision = (
        pl.when(month == "00").then(pl.lit("year")).when(day == "00").then(pl.lit("month")).otherwise(pl.lit("day"))
    )
    return typed, checks, {"birth_precision": precision}


def _code(c: pl.Expr, rule: Rule):
    allowed = codes()[rule.codes]
    shown = ", ".join(allowed) if len(allowed) <= 12 else rule.codes
    return c, [(~c.is_in(list(allowed)), _say(_("{} is not one of the codes {}"), c, shown))]


def _format(rule: Rule, max_amount: float):
    """(typed expression, [(wrong, reason)], {extra column: expression}) for one field's format."""
    c, f = pl.col(rule.field), rule.format
    if f in ("int", "pct", "dec2", "dec3"):
        typed, checks = _number(
            rule, c, {"int": None, "pct": None, "dec2": 2, "dec3": 3}[f], max_amount if f == "dec2" else None
        )
        if f in ("int", "pct"):
            typed = typed.cast(pl.Int64, strict=False)
        if f == "pct":
            checks.append((typed > 100, _say(_("a percentage is 0–100: {}"), c)))
        return typed, checks, {}
    if f == "date":
        return (*_moment(c, 8, "%Y%m%d", pl.Date, "yyyymmdd"), {})
    if f == "datetime":
        return (*_moment(c, 12, "%Y%m%d%H%M", pl.Datetime("us"), "yyyymmddHHMM"), {})
    if f == "date_or_datetime":
        typed = c.str.slice(0, 8).str.strptime(pl.Date, "%Y%m%d", strict=False)
        return (
            typed,
            [
                (~c.str.contains(r"^\d{8}(\d{4})?$"), _say(_("expected {}, got {}"), "yyyymmdd", c)),
                (_real(typed), _say(_("not a real date: {}"), c)),
            ],
            {},
        )
    if f == "birth":
        return _birth(c)
    if f in LIST_PATTERNS:
        reasons = {
            "cards": _("not a 15-character card code: {}"),
            "facilities": _("not a 5-character facility code: {}"),
            "icds": _("not an ICD-10 code: {}"),
            "dates": _("expected yyyymmdd, got {}"),
        }
        return (*_list(c, LIST_PATTERNS[f], reasons[f], rule), {})
    if f == "code":
        return (*_code(c, rule), {})
    checks = {
        "idno": lambda: _pattern(c, IDNO, _("not a CCCD (12 digits), old ID (9 digits) or passport number: {}")),
        "icd": lambda: _pattern(c, ICD10, _("not an ICD-10 code: {}")),
        "facility": lambda: _pattern(c, FACILITY, _("not a 5-character facility code: {}")),
    }.get(f, lambda: [])()
    return c, checks, {}


def _required(rule: Rule) -> pl.Expr:
    kind, other, values = rule.requirement
    missing = pl.col(rule.field).is_null()
    if kind == "yes":
        return missing
    if kind == "no":
        return pl.lit(False)
    condition = pl.col(other).is_in(list(values)) if values else pl.col(other).is_not_null()
    return missing & (condition if kind == "if" else ~condition).fill_null(kind != "if")


def _first_error(rule: Rule, checks) -> pl.Expr:
    present = pl.col(rule.field).is_not_null()
    size = (
        [(pl.col(rule.field).str.len_chars() > rule.size, _say(_("longer than {} characters"), rule.size))]
        if rule.size and rule.format in ("text", "cards", "facilities", "dates", "icds", "idno", "icd", "code")
        else []
    )
    chain = pl.when(_required(rule)).then(pl.lit(_("required, but empty")))
    for wrong, reason in size + checks:
        chain = chain.when(present & wrong.fill_null(False)).then(reason)
    return chain.otherwise(pl.lit(None, dtype=pl.String)).alias(rule.field)


@lru_cache(maxsize=32)
def _plan(
    table: str, max_amount: float, language: str | None
) -> tuple[list[pl.Expr], list[pl.Expr], dict[str, pl.Expr], list[str]]:
    """The expressions checking a table, built once per table, limit and language (building them costs more than
    running them on a small envelope): typed values, first error per field, extra columns, fields kept as JSON."""
    typed, errors, extra_cols = [], [], {}
    for rule in rules()[table]:
        value, checks, extra = _format(rule, max_amount)
        errors.append(_first_error(rule, checks))
        extra_cols.update(extra)
        if rule.key:
            typed.append(value.alias(rule.key))
    unkeyed = [r.field for r in rules()[table] if not r.key or r.key.startswith("_")]
    return typed, errors, extra_cols, unkeyed


def check_fields(table: str, raw: pl.DataFrame, max_amount: float) -> tuple[pl.DataFrame, pl.DataFrame]:
    typed, errors, extra_cols, unkeyed = _plan(table, max_amount, get_language())
    out = raw.select(
        "_rec",
        "_line",
        *typed,
        *[e.alias(k) for k, e in extra_cols.items()],
        pl.struct(unkeyed).struct.json_encode().alias("extra") if unkeyed else pl.lit("{}").alias("extra"),
    )
    reasons = raw.select("_rec", "_line", *errors)
    wrong = reasons.filter(pl.any_horizontal(pl.exclude("_rec", "_line").is_not_null()))  # few rows: unpivot only those
    found = wrong.unpivot(index=["_rec", "_line"], variable_name="field", value_name="reason").drop_nulls("reason")
    return out, found
