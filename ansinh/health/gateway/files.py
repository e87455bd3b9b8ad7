"""Files a facility sends through the gateway: the check-in at admission (XML0) and the claims (GIAMDINHHS, XML 130).

Either the whole file is taken and a receipt (maGiaoDich, thoiGianTiepNhan) comes back, or nothing is stored and
the answer lists every error. A file sent again is answered with its first receipt, never taken twice.
Claims go through the claims intake, the same one An Sinh's own API uses."""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.health import intake
from ansinh.health.gateway.accounts import Session
from ansinh.health.gateway.wire import FileIn, second
from ansinh.health.gateway.xml0 import CheckInRejected, read_check_in
from ansinh.health.models import CheckIn, GatewayReceipt
from ansinh.health.xml130 import EnvelopeRejected
from ansinh.registry.models import Person

KINDS = {GatewayReceipt.Kind.CHECK_IN: {"0", "xml0"}, GatewayReceipt.Kind.CLAIMS: {"130", "4750", "3176", "qd130"}}


@dataclass
class Answer:
    """The gateway's reply to a file: maKetQua 200 with a receipt, or an error code with every reason."""

    code: str
    message: str
    receipt: GatewayReceipt | None = None
    errors: list[dict] = field(default_factory=list)

    def as_reply(self) -> dict:
        at = self.receipt.received_at if self.receipt else timezone.now()
        reply = {
            "maKetQua": self.code,
            "maGiaoDich": self.receipt.code if self.receipt else None,
            "thoiGianTiepNhan": second(at),
            "thongDiep": self.message,
        }
        if self.errors:
            reply["dsLoi"] = self.errors
        return reply


def _refused(code: str, message: str, errors: list[dict] | None = None) -> Answer:
    return Answer(code, message, errors=errors or [])


def envelope_problem(session: Session, form: FileIn, kind: str, raw_xml: bool) -> Answer | None:
    """401/403/205 when the fields around the file do not fit the session: who sends, for which facility."""
    if form.username and form.username.lower() != session.username.lower():
        return _refused("401", _("username %(name)s is not the account of this session") % {"name": form.username})
    if form.ma_cskcb and form.ma_cskcb != session.facility_code:
        return _refused(
            "403",
            _("the account %(account)s sends for %(own)s, not %(other)s")
            % {"account": session.username, "own": session.facility_code, "other": form.ma_cskcb},
        )
    if form.ma_tinh and form.ma_tinh.zfill(2)[-2:] != session.facility_code[:2]:
        return _refused(
            "205",
            _("maTinh %(province)s is not the province of facility %(facility)s")
            % {"province": form.ma_tinh, "facility": session.facility_code},
        )
    if form.loai_ho_so and form.loai_ho_so.lower() not in KINDS[kind]:
        return _refused(
            "205",
            _("loaiHoSo %(given)s is not allowed here (%(allowed)s)")
            % {"given": form.loai_ho_so, "allowed": ", ".join(sorted(KINDS[kind]))},
        )
    if not raw_xml and not form.file_hs_base64:
        return _refused("205", _("fileHSBase64 is missing"))
    return None


def decode(form: FileIn) -> bytes:
    """The file inside fileHSBase64. Line breaks, which some software inserts, are ignored; a space can only be a '+'
    that was sent without form encoding (base64 has no spaces)."""
    text = "".join(form.file_hs_base64.replace(" ", "+").split())
    if len(text) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise ValueError(_("the file is larger than %(size)d bytes") % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(_("fileHSBase64 is not valid base64")) from None


def _known(session: Session, kind: str, digest: str) -> Answer | None:
    receipt = GatewayReceipt.objects.filter(facility__code=session.facility_code, kind=kind, sha256=digest).first()
    return Answer("200", _("this file was already received: its first receipt"), receipt) if receipt else None


def _receipt(session: Session, kind: str, digest: str, rows: int, submission=None) -> GatewayReceipt:
    return GatewayReceipt.objects.create(
        code=uuid.uuid4().hex.upper(),
        kind=kind,
        account_id=session.account_id,
        facility_id=_facility_id(session),
        sha256=digest,
        rows=rows,
        submission=submission,
    )


def _facility_id(session: Session) -> int:
    from ansinh.health.models import Facility

    return Facility.objects.values_list("pk", flat=True).get(code=session.facility_code)


def receive_check_in(session: Session, data: bytes) -> Answer:
    digest = hashlib.sha256(data).hexdigest()
    known = _known(session, GatewayReceipt.Kind.CHECK_IN, digest)
    if known:
        return known
    try:
        rows = read_check_in(data, session.facility_code)
    except CheckInRejected as exc:
        return _refused(
            "205",
            _("the check-in file has %(n)d error(s); nothing was stored") % {"n": len(exc.errors)},
            [{"maLK": e.ma_lk, "truong": e.field, "loi": e.reason, "dong": e.row} for e in exc.errors],
        )
    with transaction.atomic():
        receipt = _receipt(session, GatewayReceipt.Kind.CHECK_IN, digest, len(rows))
        new = _store_check_ins(rows, receipt)
    return Answer("200", _("%(rows)d check-in row(s) received, %(new)d new") % {"rows": len(rows), "new": new}, receipt)


def _store_check_ins(rows: list[dict], receipt: GatewayReceipt) -> int:
    """New rows only (a row already received, same MA_LK and STT, is kept as first received), linked to the person."""
    keys = {(r["ma_lk"], r["stt"]) for r in rows}
    known = set(
        CheckIn.objects.filter(facility_id=receipt.facility_id, ma_lk__in={k[0] for k in keys}).values_list(
            "ma_lk", "stt"
        )
    )
    fresh = [r for r in rows if (r["ma_lk"], r["stt"]) not in known]
    if not fresh:
        return 0
    by_cccd = dict(Person.objects.filter(cccd__in={r["cccd"] for r in fresh if r["cccd"]}).values_list("cccd", "pk"))
    by_si = dict(
        Person.objects.filter(si_number__in={r["card_code"][-10:] for r in fresh if r["card_code"]}).values_list(
            "si_number", "pk"
        )
    )
    local = timezone.get_current_timezone()  # the file's times are the facility's wall clock
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                facility_id=receipt.facility_id,
                receipt=receipt,
                ma_lk=r["ma_lk"],
                stt=r["stt"],
                person_id=by_cccd.get(r["cccd"]) or by_si.get(r["card_code"][-10:] if r["card_code"] else ""),
                patient_code=r["patient_code"],
                full_name=r["full_name"],
                cccd=r["cccd"],
                card_code=r["card_code"],
                birth_date=r["birth_date"],
                sex=r["sex"],
                registered_code=r["registered_code"],
                patient_kind=r["patient_kind"],
                admitted=timezone.make_aware(r["admitted"], local),
                admitted_inpatient=timezone.make_aware(r["admitted_inpatient"], local)
                if r["admitted_inpatient"]
                else None,
                visit_type=r["visit_type"],
            )
            for r in fresh
        ],
        batch_size=500,
    )
    return len(fresh)


def receive_claims(session: Session, data: bytes) -> Answer:
    digest = hashlib.sha256(data).hexdigest()
    known = _known(session, GatewayReceipt.Kind.CLAIMS, digest)
    if known:
        return known
    try:
        with transaction.atomic():
            submission = intake.receive(data, session.user, channel="gateway")
            receipt = _receipt(session, GatewayReceipt.Kind.CLAIMS, digest, submission.claims, submission)
    except EnvelopeRejected as exc:
        return _refused(
            "205",
            _("the claims file has %(n)d error(s); nothing was stored") % {"n": len(exc.errors)},
            [
                {"maLK": e.ma_lk, "bang": e.table, "truong": e.field, "loi": e.reason, "dong": e.line}
                for e in exc.errors
            ],
        )
    return Answer("200", _("%(n)d record(s) received for assessment") % {"n": submission.claims}, receipt)
