from django.contrib import admin

from ansinh.feedback.models import Feedback, FeedbackMessage, TimeLimit


@admin.register(TimeLimit)
class TimeLimitAdmin(admin.ModelAdmin):
    """Add a new version (a new valid_from) when the law changes; old versions stay for old cases."""

    list_display = ("kind", "stage", "days", "unit", "valid_from", "assumed", "source")
    list_filter = ("kind", "assumed")


class MessageInline(admin.TabularInline):
    model = FeedbackMessage
    extra = 0
    fields = ("at", "author", "kind", "text")
    readonly_fields = fields
    can_delete = False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "category", "state", "channel", "received_on", "due_on", "answered_on", "rating")
    list_filter = ("kind", "state", "channel", "category")
    search_fields = ("code", "subject", "person__cccd")
    readonly_fields = (
        "code",
        "person",
        "employer",
        "submitted_by",
        "received_on",
        "accept_due",
        "accepted_on",
        "due_on",
        "limit_source",
        "answered_on",
        "closed_on",
        "rating",
        "conversation",
    )
    inlines = [MessageInline]
    date_hierarchy = "received_on"
