from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ansinh.procedures.models import (
    CalendarDay,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierFee,
    NationalProcedure,
    OutboxDelivery,
    OutboxMessage,
    Procedure,
    RequiredDocument,
    Shipment,
    ShipmentEvent,
)


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 1


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "national_code",
        "name",
        "time_limit_days",
        "time_limit_assumed",
        "handling_role",
        "citizens_may_file",
        "employers_may_file",
        "opens_case",
        "active",
    )
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
    readonly_fields = (
        "receipt_code",
        "procedure",
        "person",
        "employer",
        "commune",
        "channel",
        "state",
        "received_on",
        "due_on",
        "paused_on",
        "finished_on",
        "case_ref",
        "submitted_by",
    )
    inlines = [DocumentInline, EventInline]
    date_hierarchy = "received_on"


class DeliveryInline(admin.TabularInline):
    model = OutboxDelivery
    extra = 0
    fields = ("at", "ok", "http_status", "error_code", "detail", "duration_ms")
    readonly_fields = fields
    can_delete = False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Messages to the national portal; each attempt below. "Replay" puts the chosen ones back in the queue."""

    list_display = ("id", "operation", "key", "status", "attempts", "next_attempt_at", "last_error")
    list_filter = ("status", "operation", "target")
    search_fields = ("key",)
    readonly_fields = (
        "target",
        "operation",
        "key",
        "payload",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "last_error",
    )
    inlines = [DeliveryInline]
    actions = ["replay"]

    @admin.action(description=_("Replay: send again at the next run"))
    def replay(self, request, queryset):
        from ansinh.procedures.integrations import outbox

        self.message_user(
            request,
            _("%(n)s message(s) back in the queue.")
            % {"n": outbox.replay(ids=list(queryset.values_list("pk", flat=True)))},
        )


@admin.register(NationalProcedure)
class NationalProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "field_name", "time_limit", "pulled_at")
    search_fields = ("code", "name")
    readonly_fields = (
        "code",
        "name",
        "field_code",
        "field_name",
        "agency_level",
        "time_limit",
        "fee_text",
        "raw",
        "pulled_at",
    )


@admin.register(DossierFee)
class DossierFeeAdmin(admin.ModelAdmin):
    list_display = ("reference", "dossier", "kind", "amount", "status", "transaction_id", "paid_at")
    list_filter = ("status", "kind")
    search_fields = ("reference", "transaction_id", "dossier__receipt_code")
    readonly_fields = ("dossier", "kind", "amount", "reference", "status", "transaction_id", "paid_at", "paid_via")


class ShipmentEventInline(admin.TabularInline):
    model = ShipmentEvent
    extra = 0
    fields = ("at", "code", "status", "text", "place", "source")
    readonly_fields = fields
    can_delete = False


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ("item_code", "dossier", "status", "fee", "updated_at")
    list_filter = ("status",)
    search_fields = ("item_code", "dossier__receipt_code")
    readonly_fields = ("dossier", "order_id", "item_code", "status", "fee", "created_at", "updated_at")
    inlines = [ShipmentEventInline]
