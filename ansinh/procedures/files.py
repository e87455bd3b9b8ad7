"""Uploaded documents: checked (type by signature, size), stored under settings.PRIVATE_FILES_ROOT, which
is outside the web root; they are only served by the permission-checked document view."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ansinh.core.errors import DomainError
from ansinh.env import env_int
from ansinh.procedures import rules

MAX_UPLOAD_BYTES = env_int("DOSSIER_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
MAX_FILES = env_int("DOSSIER_MAX_FILES", 10)


def storage_dir() -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "dossiers"


def checked_upload(upload, field: str = "files") -> tuple[bytes, str]:
    """The file's bytes and content type, or a DomainError naming the file and what is wrong."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise DomainError.one(
            field,
            _("%(name)s is %(size)s MB; the limit is %(limit)s MB per file.")
            % {
                "name": upload.name,
                "size": round(upload.size / 1048576, 1),
                "limit": round(MAX_UPLOAD_BYTES / 1048576, 1),
            },
            "too_large",
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise DomainError.one(field, _("%(name)s is larger than the limit.") % {"name": upload.name}, "too_large")
    content_type = rules.sniff_content_type(upload.name, data[:16])
    if content_type is None:
        raise DomainError.one(field, _("%(name)s is not a PDF, JPEG or PNG file.") % {"name": upload.name}, "file_type")
    return data, content_type


def check_all(uploads, field: str = "files") -> list[tuple[str, bytes, str]]:
    """Check every upload before anything is stored: (original name, bytes, content type)."""
    if len(uploads) > MAX_FILES:
        raise DomainError.one(field, _("Attach at most %(n)s files.") % {"n": MAX_FILES}, "too_many")
    checked = []
    for upload in uploads:
        data, content_type = checked_upload(upload, field)
        checked.append((Path(upload.name).name[:200], data, content_type))
    return checked


def store(dossier, label: str, original_name: str, data: bytes, content_type: str, by_user=None):
    from ansinh.procedures.models import DossierDocument

    stored_name = f"{uuid.uuid4().hex}{rules.extension_for(content_type)}"
    folder = storage_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored_name).write_bytes(data)
    return DossierDocument.objects.create(
        dossier=dossier,
        label=label[:300],
        stored_name=stored_name,
        original_name=original_name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=by_user if getattr(by_user, "pk", None) else None,
    )


def path_of(document) -> Path:
    return storage_dir() / document.stored_name


def attachment(path: Path, document):
    """The stored file as a download, never shown inline: an uploaded HTML or SVG cannot run in our origin."""
    from django.http import FileResponse

    response = FileResponse(
        path.open("rb"), as_attachment=True, content_type=document.content_type, filename=document.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
