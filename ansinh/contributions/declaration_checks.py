"""Row checks against the registry and the law in force: is this the worker we know, may the unit make this
change, and is the pay lawful on the date.

Mismatches are reported without disclosing what the registry holds: an employer learns that a name, date or
number does not match our records for the SI number or CCCD it sent, never the name, unit or dates we have.
The registry is loaded once for the whole file (a few chunked queries), never row by row.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ansinh.contributions import rules
from ansinh.contributions.declaration_dates import check_dates, timing
from ansinh.contributions.declaration_household import plan_household
from ansinh.contributions.plan_codes import NEEDS_PAY, plan_codes
from ansinh.core.ids import cccd_errors
from ansinh.core.text import normalise
from ansinh.geo.reference import PROVINCE_CODE
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on
from ansinh.registry.models import PAY_FIELDS, EmploymentSpell, Household, Person
from ansinh.registry.services import CommuneFinder

CHUNK = 500
SUSPENSIONS = {"KL", "OF", "TS"}


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def current_pay(spell) -> dict:
    """A spell's pay parts; a spell recorded before the parts were kept has its total as the wage."""
    if spell.pay_coefficient is None and spell.wage is None:
        return {"wage": spell.insured_salary}
    return spell.pay()


def same_pay(a: dict, b: dict) -> bool:
    return all((a.get(k) or 0) == (b.get(k) or 0) for k in PAY_FIELDS)


def _when(row) -> str:
    return "effective_date" if row.months.get("effective_date") else "from_month"


def _who(record) -> str:
    for key in ("si_number", "cccd", "full_name"):
        if key in record.table.columns and record.text(key):
            return key
    return "si_number" if "si_number" in record.table.columns else "cccd"


class RegistryView:
    """What the registry knows about the people a file names, loaded once."""

    def __init__(self, employer, rows: list, today: dt.date):
        self.employer, self.rows, self.today = employer, rows, today
        identities = [r.identity for r in rows] + [m.identity for r in rows for m in r.members]
        self.by_si = self._people("si_number", {i["si_number"] for i in identities if i.get("si_number")})
        self.by_cccd = self._people("cccd", {i["cccd"] for i in identities if i.get("cccd")})
        people = {p.pk for p in [*self.by_si.values(), *self.by_cccd.values()]}
        self.open_spells, self.spells_here = {}, {}
        for ids in _chunks(sorted(people)):
            for spell in EmploymentSpell.objects.filter(person_id__in=ids).filter(
                end__isnull=True
            ) | EmploymentSpell.objects.filter(person_id__in=ids, employer=employer):
                if spell.end is None:
                    self.open_spells.setdefault(spell.person_id, []).append(spell)
                if spell.employer_id == employer.pk:
                    self.spells_here.setdefault(spell.person_id, []).append(spell)
        codes = sorted({r.household["code"] for r in rows if r.household.get("code")})
        self.households = {h.code: h for ids in _chunks(codes) for h in Household.objects.filter(code__in=ids)}
        self._finder, self._params = None, {}

    @staticmethod
    def _people(field: str, numbers: set) -> dict:
        found = {}
        for chunk in _chunks(sorted(numbers)):
            for person in Person.objects.filter(**{f"{field}__in": chunk}):
                found[getattr(person, field)] = person
        return found

    @property
    def finder(self) -> CommuneFinder:
        if self._finder is None:
            self._finder = CommuneFinder()
        return self._finder

    def params(self, day: dt.date):
        if day not in self._params:
            self._params[day] = params_on(day)
        return self._params[day]

    def open_here(self, person):
        return (
            next((s for s in self.open_spells.get(person.pk, []) if s.employer_id == self.employer.pk), None)
            if person
            else None
        )

    def open_elsewhere(self, person):
        return (
            next((s for s in self.open_spells.get(person.pk, []) if s.employer_id != self.employer.pk), None)
            if person
            else None
        )

    def last_here(self, person):
        spells = self.spells_here.get(person.pk, []) if person else []
        return max(spells, key=lambda s: (s.start, s.pk), default=None)

    # --- who ---

    def mismatched(self, identity: dict) -> bool:
        """The row names someone we know but did not match them (already reported)."""
        return bool(self.by_si.get(identity.get("si_number")) or self.by_cccd.get(identity.get("cccd")))

    def resolve(self, record, identity: dict, problems):
        """The person the row names (None when new to the registry). Mismatches are problems, never disclosures."""
        si, cccd = identity.get("si_number"), identity.get("cccd")
        by_si, by_cccd = self.by_si.get(si), self.by_cccd.get(cccd)
        if by_si and by_cccd and by_si.pk != by_cccd.pk:
            problems.add(
                record,
                "si_number",
                _("The SI number and the CCCD belong to different people in our records: check both."),
            )
            return None
        person = by_si or by_cccd
        if person is None:
            return None
        before = len(problems.items)
        if si and by_si is None:
            problems.add(
                record, "si_number", _("This SI number is not the one in our records for this CCCD: check it.")
            )
        if cccd and person.cccd and person.cccd != cccd:
            problems.add(record, "cccd", _("This CCCD is not the one in our records for this SI number: check it."))
        self._same_person(record, identity, person, problems)
        return person if len(problems.items) == before else None

    def _same_person(self, record, identity: dict, person, problems) -> None:
        given = identity.get("full_name")
        if given and normalise(given).casefold() != normalise(person.full_name).casefold():
            problems.add(
                record,
                "full_name",
                _(
                    "The name does not match our records for this SI number or CCCD: check the spelling. "
                    "A change of name is declared on form TK1-TS with the supporting papers."
                ),
            )
        born = identity.get("birth_date")
        if born and (born.year != person.birth_date.year if identity.get("year_only") else born != person.birth_date):
            key = (
                "birth_date"
                if "birth_date" in record.table.columns
                else ("birth_date_male" if identity.get("sex") == "male" else "birth_date_female")
            )
            problems.add(
                record, key, _("The date of birth does not match our records for this SI number or CCCD: check it.")
            )
        if identity.get("sex") and identity["sex"] != person.sex:
            problems.add(record, "sex", _("The sex does not match our records for this SI number or CCCD: check it."))

    def new_person_problems(self, record, identity: dict, problems) -> None:
        missing = [k for k in ("full_name", "birth_date", "sex") if not identity.get(k)]
        for key in missing:
            problems.add(record, key, _("Write the participant's full name, date of birth and sex (the TK1-TS data)."))
        if identity.get("cccd") and not missing:
            for message in cccd_errors(
                identity["cccd"], identity["birth_date"] if not identity.get("year_only") else None, identity["sex"]
            ):
                problems.add(record, "cccd", message)

    # --- the whole file ---

    def check_all(self, problems) -> None:
        seen: dict[str, int] = {}
        for row in self.rows:
            if row.key in seen:
                problems.add(
                    row.record,
                    _who(row.record),
                    _("This worker is already on row %(row)s: declare one change per worker per file.")
                    % {"row": seen[row.key]},
                )
                continue
            seen[row.key] = row.record.number
            self.check(row, problems)

    def check(self, row, problems) -> None:
        record = row.record
        if not (row.identity.get("si_number") or row.identity.get("cccd")):
            if not (record.text("si_number") or record.text("cccd")):
                problems.add(record, _who(record), _("Write the worker's SI number (Mã số BHXH) or CCCD."))
            return
        row.person = self.resolve(record, row.identity, problems)
        if not row.code and record.table.form == "d02lt":
            row.code = "GH" if row.months.get("to_month") else ("DC" if self.open_here(row.person) else "TM")
        plan = plan_codes().get(row.code)
        if plan is None:
            if not (record.text("plan") or record.text("plan_label")):
                problems.add(
                    record,
                    "plan" if "plan" in record.table.columns else "note",
                    _("Write the plan code (PA), e.g. TM, DC or GH."),
                )
            return
        if plan.action == "unsupported":
            problems.add(
                record,
                "plan",
                _("Plan %(code)s (%(label)s) is not handled by e-declaration here: send it to the agency's office.")
                % {"code": plan.code, "label": plan.label},
            )
            return
        timing(row, problems)
        if row.day is None:
            return
        check_dates(row, self.employer, self.today, problems)
        getattr(self, f"_check_{plan.action}")(row, problems)
        self._check_pay(row, problems)
        row.household_plan = (
            plan_household(row, self.households, self.finder, problems) if (row.household or row.members) else None
        )
        for member in row.members:
            member.person = self.resolve(member.record, member.identity, problems)
            if member.person is None and not self.mismatched(member.identity):
                self.new_person_problems(member.record, member.identity, problems)

    # --- what, by action ---

    def _check_start(self, row, problems) -> None:
        record, person = row.record, row.person
        if person is None:
            if self.mismatched(row.identity):
                return  # known, but the row did not match: already reported
            self.new_person_problems(record, row.identity, problems)
            if row.identity.get("si_number", "").startswith(PROVINCE_CODE):
                problems.add(
                    record,
                    "si_number",
                    _("This SI number was not issued here: check it, or leave it empty for a new participant."),
                )
            if row.action == "transfer_in" and not row.identity.get("si_number"):
                problems.add(record, "si_number", _("A worker transferring in already has an SI number: write it."))
            return
        if self.open_elsewhere(person):
            problems.add(
                record,
                _who(record),
                _(
                    "This worker is still declared by another unit: that unit must first declare the "
                    "worker's leaving (or the worker asks the agency to close it)."
                ),
            )
        if self.open_here(person):
            problems.add(
                record,
                "plan" if "plan" in record.table.columns else _who(record),
                _("This worker is already insured by your unit: declare DC (salary change) instead."),
            )

    _check_join = _check_transfer_in = _check_start

    def _check_return(self, row, problems) -> None:
        last = self.last_here(row.person)
        if last is None:
            problems.add(
                row.record, _who(row.record), _("This worker has not been insured by your unit: declare TM instead.")
            )
            return
        self._check_start(row, problems)
        if last.end_reason and last.end_reason not in SUSPENSIONS:
            problems.add(
                row.record,
                "plan",
                _("The worker left your unit (%(code)s): declare TM for a new start.") % {"code": last.end_reason},
            )
        if row.pay is None:
            row.pay = current_pay(last)
        row.job_title = row.job_title or last.job_title

    def _check_open_spell(self, row, problems):
        here = self.open_here(row.person)
        if here is None:
            if row.person is not None or not self.mismatched(row.identity):
                problems.add(
                    row.record,
                    _who(row.record),
                    _("This worker is not insured by your unit at present, so there is nothing to change."),
                )
            return None
        if row.day <= here.start:
            problems.add(
                row.record,
                _when(row),
                _("The change on %(day)s is not after the current period's start on %(start)s.")
                % {"day": row.day.strftime("%d/%m/%Y"), "start": here.start.strftime("%d/%m/%Y")},
            )
        return here

    def _check_change(self, row, problems) -> None:
        here = self._check_open_spell(row, problems)
        if here is None or row.pay is None:
            if here is not None:
                problems.add(
                    row.record, "wage_or_coefficient", _("Write the new salary (or coefficient) and allowances.")
                )
            return
        if same_pay(row.pay, current_pay(here)):
            problems.add(row.record, "wage_or_coefficient", _("The pay is already as declared: nothing changes."))

    def _check_title_change(self, row, problems) -> None:
        here = self._check_open_spell(row, problems)
        if here is not None and not row.job_title:
            problems.add(row.record, "job_title", _("Write the new job title."))
        if here is not None and row.pay is None:
            row.pay = current_pay(here)

    def _check_suspend(self, row, problems) -> None:
        self._check_open_spell(row, problems)

    def _check_leave(self, row, problems) -> None:
        self._check_open_spell(row, problems)
        if row.death and not row.death_date:
            problems.add(
                row.record,
                "death_date" if "death_date" in row.record.table.columns else "death",
                _("Write the date of death."),
            )
        elif row.death_date and row.death_date > self.today:
            problems.add(row.record, "death_date", _("The date of death is in the future."))

    _check_transfer_out = _check_suspend

    def _check_past(self, row, problems) -> None:
        if row.person is None:
            if self.mismatched(row.identity):
                return
            problems.add(
                row.record,
                _who(row.record),
                _(
                    "Back-collection and refunds are for workers your unit has declared: "
                    "for a late hire declare TM with its first month."
                ),
            )
            return
        if row.action in ("refund",) and not any(
            s.start <= row.until and (s.end is None or s.end >= row.day)
            for s in self.spells_here.get(row.person.pk, [])
        ):
            problems.add(
                row.record,
                "from_month",
                _("This worker was not declared by your unit in these months: there is nothing to refund."),
            )

    _check_back_pay = _check_refund = _check_hi_back_pay = _check_hi_refund = _check_past

    # --- how much ---

    def _check_pay(self, row, problems) -> None:
        if row.pay is None:
            if row.action in NEEDS_PAY and not any(p["row"] == row.record.number for p in problems.items):
                problems.add(
                    row.record,
                    "wage_or_coefficient",
                    _("Write the salary (in đồng) or the pay-scale coefficient, and the allowances."),
                )
            return
        try:
            params = self.params(row.day)
            row.salary = rules.contribution_salary(params, **row.pay)
            if row.pay.get("pay_coefficient") is None and row.action not in ("refund", "hi_refund"):
                rules.check_compulsory_salary(params, row.salary, self.employer.wage_region)
        except rules.RuleError as exc:
            hint = (
                _(" If this is a pay-scale coefficient, write it with a decimal comma, e.g. 2,34.")
                if (row.pay.get("wage") or 0) < 100_000
                else ""
            )
            problems.add(row.record, "wage_or_coefficient", exc.message + hint)
        except MissingParameter:
            problems.add(
                row.record, _when(row), _("No law is recorded for %(day)s.") % {"day": row.day.strftime("%d/%m/%Y")}
            )
