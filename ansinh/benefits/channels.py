"""Payment channels: a bank account (validated against the bank table) or cash at a post-office point.
Switching is a procedure (5 working days by law) with its history kept in ChannelChange and the audit log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.benefits.banks import POST_OFFICE_PREFIX, account_errors, is_post_office_code
from ansinh.benefits.models import ChannelChange, Method, PaymentChannel
from ansinh.core.errors import DomainError, FieldError
from ansinh.geo.models import Commune


def channel_dict(channel: PaymentChannel | None) -> dict | None:
    if channel is None:
        return None
    if channel.method == Method.BANK:
        return {"method": "bank", "bank_code": channel.bank_code, "account_number": channel.account_number}
    return {"method": "cash", "post_office_code": channel.post_office_code}


def channel_label(channel: dict | None) -> str:
    if not channel:
        return _("cash at the post office")
    if channel["method"] == "bank":
        return f"{channel['bank_code']} ••••{channel['account_number'][-4:]}"
    code = channel["post_office_code"]
    return _("cash at the post office of %(commune)s (cash point %(code)s)") % {
        "commune": _commune_of(code),
        "code": code,
    }


def _commune_of(post_office_code: str) -> str:
    """Cash points are named VNP<commune code>: the commune's name tells the reader where to go."""

    commune_code = post_office_code.removeprefix(POST_OFFICE_PREFIX)
    return Commune.objects.filter(code=commune_code).values_list("name", flat=True).first() or commune_code


def _validated(method: str, bank_code: str, account_number: str, post_office: str) -> dict:
    if method == Method.BANK:
        errors = account_errors(bank_code, account_number)
        if errors:
            raise DomainError([FieldError(field, message, "bad_account") for field, message in errors.items()])
        return {"method": "bank", "bank_code": bank_code, "account_number": account_number, "post_office_code": ""}
    if method == Method.CASH:
        if not is_post_office_code(post_office):
            raise DomainError.one(
                "post_office_code", _("Unknown post-office cash point %(code)s.") % {"code": post_office}, "bad_point"
            )
        return {"method": "cash", "bank_code": "", "account_number": "", "post_office_code": post_office}
    raise DomainError.one("method", _("The method must be bank or cash."), "bad_method")


@transaction.atomic
def switch_channel(
    person,
    method: str,
    by_user,
    reason: str,
    bank_code: str = "",
    account_number: str = "",
    post_office_code: str = "",
    dossier_ref: str = "",
) -> PaymentChannel:
    values = _validated(
        method, bank_code.strip().upper(), account_number.strip().replace(" ", ""), post_office_code.strip()
    )
    channel = PaymentChannel.objects.select_for_update().filter(person=person).first()
    before = channel_dict(channel)
    if channel is None:
        channel = PaymentChannel(person=person)
    for field, value in values.items():
        setattr(channel, field, value)
    channel.updated_at = timezone.now()
    channel.save()
    ChannelChange.objects.create(
        person=person,
        before=before,
        after=channel_dict(channel),
        reason=reason[:200],
        dossier_ref=dossier_ref,
        changed_by=by_user,
    )
    return channel
