"""The demo step: enrolments from the people frame, 24 months billed, most paid, a few in arrears and suspense."""

import datetime as dt

import pytest
from django.core.management import call_command

from ansinh.contributions import services
from ansinh.contributions.models import AssessmentRun, Payment, Receivable, VoluntaryEnrolment
from ansinh.contributions.portal import latest_bill
from ansinh.demo.context import logins_file

pytestmark = pytest.mark.django_db


def test_the_demo_bills_two_years_and_leaves_a_few_units_in_arrears(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("build_demo", "--people", "3000", "--as-of", "2026-03-01", "--quiet")
    assert (
        AssessmentRun.objects.count() == 24 + 11 + 1
    )  # and the family HI renewals of the year before and of this month
    assert VoluntaryEnrolment.objects.exists()
    assert Payment.objects.filter(status="suspense").count() >= 3
    first, last = (
        len(services.family_hi_members(dt.date(2024, 3, 15))),
        len(services.family_hi_members(dt.date(2026, 2, 15))),
    )
    assert 0.8 < first / last < 1.2  # family cover does not grow out of nothing over the first year
    paid = sum(r.paid_amount for r in Receivable.objects.filter(due_date__lt=dt.date(2026, 3, 1)))
    due = sum(r.amount for r in Receivable.objects.filter(due_date__lt=dt.date(2026, 3, 1)))
    assert 0.9 < paid / due < 1.0
    employer_code = (
        next(line for line in logins_file().read_text().splitlines() if '"dv.' in line)
        .split('"dv.')[1]
        .split('"')[0]
        .upper()
    )
    bill = latest_bill(employer_code)
    assert bill["period"] == "2026-02" and bill["outstanding"] > 0
