from django.contrib import admin

from ansinh.outreach.models import Agent, Campaign, LabourReport, ProspectRun


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "commune", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name")


@admin.register(LabourReport)
class LabourReportAdmin(admin.ModelAdmin):
    list_display = ("unit_code", "reported_on", "workers", "source")
    search_fields = ("unit_code",)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "segment", "status", "started_on")
    list_filter = ("status",)


@admin.register(ProspectRun)
class ProspectRunAdmin(admin.ModelAdmin):
    list_display = ("on", "started_at", "seconds", "basis")
    readonly_fields = ("counts",)
