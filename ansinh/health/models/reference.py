"""Reference data: medical facilities, HI beneficiary groups, ICD-10 diagnoses, the drug/service catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ansinh.geo.models import Area, Commune


class Facility(models.Model):
    """A medical facility (cơ sở KCB) with its 5-character code (MA_CSKCB: 2-digit province + 3 digits)."""

    class Level(models.TextChoices):
        PRIMARY = "primary", _("primary care (commune)")
        BASIC = "basic", _("basic level")
        SPECIALIZED = "specialized", _("specialized level")

    code = models.CharField(_("facility code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    former_district = models.BooleanField(_("former district-level facility"), default=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="facilities")
    commune = models.ForeignKey(Commune, null=True, blank=True, on_delete=models.PROTECT, related_name="facilities")
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("medical facility")
        verbose_name_plural = _("medical facilities")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class HIGroup(models.Model):
    """A beneficiary group: the 2-letter prefix of the old card code. Its benefit digit lives in the policy
    pack (health.group_digit), because it changes by date."""

    code = models.CharField(_("group code"), max_length=2, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    payer = models.CharField(_("payer"), max_length=40)

    class Meta:
        verbose_name = _("HI beneficiary group")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name_vi}"


class Diagnosis(models.Model):
    code = models.CharField(_("ICD-10 code"), max_length=10, unique=True)
    name_en = models.CharField(_("English name"), max_length=300)
    name_vi = models.CharField(_("Vietnamese name"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("diagnosis (ICD-10)")
        verbose_name_plural = _("diagnoses (ICD-10)")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name_vi or self.name_en}"


class CatalogueItem(models.Model):
    """A drug, service or supply the fund pays for, with its reference price and a per-visit quantity limit."""

    class Kind(models.TextChoices):
        DRUG = "drug", _("drug")
        SERVICE = "service", _("service")
        SUPPLY = "supply", _("medical supply")

    code = models.CharField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30)
    reference_price = models.BigIntegerField(_("reference price (đồng)"))
    max_quantity = models.PositiveIntegerField(_("most per visit"))
    per_day = models.BooleanField(_("limit is per day of treatment"), default=False)
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("catalogue item")
        ordering = ["kind", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"
