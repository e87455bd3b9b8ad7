"""Local stand-ins for the national services, speaking their protocols message for message: the public
service portal's adapter (auth, then {session, madonvi, service, …} calls), its OpenID Connect provider,
the national payment platform and VNPost's partner API. Each runs an HTTP server on 127.0.0.1 in a thread;
tests and benchmarks point the settings at `.url` and read what the stand-in received."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from ansinh.procedures.integrations import protocol as p


class StandIn:
    """An HTTP server in a thread; subclasses implement `handle(method, path, query, headers, body)` and
    return (status, headers, body bytes)."""

    def __init__(self):
        outer = self
        self.requests: list[tuple[str, str, bytes]] = []
        self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once, as a real server sends them

            def _serve(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parsed = urllib.parse.urlsplit(self.path)
                with outer.lock:
                    outer.requests.append((method, parsed.path, body))
                status, headers, data = outer.handle(
                    method, parsed.path, dict(urllib.parse.parse_qsl(parsed.query)), self.headers, body
                )
                self.send_response(status)
                for name, value in {"Content-Length": str(len(data)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def json(data, status: int = 200):
        return (
            status,
            {"Content-Type": "application/json; charset=utf-8"},
            json.dumps(data, ensure_ascii=False).encode(),
        )

    @staticmethod
    def html(text: str, status: int = 200):
        return status, {"Content-Type": "text/html; charset=utf-8"}, text.encode()

    @staticmethod
    def redirect(url: str):
        return 302, {"Location": url}, b""


class PortalStandIn(StandIn):
    """The portal's adapter. Checks what the real one checks (session, madonvi, required fields, date
    format, status table, isUpdating agreeing with TraCuuHoSo) and keeps what it accepted."""

    DOSSIER_REQUIRED = ("MaHoSo", "MaTTHC", "ChuHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo", "HinhThuc")

    def __init__(self, username="ansinh", password="mat-khau-cong", agency_code="000.00.00.G26", catalogue=()):
        super().__init__()
        self.username, self.password, self.agency_code = username, password, agency_code
        self.sessions: set[str] = set()
        self.dossiers: dict[str, dict] = {}
        self.progress: list[dict] = []
        self.questions: list[dict] = []
        self.ratings: list[dict] = []
        self.catalogue = list(catalogue)
        self.fail_next = 0  # answer this many integration calls with HTTP 503 (an outage)
        self.files: dict[str, bytes] = {}

    def handle(self, method, path, query, headers, body):
        if method == "GET" and path.startswith("/files/") and path[7:] in self.files:
            return 200, {"Content-Type": "application/octet-stream"}, self.files[path[7:]]
        data = json.loads(body or b"{}")
        if path == "/auth":
            if data.get("username") == self.username and data.get("password") == self.password:
                session = secrets.token_hex(16)
                self.sessions.add(session)
                return self.json({"error_code": 0, "message": "", "session": session})
            return self.json({"error_code": 1, "message": "Sai tên đăng nhập hoặc mật khẩu"})
        if path != "/integration":
            return self.json({"error_code": 404, "message": "not found"}, 404)
        if self.fail_next > 0:
            self.fail_next -= 1
            return self.json({"message": "Service Unavailable"}, 503)
        if data.get("session") not in self.sessions:
            return self.json(p.reply(-1, "session không hợp lệ"))
        if data.get("madonvi") != self.agency_code:
            return self.json(p.reply(2, "madonvi không đúng"))
        operation = getattr(self, f"op_{data.get('service')}", None)
        return self.json(operation(data) if operation else p.reply(3, f"service {data.get('service')} không hỗ trợ"))

    def op_TraCuuHoSo(self, data):
        found = self.dossiers.get(str(data.get("mahoso")))
        return p.reply("00", "", [found] if found else [])

    def op_DongBoHoSoMC(self, data):
        updating = str(data.get("isUpdating")) == "True"
        for item in data.get("data") or []:
            missing = [f for f in self.DOSSIER_REQUIRED if not str(item.get(f, "")).strip()]
            if missing:
                return p.reply(4, f"thiếu {', '.join(missing)}")
            try:
                for name in ("NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy"):
                    p.parse_portal_date(item.get(name, ""))
            except p.ProtocolError as exc:
                return p.reply(5, str(exc))
            if int(item["TrangThaiHoSo"]) not in range(1, 11):
                return p.reply(6, "TrangThaiHoSo ngoài bảng trạng thái")
            if updating != (item["MaHoSo"] in self.dossiers):
                return p.reply(7, "isUpdating không khớp")
            self.dossiers[item["MaHoSo"]] = item
        return p.reply("00", "Đồng bộ thành công")

    def op_CapNhatTienDoHoSoMC(self, data):
        for item in data.get("data") or []:
            if item.get("MaHoSo") not in self.dossiers:
                return p.reply(8, "hồ sơ chưa được đồng bộ")
            self.progress.append(item)
        return p.reply("00", "Cập nhật tiến độ thành công")

    def op_DongBoHoiDap(self, data):
        self.questions.extend(data.get("data") or [])
        return p.reply("00", "")

    def op_DongBoDanhGia(self, data):
        self.ratings.extend(data.get("data") or [])
        return p.reply("00", "")

    def op_LayDanhSachTTHC(self, data):
        return p.reply("00", "", [{"MATTHC": c["MATTHC"], "TENTTHC": c["TENTTHC"]} for c in self.catalogue])

    def op_LayThuTuc(self, data):
        return p.reply("00", "", [c for c in self.catalogue if c["MATTHC"] == data.get("maTTHC")])

    def forward(self, endpoint: str, dossier: dict, secret: str) -> requests.Response:
        """Send a dossier to An Sinh as the portal does, with the body's HMAC in X-Checksum."""
        body = json.dumps(dossier, ensure_ascii=False).encode()
        return requests.post(
            endpoint,
            data=body,
            timeout=30,
            headers={"Content-Type": "application/json", "X-Checksum": p.checksum(secret, body)},
        )


class PaymentStandIn(StandIn):
    """The national payment platform: a payment request gives a payment page; paying there calls the
    merchant's callback (signed) and sends the payer back."""

    def __init__(self, secret="khoa-bi-mat-thanh-toan", merchant="BHXH-HT"):
        super().__init__()
        self.secret, self.merchant = secret, merchant
        self.payments: dict[str, dict] = {}
        self.callbacks: list[dict] = []

    def _signed(self, fields):
        return {**fields, "checksum": p.checksum(self.secret, p.canonical(fields))}

    def _valid(self, data):
        fields = {k: v for k, v in data.items() if k != "checksum"}
        return fields if p.checksum_ok(self.secret, p.canonical(fields), data.get("checksum", "")) else None

    def handle(self, method, path, query, headers, body):
        if method == "POST" and path == "/payments":
            fields = self._valid(json.loads(body))
            if fields is None or fields.get("MaDoiTac") != self.merchant:
                return self.json(p.reply("01", "checksum hoặc mã đối tác không đúng"))
            self.payments[fields["MaThamChieu"]] = {**fields, "status": "pending"}
            return self.json(p.reply(0, "", {"UrlThanhToan": f"{self.url}/pay/{fields['MaThamChieu']}"}))
        if method == "POST" and path == "/payments/status":
            fields = self._valid(json.loads(body)) or {}
            payment = self.payments.get(fields.get("MaThamChieu"))
            return self.json(p.reply(0, "", self._result(payment) if payment and payment["status"] == "paid" else {}))
        reference = path.removeprefix("/pay/")
        if reference not in self.payments:
            return self.html("<p>Không có giao dịch</p>", 404)
        if method == "GET":
            amount = self.payments[reference]["SoTien"]
            return self.html(
                f"<!doctype html><meta name=viewport content='width=device-width'><h1>Thanh toán {amount} đ</h1>"
                f"<form method=post><button id=confirm-payment>Xác nhận thanh toán</button></form>"
            )
        return self.redirect(self.pay(reference))

    def _result(self, payment):
        return self._signed(
            {
                "MaThamChieu": payment["MaThamChieu"],
                "DanhSachThamChieu": payment["DanhSachThamChieu"],
                "MaGiaoDich": payment["transaction"],
                "SoTien": payment["SoTien"],
                "TrangThai": "00",
                "ThoiGianThanhToan": payment["paid_at"],
                "KenhThanhToan": "PayGov-ATM",
            }
        )

    def pay(self, reference: str, notify: bool = True) -> str:
        """The payer pays: the callback goes to the merchant (unless lost); returns where the payer goes back."""
        payment = self.payments[reference]
        payment.update(
            status="paid",
            transaction=f"PG{secrets.randbelow(10**10):010d}",
            paid_at=p.portal_date(dt.datetime.now(p.VN)),
        )
        if notify:
            answer = requests.post(payment["UrlThongBao"], json=self._result(payment), timeout=30).json()
            self.callbacks.append(answer)
        return payment["UrlTraVe"]


class VNPostStandIn(StandIn):
    """VNPost's partner API: a token, CreateOrder giving a tracking number, and the tracking list."""

    def __init__(self, username="bhxh", password="vnpost-pass", customer_code="C0001"):
        super().__init__()
        self.credentials = {"username": username, "password": password, "customerCode": customer_code}
        self.tokens: set[str] = set()
        self.orders: dict[str, dict] = {}
        self.tracking_events: dict[str, list[dict]] = {}

    def handle(self, method, path, query, headers, body):
        data = json.loads(body or b"{}")
        if path == "/customer-partner/GetAccessToken":
            if data != self.credentials:
                return self.json({"message": "Unauthorized"}, 401)
            token = secrets.token_hex(12)
            self.tokens.add(token)
            return self.json({"token": token})
        if headers.get("token") not in self.tokens:
            return self.json({"message": "token invalid"}, 401)
        if path == "/customer-partner/CreateOrder":
            order = data.get("informationOrder") or {}
            if not order.get("receiverAddress") or not order.get("saleOrderCode"):
                return self.json({"message": "receiverAddress và saleOrderCode là bắt buộc"}, 400)
            item = f"EV{len(self.orders) + 100000001:09d}VN"
            self.orders[item] = order
            self.tracking_events[item] = []
            return self.json(
                {"originalID": f"OID{len(self.orders):06d}", "itemCode": item, "status": 1, "totalFee": 22000}
            )
        if path == "/customer-partner/orderTracking":
            rows = [e for code in data.get("itemCodes") or [] for e in self.tracking_events.get(code, [])]
            return self.json({"data": rows})
        return self.json({"message": "not found"}, 404)

    def report(self, item_code: str, status_code: int, name: str, at: dt.datetime, place: str = "Bưu cục Hà Tĩnh"):
        self.tracking_events[item_code].append(
            {
                "itemCode": item_code,
                "statusCode": status_code,
                "statusName": name,
                "time": at.isoformat(),
                "place": place,
            }
        )


class OIDCStandIn(StandIn):
    """The portal's OpenID Connect provider: authorize (a consent page), token (RS256 id_token with the
    nonce), userinfo (SoDinhDanh, HoVaTen, …) and the JWKS."""

    def __init__(self, client_id="ansinh", client_secret="oidc-secret"):
        super().__init__()
        self.client_id, self.client_secret = client_id, client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}

    def settings(self) -> dict:
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.url + "/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": self.url + "/token",
            "OIDC_OP_USER_ENDPOINT": self.url + "/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": self.url + "/jwks",
            "OIDC_RP_SIGN_ALGO": "RS256",
        }

    def handle(self, method, path, query, headers, body):
        if path == "/authorize":
            if query.get("client_id") != self.client_id or query.get("response_type") != "code":
                return self.html("<p>invalid_request</p>", 400)
            approve = "/approve?" + urllib.parse.urlencode(query)
            return self.html(
                "<!doctype html><meta name=viewport content='width=device-width'><h1>Cổng Dịch vụ công quốc gia</h1>"
                f"<p>{self.claims.get('HoVaTen', '')}</p><a id=approve href='{approve}'>Đồng ý</a>"
            )
        if path == "/approve":
            code = secrets.token_urlsafe(16)
            self.codes[code] = {
                "nonce": query.get("nonce"),
                "redirect_uri": query["redirect_uri"],
                "claims": dict(self.claims),
            }
            return self.redirect(
                f"{query['redirect_uri']}?" + urllib.parse.urlencode({"code": code, "state": query.get("state", "")})
            )
        if path == "/token":
            form = dict(urllib.parse.parse_qsl(body.decode()))
            grant = self.codes.pop(form.get("code", ""), None)
            if (
                grant is None
                or form.get("client_secret") != self.client_secret
                or form.get("redirect_uri") != grant["redirect_uri"]
            ):
                return self.json({"error": "invalid_grant"}, 400)
            access = secrets.token_urlsafe(24)
            self.tokens[access] = grant["claims"]
            now = int(dt.datetime.now(dt.UTC).timestamp())
            id_token = jwt.encode(
                {
                    "iss": self.url,
                    "aud": self.client_id,
                    "sub": str(grant["claims"].get("SoDinhDanh") or "khong-dinh-danh"),
                    "iat": now,
                    "exp": now + 300,
                    "nonce": grant["nonce"],
                },
                self.key,
                "RS256",
                headers={"kid": "k1"},
            )
            return self.json({"access_token": access, "id_token": id_token, "token_type": "Bearer", "expires_in": 300})
        if path == "/userinfo":
            claims = self.tokens.get(headers.get("Authorization", "").removeprefix("Bearer "))
            return self.json(claims) if claims is not None else self.json({"error": "invalid_token"}, 401)
        if path == "/jwks":
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
            return self.json({"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]})
        return self.json({"error": "not_found"}, 404)
