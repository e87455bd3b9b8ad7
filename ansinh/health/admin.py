from django.contrib import admin

from ansinh.health.models import (
    CardStop,
    CatalogueItem,
    Claim,
    ClaimAssessmentRun,
    ClaimReview,
    Coverage,
    CoverageRun,
    Diagnosis,
    EligibilityCheck,
    Facility,
    Finding,
    HIGroup,
    ListMembership,
    Submission,
)


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "former_district", "area")
    list_filter = ("level", "area")
    search_fields = ("code", "name")


@admin.register(HIGroup)
class HIGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "name_en", "payer")
    search_fields = ("code", "name_vi")


@admin.register(Diagnosis)
class DiagnosisAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "name_en")
    search_fields = ("code", "name_vi", "name_en")


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "name", "unit", "reference_price", "max_quantity", "per_day", "valid_from")
    list_filter = ("kind",)
    search_fields = ("code", "name")


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ("card_code", "group", "benefit_pct", "valid_from", "valid_to", "status", "source")
    list_filter = ("status", "group", "source")
    search_fields = ("card_code", "person__cccd")
    raw_id_fields = ("person", "facility", "run")


@admin.register(ListMembership)
class ListMembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "group", "list_name", "valid_from", "valid_to")
    list_filter = ("group",)
    raw_id_fields = ("person",)


@admin.register(CardStop)
class CardStopAdmin(admin.ModelAdmin):
    list_display = ("person", "result_code", "reason", "effective")
    raw_id_fields = ("person", "created_by")


@admin.register(EligibilityCheck)
class EligibilityCheckAdmin(admin.ModelAdmin):
    list_display = ("at", "facility_code", "query", "result_code")
    list_filter = ("result_code",)
    raw_id_fields = ("person", "user")

    def has_change_permission(self, request, obj=None):
        return False  # the check log is the audit record of the read


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("facility", "received_at", "channel", "claims")
    raw_id_fields = ("facility", "submitted_by")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("ma_lk", "facility", "full_name", "admitted", "outcome", "fund_claimed", "fund_amount", "review")
    list_filter = ("outcome", "review", "visit_type")
    search_fields = ("ma_lk", "cccd", "full_name")
    raw_id_fields = ("submission", "facility", "person", "run")


admin.site.register([CoverageRun, ClaimAssessmentRun, Finding, ClaimReview])

from ansinh.health.gateway import admin as gateway_admin  # noqa: E402,F401  (registers the gateway's models)
