"""Turns the rule functions' checks, steps and reasons (codes with values) into sentences in the user's
language. The rules stay pure and language-free; the case screen and the API show these sentences, so an
officer sees why an amount is what it is and which article each condition applies."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ansinh.benefits.explain_texts import CHECKS, GROUNDS, LABELS, REASONS, STEPS
from ansinh.core import formats

_LABELLED = ("ground", "kind", "reason", "event", "contract", "status", "relation", "basis")


def _vnd(value) -> str:
    return formats.money(value)


def _with_labels(values: dict) -> dict:
    """Values plus `<k>_vnd` for amounts and `<k>_label` for coded words."""
    extra = {f"{k}_vnd": _vnd(v) for k, v in values.items() if isinstance(v, int) and not isinstance(v, bool)}
    for name in _LABELLED:
        if name in values:
            label = (
                LABELS.get(f"{name}.{values[name]}")
                or LABELS.get(values[name])
                or GROUNDS.get(values[name])
                or values[name]
            )
            extra[f"{name}_label"] = str(label)
    return {**values, **extra}


def _grounds(values: dict) -> str:
    ground = values.get("ground")
    if ground == "hazardous":
        return (
            _(
                "Heavy or hazardous work for %(years)s years: may retire at the lower age (from %(earliest)s), "
                "without reduction."
            )
            % values
        )
    if ground == "coal":
        return (
            _("Underground coal mining: may retire up to 10 years earlier (from %(earliest)s), without reduction.")
            % values
        )
    if ground == "hiv":
        return _("HIV from an occupational accident on duty: may retire at any age, without reduction.")
    return _("Working capacity reduced by %(pct)s%%: may retire earlier, with a reduction.") % values


def sentence(step: dict) -> str:
    if step["code"] == "early_ground":
        return _grounds(step["values"])
    if step["code"] == "rate":
        return rate_sentence(step["values"])
    if step["code"] == "survivor_relative":
        return survivor_relative_sentence(step["values"])
    template = STEPS.get(step["code"])
    return str(template) % _with_labels(step["values"]) if template else step["code"]


def survivor_relative_sentence(values: dict) -> str:
    until = values.get("until")
    until_text = _(" until %(day)s (the day before the 18th birthday)") % {"day": until} if until else ""
    return str(STEPS["survivor_relative"]) % {**_with_labels(values), "until_text": until_text}


def rate_sentence(values: dict) -> str:
    ladder = values["ladder"]
    if values["rate_pct"] == "0":
        return _("Rate: under %(base_years)s years there is no monthly pension.") % ladder
    return _(
        "Rate: %(base_pct)s%% for %(base_years)s years + %(step_pct)s%% per further year → %(raw)s%%, at most "
        "%(max)s%%: %(rate)s%%."
    ) % {**ladder, "raw": values["raw_pct"], "max": values.get("max_pct"), "rate": values["rate_pct"]}


def steps(raw_steps: list[dict]) -> list[dict]:
    return [{"code": s["code"], "text": sentence(s), "values": s["values"]} for s in raw_steps]


def check_sentence(c) -> str:
    values = _with_labels(c.values)
    template = CHECKS.get(c.code)
    text = str(template) % values if template else c.code
    ground = c.values.get("ground")
    if ground in GROUNDS and c.code not in ("one_off_ground", "ground_document"):
        text = f"{GROUNDS[ground]}: {text}"
    return text


def checks(raw_checks) -> list[dict]:
    """Each check with its article, whether it passed, whether it blocks, and its sentence."""
    return [
        {
            "code": c.code,
            "article": c.article,
            "passed": c.passed,
            "blocking": c.blocking,
            "text": check_sentence(c),
            "values": c.values,
        }
        for c in raw_checks
    ]


def reason(code: str, values: dict) -> str:
    template = REASONS.get(code) or CHECKS.get(code)
    return str(template) % _with_labels(values) if template else code
