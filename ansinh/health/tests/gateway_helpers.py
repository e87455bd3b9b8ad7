"""A facility with a gateway account and a registered receptionist, and the calls a hospital system makes."""

from __future__ import annotations

import base64
import hashlib

import pytest

from ansinh.health.gateway import accounts, receptionists

PASSWORD = "Mat-khau-BV-42001"
RECEPTIONIST = ("Phạm Thị Thơm", "042186002959")


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest().upper()


@pytest.fixture
def gateway_account(db):
    account, _ = accounts.create_account("42001", "42001_BV", PASSWORD)
    receptionists.register("42001", *RECEPTIONIST)
    return account


def take(client, username="42001_BV", password=PASSWORD) -> dict:
    return client.post("/api/token/take", {"username": username, "password": md5(password)}).json()


def session_query(client) -> str:
    key = take(client)["APIKey"]
    return f"token={key['access_token']}&id_token={key['id_token']}&username=42001_BV&password={md5(PASSWORD)}"


def check(
    client, query: str, ma_the: str, ho_ten: str, ngay_sinh: str, receptionist=RECEPTIONIST, path="KQNhanLichSuKCB2024"
) -> dict:
    body = {
        "maThe": ma_the,
        "hoTen": ho_ten,
        "ngaySinh": ngay_sinh,
        "hoTenCb": receptionist[0],
        "cccdCb": receptionist[1],
    }
    return client.post(f"/api/egw/{path}?{query}", body, content_type="application/json").json()


def file_headers(client) -> dict:
    key = take(client)["APIKey"]
    return {
        "HTTP_ACCESSTOKEN": key["access_token"],
        "HTTP_TOKENID": key["id_token"],
        "HTTP_PASSWORDHASH": md5(PASSWORD),
    }


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
