"""Every environment variable the code reads is listed in .env.example, so an operator sees them all in one place."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
READ = re.compile(r"\benv(?:_bool|_int|_list)?\(\s*\"([A-Z][A-Z0-9_]+)\"")
LISTED = re.compile(r"^([A-Z][A-Z0-9_]+)=", re.MULTILINE)


def _read_by_the_code() -> set[str]:
    names = set()
    for source in (ROOT / "ansinh").rglob("*.py"):
        if "tests" not in source.parts:
            names |= set(READ.findall(source.read_text(encoding="utf-8")))
    return names


def test_every_variable_the_code_reads_is_in_the_example_file():
    listed = set(LISTED.findall((ROOT / ".env.example").read_text(encoding="utf-8")))
    missing = _read_by_the_code() - listed
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_the_example_file_lists_no_variable_the_code_does_not_read():
    listed = set(LISTED.findall((ROOT / ".env.example").read_text(encoding="utf-8")))
    assert listed - _read_by_the_code() == set()
