"""Rate limits on what anyone may ask without an account: django-ninja's cache-backed throttles.

Each limit has its own scope, so the quota of one endpoint is not spent by another, and its rate comes
from settings.THROTTLE_RATES (environment THROTTLE_<SCOPE>). The history lives in the default cache:
local memory in one process, Redis (CACHE_URL) when several workers must share it. The same throttles
guard pages (`throttled_view`) and API endpoints (`api_throttles`), keyed by the client's address as
TrustedProxyMiddleware resolved it.
"""
from __future__ import annotations

import functools
import math

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja.throttling import SimpleRateThrottle


class AddressThrottle(SimpleRateThrottle):
    """At most `rate` requests per client address in this scope, signed in or not."""

    def __init__(self, scope: str, rate: str | None = None):
        self.scope = scope
        self.fixed_rate = rate
        super().__init__(rate or settings.THROTTLE_RATES[scope])

    def allow_request(self, request) -> bool:
        # The rate is read per request, not when the endpoint was declared, so a changed setting takes effect.
        self.rate = self.fixed_rate or settings.THROTTLE_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def api_throttles(scope: str) -> list[SimpleRateThrottle]:
    """For a django-ninja endpoint's `throttle=`: the address limit of the scope."""
    return [AddressThrottle(scope)]


def _retry_after(throttle: SimpleRateThrottle) -> int:
    return max(1, math.ceil(throttle.wait() or throttle.duration))


def too_many(request, throttle: SimpleRateThrottle) -> HttpResponse:
    """429 page naming the limit and when to try again."""
    seconds = _retry_after(throttle)
    message = _("Too many requests from your address: at most %(rate)s. Try again in %(seconds)s seconds.") % {
        "rate": throttle.rate, "seconds": seconds}
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
