"""Account activation: the citizen gives their CCCD, receives a one-time code on the phone or e-mail the
agency holds for them, and sets a password. The code is stored as a keyed hash, expires, allows a few
attempts; the account's user name is the CCCD.

The public pages answer alike whether a CCCD is unknown, has no contact details, already has an account or
has had too many codes today (`request_code`, `activate` with `public=True`), so they cannot be used to
learn who is registered; why no code went out is in the audit log for the service desk."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ansinh.core import audit
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.ids import mask_cccd
from ansinh.core.models import User
from ansinh.core.notify import notify
from ansinh.core.roles import Role
from ansinh.env import env_int
from ansinh.portal.models import ActivationCode
from ansinh.registry.models import Person

CODE_MINUTES = env_int("ACTIVATION_CODE_MINUTES", 10)
MAX_ATTEMPTS = env_int("ACTIVATION_MAX_ATTEMPTS", 5)
MAX_CODES_PER_DAY = env_int("ACTIVATION_MAX_CODES_PER_DAY", 5)
ACTIVATION_MESSAGE = gettext_noop(
    "An Sinh: your activation code is %(code)s (valid %(minutes)s minutes). Never share it."
)


def _hash(person_id: int, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{person_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _masked(value: str) -> str:
    if "@" in value:
        name, _at, domain = value.partition("@")
        return f"{name[:2]}•••@{domain}"
    return f"•••{value[-3:]}"


def _person(cccd: str) -> Person:
    person = Person.objects.filter(cccd=(cccd or "").strip(), death_date__isnull=True).first()
    if person is None or not (person.phone or person.email):
        raise DomainError.one(
            "cccd", _("We cannot activate an account for this CCCD online: please visit a service desk."), "unknown"
        )
    if person.user_id is not None:
        raise DomainError.one("cccd", _("An account already exists for this CCCD: log in with it."), "exists")
    return person


def issue_code(person: Person, purpose: str, target: str, message: str, new_phone: str = "") -> str:
    """Send a fresh code for `purpose` to `target` (a phone, or an e-mail address); returns the target masked.
    Earlier live codes of the same purpose stop working; all purposes share the daily limit. `message` is a
    translatable text with %(code)s and %(minutes)s."""
    since = timezone.now() - dt.timedelta(days=1)
    if ActivationCode.objects.filter(person=person, created_at__gte=since).count() >= MAX_CODES_PER_DAY:
        raise DomainError.one(
            "cccd", _("Too many codes today: try again tomorrow or visit a service desk."), "too_many"
        )
    ActivationCode.objects.filter(person=person, purpose=purpose, used_at__isnull=True).update(
        expires_at=timezone.now()
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    ActivationCode.objects.create(
        person=person,
        purpose=purpose,
        new_phone=new_phone,
        otp_hash=_hash(person.pk, code),
        sent_to=_masked(target),
        expires_at=timezone.now() + dt.timedelta(minutes=CODE_MINUTES),
    )
    text = _(message) % {"code": code, "minutes": CODE_MINUTES}
    by_phone = "@" not in target
    notify(
        phone=target if by_phone else "", email="" if by_phone else target, subject=_("Verification code"), text=text
    )
    return _masked(target)


@transaction.atomic
def send_code(cccd: str) -> str:
    """Send a new activation code to the phone (else the e-mail) on record; returns where it went (masked)."""
    person = _person(cccd)
    return issue_code(person, ActivationCode.Purpose.ACTIVATE, person.phone or person.email, ACTIVATION_MESSAGE)


def request_code(cccd: str) -> None:
    """Send a code when the CCCD can be activated; otherwise send nothing and say nothing different."""
    try:
        send_code(cccd)
    except DomainError as refused:
        audit.record(
            "denied",
            "portal.activationcode",
            "",
            f"no activation code sent for {mask_cccd(cccd)}: {refused.errors[0].code}",
        )


def _wrong_code() -> DomainError:
    return DomainError.one("code", _("The code is not right."), "wrong")


def check_code(
    person: Person, code: str, purpose: str = ActivationCode.Purpose.ACTIVATE
) -> tuple[ActivationCode | None, DomainError | None]:
    """The live code of `purpose` when `code` matches it; otherwise the error (returned, not raised, so that
    the wrong attempt just counted is committed)."""
    active = (
        ActivationCode.objects.select_for_update().filter(person=person, purpose=purpose, used_at__isnull=True).first()
    )
    if active is None or active.expires_at <= timezone.now():
        return None, DomainError.one("code", _("The code has expired: ask for a new one."), "expired")
    if active.attempts >= MAX_ATTEMPTS:
        return None, DomainError.one("code", _("Too many wrong codes: ask for a new one."), "locked")
    if not hmac.compare_digest(active.otp_hash, _hash(person.pk, (code or "").strip())):
        ActivationCode.objects.filter(pk=active.pk).update(attempts=active.attempts + 1)
        return None, _wrong_code()
    return active, None


def mark_used(active: ActivationCode) -> None:
    ActivationCode.objects.filter(pk=active.pk).update(used_at=timezone.now())


def checked_password(password: str, user: User) -> str:
    """The password when Django's validators accept it for this user; otherwise the error naming each rule."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError([FieldError("password", m, "weak") for m in error.messages]) from None
    return password


def activate(cccd: str, code: str, password: str, public: bool = False) -> User:
    """Check the code and create the account (user name = CCCD). A wrong code counts as an attempt.
    `public`: a CCCD that cannot be activated is answered as a wrong code, like on the first page."""
    with transaction.atomic():
        try:
            person = _person(cccd)
        except DomainError:
            if public:
                raise _wrong_code() from None
            raise
        active, error = check_code(person, code)
    if error is not None:
        raise error
    with transaction.atomic():
        family, _space, given = person.full_name.rpartition(" ")
        user = User(
            username=person.cccd,
            role=Role.CITIZEN,
            first_name=given,
            last_name=family,
            email=person.email,
            phone=person.phone,
        )
        user.set_password(checked_password(password, user))
        user.save()
        person.user = user
        person.save(update_fields=["user"])
        mark_used(active)
    return user
