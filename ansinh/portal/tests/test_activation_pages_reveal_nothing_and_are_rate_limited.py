"""The activation pages answer alike for every CCCD, so nobody can learn from them who is registered or has
an account; and an address may only ask for so many codes and try so many codes."""

import pytest
from django.test import override_settings

from ansinh.core.models import AuditEvent
from ansinh.core.notify import ConsoleSMS
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _ask(client, cccd):
    return client.post("/portal/activate/", {"cccd": cccd})


def test_unknown_registered_and_already_activated_cccds_get_the_same_answer(client, citizen_with_person):
    _, activated = citizen_with_person
    ConsoleSMS.sent.clear()  # the console gateway keeps every message of the process; count only this test's
    registered = factories.person(phone="0912000222")
    no_contact = factories.person()
    answers = []
    for cccd in (registered.cccd, activated.cccd, no_contact.cccd, "042000000000"):
        response = _ask(client, cccd)
        answers.append((response.status_code, response["Location"]))
        page = client.get("/portal/activate/code/").content.decode()
        assert "•••" not in page and "222" not in page  # no hint of where a code went
    assert len(set(answers)) == 1
    assert sum(1 for phone, _ in ConsoleSMS.sent if phone == "0912000222") == 1
    assert AuditEvent.objects.filter(action="denied", object_type="portal.activationcode").count() == 3


def test_a_code_for_a_cccd_that_cannot_be_activated_reads_as_a_wrong_code(client):
    _ask(client, "042000000000")
    response = client.post(
        "/portal/activate/code/",
        {"code": "123456", "password1": "mat-khau-rat-manh-2025", "password2": "mat-khau-rat-manh-2025"},
    )
    assert response.status_code == 200 and "The code is not right." in response.content.decode()


@override_settings(THROTTLE_RATES={"activation": "3/h", "otp": "20/h"})
def test_an_address_may_ask_for_only_so_many_codes(client):
    for n in range(3):
        assert _ask(client, f"04200000000{n}").status_code == 302
    response = _ask(client, "042000000009")
    assert response.status_code == 429 and "3/h" in response.content.decode()


@override_settings(THROTTLE_RATES={"activation": "10/h", "otp": "2/h"})
def test_an_address_may_try_only_so_many_codes(client):
    _ask(client, "042000000000")
    body = {"code": "123456", "password1": "x", "password2": "x"}
    assert [client.post("/portal/activate/code/", body).status_code for _ in range(3)] == [200, 200, 429]
