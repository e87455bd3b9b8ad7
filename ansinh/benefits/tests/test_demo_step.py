"""The demo step: pensions for the pensioners, channels mostly to banks, three reconciled months (the bank's answer
in several files, as for a province too large for one)."""

import pytest
from django.core.management import call_command

from ansinh.benefits import services
from ansinh.benefits.demo import payroll as demo_payroll
from ansinh.benefits.models import BenefitCase, Entitlement, PaymentChannel, PayrollRun, ReturnImport
from ansinh.registry.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_pays_pensioners_three_months_and_the_pensioner_citizen_sees_a_paid_payment(
    settings, tmp_path, monkeypatch
):
    monkeypatch.setattr(demo_payroll, "RETURN_ROWS", 100)
    settings.VAR_DIR = tmp_path
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    call_command("build_demo", "--people", "3000", "--as-of", "2026-03-01", "--quiet")
    assert list(PayrollRun.objects.order_by("period").values_list("period", "state")) == [
        ("2025-12", "reconciled"),
        ("2026-01", "reconciled"),
        ("2026-02", "reconciled"),
    ]
    assert ReturnImport.objects.filter(run__period="2026-02").count() >= 2
    assert (
        Entitlement.objects.filter(kind="pension").count() > 100
        and Entitlement.objects.filter(kind="survivor").exists()
    )
    bank_share = PaymentChannel.objects.filter(method="bank").count() / PaymentChannel.objects.count()
    assert 0.85 < bank_share < 0.97
    citizen = Person.objects.filter(user__isnull=False, entitlements__isnull=False).distinct().get()
    payments = services.payments_for(citizen)
    assert payments[0]["period"] == "2026-02" and payments[0]["status"] == "paid"
    assert BenefitCase.objects.filter(state="computed").exists()
