"""Enrolling voluntary-SI participants and family-HI members (validated by the rules in force)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ansinh.contributions import rules
from ansinh.contributions.models import FamilyHIEnrolment, VoluntaryEnrolment
from ansinh.core.errors import DomainError
from ansinh.core.periods import period_or_error
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on


@transaction.atomic
def enrol_voluntary(
    person, income: int, support_group: str, schedule_months: int, start_period: str, by_user=None
) -> VoluntaryEnrolment:
    """Open a voluntary-SI enrolment (used by the voluntary-SI procedure's dossier). Raises DomainError."""
    start = period_or_error(start_period, "start_period")
    try:
        rules.check_voluntary(params_on(start.first_day), income, support_group, schedule_months)
    except rules.RuleError as exc:
        raise DomainError.one(exc.field, exc.message, exc.code) from None
    except MissingParameter as exc:
        raise DomainError.one("start_period", str(exc), "before_data") from None
    if VoluntaryEnrolment.objects.filter(person=person, end_period="").exists():
        raise DomainError.one(
            "person", _("This person already has an open voluntary-SI enrolment."), "already_enrolled"
        )
    if person.spells.filter(end__isnull=True).exists():
        raise DomainError.one(
            "person",
            _("This person is insured through an employer: voluntary SI is for people outside compulsory SI."),
            "compulsory",
        )
    return VoluntaryEnrolment.objects.create(
        person=person,
        income=income,
        support_group=support_group,
        schedule_months=schedule_months,
        start_period=str(start),
        enrolled_by=by_user if getattr(by_user, "pk", None) else None,
    )


@transaction.atomic
def enrol_family_hi(
    person, start_period: str, schedule_months: int = 12, support_group: str = "none"
) -> FamilyHIEnrolment:
    start = period_or_error(start_period, "start_period")
    if person.household_id is None:
        raise DomainError.one(
            "person", _("Family HI is bought by a household: this person belongs to none."), "no_household"
        )
    if FamilyHIEnrolment.objects.filter(person=person, end_period="").exists():
        raise DomainError.one("person", _("This person already has family HI."), "already_enrolled")
    return FamilyHIEnrolment.objects.create(
        household_id=person.household_id,
        person=person,
        start_period=str(start),
        schedule_months=schedule_months,
        support_group=support_group,
    )
