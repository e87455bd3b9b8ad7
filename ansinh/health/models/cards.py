"""Cards a person held before their current one: replaced by a new card (another group or benefit level) or lapsed.

A coverage refresh rewrites the current cards; before it does, every card that changes or disappears is kept here,
so a card check with an old code answers 003/004 (old card, new card issued) or 010 rather than "no card"."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ansinh.health.models.reference import Facility
from ansinh.registry.models import Person


class FormerCard(models.Model):
    audit_exclude = True  # written in bulk by refresh_coverage, whose run is the batch event

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="hi_former_cards")
    card_code = models.CharField(_("card code (15 characters)"), max_length=15)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered facility")
    )
    status = models.CharField(_("status"), max_length=8, default="active")
    stop_code = models.CharField(_("stop result code"), max_length=3, blank=True)
    replaced_on = models.DateField(_("replaced or lapsed on"))
    new_card_code = models.CharField(_("new card code"), max_length=15, blank=True)

    class Meta:
        verbose_name = _("former HI card")
        constraints = [
            models.UniqueConstraint(fields=["card_code", "valid_from"], name="one_former_card_per_code_and_start")
        ]
        indexes = [models.Index(fields=["person", "-valid_to"]), models.Index(fields=["card_code"])]

    def __str__(self):
        return f"{self.card_code} {self.valid_from}–{self.valid_to} → {self.new_card_code or '—'}"
