"""The client's address: X-Forwarded-For is believed only when our own proxy sent it."""

import pytest
from django.test import override_settings

from ansinh.core.client_ip import client_ip
from ansinh.core.models import AuditEvent
from ansinh.testing import factories


def test_a_forwarded_header_from_a_stranger_is_ignored():
    assert client_ip("203.0.113.9", "198.51.100.1", proxies=[]) == "203.0.113.9"
    assert client_ip("203.0.113.9", "198.51.100.1", proxies=["10.0.0.0/8"]) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client():
    # The client forged the first entry; our proxy appended the address it really saw.
    assert client_ip("10.0.0.5", "1.2.3.4, 198.51.100.7", proxies=["10.0.0.0/8"]) == "198.51.100.7"
    assert client_ip("10.0.0.5", "198.51.100.7, 10.0.0.9", proxies=["10.0.0.0/8"]) == "198.51.100.7"


def test_a_garbled_chain_falls_back_to_the_proxy_itself():
    assert client_ip("10.0.0.5", "not-an-address", proxies=["10.0.0.5"]) == "10.0.0.5"


@pytest.mark.django_db
def test_the_audit_log_records_the_real_peer_when_the_header_is_forged(client):
    officer = factories.user("service_desk")
    client.force_login(officer)
    person = factories.person()
    client.get(f"/registry/people/{person.pk}/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="203.0.113.9")
    event = AuditEvent.objects.filter(action="read").latest("pk")
    assert event.ip == "203.0.113.9"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_the_audit_log_records_the_client_a_trusted_proxy_names(client):
    officer = factories.user("service_desk")
    client.force_login(officer)
    person = factories.person()
    client.get(f"/registry/people/{person.pk}/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert AuditEvent.objects.filter(action="read").latest("pk").ip == "198.51.100.7"
