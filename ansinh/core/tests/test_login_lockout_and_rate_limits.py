"""Log-in is locked after a few wrong passwords (django-axes); pages anyone can post to are rate limited."""

import pytest
from django.test import override_settings

from ansinh.core.models import AuditEvent
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _log_in(client, username, password, address="203.0.113.9"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(THROTTLE_RATES={"login": "1000/m"})  # the address limit would answer first otherwise
def test_forty_wrong_passwords_lock_the_account_so_the_right_one_no_longer_works(client, settings):
    account = factories.user("citizen")
    for _ in range(40):
        _log_in(client, account.username, "wrong-password-1")
    response = _log_in(client, account.username, factories.PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert str(round(settings.AXES_COOLOFF_TIME * 60)) in response.content.decode()
    assert AuditEvent.objects.filter(action="denied", summary__contains="locked").exists()


def test_the_lockout_starts_at_the_configured_number_of_failures(client, settings):
    account = factories.user("citizen")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, account.username, "wrong-password-1").status_code == 200
    assert _log_in(client, account.username, factories.PASSWORD).status_code == 302


def test_a_lockout_binds_the_account_and_address_together(client, settings):
    account = factories.user("citizen")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, account.username, "wrong-password-1")
    assert _log_in(client, account.username, factories.PASSWORD).status_code == 429
    assert _log_in(client, account.username, factories.PASSWORD, address="198.51.100.7").status_code == 302


@override_settings(THROTTLE_RATES={"login": "3/m"})
def test_log_in_attempts_from_one_address_are_rate_limited_across_accounts(client):
    for n in range(3):
        assert _log_in(client, f"nobody{n}", "wrong-password-1").status_code == 200
    response = _log_in(client, "nobody9", "wrong-password-1")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "3/m" in response.content.decode()
