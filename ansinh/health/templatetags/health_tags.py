from django import template

from ansinh.health.assessment.rules import LABELS

register = template.Library()


@register.filter
def dong(value) -> str:
    """Whole đồng written the Vietnamese way: 1.234.567."""
    if value is None or value == "" or value != value:  # None, empty or NaN
        return "—"
    return f"{int(round(float(value))):,}".replace(",", ".")


@register.filter
def rule_label(code: str) -> str:
    return LABELS.get(code, code)


@register.filter
def visit_label(code: str) -> str:
    from django.utils.translation import gettext as _

    return {"01": _("outpatient"), "02": _("outpatient treatment"), "03": _("inpatient")}.get(code, code)
