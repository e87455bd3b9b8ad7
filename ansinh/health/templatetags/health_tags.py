from django import template

from ansinh.core import formats
from ansinh.health.assessment.rules import LABELS, ROUTE_CASES, describe

register = template.Library()


@register.filter
def rule_label(code: str) -> str:
    return LABELS.get(code, code)


@register.filter
def finding_text(finding) -> str:
    """A finding (model or the dict a submission result holds) worded in the reader's language."""
    if isinstance(finding, dict):
        return describe(finding["rule"], finding.get("params") or {}, finding.get("reason", ""))
    return describe(finding.rule, finding.params, finding.reason)


@register.filter
def outcome_label(code: str) -> str:
    from ansinh.health.models import Outcome

    return dict(Outcome.choices).get(code, code)


@register.filter
def route_case_label(code: str) -> str:
    return ROUTE_CASES.get(code, code)


@register.filter
def result_message(code: str) -> str:
    """What a card-check result code means, in the reader's language."""
    from ansinh.health.messages import RESULT_MESSAGES

    return RESULT_MESSAGES.get(code, "")


@register.filter
def visit_label(code: str) -> str:
    """The visit type's name (MA_LOAI_KCB) in the reader's language."""
    from ansinh.health.messages import VISIT_TYPES

    return VISIT_TYPES.get(code, code)


@register.filter
def diagnosis_label(code: str) -> str:
    """An ICD-10 code with its name in the reader's language (the English name where no Vietnamese one is known)."""
    from django.utils.translation import get_language

    from ansinh.health.models import Diagnosis

    found = Diagnosis.objects.filter(code=code).first() if code else None
    if found is None:
        return code
    english = (get_language() or "vi").startswith("en")
    return f"{code} {found.name_en if english or not found.name_vi else found.name_vi}"


@register.filter
def price(value) -> str:
    """A unit price as sent: thousands grouped, decimals kept only where there are some (up to 3)."""
    if value in (None, ""):
        return formats.DASH
    places = 0 if float(value) == int(float(value)) else min(3, len(f"{float(value):.3f}".rstrip("0").split(".")[1]))
    return formats.number(value, places)


@register.filter
def table_title(table: str) -> str:
    from ansinh.health.xml130.spec import tables

    found = tables().get(table)
    return found.title if found else table


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def outlier_for(row: dict, ratio_key: str) -> bool:
    """Whether the row is flagged for this ratio column (cost_per_visit_ratio → cost_per_visit_outlier)."""
    return bool(row.get(ratio_key.removesuffix("_ratio") + "_outlier"))


@register.filter
def field_label(form, name: str) -> str:
    return form.fields[name].label if name in form.fields else name
