"""What the system sends a citizen lands in their inbox, read in the language they chose; the menu counts the
unread ones; opening a message marks it read; nobody reads or marks another person's messages."""

import pytest
from django.test import Client
from django.utils import translation

from ansinh.core.models import Notification
from ansinh.core.notify import ConsoleSMS, Message, notify
from ansinh.procedures import workflow
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def citizen(citizen_with_person):
    user, person = citizen_with_person
    person.phone = "0912000444"
    person.save()
    return user, person


def _client(user, language="vi"):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_each_dossier_step_reaches_the_inbox_and_the_sms_goes_out_in_vietnamese(citizen):
    user, person = citizen
    dossier = file_online(person)
    workflow.move(dossier, "in_progress", factories.user("service_desk"))
    kept = list(Notification.objects.filter(user=user).order_by("id"))
    assert [n.text for n in kept] == [
        "Dossier %(code)s (%(procedure)s) was received. Result due by %(due)s.",
        "Dossier %(code)s is being processed.",
    ]
    assert kept[0].values["code"] == dossier.receipt_code and kept[0].link.endswith(f"/{dossier.receipt_code}/")
    assert [t for p, t in ConsoleSMS.sent if p == "0912000444"][
        -1
    ] == f"Hồ sơ {dossier.receipt_code} đang được giải quyết."


def test_the_inbox_reads_in_the_language_the_citizen_chose(citizen):
    user, person = citizen
    dossier = file_online(person)
    english = _client(user, "en").get("/portal/inbox/").content.decode()
    vietnamese = _client(user, "vi").get("/portal/inbox/").content.decode()
    assert f"Dossier {dossier.receipt_code} (" in english and "was received" in english
    assert f"Hồ sơ {dossier.receipt_code} (" in vietnamese and "was received" not in vietnamese


def test_the_menu_counts_unread_messages_and_opening_one_marks_it_read_and_follows_its_link(citizen):
    user, _person = citizen
    for n in range(2):
        notify(message=Message("payment", "Payment received", "Payment received", link=f"/portal/?n={n}"), user=user)
    client = _client(user)
    menu = client.get("/portal/").context["nav_items"]
    assert next(i for i in menu if i["key"] == "portal:inbox")["badge"] == 2
    first = Notification.objects.filter(user=user).order_by("id").first()
    response = client.get(f"/portal/inbox/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == "/portal/?n=0"
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 1
    client.post("/portal/inbox/read/")
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def test_a_citizen_cannot_open_or_mark_another_citizens_message(citizen):
    user, _person = citizen
    notify(message=Message("payment", "Payment received", "Payment received"), user=user)
    other = factories.person()
    other.user = factories.user("citizen", username=other.cccd)
    other.save()
    theirs = _client(other.user)
    assert theirs.get(f"/portal/inbox/{Notification.objects.get().pk}/").status_code == 404
    theirs.post("/portal/inbox/read/")
    assert Notification.objects.get().read_at is None


def test_a_message_with_a_link_to_another_site_is_not_followed(citizen):
    user, _person = citizen
    notify(message=Message("x", "Payment received", "Payment received", link="https://evil.example/"), user=user)
    response = _client(user).get(f"/portal/inbox/{Notification.objects.get().pk}/")
    assert response["Location"] == "/portal/inbox/"


def test_a_translation_that_loses_a_placeholder_still_renders(citizen):
    user, _person = citizen
    notify(message=Message("x", "Payment received", "Dossier %(code)s is being processed.", values={}), user=user)
    with translation.override("en"):
        assert Notification.objects.get().rendered_text == "Dossier %(code)s is being processed."
