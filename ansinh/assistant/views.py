"""Staff page: answers citizens rated, the unhelpful ones first, to fix passages or add missing ones."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ansinh.assistant.models import Exchange
from ansinh.core import audit, nav
from ansinh.core.redirects import local_url


@nav.guard("assistant:feedback")
def feedback(request):
    show = request.GET.get("show", "unhelpful")
    rows = Exchange.objects.exclude(helpful=None).order_by("reviewed", "-asked_at")
    if show == "unhelpful":
        rows = rows.filter(helpful=False)
    counts = {
        "unhelpful": Exchange.objects.filter(helpful=False, reviewed=False).count(),
        "helpful": Exchange.objects.filter(helpful=True).count(),
        "unknown": Exchange.objects.filter(kind=Exchange.Kind.UNKNOWN).count(),
    }
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    personal = [row for row in page if row.kind == Exchange.Kind.PERSONAL]
    if personal:  # answers drawn from a citizen's own records
        audit.record_list_read(request, personal, "assistant.exchange", "assistant feedback with personal answers")
    return render(request, "assistant/feedback.html", {"page": page, "show": show, "counts": counts})


@nav.guard("assistant:feedback")
@require_POST
def mark_reviewed(request, pk: int):
    exchange = get_object_or_404(Exchange, pk=pk)
    exchange.reviewed = True
    exchange.save(update_fields=["reviewed"])
    return redirect(local_url(request, request.POST.get("next"), reverse("assistant:feedback")))
