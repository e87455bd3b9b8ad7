"""Claims received in the Ministry of Health XML standard (QĐ 130/4750), their lines, and their assessment."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.models import BatchRun
from ansinh.health.models.reference import Facility
from ansinh.registry.models import Person


class Outcome(models.TextChoices):
    PENDING = "pending", _("not assessed yet")
    ACCEPTED = "accepted", _("accepted")
    ADJUSTED = "adjusted", _("adjusted")
    REJECTED = "rejected", _("rejected")


class Submission(models.Model):
    """One GIAMDINHHS envelope of which at least one record was taken. An envelope of which nothing could be taken
    leaves nothing behind; the records refused are listed with it (RefusedRecord)."""

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="submissions")
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    prepared_on = models.DateField(_("prepared on (NGAYLAP)"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(_("channel"), max_length=8, default="api")
    sha256 = models.CharField(max_length=64, unique=True)
    claims = models.PositiveIntegerField(_("claims"), default=0)
    records = models.PositiveIntegerField(_("records received"), default=0)
    replaced = models.PositiveIntegerField(_("records replacing an earlier version"), default=0)
    refused = models.PositiveIntegerField(_("records refused"), default=0)

    class Meta:
        verbose_name = _("claim submission")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.facility_id} {self.received_at:%Y-%m-%d %H:%M} ({self.claims})"


class ClaimAssessmentRun(BatchRun):
    """One pass of the assessment rules over the claims still pending (or those named)."""

    claims = models.PositiveIntegerField(default=0)
    lines = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    adjusted = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)

    class Meta(BatchRun.Meta):
        verbose_name = _("claims assessment run")

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
    full_name = models.CharField(_("full name"), max_length=255)
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
    run = models.ForeignKey(ClaimAssessmentRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveSmallIntegerField(pgettext_lazy("record version", "version"), default=1)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    patient_code = models.CharField(_("patient number at the facility (MA_BN)"), max_length=100, blank=True)
    record_no = models.CharField(_("medical record number (MA_HSBA)"), max_length=100, blank=True)
    birth_precision = models.CharField(_("date of birth known to the day, month or year"), max_length=5, default="day")
    cards = models.TextField(_("cards during the visit (MA_THE_BHYT)"), blank=True)
    card_valid_from = models.DateField(_("card valid from"), null=True, blank=True)
    card_valid_to = models.DateField(_("card valid to"), null=True, blank=True)
    copay_exempt_from = models.DateField(_("exempt from co-payment from (NGAY_MIEN_CCT)"), null=True, blank=True)
    five_years_from = models.DateField(_("five consecutive years reached (NAM_NAM_LIEN_TUC)"), null=True, blank=True)
    secondary_diagnoses = models.CharField(_("other diagnoses (MA_BENH_KT)"), max_length=100, blank=True)
    referred_from = models.CharField(_("referred from (MA_NOI_DI)"), max_length=5, blank=True)
    department = models.CharField(_("department (MA_KHOA)"), max_length=50, blank=True)
    inpatient_from = models.DateTimeField(_("inpatient from (NGAY_VAO_NOI_TRU)"), null=True, blank=True)
    other_sources = models.BigIntegerField(_("paid by other sources (T_NGUONKHAC)"), default=0)
    route_case = models.CharField(_("route case"), max_length=10, blank=True)
    extra = models.JSONField(_("other fields as sent"), default=dict, blank=True)

    class Meta:
        verbose_name = _("claim")
        constraints = [models.UniqueConstraint(fields=["facility", "ma_lk"], name="one_claim_per_record_key")]
        indexes = [
            models.Index(fields=["outcome", "review"]),
            models.Index(fields=["facility", "settle_year", "settle_month"]),
            models.Index(fields=["person", "admitted"]),
        ]

    def __str__(self):
        return f"{self.facility_id}/{self.ma_lk}"


class ClaimLine(models.Model):
    audit_exclude = True

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    table = models.CharField(_("table"), max_length=4)
    stt = models.PositiveIntegerField(_("line number"))
    code = models.CharField(_("code"), max_length=255)
    name = models.CharField(_("name"), max_length=1024)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    quantity = models.FloatField(_("quantity"))
    unit_price = models.DecimalField(_("unit price (HI)"), max_digits=18, decimal_places=3)
    amount = models.BigIntegerField(_("amount (THANH_TIEN_BH)"))
    copay_claimed = models.BigIntegerField(_("co-payment claimed"))
    fund_claimed = models.BigIntegerField(_("fund share claimed"))
    ordered_on = models.DateField(_("ordered on"))
    allowed_amount = models.BigIntegerField(_("allowed amount"), default=0)
    hospital_price = models.DecimalField(_("unit price (hospital)"), max_digits=18, decimal_places=3, default=0)
    hospital_amount = models.BigIntegerField(_("amount at hospital prices (THANH_TIEN_BV)"), default=0)
    scope = models.CharField(_("scope (PHAM_VI)"), max_length=1, default="1")
    cost_group = models.CharField(_("cost group (MA_NHOM)"), max_length=2, blank=True)
    service_rate = models.PositiveSmallIntegerField(_("service rate % (TYLE_TT_DV)"), default=100)
    hi_rate = models.PositiveSmallIntegerField(_("HI rate % (TYLE_TT_BH)"), default=100)
    level_pct = models.PositiveSmallIntegerField(_("benefit level claimed % (MUC_HUONG)"), default=0)
    patient_paid = models.BigIntegerField(_("paid by the patient (T_BNTT)"), default=0)
    other_sources = models.BigIntegerField(_("paid by other sources (T_NGUONKHAC)"), default=0)
    department = models.CharField(_("department (MA_KHOA)"), max_length=50, blank=True)
    ordered_at = models.DateTimeField(_("ordered at (NGAY_YL)"), null=True, blank=True)
    performed_at = models.DateTimeField(_("performed at (NGAY_TH_YL)"), null=True, blank=True)
    extra = models.JSONField(_("other fields as sent"), default=dict, blank=True)

    class Meta:
        verbose_name = _("claim line")
        ordering = ["claim", "table", "stt"]

    def __str__(self):
        return f"{self.claim_id} {self.table}#{self.stt} {self.code}"


class ClaimDetail(models.Model):
    """A row of the other tables of a record: paraclinical results (XML4) and clinical course (XML5), read and
    checked; discharge papers, referral, sick-leave and other certificates (XML6–XML15), kept as sent."""

    audit_exclude = True

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="details")
    table = models.CharField(_("table"), max_length=5)
    position = models.PositiveIntegerField(_("row"))
    fields = models.JSONField(_("fields"), default=dict)

    class Meta:
        verbose_name = _("claim detail")
        ordering = ["claim", "table", "position"]
        indexes = [models.Index(fields=["claim", "table"])]

    def __str__(self):
        return f"{self.claim_id} {self.table}#{self.position}"


class ClaimVersion(models.Model):
    """An earlier version of a record, kept when the facility sent the same MA_LK again (history, never shown as
    the current claim)."""

    audit_exclude = True

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(pgettext_lazy("record version", "version"))
    submission = models.ForeignKey(Submission, null=True, on_delete=models.SET_NULL, related_name="+")
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now)
    snapshot = models.JSONField(_("the record as it was"))

    class Meta:
        verbose_name = _("earlier version of a claim")
        ordering = ["claim", "-version"]
        constraints = [models.UniqueConstraint(fields=["claim", "version"], name="one_row_per_claim_version")]

    def __str__(self):
        return f"{self.claim_id} v{self.version}"


class RefusedRecord(models.Model):
    """A record of a submission that was not taken, with every reason (MA_LK, table, field, line)."""

    audit_exclude = True

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="refused_records")
    position = models.PositiveIntegerField(_("record in the envelope"))
    ma_lk = models.CharField(_("record key (MA_LK)"), max_length=100, blank=True)
    errors = models.JSONField(_("errors"))

    class Meta:
        verbose_name = _("refused record")
        ordering = ["submission", "position"]

    def __str__(self):
        return f"{self.submission_id}/{self.ma_lk or self.position}"


class Finding(models.Model):
    """What one assessment rule found on a claim (and the line it touches, if any)."""

    audit_exclude = True

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="findings")
    line = models.ForeignKey(ClaimLine, null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(_("rule"), max_length=12)
    reason = models.CharField(_("reason"), max_length=300)
    amount = models.BigIntegerField(_("amount cut"), default=0)
    # the figures behind `reason` (amounts, rates, the other claim), worded per language by rules.describe
    params = models.JSONField(_("figures"), default=dict, blank=True)
    run = models.ForeignKey(ClaimAssessmentRun, on_delete=models.CASCADE, related_name="findings")

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
