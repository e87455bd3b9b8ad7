"""Submitting a declaration: read, check, and only when every row is good apply it in one transaction —
new participants (with their TK1-TS data, SI numbers and households), changes to known people, the
employment spells, and the adjustments of months already billed — then record it with who sent it.

Writes are set-based (bulk create/update, a few chunked queries) and recorded in the audit log as one batch
event listing every person, household and spell touched. If another declaration takes the same new SI
number or household code at the same moment, the file is checked and applied again (at most three times).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.contributions import declaration_adjustments as adjustments
from ansinh.contributions.declaration_fields import Problems
from ansinh.contributions.declarations import FileError, read_tables, validate
from ansinh.contributions.models import Adjustment, Declaration
from ansinh.core import audit
from ansinh.core.text import normalise
from ansinh.registry.models import EmploymentSpell, Household, Person
from ansinh.registry.services import issue_household_codes, issue_si_numbers, tk1_changes

ATTEMPTS = 3
_NO_PAY = {
    "wage": None,
    "pay_coefficient": None,
    "position_coefficient": 0,
    "position_allowance": 0,
    "beyond_frame_pct": 0,
    "seniority_pct": 0,
    "allowances": 0,
    "supplements": 0,
}


def _identity_key(identity: dict) -> str:
    return (
        identity.get("si_number")
        or identity.get("cccd")
        or f"{normalise(identity.get('full_name', '')).casefold()}|{identity.get('birth_date')}"
    )


def _households_of(rows: list) -> list[tuple]:
    """(household plan, [(holder, relation)]) for every row that names a household: the worker and its members."""
    found = []
    for row in rows:
        plan = row.household_plan
        if plan is None:
            continue
        relations = {_identity_key(m.identity): m.relation for m in plan.members}
        head = row.household.get("head_name", "")
        own = relations.get(_identity_key(row.identity)) or (
            "Chủ hộ"
            if head and normalise(head).casefold() == normalise(row.identity.get("full_name") or "").casefold()
            else ""
        )
        holders = [(row, own)] + [
            (m, m.relation) for m in plan.members if _identity_key(m.identity) != _identity_key(row.identity)
        ]
        found.append((plan, holders))
    return found


def _create_households(rows: list) -> list[Household]:
    fresh = [plan for plan, _holders in _households_of(rows) if plan.existing is None]
    created = [
        Household(code=code, commune=plan.commune, address=plan.address or "")
        for plan, code in zip(fresh, issue_household_codes(len(fresh)), strict=False)
    ]
    Household.objects.bulk_create(created)
    for plan, household in zip(fresh, created, strict=False):
        plan.existing = household
    return created


def _create_people(employer, rows: list) -> list[Person]:
    """New participants and household members get a person record, in their household (the unit's commune when
    none is declared) and, when they have none, an SI number."""
    home = {
        id(holder): (plan.existing, relation) for plan, holders in _households_of(rows) for holder, relation in holders
    }
    wanted: dict[str, list] = {}
    for row in rows:
        holders = [row] if row.person is None and row.action in ("join", "transfer_in") else []
        for holder in holders + [m for m in row.members if m.person is None]:
            wanted.setdefault(_identity_key(holder.identity), []).append(holder)
    numbers = iter(issue_si_numbers(sum(1 for holders in wanted.values() if not holders[0].identity.get("si_number"))))
    people = []
    for holders in wanted.values():
        identity = holders[0].identity
        household, relation = next((home[id(h)] for h in holders if id(h) in home), (None, ""))
        person = Person(
            cccd=identity.get("cccd") or None,
            si_number=identity.get("si_number") or next(numbers),
            full_name=identity["full_name"],
            birth_date=identity["birth_date"],
            sex=identity["sex"],
            commune=household.commune if household else employer.commune,
            household=household,
            household_relation=relation,
        )
        tk1_changes(person, {k: v for h in holders for k, v in h.tk1.items()})
        people.append(person)
        for holder in holders:
            holder.person = person
    Person.objects.bulk_create(people, batch_size=1000)
    return people


def _set(person: Person, data: dict, changed: dict) -> None:
    for name, value in data.items():
        if getattr(person, name) != value:
            changed.setdefault(person, {})[name] = [getattr(person, name), value]
            setattr(person, name, value)


def _update_people(rows: list, created: list[Person]) -> dict:
    """TK1-TS data of known people, their household links and dates of death; {person: {field: [before, after]}}."""
    fresh = {p.pk for p in created}
    changed: dict = {}
    for holder in [*rows, *(m for r in rows for m in r.members)]:
        if holder.person is not None and holder.person.pk not in fresh:
            found = tk1_changes(holder.person, holder.tk1)
            if found:
                changed.setdefault(holder.person, {}).update(found)
    for plan, holders in _households_of(rows):
        for holder, relation in holders:
            if holder.person.pk not in fresh:
                _set(
                    holder.person,
                    {"household_id": plan.existing.pk, **({"household_relation": relation} if relation else {})},
                    changed,
                )
    for row in rows:
        if row.action == "leave" and row.death_date:
            _set(row.person, {"death_date": row.death_date}, changed)
    fields = sorted({name for diff in changed.values() for name in diff})
    if changed and fields:
        Person.objects.bulk_update(list(changed), fields, batch_size=1000)
    return changed


def _new_spell(employer, row, start: dt.date, end: dt.date | None = None, **extra) -> EmploymentSpell:
    pay = {**_NO_PAY, **(row.pay or {})}
    fields = {"job_title": row.job_title, "hazardous": bool(row.hazardous), **extra}
    return EmploymentSpell(
        person=row.person, employer=employer, start=start, end=end, insured_salary=row.salary, **pay, **fields
    )


def _carve(spells: list, first: dt.date, last: dt.date, code: str, out: dict) -> None:
    """Take the days first…last out of a worker's spells at the unit (splitting one that spans them)."""
    for spell in spells:
        end = spell.end or dt.date.max
        if end < first or spell.start > last:
            continue
        if spell.start < first and end > last:
            tail = EmploymentSpell(
                **{f.attname: getattr(spell, f.attname) for f in spell._meta.concrete_fields if not f.primary_key}
            )
            tail.start = last + dt.timedelta(days=1)
            out["opened"].append(tail)
            spell.end, spell.end_reason = first - dt.timedelta(days=1), code
            out["closed"].append(spell)
        elif spell.start < first:
            spell.end, spell.end_reason = first - dt.timedelta(days=1), code
            out["closed"].append(spell)
        elif end > last:
            spell.start = last + dt.timedelta(days=1)
            out["closed"].append(spell)
        else:
            out["removed"].append(spell)


def _move_spells(employer, rows: list) -> dict:
    people = sorted({row.person.pk for row in rows if row.person is not None})
    here: dict[int, list] = {}
    for i in range(0, len(people), 500):
        for spell in EmploymentSpell.objects.filter(employer=employer, person_id__in=people[i : i + 500]).order_by(
            "start", "id"
        ):
            here.setdefault(spell.person_id, []).append(spell)
    out = {"closed": [], "opened": [], "removed": []}
    for row in rows:
        current = next((s for s in here.get(row.person.pk, []) if s.end is None), None)
        if row.action in ("change", "title_change", "suspend", "leave", "transfer_out"):
            current.end, current.end_reason = row.day - dt.timedelta(days=1), row.code
            out["closed"].append(current)
        if row.action in ("join", "transfer_in", "return"):
            out["opened"].append(_new_spell(employer, row, row.day))
        elif row.action in ("change", "title_change"):
            hazardous = current.hazardous if row.hazardous is None else row.hazardous
            out["opened"].append(
                _new_spell(employer, row, row.day, job_title=row.job_title or current.job_title, hazardous=hazardous)
            )
        elif row.action in ("back_pay", "refund"):
            _carve(here.get(row.person.pk, []), row.day, row.until, row.code, out)
            if row.action == "back_pay":
                out["opened"].append(_new_spell(employer, row, row.day, row.until))
    EmploymentSpell.objects.filter(pk__in=[s.pk for s in out["removed"]]).delete()
    EmploymentSpell.objects.bulk_update(out["closed"], ["start", "end", "end_reason"], batch_size=1000)
    EmploymentSpell.objects.bulk_create(out["opened"], batch_size=1000)
    return out


def apply(employer, rows: list, declaration: Declaration, today: dt.date) -> dict:
    """Write a checked file. Runs inside the caller's transaction; returns the counts per plan code."""
    households = _create_households(rows)
    created = _create_people(employer, rows)
    updated = _update_people(rows, created)
    periods = adjustments.assessed_periods()
    touched = adjustments.touched(rows, periods)
    before = adjustments.snapshot(employer, touched)
    spells = _move_spells(employer, rows)
    made = adjustments.compute(
        declaration, employer, rows, before, adjustments.snapshot(employer, touched), touched, today
    )
    Adjustment.objects.bulk_create(made, batch_size=1000)
    counts = dict(Counter(row.code for row in rows))
    audit.record_batch(
        "contributions.declaration",
        declaration.pk,
        f"declaration {declaration.file_name} of {employer.unit_code}: {len(rows)} changes applied",
        {
            "changes": counts,
            "people_created": [p.pk for p in created],
            "people_updated": {
                str(p.pk): {k: [str(v) if isinstance(v, dt.date) else v for v in pair] for k, pair in diff.items()}
                for p, diff in updated.items()
            },
            "households_created": [h.pk for h in households],
            "spells_closed": [s.pk for s in spells["closed"]],
            "spells_opened": [s.pk for s in spells["opened"]],
            "spells_removed": [s.pk for s in spells["removed"]],
            "adjustments": [a.pk for a in made],
        },
    )
    return counts


def _checked(employer, file_name: str, content: bytes, today: dt.date):
    """(rows, problems, form). A file that cannot be read to the end is one problem, whatever row it stopped at."""
    form = ""
    try:
        tables = read_tables(file_name, content)
        form = next((t.form for t in tables if t.kind == "declaration"), "")
        rows, problems = validate(employer, tables, today)
    except FileError as exc:
        problems = Problems()
        problems.file(str(exc))
        return [], problems, form
    return rows, problems, form


def submit(
    employer, file_name: str, content: bytes, by_user=None, channel: str = "upload", today: dt.date | None = None
) -> Declaration:
    """Check the whole file; apply it only if every row is good. The declaration is recorded either way."""
    today = today or timezone.localdate()
    user = by_user if getattr(by_user, "pk", None) else None
    for attempt in range(ATTEMPTS):
        rows, problems, form = _checked(employer, file_name, content, today)
        try:
            with transaction.atomic():
                declaration = Declaration.objects.create(
                    employer=employer,
                    submitted_by=user,
                    channel=channel,
                    file_name=file_name[:200],
                    form=form,
                    rows=len(rows),
                    status=Declaration.Status.REJECTED,
                    errors=problems.as_list(),
                )
                if not problems:
                    declaration.status, declaration.errors = Declaration.Status.ACCEPTED, []
                    declaration.changes = apply(employer, rows, declaration, today)
                    declaration.save(update_fields=["status", "errors", "changes"])
                return declaration
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                busy = Problems()
                busy.file(_("The registry was busy with another declaration: send the file again."))
                return Declaration.objects.create(
                    employer=employer,
                    submitted_by=user,
                    channel=channel,
                    file_name=file_name[:200],
                    form=form,
                    rows=len(rows),
                    status=Declaration.Status.REJECTED,
                    errors=busy.as_list(),
                )
    raise AssertionError("unreachable")
