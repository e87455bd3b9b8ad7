"""The gateway's endpoints, at its own paths beside /api/v1/: /api/token/take, /api/egw/…, /api/qd130/….

The gateway answers in its own shape: HTTP 200 with `maKetQua` carrying the result (200 or 000 for success, 401 for
a missing or expired session, 205 for a request that cannot be read …), which is what hospital software tests.
Only throttling answers HTTP 429. Views stay thin: read the fields, call one service, shape the reply, audit.
"""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.utils import translation
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled
from ninja.security import APIKeyHeader, APIKeyQuery

from ansinh.health import eligibility
from ansinh.health.gateway import accounts, calls, files, replies, wire
from ansinh.health.gateway.throttles import PerAddress, PerFacility
from ansinh.health.models import GatewayReceipt

log = logging.getLogger(__name__)

gateway_api = NinjaAPI(
    title="An Sinh: the social-insurance e-gateway for hospital software",
    version="egw",
    description="The agency's e-gateway as hospital information systems call it (token, card check, visit history, "
    "check-in XML0, claims XML 130). Change only the base URL and the credentials. See docs/health.md.",
    urls_namespace="gateway",
    docs_url="/gateway/docs",
    openapi_url="/gateway/openapi.json",
)
_BODY = {
    "requestBody": {
        "content": {
            "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
            "application/json": {"schema": {"type": "object"}},
        }
    }
}


def _session(request, access: str, ident: str, username: str = "", md5: str = ""):
    session = accounts.authenticate(access, ident)
    if session is None or (username and username.lower() != session.username.lower()):
        return None
    if md5 and not session.password_matches(md5):
        return None
    return session


class QueryToken(APIKeyQuery):
    """Card checks: ?token=…&id_token=… (with the account's username and password MD5, optional here)."""

    param_name = "token"

    def authenticate(self, request, key):
        query = {k.lower(): v for k, v in request.GET.items()}
        return _session(
            request,
            key or request.headers.get("accessToken", ""),
            query.get("id_token") or request.headers.get("tokenId", ""),
            query.get("username", ""),
            query.get("password", ""),
        )


class HeaderToken(APIKeyHeader):
    """File uploads: headers accessToken, tokenId and passwordHash (the password's MD5)."""

    param_name = "accessToken"

    def authenticate(self, request, key):
        query = {k.lower(): v for k, v in request.GET.items()}
        return _session(
            request,
            key or query.get("token", ""),
            request.headers.get("tokenId") or query.get("id_token", ""),
            md5=request.headers.get("passwordHash") or query.get("password", ""),
        )


def _reply(request, code: str, message, status: int = 200):
    with translation.override("vi"):
        return gateway_api.create_response(request, {"maKetQua": code, "thongDiep": str(message)}, status=status)


_DENIED = PerAddress()  # calls without a valid session, per address: throttled before anything is written


@gateway_api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    if not _DENIED.allow_request(request):
        return _throttled(request, exc)
    calls.record(request, None, "denied", request.path.rsplit("/", 1)[-1], "401", "no valid session")
    return _reply(request, "401", gettext_lazy("The session is missing, wrong or expired: take a new token."))


@gateway_api.exception_handler(Throttled)
def _throttled(request, exc):
    return _reply(request, "429", gettext_lazy("Too many requests: wait a moment and try again."), status=429)


@gateway_api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return _reply(request, "205", gettext_lazy("The request is larger than the gateway accepts."))


@gateway_api.exception_handler(Exception)
def _failed(request, exc):
    """Nothing ends in an HTML error page: the gateway's own server-error code, and the trace in the log."""
    log.exception("gateway call %s failed", request.path)
    return _reply(request, "101" if "/egw/" in request.path else "500", gettext_lazy("Server error: try again later."))


def _unreadable(request, session, service: str, exc: wire.WireError, **extra) -> dict:
    calls.record(request, session, "read", service, "205", "; ".join(exc.reasons)[:300])
    return {**extra, "maKetQua": "205", "ghiChu": replies.vietnamese("205"), "thongDiep": "; ".join(exc.reasons)}


@gateway_api.post("/token/take", auth=None, throttle=PerAddress(), openapi_extra=_BODY, tags=["token"])
def take_token(request):
    """Take a session: username and the MD5 of the password (upper-case hex). Call again to refresh: a session ends
    at `expires_in` (UTC); a call with an ended session answers maKetQua 401."""
    try:
        form = wire.read(wire.TokenTakeIn, wire.fields(request))
    except wire.WireError as exc:
        return _unreadable(request, None, "token/take", exc, APIKey=None)
    code, issued = accounts.take(form.username, form.password, calls.actor(request).ip)
    calls.record(request, None, "login" if issued else "login_failed", "token/take", code, form.username)
    if issued is None:
        return {"maKetQua": code, "APIKey": None}
    return {
        "maKetQua": code,
        "APIKey": {
            "access_token": issued.access_token,
            "id_token": issued.id_token,
            "token_type": "Bearer",
            "username": issued.username,
            "expires_in": wire.utc_expiry(issued.expires_at),
        },
    }


def _card_check(request, service: str, history_only: bool = False) -> dict:
    with translation.override("vi"):
        return _answer_card_check(request, service, history_only)


def _answer_card_check(request, service: str, history_only: bool) -> dict:
    session = request.auth
    try:
        form = wire.read(wire.CardCheckIn, wire.fields(request))
        start, end = wire.parse_day(form.ngay_bd), wire.parse_day(form.ngay_kt)
    except wire.WireError as exc:
        return _unreadable(
            request, session, service, exc, **({"dsLichSuKCB2025": None} if history_only else replies.EMPTY)
        )
    query = eligibility.Query(
        form.ma_the, form.ho_ten, form.ngay_sinh, session.facility_code, form.ho_ten_cb, form.cccd_cb
    )
    outcome = eligibility.check(
        query,
        user=session.user,
        channel="gateway",
        history=True,
        audited=lambda outcome: calls.record(
            request,
            session,
            "read",
            service,
            outcome.code,
            object_type="registry.person",
            object_id=outcome.person_id or "",
            receptionist=(form.ho_ten_cb, form.cccd_cb),
        ),
    )
    return replies.visit_history(outcome) if history_only else replies.card_check(outcome, start, end)


@gateway_api.post(
    "/egw/KQNhanLichSuKCB2024", auth=QueryToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["card check"]
)
def card_check_2024(request):
    """The card check with the receptionist named (hoTenCb, cccdCb): maThe (card code, SI number or CCCD), hoTen,
    ngaySinh (dd/mm/yyyy or yyyy). Answers the holder, the card, the visits (dsLichSuKCB2018) and the checks
    (dsLichSuKT2018)."""
    return _card_check(request, "KQNhanLichSuKCB2024")


@gateway_api.post(
    "/egw/KQNhanLichSuKCB2019", auth=QueryToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["card check"]
)
def card_check_2019(request):
    """The earlier form of the card check: the same fields and reply."""
    return _card_check(request, "KQNhanLichSuKCB2019")


@gateway_api.post(
    "/egw/NhanLichSuKCB2018", auth=QueryToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["card check"]
)
def card_check_2018(request):
    """The 2018 form: maThe, hoTen, ngaySinh, and optionally ngayBD/ngayKT to limit the visits shown."""
    return _card_check(request, "NhanLichSuKCB2018")


@gateway_api.post("/egw/Lskcb2025", auth=QueryToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["card check"])
def visit_history(request):
    """The visits alone (dsLichSuKCB2025), asked like the card check."""
    return _card_check(request, "Lskcb2025", history_only=True)


def _file(request, kind: str, service: str) -> dict:
    with translation.override("vi"):
        return _answer_file(request, kind, service)


def _answer_file(request, kind: str, service: str) -> dict:
    session = request.auth
    raw_xml = request.content_type in ("application/xml", "text/xml") or request.body.lstrip()[:1] == b"<"
    try:
        form = wire.read(wire.FileIn, {} if raw_xml else wire.fields(request, max_body=None))
        answer = files.envelope_problem(session, form, kind, raw_xml)
        if answer is None:
            data = request.body if raw_xml else files.decode(form)
            receive = files.receive_check_in if kind == GatewayReceipt.Kind.CHECK_IN else files.receive_claims
            answer = receive(session, data)
    except (wire.WireError, ValueError) as exc:
        answer = files.Answer("205", "; ".join(exc.reasons) if isinstance(exc, wire.WireError) else str(exc))
    receipt = answer.receipt
    calls.record(
        request,
        session,
        "create" if answer.code == "200" else "read",
        service,
        answer.code,
        answer.message[:200],
        object_type="health.gatewayreceipt",
        object_id=receipt.pk if receipt else "",
        errors=len(answer.errors),
    )
    return answer.as_reply()


@gateway_api.post(
    "/qd130/checkInKcbQd4750", auth=HeaderToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["files"]
)
def check_in(request):
    """The check-in at admission: fileHSBase64 holds the XML0 file (CHI_TIEU_TRANG_THAI_KCB), loaiHoSo 0."""
    return _file(request, GatewayReceipt.Kind.CHECK_IN, "checkInKcbQd4750")


@gateway_api.post(
    "/qd130/checkInKcbQd3176", auth=HeaderToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["files"]
)
def check_in_3176(request):
    """The same check-in under the path of the QĐ 3176/QĐ-BYT amendment."""
    return _file(request, GatewayReceipt.Kind.CHECK_IN, "checkInKcbQd3176")


@gateway_api.post(
    "/qd130/guiHoSoXmlQD4750", auth=HeaderToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["files"]
)
def send_claims(request):
    """Claims: fileHSBase64 holds the GIAMDINHHS envelope (XML 130 as amended by QĐ 4750), loaiHoSo 130; or the body
    is the XML itself (Content-Type application/xml). Every record is taken or none, with every error listed."""
    return _file(request, GatewayReceipt.Kind.CLAIMS, "guiHoSoXmlQD4750")


@gateway_api.post(
    "/qd130/guiHoSoXmlQD3176", auth=HeaderToken(), throttle=PerFacility(), openapi_extra=_BODY, tags=["files"]
)
def send_claims_3176(request):
    """The same claims upload under the path of the QĐ 3176/QĐ-BYT amendment."""
    return _file(request, GatewayReceipt.Kind.CLAIMS, "guiHoSoXmlQD3176")
