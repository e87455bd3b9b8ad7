"""Refusals and errors answer with the site's own page, in the visitor's language, with a way onward."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a failing view")


urlpatterns = [path("boom/", _boom)]


def test_an_unknown_address_answers_the_styled_404_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'class="error-page' in body and "Không tìm thấy trang" in body
    assert 'href="/accounts/login/?next=/khong-co-trang-nay/"' in body


def test_the_404_speaks_english_to_an_english_visitor(client):
    body = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in body and "Không tìm thấy" not in body


def test_a_refused_page_answers_the_styled_403_with_the_menu(client):
    client.force_login(factories.user("citizen"))
    response = client.get("/insights/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Trang này không dành cho tài khoản của bạn" in body and 'class="main-nav"' in body


def test_a_form_without_its_token_answers_the_expired_form_page():
    strict = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="vi")
    response = strict.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_answers_the_plain_styled_500():
    response = Client(raise_request_exception=False).get("/boom/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Đã có lỗi xảy ra" in body and 'class="error-page card"' in body


@override_settings(ROOT_URLCONF=__name__)
def test_a_bad_request_answers_the_plain_styled_400(client):
    response = client.get("/boom/", HTTP_HOST="not a host", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "Không đọc được yêu cầu" in response.content.decode()
