from django.contrib import admin

from ansinh.policy.models import Parameter


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    list_display = ("key", "valid_from", "value", "unit", "source", "uncertain", "pack")
    list_filter = ("pack", "unit", "uncertain")
    search_fields = ("key", "source", "description")
    readonly_fields = ("created_at", "updated_at", "created_by", "pack")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.pack = "admin"
        super().save_model(request, obj, form, change)
