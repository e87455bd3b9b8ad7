"""Turns the rule functions' steps and reasons (codes with values) into sentences in the user's language.

The rules stay pure and language-free; the case screen and the API show these sentences, so an officer
sees why an amount is what it is."""
from __future__ import annotations

from django.utils.translation import gettext as _, gettext_lazy


def _vnd(value) -> str:
    return f"{int(value):,}".replace(",", ".") + " đ"


REASONS = {
    "too_few_years": gettext_lazy("needs %(needs_years)s years of contributions, has %(has_years)s years %(has_months)s months"),
    "below_age": gettext_lazy("reaches the retirement age of %(age_years)s years %(age_months)s months only on %(reaches_on)s; is %(has_years)s years %(has_months)s months old"),
}

STEPS = {
    "insured_time": gettext_lazy("Contribution time: %(years)s years %(months)s months (%(total_months)s months)."),
    "retirement_age": gettext_lazy("Retirement age for this person: %(years)s years %(months)s months, reached on %(reached_on)s; age at the start: %(age_years)s years %(age_months)s months."),
    "not_eligible": gettext_lazy("Not eligible for a monthly pension."),
    "service_years": gettext_lazy("Service time for the rate: %(years)s years (leftover 1–%(half_year_max)s months count as half a year, more as a whole year)."),
    "average_salary": gettext_lazy("Average revalued salary (Mbq): %(revalued_total_vnd)s ÷ %(months)s months = %(mbq_vnd)s (coefficients for %(settlement_year)s; %(state_months)s months on the state pay scale)."),
    "early_reduction": gettext_lazy("Retiring %(months_early)s months before the age: the rate is reduced by %(pct)s percentage points."),
    "pension": gettext_lazy("Monthly pension: %(rate_pct)s%% × %(mbq_vnd)s = %(amount_vnd)s."),
    "minimum": gettext_lazy("Minimum pension for %(min_years)s years or more: %(minimum_vnd)s."),
    "lump_sum": gettext_lazy("Lump sum: %(years_beyond)s years beyond %(after_years)s × %(multiple)s × Mbq = %(amount_vnd)s."),
    "one_off": gettext_lazy("One-off SI: %(years_before)s years before %(split_year)s × %(multiple_before)s × Mbq + %(years_after)s years from %(split_year)s × %(multiple_after)s × Mbq = %(amount_vnd)s."),
    "one_off_under_year": gettext_lazy("Under one year: contributions paid %(paid_vnd)s, at most %(cap_vnd)s: %(amount_vnd)s."),
    "sickness": gettext_lazy("Sickness: %(salary_vnd)s × %(rate_pct)s%% ÷ %(divisor)s = %(daily_vnd)s a day × %(paid_days)s days (of %(allowed_days)s a year) = %(amount_vnd)s."),
    "maternity": gettext_lazy("Maternity: %(leave_months)s months × %(pct)s%% × %(average_vnd)s + birth grant %(grant_vnd)s = %(amount_vnd)s."),
    "survivor": gettext_lazy("Survivor allowance: %(paid)s dependants (%(without_carer)s without a carer) × %(pct)s%%/%(no_carer_pct)s%% of %(base_vnd)s = %(amount_vnd)s a month."),
    "funeral": gettext_lazy("Funeral grant: %(multiple)s × %(base_vnd)s = %(amount_vnd)s."),
}


def _grounds(values: dict) -> str:
    if values.get("ground") == "hazardous":
        return _("Hazardous or arduous work for %(years)s years: may retire up to %(months)s months earlier, without reduction.") % values
    return _("Working capacity reduced by %(pct)s%%: may retire up to %(months)s months earlier, with a reduction.") % values


def _with_money(values: dict) -> dict:
    extra = {f"{k}_vnd": _vnd(v) for k, v in values.items() if isinstance(v, int) and not isinstance(v, bool)}
    return {**values, **extra}


def sentence(step: dict) -> str:
    if step["code"] == "early_ground":
        return _grounds(step["values"])
    if step["code"] == "rate":
        return rate_sentence(step["values"])
    template = STEPS.get(step["code"])
    return str(template) % _with_money(step["values"]) if template else step["code"]


def rate_sentence(values: dict) -> str:
    ladder = values["ladder"]
    if values["rate_pct"] == "0":
        return _("Rate: under %(base_years)s years there is no monthly pension.") % ladder
    return _("Rate: %(base_pct)s%% for %(base_years)s years + %(step_pct)s%% per further year → %(raw)s%%, at most %(max)s%%: %(rate)s%%.") % {
        **ladder, "raw": values["raw_pct"], "max": values.get("max_pct"), "rate": values["rate_pct"]}


def steps(raw_steps: list[dict]) -> list[dict]:
    return [{"code": s["code"], "text": sentence(s), "values": s["values"]} for s in raw_steps]


def reason(code: str, values: dict) -> str:
    return str(REASONS[code]) % values
