"""Coverage (who is insured, in which group, at which level, where registered) and the eligibility-check log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.models import BatchRun
from ansinh.health.models.reference import Facility
from ansinh.registry.models import Person


class CoverageRun(BatchRun):
    """One set-based derivation of coverage (refresh_coverage)."""

    on = models.DateField(_("coverage on"))
    members = models.PositiveIntegerField(default=0)
    by_source = models.JSONField(default=dict)

    class Meta(BatchRun.Meta):
        verbose_name = _("coverage run")

    def __str__(self):
        return f"coverage on {self.on} #{self.pk}"


class MemberCount(models.Model):
    """How many people were covered on a day, per commune of residence and group, as a coverage refresh found
    them: a past day's HI figure is read here instead of deriving the whole province's coverage again."""

    audit_exclude = True  # written in bulk by refresh_coverage, whose run is the batch event

    run = models.ForeignKey(CoverageRun, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("covered on"))
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("group"), max_length=2)
    members = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("covered people per commune and group")
        indexes = [models.Index(fields=["on"])]

    def __str__(self):
        return f"{self.on} {self.commune_id} {self.group}: {self.members}"


class Coverage(models.Model):
    """A person's current HI card: derived set-based from the registry, collection, pensions and the lists."""

    audit_exclude = True  # rewritten in bulk by refresh_coverage, which records one batch event per run

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("card status", "active")
        STOPPED = "stopped", _("reported stopped")
        REVOKED = "revoked", _("revoked")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="hi_coverage")
    group = models.CharField(_("group"), max_length=2)
    benefit_digit = models.PositiveSmallIntegerField(_("benefit digit"))
    benefit_pct = models.PositiveSmallIntegerField(_("benefit level (%)"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="registered", verbose_name=_("registered facility")
    )
    five_years_from = models.DateField(_("five consecutive years from"), null=True, blank=True)
    card_code = models.CharField(_("card code (15 characters)"), max_length=15, unique=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    stop_code = models.CharField(_("stop result code"), max_length=3, blank=True)
    source = models.CharField(_("derived from"), max_length=20)
    run = models.ForeignKey(CoverageRun, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("HI coverage")

    def __str__(self):
        return f"{self.card_code} {self.valid_from}–{self.valid_to}"


class ListMembership(models.Model):
    """A person on a list sent by another body (social assistance, veterans, schools, disadvantaged areas)
    that puts them in a state-funded or state-supported group."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="hi_lists")
    group = models.CharField(_("group"), max_length=2)
    list_name = models.CharField(_("list"), max_length=120)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))

    class Meta:
        verbose_name = _("list membership")
        constraints = [
            models.UniqueConstraint(fields=["person", "group", "valid_from"], name="one_list_row_per_group_and_start")
        ]

    def __str__(self):
        return f"{self.person_id} {self.group} {self.valid_from}–{self.valid_to}"


class CardStop(models.Model):
    """A card revoked (110) or reported stopped (120–124) by the agency; applied at the next coverage refresh."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="hi_card_stops")
    result_code = models.CharField(_("result code"), max_length=3)
    reason = models.CharField(_("reason"), max_length=200)
    effective = models.DateField(_("effective from"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("card stop or revocation")

    def __str__(self):
        return f"{self.person_id} {self.result_code} from {self.effective}"


class EligibilityCheck(models.Model):
    """One check at a facility's counter. This log IS the audit record of the read, so it is not audited twice."""

    audit_exclude = True

    at = models.DateTimeField(_("checked at"), default=timezone.now)
    facility_code = models.CharField(_("facility code"), max_length=5)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="hi_checks")
    query = models.CharField(_("identifier asked (masked)"), max_length=20)
    result_code = models.CharField(_("result code"), max_length=3)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    receptionist = models.ForeignKey(
        "health.Receptionist", null=True, blank=True, on_delete=models.SET_NULL, related_name="checks"
    )
    channel = models.CharField(_("channel"), max_length=8, default="api")  # "api" (REST) or "gateway" (e-gateway)

    class Meta:
        verbose_name = _("eligibility check")
        indexes = [models.Index(fields=["person", "-at"]), models.Index(fields=["facility_code", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.facility_code} {self.result_code}"
