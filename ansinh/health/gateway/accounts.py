"""Facility accounts and sessions of the gateway: create an account, take a token with the MD5 of the password (the
gateway's wire format), authenticate a call with the token pair, revoke.

The MD5 is only what travels; what is stored is a Django password hash of it (PBKDF2 by default), so a copy of the
database does not give the wire credential. A token is stored as the SHA-256 of each half. The passwordHash header
that file uploads repeat on every call is checked against a keyed HMAC kept with the token, not against the slow
password hash, so a busy hospital's check-ins stay cheap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ansinh.core.models import User, user_columns, user_from_row
from ansinh.core.roles import Role
from ansinh.health.models import Facility, GatewayAccount, GatewayToken

MD5_HEX = re.compile(r"^[0-9A-Fa-f]{32}$")
FAILURES_BEFORE_LOCK = 10  # wrong passwords per account within LOCK_SECONDS before it is locked for that long
LOCK_SECONDS = 15 * 60
LIVE_TOKENS_PER_ACCOUNT = 200  # workstations share an account; beyond this the oldest sessions are revoked


def wire_md5(password: str) -> str:
    """What hospital software sends as the password: the MD5 of the UTF-8 password, upper-case hex (the gateway's
    wire format, not a choice of ours)."""
    return hashlib.md5(password.encode("utf-8")).hexdigest().upper()


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _proof(md5: str, access_hash: str) -> str:
    return salted_hmac("ansinh.health.gateway.password", f"{md5.upper()}:{access_hash}", algorithm="sha256").hexdigest()


@transaction.atomic
def create_account(facility_code: str, username: str, password: str | None = None) -> tuple[GatewayAccount, str]:
    """A gateway account for a facility, acting through its own machine user (role facility, no page log-in).
    Returns the account and the password (generated when none is given: shown once)."""

    facility = Facility.objects.filter(code=facility_code).first()
    if facility is None:
        raise ValueError(f"no facility with the code {facility_code}")
    if (
        GatewayAccount.objects.filter(username=username).exists()
        or User.objects.filter(username=f"egw.{username}").exists()
    ):
        raise ValueError(f"the username {username} is taken")
    password = password or secrets.token_urlsafe(12)
    user = User(username=f"egw.{username}", role=Role.FACILITY, org_code=facility.code)
    user.set_unusable_password()
    user.save()
    account = GatewayAccount.objects.create(
        username=username, facility=facility, user=user, password=make_password(wire_md5(password))
    )
    return account, password


@transaction.atomic
def set_password(account: GatewayAccount, password: str) -> None:
    """A new password; every session of the account ends."""
    account.password = make_password(wire_md5(password))
    account.password_changed_at = timezone.now()
    account.save(update_fields=["password", "password_changed_at"])
    revoke_all(account)


def revoke_all(account: GatewayAccount) -> int:
    return GatewayToken.objects.filter(account=account, revoked_at__isnull=True).update(revoked_at=timezone.now())


@dataclass(frozen=True)
class Issued:
    access_token: str
    id_token: str
    username: str
    expires_at: dt.datetime


def _lock_key(username: str) -> str:
    return f"health-gateway-failures:{_digest(username.lower())}"


def take(username: str, md5: str, ip: str | None) -> tuple[str, Issued | None]:
    """("200", the new session) or ("401", None) for a wrong username or password, ("403", None) for an account
    disabled or locked after repeated failures. Each take is a new session; earlier ones stay valid until they
    expire, since one account serves every workstation of a hospital."""
    failures = cache.get(_lock_key(username), 0)
    if failures >= FAILURES_BEFORE_LOCK:
        return "403", None
    account = GatewayAccount.objects.select_related("facility").filter(username=username).first()
    if account is None:
        make_password(md5 or "-")  # as slow as a real check: the answer's timing does not tell which usernames exist
    if account is None or not MD5_HEX.match(md5 or "") or not check_password(md5.upper(), account.password):
        cache.set(_lock_key(username), failures + 1, LOCK_SECONDS)
        return "401", None
    if not account.is_active:
        return "403", None
    cache.delete(_lock_key(username))
    return "200", _issue(account, md5, ip)


def _issue(account: GatewayAccount, md5: str, ip: str | None) -> Issued:
    now = timezone.now()
    access, ident = secrets.token_urlsafe(32), str(uuid.uuid4())
    expires = now + dt.timedelta(minutes=settings.HEALTH_GATEWAY_TOKEN_MINUTES)
    with transaction.atomic():
        GatewayToken.objects.filter(account=account, expires_at__lt=now - dt.timedelta(days=1)).delete()
        live = GatewayToken.objects.filter(account=account, revoked_at__isnull=True, expires_at__gt=now).order_by(
            "-issued_at"
        )
        stale = list(live.values_list("pk", flat=True)[LIVE_TOKENS_PER_ACCOUNT - 1 :])
        if stale:
            GatewayToken.objects.filter(pk__in=stale).update(revoked_at=now)
        access_hash = _digest(access)
        GatewayToken.objects.create(
            account=account,
            access_hash=access_hash,
            id_hash=_digest(ident),
            issued_at=now,
            expires_at=expires,
            password_proof=_proof(md5, access_hash),
            ip=ip,
        )
    return Issued(access, ident, account.username, expires)


@dataclass(frozen=True)
class Session:
    """An authenticated gateway call: which account, facility and machine user act."""

    account_id: int
    username: str
    facility_code: str
    user: object
    access_hash: str
    password_proof: str

    def password_matches(self, md5: str) -> bool:
        return bool(md5) and hmac.compare_digest(_proof(md5, self.access_hash), self.password_proof)

    def __str__(self) -> str:  # ninja's throttles key on str(auth)
        return self.username


_SESSION_SQL = """SELECT {user}, a.id, a.username, f.code, t.id_hash, t.access_hash, t.password_proof
    FROM health_gatewaytoken t JOIN health_gatewayaccount a ON a.id = t.account_id
    JOIN health_facility f ON f.id = a.facility_id
    JOIN core_user u ON u.id = a.user_id
    WHERE t.access_hash = %s AND t.revoked_at IS NULL AND t.expires_at > %s AND a.is_active LIMIT 1"""


def authenticate(access_token: str, id_token: str) -> Session | None:
    """The session of a live token pair (not expired, not revoked, account active), or None. One plain SQL statement
    with the machine user: this runs on every card check, where an ORM query cost more than the check itself."""

    if not access_token or not id_token or len(access_token) > 200 or len(id_token) > 200:
        return None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_SESSION_SQL.format(user=user_columns("u")), [_digest(access_token), now])
        row = cursor.fetchone()
    if row is None:
        return None
    user = user_from_row(row)
    account, username, facility, id_hash, access_hash, proof = row[-6:]
    if not hmac.compare_digest(id_hash, _digest(id_token)):
        return None
    return Session(account, username, facility, user, access_hash, proof)
