from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ansinh.core.errors import DomainError
from ansinh.policy.models import Parameter
from ansinh.policy.services import confirm_version


class ConfirmForm(forms.Form):
    act = forms.CharField(
        label=_("Published act that sets this value"),
        max_length=300,
        help_text=_("Number and date of the decree or law as published, e.g. Decree 161/2026/NĐ-CP."),
    )


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    list_display = ("key", "valid_from", "value", "unit", "status", "source", "uncertain", "pack", "confirm_link")
    list_filter = ("status", "pack", "unit", "uncertain")
    search_fields = ("key", "source", "description")
    readonly_fields = ("created_at", "updated_at", "created_by", "pack", "confirmed_by", "confirmed_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.pack = "admin"
        super().save_model(request, obj, form, change)

    @admin.display(description=_("confirm"))
    def confirm_link(self, obj):
        if obj.status != Parameter.Status.PROVISIONAL:
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:policy_parameter_confirm", args=[obj.pk]), _("Confirm")
        )

    def get_urls(self):
        own = [
            path("<int:pk>/confirm/", self.admin_site.admin_view(self.confirm_view), name="policy_parameter_confirm")
        ]
        return own + super().get_urls()

    def confirm_view(self, request, pk: int):
        """An administrator brings an announced value into force once its act is published (audited)."""
        row = get_object_or_404(Parameter, pk=pk)
        if not self.has_change_permission(request, row):
            raise PermissionDenied
        form = ConfirmForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                confirm_version(row.pk, request.user, form.cleaned_data["act"])
            except DomainError as exc:
                form.add_error("act", str(exc.errors[0].message))
            else:
                messages.success(request, _("The version is now in force."))
                return redirect("admin:policy_parameter_change", row.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "row": row,
            "form": form,
            "title": _("Confirm a provisional version"),
        }
        return TemplateResponse(request, "admin/policy/parameter/confirm.html", context)
