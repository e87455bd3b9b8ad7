"""The citizen's account pages: contact details, a new phone confirmed by SMS, the password changed or reset."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ansinh.core import nav
from ansinh.core.errors import DomainError
from ansinh.portal import account
from ansinh.portal.views.access import own_person
from ansinh.portal.views.activation import CccdForm, CodeForm, add_errors


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=gettext_lazy("Address"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("New mobile number"),
        max_length=15,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("One-time code"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


@nav.guard("portal:account")
def settings_page(request):
    person = own_person(request)
    contact = ContactForm(
        request.POST if request.POST.get("action") == "contact" else None,
        initial={"email": person.email, "address": person.address},
    )
    phone = PhoneForm(request.POST if request.POST.get("action") == "phone" else None)
    if contact.is_bound and contact.is_valid():
        changed = account.update_contact(person, contact.cleaned_data["email"], contact.cleaned_data["address"])
        messages.success(request, _("Your contact details were saved.") if changed else _("Nothing changed."))
        return redirect("portal:account")
    if phone.is_bound and phone.is_valid():
        try:
            sent_to = account.send_phone_code(person, phone.cleaned_data["phone"])
        except DomainError as error:
            add_errors(phone, error)
        else:
            request.session["phone_sent_to"] = sent_to
            return redirect("portal:account_phone")
    return render(request, "portal/account.html", {"person": person, "contact": contact, "phone": phone})


@nav.guard("portal:account")
def confirm_phone(request):
    person = own_person(request)
    form = PhoneCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account.confirm_phone(person, form.cleaned_data["code"])
        except DomainError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your phone number was changed."))
            return redirect("portal:account")
    return render(
        request, "portal/account_phone.html", {"form": form, "sent_to": request.session.get("phone_sent_to", "")}
    )


@login_required
def change_password(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password was changed."))
        return redirect("portal:account" if request.user.role == "citizen" else "home")
    return render(request, "portal/password_change.html", {"form": form})


def reset_start(request):
    if request.user.is_authenticated:
        return redirect("portal:password")
    form = CccdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent_to = account.send_reset_code(form.cleaned_data["cccd"])
        except DomainError as error:
            add_errors(form, error)
        else:
            request.session["reset_cccd"] = form.cleaned_data["cccd"]
            request.session["reset_sent_to"] = sent_to
            return redirect("portal:reset_code")
    return render(request, "portal/reset.html", {"form": form})


def reset_code(request):
    cccd = request.session.get("reset_cccd")
    if not cccd:
        return redirect("portal:reset")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account.reset_password(cccd, form.cleaned_data["code"], form.cleaned_data["password1"])
        except DomainError as error:
            add_errors(form, error)
        else:
            request.session.pop("reset_cccd", None)
            messages.success(request, _("Your password was reset: log in with the new one."))
            return redirect("login")
    return render(request, "portal/reset_code.html", {"form": form, "sent_to": request.session.get("reset_sent_to")})
