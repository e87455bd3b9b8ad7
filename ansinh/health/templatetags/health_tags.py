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
    """The visit type's name in the standard's code list (MA_LOAI_KCB)."""
    from ansinh.health.xml130.spec import codes

    return codes()["visit_type"].get(code, code)


@register.filter
def table_title(table: str) -> str:
    from ansinh.health.xml130.spec import tables

    found = tables().get(table)
    return found.title if found else table
