"""Population extracts, reconciliation runs and the review queue they leave behind.

Only what needs a person's attention is stored per person (findings, their candidates and proposed
corrections); synchronised records are counted per commune on the run, so a province-wide run writes a
few thousand rows, not a million.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.core.ids import mask_cccd
from ansinh.core.models import BatchRun
from ansinh.linkage.readable import readable
from ansinh.registry.models import Person


class PopulationExtract(models.Model):
    """A CSV extract of the national population database, validated and stored as Parquet."""

    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    parquet_path = models.CharField(_("stored as"), max_length=500)
    rows = models.PositiveIntegerField(_("rows"))
    skipped_rows = models.PositiveIntegerField(_("rows skipped as bad"), default=0)
    errors_path = models.CharField(_("bad-row report"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("population extract")
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.rows:,})"


class ReconciliationRun(BatchRun):
    extract = models.ForeignKey(PopulationExtract, on_delete=models.PROTECT, related_name="runs")
    participants = models.PositiveIntegerField(_("participants"), default=0)
    synced = models.PositiveIntegerField(_("synchronised"), default=0)
    matched = models.PositiveIntegerField(_("matched with corrections"), default=0)
    ambiguous = models.PositiveIntegerField(_("ambiguous"), default=0)
    not_found = models.PositiveIntegerField(_("not found"), default=0)
    thresholds = models.JSONField(_("thresholds"), default=dict)
    model = models.JSONField(_("trained linkage model"), default=dict)
    model_fingerprint = models.CharField(_("model settings fingerprint"), max_length=64, blank=True, db_index=True)
    model_trained = models.BooleanField(_("model trained in this run"), default=True)
    blocking = models.JSONField(_("pairs per blocking rule"), default=dict)
    step_seconds = models.JSONField(_("seconds per step"), default=dict)

    class Meta(BatchRun.Meta):
        verbose_name = _("reconciliation run")

    def __str__(self):
        return f"#{self.pk} {self.started_at:%Y-%m-%d %H:%M}"


class RunCommune(models.Model):
    """Per commune: how many registry records the run looked at and how many were already in step."""

    run = models.ForeignKey(ReconciliationRun, on_delete=models.CASCADE, related_name="communes")
    commune_code = models.CharField(max_length=8)
    area_code = models.CharField(max_length=5)
    participants = models.PositiveIntegerField()
    synced = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "commune_code"], name="linkage_run_commune_once")]


class Outcome(models.TextChoices):
    MATCH = "match", _("match with proposed corrections")
    AMBIGUOUS = "ambiguous", _("ambiguous")
    NOT_FOUND = "not_found", _("not found")


class Finding(models.Model):
    """A registry record that is not in step with the population database."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved")
        DISMISSED = "dismissed", _("dismissed")

    run = models.ForeignKey(ReconciliationRun, on_delete=models.CASCADE, related_name="findings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="linkage_findings")
    commune_code = models.CharField(_("commune"), max_length=8)
    area_code = models.CharField(_("area"), max_length=5, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    method = models.CharField(_("method"), max_length=15)
    match_probability = models.FloatField(_("match probability"), null=True)
    match_weight = models.FloatField(_("match weight"), null=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        verbose_name = _("reconciliation finding")
        ordering = ["-match_probability", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="linkage_finding_once_per_run")]
        indexes = [models.Index(fields=["run", "outcome", "status"])]

    def __str__(self):
        return f"{self.person_id} {self.outcome}"


class Candidate(models.Model):
    """A citizen record of the extract that may be this person, with the evidence for and against."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="candidates")
    rank = models.PositiveSmallIntegerField()
    extract_line = models.PositiveIntegerField(_("line in the extract"))
    cccd = models.CharField(_("CCCD"), max_length=12)
    full_name = models.CharField(_("full name"), max_length=100)
    birth_date = models.CharField(_("date of birth"), max_length=10)
    sex = models.CharField(_("sex"), max_length=6)
    commune_code = models.CharField(_("commune"), max_length=8)
    address = models.CharField(_("permanent address"), max_length=200, blank=True)
    match_probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"), null=True)
    weights = models.JSONField(_("match weight per field"), default=dict)

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["finding", "rank"], name="linkage_candidate_rank_once")]

    @property
    def masked_cccd(self) -> str:
        return mask_cccd(self.cccd)


class Correction(models.Model):
    """One field of the registry that the population database says should change."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="corrections")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(_("field"), max_length=20)
    old_value = models.CharField(_("registry value"), max_length=200, blank=True)
    new_value = models.CharField(_("population database value"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposed correction")
        ordering = ["finding_id", "id"]
        constraints = [models.UniqueConstraint(fields=["finding", "field"], name="linkage_correction_once_per_field")]

    FIELD_LABELS = {
        "cccd": _("CCCD"),
        "full_name": _("Full name"),
        "birth_date": _("Date of birth"),
        "sex": _("Sex"),
        "commune_code": _("Commune"),
    }

    def __str__(self):
        return f"{self.finding.person_id}.{self.field}: {self.old_value!r} → {self.new_value!r}"

    @property
    def field_label(self) -> str:
        return self.FIELD_LABELS.get(self.field, self.field)

    @property
    def old_shown(self) -> str:
        return readable(self.field, self.old_value)

    @property
    def new_shown(self) -> str:
        return readable(self.field, self.new_value)
