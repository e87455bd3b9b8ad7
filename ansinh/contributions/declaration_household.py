"""The TK1-TS data and the household appendix that come with a declaration: joined to the worker rows, then
checked so that a new participant gets a household in the right commune with every member listed.

A TK1-TS sheet is joined by SI number or CCCD; an appendix member by the worker's STT on the declaration
sheet (or the household code). A household in another province is not ours to create: its code and the
worker's address are kept on the worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ansinh.contributions import declaration_fields as fields
from ansinh.contributions.declaration_layouts import Record, Table
from ansinh.core.text import clean_text
from ansinh.geo.reference import PROVINCE_CODE


@dataclass
class Member:
    record: Record
    identity: dict
    relation: str
    tk1: dict
    person: object = None


@dataclass
class HouseholdPlan:
    """What applying does: link to an existing household, create one in a commune, or nothing (elsewhere)."""

    existing: object = None
    commune: object = None
    code: str = ""
    address: str = ""
    members: list = field(default_factory=list)


def attach_tk1(rows: list, tables: list[Table], problems: fields.Problems) -> None:
    by_number = {}
    for row in rows:
        for key in ("si_number", "cccd"):
            if row.identity.get(key):
                by_number[row.identity[key]] = row
    for table in tables:
        for record in table.records():
            identity = fields.identity(record, problems)
            row = by_number.get(identity["si_number"]) or by_number.get(identity["cccd"])
            if row is None:
                problems.add(
                    record,
                    "si_number" if "si_number" in table.columns else "cccd",
                    _("This participant is not on the declaration sheet: add the worker's row there."),
                )
                continue
            for key, value in identity.items():
                if value and not row.identity.get(key):
                    row.identity[key] = value
            row.tk1 = {**fields.tk1(record, problems), **row.tk1}
            row.household = {**fields.household(record, problems), **row.household}


def attach_members(rows: list, tables: list[Table], problems: fields.Problems) -> None:
    by_stt = {row.record.text("stt"): row for row in rows if row.record.text("stt")}
    by_household = {row.household["code"]: row for row in rows if row.household.get("code")}
    for table in tables:
        for record in table.records():
            link = record.text("member_of") or record.text("stt")
            row = by_stt.get(link) or by_household.get(record.text("household_code").replace(" ", ""))
            if row is None:
                key = "member_of" if "member_of" in table.columns else "stt"
                problems.add(
                    record,
                    key,
                    _("Say whose household this member is in: write the worker's STT from the declaration sheet."),
                )
                continue
            relation = ""
            try:
                relation = clean_text(record.text("relation"), 30)
            except ValueError as exc:
                problems.add(record, "relation", str(exc))
            row.members.append(
                Member(record, fields.identity(record, problems), relation, fields.tk1(record, problems))
            )


def plan_household(row, households: dict, finder, problems: fields.Problems) -> HouseholdPlan | None:
    """The household the worker (and the listed members) will belong to, or None when the file gives none
    or it is outside the province."""
    data, record = row.household, row.record
    if not data and not row.members:
        return None
    code = data.get("code", "")
    if code in households:
        return HouseholdPlan(existing=households[code], code=code, members=row.members)
    if code and code.startswith(PROVINCE_CODE) and len(code) == 10:
        problems.add(
            record,
            "household_code",
            _("This household code is not in the registry: check it, or leave it empty for a new household."),
        )
        return None
    if code or not finder.in_province(data.get("province", "")):
        return None  # a household of another province: kept as text on the worker
    commune_text = data.get("commune", "")
    if not commune_text:
        problems.add(
            record, "household_commune", _("Write the commune (name or code) of the household's permanent address.")
        )
        return None
    commune, problem = finder.find(commune_text)
    if commune is None:
        message = (
            _("Two communes of the province have this name: write the commune code.")
            if problem == "ambiguous"
            else _(
                "%(value)r is not a commune of the province: write its name as on the residence record, or its code."
            )
            % {"value": commune_text}
        )
        problems.add(record, "household_commune", message)
        return None
    return HouseholdPlan(commune=commune, address=data.get("address", ""), members=row.members)
