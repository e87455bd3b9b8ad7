"""Names and free text as people type them and as files carry them. Pure functions, no Django models.

The same name typed on a phone (NFC) and exported by an HR package (often NFD) must compare equal, and
text that reaches a spreadsheet must not run as a formula. Invisible characters (zero-width, bidi
overrides, controls) are refused rather than stripped: they hide what a name really says.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

NAME_MAX_LENGTH = 100
_SPACES = re.compile(r"\s+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ALLOWED_WHITESPACE = {" ", "\t", "\n", "\r"}


def normalise(text: str) -> str:
    """NFC composition and single spaces, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def hidden_characters(text: str) -> list[str]:
    """Control, format (zero-width, bidi) and unassigned characters, as U+XXXX, in order of appearance."""
    found = []
    for char in text:
        if char in _ALLOWED_WHITESPACE:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            found.append(f"U+{ord(char):04X}")
    return found


def name_errors(text: str, max_length: int = NAME_MAX_LENGTH) -> list[str]:
    """Every reason this is not an acceptable person or unit name; empty when it is."""
    errors = []
    hidden = hidden_characters(text or "")
    if hidden:
        errors.append(
            _("The name contains invisible or control characters (%(chars)s).") % {"chars": ", ".join(hidden)}
        )
    name = normalise(text)
    if not name:
        errors.append(_("The name is empty."))
    elif name.startswith(_FORMULA_START):
        errors.append(_("A name cannot start with %(char)s.") % {"char": name[0]})
    if len(name) > max_length:
        errors.append(_("The name is longer than %(max)d characters.") % {"max": max_length})
    return errors


def clean_name(text: str) -> str:
    """The name in NFC with single spaces; ValueError naming every problem when it is not acceptable."""
    errors = name_errors(text)
    if errors:
        raise ValueError(" ".join(errors))
    return normalise(text)


def clean_text(text: str, max_length: int) -> str:
    """Free text (addresses, notes): NFC, no hidden characters, bounded; newlines kept."""
    hidden = hidden_characters(text or "")
    if hidden:
        raise ValueError(
            _("The text contains invisible or control characters (%(chars)s).") % {"chars": ", ".join(hidden)}
        )
    value = unicodedata.normalize("NFC", text or "").strip()
    if len(value) > max_length:
        raise ValueError(_("The text is longer than %(max)d characters.") % {"max": max_length})
    return value


def spreadsheet_safe(value):
    """A cell value that Excel or LibreOffice shows as text, never runs as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class SpreadsheetSafeWriter:
    """csv.writer for every CSV we hand out: each text cell goes through spreadsheet_safe."""

    def __init__(self, out, **options):
        import csv

        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_safe(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def render(template: str, values: dict) -> str:
    """A kept message (a gettext id and its values) in the active language."""
    try:
        return _(template) % values
    except (KeyError, TypeError, ValueError):
        return _(template)  # a translation that lost a placeholder still reads as text
