"""The employer's unit: its insured workers and its dossiers, shown on the one employer page (the contributions
page at contributions:employer, beside the bills and declarations). The old portal address redirects there."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.shortcuts import redirect

from ansinh.core import nav
from ansinh.portal import sources
from ansinh.registry.models import EmploymentSpell


def workers_and_dossiers(unit, today: dt.date) -> dict:
    workers = (
        EmploymentSpell.objects.filter(employer=unit, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("person")
        .order_by("person__full_name")
    )
    dossiers = sources.dossiers(employer=unit)
    return {
        "workers": workers[:200],
        "worker_count": workers.count(),
        "dossiers": dossiers[:20],
        "open_dossiers": sum(1 for d in dossiers if d["state"] not in ("approved", "refused")),
    }


@nav.guard("contributions:employer")
def employer_home(request):
    return redirect("contributions:employer")
