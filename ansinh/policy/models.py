from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Parameter(models.Model):
    """One version of one legal parameter: the value in force from `valid_from` until the next version.

    `value` is JSON: a number (integer đồng, or a rate in percent), a list (a ladder) or an object (a
    table such as the retirement-age roadmap). Changing the law means adding a row, never editing code.

    `status`: a provisional version (announced, the act that sets it not yet published or read) is never
    applied; computations use the last in-force version and say the change is announced. An administrator
    confirms it, naming the published act (policy.services.confirm_version, audited).
    """

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        PROVISIONAL = "provisional", _("provisional (announced, not applied)")

    key = models.CharField(_("key"), max_length=100, db_index=True)
    valid_from = models.DateField(_("in force from"))
    value = models.JSONField(_("value"))
    unit = models.CharField(_("unit"), max_length=20, help_text=_("dong, percent, ratio, months, years, table …"))
    source = models.CharField(_("legal source"), max_length=300)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uncertain = models.BooleanField(_("uncertain"), default=False, help_text=_("Not checked against a primary text."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_FORCE)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    pack = models.CharField(_("policy pack"), max_length=50, default="admin")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)  # part of the cache stamp other processes compare
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("policy parameter")
        ordering = ["key", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"], name="parameter_version_unique")]

    def __str__(self):
        return f"{self.key} from {self.valid_from}: {self.value}"
