"""Opening the case a dossier leads to in another app, through that app's `services` module."""

from __future__ import annotations

from ansinh.benefits import services as benefits
from ansinh.contributions import services as contributions
from ansinh.procedures.models import Procedure

BENEFIT_CASES = {
    Procedure.Case.PENSION,
    Procedure.Case.ONE_OFF,
    Procedure.Case.SICKNESS,
    Procedure.Case.MATERNITY,
    Procedure.Case.SURVIVOR,
}


def open_benefit_case(dossier, by_user) -> str:
    """Open the benefits case when the dossier is taken up; '' when the dossier names no person."""
    if dossier.person is None:
        return ""
    case = benefits.open_case(dossier.person, dossier.procedure.opens_case, by_user, dossier_ref=dossier.receipt_code)
    return f"benefits:{getattr(case, 'pk', case)}"


def enrol_voluntary(dossier, by_user) -> str:
    """The voluntary-SI registration is the result of the dossier: enrol on approval (raises DomainError)."""
    d = dossier.details
    enrolment = contributions.enrol_voluntary(
        dossier.person, int(d["income"]), d["support_group"], int(d["schedule_months"]), d["start_period"], by_user
    )
    return f"contributions:{enrolment.pk}"
