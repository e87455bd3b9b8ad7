"""Rate limits on what anyone may ask without an account: django-ninja's cache-backed throttles.

Each limit has its own scope, so the quota of one endpoint is not spent by another, and its rate comes
from settings.THROTTLE_RATES (environment THROTTLE_<SCOPE>). The history lives in the default cache:
local memory in one process, Redis (CACHE_URL) when several workers must share it. The same throttles
guard pages (`throttled_view`) and API endpoints (`api_throttles`), keyed by the client's address as
TrustedProxyMiddleware resolved it, or by the signed-in account (`AccountThrottle`).
"""

from __future__ import annotations

import functools
import hashlib
import math

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja.throttling import SimpleRateThrottle


class AddressThrottle(SimpleRateThrottle):
    """At most `rate` requests per client address in this scope; signed-in callers too unless
    `anonymous_only` (they then count against their account's limit instead)."""

    def __init__(self, scope: str, rate: str | None = None, anonymous_only: bool = False):
        self.scope = scope
        self.fixed_rate = rate
        self.anonymous_only = anonymous_only
        super().__init__(rate or settings.THROTTLE_RATES[scope])

    def allow_request(self, request) -> bool:
        # The rate is read per request, not when the endpoint was declared, so a changed setting takes effect.
        self.rate = self.fixed_rate or settings.THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str | None:
        if self.anonymous_only and account_of(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AccountThrottle(AddressThrottle):
    """At most `rate` requests per signed-in account (API token or session) in this scope; anonymous
    requests are left to the address limits."""

    def get_cache_key(self, request) -> str | None:
        account = account_of(request)
        return None if account is None else self.cache_format % {"scope": self.scope, "ident": account}


def account_of(request) -> str | None:
    """Who is calling: the authenticated API principal, else the session's user; None when anonymous."""
    auth = getattr(request, "auth", None)
    if auth is not None:
        return hashlib.sha256(str(getattr(auth, "pk", auth)).encode()).hexdigest()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return hashlib.sha256(str(user.pk).encode()).hexdigest()
    return None


def api_throttles(scope: str, account_scope: str | None = None) -> list[SimpleRateThrottle]:
    """For a django-ninja endpoint's `throttle=`: the address limit of `scope`, for everyone; with an
    `account_scope`, signed-in callers are limited per account by it instead of per address."""
    if account_scope is None:
        return [AddressThrottle(scope)]
    return [AddressThrottle(scope, anonymous_only=True), AccountThrottle(account_scope)]


def account_throttles(scope: str) -> list[SimpleRateThrottle]:
    """For an endpoint that needs an account: the account limit of `scope`."""
    return [AccountThrottle(scope)]


def _retry_after(throttle: SimpleRateThrottle) -> int:
    return max(1, math.ceil(throttle.wait() or throttle.duration))


def too_many(request, throttle: SimpleRateThrottle) -> HttpResponse:
    """429 page naming the limit and when to try again."""
    seconds = _retry_after(throttle)
    message = _("Too many requests from your address: at most %(rate)s. Try again in %(seconds)s seconds.") % {
        "rate": throttle.rate,
        "seconds": seconds,
    }
    response = render(request, "core/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def throttled_view(scope: str, methods: tuple[str, ...] = ("POST",)):
    """Decorator for a page: requests with these methods beyond the scope's rate are answered 429."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                throttle = AddressThrottle(scope)
                if not throttle.allow_request(request):
                    return too_many(request, throttle)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
