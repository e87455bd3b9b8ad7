"""Administrators edit the KPI catalogue, the targets per year and the statistics (saves are audited by
signals); snapshots are read-only: a correction is a new version made by close_month."""

from django.contrib import admin

from ansinh.insights.models import AreaStatistic, Kpi, KpiTarget, Snapshot


class TargetInline(admin.TabularInline):
    model = KpiTarget
    extra = 0


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ("code", "name_vi", "name_en", "numerator", "denominator", "direction", "order", "active")
    list_editable = ("order", "active")
    inlines = [TargetInline]


@admin.register(KpiTarget)
class KpiTargetAdmin(admin.ModelAdmin):
    list_display = ("kpi", "year", "comparison", "value", "source", "note")
    list_filter = ("year", "kpi")
    list_editable = ("comparison", "value")


@admin.register(AreaStatistic)
class AreaStatisticAdmin(admin.ModelAdmin):
    list_display = ("year", "commune_code", "population", "labour_force", "source")
    list_filter = ("year",)
    search_fields = ("commune_code",)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("period", "version", "reason", "started_at", "run_by", "seconds")
    list_filter = ("period",)
    readonly_fields = [f.name for f in Snapshot._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
