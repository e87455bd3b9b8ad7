"""Who paid: the payer code a bank transaction names, or why it names none (then it waits in suspense).

The structured creditor reference is read first (an RF reference we printed on the bill, or a code the
payer's bank put in Strd/CdtrRefInf/Ref); then the payer's own reference and the free text, with the
tolerant extraction of `banking.references`. A candidate counts only if it is a payer: an employer unit,
or a participant or household that is enrolled or billed, so a phone number in the text cannot pay a
stranger's bill. All lines of a file are resolved with one look-up per payer table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ansinh.banking.records import Line
from ansinh.banking.references import candidates
from ansinh.contributions.models import FamilyHIEnrolment, Receivable, SuspenseReason, VoluntaryEnrolment
from ansinh.core.text import hidden_characters
from ansinh.registry.models import Employer, Household, Person

CHUNK = 5_000
CODE = re.compile(r"^[A-Z0-9]{4,20}$")


@dataclass(frozen=True)
class Match:
    payer_code: str = ""
    reason: str = ""  # a SuspenseReason when payer_code is empty
    detail: str = ""


def _chunks(values: list[str]):
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def payer_codes(words: set[str]) -> set[str]:
    """Which of these words are the code of an actual payer."""
    found: set[str] = set()
    for part in _chunks(sorted(words)):
        found |= set(Employer.objects.filter(unit_code__in=part).values_list("unit_code", flat=True))
        found |= set(Receivable.objects.filter(payer_code__in=part).values_list("payer_code", flat=True).distinct())
        found |= set(
            VoluntaryEnrolment.objects.filter(person__si_number__in=part).values_list("person__si_number", flat=True)
        )
        found |= set(
            FamilyHIEnrolment.objects.filter(household__code__in=part).values_list("household__code", flat=True)
        )
    return found


def known_payer_codes(words: set[str]) -> set[str]:
    """Codes an officer may name: any unit code, SI number or household code in the registry."""
    found = set(Employer.objects.filter(unit_code__in=words).values_list("unit_code", flat=True))
    found |= set(Person.objects.filter(si_number__in=words).values_list("si_number", flat=True))
    found |= set(Household.objects.filter(code__in=words).values_list("code", flat=True))
    return found


def _free_text(line: Line) -> str:
    return " ".join(filter(None, [line.end_to_end_id, line.text, line.structured_reference]))


def _decide(line: Line, structured: set[str], loose: set[str], payers: set[str]) -> Match:
    in_structure = structured & payers
    if len(in_structure) == 1:
        return Match(in_structure.pop())
    named = loose & payers
    if len(named) == 1:
        return Match(named.pop())
    if named:
        return Match(reason=SuspenseReason.SEVERAL_PAYERS, detail=", ".join(sorted(named))[:200])
    hidden = hidden_characters(_free_text(line))
    if hidden:
        return Match(reason=SuspenseReason.HIDDEN_CHARACTERS, detail=", ".join(hidden)[:200])
    return Match(reason=SuspenseReason.NO_CODE)


def match_lines(lines: list[Line]) -> list[Match]:
    """The payer of each line, resolved together."""
    structured = [candidates(line.structured_reference) for line in lines]
    loose = [candidates(_free_text(line)) for line in lines]
    payers = payer_codes(set().union(*structured, *loose)) if lines else set()
    return [_decide(line, s, w, payers) for line, s, w in zip(lines, structured, loose, strict=False)]


def check_given_code(code: str) -> Match:
    """A payer code a bank or agent states outright: used only if it is exactly a known code."""
    hidden = hidden_characters(code)
    if hidden:
        return Match(reason=SuspenseReason.HIDDEN_CHARACTERS, detail=f"{code!a}: {', '.join(hidden)}"[:200])
    cleaned = code.strip().upper()
    if not CODE.match(cleaned):
        return Match(reason=SuspenseReason.MALFORMED_CODE, detail=f"{code!a}"[:200])
    if cleaned not in known_payer_codes({cleaned}):
        return Match(reason=SuspenseReason.UNKNOWN_CODE, detail=cleaned)
    return Match(cleaned)
