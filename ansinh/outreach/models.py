"""Prospects for coverage, the agents who visit them, campaigns with their lists, contacts and conversions.

A campaign copies the prospects it lists (as they were when it started), so a later prospect run never
changes what an agent was handed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.core.ids import mask_cccd
from ansinh.core.models import BatchRun
from ansinh.geo.models import Commune
from ansinh.registry.models import Person


class Reason(models.TextChoices):
    NEAR_PENSION = "near_pension", _("stopped contributing near a pension")
    WORKER_LEFT = "worker_left", _("left an employer without a termination")
    UNINSURED = "uninsured", _("working-age resident without SI")
    HI_LAPSED = "hi_lapsed", _("household HI lapsed")
    UNDER_DECLARED = "under_declared", _("unit insures fewer workers than it reported")


class Scheme(models.TextChoices):
    VOLUNTARY_SI = "voluntary_si", _("voluntary SI")
    FAMILY_HI = "family_hi", _("family HI")
    COMPULSORY = "compulsory", _("compulsory SI through the employer")


class ProspectRun(BatchRun):
    """One computation of the prospects as of a day; computing the same day again replaces its prospects."""

    on = models.DateField(_("as of"), unique=True)
    started_at = models.DateTimeField(_("computed at"), default=timezone.now, db_column="computed_at")
    basis = models.CharField(_("residents read from"), max_length=200, blank=True)
    counts = models.JSONField(_("prospects per reason"), default=dict)

    class Meta:
        verbose_name = _("prospect run")
        ordering = ["-on"]

    def __str__(self):
        return f"{self.on} ({sum(self.counts.values()):,})"


class Prospect(models.Model):
    """A person (or an employer unit) to approach, why, and the scheme that fits."""

    audit_exclude = True  # written in bulk by a prospect run, which records one batch event

    run = models.ForeignKey(ProspectRun, on_delete=models.CASCADE, related_name="prospects")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    tier = models.CharField(_("support group"), max_length=30, blank=True)
    support_pct = models.PositiveSmallIntegerField(_("state support (%)"), default=0)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cccd = models.CharField(_("CCCD"), max_length=12, blank=True)
    full_name = models.CharField(_("name"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    commune_code = models.CharField(_("commune"), max_length=8, db_index=True)
    area_code = models.CharField(_("former district"), max_length=5)
    address = models.CharField(_("address"), max_length=200, blank=True)
    household_code = models.CharField(_("household"), max_length=20, blank=True)
    unit_code = models.CharField(_("employer unit"), max_length=10, blank=True)
    detail = models.JSONField(_("detail"), default=dict)

    class Meta:
        verbose_name = _("prospect")
        indexes = [models.Index(fields=["run", "commune_code", "reason"])]

    @property
    def masked_cccd(self) -> str:
        return mask_cccd(self.cccd) if self.cccd else ""


class LabourReport(models.Model):
    """Workers a unit reported to the labour authority (the half-yearly labour-use report): the labour force
    its SI declarations are compared with."""

    unit_code = models.CharField(_("employer unit"), max_length=10)
    reported_on = models.DateField(_("reported on"))
    workers = models.PositiveIntegerField(_("workers reported"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("labour-use report")
        constraints = [models.UniqueConstraint(fields=["unit_code", "reported_on"], name="outreach_labour_report_once")]


class Agent(models.Model):
    """A collection agent or a post-office point that visits prospects in a commune. Its app signs in with an
    API token of an account whose organisation code is the agent's code."""

    class Kind(models.TextChoices):
        COLLECTION_AGENT = "collection_agent", _("collection agent")
        POST_OFFICE = "post_office", _("post-office point")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune served"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("outreach agent")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Campaign(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=120)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    segment = models.CharField(
        _("segment"),
        max_length=20,
        blank=True,
        choices=Reason.choices,
        help_text=_("a reason, or empty for every prospect"),
    )
    run = models.ForeignKey(ProspectRun, null=True, on_delete=models.SET_NULL, related_name="campaigns")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("campaign")
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return self.name


class Target(models.Model):
    """A prospect on a campaign's list, dealt to one agent."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="targets")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    tier = models.CharField(_("support group"), max_length=30, blank=True)
    support_pct = models.PositiveSmallIntegerField(_("state support (%)"), default=0)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cccd = models.CharField(_("CCCD"), max_length=12, blank=True)
    full_name = models.CharField(_("name"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    commune_code = models.CharField(_("commune"), max_length=8)
    area_code = models.CharField(_("former district"), max_length=5)
    address = models.CharField(_("address"), max_length=200, blank=True)
    household_code = models.CharField(_("household"), max_length=20, blank=True)
    unit_code = models.CharField(_("employer unit"), max_length=10, blank=True)
    detail = models.JSONField(_("detail"), default=dict)

    class Meta:
        verbose_name = _("outreach target")
        ordering = ["campaign", "agent", "household_code", "id"]

    def __str__(self):
        return f"{self.full_name} ({self.masked_cccd})"

    @property
    def masked_cccd(self) -> str:
        return mask_cccd(self.cccd) if self.cccd else ""


class Outcome(models.TextChoices):
    NOT_REACHED = "not_reached", _("not reached")
    INTERESTED = "interested", _("interested, will decide")
    AGREED = "agreed", _("agreed to enrol")
    REFUSED = "refused", _("refused")
    ALREADY_INSURED = "already_insured", _("already insured")
    MOVED = "moved", _("moved away or unknown")


class ContactChannel(models.TextChoices):
    """How an agent approached a target."""

    VISIT = "visit", _("home visit")
    PHONE = "phone", _("phone call")
    MEETING = "meeting", _("village meeting")
    COUNTER = "counter", _("at the post office")


class Contact(models.Model):
    """One approach of a target by an agent. The agent's app names each contact (client_ref), so a
    retried upload records it once."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="contacts")
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="contacts")
    contacted_on = models.DateField(_("contacted on"))
    channel = models.CharField(_("channel"), max_length=10, choices=ContactChannel.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    client_ref = models.CharField(_("reference in the agent's app"), max_length=40)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("outreach contact")
        ordering = ["-contacted_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["agent", "client_ref"], name="outreach_contact_once")]


class Conversion(models.Model):
    """An enrolment that followed a contact: new SI participation or an HI card, credited to the target."""

    class Kind(models.TextChoices):
        VOLUNTARY_SI = "voluntary_si", _("voluntary SI")
        COMPULSORY_SI = "compulsory_si", _("compulsory SI")
        FAMILY_HI = "family_hi", _("family HI")
        HI_CARD = "hi_card", _("HI card")

    audit_exclude = True  # written in bulk by the attribution, which records one batch event

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="conversions")
    kind = models.CharField(_("enrolment"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    enrolled_on = models.DateField(_("enrolled on"))
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    attributed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conversion")
        constraints = [models.UniqueConstraint(fields=["target", "kind"], name="outreach_conversion_once")]
