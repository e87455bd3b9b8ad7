"""The citizen's account: reset a forgotten password with the CCCD and a code sent to the phone on record,
and keep the contact details up to date. A new phone number is confirmed by a code sent to that number.
Every change goes through model saves, so the audit log records who changed what and from where."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ansinh.core.errors import DomainError
from ansinh.core.models import User
from ansinh.portal.activation import check_code, checked_password, issue_code, mark_used
from ansinh.portal.models import ActivationCode
from ansinh.registry.models import Person

RESET_MESSAGE = gettext_noop(
    "An Sinh: your code to reset the password is %(code)s (valid %(minutes)s minutes). Never share it."
)
PHONE_MESSAGE = gettext_noop("An Sinh: your code to confirm this phone number is %(code)s (valid %(minutes)s minutes).")
# Vietnamese mobile numbers: 10 digits, 0 then a mobile prefix (03, 05, 07, 08, 09); codes go by SMS.
MOBILE = re.compile(r"^0[35789]\d{8}$")


def _account_holder(cccd: str) -> Person:
    person = (
        Person.objects.select_related("user")
        .filter(cccd=(cccd or "").strip(), death_date__isnull=True, user__isnull=False, user__is_active=True)
        .first()
    )
    if person is None or not (person.phone or person.email):
        raise DomainError.one(
            "cccd", _("We cannot reset the password for this CCCD online: please visit a service desk."), "unknown"
        )
    return person


@transaction.atomic
def send_reset_code(cccd: str) -> str:
    """Send a reset code to the phone (else the e-mail) on record; returns where it went (masked)."""
    person = _account_holder(cccd)
    return issue_code(person, ActivationCode.Purpose.RESET, person.phone or person.email, RESET_MESSAGE)


def reset_password(cccd: str, code: str, password: str) -> User:
    """Check the reset code and set the new password. A wrong code counts as an attempt."""
    with transaction.atomic():
        person = _account_holder(cccd)
        active, error = check_code(person, code, ActivationCode.Purpose.RESET)
    if error is not None:
        raise error
    with transaction.atomic():
        user = person.user
        user.set_password(checked_password(password, user))
        user.save(update_fields=["password"])
        mark_used(active)
    return user


def normalised_phone(phone: str) -> str:
    digits = re.sub(r"[\s.\-]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not MOBILE.match(digits):
        raise DomainError.one(
            "phone", _("Enter a Vietnamese mobile number of 10 digits, such as 0912345678."), "invalid"
        )
    return digits


@transaction.atomic
def send_phone_code(person: Person, phone: str) -> str:
    """Send a confirmation code to the new number; the number changes only when the code comes back."""
    phone = normalised_phone(phone)
    if phone == person.phone:
        raise DomainError.one("phone", _("This is already your phone number."), "same")
    return issue_code(person, ActivationCode.Purpose.PHONE, phone, PHONE_MESSAGE, new_phone=phone)


def confirm_phone(person: Person, code: str) -> str:
    """Check the code sent to the new number and make it the person's (and the account's) phone."""
    with transaction.atomic():
        active, error = check_code(person, code, ActivationCode.Purpose.PHONE)
    if error is not None:
        raise error
    with transaction.atomic():
        person.phone = active.new_phone
        person.save(update_fields=["phone"])
        if person.user_id:
            person.user.phone = active.new_phone
            person.user.save(update_fields=["phone"])
        mark_used(active)
    return active.new_phone


@transaction.atomic
def update_contact(person: Person, email: str, address: str) -> list[str]:
    """Change the e-mail and the address; returns the fields that changed (none: nothing is written)."""
    changed = [
        name
        for name, value in (("email", email.strip()), ("address", address.strip()))
        if getattr(person, name) != value
    ]
    if not changed:
        return []
    person.email, person.address = email.strip(), address.strip()
    person.save(update_fields=changed)
    if "email" in changed and person.user_id:
        person.user.email = person.email
        person.user.save(update_fields=["email"])
    return changed
