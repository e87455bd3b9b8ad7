import pytest

from ansinh.core.models import AuditEvent
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_staff_user_logs_in_and_sees_the_home_page(page):
    factories.user("collection_officer", username="thu.nguyen", first_name="Thu", last_name="Nguyễn Văn")
    log_in(page, "thu.nguyen")
    page.wait_for_url("**/home/")
    assert "Nguyễn Văn Thu" in page.inner_text("h1")  # Vietnamese name order
    assert page.locator("nav.main-nav").is_visible()


def test_a_wrong_password_is_refused_and_logged(page):
    factories.user("manager", username="giamdoc")
    log_in(page, "giamdoc", "not-the-password")
    # The form's own address is the login page too: wait for the answer to the POST, not only for the address.
    page.locator("[role=alert]").wait_for(state="visible")
    assert "/accounts/login/" in page.url
    assert AuditEvent.objects.filter(action="login_failed", summary__contains="giamdoc").exists()


def test_the_home_page_fits_a_phone_and_switches_to_english(phone_page):
    factories.user("service_desk", username="motcua")
    log_in(phone_page, "motcua")
    phone_page.wait_for_url("**/home/")
    assert_no_horizontal_scroll(phone_page)
    phone_page.click("button[name=language][value=en]")
    phone_page.wait_for_selector("html[lang=en]")
    assert "Hello" in phone_page.inner_text("h1")
