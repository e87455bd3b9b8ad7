"""Rate limits of the card check and the gateway, kept in Django's cache (configure a shared cache, e.g. Redis or
the database cache, when several server processes run). Rates come from settings, read at each request so an
operator's change applies without a code edit."""

from __future__ import annotations

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class _SettingRate(SimpleRateThrottle):
    setting = ""
    default = ""

    def __init__(self):
        super().__init__(rate=self._current())

    def _current(self) -> str:
        return getattr(settings, self.setting, self.default) or self.default

    def allow_request(self, request) -> bool:
        self.rate = self._current()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class PerFacility(_SettingRate):
    """Calls per facility, whichever door (gateway account or API token) and however many workstations.

    Counted in two fixed windows, the previous one weighted by how much of it still lies within the last `duration`
    seconds (a sliding window, approximately): a counter costs the same at any rate, where the timestamp list of
    SimpleRateThrottle is read, unpickled, pickled and written whole on every call (1,200 timestamps at the default
    rate); a shared cache (Redis) answers it in a few round trips of a few bytes each."""

    scope = "health-facility"
    setting, default = "HEALTH_CHECK_RATE", "1200/min"

    def get_cache_key(self, request) -> str:
        auth = getattr(request, "auth", None)
        facility = getattr(auth, "facility_code", None) or getattr(auth, "org_code", None) or self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": facility}

    def allow_request(self, request) -> bool:
        self.rate = self._current()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.now = self.timer()
        window, elapsed = divmod(self.now, self.duration)
        key = self.get_cache_key(request)
        current, previous = f"{key}:{int(window)}", f"{key}:{int(window) - 1}"
        counts = self.cache.get_many([current, previous])
        weight = 1 - elapsed / self.duration
        if counts.get(current, 0) + counts.get(previous, 0) * weight >= self.num_requests:
            self.window_ends = self.now - elapsed + self.duration
            return False
        try:
            self.cache.incr(current)
        except ValueError:  # the window's first call, or its counter expired
            if not self.cache.add(current, 1, 2 * self.duration):
                self.cache.incr(current)
        return True

    def wait(self) -> float:
        """Until the current window ends: by then at least the previous window's share has gone."""
        return max(1.0, self.window_ends - self.now)


class PerAddress(_SettingRate):
    """Token requests, and calls without a valid session, per client address: a password or a token cannot be
    guessed at speed, and refused calls cannot flood the audit log."""

    scope = "health-gateway-take"
    setting, default = "HEALTH_GATEWAY_TAKE_RATE", "30/min"

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
