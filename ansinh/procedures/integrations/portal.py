"""The National Public Service Portal: the adapter client, the dossier and step messages put in the outbox,
and the catalogue pull. Forwarded dossiers arrive through `receiving.py`."""

from __future__ import annotations

import requests
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from ansinh.procedures.integration_models import NationalProcedure
from ansinh.procedures.integrations import outbox
from ansinh.procedures.integrations import protocol as p
from ansinh.procedures.integrations.http import ServiceError, post_json

FILE_SALT = "services.portal-file"
FILE_LINK_DAYS = 30
SYNC, PROGRESS, QUESTION, RATING = "DongBoHoSoMC", "CapNhatTienDoHoSoMC", "DongBoHoiDap", "DongBoDanhGia"


class PortalClient:
    """A session from the auth endpoint, then `{session, madonvi, service, …}` calls; one re-login when the
    portal says the session is no longer valid."""

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        agency_code: str,
        *,
        auth_path: str = "/auth",
        integration_path: str = "/integration",
        timeout: float = 20,
        http: requests.Session | None = None,
    ):
        self.base_url, self.username, self.password = base_url.rstrip("/"), username, password
        self.agency_code, self.auth_path, self.integration_path = agency_code, auth_path, integration_path
        self.timeout, self.http, self.session = timeout, http or requests.Session(), ""

    @classmethod
    def from_settings(cls) -> PortalClient | None:
        if not settings.PORTAL_ADAPTER_URL:
            return None
        return cls(
            settings.PORTAL_ADAPTER_URL,
            settings.PORTAL_USERNAME,
            settings.PORTAL_PASSWORD,
            settings.PORTAL_AGENCY_CODE,
            auth_path=settings.PORTAL_AUTH_PATH,
            integration_path=settings.PORTAL_INTEGRATION_PATH,
            timeout=settings.PORTAL_TIMEOUT_SECONDS,
        )

    def login(self) -> str:
        answer = post_json(
            self.http,
            self.base_url + self.auth_path,
            {"username": self.username, "password": self.password},
            self.timeout,
        )
        if not p.succeeded(answer) or not answer.get("session"):
            raise ServiceError("auth", str(answer.get("message") or "no session"))
        self.session = answer["session"]
        return self.session

    def call(self, service: str, fields: dict) -> dict:
        """The reply of one operation; raises ServiceError unless the portal says it went through."""
        for attempt in (1, 2):
            if not self.session:
                self.login()
            answer = post_json(
                self.http,
                self.base_url + self.integration_path,
                p.request_body(self.session, self.agency_code, service, fields),
                self.timeout,
            )
            if p.succeeded(answer):
                return answer
            if attempt == 1 and _session_expired(answer):
                self.session = ""
                continue
            raise ServiceError(str(answer.get("error_code", "error"))[:20], str(answer.get("message") or "")[:300])
        raise AssertionError("unreachable")


def _session_expired(answer: dict) -> bool:
    return "session" in str(answer.get("message", "")).lower() or str(answer.get("error_code")) in ("401", "-1")


def send(client: PortalClient, message) -> None:
    """Deliver one outbox message. A dossier is looked up first (TraCuuHoSo) so the portal is told whether
    this is a new dossier or an update."""
    if message.operation == SYNC:
        found = client.call("TraCuuHoSo", {"mahoso": message.payload["MaHoSo"]}).get("result")
        client.call(SYNC, {"isUpdating": "True" if found else "False", "data": [message.payload]})
    else:
        client.call(message.operation, {"data": [message.payload]})


def deliver(limit: int = 500, client: PortalClient | None = None) -> dict:
    client = client or PortalClient.from_settings()
    if client is None:
        return {"configured": False, **outbox.backlog()}
    return outbox.deliver_due(lambda message: send(client, message), limit=limit).as_dict()


# ---- messages about dossiers ------------------------------------------------------------------------------


def file_link(document) -> str:
    """A download link the portal can fetch without an account, valid FILE_LINK_DAYS days."""
    token = signing.dumps(document.pk, salt=FILE_SALT)
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("services:portal_file", args=[token])


def document_for_link(token: str):
    from ansinh.procedures.models import DossierDocument

    try:
        pk = signing.loads(token, salt=FILE_SALT, max_age=FILE_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    return DossierDocument.objects.filter(pk=pk).first()


def _applicant(dossier) -> tuple[str, int, str]:
    if dossier.employer_id:
        return dossier.employer.name, p.APPLICANT_BUSINESS, dossier.employer.tax_code
    return dossier.person.full_name, p.APPLICANT_PERSON, dossier.person.cccd


def dossier_record(dossier) -> dict:
    """DongBoHoSoMC's data item: the dossier as it stands now."""
    name, kind, identifier = _applicant(dossier)
    procedure = dossier.procedure
    catalogue = (
        NationalProcedure.objects.filter(code=procedure.national_code).first() if procedure.national_code else None
    )
    fees = list(dossier.fees.all())
    return {
        "MaHoSo": dossier.code_on_portal,
        "SoBienNhan": dossier.receipt_code,
        "MaTTHC": procedure.national_code,
        "TenTTHC": catalogue.name if catalogue else procedure.name,
        "MaLinhVuc": catalogue.field_code if catalogue else "",
        "TenLinhVuc": catalogue.field_name if catalogue else procedure.get_group_display(),
        "ChuHoSo": name,
        "LoaiDoiTuong": str(kind),
        "MaDoiTuong": identifier,
        "Email": dossier.contact_email,
        "SoDienThoai": dossier.contact_phone,
        "TrichYeuHoSo": dossier.applicant_note[:500],
        "NgayTiepNhan": p.portal_date(dossier.received_on),
        "NgayHenTra": p.portal_date(dossier.due_on),
        "TrangThaiHoSo": str(status_of(dossier, fees)),
        "NgayTra": p.portal_date(dossier.delivered_on),
        "NgayKetThucXuLy": p.portal_date(dossier.finished_on),
        "HinhThuc": str(p.DELIVERY_CODES[dossier.delivery]),
        "DonViXuLy": settings.AGENCY_NAME,
        "TaiLieuNop": [
            {
                "TepDinhKemId": str(d.pk),
                "TenTepDinhKem": d.original_name,
                "TenGiayTo": d.label,
                "DuongDanTaiTepTin": file_link(d),
            }
            for d in dossier.files.all()
        ],
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": f.get_kind_display(),
                "MaPhiLePhi": f.reference,
                "Gia": f.amount,
                "HinhThucThu": f.paid_via or "",
                "TrangThai": f.status,
            }
            for f in fees
        ],
        "DanhSachHoSoBoSung": [
            {"NoiDungBoSung": e.note, "NgayBoSung": p.portal_date(e.at)}
            for e in dossier.events.all()
            if e.to_state == "info_requested"
        ],
        "DanhSachGiayToKetQua": [],
    }


def status_of(dossier, fees=None) -> int:
    fees = dossier.fees.all() if fees is None else fees
    return p.portal_status(
        dossier.state,
        fees_due=any(f.status == "due" for f in fees),
        result_returned=bool(dossier.delivered_on) and not dossier.is_open,
    )


def step_record(dossier, *, at, actor, note: str) -> dict:
    """CapNhatTienDoHoSoMC's data item: one processing step."""
    return {
        "MaHoSo": dossier.code_on_portal,
        "NguoiXuLy": (actor.get_full_name() or actor.get_username()) if actor else "",
        "ChucDanh": "",
        "ThoiDiemXuLy": p.portal_date(at),
        "PhongBanXuLy": settings.AGENCY_NAME,
        "NoiDungXuLy": note[:1000],
        "TrangThai": str(status_of(dossier)),
        "NgayBatDau": p.portal_date(dossier.received_on),
        "NgayKetThucTheoQuyDinh": p.portal_date(dossier.due_on),
    }


def report_step(dossier, *, actor=None, note="") -> None:
    """Queue the dossier as it now stands and the step that changed it, in one transaction with the change.
    The portal shows what it gets to citizens in Vietnamese, so the messages are written in Vietnamese."""
    key = f"dossier:{dossier.receipt_code}"
    with translation.override("vi"):
        outbox.enqueue(SYNC, key, dossier_record(dossier))
        outbox.enqueue(PROGRESS, key, step_record(dossier, at=timezone.now(), actor=actor, note=str(note)))


# ---- the portal's procedure catalogue ---------------------------------------------------------------------


@transaction.atomic
def pull_catalogue(client: PortalClient) -> dict:
    """LayDanhSachTTHC, then LayThuTuc for each entry: store them and link our procedures by MaTTHC."""
    listed = client.call("LayDanhSachTTHC", {}).get("result") or []
    now, stored = timezone.now(), 0
    for item in listed:
        code = str(item.get("MATTHC") or item.get("MaTTHC") or "").strip()
        if not code:
            continue
        detail = (client.call("LayThuTuc", {"maTTHC": code}).get("result") or [item])[0]
        fields = (detail.get("LINHVUCTHUCHIEN") or [{}])[0]
        NationalProcedure.objects.update_or_create(
            code=code,
            defaults={
                "name": str(detail.get("TENTTHC") or item.get("TENTTHC") or "")[:500],
                "field_code": str(fields.get("MALINHVUC") or "")[:40],
                "field_name": str(fields.get("TENLINHVUC") or "")[:300],
                "agency_level": str(detail.get("CAPTHUCHIEN") or "")[:60],
                "time_limit": _time_limit(detail)[:300],
                "fee_text": _fees(detail)[:500],
                "raw": detail,
                "pulled_at": now,
            },
        )
        stored += 1
    from ansinh.procedures.models import Procedure

    linked = Procedure.objects.filter(national_code__in=NationalProcedure.objects.values("code")).count()
    return {"pulled": stored, "linked": linked}


def _time_limit(detail: dict) -> str:
    ways = detail.get("CACHTHUCTHUCHIEN") or []
    return "; ".join(
        f"{w.get('KENH', '')}: {t.get('THOIGIANGIAIQUYET', '')} {t.get('DONVITINH', '')}".strip()
        for w in ways
        for t in (w.get("THOIGIAN") or [])
    )


def _fees(detail: dict) -> str:
    ways = detail.get("CACHTHUCTHUCHIEN") or []
    return "; ".join(
        f"{fee.get('MOTA', '')} {fee.get('MUCPHI', '')}".strip()
        for w in ways
        for t in (w.get("THOIGIAN") or [])
        for fee in (t.get("PHILEPHI") or [])
    )


# ---- questions and ratings (from the feedback app, through services.services) ---------------------------


def report_question(
    *, code: str, title: str, question: str, asked_by: str, asked_on, answer: str, answered_on, field: str
) -> None:
    """DongBoHoiDap: a question and the agency's answer, published on the portal."""
    outbox.enqueue(
        QUESTION,
        f"question:{code}",
        {
            "MaCauHoi": code,
            "TieuDe": title,
            "NoiDungCauHoi": question,
            "NguoiHoi": asked_by,
            "NgayHoi": p.portal_date(asked_on),
            "NoiDungTraLoi": answer,
            "NgayTraLoi": p.portal_date(answered_on),
            "DonViTraLoi": settings.AGENCY_NAME,
            "LinhVuc": str(field),
        },
    )


def report_rating(*, code: str, rating: int, comment: str, rated_on) -> None:
    """DongBoDanhGia: the person's rating (1–5) of how a dossier or a request was handled."""
    outbox.enqueue(
        RATING,
        f"rating:{code}",
        {
            "MaHoSo": code,
            "DiemDanhGia": rating,
            "NoiDungDanhGia": comment,
            "NgayDanhGia": p.portal_date(rated_on),
            "DonViDanhGia": settings.AGENCY_NAME,
        },
    )
