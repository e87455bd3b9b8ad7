"""A hospital information system's client of the social-insurance e-gateway, written from the gateway's public
service description (token take with the MD5 of the password; card check with the token in the query string and a
JSON body; check-in and claims as form fields with the token in headers), over plain HTTP. It knows nothing of An
Sinh: point it at a base URL with a username and password, as a hospital does.

It behaves as deployed hospital software does: it keeps its token until the expiry the gateway gave, parses that
expiry the way .NET clients do (the text before the fraction of a second), and on maKetQua 401 takes a new token
and tries once more."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import urllib.parse
import urllib.request


class HisClient:
    def __init__(self, base_url: str, username: str, password: str, facility: str, receptionist: tuple[str, str]):
        self.base_url, self.username, self.facility = base_url.rstrip("/"), username, facility
        self.password_md5 = hashlib.md5(password.encode()).hexdigest().upper()
        self.receptionist = receptionist
        self.token: dict | None = None
        self.expires: dt.datetime | None = None
        self.takes = 0

    def _post(self, path: str, data: bytes, content_type: str, headers: dict | None = None) -> dict:
        request = urllib.request.Request(
            self.base_url + path, data=data, method="POST", headers={"Content-Type": content_type, **(headers or {})}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200, response.status
            return json.loads(response.read().decode("utf-8"))

    def _form(self, path: str, fields: dict, headers: dict | None = None) -> dict:
        return self._post(path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded", headers)

    def take_token(self) -> dict:
        reply = self._form("/api/token/take", {"username": self.username, "password": self.password_md5})
        self.takes += 1
        if reply["maKetQua"] == "200":
            self.token = reply["APIKey"]
            expiry = self.token["expires_in"]
            self.expires = dt.datetime.strptime(expiry[: expiry.rindex(".")].replace("T", " "), "%Y-%m-%d %H:%M:%S")
        return reply

    def _ensure_token(self) -> None:
        if self.token is None or self.expires <= dt.datetime.now(dt.UTC).replace(tzinfo=None):
            self.take_token()

    def _retry_on_401(self, call):
        self._ensure_token()
        reply = call()
        if reply.get("maKetQua") == "401":
            self.take_token()
            reply = call()
        return reply

    def check_card(self, ma_the: str, ho_ten: str, ngay_sinh: str) -> dict:
        """KQNhanLichSuKCB2024: the receptionist at the desk is named with every check."""

        def call():
            query = urllib.parse.urlencode(
                {
                    "token": self.token["access_token"],
                    "id_token": self.token["id_token"],
                    "username": self.username,
                    "password": self.password_md5,
                }
            )
            body = {
                "maThe": ma_the,
                "hoTen": ho_ten,
                "ngaySinh": ngay_sinh,
                "hoTenCb": self.receptionist[0],
                "cccdCb": self.receptionist[1],
            }
            return self._post(
                f"/api/egw/KQNhanLichSuKCB2024?{query}",
                json.dumps(body, ensure_ascii=False).encode(),
                "application/json",
            )

        return self._retry_on_401(call)

    def _send_file(self, path: str, kind: str, xml: bytes) -> dict:
        def call():
            headers = {
                "accessToken": self.token["access_token"],
                "tokenId": self.token["id_token"],
                "passwordHash": self.password_md5,
            }
            fields = {
                "username": self.username,
                "loaiHoSo": kind,
                "maTinh": self.facility[:2],
                "maCSKCB": self.facility,
                "fileHSBase64": base64.b64encode(xml).decode(),
            }
            return self._form(path, fields, headers)

        return self._retry_on_401(call)

    def check_in(self, xml0: bytes) -> dict:
        return self._send_file("/api/qd130/checkInKcbQd4750", "0", xml0)

    def send_claims(self, giamdinhhs: bytes) -> dict:
        return self._send_file("/api/qd130/guiHoSoXmlQD4750", "130", giamdinhhs)
