"""One-time codes that let a citizen activate an online account with their CCCD."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ansinh.registry.models import Person


class ActivationCode(models.Model):
    """A code sent by SMS or e-mail. Only a keyed hash is stored; it expires and allows few attempts.
    A code proves one thing only (its purpose): an activation code cannot reset a password."""

    class Purpose(models.TextChoices):
        ACTIVATE = "activate", _("account activation")
        RESET = "reset", _("password reset")
        PHONE = "phone", _("new phone number")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="activation_codes")
    otp_hash = models.CharField(max_length=64)
    sent_to = models.CharField(_("sent to"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.ACTIVATE)
    # The number being confirmed (purpose PHONE): it becomes the person's phone once the code comes back.
    new_phone = models.CharField(_("new phone number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("activation code")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.person_id} → {self.sent_to}"
