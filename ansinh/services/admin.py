from django.contrib import admin

from ansinh.services.models import CalendarDay, Dossier, DossierDocument, DossierEvent, Procedure, RequiredDocument


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 1


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "time_limit_days", "time_limit_assumed", "handling_role", "citizens_may_file",
                    "employers_may_file", "opens_case", "active")
    list_filter = ("group", "handling_role", "time_limit_assumed", "active")
    list_editable = ("time_limit_days", "active")
    search_fields = ("code", "name", "name_en")
    inlines = [RequiredDocumentInline]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name", "source")
    list_filter = ("kind",)
    date_hierarchy = "date"


class DocumentInline(admin.TabularInline):
    model = DossierDocument
    extra = 0
    fields = ("label", "original_name", "content_type", "size", "uploaded_at")
    readonly_fields = fields
    can_delete = False


class EventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    fields = ("at", "actor", "from_state", "to_state", "note")
    readonly_fields = fields
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-mostly: states change only through the workflow pages, which check roles and notify."""

    list_display = ("receipt_code", "procedure", "state", "channel", "received_on", "due_on", "finished_on", "delivery")
    list_filter = ("state", "channel", "delivery", "procedure")
    search_fields = ("receipt_code", "person__cccd", "employer__unit_code")
    readonly_fields = ("receipt_code", "procedure", "person", "employer", "commune", "channel", "state", "received_on",
                       "due_on", "paused_on", "finished_on", "case_ref", "submitted_by")
    inlines = [DocumentInline, EventInline]
    date_hierarchy = "received_on"
