"""Admin of the gateway: accounts (the password hash is never shown or edited here: use
`manage.py gateway_account`), sessions (revocable), receptionists, receipts and check-ins (read-only records)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.core.ids import mask_cccd
from ansinh.health.models import CheckIn, FormerCard, GatewayAccount, GatewayReceipt, GatewayToken, Receptionist


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(GatewayAccount)
class GatewayAccountAdmin(admin.ModelAdmin):
    list_display = ("username", "facility", "is_active", "created_at", "password_changed_at")
    list_filter = ("is_active",)
    search_fields = ("username", "facility__code")
    fields = ("username", "facility", "is_active")
    readonly_fields = ("username", "facility")

    def has_add_permission(self, request):
        return False  # created with manage.py gateway_account create, which shows the password once


@admin.register(GatewayToken)
class GatewayTokenAdmin(ReadOnly):
    list_display = ("account", "issued_at", "expires_at", "revoked_at", "ip")
    list_filter = ("account",)
    fields = ("account", "issued_at", "expires_at", "revoked_at", "ip")
    actions = ["revoke"]

    @admin.action(description=_("End the selected sessions"))
    def revoke(self, request, queryset):
        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@admin.register(Receptionist)
class ReceptionistAdmin(admin.ModelAdmin):
    list_display = ("full_name", "masked", "facility", "is_active", "registered_at")
    list_filter = ("is_active", "facility")
    search_fields = ("full_name", "cccd")

    @admin.display(description=_("CCCD"))
    def masked(self, obj):
        return mask_cccd(obj.cccd)


@admin.register(GatewayReceipt)
class GatewayReceiptAdmin(ReadOnly):
    list_display = ("code", "kind", "facility", "received_at", "rows", "submission")
    list_filter = ("kind",)
    search_fields = ("code",)
    raw_id_fields = ("submission",)


@admin.register(CheckIn)
class CheckInAdmin(ReadOnly):
    list_display = ("ma_lk", "facility", "full_name", "admitted", "visit_type")
    search_fields = ("ma_lk", "full_name")
    raw_id_fields = ("person", "receipt")


@admin.register(FormerCard)
class FormerCardAdmin(ReadOnly):
    list_display = ("card_code", "valid_from", "valid_to", "new_card_code", "replaced_on")
    search_fields = ("card_code", "new_card_code")
    raw_id_fields = ("person",)
