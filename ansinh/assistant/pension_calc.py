"""The pension estimate: "how much will my pension be?" answered by benefits.services.pension_quote.

It needs sex, date (or year) of birth, years of contributions and the average insured salary; a signed-in
citizen's sex and date of birth come from their own record. What is missing is asked for."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ansinh.assistant import parsing
from ansinh.assistant.calculators import Reply
from ansinh.assistant.formatting import vnd
from ansinh.core.api_errors import DomainError
from ansinh.core.periods import Period

MALE = ("nam", "male", "man", "dan ong", "chong")
FEMALE = ("nu", "female", "woman", "phu nu", "vo")


def _sex(question: str, person) -> str | None:
    if parsing.has_any(question, FEMALE):
        return "female"
    if parsing.has_any(question, ("nam gioi", "male", "man", "dan ong", "toi la nam", "la nam")):
        return "male"
    return getattr(person, "sex", None)


def _birth(question: str, person) -> dt.date | None:
    year = parsing.year_after(question, ("sinh", "born", "sinh nam"))
    if year:
        return dt.date(year, 7, 1)  # mid-year when only the year is given; said in the answer
    return getattr(person, "birth_date", None)


def _inputs(question: str, person) -> dict:
    return {"sex": _sex(question, person), "birth_date": _birth(question, person),
            "years": parsing.years_count(question), "average_salary": parsing.money(question)}


def _ask(missing: list[str], inputs: dict) -> Reply:
    labels = {"sex": _("whether you are a man or a woman"), "birth_date": _("your year of birth"),
              "years": _("how many years you have paid (or will have paid) social insurance"),
              "average_salary": _("your average monthly insured salary")}
    return Reply(_("To estimate your pension I need %(items)s. For example: \"I am a woman born in 1975, 25 years "
                   "of contributions, average salary 8 million: how much will my pension be?\"")
                 % {"items": "; ".join(labels[m] for m in missing)}, inputs, missing)


def pension(question: str, person=None) -> Reply:
    from ansinh.benefits import services as benefits
    from ansinh.benefits.rules.age import normal_retirement_age
    from ansinh.policy.services import params_on

    inputs = _inputs(question, person)
    missing = [name for name, value in inputs.items() if not value]
    if missing:
        return _ask(missing, inputs)
    table = params_on(dt.date.today()).raw("pension.retirement_age")
    _months, reached = normal_retirement_age(table, inputs["sex"], inputs["birth_date"])
    retire = Period.of(reached).plus(1)
    start = retire.plus(-12 * inputs["years"])
    payload = {"sex": inputs["sex"], "birth_date": inputs["birth_date"].isoformat(), "retirement_date": retire.first_day.isoformat(),
               "periods": [{"from": str(start), "to": str(retire.plus(-1)), "monthly_salary": inputs["average_salary"]}]}
    try:
        result = benefits.pension_quote(payload)
    except DomainError as exc:
        return Reply(_("I could not compute this: %(error)s") % {"error": exc}, payload, [e.field for e in exc.errors])
    return Reply(_text(inputs, retire, result), payload, [], result)


def _text(inputs: dict, retire: Period, result: dict) -> str:
    facts = {"years": inputs["years"], "salary": vnd(inputs["average_salary"]), "month": f"{retire.month:02d}/{retire.year}"}
    if not result["eligible"]:
        return _("With %(years)s years of contributions and an average salary of %(salary)s, retiring at the normal age "
                 "(from %(month)s) gives no monthly pension: %(reason)s") % {**facts, "reason": result["reason"] or ""}
    return _("Retiring at the normal age (from %(month)s) with %(years)s years of contributions and an average insured "
             "salary of %(salary)s (revalued average %(average)s): pension rate %(rate)s%%, about %(pension)s a month. "
             "This estimate assumes the same salary in every year of the career.") % {
        **facts, "rate": f"{result['rate_pct']:g}", "average": vnd(result["average_monthly_salary"]),
        "pension": vnd(result["monthly_pension"])}
