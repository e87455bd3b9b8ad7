"""Uploads: only real PDF, JPEG or PNG files, within the size limit, stored outside the web root."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from ansinh.core.errors import DomainError
from ansinh.procedures import files
from ansinh.procedures.models import Dossier
from ansinh.procedures.tests.helpers import PNG, pdf

pytestmark = pytest.mark.django_db


def test_it_rejects_a_file_over_the_size_limit_and_saves_nothing(citizen_with_person, monkeypatch):
    _, person = citizen_with_person
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(DomainError) as error:
        _file(person, [pdf(data=b"%PDF-" + b"x" * 2000)])
    assert error.value.errors[0].code == "too_large"
    assert Dossier.objects.count() == 0


def _file(person, uploads):
    from ansinh.procedures import workflow
    from ansinh.procedures.models import Procedure

    return workflow.submit(
        procedure=Procedure.objects.get(code="D1"), channel="online", person=person, delivery="online", uploads=uploads
    )


def test_it_rejects_an_executable_renamed_to_pdf(citizen_with_person):
    _, person = citizen_with_person
    with pytest.raises(DomainError) as error:
        _file(person, [SimpleUploadedFile("don.pdf", b"MZ\x90\x00" + b"\x00" * 100)])
    assert error.value.errors[0].code == "file_type" and "don.pdf" in error.value.errors[0].message


def test_it_rejects_a_word_document_even_with_a_pdf_signature(citizen_with_person):
    _, person = citizen_with_person
    with pytest.raises(DomainError):
        _file(person, [SimpleUploadedFile("don.docx", b"%PDF-1.4")])


def test_an_online_dossier_needs_at_least_one_document(citizen_with_person):
    _, person = citizen_with_person
    with pytest.raises(DomainError) as error:
        _file(person, [])
    assert error.value.errors[-1].field == "files"


def test_accepted_files_are_stored_under_the_private_root_outside_static_files(citizen_with_person):
    _, person = citizen_with_person
    dossier = _file(person, [pdf(), SimpleUploadedFile("anh.png", PNG)])
    stored = [files.path_of(d) for d in dossier.files.all()]
    assert [d.content_type for d in dossier.files.all()] == ["application/pdf", "image/png"]
    for path in stored:
        assert path.exists() and path.is_relative_to(settings.PRIVATE_FILES_ROOT)
        assert not path.is_relative_to(settings.STATIC_ROOT)
