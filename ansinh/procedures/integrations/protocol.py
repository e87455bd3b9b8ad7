"""The National Public Service Portal's adapter messages as pure functions over plain values.

The portal's adapter takes JSON: `{session, madonvi, service: "<Operation>", ...}` and answers
`{error_code, message, result}` (error_code 0 or "00" when it went through). Dates travel as
`yyyyMMddHHmmss` in Asia/Ho_Chi_Minh. Dossier states are the portal's status table (below).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"

# The portal's dossier status table (TrangThaiHoSo).
NEW, ACCEPTED, REFUSED, PROCESSING, SUPPLEMENT, FEES_DUE, WITHDRAWN, STOPPED, DONE, RETURNED = range(1, 11)
STATE_TO_PORTAL = {
    "received": ACCEPTED,
    "in_progress": PROCESSING,
    "info_requested": SUPPLEMENT,
    "approved": DONE,
    "refused": REFUSED,
}
STATUS_NAMES = {
    NEW: "Mới đăng ký",
    ACCEPTED: "Được tiếp nhận",
    REFUSED: "Không được tiếp nhận",
    PROCESSING: "Đang xử lý",
    SUPPLEMENT: "Yêu cầu bổ sung giấy tờ",
    FEES_DUE: "Yêu cầu thực hiện nghĩa vụ tài chính",
    WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    STOPPED: "Dừng xử lý",
    DONE: "Đã xử lý xong",
    RETURNED: "Đã trả kết quả",
}
APPLICANT_PERSON, APPLICANT_BUSINESS = 1, 2
DELIVERY_CODES = {"counter": 0, "post": 1, "online": 2}  # HinhThuc: how the result goes back


class ProtocolError(ValueError):
    """A message that does not follow the protocol; `field` names what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


def portal_date(value) -> str:
    """A date or an aware datetime as yyyyMMddHHmmss in Vietnam's time; '' for None. A date is its start."""
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), tzinfo=VN)
    return value.astimezone(VN).strftime(DATE_FORMAT)


def parse_portal_date(text: str) -> dt.datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, DATE_FORMAT).replace(tzinfo=VN)
    except ValueError:
        raise ProtocolError("date", f"'{text[:20]}' is not yyyyMMddHHmmss") from None


def portal_status(state: str, *, fees_due: bool = False, result_returned: bool = False) -> int:
    """Our dossier state as the portal's status code: unpaid fees and a returned result override."""
    if result_returned:
        return RETURNED
    if fees_due and state in ("received", "in_progress"):
        return FEES_DUE
    return STATE_TO_PORTAL[state]


def succeeded(reply: dict) -> bool:
    return str(reply.get("error_code", "")).strip() in ("0", "00")


def reply(error_code: int | str = 0, message: str = "", result=None) -> dict:
    return {"error_code": error_code, "message": message, "result": result}


def request_body(session: str, agency_code: str, service: str, fields: dict) -> dict:
    return {"session": session, "madonvi": agency_code, "service": service, **fields}


def checksum(secret: str, body: bytes) -> str:
    """HMAC-SHA256 of the raw body, hex: how both sides prove a forwarded message or a callback is theirs."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def checksum_ok(secret: str, body: bytes, given: str) -> bool:
    return bool(secret) and hmac.compare_digest(checksum(secret, body), (given or "").strip().lower())


def canonical(data: dict) -> bytes:
    """The bytes a checksum over a JSON object is taken of: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


FORWARDED_REQUIRED = ("MaHoSo", "MaTTHC", "SoDinhDanh", "NgayTiepNhan")


def parse_forwarded(data: dict) -> dict:
    """A dossier the portal forwards, checked and turned into plain values (raises ProtocolError)."""
    for name in FORWARDED_REQUIRED:
        if not str(data.get(name) or "").strip():
            raise ProtocolError(name, "required")
    code = str(data["MaHoSo"]).strip()
    if len(code) > 40:
        raise ProtocolError("MaHoSo", "longer than 40 characters")
    delivery = {v: k for k, v in DELIVERY_CODES.items()}.get(_int(data.get("HinhThuc", 2), "HinhThuc"))
    if delivery is None:
        raise ProtocolError("HinhThuc", "must be 0 (counter), 1 (post) or 2 (online)")
    files = data.get("TaiLieuNop") or []
    if not isinstance(files, list) or len(files) > 10:
        raise ProtocolError("TaiLieuNop", "a list of at most 10 documents")
    documents = []
    for n, item in enumerate(files):
        url = str((item or {}).get("DuongDanTaiTepTin") or "").strip()
        if not url.startswith(("http://", "https://")):
            raise ProtocolError(f"TaiLieuNop[{n}].DuongDanTaiTepTin", "a download URL is required")
        documents.append(
            {
                "name": str(item.get("TenTepDinhKem") or f"tep-{n + 1}.pdf")[:200],
                "label": str(item.get("TenGiayTo") or item.get("TenTepDinhKem") or "")[:300],
                "url": url,
            }
        )
    return {
        "portal_code": code,
        "procedure_code": str(data["MaTTHC"]).strip(),
        "cccd": str(data["SoDinhDanh"]).strip(),
        "received_at": parse_portal_date(str(data["NgayTiepNhan"])),
        "delivery": delivery,
        "postal_address": str(data.get("DiaChiNhanKetQua") or "")[:300],
        "phone": str(data.get("SoDienThoai") or "")[:20],
        "email": str(data.get("Email") or "")[:254],
        "note": str(data.get("TrichYeuHoSo") or "")[:2000],
        "documents": documents,
    }


def _int(value, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ProtocolError(field, "must be a number") from None
