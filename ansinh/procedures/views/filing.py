"""Filing a dossier online (citizen or employer) and answering a request for more information."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core.errors import DomainError
from ansinh.core.page_errors import denied, show_errors, show_errors_on_form
from ansinh.core.roles import Role
from ansinh.procedures import files, workflow
from ansinh.procedures.forms import FILE_ACCEPT, EmployerFilingForm, FilingForm
from ansinh.procedures.models import DossierDocument, FilingChannel, Procedure, State
from ansinh.procedures.views.access import may_see, visible_dossier
from ansinh.registry.services import employer_for_user, person_for_user


def _filer(request, procedure):
    """(person, employer) of the logged-in filer, or 403 when their kind may not file this procedure."""
    user = request.user
    if user.role == Role.CITIZEN and procedure.citizens_may_file:
        person = person_for_user(user)
        if person is not None:
            return person, None
    if user.role == Role.EMPLOYER and procedure.employers_may_file:
        employer = employer_for_user(user)
        if employer is not None:
            return None, employer
    raise PermissionDenied


def _form(request, procedure, person, employer):
    """The filing form, with the applicant's contact details on record filled in."""
    data = (request.POST or None, request.FILES or None)
    if employer is not None:
        initial = {"contact_phone": employer.phone, "contact_email": employer.email, "postal_address": employer.address}
        return EmployerFilingForm(*data, procedure=procedure, employer=employer, initial=initial)
    initial = {"contact_phone": person.phone, "contact_email": person.email, "postal_address": person.address}
    return FilingForm(*data, procedure=procedure, initial=initial)


@login_required
def file_dossier(request, code: str):
    procedure = get_object_or_404(Procedure.objects.prefetch_related("documents"), code=code, active=True)
    person, employer = _filer(request, procedure)
    form = _form(request, procedure, person, employer)
    if request.method == "POST" and form.is_valid():
        subject = form.cleaned_data.get("worker_cccd") or person
        try:
            dossier = workflow.submit(
                procedure=procedure,
                channel=FilingChannel.ONLINE,
                person=subject,
                employer=employer,
                delivery=form.cleaned_data["delivery"],
                postal_address=form.cleaned_data["postal_address"],
                contact_phone=form.cleaned_data["contact_phone"],
                contact_email=form.cleaned_data["contact_email"],
                note=form.cleaned_data["note"],
                details=form.details(),
                uploads=request.FILES.getlist("files"),
                labels=request.POST.getlist("labels"),
                by_user=request.user,
            )
        except DomainError as error:
            show_errors_on_form(form, error)
        else:
            messages.success(
                request, _("Dossier received. Your receipt code is %(code)s.") % {"code": dossier.receipt_code}
            )
            return redirect("services:dossier", dossier.receipt_code)
    return render(
        request,
        "services/file.html",
        {"procedure": procedure, "form": form, "accept": FILE_ACCEPT, "max_mb": files.MAX_UPLOAD_BYTES // 1048576},
    )


@login_required
@require_POST
def supply_information(request, receipt_code: str):
    """The applicant adds the missing documents; the dossier goes back to the officer and the clock restarts."""
    dossier = visible_dossier(request, receipt_code)
    if dossier.state != State.INFO_REQUESTED or not workflow.is_applicant(request.user, dossier):
        raise PermissionDenied
    try:
        checked = files.check_all(request.FILES.getlist("files"))
        for name, data, content_type in checked:
            files.store(dossier, _("Additional document"), name, data, content_type, request.user)
        workflow.move(dossier, State.IN_PROGRESS, request.user, request.POST.get("note", ""))
    except DomainError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Thank you: the dossier is back with the officer."))
    return redirect("services:dossier", receipt_code)


@login_required
def document(request, pk: int):
    """Serve an uploaded file to those who may see its dossier; anyone else gets 404 (logged)."""
    doc = DossierDocument.objects.select_related("dossier__person", "dossier__employer").filter(pk=pk).first()
    if doc is None or not may_see(request.user, doc.dossier):
        raise denied(request, "services.dossierdocument", pk)
    visible_dossier(request, doc.dossier.receipt_code)  # audits a staff read
    path = files.path_of(doc)
    if not path.exists():
        raise Http404
    return files.attachment(path, doc)
