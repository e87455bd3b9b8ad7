import pytest


@pytest.fixture(autouse=True)
def _fresh_law_and_counters():
    """Each test starts with the law tables re-read and no throttle or lock-out counters left by another test."""
    from django.core.cache import cache

    from ansinh.health import eligibility

    eligibility._law_cache.clear()
    cache.clear()
    yield
    eligibility._law_cache.clear()
