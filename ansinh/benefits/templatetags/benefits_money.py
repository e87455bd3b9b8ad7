from django import template

register = template.Library()


@register.filter
def dong(value) -> str:
    """12345678 → '12.345.678' (Vietnamese thousands separator)."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")
