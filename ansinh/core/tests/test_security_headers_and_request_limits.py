"""Every answer carries a self-only Content-Security-Policy; bodies over a path's limit are refused with 413."""

import re

import pytest
from django.conf import settings

from ansinh.core.middleware import body_limit


def _directives(policy: str) -> dict[str, str]:
    return dict((part.strip() + " ").split(" ", 1) for part in policy.split(";") if part.strip())


def test_every_page_carries_a_self_only_content_security_policy(client):
    policy = _directives(client.get("/").headers["Content-Security-Policy"])
    assert policy["default-src"].strip() == policy["script-src"].strip() == policy["style-src"].strip() == "'self'"
    assert policy["base-uri"].strip() == policy["form-action"].strip() == "'self'"
    assert policy["frame-ancestors"].strip() == policy["object-src"].strip() == "'none'"


def test_forms_may_also_lead_to_the_payment_platform_the_fee_page_redirects_to(client, settings):
    settings.PAYMENT_URL = "https://thanhtoan.dichvucong.example/api/"
    settings.PAYMENT_CHECKOUT_ORIGINS = ["https://pay.dichvucong.example"]
    policy = _directives(client.get("/").headers["Content-Security-Policy"])
    assert policy["form-action"].split() == [
        "'self'",
        "https://pay.dichvucong.example",
        "https://thanhtoan.dichvucong.example",
    ]
    assert policy["script-src"].strip() == "'self'"


def test_the_offline_card_page_admits_only_its_own_style_block(client, citizen_with_person):
    client.force_login(citizen_with_person[0])
    response = client.get("/portal/card/qr/")
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["style-src"].split() == ["'self'", f"'nonce-{nonce}'"]
    assert nonce != re.search(r'<style nonce="([^"]+)">', client.get("/portal/card/qr/").content.decode()).group(1)


@pytest.mark.django_db
def test_the_api_docs_load_swagger_from_this_site_not_a_cdn(client):
    page = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui-bundle.js" in s for s in sources)
    assert all(s.startswith("/") for s in sources), sources
    assert "<script>" not in page  # no inline script for the CSP to block
    from django.contrib.staticfiles import finders

    assert finders.find("ninja/swagger-ui-bundle.js")  # collectstatic ships it with ours


def test_no_template_has_inline_script_or_style_that_the_policy_would_block():
    offenders = []
    for path in (settings.BASE_DIR / "ansinh").rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=\"|\sstyle=\"|<style(?! nonce=)", text
        ):
            offenders.append(str(path))
    assert offenders == []


def test_an_anonymous_quote_with_a_huge_body_is_refused_before_it_is_read(client):
    body = '{"scheme": "family_hi", "period": "2025-06", "members": 1, "pad": "' + "x" * 100_000 + '"}'
    response = client.post("/api/v1/contributions/quote", body, content_type="application/json")
    assert response.status_code == 413
    detail = response.json()["detail"][0]
    assert detail["type"] == "too_large" and detail["limit_bytes"] == body_limit("/api/v1/contributions/quote")
    assert "16 KB" in detail["msg"]


def test_a_page_form_over_its_limit_is_refused_with_413_naming_it(client):
    response = client.post("/portal/activate/", {"cccd": "0" * 20_000})
    assert response.status_code == 413 and "8 KB" in response.content.decode()


def test_paths_without_their_own_limit_keep_the_default():
    assert body_limit("/api/v1/contributions/declarations") == settings.REQUEST_BODY_DEFAULT
    assert body_limit("/api/v1/benefits/pension/quote") == 128 * 1024
