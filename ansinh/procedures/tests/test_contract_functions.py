"""The functions other apps call: dossiers_for, dossier_status (the public look-up) and dossier_kpis."""

import datetime as dt

import pytest

from ansinh.procedures import workflow
from ansinh.procedures.models import Dossier, Procedure
from ansinh.procedures.services import dossier_kpis, dossier_status, dossiers_for
from ansinh.procedures.tests.helpers import file_online, pdf
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_a_person_s_dossiers_list_newest_first_with_their_overdue_flag():
    person = factories.person()
    old = file_online(person, today=dt.date(2025, 3, 3))
    new = file_online(person, today=dt.date(2025, 6, 2))
    rows = dossiers_for(person=person)
    assert [r["receipt_code"] for r in rows] == [new.receipt_code, old.receipt_code]
    assert rows[0]["overdue"] is True and rows[0]["due_on"] == dt.date(2025, 6, 9)
    assert dossiers_for(person=factories.person()) == []


def test_the_public_lookup_needs_the_matching_cccd():
    person = factories.person()
    dossier = file_online(person)
    assert dossier_status(dossier.receipt_code, person.cccd)["state"] == "received"
    assert dossier_status(dossier.receipt_code.lower(), person.cccd) is not None
    assert dossier_status(dossier.receipt_code, factories.person().cccd) is None
    assert dossier_status(dossier.receipt_code, "") is None


def test_the_lookup_shows_the_request_for_information_to_the_applicant():
    person = factories.person()
    dossier = file_online(person, "D1")
    desk = factories.user("service_desk")
    workflow.move(dossier, "in_progress", desk)
    workflow.move(dossier, "info_requested", desk, "Thiếu ảnh CCCD mặt sau")
    assert dossier_status(dossier.receipt_code, person.cccd)["note"] == "Thiếu ảnh CCCD mặt sau"


def _decided(person, received, finished, channel="online", delivery="online"):
    dossier = workflow.submit(
        procedure=Procedure.objects.get(code="D1"),
        channel=channel,
        person=person,
        delivery=delivery,
        postal_address="Hà Tĩnh",
        uploads=[pdf()] if channel == "online" else [],
        today=received,
    )
    Dossier.objects.filter(pk=dossier.pk).update(state="approved", finished_on=finished)
    return dossier


def test_kpis_count_electronic_receipt_postal_return_and_on_time_decisions_per_commune():
    here, there = factories.person(commune_code="43601"), factories.person()
    _decided(here, dt.date(2025, 5, 5), dt.date(2025, 5, 8), delivery="post")  # on time, by post
    _decided(here, dt.date(2025, 5, 5), dt.date(2025, 5, 20), channel="counter")  # late (due 12/5)
    file_online(here, today=dt.date(2025, 5, 20))  # open, due 27/5: late at 31/5
    _decided(there, dt.date(2025, 4, 1), dt.date(2025, 4, 3))  # another month
    rows = {r["commune_code"]: r for r in dossier_kpis("2025-05")}
    row = rows["43601"]
    assert (row["received"], row["electronic"], row["finished"], row["by_post"], row["on_time"]) == (3, 2, 2, 1, 1)
    assert row["overdue"] == 2  # one decided late, one still open past its due date at the end of May
    assert row["area_code"] == here.commune.area.code
