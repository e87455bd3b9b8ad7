"""A citizen activates an account with their CCCD and a one-time code: hashed, expiring, few attempts."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from ansinh.core.errors import DomainError
from ansinh.core.notify import ConsoleSMS
from ansinh.portal import activation
from ansinh.portal.models import ActivationCode
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-rat-manh-2025"


def _last_code(phone: str) -> str:
    text = [t for p, t in ConsoleSMS.sent if p == phone][-1]
    return re.search(r"\b(\d{6})\b", text).group(1)


@pytest.fixture
def lan():
    return factories.person(phone="0912000111")


def test_the_code_goes_to_the_phone_on_record_and_only_its_hash_is_kept(lan):
    sent_to = activation.send_code(lan.cccd)
    code = _last_code("0912000111")
    assert sent_to.endswith("111")
    stored = ActivationCode.objects.get(person=lan)
    assert code not in stored.otp_hash and len(stored.otp_hash) == 64


def test_the_right_code_creates_an_account_named_by_the_cccd_and_links_the_person(lan):
    activation.send_code(lan.cccd)
    user = activation.activate(lan.cccd, _last_code("0912000111"), PASSWORD)
    lan.refresh_from_db()
    assert user.username == lan.cccd and user.role == "citizen" and lan.user == user
    assert user.check_password(PASSWORD)


def test_wrong_codes_count_and_lock_the_code_after_the_limit(lan):
    activation.send_code(lan.cccd)
    right = _last_code("0912000111")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(activation.MAX_ATTEMPTS):
        with pytest.raises(DomainError):
            activation.activate(lan.cccd, wrong, PASSWORD)
    assert ActivationCode.objects.get(person=lan).attempts == activation.MAX_ATTEMPTS
    with pytest.raises(DomainError) as locked:
        activation.activate(lan.cccd, right, PASSWORD)
    assert locked.value.errors[0].code == "locked"


def test_an_expired_code_is_refused(lan):
    activation.send_code(lan.cccd)
    ActivationCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(DomainError) as expired:
        activation.activate(lan.cccd, _last_code("0912000111"), PASSWORD)
    assert expired.value.errors[0].code == "expired"


def test_a_new_code_replaces_the_old_one(lan):
    activation.send_code(lan.cccd)
    first = _last_code("0912000111")
    activation.send_code(lan.cccd)
    second = _last_code("0912000111")
    if first != second:
        with pytest.raises(DomainError):
            activation.activate(lan.cccd, first, PASSWORD)
    assert activation.activate(lan.cccd, second, PASSWORD).username == lan.cccd


def test_an_account_cannot_be_activated_twice_or_without_contact_details(lan, citizen_with_person):
    _, linked = citizen_with_person
    for cccd in (linked.cccd, factories.person().cccd, "042000000000"):
        with pytest.raises(DomainError):
            activation.send_code(cccd)


def test_a_weak_password_is_refused_and_the_code_stays_usable(lan):
    activation.send_code(lan.cccd)
    code = _last_code("0912000111")
    with pytest.raises(DomainError) as weak:
        activation.activate(lan.cccd, code, "123")
    assert weak.value.errors[0].field == "password"
    assert activation.activate(lan.cccd, code, PASSWORD)
