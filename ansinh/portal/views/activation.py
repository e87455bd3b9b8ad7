"""Activating a citizen account: CCCD → one-time code → password."""

from __future__ import annotations

from django import forms
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ansinh.core.errors import DomainError
from ansinh.core.throttles import throttled_view
from ansinh.portal import activation


class CccdForm(forms.Form):
    cccd = forms.CharField(
        label=gettext_lazy("CCCD number (12 digits)"),
        min_length=12,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("One-time code"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    password1 = forms.CharField(
        label=gettext_lazy("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=gettext_lazy("New password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


def add_errors(form, error: DomainError) -> None:
    for e in error.errors:
        name = "password1" if e.field == "password" and "password1" in form.fields else e.field
        form.add_error(name if name in form.fields else None, e.message)


@throttled_view("activation")
def start(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = CccdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activation.request_code(form.cleaned_data["cccd"])  # the same next step whether or not a code went out
        request.session["activation_cccd"] = form.cleaned_data["cccd"]
        return redirect("portal:activate_code")
    return render(request, "portal/activate.html", {"form": form})


@throttled_view("otp")
def enter_code(request):
    cccd = request.session.get("activation_cccd")
    if not cccd:
        return redirect("portal:activate")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activation.activate(cccd, form.cleaned_data["code"], form.cleaned_data["password1"], public=True)
        except DomainError as error:
            add_errors(form, error)
        else:
            request.session.pop("activation_cccd", None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("portal:home")
    return render(request, "portal/activate_code.html", {"form": form})
