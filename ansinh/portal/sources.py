"""What the portal reads from the other apps, only through their public `services` modules. A function an
app does not offer reads as None, and the page says the information is not available rather than inventing it."""

from __future__ import annotations

import datetime as dt

from ansinh.benefits import services as benefits_services
from ansinh.contributions import services as contributions_services
from ansinh.health import services as health_services
from ansinh.procedures.services import dossiers_for

# Imported here so that a broken module fails loudly at start instead of reading as "not available".
SERVICES = {"benefits": benefits_services, "contributions": contributions_services, "health": health_services}


def _service(app: str, name: str):
    module = SERVICES.get(app)
    return None if module is None else getattr(module, name, None)


def offers(app: str, name: str) -> bool:
    """Whether the app publishes this service yet (so a page can tell "none" from "not available")."""
    return _service(app, name) is not None


def _call(app: str, name: str, *args, **kwargs):
    function = _service(app, name)
    return None if function is None else function(*args, **kwargs)


def si_history(person) -> list[dict] | None:
    return _call("contributions", "si_history", person)


def si_totals(person) -> dict | None:
    return _call("contributions", "si_totals", person)


def coverage(person, on: dt.date) -> dict | None:
    return _call("health", "coverage_for", person, on)


def eligibility_checks(person, limit: int = 50) -> list[dict] | None:
    return _call("health", "eligibility_checks_for", person, limit=limit)


def entitlements(person) -> list[dict] | None:
    return _call("benefits", "entitlements_for", person)


def payments(person) -> list[dict] | None:
    return _call("benefits", "payments_for", person)


def dossiers(person=None, employer=None) -> list[dict]:
    return dossiers_for(person=person, employer=employer)


def household_cards(person, on: dt.date) -> list[dict] | None:
    """The other members of the person's registry household (children, parents, spouse) with the HI card valid
    on `on` (None when not covered); None when health has no coverage service yet."""
    if not offers("health", "coverage_for"):
        return None
    if not person.household_id:
        return []
    members = (
        person.household.members.exclude(pk=person.pk).filter(death_date__isnull=True).order_by("birth_date", "id")
    )
    return [{"person": member, "coverage": coverage(member, on)} for member in members]


def participant_bills(person) -> list[dict] | None:
    return _call("contributions", "participant_bills", person)


def participant_payments(person) -> list[dict] | None:
    return _call("contributions", "participant_payments", person)
