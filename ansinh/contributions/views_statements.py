"""Bank statement pages for collection officers: upload a bank's file as the bank wrote it, see what it held."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ansinh.banking import statements
from ansinh.contributions.bank_accounts import collection_accounts
from ansinh.contributions.models import StatementImport
from ansinh.contributions.statement_import import import_statement
from ansinh.core import audit, nav
from ansinh.core.errors import DomainError


def _upload(request):
    upload = request.FILES.get("file")
    if upload is None or upload.size > statements.MAX_BYTES:
        messages.error(
            request, _("Choose a bank file of at most %(mb)s MB.") % {"mb": statements.MAX_BYTES // 1024 // 1024}
        )
        return redirect("contributions:statements")
    try:
        record = import_statement(
            upload.read(), upload.name, by_user=request.user, account=request.POST.get("account", "")
        )
    except DomainError as exc:
        return render(
            request,
            "contributions/statements.html",
            _context() | {"errors": exc.errors, "file_name": upload.name},
            status=422,
        )
    messages.success(
        request,
        _("%(new)s new payments, %(known)s already recorded, %(suspense)s unmatched.")
        % {"new": record.new_payments, "known": record.known_payments, "suspense": record.suspense},
    )
    return redirect("contributions:statement", pk=record.pk)


def _context() -> dict:
    return {"imports": StatementImport.objects.select_related("imported_by")[:50], "accounts": collection_accounts()}


@nav.guard("contributions:statements")
def statement_list(request):
    if request.method == "POST":
        return _upload(request)
    return render(request, "contributions/statements.html", _context())


@nav.guard("contributions:statements")
def statement_detail(request, pk: int):
    record = get_object_or_404(StatementImport, pk=pk)
    payments = list(record.payments.order_by("id")[:500])
    # payers' codes, and the transfer texts of the lines not recorded
    audit.record_list_read(request, payments, "contributions.payment", f"bank statement {record.pk}")
    return render(request, "contributions/statement_detail.html", {"record": record, "payments": payments})
