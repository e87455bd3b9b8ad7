"""Fees through the national payment platform: what a dossier owes, the payment request that sends the
citizen to the platform, the platform's look-up of a dossier's fees and its confirmation callback (both
carry an HMAC-SHA256 checksum), and reconciliation of payments whose callback never came."""

from __future__ import annotations

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ansinh.procedures.integration_models import DossierFee
from ansinh.procedures.integrations import portal
from ansinh.procedures.integrations import protocol as p
from ansinh.procedures.integrations.http import ServiceError, post_json

Kind, Status = DossierFee.Kind, DossierFee.Status
PAID = "00"  # TrangThai of a successful payment
BAD_CHECKSUM, UNKNOWN_REFERENCE, WRONG_AMOUNT, BAD_MESSAGE = "01", "02", "03", "04"


def charge_on_filing(dossier) -> list[DossierFee]:
    """The procedure's fee, and the postage when the result goes by post (the applicant pays the post)."""
    owed = []
    if dossier.procedure.fee_amount:
        owed.append((Kind.FEE, dossier.procedure.fee_amount))
    if dossier.delivery == "post" and settings.POSTAGE_FEE:
        owed.append((Kind.POSTAGE, settings.POSTAGE_FEE))
    return [
        DossierFee.objects.create(dossier=dossier, kind=kind, amount=amount, reference=f"{dossier.receipt_code}-{n}")
        for n, (kind, amount) in enumerate(owed, 1)
    ]


def signed(fields: dict) -> dict:
    return {**fields, "checksum": p.checksum(settings.PAYMENT_SECRET, p.canonical(fields))}


def verified(data: dict) -> dict | None:
    """The fields of a message from the platform when its checksum is right, else None."""
    fields = {k: v for k, v in data.items() if k != "checksum"}
    return (
        fields if p.checksum_ok(settings.PAYMENT_SECRET, p.canonical(fields), str(data.get("checksum", ""))) else None
    )


def start_payment(dossier, return_url: str, callback_url: str, http: requests.Session | None = None) -> str:
    """Ask the platform for a payment of everything the dossier still owes; the address to send the payer to."""
    due = list(dossier.fees.filter(status=Status.DUE))
    if not due:
        raise ServiceError("nothing_due", "nothing to pay")
    if not settings.PAYMENT_URL:
        raise ServiceError("not_configured", "the payment platform is not configured")
    body = signed(
        {
            "MaDoiTac": settings.PAYMENT_MERCHANT_CODE,
            "MaHoSo": dossier.code_on_portal,
            "MaThamChieu": due[0].reference,
            "DanhSachThamChieu": [f.reference for f in due],
            "SoTien": sum(f.amount for f in due),
            "NoiDung": f"Thanh toan ho so {dossier.receipt_code}",
            "UrlTraVe": return_url,
            "UrlThongBao": callback_url,
            "ThoiGianTao": p.portal_date(timezone.now()),
        }
    )
    answer = post_json(
        http or requests.Session(),
        settings.PAYMENT_URL.rstrip("/") + "/payments",
        body,
        settings.PORTAL_TIMEOUT_SECONDS,
    )
    url = str((answer.get("result") or {}).get("UrlThanhToan") or "")
    if not p.succeeded(answer) or not url.startswith(("https://", "http://")):
        raise ServiceError(str(answer.get("error_code", "refused")), str(answer.get("message") or "no payment address"))
    return url


def lookup(data: dict) -> dict:
    """The platform asks what a dossier owes (by MaHoSo); the answer is signed the same way."""
    fields = verified(data)
    if fields is None:
        return p.reply(BAD_CHECKSUM, "checksum does not match")
    from ansinh.procedures.models import Dossier

    code = str(fields.get("MaHoSo") or "").strip()[:40]
    dossier = Dossier.objects.filter(portal_code=code).first() or Dossier.objects.filter(receipt_code=code).first()
    if dossier is None:
        return p.reply(UNKNOWN_REFERENCE, "MaHoSo: no such dossier")
    fees = [
        {
            "MaThamChieu": f.reference,
            "TenPhiLePhi": str(f.get_kind_display()),
            "SoTien": f.amount,
            "TrangThai": f.status,
        }
        for f in dossier.fees.all()
    ]
    due = sum(f["SoTien"] for f in fees if f["TrangThai"] == Status.DUE)
    return p.reply(0, "", signed({"MaHoSo": dossier.code_on_portal, "DanhSachLePhi": fees, "TongTienConNo": due}))


def confirm(data: dict) -> dict:
    """The platform's callback: checked, applied once (a repeat answers "already confirmed")."""
    fields = verified(data)
    if fields is None:
        return p.reply(BAD_CHECKSUM, "checksum does not match")
    references = fields.get("DanhSachThamChieu") or [fields.get("MaThamChieu")]
    transaction_id = str(fields.get("MaGiaoDich") or "").strip()[:60]
    if not transaction_id or str(fields.get("TrangThai")) != PAID:
        return p.reply(0, "noted: not paid") if transaction_id else p.reply(BAD_MESSAGE, "MaGiaoDich: required")
    return _apply_payment([str(r)[:40] for r in references if r], transaction_id, fields)


@transaction.atomic
def _apply_payment(references: list[str], transaction_id: str, fields: dict) -> dict:
    fees = list(DossierFee.objects.select_for_update().filter(reference__in=references).select_related("dossier"))
    if len(fees) != len(set(references)) or not fees:
        return p.reply(UNKNOWN_REFERENCE, "MaThamChieu: unknown payment reference")
    if all(f.status == Status.PAID for f in fees):
        return p.reply(0, "already confirmed", {"MaGiaoDich": fees[0].transaction_id})
    if _int(fields.get("SoTien")) != sum(f.amount for f in fees):
        return p.reply(WRONG_AMOUNT, f"SoTien: {fields.get('SoTien')} is not the {sum(f.amount for f in fees)} owed")
    paid_at = _paid_at(fields)
    for n, fee in enumerate(fees):
        fee.status, fee.paid_at, fee.paid_via = Status.PAID, paid_at, str(fields.get("KenhThanhToan") or "PayGov")[:60]
        fee.transaction_id = transaction_id if n == 0 else f"{transaction_id}/{n}"
        fee.save(update_fields=["status", "paid_at", "paid_via", "transaction_id"])

    portal.report_step(fees[0].dossier, note="Đã thanh toán phí, lệ phí trực tuyến")
    return p.reply(0, "confirmed", {"MaGiaoDich": transaction_id})


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _paid_at(fields: dict):
    try:
        return p.parse_portal_date(str(fields.get("ThoiGianThanhToan") or "")) or timezone.now()
    except p.ProtocolError:
        return timezone.now()


def reconcile(http: requests.Session | None = None, older_than_minutes: int = 15) -> dict:
    """Ask the platform about fees still due (their callback may have been lost) and apply what was paid."""
    if not settings.PAYMENT_URL:
        return {"configured": False}
    http, applied, asked = http or requests.Session(), 0, 0
    # Dossiers are received on the agency's calendar day: compare local dates (a UTC date is a day behind
    # between midnight and 07:00 in Vietnam).
    cutoff = timezone.localtime(timezone.now() - timezone.timedelta(minutes=older_than_minutes)).date()
    for fee in DossierFee.objects.filter(status=Status.DUE, dossier__received_on__lte=cutoff)[:500]:
        asked += 1
        answer = post_json(
            http,
            settings.PAYMENT_URL.rstrip("/") + "/payments/status",
            signed({"MaDoiTac": settings.PAYMENT_MERCHANT_CODE, "MaThamChieu": fee.reference}),
            settings.PORTAL_TIMEOUT_SECONDS,
        )
        result = answer.get("result") or {}
        if p.succeeded(answer) and result and str(result.get("TrangThai")) == PAID:
            applied += p.succeeded(confirm(result))
    return {"asked": asked, "paid": applied}
