"""The citizen sees the HI cards of their registry household and the bills and payments of their voluntary SI
and their household's family HI; money received for them reaches their inbox."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from ansinh.contributions.models import Receivable
from ansinh.contributions.payments import record_payment
from ansinh.core.models import Notification
from ansinh.health.models import Coverage, Facility
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
ACCOUNT = "0201000123456"


@pytest.fixture
def family():
    home = factories.household()
    mother = factories.person(full_name="Trần Thị Mai", household=home, household_relation="chủ hộ", phone="0912000555")
    mother.user = factories.user("citizen", username=mother.cccd)
    mother.save()
    child = factories.person(
        full_name="Trần Minh Khoa", birth_date=dt.date(2016, 4, 2), sex="male", household=home, household_relation="con"
    )
    stranger = factories.person(full_name="Lê Văn Tùng")
    return mother, child, stranger


def _card(person, code):
    today = timezone.localdate()
    return Coverage.objects.create(
        person=person,
        card_code=code,
        group="TE",
        benefit_digit=1,
        benefit_pct=100,
        facility=Facility.objects.get(code="42010"),
        valid_from=today - dt.timedelta(days=30),
        valid_to=today + dt.timedelta(days=300),
        status=Coverage.Status.ACTIVE,
    )


def _bill(payer_kind, payer_code, period, amount, **owner):
    return Receivable.objects.create(
        payer_kind=payer_kind,
        payer_code=payer_code,
        commune=factories.commune(),
        period=period,
        fund="health" if payer_kind == "family_hi" else "retirement",
        amount=amount,
        due_date=dt.date(2026, 1, 31),
        **owner,
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_household_page_lists_the_other_members_and_their_cards_only(family):
    mother, child, stranger = family
    _card(child, "TE1424220000123")
    _card(stranger, "GD4424220000999")
    page = _client(mother.user).get("/portal/household/")
    members = page.context["members"]
    assert [m["person"] for m in members] == [child]
    assert members[0]["coverage"]["card_code"] == "TE1424220000123"
    assert "GD4424220000999" not in page.content.decode()


def test_bills_and_payments_of_voluntary_si_and_family_hi_and_the_inbox_hears_of_the_money(family):
    mother, _child, _stranger = family
    _bill("voluntary", mother.si_number, "2025-12", 330_000, person=mother)
    _bill("family_hi", mother.household.code, "2025-12", 1_263_600, household=mother.household)
    record_payment(
        source="bank",
        account=ACCOUNT,
        reference="FT25001",
        received_on=dt.date(2026, 1, 10),
        amount=330_000,
        payer_code=mother.si_number,
    )
    page = _client(mother.user).get("/portal/payments/")
    bills = {b["payer_kind"]: b for b in page.context["bills"]}
    assert bills["voluntary"]["status"] == "paid" and bills["voluntary"]["paid_on"] == dt.date(2026, 1, 10)
    assert bills["family_hi"]["status"] == "unpaid" and bills["family_hi"]["outstanding"] == 1_263_600
    assert [(p["amount"], p["payer_kind"]) for p in page.context["payments"]] == [(330_000, "voluntary")]
    told = Notification.objects.get(user=mother.user, kind="payment")
    assert told.values["amount"] == "330.000" and told.link == "/portal/payments/"
