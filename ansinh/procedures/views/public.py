"""Pages anyone may open: the procedure catalogue and the status look-up by receipt code and CCCD."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from ansinh.core.throttles import throttled_view
from ansinh.procedures import services
from ansinh.procedures.forms import LookupForm
from ansinh.procedures.models import Procedure


def catalogue(request):
    procedures = Procedure.objects.filter(active=True).prefetch_related("documents")
    user = request.user
    if user.is_authenticated and user.role == "citizen":
        procedures = procedures.filter(citizens_may_file=True)
    elif user.is_authenticated and user.role == "employer":
        procedures = procedures.filter(employers_may_file=True)
    groups: dict[str, list] = {}
    for procedure in procedures:
        groups.setdefault(procedure.get_group_display(), []).append(procedure)
    return render(request, "services/catalogue.html", {"groups": groups})


def procedure_detail(request, code: str):
    procedure = get_object_or_404(Procedure.objects.prefetch_related("documents"), code=code, active=True)
    return render(request, "services/procedure.html", {"procedure": procedure})


@throttled_view("dossier_lookup")
def lookup(request):
    form = LookupForm(request.POST or None)
    result, searched = None, False
    if form.is_valid():
        searched = True
        result = services.dossier_status(form.cleaned_data["receipt_code"], form.cleaned_data["cccd"])
    return render(request, "services/lookup.html", {"form": form, "result": result, "searched": searched})
