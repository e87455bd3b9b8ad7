import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from ansinh.core.errors import DomainError, FieldError
from ansinh.core.page_errors import show_errors, show_errors_on_form
from ansinh.core.periods import Period, period_or_error

TWO_REASONS = DomainError([FieldError("income", "Below the floor."), FieldError("start_period", "Too early.")])


class EnrolForm(forms.Form):
    income = forms.IntegerField()


def _request():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def test_each_reason_of_a_refusal_is_its_own_error_message():
    request = _request()
    show_errors(request, TWO_REASONS)
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("error", "Below the floor."),
        ("error", "Too early."),
    ]


def test_a_refusal_for_want_of_rights_is_the_forbidden_page_not_a_message():
    request = _request()
    with pytest.raises(PermissionDenied):
        show_errors(request, DomainError([FieldError("state", "Not yours to move.")], status=403))
    assert list(get_messages(request)) == []


def test_a_reason_goes_on_its_field_of_the_form_or_on_the_whole_form():
    form = EnrolForm({"income": "5000000"})
    assert form.is_valid()
    show_errors_on_form(form, TWO_REASONS)
    assert form.errors["income"] == ["Below the floor."] and form.non_field_errors() == ["Too early."]


def test_a_month_written_wrongly_is_refused_on_the_field_that_holds_it():
    assert period_or_error("2026-02") == Period(2026, 2)
    with pytest.raises(DomainError) as refused:
        period_or_error("2026-13", "start_period", "query")
    (error,) = refused.value.errors
    assert (error.field, error.code, error.location) == (
        "start_period",
        "bad_period",
        "query",
    ) and "2026-13" in error.message
