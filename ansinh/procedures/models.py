"""Administrative procedures (an editable catalogue), the working-day calendar, and dossiers with their
documents and history."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ansinh.core.roles import Role
from ansinh.geo.models import Commune
from ansinh.registry.models import Employer, Person


class Procedure(models.Model):
    """One administrative procedure (thủ tục hành chính). Seeded from services/data/procedures.toml; an
    administrator edits it in the admin and the seed never overwrites those edits."""

    class Group(models.TextChoices):
        HI_POLICY = "hi_policy", _("Health-insurance policy")
        PAYMENT = "payment", _("Paying SI benefits")
        SI_POLICY = "si_policy", _("SI benefits")
        BOOK_CARD = "book_card", _("SI book and HI card")
        COLLECTION = "collection", _("Collection of SI, HI, UI")

    class Case(models.TextChoices):
        NONE = "", _("none")
        PENSION = "pension", _("pension case (benefits)")
        ONE_OFF = "one_off", _("one-off SI case (benefits)")
        SICKNESS = "sickness", _("sickness case (benefits)")
        MATERNITY = "maternity", _("maternity case (benefits)")
        SURVIVOR = "survivor", _("survivor case (benefits)")
        VOLUNTARY = "voluntary", _("voluntary-SI enrolment (contributions)")

    code = models.CharField(_("code"), max_length=12, unique=True)
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    name = models.CharField(_("name (Vietnamese)"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=300)
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    time_limit_source = models.CharField(_("source of the time limit"), max_length=200)
    time_limit_assumed = models.BooleanField(
        _("time limit is an assumption"),
        default=False,
        help_text=_("No legal text was found: check and correct the number."),
    )
    citizens_may_file = models.BooleanField(_("citizens may file"), default=True)
    employers_may_file = models.BooleanField(_("employers may file"), default=False)
    delivery_online = models.BooleanField(_("result online"), default=True)
    delivery_counter = models.BooleanField(_("result at the counter"), default=True)
    delivery_post = models.BooleanField(_("result by post"), default=True)
    handling_role = models.CharField(_("handled by"), max_length=32, choices=Role.choices, default=Role.SERVICE_DESK)
    opens_case = models.CharField(_("opens"), max_length=12, choices=Case.choices, blank=True, default="")
    active = models.BooleanField(_("open for filing"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    national_code = models.CharField(
        _("code on the national portal"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("MaTTHC, e.g. 1.001667: links the procedure to the portal's catalogue."),
    )
    fee_amount = models.PositiveIntegerField(_("fee (đồng)"), default=0, help_text=_("0: no fee."))
    fee_source = models.CharField(_("source of the fee"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("procedure")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def title(self) -> str:
        """The name in the reader's language (the English name where one is given)."""
        return self.name_en if (get_language() or "vi").startswith("en") and self.name_en else self.name

    def delivery_choices(self) -> list[str]:
        return [
            m
            for m, on in (
                ("online", self.delivery_online),
                ("counter", self.delivery_counter),
                ("post", self.delivery_post),
            )
            if on
        ]


class RequiredDocument(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("document (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("document (English)"), max_length=300)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("required document")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday (or compensatory day off), or a Saturday
    or Sunday made a working day when the government swaps days."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("day off")
        WORKING = "working", _("working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.DAY_OFF)
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}"


class FilingChannel(models.TextChoices):
    """How a dossier reached us."""

    ONLINE = "online", _("online")
    COUNTER = "counter", _("at the counter")
    PORTAL = "portal", _("through the national portal")


class ResultDelivery(models.TextChoices):
    """How the applicant receives the result (chosen when filing)."""

    ONLINE = "online", _("online")
    COUNTER = "counter", _("at the counter")
    POST = "post", _("by post")


class State(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("in progress")
    INFO_REQUESTED = "info_requested", _("more information requested")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class Dossier(models.Model):
    receipt_code = models.CharField(_("receipt code"), max_length=16, unique=True)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="dossiers")
    channel = models.CharField(_("received"), max_length=8, choices=FilingChannel.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.RECEIVED)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"))
    paused_on = models.DateField(_("clock stopped on"), null=True, blank=True)
    finished_on = models.DateField(_("decided on"), null=True, blank=True)
    delivery = models.CharField(_("result delivery"), max_length=8, choices=ResultDelivery.choices)
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)
    tracking_ref = models.CharField(_("postal tracking reference"), max_length=40, blank=True)
    delivered_on = models.DateField(_("result delivered on"), null=True, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    applicant_note = models.TextField(_("applicant's note"), blank=True)
    decision_note = models.TextField(_("decision or request"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    case_ref = models.CharField(_("case opened"), max_length=60, blank=True)
    portal_code = models.CharField(
        _("dossier code on the national portal"), max_length=40, blank=True, default="", db_default=""
    )  # bulk loaders that do not know the column still work
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["finished_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(employer__isnull=False),
                name="dossier_has_applicant",
            ),
            models.UniqueConstraint(
                fields=["portal_code"], condition=~models.Q(portal_code=""), name="dossier_portal_code_once"
            ),
        ]

    def __str__(self):
        return f"{self.receipt_code} {self.procedure.code}"

    @property
    def is_open(self) -> bool:
        return self.state not in (State.APPROVED, State.REFUSED)

    @property
    def code_on_portal(self) -> str:
        """MaHoSo on the national portal: the portal's own code for a dossier it forwarded, else ours."""
        return self.portal_code or self.receipt_code

    def is_overdue(self, today) -> bool:
        from ansinh.procedures.rules import is_overdue

        return is_overdue(self.due_on, self.finished_on, today, self.state == State.INFO_REQUESTED)


class DossierDocument(models.Model):
    """An uploaded file, kept under settings.PRIVATE_FILES_ROOT (outside the web root)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    label = models.CharField(_("document"), max_length=300)
    stored_name = models.CharField(max_length=200, unique=True)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("uploaded document")
        ordering = ["id"]

    def __str__(self):
        return self.original_name


class DossierEvent(models.Model):
    """A step in a dossier's life, shown to the applicant and the staff."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("dossier event")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.dossier_id} {self.from_state}→{self.to_state}"


from ansinh.procedures.integration_models import (  # noqa: E402,F401  (models of the app kept in their module)
    DossierFee,
    NationalProcedure,
    OutboxDelivery,
    OutboxMessage,
    Shipment,
    ShipmentEvent,
)
