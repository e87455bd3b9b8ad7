"""Payer references: the ISO 11649 creditor reference (RF…) we print on bills, and tolerant extraction of
the codes people type in a transfer's free text.

People run codes into the next word (`TA00007NOP`), banks prefix their own field tags (`?20TA00010`), and
nobody spells the same way twice, so the free text yields candidates: every run of letters and digits and
its pieces split where letters meet digits. Only candidates that are known payer codes count, which the
caller checks against the registry.
"""

from __future__ import annotations

import re

from ansinh.banking.text import ascii_fold

MAX_TEXT = 500  # enough for every remittance field a bank carries (Ustrd is 140, :86: 390)
MAX_PIECES = 4  # a code is at most letters-digits-letters-digits, e.g. TA00007A
_RUN = re.compile(r"[A-Z0-9]+")
_PIECE = re.compile(r"[A-Z]+|[0-9]+")
_RF = re.compile(r"RF(\d{2})([A-Z0-9]{1,21})")
_PERIOD = re.compile(r"(20\d{2})(0[1-9]|1[0-2])$")


def _mod97(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text)) % 97


def creditor_reference(body: str) -> str:
    """ISO 11649 reference for `body` (letters and digits, at most 21): RF, two check digits, body."""
    body = body.upper()
    return f"RF{98 - _mod97(body + 'RF00'):02d}{body}"


def is_creditor_reference(text: str) -> bool:
    match = _RF.fullmatch(text.upper().replace(" ", ""))
    return bool(match) and _mod97(match.group(2) + "RF" + match.group(1)) == 1


def bill_reference(payer_code: str, period: str) -> str:
    """The reference printed on a bill: the payer code and the bill's month (YYYY-MM)."""
    return creditor_reference(f"{payer_code}{period.replace('-', '')}")


def _reference_bodies(text: str) -> set[str]:
    """Payer codes a valid RF reference can stand for: its body, and the body less a trailing month."""
    found = set()
    for match in _RF.finditer(text):
        if _mod97(match.group(2) + "RF" + match.group(1)) != 1:
            continue
        body = match.group(2)
        found.add(body)
        if _PERIOD.search(body):
            found.add(body[:-6])
    return found


def candidates(text: str) -> set[str]:
    """Every word or piece of a word in `text` that could be a payer code (4 to 20 characters)."""
    upper = ascii_fold((text or "")[:MAX_TEXT]).upper()
    found = _reference_bodies(upper.replace(" ", ""))
    for run in _RUN.findall(upper):
        pieces = _PIECE.findall(run)
        for start in range(len(pieces)):
            for end in range(start + 1, min(len(pieces), start + MAX_PIECES) + 1):
                word = "".join(pieces[start:end])
                if 4 <= len(word) <= 20:
                    found.add(word)
    return found
