"""The assistant's knowledge base (passages staff can edit) and the questions it was asked (with feedback)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Passage(models.Model):
    """A short text for citizens, in Vietnamese and English, with its legal source.

    Texts may hold placeholders such as {min_wage.I}; they are filled from the policy parameter store
    when the index is built, so a new rate reaches the answers without editing the passage."""

    class Origin(models.TextChoices):
        SEED = "seed", _("shipped with An Sinh")
        STAFF = "staff", _("written by staff")

    pid = models.SlugField(
        _("passage id"),
        max_length=60,
        unique=True,
        allow_unicode=False,
        help_text=_("Stable identifier cited in answers, e.g. vsi.rate."),
    )
    topic = models.CharField(_("topic"), max_length=40, db_index=True)
    source = models.CharField(_("legal source"), max_length=300)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    text_vi = models.TextField(_("text (Vietnamese)"))
    text_en = models.TextField(_("text (English)"))
    keywords = models.TextField(
        _("search keywords"), blank=True, help_text=_("Words citizens use for this topic (not shown in answers).")
    )
    asks_vi = models.TextField(
        _("asked as (Vietnamese)"),
        blank=True,
        help_text=_("How citizens ask what this passage answers, one question a line (not shown in answers)."),
    )
    asks_en = models.TextField(
        _("asked as (English)"),
        blank=True,
        help_text=_("How citizens ask what this passage answers, one question a line (not shown in answers)."),
    )
    active = models.BooleanField(_("active"), default=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.STAFF)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["pid"]
        verbose_name = _("knowledge passage")
        verbose_name_plural = _("knowledge passages")

    def __str__(self):
        return f"{self.pid}: {self.title_vi}"

    def clean(self):
        from ansinh.assistant.knowledge import check_passage

        check_passage(self)


class Exchange(models.Model):
    """One question and the answer given, kept so citizens can rate it and staff can review it.

    It is itself the record of an event, so saving it is not audited again (personal answers are audited
    explicitly with what was read)."""

    audit_exclude = True

    class Kind(models.TextChoices):
        POLICY = "policy", _("policy")
        CALCULATOR = "calculator", _("calculator")
        PERSONAL = "personal", _("personal")
        UNKNOWN = "unknown", _("don't know")

    question = models.TextField(_("question"))
    conversation = models.CharField(
        _("conversation"),
        max_length=32,
        blank=True,
        db_index=True,
        help_text=_("Random id of the chat this question belongs to."),
    )
    understood_as = models.TextField(
        _("understood as"),
        blank=True,
        help_text=_("The question with the topic of the chat carried over (follow-ups)."),
    )
    inputs = models.JSONField(_("calculator inputs"), null=True, blank=True)
    lang = models.CharField(_("language"), max_length=2)
    answer = models.TextField(_("answer"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    confidence = models.FloatField(_("confidence"))
    passage_ids = models.JSONField(_("cited passages"), default=list)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assistant_exchanges"
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)
    helpful = models.BooleanField(_("helpful"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    reviewed = models.BooleanField(_("reviewed by staff"), default=False)

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("assistant question")
        verbose_name_plural = _("assistant questions")
        indexes = [models.Index(fields=["helpful", "reviewed"])]

    def __str__(self):
        return self.question[:80]
