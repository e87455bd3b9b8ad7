"""Endpoints the outside services call: the portal forwarding a dossier, the payment platform looking up
fees and confirming a payment, the post office reporting a parcel. Each answers {error_code, message,
result} as the portal's adapter does; messages are authenticated by an HMAC checksum (portal, payments)
or the post office's API token."""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from ninja import Router, Schema, Status

from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError
from ansinh.core.roles import Role
from ansinh.core.throttles import account_throttles, api_throttles
from ansinh.procedures.inbound import postal, receiving
from ansinh.procedures.integrations import payments
from ansinh.procedures.integrations import protocol as p

router = Router(tags=["national services"])
MAX_BODY = 1024 * 1024
PARTNER_RATE = api_throttles("partner")


class Reply(Schema):
    error_code: int | str
    message: str
    result: dict | list | None = None


def _json(request) -> dict | None:
    if len(request.body) > MAX_BODY:
        return None
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@router.post("/portal/dossiers", response={200: Reply, 401: Reply, 422: Reply}, auth=None, throttle=PARTNER_RATE)
def forwarded_dossier(request):
    """The national portal forwards a dossier (header X-Checksum: HMAC-SHA256 of the body, hex). The same
    MaHoSo again answers error_code 0 with result.duplicate = true and our receipt code."""
    if not p.checksum_ok(settings.PORTAL_INBOUND_SECRET, request.body, request.headers.get("X-Checksum", "")):
        return Status(401, p.reply(receiving.BAD_MESSAGE, "X-Checksum does not match"))
    data = _json(request)
    if data is None:
        return Status(422, p.reply(receiving.BAD_MESSAGE, "the body must be one JSON object of at most 1 MB"))
    return receiving.receive(data)


@router.post("/payments/lookup", response={200: Reply, 422: Reply}, auth=None, throttle=PARTNER_RATE)
def payment_lookup(request):
    """The payment platform asks what a dossier owes: {MaHoSo, checksum}."""
    data = _json(request)
    return (
        payments.lookup(data) if data is not None else Status(422, p.reply(payments.BAD_MESSAGE, "not a JSON object"))
    )


@router.post(
    "/payments/confirm", response={200: Reply, 422: Reply}, auth=None, throttle=PARTNER_RATE, url_name="payment_confirm"
)
def payment_confirm(request):
    """The payment platform confirms a payment: {MaThamChieu, MaGiaoDich, SoTien, TrangThai, …, checksum}."""
    data = _json(request)
    return (
        payments.confirm(data) if data is not None else Status(422, p.reply(payments.BAD_MESSAGE, "not a JSON object"))
    )


class ParcelEventIn(Schema):
    code: str
    at: dt.datetime
    text: str = ""
    place: str = ""


@router.post(
    "/shipments/{item_code}/events", response=Reply, auth=roles(Role.POST_OFFICE), throttle=account_throttles("postal")
)
def parcel_event(request, item_code: str, payload: ParcelEventIn):
    """The post office reports a parcel's status (VNPost code, e.g. 14 delivered, 15 delivery failed)."""
    if len(payload.code) > 10 or len(item_code) > 40:
        raise DomainError.one("code", "a status code of at most 10 characters", "too_long")
    at = payload.at if payload.at.tzinfo else payload.at.replace(tzinfo=p.VN)
    shipment = postal.apply_status(item_code, payload.code, at, payload.text, payload.place, source="post_office")
    if shipment is None:
        raise DomainError.one("item_code", "No parcel of ours has this tracking number.", "not_found", location="path")
    return p.reply(0, "", {"status": shipment.status})
