"""Every API operation anyone may call without an account is rate limited, every limit of the API has its own scope
and its rate is read from settings (so an operator changes it in the environment), and the quota of one scope is
never spent by another."""

import pytest

from ansinh.api import api
from ansinh.core.api_auth import _all_routers, _joined
from ansinh.core.throttles import AddressThrottle
from ansinh.health.gateway.api import gateway_api
from ansinh.health.gateway.throttles import _SettingRate
from ansinh.testing import factories

QUOTE = {"scheme": "family_hi", "period": "2025-06", "members": 3}


def _operations():
    for mount, instance in (("/api/v1", api), ("/api", gateway_api)):
        instance.urls  # noqa: B018  (mounting the routers gives each operation its inherited auth)
        for prefix, router in _all_routers(instance._routers):
            for path, view in router.path_operations.items():
                for operation in view.operations:
                    yield _joined(mount, prefix, path), operation


def _configured(throttle, settings) -> bool:
    if isinstance(throttle, AddressThrottle):
        return throttle.fixed_rate is None and throttle.scope in settings.THROTTLE_RATES
    return isinstance(throttle, _SettingRate) and hasattr(settings, throttle.setting)


def test_every_anonymous_operation_is_throttled_by_a_rate_from_settings(settings):
    public = {path: operation for path, operation in _operations() if not operation.auth_callbacks}
    assert "/api/v1/contributions/quote" in public and "/api/token/take" in public
    unthrottled = sorted(path for path, operation in public.items() if not operation.throttle_objects)
    assert unthrottled == []


def test_every_throttle_of_the_api_has_its_own_scope_and_a_rate_from_settings(settings):
    hard_coded = sorted(
        {
            path
            for path, operation in _operations()
            for throttle in operation.throttle_objects
            if not _configured(throttle, settings)
        }
    )
    assert hard_coded == []


def _quote(client, **extra):
    return client.post("/api/v1/contributions/quote", QUOTE, content_type="application/json", **extra).status_code


@pytest.mark.django_db
def test_the_quote_rate_is_read_from_settings_and_spends_no_other_quota(client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "quote": "2/m", "partner": "1/m"}
    assert [_quote(client) for _ in range(3)] == [200, 200, 429]
    assert _quote(client, REMOTE_ADDR="10.0.0.9") == 200  # per address
    # the partner scope's single request is still there although quotes were refused from this address
    reply = client.post("/api/v1/services/payments/lookup", {}, content_type="application/json")
    assert reply.status_code != 429
    assert client.post("/api/v1/services/payments/lookup", {}, content_type="application/json").status_code == 429


@pytest.mark.django_db
def test_a_signed_in_caller_is_limited_per_account_instead_of_per_address(client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "quote": "1/m", "quote_account": "3/m"}
    assert [_quote(client) for _ in range(2)] == [200, 429]
    client.force_login(factories.user("citizen"))
    assert [_quote(client) for _ in range(4)] == [200, 200, 200, 429]
    client.force_login(factories.user("citizen"))  # another account from the same address
    assert _quote(client) == 200
