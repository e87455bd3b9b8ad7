from django.contrib import admin

from ansinh.portal.models import ActivationCode


@admin.register(ActivationCode)
class ActivationCodeAdmin(admin.ModelAdmin):
    list_display = ("person", "sent_to", "created_at", "expires_at", "attempts", "used_at")
    readonly_fields = ("person", "sent_to", "created_at", "expires_at", "attempts", "used_at")
    exclude = ("otp_hash",)
