"""One entry point for every statement format: the format is told by the file's content, not its name."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ansinh.banking import camt, swift_mt940, tabular, vn_statements, xmlfiles
from ansinh.banking.records import Statement
from ansinh.core.errors import DomainError

MAX_BYTES = 20 * 1024 * 1024
MAX_LINES = 100_000


def _is_xml(content: bytes) -> bool:
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:100]
    return (
        head.startswith(b"<?xml")
        or head.startswith(b"<Document")
        or head[:1] == b"<"
        and b"urn:iso:std:iso:20022" in content[:2000]
    )


def read(content: bytes, encoding: str = "") -> Statement:
    """camt.053 / camt.054 (XML), MT940, or a Vietnamese bank's Excel/CSV export."""
    if len(content) > MAX_BYTES:
        raise DomainError.one(
            "file",
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024},
            "too_large",
            location="file",
        )
    if not content.strip():
        raise DomainError.one("file", _("The file is empty."), "empty", location="file")
    if _is_xml(content):
        root = xmlfiles.parse(content)
        name = xmlfiles.message_name(root)
        if not name.startswith("camt.05"):
            raise DomainError.one(
                "file",
                _("This XML is not a camt.053 statement or camt.054 notification (%(name)s).")
                % {"name": name or _("no ISO 20022 namespace")},
                "unsupported",
                location="file",
            )
        statement = camt.read(root, name)
    elif not content.startswith((tabular.XLSX_MAGIC, tabular.XLS_MAGIC)) and swift_mt940.looks_like(
        text := tabular.decode(content, encoding)
    ):
        statement = swift_mt940.read(text)
    else:
        statement = vn_statements.read(content, encoding)
    if len(statement.lines) > MAX_LINES:
        raise DomainError.one(
            "file",
            _("The file has more than %(n)s lines; split it.") % {"n": f"{MAX_LINES:,}"},
            "too_many_rows",
            location="file",
        )
    return statement
