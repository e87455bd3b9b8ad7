from django import template

from ansinh.procedures.integrations import sso

register = template.Library()


@register.inclusion_tag("services/_sso_button.html", takes_context=True)
def national_sign_in(context):
    request = context.get("request")
    return {
        "enabled": sso.enabled(),
        "failed": bool(request and request.GET.get("sso") == "failed"),
        "next": context.get("next", ""),
    }
