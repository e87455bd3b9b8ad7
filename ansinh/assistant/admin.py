"""Staff edit the knowledge base here (saves are audited by the core signals) and review feedback."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ansinh.assistant import services
from ansinh.assistant.knowledge import PlaceholderError
from ansinh.assistant.models import Exchange, Passage


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ("pid", "topic", "title_vi", "source", "active", "origin", "updated_at")
    list_filter = ("topic", "active", "origin")
    search_fields = ("pid", "title_vi", "title_en", "text_vi", "text_en", "keywords", "asks_vi", "asks_en")
    readonly_fields = ("updated_at",)
    actions = ["rebuild_index"]

    def save_model(self, request, obj, form, change):
        obj.origin = Passage.Origin.STAFF  # a shipped passage edited by staff is theirs: seed updates skip it
        super().save_model(request, obj, form, change)
        self._rebuild(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._rebuild(request)

    @admin.action(description=_("Rebuild the assistant's search index"))
    def rebuild_index(self, request, queryset=None):
        self._rebuild(request)

    def _rebuild(self, request):
        try:
            built = services.rebuild_index()
        except PlaceholderError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request, _("Search index rebuilt: %(n)s passages.") % {"n": len(built.passages)}, messages.SUCCESS
        )


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    list_display = ("asked_at", "question", "kind", "confidence", "helpful", "reviewed")
    list_filter = ("kind", "helpful", "reviewed", "lang")
    search_fields = ("question", "answer", "comment")
    readonly_fields = (
        "question",
        "lang",
        "answer",
        "kind",
        "confidence",
        "passage_ids",
        "user",
        "asked_at",
        "helpful",
        "comment",
        "rated_at",
    )
    fields = readonly_fields + ("reviewed",)

    def has_add_permission(self, request):
        return False
