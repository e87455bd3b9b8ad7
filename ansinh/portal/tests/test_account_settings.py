"""A citizen resets a forgotten password by CCCD and SMS code, changes it when logged in, and keeps the phone
(confirmed by a code sent to the new number), the e-mail and the address up to date, every change audited."""

import re

import pytest
from django.test import Client

from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.core.notify import ConsoleSMS
from ansinh.portal import account, activation
from ansinh.portal.models import ActivationCode
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "mat-khau-moi-rat-manh-2026"


def _last_code(phone: str) -> str:
    return re.search(r"\b(\d{6})\b", [t for p, t in ConsoleSMS.sent if p == phone][-1]).group(1)


@pytest.fixture
def lan(citizen_with_person):
    _user, person = citizen_with_person
    person.phone = "0912000222"
    person.save()
    return person


def test_a_reset_code_goes_to_the_phone_on_record_and_sets_the_new_password(lan):
    assert account.send_reset_code(lan.cccd).endswith("222")
    user = account.reset_password(lan.cccd, _last_code("0912000222"), NEW_PASSWORD)
    assert user.check_password(NEW_PASSWORD)
    with pytest.raises(DomainError) as used:
        account.reset_password(lan.cccd, _last_code("0912000222"), NEW_PASSWORD + "x")
    assert used.value.errors[0].code == "expired"


def test_a_code_sent_for_another_purpose_cannot_reset_the_password(lan):
    activation.issue_code(
        lan, ActivationCode.Purpose.PHONE, "0912000222", account.PHONE_MESSAGE, new_phone="0912000222"
    )
    with pytest.raises(DomainError) as refused:
        account.reset_password(lan.cccd, _last_code("0912000222"), NEW_PASSWORD)
    assert refused.value.errors[0].code == "expired"  # no live reset code at all


def test_no_reset_code_for_a_cccd_without_an_account():
    stranger = factories.person(phone="0912000333")
    with pytest.raises(DomainError) as refused:
        account.send_reset_code(stranger.cccd)
    assert refused.value.errors[0].field == "cccd"


def test_a_new_phone_counts_only_once_the_code_sent_to_it_comes_back(lan):
    account.send_phone_code(lan, "+84 987 654 321")
    lan.refresh_from_db()
    assert lan.phone == "0912000222"
    assert account.confirm_phone(lan, _last_code("0987654321")) == "0987654321"
    lan.refresh_from_db()
    assert lan.phone == "0987654321" and lan.user.phone == "0987654321"
    change = AuditEvent.objects.filter(object_type="registry.person", object_id=str(lan.pk), action="update").latest(
        "id"
    )
    assert change.changes["phone"] == ["0912000222", "0987654321"]


@pytest.mark.parametrize("phone", ["012345", "0212345678", "09123456789", "abc"])
def test_a_phone_that_is_not_a_vietnamese_mobile_is_refused_naming_the_field(lan, phone):
    with pytest.raises(DomainError) as refused:
        account.send_phone_code(lan, phone)
    assert refused.value.errors[0].field == "phone"


def test_the_account_page_saves_e_mail_and_address_audited_with_the_citizen_as_actor(lan):
    client = Client()
    client.force_login(lan.user)
    response = client.post(
        "/portal/account/", {"action": "contact", "email": "lan@example.vn", "address": "Số 5 Hà Huy Tập"}
    )
    assert response.status_code == 302
    lan.refresh_from_db()
    assert (lan.email, lan.address) == ("lan@example.vn", "Số 5 Hà Huy Tập")
    change = AuditEvent.objects.filter(object_type="registry.person", object_id=str(lan.pk), action="update").latest(
        "id"
    )
    assert change.actor == lan.user and change.changes["address"][1] == "Số 5 Hà Huy Tập"


def test_a_malformed_e_mail_is_refused_on_the_page_and_nothing_changes(lan):
    client = Client()
    client.force_login(lan.user)
    response = client.post("/portal/account/", {"action": "contact", "email": "not-an-address", "address": "x"})
    assert response.status_code == 200 and "email" in response.context["contact"].errors
    lan.refresh_from_db()
    assert lan.address == ""


def test_a_logged_in_citizen_changes_the_password_and_stays_logged_in(lan):
    client = Client()
    client.force_login(lan.user)
    response = client.post(
        "/portal/account/password/",
        {"old_password": factories.PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    lan.user.refresh_from_db()
    assert lan.user.check_password(NEW_PASSWORD)
    assert client.get("/portal/account/").status_code == 200
