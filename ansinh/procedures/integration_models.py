"""Records of the national connections: the outbox of messages to the portal and each delivery attempt, the
portal's procedure catalogue as last pulled, fees and their payments, and postal shipments with tracking."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One message to an outside service, written in the same transaction as the change it reports, so
    nothing is lost if the service is down; delivered in order per key, retried with back-off, replayable."""

    audit_exclude = True  # the delivery log below is the record; the change itself is audited where it happens

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("delivered")
        FAILED = "failed", _("gave up (replay it)")

    target = models.CharField(_("service"), max_length=16, default="portal")
    operation = models.CharField(_("operation"), max_length=40)
    key = models.CharField(_("about"), max_length=60, db_index=True, help_text=_("Messages with one key go in order."))
    payload = models.JSONField(_("message"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.operation} {self.key} ({self.status})"


class OutboxDelivery(models.Model):
    """One attempt to deliver a message: what came back and how long it took."""

    audit_exclude = True

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="deliveries")
    at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField()
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=20, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("delivery attempt")
        ordering = ["id"]

    def __str__(self):
        return f"{self.message_id} {'ok' if self.ok else self.error_code or 'failed'}"


class NationalProcedure(models.Model):
    """A procedure of the portal's catalogue (LayDanhSachTTHC / LayThuTuc) as last pulled."""

    code = models.CharField(_("code (MaTTHC)"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=500)
    field_code = models.CharField(_("field code"), max_length=40, blank=True)
    field_name = models.CharField(_("field"), max_length=300, blank=True)
    agency_level = models.CharField(_("level"), max_length=60, blank=True)
    time_limit = models.CharField(_("time limit (as published)"), max_length=300, blank=True)
    fee_text = models.CharField(_("fees (as published)"), max_length=500, blank=True)
    raw = models.JSONField(default=dict, blank=True)
    pulled_at = models.DateTimeField(_("pulled at"))

    class Meta:
        verbose_name = _("national catalogue entry")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name[:80]}"


class DossierFee(models.Model):
    """A fee or the postage a dossier owes, paid through the national payment platform (or at the counter)."""

    class Kind(models.TextChoices):
        FEE = "fee", _("fee")
        POSTAGE = "postage", _("postage for the result")

    class Status(models.TextChoices):
        DUE = "due", _("to pay")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    dossier = models.ForeignKey("services.Dossier", on_delete=models.CASCADE, related_name="fees")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount (đồng)"))
    reference = models.CharField(_("payment reference"), max_length=40, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DUE)
    transaction_id = models.CharField(_("transaction"), max_length=60, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_via = models.CharField(_("paid via"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("dossier fee")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["transaction_id"], condition=~models.Q(transaction_id=""), name="fee_transaction_once"
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.amount} ({self.status})"


class Shipment(models.Model):
    """The result sent by post: the VNPost order and where the parcel is."""

    class Status(models.TextChoices):
        CREATED = "created", _("order created")
        PICKED_UP = "picked_up", _("picked up")
        IN_TRANSIT = "in_transit", _("in transit")
        DELIVERING = "delivering", _("out for delivery")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("delivery failed")
        RETURNED = "returned", _("returned to the agency")

    dossier = models.ForeignKey("services.Dossier", on_delete=models.PROTECT, related_name="shipments")
    order_id = models.CharField(_("VNPost order"), max_length=60, blank=True)
    item_code = models.CharField(_("tracking number"), max_length=40, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CREATED)
    fee = models.PositiveIntegerField(_("postage charged (đồng)"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shipment")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.item_code} {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DELIVERED, self.Status.FAILED, self.Status.RETURNED)


class ShipmentEvent(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    code = models.CharField(_("VNPost status code"), max_length=10)
    status = models.CharField(max_length=12, choices=Shipment.Status.choices)
    text = models.CharField(max_length=300, blank=True)
    place = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=12, default="tracking")  # tracking pull or the post office's API call

    class Meta:
        verbose_name = _("shipment event")
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["shipment", "at", "code"], name="shipment_event_once")]

    def __str__(self):
        return f"{self.shipment_id} {self.code} {self.at}"
