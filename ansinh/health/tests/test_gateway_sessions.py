"""A facility takes a session with the MD5 of its password; sessions end, can be ended, and only digests are stored."""

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.utils import timezone

from ansinh.core.models import AuditEvent
from ansinh.health.gateway import accounts
from ansinh.health.models import GatewayAccount, GatewayToken
from ansinh.health.tests.gateway_helpers import PASSWORD, gateway_account, md5, session_query, take  # noqa: F401 — pytest fixtures, taken by name as parameters

pytestmark = pytest.mark.django_db
CHECK = "/api/egw/KQNhanLichSuKCB2024"


def test_a_form_encoded_take_answers_200_with_the_token_pair(client, gateway_account):
    body = take(client)
    assert body["maKetQua"] == "200"
    key = body["APIKey"]
    assert key["token_type"] == "Bearer" and key["username"] == "42001_BV" and key["access_token"] and key["id_token"]
    expiry = dt.datetime.strptime(
        key["expires_in"], "%Y-%m-%dT%H:%M:%S.%f0Z"
    )  # UTC with a fraction, as software parses it
    assert 55 <= (expiry.replace(tzinfo=dt.UTC) - timezone.now()).total_seconds() / 60 <= 60


def test_json_with_capitalised_field_names_and_a_lower_case_md5_is_accepted(client, gateway_account):
    body = client.post(
        "/api/token/take", {"Username": "42001_BV", "Password": md5(PASSWORD).lower()}, content_type="application/json"
    ).json()
    assert body["maKetQua"] == "200"


def test_a_wrong_password_answers_401_and_is_audited(client, gateway_account):
    assert take(client, password="sai mat khau") == {"maKetQua": "401", "APIKey": None}
    assert AuditEvent.objects.filter(action="login_failed", summary__contains="42001_BV").exists()


def test_an_unknown_account_answers_401(client, gateway_account):
    assert take(client, username="99999_BV")["maKetQua"] == "401"


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, gateway_account):
    for _ in range(accounts.FAILURES_BEFORE_LOCK):
        assert take(client, password="doan mo")["maKetQua"] == "401"
    assert take(client)["maKetQua"] == "403"  # even the right password, until the lock ends


def test_a_disabled_account_answers_403(client, gateway_account):
    GatewayAccount.objects.filter(pk=gateway_account.pk).update(is_active=False)
    assert take(client)["maKetQua"] == "403"


def test_only_a_password_hash_of_the_md5_and_token_digests_are_stored(client, gateway_account):
    key = take(client)["APIKey"]
    account = GatewayAccount.objects.get(pk=gateway_account.pk)
    assert identify_hasher(account.password).algorithm in ("pbkdf2_sha256", "md5")  # tests use the fast hasher
    assert md5(PASSWORD) not in account.password and md5(PASSWORD).lower() not in account.password
    token = GatewayToken.objects.get(account=account)
    assert token.access_hash == hashlib.sha256(key["access_token"].encode()).hexdigest()
    assert key["access_token"] not in str(token.__dict__) and key["id_token"] not in str(token.__dict__)


def test_a_call_without_a_session_answers_401_in_the_gateway_shape(client, gateway_account):
    response = client.post(f"{CHECK}?token=nothing&id_token=nothing", {"maThe": "x"})
    assert response.status_code == 200 and response.json()["maKetQua"] == "401"


def test_an_expired_session_answers_401_and_taking_again_refreshes_it(client, gateway_account):
    query = session_query(client)
    GatewayToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    body = {"maThe": "042190999999", "hoTen": "A", "ngaySinh": "1990"}
    assert client.post(f"{CHECK}?{query}", body).json()["maKetQua"] == "401"
    assert client.post(f"{CHECK}?{session_query(client)}", body).json()["maKetQua"] != "401"


def test_a_new_password_ends_every_session(client, gateway_account):
    query = session_query(client)
    accounts.set_password(gateway_account, "Mat-khau-moi-2025")
    assert client.post(f"{CHECK}?{query}", {"maThe": "x"}).json()["maKetQua"] == "401"
    assert take(client, password="Mat-khau-moi-2025")["maKetQua"] == "200"


def test_the_query_password_must_be_the_accounts(client, gateway_account):
    key = take(client)["APIKey"]
    query = f"token={key['access_token']}&id_token={key['id_token']}&password={md5('khac')}"
    assert client.post(f"{CHECK}?{query}", {"maThe": "x"}).json()["maKetQua"] == "401"


def test_half_a_token_pair_is_not_a_session(client, gateway_account):
    key = take(client)["APIKey"]
    assert (
        client.post(f"{CHECK}?token={key['access_token']}&id_token=other", {"maThe": "x"}).json()["maKetQua"] == "401"
    )


@override_settings(HEALTH_GATEWAY_TAKE_RATE="3/min")
def test_token_requests_are_throttled_per_address(client, gateway_account):
    assert [take(client)["maKetQua"] for _ in range(3)] == ["200"] * 3
    response = client.post("/api/token/take", {"username": "42001_BV", "password": md5(PASSWORD)})
    assert response.status_code == 429 and response.json()["maKetQua"] == "429" and response["Retry-After"]


def test_an_unreadable_body_answers_205(client, gateway_account):
    body = client.post("/api/token/take", "{not json", content_type="application/json").json()
    assert body["maKetQua"] == "205" and body["APIKey"] is None


@override_settings(HEALTH_GATEWAY_TAKE_RATE="2/min")
def test_calls_without_a_session_are_throttled_per_address_before_they_are_logged(client, gateway_account):
    replies = [client.post(f"{CHECK}?token=guess{n}&id_token=guess", {"maThe": "x"}) for n in range(4)]
    assert [r.status_code for r in replies] == [200, 200, 429, 429]
    assert AuditEvent.objects.filter(action="denied").count() == 2


def test_the_gateway_describes_itself_in_openapi(client):
    paths = client.get("/api/gateway/openapi.json").json()["paths"]
    assert {
        "/api/token/take",
        "/api/egw/KQNhanLichSuKCB2024",
        "/api/qd130/guiHoSoXmlQD4750",
        "/api/qd130/checkInKcbQd4750",
    } <= set(paths)
