"""Pages that use the national connections: paying a dossier's fees online, handing a result to VNPost,
and the signed download links the national portal fetches a dossier's documents through."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors
from ansinh.procedures import files, workflow
from ansinh.procedures.inbound import postal
from ansinh.procedures.integrations import payments, portal
from ansinh.procedures.integrations.http import ServiceError
from ansinh.procedures.views.access import visible_dossier


def portal_file(request, token: str):
    document = portal.document_for_link(token)
    if document is None or not files.path_of(document).exists():
        raise Http404
    return files.attachment(files.path_of(document), document)


@login_required
@require_POST
def pay(request, receipt_code: str):
    """Send the applicant to the national payment platform for what the dossier still owes."""
    dossier = visible_dossier(request, receipt_code)
    if not workflow.is_applicant(request.user, dossier):
        raise PermissionDenied
    back = request.build_absolute_uri(reverse("services:paid", args=[receipt_code]))
    callback = request.build_absolute_uri(reverse("api:payment_confirm"))
    try:
        return redirect(payments.start_payment(dossier, back, callback))
    except ServiceError as error:
        messages.error(
            request, _("Online payment is not available right now (%(why)s). Try again later.") % {"why": error.code}
        )
    return redirect("services:dossier", receipt_code)


@login_required
def paid(request, receipt_code: str):
    """Where the platform sends the payer back; the platform's callback is what records the payment."""
    dossier = visible_dossier(request, receipt_code)
    if dossier.fees.filter(status="due").exists():
        messages.info(
            request, _("The payment platform has not confirmed the payment yet; this page updates when it does.")
        )
    else:
        messages.success(request, _("Payment received. Thank you."))
    return redirect("services:dossier", receipt_code)


@login_required
@require_POST
def send_by_post(request, receipt_code: str):
    """The service desk hands the result to VNPost: the order is created and the tracking number kept."""
    dossier = visible_dossier(request, receipt_code)
    client = postal.VNPostClient.from_settings()
    if client is None:
        raise Http404
    try:
        shipment = postal.send_result(dossier, request.user, client)
    except DomainError as error:
        show_errors(request, error)
    except ServiceError as error:
        messages.error(
            request,
            _("VNPost did not take the order (%(why)s). Try again or enter the number by hand.") % {"why": error.code},
        )
    else:
        messages.success(request, _("Sent with VNPost, tracking number %(code)s.") % {"code": shipment.item_code})
    return redirect("services:dossier", receipt_code)
