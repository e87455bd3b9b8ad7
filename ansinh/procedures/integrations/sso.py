"""Sign-in with the national public service account (the portal's OpenID Connect provider) through
mozilla-django-oidc. The person is matched by the personal identification number (SoDinhDanh = CCCD) in
the userinfo: an insured person without an account gets a citizen account on first sign-in; staff and
machine accounts never sign in this way; no match, no sign-in (the local log-in stays as it is)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ansinh.core.ids import is_valid_cccd
from ansinh.core.roles import Role
from ansinh.registry.services import find_person_by_cccd

log = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


def _split_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name): Vietnamese names end with the given name."""
    parts = full_name.split()
    return (" ".join(parts[:-1]), parts[-1]) if parts else ("", "")


@transaction.atomic
def account_for_claims(claims: dict):
    """The citizen account for the userinfo claims, created and linked on first sign-in; None to refuse."""
    from ansinh.core.models import User

    cccd = str(claims.get("SoDinhDanh") or "").strip()
    if not is_valid_cccd(cccd):
        log.warning("national sign-in refused: no valid SoDinhDanh in the claims")
        return None
    person = find_person_by_cccd(cccd)
    if person is None:
        return None
    if person.user_id:
        user = person.user
        return user if user.is_active and user.role == Role.CITIZEN else None
    if User.objects.filter(username=cccd).exists():
        return None  # an account with this name exists but is not this person's: a desk sorts it out
    family, given = _split_name(str(claims.get("HoVaTen") or person.full_name))
    user = User(
        username=cccd,
        role=Role.CITIZEN,
        first_name=given,
        last_name=family,
        email=str(claims.get("ThuDienTu") or person.email or "")[:254],
        phone=person.phone,
    )
    user.set_unusable_password()  # the national account is the way in until the person sets a password
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


class NationalAccountBackend(OIDCAuthenticationBackend):
    """Inactive (and reading no OIDC setting) while the deployment has not configured the provider, so the
    local log-in never depends on it."""

    def __init__(self, *args, **kwargs):
        self.active = enabled()
        self.UserModel = get_user_model()
        if self.active:
            try:
                super().__init__(*args, **kwargs)
            except ImproperlyConfigured as exc:  # a half-configured provider must not lock out local log-ins
                log.error("national sign-in is off: %s", exc)
                self.active = False

    def authenticate(self, request, **kwargs):
        return super().authenticate(request, **kwargs) if self.active else None

    def get_or_create_user(self, access_token, id_token, payload):
        return account_for_claims(self.get_userinfo(access_token, id_token, payload))
