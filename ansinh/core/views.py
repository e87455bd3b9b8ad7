from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ansinh.core import audit, nav
from ansinh.core.api_auth import endpoints_for
from ansinh.core.ids import mask_cccd
from ansinh.core.roles import MACHINE_ROLES, effective_role


def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/landing.html")


@login_required
def home(request):
    tiles = [
        {"url_name": page.url_name, "label": page.label}
        for page in nav.menu_pages(request.user)
        if page.url_name != "home"
    ]
    role = effective_role(request.user)
    endpoints = endpoints_for(role) if role in MACHINE_ROLES else []
    return render(request, "core/home.html", {"tiles": tiles, "endpoints": endpoints})


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request, reason=""):
    """The styled, translated page for a form sent without a valid CSRF token (an expired or foreign form)."""
    return render(request, "403_csrf.html", status=403)


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked log-in: 429 with the cool-off time, and a denial in the audit log."""
    from django.conf import settings

    username = str((credentials or {}).get("username") or request.POST.get("username", ""))[:64]
    audit.record(
        "denied",
        "core.user",
        mask_cccd(username) if username.isdigit() else username,
        "log-in locked after too many wrong passwords",
        actor=audit.actor_from_request(request),
    )
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    page = render(request, "core/locked_out.html", {"minutes": minutes}, status=429)
    page["Retry-After"] = str(minutes * 60)
    return page
