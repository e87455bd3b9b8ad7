from django.contrib import admin

from ansinh.linkage.models import PopulationExtract, ReconciliationRun


@admin.register(PopulationExtract)
class PopulationExtractAdmin(admin.ModelAdmin):
    list_display = ("file_name", "rows", "skipped_rows", "imported_at", "imported_by")
    readonly_fields = ("sha256", "parquet_path", "errors_path")


@admin.register(ReconciliationRun)
class ReconciliationRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "started_at", "participants", "synced", "matched", "ambiguous", "not_found", "seconds")
    readonly_fields = ("model", "step_seconds", "thresholds")
