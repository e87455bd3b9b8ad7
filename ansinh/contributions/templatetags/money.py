"""Money in đồng as Vietnamese write it: 1.234.567."""
from django import template

from ansinh.contributions.rules import vnd as _vnd

register = template.Library()


@register.filter
def vnd(value) -> str:
    try:
        return _vnd(int(value))
    except (TypeError, ValueError):
        return ""
