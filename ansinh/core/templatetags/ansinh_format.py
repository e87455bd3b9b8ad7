"""The one set of format filters for every template: {% load ansinh_format %} then
|day |moment |period |money |number |decimal |percent |years |years_months (see ansinh/core/formats.py)."""

from django import template

from ansinh.core import formats

register = template.Library()


def _blank_when_missing(write):
    """Dates and months missing are blank, as Django's |date writes them, so `|default:` chains still work."""

    def written(value):
        return "" if value is None or value == "" else write(value)

    return written


register.filter("day", _blank_when_missing(formats.day))
register.filter("moment", _blank_when_missing(formats.moment))
register.filter("period", _blank_when_missing(formats.period))
register.filter("money", formats.money)
register.filter("number", formats.number)
register.filter("percent", formats.percent)
register.filter("years", formats.years)


@register.filter
def years_months(totals) -> str:
    """{{ totals|years_months }} for a mapping with `years` and `months`."""
    return formats.years_months(totals["years"], totals["months"])


@register.filter
def decimal(value, places=1) -> str:
    return formats.number(value, int(places))
