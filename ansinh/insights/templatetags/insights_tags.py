from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS = {"met": _("target met"), "near": _("close to target"), "off": _("target missed"),
          "no_target": _("no target set"), "no_data": _("no data")}
BADGE = {"met": "ok", "near": "warn", "off": "bad", "no_target": "", "no_data": ""}
TREND = {"better": ("▲", _("better than last month")), "worse": ("▼", _("worse than last month")),
         "same": ("→", _("same as last month")), "": ("", "")}


@register.filter
def status_label(code: str) -> str:
    return STATUS.get(code, code)


@register.filter
def status_badge(code: str) -> str:
    return BADGE.get(code, "")


@register.filter
def trend_symbol(code: str) -> str:
    return TREND.get(code, TREND[""])[0]


@register.filter
def trend_label(code: str) -> str:
    return TREND.get(code, TREND[""])[1]


@register.filter
def target_text(target) -> str:
    return "" if not target else f"{target['symbol']} {floatformat(target['value'], -2)} %"

