"""The pension estimate: "how much will my pension be?" answered by benefits.services.pension_quote.

It needs sex, date (or year) of birth, years of contributions and the average insured salary; a signed-in
citizen's sex and date of birth come from their own record. What is missing is asked for."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.assistant import parsing
from ansinh.assistant.calculators import Reply
from ansinh.assistant.formatting import vnd
from ansinh.assistant.textnorm import fold
from ansinh.benefits import services as benefits
from ansinh.benefits.rules.age import normal_retirement_age
from ansinh.contributions import services as contributions
from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period
from ansinh.policy.services import params_on

MALE = ("nam", "male", "man", "dan ong", "chong")
FEMALE = ("nu", "female", "woman", "phu nu", "vo")


# A letter often tells of its asker in the third person: "Bà Trần Thị Quý …", "Ms. Quy … she". Read with diacritics
# only: folded, "bà" (Mrs) is "ba" (three, father) and "Thị" is "thi" (exam). Not "anh" or "chị": letters call the
# lawyer or officer they write to so ("Nhờ anh Luật sư tư vấn"). Nor a place named after one (Bà Rịa, Ông Lãnh).
_NAME = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_NOT_A_PLACE = r"(?!Rịa|Chiểu|Điểm|Đen|Hom|Quẹo|Lãnh|Ích)"
_FEMALE_NAMED = re.compile(rf"\b[Bb]à\s+{_NOT_A_PLACE}{_NAME}|{_NAME}\s+Thị\s+{_NAME}|\b(?:Ms|Mrs|Miss)\b|\b[Ss]he\b")
_MALE_NAMED = re.compile(rf"\b[Ôô]ng\s+{_NOT_A_PLACE}{_NAME}|{_NAME}\s+Văn\s+{_NAME}|\bMr\b")


def _sex(question: str, person) -> str | None:
    if parsing.has_any(question, FEMALE):
        return "female"
    if parsing.has_any(question, ("nam gioi", "male", "man", "dan ong", "toi la nam", "la nam")):
        return "male"
    if _FEMALE_NAMED.search(question):
        return "female"
    if _MALE_NAMED.search(question):
        return "male"
    return getattr(person, "sex", None)


def _birth(question: str, person) -> dt.date | None:
    year = parsing.year_after(question, ("sinh", "born", "sinh nam"))
    age = parsing.age(question)
    if year is None and age is not None:
        year = timezone.localdate().year - age
    if year:
        return dt.date(year, 7, 1)  # mid-year when only the year is given; said in the answer
    return getattr(person, "birth_date", None)


_AVERAGE = re.compile(r"\b(?:binh quan|trung binh|average)\b")


def _average_salary(question: str) -> int | None:
    """The one salary a question gives; of several (a salary history), the one it calls the average, else none."""
    told = parsing.amounts(question)
    if len(set(told)) <= 1:
        return told[0] if told else None
    folded = fold(question)
    named = _AVERAGE.search(folded)
    return parsing.money(folded[named.end() :]) if named else None


def _inputs(question: str, person) -> dict:
    return {
        "sex": _sex(question, person),
        "birth_date": _birth(question, person),
        "years": parsing.years_count(question),
        "average_salary": _average_salary(question),
    }


def _ask(missing: list[str], inputs: dict) -> Reply:
    labels = {
        "sex": _("whether you are a man or a woman"),
        "birth_date": _("your year of birth"),
        "years": _("how many years you have paid (or will have paid) social insurance"),
        "average_salary": _("your average monthly insured salary"),
    }
    return Reply(
        _(
            'To estimate your pension I need %(items)s. For example: "I am a woman born in 1975, 25 years '
            'of contributions, average salary 8 million: how much will my pension be?"'
        )
        % {"items": "; ".join(labels[m] for m in missing)},
        inputs,
        missing,
    )


def recorded_periods(rows: list[dict]) -> list[dict]:
    """The contribution history as quote periods: runs of consecutive months with the same salary and scheme."""
    runs: list[dict] = []
    for row in sorted(rows, key=lambda r: r["period"]):
        month = Period.parse(row["period"])
        last = runs[-1] if runs else None
        if (
            last
            and last["monthly_salary"] == row["salary"]
            and last["scheme"] == row["kind"]
            and Period.parse(last["to"]).plus(1) == month
        ):
            last["to"] = str(month)
        else:
            runs.append(
                {"from": str(month), "to": str(month), "monthly_salary": int(row["salary"] or 0), "scheme": row["kind"]}
            )
    return [r for r in runs if r["monthly_salary"] > 0]


def _retirement(sex: str, birth_date: dt.date) -> Period:

    table = params_on(timezone.localdate()).raw("pension.retirement_age")
    _months, reached = normal_retirement_age(table, sex, birth_date)
    return Period.of(reached).plus(1)


def from_record(question: str, person) -> Reply | None:
    """A signed-in citizen who gives no years or salary of their own: their recorded career, the last salary
    assumed to go on until the normal retirement age (said in the answer)."""

    if person is None or parsing.years_count(question) or parsing.money(question):
        return None
    if not (person.sex and person.birth_date):
        return None
    periods = recorded_periods(contributions.si_history(person))
    if not periods:
        return None
    retire = _retirement(person.sex, person.birth_date)
    last = periods[-1]
    if Period.parse(last["to"]).plus(1) < retire:
        periods.append(
            {
                "from": str(Period.parse(last["to"]).plus(1)),
                "to": str(retire.plus(-1)),
                "monthly_salary": last["monthly_salary"],
                "scheme": last["scheme"],
            }
        )
    payload = {
        "sex": person.sex,
        "birth_date": person.birth_date.isoformat(),
        "retirement_date": retire.first_day.isoformat(),
        "periods": periods,
    }
    try:
        result = benefits.pension_quote(payload)
    except DomainError as exc:
        return Reply(_("I could not compute this: %(error)s") % {"error": exc}, payload, [e.field for e in exc.errors])
    audit.record("read", "registry.person", person.pk, "assistant pension estimate from the own record")
    return Reply(_record_text(last, retire, result), payload, [], result)


def _record_text(last: dict, retire: Period, result: dict) -> str:
    facts = {"month": f"{retire.month:02d}/{retire.year}", "salary": vnd(last["monthly_salary"]), "since": last["from"]}
    if not result["eligible"]:
        return _(
            "From your own contribution record, continued at your current insured salary of %(salary)s until the "
            "normal retirement age (from %(month)s), there would be no monthly pension: %(reason)s"
        ) % {**facts, "reason": result["reason"] or ""}
    return _(
        "From your own contribution record, continued at your current insured salary of %(salary)s until the normal "
        "retirement age (from %(month)s): pension rate %(rate)s%%, revalued average salary %(average)s, about "
        "%(pension)s a month. Give other figures (years, salary) in the question to try another career."
    ) % {
        **facts,
        "rate": f"{result['rate_pct']:g}",
        "average": vnd(result["average_monthly_salary"]),
        "pension": vnd(result["monthly_pension"]),
    }


def pension(question: str, person=None) -> Reply:

    own = from_record(question, person)
    if own is not None:
        return own
    inputs = _inputs(question, person)
    missing = [name for name, value in inputs.items() if not value]
    if missing:
        return _ask(missing, inputs)
    retire = _retirement(inputs["sex"], inputs["birth_date"])
    start = retire.plus(-12 * inputs["years"])
    payload = {
        "sex": inputs["sex"],
        "birth_date": inputs["birth_date"].isoformat(),
        "retirement_date": retire.first_day.isoformat(),
        "periods": [{"from": str(start), "to": str(retire.plus(-1)), "monthly_salary": inputs["average_salary"]}],
    }
    try:
        result = benefits.pension_quote(payload)
    except DomainError as exc:
        return Reply(_("I could not compute this: %(error)s") % {"error": exc}, payload, [e.field for e in exc.errors])
    return Reply(_text(inputs, retire, result), payload, [], result)


def _text(inputs: dict, retire: Period, result: dict) -> str:
    facts = {
        "years": inputs["years"],
        "salary": vnd(inputs["average_salary"]),
        "month": f"{retire.month:02d}/{retire.year}",
    }
    if not result["eligible"]:
        return _(
            "With %(years)s years of contributions and an average salary of %(salary)s, retiring at the normal age "
            "(from %(month)s) gives no monthly pension: %(reason)s"
        ) % {**facts, "reason": result["reason"] or ""}
    return _(
        "Retiring at the normal age (from %(month)s) with %(years)s years of contributions and an average insured "
        "salary of %(salary)s (revalued average %(average)s): pension rate %(rate)s%%, about %(pension)s a month. "
        "This estimate assumes the same salary in every year of the career."
    ) % {
        **facts,
        "rate": f"{result['rate_pct']:g}",
        "average": vnd(result["average_monthly_salary"]),
        "pension": vnd(result["monthly_pension"]),
    }
