"""Claims received in the Ministry of Health XML standard (QĐ 130/4750), their lines, and their assessment."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.health.models.reference import Facility
from ansinh.registry.models import Person


class Outcome(models.TextChoices):
    PENDING = "pending", _("not assessed yet")
    ACCEPTED = "accepted", _("accepted")
    ADJUSTED = "adjusted", _("adjusted")
    REJECTED = "rejected", _("rejected")


class Submission(models.Model):
    """One accepted GIAMDINHHS envelope. A rejected envelope leaves nothing behind."""

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="submissions")
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    prepared_on = models.DateField(_("prepared on (NGAYLAP)"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(_("channel"), max_length=8, default="api")
    sha256 = models.CharField(max_length=64, unique=True)
    claims = models.PositiveIntegerField(_("claims"), default=0)

    class Meta:
        verbose_name = _("claim submission")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.facility_id} {self.received_at:%Y-%m-%d %H:%M} ({self.claims})"


class AssessmentRun(models.Model):
    started_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    claims = models.PositiveIntegerField(default=0)
    lines = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    adjusted = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("claims assessment run")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"assessment #{self.pk} ({self.claims} claims)"


class Claim(models.Model):
    """One visit (XML1 row, linked to its lines by MA_LK) with the amounts claimed and, once assessed, allowed."""

    audit_exclude = True  # written and assessed in bulk; runs record batch events, reviews are ClaimReview rows

    class Review(models.TextChoices):
        NONE = "none", _("no review needed")
        TO_REVIEW = "to_review", _("to review")
        REVIEWED = "reviewed", _("reviewed")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="claim_rows")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="claims")
    ma_lk = models.CharField(_("record key (MA_LK)"), max_length=100)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="hi_claims")
    cccd = models.CharField(_("CCCD"), max_length=12, blank=True)
    card_code = models.CharField(_("card code"), max_length=15, blank=True)
    full_name = models.CharField(_("full name"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    registered_code = models.CharField(_("registered facility (MA_DKBD)"), max_length=5, blank=True)
    diagnosis = models.CharField(_("main diagnosis"), max_length=10)
    patient_kind = models.CharField(_("patient case (MA_DOITUONG_KCB)"), max_length=4)
    visit_type = models.CharField(_("visit type (MA_LOAI_KCB)"), max_length=2)
    admitted = models.DateTimeField(_("admitted"))
    discharged = models.DateTimeField(_("discharged"))
    days = models.PositiveIntegerField(_("treatment days"))
    drugs_total = models.BigIntegerField(_("drugs (T_THUOC)"))
    supplies_total = models.BigIntegerField(_("supplies (T_VTYT)"))
    hospital_total = models.BigIntegerField(_("total at hospital prices (T_TONGCHI_BV)"))
    hi_total = models.BigIntegerField(_("total within HI scope (T_TONGCHI_BH)"))
    patient_paid = models.BigIntegerField(_("paid by the patient (T_BNTT)"))
    copay_claimed = models.BigIntegerField(_("co-payment claimed (T_BNCCT)"))
    fund_claimed = models.BigIntegerField(_("fund share claimed (T_BHTT)"))
    settle_year = models.PositiveSmallIntegerField(_("settlement year"))
    settle_month = models.PositiveSmallIntegerField(_("settlement month"))
    outcome = models.CharField(_("outcome"), max_length=9, choices=Outcome.choices, default=Outcome.PENDING)
    allowed_total = models.BigIntegerField(_("allowed cost"), default=0)
    fund_amount = models.BigIntegerField(_("fund pays"), default=0)
    copay_amount = models.BigIntegerField(_("co-payment"), default=0)
    benefit_pct = models.PositiveSmallIntegerField(_("benefit level (%)"), default=0)
    route_pct = models.PositiveSmallIntegerField(_("share paid for the route (%)"), default=0)
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, default=Review.NONE)
    run = models.ForeignKey(AssessmentRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("claim")
        constraints = [models.UniqueConstraint(fields=["facility", "ma_lk"], name="one_claim_per_record_key")]
        indexes = [models.Index(fields=["outcome", "review"]), models.Index(fields=["facility", "settle_year", "settle_month"]),
                   models.Index(fields=["person", "admitted"])]

    def __str__(self):
        return f"{self.facility_id}/{self.ma_lk}"


class ClaimLine(models.Model):
    audit_exclude = True

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    table = models.CharField(_("table"), max_length=4)
    stt = models.PositiveIntegerField(_("line number"))
    code = models.CharField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    quantity = models.FloatField(_("quantity"))
    unit_price = models.BigIntegerField(_("unit price (HI)"))
    amount = models.BigIntegerField(_("amount (THANH_TIEN_BH)"))
    copay_claimed = models.BigIntegerField(_("co-payment claimed"))
    fund_claimed = models.BigIntegerField(_("fund share claimed"))
    ordered_on = models.DateField(_("ordered on"))
    allowed_amount = models.BigIntegerField(_("allowed amount"), default=0)

    class Meta:
        verbose_name = _("claim line")
        ordering = ["claim", "table", "stt"]

    def __str__(self):
        return f"{self.claim_id} {self.table}#{self.stt} {self.code}"


class Finding(models.Model):
    """What one assessment rule found on a claim (and the line it touches, if any)."""

    audit_exclude = True

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="findings")
    line = models.ForeignKey(ClaimLine, null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(_("rule"), max_length=12)
    reason = models.CharField(_("reason"), max_length=300)
    amount = models.BigIntegerField(_("amount cut"), default=0)
    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="findings")

    class Meta:
        verbose_name = _("assessment finding")
        ordering = ["claim", "line", "rule"]

    def __str__(self):
        return f"{self.claim_id} {self.rule}"


class ClaimReview(models.Model):
    """An assessor's decision on a flagged claim (audited by the model signals)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    outcome_before = models.CharField(max_length=9, choices=Outcome.choices)
    outcome = models.CharField(_("outcome"), max_length=9, choices=Outcome.choices)
    fund_before = models.BigIntegerField()
    fund_amount = models.BigIntegerField(_("fund pays"))
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        verbose_name = _("claim review")
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.claim_id} {self.outcome_before}→{self.outcome}"
