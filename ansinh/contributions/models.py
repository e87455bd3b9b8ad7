"""Contributions: declarations, enrolments, assessment runs, bills (receivables), payments and allocations.

A payer is named by a payer code: an employer's unit code, a voluntary participant's SI number, or a
household code for family health insurance. Bills are unique per payer, period and fund, so a re-run of
the assessment cannot charge twice; payments are unique per receiving account and bank reference, so a
transaction reported by several channels, or a statement imported twice, cannot pay twice.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.banking.amounts import MAX_AMOUNT
from ansinh.core.models import BatchRun
from ansinh.geo.models import Commune
from ansinh.registry.models import Employer, Household, Person


class PayerKind(models.TextChoices):
    EMPLOYER = "employer", _("employer unit")
    VOLUNTARY = "voluntary", _("voluntary SI participant")
    FAMILY_HI = "family_hi", _("household (family HI)")


class Fund(models.TextChoices):
    RETIREMENT = "retirement", _("retirement and survivorship")
    SICKNESS_MATERNITY = "sickness_maternity", _("sickness and maternity")
    ACCIDENT_DISEASE = "accident_disease", _("occupational accident and disease")
    HEALTH = "health", _("health insurance")
    UNEMPLOYMENT = "unemployment", _("unemployment insurance")
    LATE_INTEREST = "late_interest", _("late-payment interest")


class Declaration(models.Model):
    """One labour-change report an employer sent (upload or API): accepted whole or rejected whole."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="declarations")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=10, default="upload")
    file_name = models.CharField(_("file name"), max_length=200)
    form = models.CharField(_("form"), max_length=10, blank=True)  # d02lt, ivan or simple: the layout read
    rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    changes = models.JSONField(_("changes applied"), default=dict, blank=True)

    class Meta:
        verbose_name = _("labour-change declaration")
        ordering = ["-submitted_at", "-id"]

    def __str__(self):
        return f"{self.employer_id} {self.file_name} ({self.status})"


class AssessmentRun(BatchRun):
    """One billing of a period; `finished_at` is set when its lines and bills are written."""

    period = models.CharField(_("period"), max_length=7, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    units = models.PositiveIntegerField(_("employer units billed"), default=0)
    participants = models.PositiveIntegerField(_("voluntary and family-HI payers billed"), default=0)
    lines = models.PositiveIntegerField(_("person lines"), default=0)
    receivables = models.PositiveIntegerField(_("bill lines"), default=0)
    amount = models.BigIntegerField(_("amount billed (đồng)"), default=0)

    class Meta(BatchRun.Meta):
        verbose_name = _("assessment run")

    def __str__(self):
        return f"assessment {self.period} #{self.pk}"


class Adjustment(models.Model):
    """What a declaration changes in a month already billed: the difference per fund and payer for one worker,
    with the late-payment interest on an increase past its due date. Billed with the next assessment."""

    audit_exclude = True  # written with the declaration, which records one batch event listing them
    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="adjustments")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="adjustments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contribution_adjustments")
    period = models.CharField(_("month adjusted"), max_length=7)
    code = models.CharField(_("plan code"), max_length=5)
    basis_before = models.BigIntegerField(_("basis billed (đồng)"), default=0)
    basis_after = models.BigIntegerField(_("basis due (đồng)"), default=0)
    shares = models.JSONField(_("difference per payer and fund"), default=dict)
    employer_amount = models.BigIntegerField(default=0)
    employee_amount = models.BigIntegerField(default=0)
    days_late = models.PositiveIntegerField(default=0)
    interest = models.BigIntegerField(_("late-payment interest (đồng)"), default=0)
    billed_run = models.ForeignKey(
        AssessmentRun, null=True, blank=True, on_delete=models.PROTECT, related_name="adjustments"
    )
    billed_period = models.CharField(_("billed with the month"), max_length=7, blank=True)

    class Meta:
        verbose_name = _("adjustment of a past month")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "person", "period"], name="one_adjustment_per_declaration_person_period"
            )
        ]
        indexes = [models.Index(fields=["employer", "period"]), models.Index(fields=["billed_run"])]

    @property
    def amount(self) -> int:
        return self.employer_amount + self.employee_amount


class VoluntaryEnrolment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="voluntary_enrolments")
    income = models.BigIntegerField(_("chosen monthly income (đồng)"))
    support_group = models.CharField(_("support group"), max_length=20)
    schedule_months = models.PositiveSmallIntegerField(_("months paid at a time"))
    start_period = models.CharField(_("first period"), max_length=7)
    end_period = models.CharField(_("last period"), max_length=7, blank=True)
    supported_months_before = models.PositiveIntegerField(_("months of state support received before"), default=0)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voluntary SI enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(end_period=""), name="one_open_voluntary_enrolment"
            )
        ]

    def __str__(self):
        return f"{self.person_id} voluntary from {self.start_period}"


class FamilyHIEnrolment(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="family_hi_enrolments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="family_hi_enrolments")
    support_group = models.CharField(_("support group"), max_length=30, default="none")
    schedule_months = models.PositiveSmallIntegerField(_("months paid at a time"), default=12)
    start_period = models.CharField(_("first period"), max_length=7)
    end_period = models.CharField(_("last period"), max_length=7, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("family HI enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(end_period=""), name="one_open_family_hi_enrolment"
            )
        ]

    def __str__(self):
        return f"{self.person_id} family HI in {self.household_id}"


STATE_SUPPORTED_LINES = "line_voluntary_state_support"
COVER_LINES = "line_period_kind_months_person"
OPEN_EMPLOYER_BILLS = "bill_employer_open"
ALLOCATIONS_BY_DAY = "allocation_day_bill_amount"


class AssessmentLine(models.Model):
    """One person's part of a bill: the contribution list behind an employer's, participant's or household's bill."""

    audit_exclude = True  # written in bulk by the assessment run, which records one batch event
    run = models.ForeignKey(AssessmentRun, on_delete=models.PROTECT, related_name="person_lines")
    period = models.CharField(max_length=7)
    payer_kind = models.CharField(max_length=10, choices=PayerKind.choices)
    payer_code = models.CharField(max_length=20)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contribution_lines")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT)
    months = models.PositiveSmallIntegerField(default=1)
    salary = models.BigIntegerField(_("contribution salary or income"))
    employee_amount = models.BigIntegerField(default=0)
    employer_amount = models.BigIntegerField(default=0)
    state_amount = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "payer_code", "person"], name="one_line_per_person_payer_period")
        ]
        indexes = [
            models.Index(fields=["person", "period"]),
            # The months of state support a voluntary participant has used: read by every assessment,
            # so a small index of those lines alone instead of a scan of every line ever billed.
            models.Index(
                fields=["person", "months"],
                name=STATE_SUPPORTED_LINES,
                condition=models.Q(payer_kind="voluntary", state_amount__gt=0),
            ),
            # A month's participants: the lines of each period whose months reach the month, read from the
            # index alone (participants_by_commune).
            models.Index(fields=["period", "payer_kind", "months", "person"], name=COVER_LINES),
        ]


class Receivable(models.Model):
    """A bill line: what one payer owes one fund for one period."""

    audit_exclude = True
    run = models.ForeignKey(AssessmentRun, null=True, blank=True, on_delete=models.PROTECT, related_name="bill_lines")
    payer_kind = models.CharField(_("payer kind"), max_length=10, choices=PayerKind.choices)
    payer_code = models.CharField(_("payer code"), max_length=20)
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="bills")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="bills")
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.PROTECT, related_name="bills")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="bills")
    period = models.CharField(_("period"), max_length=7)
    fund = models.CharField(_("fund"), max_length=20, choices=Fund.choices)
    months = models.PositiveSmallIntegerField(_("months covered"), default=1)
    headcount = models.PositiveIntegerField(_("people"), default=0)
    basis = models.BigIntegerField(_("salary or income basis"), default=0)
    employer_amount = models.BigIntegerField(default=0)
    employee_amount = models.BigIntegerField(default=0)
    state_amount = models.BigIntegerField(_("state support"), default=0)
    amount = models.BigIntegerField(_("amount due (đồng)"))
    due_date = models.DateField(_("due date"))
    paid_amount = models.BigIntegerField(_("paid (đồng)"), default=0)
    paid_on = models.DateField(_("fully paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("bill line")
        constraints = [
            models.UniqueConstraint(fields=["payer_code", "period", "fund"], name="one_bill_per_payer_period_fund")
        ]
        indexes = [
            models.Index(fields=["payer_code", "due_date"]),
            models.Index(fields=["period", "payer_kind"]),
            # The employer bills open today: the arrears of a month end start from them (arrears_by_area), and
            # they are a small part of every bill ever issued.
            models.Index(
                fields=["due_date"],
                name=OPEN_EMPLOYER_BILLS,
                condition=models.Q(payer_kind="employer", amount__gt=models.F("paid_amount")),
            ),
            # A month's amount due since January and the units billed up to it, per commune, read from the index
            # alone (arrears_by_area).
            models.Index(
                fields=["payer_kind", "period", "commune", "employer", "amount"], name="bill_kind_period_commune"
            ),
        ]

    @property
    def outstanding(self) -> int:
        return self.amount - self.paid_amount


class StatementImport(models.Model):
    """One bank file of account movements (statement, credit notification, internet-banking export), read once.

    The file is kept by its hash: sending it again records nothing more. What was not a contribution
    (debits such as fees, pending and reversed entries) is listed in `ignored` with the reason."""

    class Channel(models.TextChoices):
        UPLOAD = "upload", _("uploaded by an officer")
        API = "api", _("sent by the bank (API)")

    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    format = models.CharField(_("format"), max_length=20)
    message_id = models.CharField(_("bank's message id"), max_length=60, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    accounts = models.CharField(_("accounts"), max_length=200, blank=True)
    lines = models.PositiveIntegerField(_("lines"), default=0)
    credits = models.PositiveIntegerField(_("credits"), default=0)
    new_payments = models.PositiveIntegerField(_("new payments"), default=0)
    known_payments = models.PositiveIntegerField(_("already recorded"), default=0)
    suspense = models.PositiveIntegerField(_("unmatched"), default=0)
    amount_new = models.BigIntegerField(_("new money (đồng)"), default=0)
    ignored = models.JSONField(_("lines not recorded"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        verbose_name = _("bank statement import")
        ordering = ["-imported_at", "-id"]

    def __str__(self):
        return f"{self.format} {self.file_name}"


class SuspenseReason(models.TextChoices):
    NO_CODE = "no_code", _("the transfer names no payer code")
    UNKNOWN_CODE = "unknown_code", _("no payer has the code given")
    MALFORMED_CODE = "malformed_code", _("the payer code is malformed")
    HIDDEN_CHARACTERS = "hidden_chars", _("the text hides invisible characters")
    SEVERAL_PAYERS = "several_payers", _("the transfer names several payers")


class Payment(models.Model):
    """Money received: one bank transaction (or one agent receipt), whatever channel told us about it.

    A bank transaction is named by the account it was credited to and the bank's own reference for it, so
    the same transaction seen in a credit notification, a bank API call and the day's statement is one
    payment. A collection agent's receipt is named by the agent's code and the receipt number."""

    class Source(models.TextChoices):
        BANK = "bank", _("bank statement")
        NOTIFICATION = "notification", _("bank credit notification")
        AGENT = "agent", _("collection agent")
        API = "api", _("bank API")

    class Status(models.TextChoices):
        ALLOCATED = "allocated", _("allocated")
        CREDIT = "credit", _("allocated, credit left")
        SUSPENSE = "suspense", _("unmatched (suspense)")

    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    account = models.CharField(_("received on account"), max_length=40, blank=True)
    reference = models.CharField(_("bank reference"), max_length=60)
    end_to_end_id = models.CharField(_("payer's reference"), max_length=35, blank=True)
    structured_reference = models.CharField(_("creditor reference"), max_length=35, blank=True)
    received_on = models.DateField(_("received on"))
    amount = models.BigIntegerField(_("amount (đồng)"))
    payer_text = models.CharField(_("payer as written"), max_length=200, blank=True)
    debtor_name = models.CharField(_("paid by"), max_length=140, blank=True)
    debtor_account = models.CharField(_("from account"), max_length=40, blank=True)
    payer_code = models.CharField(_("matched payer code"), max_length=20, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    suspense_reason = models.CharField(_("why unmatched"), max_length=16, choices=SuspenseReason.choices, blank=True)
    suspense_detail = models.CharField(_("details"), max_length=200, blank=True)
    allocated_amount = models.BigIntegerField(default=0)
    statement = models.ForeignKey(
        StatementImport, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "reference"], name="one_payment_per_account_reference"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive"),
            models.CheckConstraint(condition=models.Q(amount__lte=MAX_AMOUNT), name="payment_below_maximum"),
        ]

    def __str__(self):
        return f"{self.account} {self.reference} {self.amount}"

    @property
    def unallocated(self) -> int:
        return self.amount - self.allocated_amount


class Allocation(models.Model):
    audit_exclude = True
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    receivable = models.ForeignKey(Receivable, on_delete=models.PROTECT, related_name="allocations")
    amount = models.BigIntegerField()
    allocated_on = models.DateField()

    class Meta:
        indexes = [
            # What was allocated after a day, per bill, read from the index alone: the arrears of a month end
            # are today's open amounts put back as they stood then (arrears_by_area).
            models.Index(fields=["allocated_on", "receivable", "amount"], name=ALLOCATIONS_BY_DAY),
        ]
