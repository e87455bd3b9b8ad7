from django.contrib import admin

from ansinh.benefits import models


@admin.register(models.BenefitCase)
class BenefitCaseAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "kind",
        "state",
        "person",
        "beneficiary",
        "amount",
        "decision_number",
        "computed_by",
        "approved_by",
    )
    list_filter = ("kind", "state")
    search_fields = ("decision_number", "person__si_number", "person__cccd", "dossier_ref")
    raw_id_fields = ("person", "beneficiary")
    readonly_fields = ("computation", "computed_by", "computed_at", "approved_by", "approved_at", "decision_number")


@admin.register(models.Entitlement)
class EntitlementAdmin(admin.ModelAdmin):
    list_display = ("decision_number", "kind", "person", "amount", "start", "end", "status")
    list_filter = ("kind", "status", "monthly")
    search_fields = ("decision_number", "person__si_number", "person__cccd")
    raw_id_fields = ("person", "case")


@admin.register(models.PaymentChannel)
class PaymentChannelAdmin(admin.ModelAdmin):
    list_display = ("person", "method", "bank_code", "post_office_code", "updated_at")
    list_filter = ("method", "bank_code")
    raw_id_fields = ("person",)


@admin.register(models.PayrollRun)
class PayrollRunAdmin(admin.ModelAdmin):
    list_display = ("period", "state", "instructions", "total", "approved_by", "sent_at", "reconciled_at")
    readonly_fields = ("instructions", "total")


@admin.register(models.ChannelChange)
class ChannelChangeAdmin(admin.ModelAdmin):
    list_display = ("person", "changed_at", "reason", "changed_by")
    raw_id_fields = ("person",)


@admin.register(models.JobSearchReport)
class JobSearchReportAdmin(admin.ModelAdmin):
    list_display = ("entitlement", "period", "reported_on", "recorded_by")
    search_fields = ("entitlement__decision_number",)
    raw_id_fields = ("entitlement",)


@admin.register(models.EntitlementAdjustment)
class EntitlementAdjustmentAdmin(admin.ModelAdmin):
    """Indexations applied (written by the index_entitlements batch only)."""

    list_display = ("entitlement", "valid_from", "pct", "before", "after", "applied_at")
    list_filter = ("valid_from",)
    raw_id_fields = ("entitlement",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
