"""Small builders for the services tests."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from ansinh.procedures import workflow
from ansinh.procedures.models import Procedure

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "don.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def file_online(person, code: str = "D1", delivery: str = "online", today: dt.date | None = None, **extra):
    return workflow.submit(
        procedure=Procedure.objects.get(code=code),
        channel="online",
        person=person,
        delivery=delivery,
        uploads=[pdf()],
        today=today,
        **extra,
    )
