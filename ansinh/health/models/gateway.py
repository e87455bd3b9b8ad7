"""The e-gateway that hospital software talks to: facility accounts and their session tokens, the receptionists a
facility registers, the check-ins (XML0) received at admission, and the receipt of every file sent.

Secrets: a facility's password arrives as its MD5 (the gateway's wire format); only a Django password hash of that
MD5 is stored. Tokens are stored as SHA-256 digests, never in the clear."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.core.ids import mask_cccd
from ansinh.health.models.claims import Submission
from ansinh.health.models.reference import Facility
from ansinh.registry.models import Person


class GatewayAccount(models.Model):
    """A facility's gateway log-in (e.g. 42001_BV). Acts through its own machine user (role facility)."""

    username = models.CharField(_("username"), max_length=50, unique=True)
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="gateway_accounts", verbose_name=_("facility")
    )
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gateway_account")
    password = models.CharField(_("password hash (of the MD5 sent on the wire)"), max_length=128)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    password_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gateway account")
        ordering = ["username"]

    def __str__(self):
        return f"{self.username} ({self.facility_id})"


class GatewayToken(models.Model):
    """One session taken with /api/token/take: the pair access_token + id_token, valid until expires_at."""

    audit_exclude = True  # every take is audited as a log-in event; rows themselves hold only digests

    account = models.ForeignKey(GatewayAccount, on_delete=models.CASCADE, related_name="tokens")
    access_hash = models.CharField(max_length=64, unique=True)
    id_hash = models.CharField(max_length=64)
    password_proof = models.CharField(max_length=64)  # keyed HMAC of the wire MD5: checks passwordHash headers cheaply
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("gateway token")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.account_id} {self.issued_at:%Y-%m-%d %H:%M} → {self.expires_at:%H:%M}"


class Receptionist(models.Model):
    """A member of a facility's staff registered to make card checks (hoTenCb, cccdCb)."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="receptionists", verbose_name=_("facility")
    )
    full_name = models.CharField(_("full name"), max_length=100)
    cccd = models.CharField(_("CCCD"), max_length=12)
    is_active = models.BooleanField(_("active"), default=True)
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("receptionist")
        ordering = ["facility", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "cccd"], name="one_receptionist_per_cccd_and_facility")
        ]

    def __str__(self):
        return f"{self.full_name} ({mask_cccd(self.cccd)}) {self.facility_id}"


class GatewayReceipt(models.Model):
    """What the gateway answered for one file (check-in or claims): its transaction code (maGiaoDich), when it was
    received and what it became. A file sent again gets the same receipt, never a second intake."""

    class Kind(models.TextChoices):
        CHECK_IN = "checkin", _("check-in (XML0)")
        CLAIMS = "claims", _("claims (XML 130)")

    code = models.CharField(_("transaction code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    account = models.ForeignKey(GatewayAccount, on_delete=models.PROTECT, related_name="receipts")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("records"), default=0)
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("gateway receipt")
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["facility", "kind", "sha256"], name="one_receipt_per_file")]

    def __str__(self):
        return f"{self.code} {self.kind} {self.facility_id}"


class CheckIn(models.Model):
    """One row of a check-in file (XML0, TRANG_THAI_KCB): a patient admitted, before the claim is sent."""

    audit_exclude = True  # stored in bulk; the receipt is the audited record of the file

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="check_ins")
    receipt = models.ForeignKey(GatewayReceipt, on_delete=models.CASCADE, related_name="check_ins")
    ma_lk = models.CharField(_("record key (MA_LK)"), max_length=100)
    stt = models.PositiveIntegerField(_("line number"), default=1)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="hi_check_ins")
    patient_code = models.CharField(_("patient code (MA_BN)"), max_length=100, blank=True)
    full_name = models.CharField(_("full name"), max_length=100)
    cccd = models.CharField(_("CCCD"), max_length=12, blank=True)
    card_code = models.CharField(_("card code"), max_length=15, blank=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.PositiveSmallIntegerField(_("sex (1 male, 2 female, 3 undetermined)"))
    registered_code = models.CharField(_("registered facility (MA_DKBD)"), max_length=5, blank=True)
    patient_kind = models.CharField(_("patient case (MA_DOITUONG_KCB)"), max_length=4, blank=True)
    admitted = models.DateTimeField(_("admitted"))
    admitted_inpatient = models.DateTimeField(_("admitted as inpatient"), null=True, blank=True)
    visit_type = models.CharField(_("visit type (MA_LOAI_KCB)"), max_length=2)

    class Meta:
        verbose_name = _("check-in")
        constraints = [models.UniqueConstraint(fields=["facility", "ma_lk", "stt"], name="one_check_in_row_per_key")]
        indexes = [models.Index(fields=["person", "-admitted"])]

    def __str__(self):
        return f"{self.facility_id}/{self.ma_lk}#{self.stt}"
