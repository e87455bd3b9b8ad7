"""Benefit cases and entitlements, payment channels, and the monthly payroll with its bank files and returns."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.models import BatchRun
from ansinh.registry.models import Person

USER = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    PENSION = "pension", _("monthly pension")
    ONE_OFF = "one_off", _("one-off social insurance")
    SICKNESS = "sickness", _("sickness benefit")
    MATERNITY = "maternity", _("maternity benefit")
    UNEMPLOYMENT = "unemployment", _("unemployment benefit")
    OCCUPATIONAL = "occupational", _("occupational accident or disease benefit")
    SURVIVOR = "survivor", _("monthly survivor allowance")
    SURVIVOR_ONE_OFF = "survivor_one_off", _("one-off survivor allowance")
    FUNERAL = "funeral", _("funeral grant")
    SOCIAL_PENSION = "social_pension", _("social pension allowance")
    MONTHLY_ALLOWANCE = "monthly_allowance", _("monthly allowance before the social pension age")


# Kinds paid monthly whatever the computation finds (occupational is monthly only from 31% loss).
MONTHLY_KINDS = {Kind.PENSION, Kind.SURVIVOR, Kind.UNEMPLOYMENT, Kind.SOCIAL_PENSION, Kind.MONTHLY_ALLOWANCE}
# Kinds whose case person is the deceased: someone else (the beneficiary) is paid.
SURVIVOR_KINDS = {Kind.SURVIVOR, Kind.SURVIVOR_ONE_OFF, Kind.FUNERAL}


class BenefitCase(models.Model):
    """A claim for a benefit: opened from a dossier or by staff, computed by the rules, decided by a second
    officer (four-eyes), producing an entitlement."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        COMPUTED = "computed", _("computed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="benefit_cases")
    beneficiary = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benefit_cases_paid",
        verbose_name=_("paid to"),
        help_text=_("Who is paid, when not the person (survivors, funeral)."),
    )
    kind = models.CharField(_("benefit"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    dossier_ref = models.CharField(_("dossier reference"), max_length=40, blank=True)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True)
    computation = models.JSONField(_("computation"), null=True, blank=True)
    eligible = models.BooleanField(_("eligible"), null=True)
    amount = models.BigIntegerField(_("amount (đồng)"), null=True, blank=True)
    monthly = models.BooleanField(_("paid monthly"), default=False)
    opened_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    computed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    computed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=30, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("benefit case")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("computed_by")), name="case_four_eyes"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def entitlement(self):
        """The entitlement the decision created (the monthly one when there are two)."""
        return self.entitlements.order_by("-monthly", "id").first()

    @property
    def failed_checks(self) -> list[dict]:
        return [c for c in (self.computation or {}).get("checks", []) if c["blocking"] and not c["passed"]]


class Entitlement(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("being paid")
        SUSPENDED = "suspended", _("suspended")
        ENDED = "ended", _("ended")
        PAID = "paid", _("paid in full")

    case = models.ForeignKey(BenefitCase, null=True, blank=True, on_delete=models.PROTECT, related_name="entitlements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="entitlements")
    kind = models.CharField(_("benefit"), max_length=20, choices=Kind.choices)
    monthly = models.BooleanField(_("paid monthly"))
    amount = models.BigIntegerField(_("amount (đồng)"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    decision_number = models.CharField(_("decision number"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("entitlement")
        indexes = [models.Index(fields=["status", "monthly"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="entitlement_amount_positive")]

    def __str__(self):
        return f"{self.decision_number} {self.kind} {self.amount:,}"


class JobSearchReport(models.Model):
    """A month's job-search report of a person on unemployment benefit (Employment Law 74/2025): a month after
    the first is paid only once it is reported."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, related_name="job_search_reports")
    period = models.CharField(_("month"), max_length=7)
    reported_on = models.DateField(_("reported on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("job-search report")
        constraints = [models.UniqueConstraint(fields=["entitlement", "period"], name="one_job_search_report_a_month")]


class EntitlementAdjustment(models.Model):
    """One indexation applied to one entitlement (the version of pension.indexation): kept so a re-run
    never raises an amount twice."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, related_name="adjustments")
    valid_from = models.DateField(_("from"))
    pct = models.DecimalField(_("percent"), max_digits=6, decimal_places=2)
    before = models.BigIntegerField(_("before (đồng)"))
    after = models.BigIntegerField(_("after (đồng)"))
    source = models.CharField(_("legal source"), max_length=300)
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("entitlement adjustment")
        constraints = [
            models.UniqueConstraint(fields=["entitlement", "valid_from"], name="one_adjustment_per_indexation")
        ]


class Method(models.TextChoices):
    BANK = "bank", _("bank account")
    CASH = "cash", _("cash at the post office")


class PaymentChannel(models.Model):
    """How a beneficiary is paid now. Changes go through services.switch_channel, which keeps the history."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="payment_channel")
    method = models.CharField(_("method"), max_length=4, choices=Method.choices)
    bank_code = models.CharField(_("bank"), max_length=8, blank=True)
    account_number = models.CharField(_("account number"), max_length=20, blank=True)
    post_office_code = models.CharField(_("post-office cash point"), max_length=12, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment channel")
        constraints = [
            models.CheckConstraint(
                condition=Q(method="bank", bank_code__gt="", account_number__gt="")
                | Q(method="cash", post_office_code__gt=""),
                name="channel_complete",
            ),
        ]

    def __str__(self):
        return f"{self.method} {self.bank_code or self.post_office_code}"


class ChannelChange(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="channel_changes")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()
    reason = models.CharField(_("reason"), max_length=200)
    dossier_ref = models.CharField(_("dossier reference"), max_length=40, blank=True)
    changed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment channel change")
        ordering = ["-changed_at", "-id"]


class PayrollRun(BatchRun):
    """One month's payroll: draft → approved → sent → reconciled. Started by whoever computed the draft first;
    `seconds` is the latest computation's."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        SENT = "sent", _("sent to banks and post office")
        RECONCILED = "reconciled", _("reconciled")

    period = models.CharField(_("period"), max_length=7, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    instructions = models.IntegerField(_("payments"), default=0)
    total = models.BigIntegerField(_("total (đồng)"), default=0)
    started_at = models.DateTimeField(_("started at"), default=timezone.now, db_column="created_at")
    run_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_column="created_by_id"
    )
    approved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reconciled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payroll run")
        ordering = ["-period"]

    def __str__(self):
        return f"{self.period} ({self.state})"


class PaymentInstruction(models.Model):
    """One payment of one entitlement for one benefit period. A rejected payment moves to a later run as the
    same row (run and attempt change, the period stays), so (entitlement, period) is paid at most once."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("benefit payment", "pending")
        SENT = "sent", pgettext_lazy("benefit payment", "sent to the bank")
        ACCEPTED = "accepted", pgettext_lazy("benefit payment", "accepted by the bank")
        PAID = "paid", pgettext_lazy("benefit payment", "paid")
        REJECTED = "rejected", pgettext_lazy("benefit payment", "rejected")

    run = models.ForeignKey(PayrollRun, on_delete=models.PROTECT, related_name="payments")
    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, related_name="payments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="benefit_payments")
    period = models.CharField(_("period"), max_length=7)
    amount = models.BigIntegerField(_("amount (đồng)"))
    method = models.CharField(_("method"), max_length=4, choices=Method.choices)
    bank_code = models.CharField(max_length=8, blank=True)
    account_number = models.CharField(max_length=20, blank=True)
    post_office_code = models.CharField(max_length=12, blank=True)
    attempt = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    reject_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("payment instruction")
        constraints = [
            models.UniqueConstraint(fields=["entitlement", "period"], name="one_payment_per_entitlement_period")
        ]
        indexes = [models.Index(fields=["run", "status"]), models.Index(fields=["person", "period"])]

    @property
    def end_to_end_id(self) -> str:
        return end_to_end_id(self.entitlement_id, self.period, self.attempt)


def end_to_end_id(entitlement_id: int, period: str, attempt: int) -> str:
    """The id the bank echoes in its return: entitlement, benefit period and attempt (≤ 35 characters)."""
    return f"AS{entitlement_id}-{period.replace('-', '')}-{attempt}"


class BankFile(models.Model):
    """A file handed to a paying bank (pain.001 XML or the bank's bulk template) or to the post office (cash list
    CSV) for one run. `message_id` is the pain.001 MsgId a bank's status report (pain.002) names."""

    run = models.ForeignKey(PayrollRun, on_delete=models.PROTECT, related_name="files")
    channel_code = models.CharField(_("bank or cash point"), max_length=12)
    kind = models.CharField(
        max_length=8,
        choices=[
            ("pain001", "ISO 20022 pain.001"),
            ("template", "bank bulk template (Excel)"),
            ("cash_csv", "cash list CSV"),
        ],
    )
    message_id = models.CharField(max_length=35, blank=True, db_index=True)
    path = models.CharField(max_length=300)
    payments = models.IntegerField(default=0)
    total = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment file")
        constraints = [
            models.UniqueConstraint(fields=["run", "kind", "channel_code"], name="one_file_per_channel_per_run")
        ]


class ReturnImport(models.Model):
    """A bank's payment status report (pain.002) or a bank's or the post office's result sheet, imported once."""

    run = models.ForeignKey(PayrollRun, on_delete=models.PROTECT, related_name="returns")
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    format = models.CharField(max_length=20, default="csv")
    report_id = models.CharField(max_length=60, blank=True)
    rows = models.IntegerField(default=0)
    paid = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    rejected = models.IntegerField(default=0)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("bank return file")


class ReturnRecord(models.Model):
    """What one report said about one payment attempt (a payment may be reported accepted, then paid)."""

    source = models.ForeignKey(ReturnImport, on_delete=models.CASCADE, related_name="records")
    instruction = models.ForeignKey(PaymentInstruction, on_delete=models.PROTECT, related_name="returns")
    attempt = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10)
    code = models.CharField(_("bank status code"), max_length=4, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "instruction"], name="one_return_per_report_and_payment")
        ]
        indexes = [models.Index(fields=["instruction", "attempt"])]
