"""Submitting a declaration: parse, validate, apply to the employment spells in one transaction, record."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from ansinh.contributions.declarations import CLOSES_SPELL, FileError, read_rows, validate
from ansinh.contributions.models import Declaration
from ansinh.core import audit
from ansinh.registry.models import EmploymentSpell, Person


def _new_si_numbers(count: int) -> list[str]:
    """Fresh 10-digit SI numbers after the highest one issued by this province (prefix 42)."""
    last = Person.objects.filter(si_number__startswith="42").aggregate(m=Max("si_number"))["m"] or "4200000000"
    start = int(last) + 1
    return [f"{start + i:010d}" for i in range(count)]


def _create_people(employer, plans: list[dict]) -> None:
    new = [p for p in plans if p["person"] is None]
    for plan, si_number in zip(new, _new_si_numbers(len(new))):
        fields = plan["fields"]
        plan["person"] = Person.objects.create(
            cccd=fields["cccd"], si_number=si_number, full_name=" ".join(fields["full_name"].split()),
            birth_date=dt.date.fromisoformat(fields["birth_date"]), sex=fields["sex"], commune=employer.commune)


def apply(employer, plans: list[dict]) -> dict:
    """Close and open spells as the rows say. Runs inside the caller's transaction."""
    _create_people(employer, plans)
    open_here = {s.person_id: s for s in EmploymentSpell.objects.filter(
        employer=employer, end__isnull=True, person__in=[p["person"] for p in plans])}
    closed, opened, counts = [], [], {}
    for plan in plans:
        person, day, kind = plan["person"], plan["day"], plan["kind"]
        counts[kind] = counts.get(kind, 0) + 1
        spell = open_here.get(person.pk)
        if kind in CLOSES_SPELL:
            spell.end = day - dt.timedelta(days=1)
            closed.append(spell)
        if kind in ("hire", "return", "salary_change"):
            title = plan["fields"].get("job_title") or (spell.job_title if spell else "")
            opened.append(EmploymentSpell(person=person, employer=employer, start=day, insured_salary=plan["salary"], job_title=title))
    EmploymentSpell.objects.bulk_update(closed, ["end"])
    EmploymentSpell.objects.bulk_create(opened)
    return counts


def submit(employer, file_name: str, content: bytes, by_user=None, channel: str = "upload", today: dt.date | None = None) -> Declaration:
    """Validate the whole file; apply it only if every row is good. The declaration is recorded either way."""
    try:
        rows = read_rows(file_name, content)
        plans, errors = validate(employer, rows, today)
    except FileError as exc:
        rows, plans, errors = [], [], [{"row": 1, "field": "file", "message": str(exc)}]
    user = by_user if getattr(by_user, "pk", None) else None
    with transaction.atomic():
        declaration = Declaration(employer=employer, submitted_by=user, channel=channel, file_name=file_name[:200], rows=len(rows))
        if errors:
            declaration.status, declaration.errors = Declaration.Status.REJECTED, errors
        else:
            declaration.status, declaration.changes = Declaration.Status.ACCEPTED, apply(employer, plans)
        declaration.save()
        if not errors:
            audit.record_batch("contributions.declaration", declaration.pk,
                               f"declaration {file_name} of {employer.unit_code}: {len(plans)} changes applied", declaration.changes)
    return declaration
