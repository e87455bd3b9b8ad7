from django.contrib import admin

from ansinh.contributions.models import (
    AssessmentRun,
    Declaration,
    FamilyHIEnrolment,
    Payment,
    Receivable,
    StatementImport,
    VoluntaryEnrolment,
)


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ("submitted_at", "employer", "file_name", "rows", "status", "submitted_by", "channel")
    list_filter = ("status", "channel")
    search_fields = ("employer__unit_code", "file_name")
    readonly_fields = ("errors", "changes")


@admin.register(AssessmentRun)
class AssessmentRunAdmin(admin.ModelAdmin):
    list_display = ("period", "started_at", "finished_at", "units", "participants", "receivables", "amount")
    readonly_fields = [f.name for f in AssessmentRun._meta.fields]


@admin.register(Receivable)
class ReceivableAdmin(admin.ModelAdmin):
    list_display = ("payer_code", "payer_kind", "period", "fund", "amount", "paid_amount", "due_date")
    list_filter = ("payer_kind", "fund")
    search_fields = ("payer_code", "period")
    raw_id_fields = ("employer", "person", "household", "run", "commune")
    # What a bill has been paid is the sum of its allocations (payments.allocate writes both at once); the
    # arrears of past months are computed from that equality, so it is never typed in by hand.
    readonly_fields = ("paid_amount", "paid_on")


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = (
        "received_on",
        "source",
        "account",
        "reference",
        "amount",
        "payer_code",
        "status",
        "suspense_reason",
        "allocated_amount",
    )
    list_filter = ("status", "source", "suspense_reason")
    search_fields = ("reference", "payer_code", "payer_text", "end_to_end_id", "structured_reference")


@admin.register(StatementImport)
class StatementImportAdmin(admin.ModelAdmin):
    list_display = (
        "imported_at",
        "file_name",
        "format",
        "accounts",
        "lines",
        "new_payments",
        "known_payments",
        "suspense",
        "channel",
    )
    list_filter = ("format", "channel")
    readonly_fields = [f.name for f in StatementImport._meta.fields]


@admin.register(VoluntaryEnrolment)
class VoluntaryEnrolmentAdmin(admin.ModelAdmin):
    list_display = ("person", "income", "support_group", "schedule_months", "start_period", "end_period")
    raw_id_fields = ("person", "enrolled_by")


@admin.register(FamilyHIEnrolment)
class FamilyHIEnrolmentAdmin(admin.ModelAdmin):
    list_display = ("person", "household", "support_group", "schedule_months", "start_period", "end_period")
    raw_id_fields = ("person", "household")
