"""The notifications inbox: list, open (marks read and follows the message's link), mark all read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ansinh.core import nav
from ansinh.portal import inbox as store
from ansinh.portal.views.access import own_person

PAGE_SIZE = 20


@nav.guard("portal:inbox")
def inbox(request):
    own_person(request)
    page = Paginator(store.messages_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/inbox.html", {"page": page, "unread": store.unread_count(request.user)})


@nav.guard("portal:inbox")
def open_message(request, pk: int):
    own_person(request)
    message = get_object_or_404(store.messages_for(request.user), pk=pk)
    store.mark_read(request.user, message.pk)
    if message.link and url_has_allowed_host_and_scheme(message.link, allowed_hosts={request.get_host()}):
        return redirect(message.link)
    return redirect("portal:inbox")


@require_POST
@nav.guard("portal:inbox")
def mark_all_read(request):
    own_person(request)
    store.mark_read(request.user)
    return redirect("portal:inbox")
