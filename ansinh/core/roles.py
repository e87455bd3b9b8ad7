"""The roles of An Sinh. A user has exactly one; machine clients authenticate with API tokens."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    EMPLOYER = "employer", _("Employer")
    COLLECTION_OFFICER = "collection_officer", _("Collection officer")
    BENEFITS_OFFICER = "benefits_officer", _("Benefits officer")
    HI_ASSESSOR = "hi_assessor", _("Health-insurance assessor")
    SERVICE_DESK = "service_desk", _("Service-desk officer")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    FACILITY = "facility", _("Medical facility (API client)")
    BANK = "bank", _("Bank (API client)")
    POST_OFFICE = "post_office", _("Post office (API client)")


STAFF_ROLES = frozenset(
    {
        Role.COLLECTION_OFFICER,
        Role.BENEFITS_OFFICER,
        Role.HI_ASSESSOR,
        Role.SERVICE_DESK,
        Role.MANAGER,
        Role.ADMINISTRATOR,
    }
)
MACHINE_ROLES = frozenset({Role.FACILITY, Role.BANK, Role.POST_OFFICE})
EVERYONE = frozenset(Role)


def effective_role(user) -> str:
    """A superuser acts as the administrator whatever role their account row holds."""
    return Role.ADMINISTRATOR if user.is_superuser else user.role
