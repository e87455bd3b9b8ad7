from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS = {
    "met": _("target met"),
    "near": _("close to target"),
    "off": _("target missed"),
    "no_target": _("no target set"),
    "no_data": _("no data"),
}
BADGE = {"met": "ok", "near": "warn", "off": "bad", "no_target": "", "no_data": ""}
# Reasons the system writes itself when it closes a month; a reason an officer typed is shown as typed.
SYSTEM_REASONS = {"Month closed": _("Month closed"), "Month closed (demo)": _("Month closed (demo)")}
TREND = {
    "better": ("▲", _("better than last month")),
    "worse": ("▼", _("worse than last month")),
    "same": ("→", _("same as last month")),
    "": ("", ""),
}


@register.filter
def status_label(code: str) -> str:
    return STATUS.get(code, code)


@register.filter
def status_badge(code: str) -> str:
    return BADGE.get(code, "")


@register.filter
def snapshot_reason(reason: str) -> str:
    return SYSTEM_REASONS.get(reason, reason)


@register.filter
def trend_symbol(code: str) -> str:
    return TREND.get(code, TREND[""])[0]


@register.filter
def trend_label(code: str) -> str:
    return TREND.get(code, TREND[""])[1]


@register.filter
def target_text(target) -> str:
    return "" if not target else f"{target['symbol']} {floatformat(target['value'], -2)} %"
