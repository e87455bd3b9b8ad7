from django.contrib import admin

from ansinh.geo.models import Area, Commune


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "population", "labour_force", "wage_region")


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "area", "population", "labour_force", "disadvantaged")
    list_filter = ("area", "kind", "disadvantaged")
    search_fields = ("name", "code")
