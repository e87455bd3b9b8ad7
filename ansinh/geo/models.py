from django.db import models
from django.utils.translation import gettext_lazy as _


class WageRegion(models.TextChoices):
    I = "I", "I"  # noqa: E741  (the regions are named by Roman numerals in Decree 293/2025/NĐ-CP)
    II = "II", "II"
    III = "III", "III"
    IV = "IV", "IV"


class Area(models.Model):
    """A former district-level unit (city, town or district) of the province."""

    class Kind(models.TextChoices):
        CITY = "city", _("city")
        TOWN = "town", _("town")
        DISTRICT = "district", _("district")

    code = models.CharField(_("code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    population = models.PositiveIntegerField(_("population"))
    labour_force = models.PositiveIntegerField(_("working-age labour force"))
    wage_region = models.CharField(_("minimum-wage region"), max_length=3, choices=WageRegion.choices)
    source_note = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")

    def __str__(self):
        return self.name


class Commune(models.Model):
    """A commune-level unit (ward, township or rural commune)."""

    class Kind(models.TextChoices):
        WARD = "ward", _("ward")
        TOWNSHIP = "township", _("township")
        COMMUNE = "commune", _("commune")

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField(_("population"))
    labour_force = models.PositiveIntegerField(_("working-age labour force"))
    disadvantaged = models.BooleanField(_("especially disadvantaged"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("commune")

    def __str__(self):
        return f"{self.name}, {self.area.name}"
