"""Sign-in with the national public service account: the portal's OpenID Connect provider (stand-in)
vouches for the person, who is matched by the identification number; others are refused."""

import urllib.parse

import pytest
import requests

from ansinh.registry.models import Person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _sign_in(client, standin, claims) -> str:
    """Go through authorize → consent → callback as the browser would; returns where the site sent us."""
    standin.claims = claims
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302 and start["Location"].startswith(standin.url + "/authorize")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(start["Location"]).query))
    consent = requests.get(f"{standin.url}/approve", params=query, allow_redirects=False, timeout=10)
    callback = urllib.parse.urlsplit(consent.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")["Location"]


def test_an_insured_person_without_an_account_signs_in_and_gets_one(client, oidc_standin):
    person = factories.person(full_name="Hoàng Văn Nam")
    landing = _sign_in(client, oidc_standin, {"SoDinhDanh": person.cccd, "HoVaTen": "Hoàng Văn Nam"})
    assert landing == "/home/"
    person.refresh_from_db()
    assert person.user.username == person.cccd and person.user.role == "citizen"
    assert not person.user.has_usable_password() and person.user.get_full_name() == "Hoàng Văn Nam"
    assert client.get("/portal/").status_code == 200


def test_a_person_with_an_account_lands_in_that_account(client, oidc_standin, citizen_with_person):
    account, person = citizen_with_person
    _sign_in(client, oidc_standin, {"SoDinhDanh": person.cccd, "HoVaTen": person.full_name})
    assert int(client.session["_auth_user_id"]) == account.pk


@pytest.mark.parametrize("claims", [{"SoDinhDanh": "042190999999"}, {"HoVaTen": "Không số"}, {"SoDinhDanh": "12"}])
def test_no_insured_person_no_sign_in(client, oidc_standin, claims):
    factories.person()
    assert _sign_in(client, oidc_standin, claims) == "/accounts/login/?sso=failed"
    assert "_auth_user_id" not in client.session
    assert "could not sign you in" in client.get("/accounts/login/?sso=failed").content.decode()


def test_a_staff_account_never_signs_in_with_the_national_account(client, oidc_standin):
    person = factories.person()
    person.user = factories.user("benefits_officer", username=person.cccd)
    person.save()
    assert _sign_in(client, oidc_standin, {"SoDinhDanh": person.cccd}) == "/accounts/login/?sso=failed"
    assert Person.objects.get(pk=person.pk).user.role == "benefits_officer"


def test_the_button_shows_only_when_the_provider_is_configured(client, settings, oidc_standin):
    assert 'id="sso-login"' in client.get("/accounts/login/").content.decode()
    settings.OIDC_RP_CLIENT_ID = ""
    assert 'id="sso-login"' not in client.get("/accounts/login/").content.decode()


def test_the_local_log_in_works_whether_or_not_the_provider_is_configured(client, settings):
    account = factories.user("citizen")
    for client_id in ("", "ansinh"):
        settings.OIDC_RP_CLIENT_ID, settings.OIDC_OP_AUTHORIZATION_ENDPOINT = (
            client_id,
            "https://sso.example/authorize" if client_id else "",
        )
        settings.OIDC_OP_JWKS_ENDPOINT = None
        response = client.post("/accounts/login/", {"username": account.username, "password": factories.PASSWORD})
        assert response.status_code == 302 and int(client.session["_auth_user_id"]) == account.pk
        client.logout()
