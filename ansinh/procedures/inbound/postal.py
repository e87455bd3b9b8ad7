"""Results by post through VNPost's partner API: a token, CreateOrder with the agency as sender and the
applicant as receiver (the dossier number is the order code), tracking statuses pulled or reported by the
post office. A failed delivery puts the result back in the service desk's hand-over queue."""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from pathlib import Path

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ansinh.procedures import workflow
from ansinh.procedures.integration_models import Shipment, ShipmentEvent
from ansinh.procedures.integrations import portal
from ansinh.procedures.integrations.http import ServiceError, post_json

STATUSES_CSV = Path(__file__).resolve().parent.parent / "data" / "vnpost_statuses.csv"
TOKEN_PATH, CREATE_PATH, TRACK_PATH = (
    "/customer-partner/GetAccessToken",
    "/customer-partner/CreateOrder",
    "/customer-partner/orderTracking",
)
Status = Shipment.Status
REOPENING = (Status.FAILED, Status.RETURNED)


@cache
def status_table() -> dict[str, tuple[str, str]]:
    with STATUSES_CSV.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {r["code"]: (r["status"], r["name_vi"]) for r in rows}


class VNPostClient:
    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        customer_code: str,
        timeout: float = 20,
        http: requests.Session | None = None,
    ):
        self.base_url, self.username, self.password = base_url.rstrip("/"), username, password
        self.customer_code, self.timeout, self.http, self.token = customer_code, timeout, http or requests.Session(), ""

    @classmethod
    def from_settings(cls) -> VNPostClient | None:
        if not settings.VNPOST_URL:
            return None
        return cls(
            settings.VNPOST_URL,
            settings.VNPOST_USERNAME,
            settings.VNPOST_PASSWORD,
            settings.VNPOST_CUSTOMER_CODE,
            settings.PORTAL_TIMEOUT_SECONDS,
        )

    def _post(self, path: str, body: dict) -> dict:
        if not self.token:
            answer = post_json(
                self.http,
                self.base_url + TOKEN_PATH,
                {"username": self.username, "password": self.password, "customerCode": self.customer_code},
                self.timeout,
            )
            self.token = str(answer.get("token") or "")
            if not self.token:
                raise ServiceError("auth", str(answer.get("message") or "no token"))
        return post_json(self.http, self.base_url + path, body, self.timeout, headers={"token": self.token})

    def create_order(self, order: dict) -> dict:
        answer = self._post(CREATE_PATH, {"orderCreationStatus": 1, "type": "GUI", "informationOrder": order})
        if not answer.get("itemCode"):
            raise ServiceError("refused", str(answer.get("message") or "no tracking number in the reply"))
        return answer

    def tracking(self, item_codes: list[str]) -> list[dict]:
        answer = self._post(TRACK_PATH, {"itemCodes": item_codes})
        return answer.get("data") or []


def order_for(dossier) -> dict:
    """CreateOrder's informationOrder: the agency sends, the applicant receives, the dossier is the order."""
    receiver = dossier.employer.name if dossier.employer_id else dossier.person.full_name
    phone = dossier.contact_phone or (dossier.employer.phone if dossier.employer_id else dossier.person.phone)
    return {
        "senderName": settings.AGENCY_NAME,
        "senderPhone": settings.VNPOST_SENDER_PHONE,
        "senderAddress": settings.VNPOST_SENDER_ADDRESS,
        "senderProvinceCode": settings.VNPOST_SENDER_PROVINCE,
        "receiverName": receiver,
        "receiverPhone": phone,
        "receiverAddress": dossier.postal_address,
        "serviceCode": settings.VNPOST_SERVICE_CODE,
        "saleOrderCode": dossier.receipt_code,
        "contentNote": f"Kết quả giải quyết hồ sơ {dossier.receipt_code}",
        "weight": "200",
        "addonService": [],
    }


def send_result(dossier, user, client: VNPostClient) -> Shipment:
    """Create the VNPost order for a decided dossier's result and record the hand-over to the post."""
    dossier.refresh_from_db()
    workflow.check_can_deliver(dossier, user)
    answer = client.create_order(order_for(dossier))  # outside the transaction: a slow post office holds no lock
    with transaction.atomic():
        shipment = Shipment.objects.create(
            dossier=dossier,
            order_id=str(answer.get("originalID") or "")[:60],
            item_code=str(answer["itemCode"])[:40],
            fee=int(answer.get("totalFee") or 0),
        )
        workflow.record_delivery(dossier, user, shipment.item_code)
    return shipment


@transaction.atomic
def apply_status(item_code: str, code: str, at: dt.datetime, text: str = "", place: str = "", source: str = "tracking"):
    """One tracking status, applied once (the same code at the same time again changes nothing). Returns the
    shipment, or None for an unknown tracking number."""
    shipment = Shipment.objects.select_for_update().select_related("dossier").filter(item_code=item_code).first()
    if shipment is None:
        return None
    status, name = status_table().get(str(code), (shipment.status, text))
    event, created = ShipmentEvent.objects.get_or_create(
        shipment=shipment,
        at=at,
        code=str(code)[:10],
        defaults={"status": status, "text": (text or name)[:300], "place": place[:200], "source": source},
    )
    if created and at >= _latest(shipment, event):
        _move(shipment, status, at)
    return shipment


def _latest(shipment, event) -> dt.datetime:
    latest = shipment.events.exclude(pk=event.pk).order_by("-at").values_list("at", flat=True).first()
    return latest or event.at


def _move(shipment: Shipment, status: str, at: dt.datetime) -> None:
    if status == shipment.status:
        return
    shipment.status, shipment.updated_at = status, timezone.now()
    shipment.save(update_fields=["status", "updated_at"])

    dossier = shipment.dossier
    if status == Status.DELIVERED:
        workflow.result_arrived(dossier, timezone.localdate(at))
    elif status in REOPENING:
        workflow.reopen_hand_over(dossier, shipment.get_status_display())
    else:
        portal.report_step(
            dossier, note=f"Bưu điện: {status_table().get(shipment.events.last().code, ('', status))[1]}"
        )


def pull_tracking(client: VNPostClient, limit: int = 500) -> dict:
    """Ask VNPost where the open parcels are and apply what is new."""
    open_ones = list(
        Shipment.objects.exclude(status__in=(Status.DELIVERED, *REOPENING)).values_list("item_code", flat=True)[:limit]
    )
    applied = 0
    for start in range(0, len(open_ones), 50):
        for row in client.tracking(open_ones[start : start + 50]):
            at = _parse_time(row.get("time"))
            if at and row.get("itemCode") and row.get("statusCode") is not None:
                applied += (
                    apply_status(
                        str(row["itemCode"]),
                        str(row["statusCode"]),
                        at,
                        str(row.get("statusName") or ""),
                        str(row.get("place") or ""),
                    )
                    is not None
                )
    return {"asked": len(open_ones), "applied": applied}


def _parse_time(text) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.get_current_timezone())
