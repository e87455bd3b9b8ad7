from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ansinh.core import nav


def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/landing.html")


@login_required
def home(request):
    tiles = [item for item in nav.items_for(request.user) if item["key"] != "home"]
    return render(request, "core/home.html", {"tiles": tiles})


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
