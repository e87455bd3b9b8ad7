import pytest
from django.test import override_settings


@override_settings(LANGUAGE_CODE="vi")
@pytest.mark.django_db
def test_pages_are_in_vietnamese_by_default(client):
    body = client.get("/accounts/login/").content.decode()
    assert 'lang="vi"' in body and "Mật khẩu" in body


@pytest.mark.django_db
def test_a_visitor_whose_browser_prefers_english_gets_english(client):
    body = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in body and "Password" in body
