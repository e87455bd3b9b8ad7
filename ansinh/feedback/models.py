"""Citizens' and employers' feedback: questions, suggestions, complaints and denunciations, their time
limits (effective-dated data with the article of the law), the exchange with the person and the rating."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ansinh.geo.models import Commune
from ansinh.registry.models import Employer, Person


class TimeLimit(models.Model):
    """A time limit of the Law on Complaints, the Law on Denunciations or the agency's own commitment."""

    class Unit(models.TextChoices):
        DAYS = "days", _("days")
        WORKING_DAYS = "working_days", _("working days")

    kind = models.CharField(_("kind"), max_length=12)
    stage = models.CharField(_("stage"), max_length=20)
    days = models.PositiveSmallIntegerField(_("days"))
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices)
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("legal source"), max_length=300)
    assumed = models.BooleanField(_("assumption"), default=False)

    class Meta:
        verbose_name = _("time limit")
        ordering = ["kind", "stage", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "stage", "valid_from"], name="feedback_limit_version_once")
        ]

    def __str__(self):
        return f"{self.kind}/{self.stage} {self.days} {self.unit} from {self.valid_from}"


class Feedback(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        SUGGESTION = "suggestion", _("suggestion")
        COMPLAINT = "complaint", _("complaint")
        DENUNCIATION = "denunciation", _("denunciation")

    class Category(models.TextChoices):
        UNCLASSIFIED = "", _("not classified yet")
        CONTRIBUTIONS = "contributions", _("contributions and arrears")
        BENEFITS = "benefits", _("SI and UI benefits")
        HEALTH = "health", _("health insurance and cards")
        DOSSIERS = "dossiers", _("dossiers and procedures")
        CONDUCT = "conduct", _("staff conduct")
        OTHER = "other", _("other")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("citizen portal")
        ASSISTANT = "assistant", _("virtual assistant")
        HOTLINE = "hotline", _("hotline call")
        COUNTER = "counter", _("at the counter")

    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_PROGRESS = "in_progress", _("being handled")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        NOT_ACCEPTED = "not_accepted", _("not accepted")

    code = models.CharField(_("code"), max_length=16, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    category = models.CharField(_("classification"), max_length=16, choices=Category.choices, blank=True, default="")
    channel = models.CharField(_("received through"), max_length=10, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECEIVED)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    wants_callback = models.BooleanField(_("call me back"), default=False)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="feedback")
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("content"))
    dossier_code = models.CharField(_("dossier concerned"), max_length=16, blank=True)
    conversation = models.JSONField(_("assistant conversation"), default=list, blank=True)
    complex_case = models.BooleanField(_("complex case (longer limit)"), default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_assigned",
        verbose_name=_("assigned to"),
    )
    received_on = models.DateField(_("received on"))
    accept_due = models.DateField(_("accept or refuse by"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    due_on = models.DateField(_("answer due by"))
    limit_source = models.CharField(_("time limit from"), max_length=300)
    limit_assumed = models.BooleanField(default=False)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    rating_comment = models.CharField(_("comment on the answer"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["state", "due_on"]), models.Index(fields=["received_on"])]

    def __str__(self):
        return f"{self.code} {self.get_kind_display()}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.ANSWERED, self.State.CLOSED, self.State.NOT_ACCEPTED)


class FeedbackMessage(models.Model):
    """A reply the person sees, the person's own message, or an internal note staff only see."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("reply from the agency")
        APPLICANT = "applicant", _("message from the person")
        NOTE = "note", _("internal note")
        EVENT = "event", _("handling step")

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="messages")
    at = models.DateTimeField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()

    class Meta:
        verbose_name = _("feedback message")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.feedback_id} {self.kind}"

    @property
    def visible_to_applicant(self) -> bool:
        return self.kind != self.Kind.NOTE
