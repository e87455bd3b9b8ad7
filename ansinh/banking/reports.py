"""One entry point for payment status reports: a pain.002 (XML) or a result sheet (CSV/Excel)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ansinh.banking import pain002, result_sheets, xmlfiles
from ansinh.banking.records import StatusReport
from ansinh.core.errors import DomainError

MAX_BYTES = 20 * 1024 * 1024


def read(content: bytes) -> StatusReport:
    if len(content) > MAX_BYTES:
        raise DomainError.one(
            "file",
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024},
            "too_large",
            location="file",
        )
    if content.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"<":
        root = xmlfiles.parse(content)
        return pain002.read(root, xmlfiles.message_name(root))
    return result_sheets.read(content)
