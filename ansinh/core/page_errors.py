"""An action a domain service refused (DomainError) shown on the page: each reason as an error message, or on its
field of the form. The API shows the same errors as JSON (core.errors). A record the user may not see is answered
as not found, and the attempt logged (`denied`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from ansinh.core import audit
from ansinh.core.errors import DomainError


def show_errors(request: HttpRequest, error: DomainError) -> None:
    """Each reason as an error message on the next page. A refusal for want of rights (403) is the forbidden page
    instead, as the API answers it: a message would let the page carry on as if the user could act."""
    if error.status == 403:
        raise PermissionDenied(str(error)) from None
    for item in error.errors:
        messages.error(request, item.message)


def show_errors_on_form(form: forms.Form, error: DomainError) -> None:
    """Each reason on its field when the form has that field, on the form as a whole otherwise."""
    for item in error.errors:
        form.add_error(item.field if item.field in form.fields else None, item.message)


def denied(request, object_type: str, object_id) -> Http404:
    """What to raise when a user asks for a record they may not see: the attempt is logged, the answer is "not
    found" so that it does not tell them the record exists."""
    audit.record(
        "denied",
        object_type,
        object_id,
        f"{request.user.get_username()} tried to open {object_type} {object_id}",
        actor=audit.actor_from_request(request),
    )
    return Http404()
