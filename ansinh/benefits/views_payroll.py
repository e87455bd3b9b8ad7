"""Payroll pages: runs, one run's state and totals per bank and cash point, files, return upload."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.benefits import forms
from ansinh.benefits.models import BankFile, PaymentInstruction, PayrollRun
from ansinh.benefits.payroll import returns, send
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.views import DECIDERS, _officer
from ansinh.core import nav
from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors


@nav.guard("benefits:runs")
def run_list(request):
    form = forms.PeriodForm(request.POST or None)
    if request.method == "POST":
        _officer(request, DECIDERS)
        if form.is_valid():
            try:
                done = payroll.compute_run(form.cleaned_data["period"], request.user)
                return redirect("benefits:run", period=done.period)
            except DomainError as exc:
                show_errors(request, exc)
    return render(request, "benefits/run_list.html", {"runs": PayrollRun.objects.all()[:36], "form": form})


@nav.guard("benefits:runs")
def run_detail(request, period: str):
    run = get_object_or_404(PayrollRun, period=period)
    by_channel = (
        run.payments.values("method", "bank_code")
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by("method", "bank_code")
    )
    labels = dict(PaymentInstruction.Status.choices)
    by_status = [
        dict(row, label=labels.get(row["status"], row["status"]))
        for row in run.payments.values("status").annotate(n=Count("id"), total=Sum("amount")).order_by("status")
    ]
    cash_files = run.files.filter(kind="cash_csv").count()
    return render(
        request,
        "benefits/run_detail.html",
        {
            "run": run,
            "by_channel": by_channel,
            "by_status": by_status,
            "bank_files": run.files.exclude(kind="cash_csv").order_by("channel_code"),
            "cash_files": run.files.filter(kind="cash_csv").order_by("channel_code")[:50],
            "cash_file_count": cash_files,
            "returns": run.returns.order_by("-imported_at"),
            "return_form": forms.ReturnForm(),
        },
    )


@nav.guard("benefits:runs")
@require_POST
def run_action(request, period: str, action: str):
    _officer(request, DECIDERS)
    run = get_object_or_404(PayrollRun, period=period)
    try:
        if action == "approve":
            send.approve_run(run, request.user)
        elif action == "send":
            send.send_run(run, request.user)
        elif action == "return":
            form = forms.ReturnForm(request.POST, request.FILES)
            if not form.is_valid():
                raise DomainError.one("file", _("Choose a return file."), "missing")
            upload = form.cleaned_data["file"]
            source = returns.import_return(run, upload.name, upload.read(), request.user)
            messages.success(
                request,
                _("%(paid)s paid, %(accepted)s accepted, %(rejected)s rejected.")
                % {"paid": source.paid, "accepted": source.accepted, "rejected": source.rejected},
            )
    except DomainError as exc:
        show_errors(request, exc)
    return redirect("benefits:run", period=period)


@nav.guard("benefits:runs")
def file_download(request, pk: int):
    item = get_object_or_404(BankFile, pk=pk)
    path = send.files_dir(item.run.period).parent / item.path
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
