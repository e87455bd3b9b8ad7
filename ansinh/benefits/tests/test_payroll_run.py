"""Computing a month's payroll: who is paid, idempotent re-runs, and a crash half-way."""

import datetime as dt

import pytest
from django.core.management import call_command

from ansinh.benefits.models import Entitlement, PaymentInstruction, PayrollRun
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.tests.helpers import beneficiary
from ansinh.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_a_run_pays_each_running_entitlement_once():
    beneficiary(5_000_000)
    beneficiary(3_000_000, bank=None)
    beneficiary(4_000_000, start=dt.date(2026, 5, 1))  # starts later
    beneficiary(10_000_000, monthly=False, kind="one_off")
    run = payroll.compute_run("2026-02")
    assert (run.instructions, run.total) == (3, 18_000_000)
    assert set(run.payments.values_list("method", flat=True)) == {"bank", "cash"}


def test_a_one_off_is_paid_in_one_month_only():
    beneficiary(10_000_000, monthly=False, kind="one_off")
    payroll.compute_run("2026-02")
    assert payroll.compute_run("2026-03").instructions == 0


def test_the_dead_are_not_paid_after_their_death():
    person, _ = beneficiary()
    person.death_date = dt.date(2026, 1, 20)
    person.save()
    assert payroll.compute_run("2026-02").instructions == 0


def test_running_the_same_month_again_adds_nothing():
    beneficiary()
    beneficiary()
    call_command("run_payroll", "--period", "2026-02")
    call_command("run_payroll", "--period", "2026-02")
    assert PaymentInstruction.objects.count() == 2
    assert PayrollRun.objects.get().instructions == 2


def test_a_run_killed_half_way_leaves_nothing_and_the_rerun_pays_each_once(monkeypatch):
    for _ in range(5):
        beneficiary()
    monkeypatch.setattr(payroll, "CHUNK", 2)

    def crash(written):
        if written >= 2:
            raise RuntimeError("killed")

    monkeypatch.setattr(payroll, "_checkpoint", crash)
    with pytest.raises(RuntimeError):
        payroll.compute_run("2026-02")
    assert PaymentInstruction.objects.count() == 0 and not PayrollRun.objects.exists()
    monkeypatch.setattr(payroll, "_checkpoint", lambda written: None)
    run = payroll.compute_run("2026-02")
    assert run.instructions == 5
    assert PaymentInstruction.objects.values("entitlement", "period").distinct().count() == 5


def test_an_approved_run_no_longer_changes():
    _, ent = beneficiary()
    run = payroll.compute_run("2026-02")
    PayrollRun.objects.filter(pk=run.pk).update(state="approved")
    beneficiary()
    with pytest.raises(DomainError):
        payroll.compute_run("2026-02")
    assert Entitlement.objects.count() == 2 and PaymentInstruction.objects.count() == 1


def test_a_bad_period_is_refused():
    with pytest.raises(DomainError):
        payroll.compute_run("2026-13")
