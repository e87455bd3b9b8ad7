"""Dossiers the national portal forwards to us: checked, their documents downloaded, filed once. The same
dossier forwarded again answers "duplicate" with our receipt code and changes nothing."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from ansinh.core.errors import DomainError
from ansinh.procedures import files, workflow
from ansinh.procedures.integrations import protocol as p
from ansinh.procedures.integrations.http import ServiceError, get_bytes
from ansinh.procedures.models import Dossier, FilingChannel, Procedure
from ansinh.registry.services import find_person_by_cccd

# Reply codes of our receiving endpoint (error_code): 0 received or already received.
BAD_MESSAGE, UNKNOWN_PROCEDURE, UNKNOWN_PERSON, BAD_DOCUMENT, REFUSED = "10", "11", "12", "13", "14"


def _duplicate(dossier: Dossier) -> dict:
    return p.reply(0, "duplicate: already received", {"SoBienNhan": dossier.receipt_code, "duplicate": True})


def receive(data: dict, http: requests.Session | None = None) -> dict:
    """File a forwarded dossier; the reply follows the adapter's {error_code, message, result}."""
    try:
        fields = p.parse_forwarded(data)
    except p.ProtocolError as exc:
        return p.reply(BAD_MESSAGE, str(exc))
    existing = Dossier.objects.filter(portal_code=fields["portal_code"]).first()
    if existing is not None:
        return _duplicate(existing)
    procedure = Procedure.objects.filter(national_code=fields["procedure_code"], active=True).first()
    if procedure is None:
        return p.reply(UNKNOWN_PROCEDURE, f"MaTTHC {fields['procedure_code']} is not in our catalogue")
    person = find_person_by_cccd(fields["cccd"])
    if person is None:
        return p.reply(UNKNOWN_PERSON, "SoDinhDanh: no insured person with this number; the applicant visits a desk")
    try:
        uploads = _download(fields["documents"], http or requests.Session())
    except ServiceError as exc:
        return p.reply(BAD_DOCUMENT, f"TaiLieuNop: {exc}")
    return _file(fields, procedure, person, uploads)


def _download(documents: list[dict], http) -> list[SimpleUploadedFile]:
    for d in documents:
        _check_document_host(d["url"])
    return [
        SimpleUploadedFile(
            d["name"], get_bytes(http, d["url"], settings.PORTAL_TIMEOUT_SECONDS, files.MAX_UPLOAD_BYTES)
        )
        for d in documents
    ]


def _check_document_host(url: str) -> None:
    """Documents are fetched only from the portal's own file hosts: a signed message must not make this
    server call an address inside our network."""
    allowed = set(settings.PORTAL_DOCUMENT_HOSTS) or {urlsplit(settings.PORTAL_ADAPTER_URL).hostname}
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or parts.hostname not in allowed - {None}:
        raise ServiceError("host", f"{parts.hostname or url!r} is not one of the portal's file hosts")


def _file(fields: dict, procedure, person, uploads) -> dict:
    try:
        with transaction.atomic():
            dossier = workflow.submit(
                procedure=procedure,
                channel=FilingChannel.PORTAL,
                person=person,
                delivery=fields["delivery"],
                postal_address=fields["postal_address"],
                contact_phone=fields["phone"],
                contact_email=fields["email"],
                note=fields["note"],
                uploads=uploads,
                labels=[d["label"] for d in fields["documents"]],
                today=fields["received_at"].date(),
                portal_code=fields["portal_code"],
            )
    except IntegrityError:  # the same dossier arrived twice at once: the other request filed it
        return _duplicate(Dossier.objects.get(portal_code=fields["portal_code"]))
    except DomainError as error:
        return p.reply(REFUSED, "; ".join(f"{e.field}: {e.message}" for e in error.errors))
    return p.reply(
        0,
        "received",
        {"SoBienNhan": dossier.receipt_code, "NgayHenTra": p.portal_date(dossier.due_on), "duplicate": False},
    )
