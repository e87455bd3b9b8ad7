"""On a phone: the card's QR code fills the screen for the clinic counter and, once loaded, still shows with the
network gone; after log-out the kept copy is dropped."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.geo.models import Area
from ansinh.health.models import Coverage, Facility
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def _covered_citizen():
    person = factories.person(full_name="Hoàng Thị Thu")
    person.user = factories.user("citizen", username=person.cccd)
    person.save()
    facility, _created = Facility.objects.get_or_create(
        code="42010",
        defaults={"name": "Bệnh viện Đa khoa tỉnh Hà Tĩnh", "level": "basic", "area": Area.objects.first()},
    )
    today = timezone.localdate()
    Coverage.objects.create(
        person=person,
        group="HC",
        benefit_digit=4,
        benefit_pct=80,
        valid_from=today - dt.timedelta(days=60),
        valid_to=today + dt.timedelta(days=300),
        facility=facility,
        card_code=f"HC442{person.si_number}",
        status="active",
        source="employee",
    )
    return person


def _controlled(tab) -> bool:
    return tab.evaluate("navigator.serviceWorker.ready.then(() => true)")


def test_the_card_qr_fills_a_phone_screen_and_shows_offline_once_loaded(phone_page):
    person = _covered_citizen()
    log_in(phone_page, person.cccd)
    phone_page.wait_for_url("**/home/")
    phone_page.goto(phone_page.base_url + "/portal/card/")
    phone_page.click("#open-qr")
    phone_page.wait_for_url("**/portal/card/qr/")
    box = phone_page.locator(".qr svg path").bounding_box()  # the drawn code, not just its box
    assert box["width"] >= 0.7 * 390 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_no_horizontal_scroll(phone_page)
    assert _controlled(phone_page)

    phone_page.context.set_offline(True)
    phone_page.reload()
    assert phone_page.inner_text("#qr-card-code") == f"HC442{person.si_number}"
    assert phone_page.locator("#offline-note").is_visible()
    phone_page.context.set_offline(False)

    phone_page.context.clear_cookies()
    phone_page.goto(phone_page.base_url + "/portal/card/qr/")
    assert "/accounts/login/" in phone_page.url
    assert phone_page.evaluate("caches.open('ansinh-card-qr-v1').then(c => c.keys()).then(k => k.length)") == 0
