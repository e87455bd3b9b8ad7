"""Payments are matched by unit code or reference, allocated oldest debt first; unmatched ones wait in suspense."""
import datetime as dt

import pytest

from ansinh.contributions.assessment import assess
from ansinh.contributions.models import Payment, Receivable
from ansinh.contributions.payments import assign_suspense, import_statement, record_payment
from ansinh.core.api_errors import DomainError
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def billed_unit():
    employer = factories.employer(wage_region="I")
    factories.spell(factories.person(), employer, dt.date(2024, 1, 1), salary=10_000_000)
    for month in ("2025-05", "2025-06"):
        assess(Period.parse(month))
    return employer  # 3,200,000 a month


def _outstanding(code, period):
    return sum(r.amount - r.paid_amount for r in Receivable.objects.filter(payer_code=code, period=period))


def test_a_payment_naming_the_unit_code_pays_the_oldest_month_first(billed_unit):
    payment, created = record_payment("bank", "FT001", dt.date(2025, 7, 5), 4_000_000, f"{billed_unit.unit_code} nop BHXH")
    assert created and payment.payer_code == billed_unit.unit_code
    assert _outstanding(billed_unit.unit_code, "2025-05") == 0
    assert _outstanding(billed_unit.unit_code, "2025-06") == 2_400_000
    assert Receivable.objects.filter(payer_code=billed_unit.unit_code, period="2025-05").first().paid_on == dt.date(2025, 7, 5)


def test_the_same_statement_line_twice_pays_once(billed_unit):
    record_payment("bank", "FT002", dt.date(2025, 7, 5), 3_200_000, billed_unit.unit_code)
    _, created = record_payment("bank", "FT002", dt.date(2025, 7, 5), 3_200_000, billed_unit.unit_code)
    assert not created
    assert _outstanding(billed_unit.unit_code, "2025-06") == 3_200_000


def test_the_same_reference_with_another_amount_is_refused(billed_unit):
    record_payment("bank", "FT003", dt.date(2025, 7, 5), 100_000, billed_unit.unit_code)
    with pytest.raises(DomainError):
        record_payment("bank", "FT003", dt.date(2025, 7, 5), 200_000, billed_unit.unit_code)


def test_an_unmatched_payment_waits_in_suspense_until_an_officer_assigns_it(billed_unit):
    payment, _ = record_payment("bank", "FT004", dt.date(2025, 7, 5), 3_200_000, "nop tien bao hiem cong ty")
    assert payment.status == Payment.Status.SUSPENSE
    officer = factories.user("collection_officer")
    assign_suspense(payment, billed_unit.unit_code, officer)
    assert _outstanding(billed_unit.unit_code, "2025-05") == 0


def test_a_bank_statement_with_a_bad_row_records_nothing(billed_unit):
    content = f"date,reference,amount,description\n2025-07-01,A1,3200000,{billed_unit.unit_code}\n2025-07-40,A2,abc,x\n".encode()
    with pytest.raises(DomainError) as caught:
        import_statement(content)
    assert {(e.row, e.field) for e in caught.value.errors} == {(3, "date"), (3, "amount")}
    assert not Payment.objects.exists()


def test_a_good_statement_records_matched_and_unmatched_payments(billed_unit):
    content = f"date,reference,amount,description\n2025-07-01,B1,3200000,{billed_unit.unit_code}\n2025-07-02,B2,500000,unknown\n".encode()
    assert import_statement(content) == {"rows": 2, "new": 2, "suspense": 1}
    assert import_statement(content)["new"] == 0


def test_money_paid_ahead_pays_the_next_bill_when_it_is_assessed(billed_unit):
    record_payment("bank", "FT005", dt.date(2025, 6, 20), 9_600_000, billed_unit.unit_code)
    assess(Period.parse("2025-07"))
    assert _outstanding(billed_unit.unit_code, "2025-07") == 0
