"""Insights: the KPI catalogue and its targets (data an administrator edits), the statistics that serve as
denominators, and the month-end snapshots that keep what was reported."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ansinh.core.models import BatchRun


class Kpi(models.Model):
    """One indicator: a ratio of two measures, in percent, with a written definition in both languages."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    definition_vi = models.TextField(_("definition (Vietnamese)"))
    definition_en = models.TextField(_("definition (English)"))
    numerator = models.CharField(_("numerator measure"), max_length=40)
    denominator = models.CharField(_("denominator measure"), max_length=40)
    unit = models.CharField(_("unit"), max_length=10, default="percent")
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    source = models.CharField(_("source"), max_length=100, help_text=_("The app and service that supply the figures."))
    order = models.PositiveSmallIntegerField(_("order"), default=50)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self):
        return f"{self.code}: {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    @property
    def definition(self) -> str:
        return self.definition_en if (get_language() or "vi").startswith("en") else self.definition_vi


class KpiTarget(models.Model):
    """The province's target for a KPI in one year (Resolution / plan figures, domain facts §10)."""

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", "≥"
        ABOVE = "gt", ">"
        AT_MOST = "lte", "≤"
        BELOW = "lt", "<"

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    comparison = models.CharField(_("comparison"), max_length=3, choices=Comparison.choices)
    value = models.DecimalField(_("target (%)"), max_digits=6, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["kpi__order", "year"]
        verbose_name = _("KPI target")
        constraints = [models.UniqueConstraint(fields=["kpi", "year"], name="insights_target_per_year")]

    def __str__(self):
        return f"{self.kpi.code} {self.year}: {self.get_comparison_display()} {self.value}%"


class AreaStatistic(models.Model):
    """Population and working-age labour force of a commune in a year (statistics office figures): the
    denominators of the coverage KPIs. Without a row for the year, the geo reference figures are used."""

    year = models.PositiveSmallIntegerField(_("year"))
    commune_code = models.CharField(_("commune code"), max_length=8)
    population = models.PositiveIntegerField(_("population"))
    labour_force = models.PositiveIntegerField(_("working-age labour force"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["year", "commune_code"]
        verbose_name = _("area statistic")
        constraints = [models.UniqueConstraint(fields=["year", "commune_code"], name="insights_statistic_per_year")]

    def __str__(self):
        return f"{self.commune_code} {self.year}"


class Snapshot(BatchRun):
    """One closing of a month's KPIs. A later re-computation is a new version with its reason; a version
    is never rewritten."""

    period = models.CharField(_("month"), max_length=7)
    version = models.PositiveSmallIntegerField(pgettext_lazy("record version", "version"))
    reason = models.CharField(_("reason"), max_length=300)
    started_at = models.DateTimeField(_("closed at"), default=timezone.now, db_column="created_at")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_column="created_by_id",
    )
    sources = models.JSONField(_("sources available"), default=dict)
    seconds = models.FloatField(_("seconds to compute"), default=0)

    class Meta:
        ordering = ["-period", "-version"]
        verbose_name = _("KPI snapshot")
        constraints = [models.UniqueConstraint(fields=["period", "version"], name="insights_snapshot_version")]

    def __str__(self):
        return f"{self.period} v{self.version}"


class SnapshotValue(models.Model):
    """One KPI for one area in one snapshot. Written in bulk by close_month (the run is audited once)."""

    audit_exclude = True

    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="values")
    level = models.CharField(max_length=8)
    area_code = models.CharField(max_length=8)
    kpi_code = models.CharField(max_length=40)
    numerator = models.BigIntegerField(null=True)
    denominator = models.BigIntegerField(null=True)
    value = models.FloatField(null=True)

    class Meta:
        indexes = [models.Index(fields=["snapshot", "level", "area_code"])]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "area_code", "kpi_code"], name="insights_value_once")
        ]
