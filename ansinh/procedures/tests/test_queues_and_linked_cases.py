"""Staff work queues per role, walk-in entry at the desk, and the voluntary-SI dossier that enrols the person."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.core.errors import DomainError
from ansinh.procedures import workflow
from ansinh.procedures.models import Procedure
from ansinh.procedures.services import queue_for
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_each_role_sees_the_dossiers_it_acts_on_next():
    person = factories.person()
    desk, benefits, collection = (
        factories.user("service_desk"),
        factories.user("benefits_officer"),
        factories.user("collection_officer"),
    )
    pension = file_online(person, "C12")
    card = file_online(person, "D1")
    assert {d.pk for d in queue_for(desk)} == {pension.pk, card.pk}
    assert list(queue_for(benefits)) == []
    workflow.move(pension, "in_progress", desk)
    assert [d.pk for d in queue_for(benefits)] == [pension.pk]
    assert pension.pk not in {d.pk for d in queue_for(desk)}
    assert list(queue_for(collection)) == []


def test_the_desk_registers_a_walk_in_without_uploads_and_the_due_date_counts_working_days():
    person = factories.person()
    dossier = workflow.submit(
        procedure=Procedure.objects.get(code="C16"),
        channel="counter",
        person=person,
        delivery="counter",
        by_user=factories.user("service_desk"),
        today=dt.date(2025, 4, 25),
    )
    # 20 working days from Fri 25/4/2025: Sat 26/4 worked; 30/4, 1/5, 2/5 off
    assert dossier.due_on == dt.date(2025, 5, 27)
    assert dossier.receipt_code.startswith("HS250425")


def test_a_citizen_cannot_file_an_employer_only_procedure():
    with pytest.raises(DomainError) as refused:
        file_online(factories.person(), "C7")
    assert refused.value.errors[0].code == "filer"


def test_approving_a_voluntary_si_dossier_enrols_the_person_through_contributions():
    from ansinh.contributions.models import VoluntaryEnrolment
    from ansinh.policy.services import params_on

    params = params_on(timezone.localdate())
    person = factories.person()
    details = {
        "income": params.int("poverty_line.rural") * 2,
        "support_group": next(iter(params.raw("voluntary.support_pct"))),
        "schedule_months": params.raw("voluntary.schedules")[0],
        "start_period": timezone.localdate().strftime("%Y-%m"),
    }
    dossier = file_online(person, "E2", details=details)
    officer = factories.user("collection_officer")
    workflow.move(dossier, "in_progress", factories.user("service_desk"))
    workflow.move(dossier, "approved", officer)
    dossier.refresh_from_db()
    enrolment = VoluntaryEnrolment.objects.get(person=person)
    assert dossier.case_ref == f"contributions:{enrolment.pk}" and enrolment.income == details["income"]


def test_a_voluntary_dossier_with_an_income_below_the_floor_is_not_approved():
    person = factories.person()
    dossier = file_online(
        person,
        "E2",
        details={
            "income": 1,
            "support_group": "other",
            "schedule_months": 1,
            "start_period": timezone.localdate().strftime("%Y-%m"),
        },
    )
    officer = factories.user("collection_officer")
    workflow.move(dossier, "in_progress", officer)
    with pytest.raises(DomainError):
        workflow.move(dossier, "approved", officer)
    dossier.refresh_from_db()
    assert dossier.state == "in_progress" and dossier.finished_on is None


def test_taking_up_a_pension_dossier_opens_the_benefits_case_with_the_receipt_code():
    from ansinh.benefits.models import BenefitCase

    person = factories.person(birth_date=dt.date(1962, 1, 1), sex="male")
    dossier = file_online(person, "C16")
    workflow.move(dossier, "in_progress", factories.user("service_desk"))
    dossier.refresh_from_db()
    case = BenefitCase.objects.get(dossier_ref=dossier.receipt_code)
    assert case.person == person and case.kind == "pension" and dossier.case_ref == f"benefits:{case.pk}"
