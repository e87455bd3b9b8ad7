"""Registry use cases: validated creation, look-ups for other apps, and who may see whom."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ansinh.registry.models import Employer, EmploymentSpell, Person


def person_for_user(user) -> Person | None:
    """The registry person a citizen account belongs to (None for other accounts)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).select_related("commune__area").first()


def employer_for_user(user) -> Employer | None:
    """The unit an employer account acts for."""
    if not getattr(user, "is_authenticated", False) or user.role != "employer" or not user.org_code:
        return None
    return Employer.objects.filter(unit_code=user.org_code).first()


def find_person_by_cccd(cccd: str) -> Person | None:
    return Person.objects.filter(cccd=cccd).select_related("commune__area").first()


def search_people(text: str, limit: int = 50):
    text = (text or "").strip()
    if not text:
        return Person.objects.none()
    if text.isdigit():
        return Person.objects.filter(Q(cccd=text) | Q(si_number=text)).select_related("commune__area")[:limit]
    return Person.objects.filter(full_name__icontains=text).select_related("commune__area").order_by("full_name")[:limit]


def current_spell(person: Person) -> EmploymentSpell | None:
    return person.spells.filter(end__isnull=True).select_related("employer").order_by("-start").first()


@transaction.atomic
def register_person(**fields) -> Person:
    """Create a person after every rule has passed; a ValidationError names each bad field."""
    person = Person(**fields)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def register_employer(**fields) -> Employer:
    employer = Employer(**fields)
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def add_spell(**fields) -> EmploymentSpell:
    spell = EmploymentSpell(**fields)
    spell.full_clean()
    overlapping = EmploymentSpell.objects.filter(person=spell.person, end__isnull=True)
    if spell.end is None and overlapping.exists():
        raise ValidationError({"person": ["This person already has an open employment spell; close it first."]})
    spell.save()
    return spell
