"""The employer's entry page: the unit's workers, its latest bill (on the contributions pages) and its dossiers."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from ansinh.portal import sources
from ansinh.portal.views.access import own_unit
from ansinh.registry.models import EmploymentSpell


@login_required
def employer_home(request):
    unit = own_unit(request)
    today = timezone.localdate()
    workers = (EmploymentSpell.objects.filter(employer=unit, start__lte=today).filter(Q(end__isnull=True) | Q(end__gte=today))
               .select_related("person").order_by("person__full_name"))
    dossiers = sources.dossiers(employer=unit)
    return render(request, "portal/employer.html", {
        "unit": unit, "workers": workers[:200], "worker_count": workers.count(), "dossiers": dossiers[:20],
        "open_dossiers": sum(1 for d in dossiers if d["state"] not in ("approved", "refused")),
    })
