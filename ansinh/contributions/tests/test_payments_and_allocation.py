"""Payments are matched by unit code or reference, allocated oldest debt first; unmatched ones wait in suspense."""

import datetime as dt

import pytest

from ansinh.contributions.assessment import assess
from ansinh.contributions.models import Payment, Receivable
from ansinh.contributions.payments import assign_suspense, record_payment
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
ACCOUNT = "0201000123456"


@pytest.fixture
def billed_unit():
    employer = factories.employer(wage_region="I")
    factories.spell(factories.person(), employer, dt.date(2024, 1, 1), salary=10_000_000)
    for month in ("2025-05", "2025-06"):
        assess(Period.parse(month))
    return employer  # 3,200,000 a month


def credit(reference, amount, text="", day=dt.date(2025, 7, 5), account=ACCOUNT, **extra):
    return {
        "reference": reference,
        "received_on": day,
        "amount": amount,
        "payer_text": text,
        "account": account,
        **extra,
    }


def _outstanding(code, period):
    return sum(r.amount - r.paid_amount for r in Receivable.objects.filter(payer_code=code, period=period))


def test_a_payment_naming_the_unit_code_pays_the_oldest_month_first(billed_unit):
    payment, created = record_payment("bank", **credit("FT001", 4_000_000, f"{billed_unit.unit_code} nop BHXH"))
    assert created and payment.payer_code == billed_unit.unit_code
    assert _outstanding(billed_unit.unit_code, "2025-05") == 0
    assert _outstanding(billed_unit.unit_code, "2025-06") == 2_400_000
    assert Receivable.objects.filter(payer_code=billed_unit.unit_code, period="2025-05").first().paid_on == dt.date(
        2025, 7, 5
    )


def test_the_same_transaction_twice_pays_once(billed_unit):
    record_payment("bank", **credit("FT002", 3_200_000, billed_unit.unit_code))
    _, created = record_payment("api", **credit("FT002", 3_200_000, billed_unit.unit_code))
    assert not created
    assert _outstanding(billed_unit.unit_code, "2025-06") == 3_200_000


def test_the_same_reference_on_another_account_is_another_payment(billed_unit):
    record_payment("bank", **credit("FT003", 100_000, billed_unit.unit_code))
    _, created = record_payment("bank", **credit("FT003", 100_000, billed_unit.unit_code, account="51010000123456"))
    assert created and Payment.objects.filter(reference="FT003").count() == 2


def test_the_same_transaction_with_another_amount_is_refused(billed_unit):
    record_payment("bank", **credit("FT004", 100_000, billed_unit.unit_code))
    with pytest.raises(DomainError):
        record_payment("bank", **credit("FT004", 200_000, billed_unit.unit_code))


def test_an_unmatched_payment_waits_in_suspense_with_its_reason_until_an_officer_assigns_it(billed_unit):
    payment, _ = record_payment("bank", **credit("FT005", 3_200_000, "nop tien bao hiem cong ty"))
    assert payment.status == Payment.Status.SUSPENSE and payment.suspense_reason == "no_code"
    assign_suspense(payment, billed_unit.unit_code, factories.user("collection_officer"))
    assert _outstanding(billed_unit.unit_code, "2025-05") == 0


def test_a_code_in_the_structured_reference_alone_is_enough(billed_unit):
    payment, _ = record_payment(
        "bank", **credit("FT006", 3_200_000, "CHUYEN TIEN", structured_reference=billed_unit.unit_code)
    )
    assert payment.payer_code == billed_unit.unit_code


def test_a_code_run_into_the_next_word_is_matched(billed_unit):
    payment, _ = record_payment("bank", **credit("FT007", 3_200_000, f"?20{billed_unit.unit_code}NOP BHXH T6"))
    assert payment.payer_code == billed_unit.unit_code


def test_a_text_naming_two_payers_waits_for_an_officer(billed_unit):
    other = factories.employer()
    payment, _ = record_payment("bank", **credit("FT008", 3_200_000, f"{billed_unit.unit_code} va {other.unit_code}"))
    assert (
        payment.status == "suspense"
        and payment.suspense_reason == "several_payers"
        and other.unit_code in payment.suspense_detail
    )


@pytest.mark.parametrize(
    "given, reason", [("TS99999", "unknown_code"), ("TS0\u200b0001", "hidden_chars"), ("'; DROP", "malformed_code")]
)
def test_an_unknown_or_malformed_payer_code_goes_to_suspense_never_credit(billed_unit, given, reason):
    payment, _ = record_payment("api", **credit(f"FT-{reason}", 3_200_000), payer_code=given)
    assert payment.status == "suspense" and payment.suspense_reason == reason and payment.payer_code == ""


def test_money_paid_ahead_pays_the_next_bill_when_it_is_assessed(billed_unit):
    record_payment("bank", **credit("FT009", 9_600_000, billed_unit.unit_code, day=dt.date(2025, 6, 20)))
    assess(Period.parse("2025-07"))
    assert _outstanding(billed_unit.unit_code, "2025-07") == 0
