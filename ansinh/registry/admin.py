from django.contrib import admin

from ansinh.core import audit
from ansinh.registry.models import Employer, EmploymentSpell, Household, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "masked_cccd", "si_number", "birth_date", "sex", "commune")
    search_fields = ("full_name", "=cccd", "=si_number")
    raw_id_fields = ("household", "user", "commune")
    list_select_related = ("commune__area",)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")  # absent on redirects
        if changelist is not None and len(changelist.result_list):
            audit.record_list_read(request, changelist.result_list, "registry.person", "person list (admin)")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        person = self.get_object(request, object_id)
        if person is not None:
            audit.record_read(request, person, "person record (admin)")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ("code", "commune", "poverty")
    search_fields = ("=code",)
    raw_id_fields = ("commune",)


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("unit_code", "name", "sector", "wage_region", "area", "e_transactions")
    list_filter = ("sector", "wage_region", "area")
    search_fields = ("=unit_code", "=tax_code", "name")
    raw_id_fields = ("commune",)


@admin.register(EmploymentSpell)
class EmploymentSpellAdmin(admin.ModelAdmin):
    list_display = ("person", "employer", "start", "end", "insured_salary")
    raw_id_fields = ("person", "employer")
