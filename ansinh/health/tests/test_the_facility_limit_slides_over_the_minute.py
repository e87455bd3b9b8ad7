"""The per-facility limit of card checks counts the calls of the last minute, the previous minute's calls weighted by
how much of it is still within the last minute, whatever the rate (a counter, not a list of every call's time)."""

from types import SimpleNamespace

from django.core.cache import cache
from django.test import override_settings

from ansinh.health.gateway.throttles import PerFacility


def _calls(throttle, at: float, count: int, facility: str = "42001") -> list[bool]:
    throttle.timer = lambda: at
    request = SimpleNamespace(auth=SimpleNamespace(facility_code=facility), META={"REMOTE_ADDR": "127.0.0.1"})
    return [throttle.allow_request(request) for _ in range(count)]


@override_settings(HEALTH_CHECK_RATE="10/min")
def test_the_previous_minute_counts_for_the_part_still_within_the_last_minute():
    cache.clear()
    throttle = PerFacility()
    assert _calls(throttle, 6000.0, 10) == [True] * 10
    assert _calls(throttle, 6010.0, 1) == [False]  # the same minute: 10 already
    assert 0 < throttle.wait() <= 50
    # 45 s into the next minute a quarter of the previous one is still within the last 60 s: 2.5 calls, room for 8
    assert _calls(throttle, 6105.0, 9) == [True] * 8 + [False]
    assert _calls(throttle, 6105.0, 1, facility="42002") == [True]  # another facility has its own count


@override_settings(HEALTH_CHECK_RATE="10/min")
def test_after_a_quiet_minute_the_whole_limit_is_free_again():
    cache.clear()
    throttle = PerFacility()
    assert _calls(throttle, 6000.0, 11)[-1] is False
    assert _calls(throttle, 6125.0, 10) == [True] * 10
