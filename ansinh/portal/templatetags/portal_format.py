"""Display helpers for the portal: money the Vietnamese way (1.234.567) and months as MM/YYYY."""
from django import template

register = template.Library()


@register.filter
def dong(value) -> str:
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def month(value: str) -> str:
    value = str(value or "")
    return f"{value[5:7]}/{value[:4]}" if len(value) == 7 else value
