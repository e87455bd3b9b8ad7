from django.contrib import admin

from ansinh.benefits import models


@admin.register(models.BenefitCase)
class BenefitCaseAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "state", "person", "amount", "decision_number", "computed_by", "approved_by")
    list_filter = ("kind", "state")
    search_fields = ("decision_number", "person__si_number", "person__cccd", "dossier_ref")
    raw_id_fields = ("person",)
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
