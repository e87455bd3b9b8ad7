"""Forms for filing a dossier (online or at the desk), moving it, delivering its result, looking it up."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.core.periods import Period
from ansinh.policy.services import params_on
from ansinh.procedures.models import Procedure, ResultDelivery
from ansinh.registry.models import Employer, Person

SUPPORT_GROUP_LABELS = {
    "poor": _("poor household"),
    "near_poor": _("near-poor household"),
    "ethnic_minority": _("ethnic minority"),
    "other": _("other participants"),
}
FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilingForm(forms.Form):
    delivery = forms.ChoiceField(label=_("How do you want the result?"), widget=forms.RadioSelect)
    postal_address = forms.CharField(label=_("Postal address (for a result by post)"), required=False, max_length=300)
    contact_phone = forms.CharField(label=_("Phone for SMS updates"), required=False, max_length=20)
    contact_email = forms.EmailField(label=_("E-mail for updates"), required=False)
    note = forms.CharField(label=_("Note to the agency"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, procedure: Procedure, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.fields["delivery"].choices = [(c, ResultDelivery(c).label) for c in procedure.delivery_choices()]
        self.fields["delivery"].initial = procedure.delivery_choices()[0] if procedure.delivery_choices() else None
        if procedure.opens_case == Procedure.Case.VOLUNTARY:
            self._add_voluntary_fields()

    def _add_voluntary_fields(self):
        params = params_on(timezone.localdate())
        groups = params.raw("voluntary.support_pct")
        self.fields["income"] = forms.IntegerField(label=_("Chosen monthly income (đồng)"), min_value=0)
        self.fields["support_group"] = forms.ChoiceField(
            label=_("State support group"), choices=[(g, SUPPORT_GROUP_LABELS.get(g, g)) for g in groups]
        )
        self.fields["schedule_months"] = forms.TypedChoiceField(
            label=_("Months paid at a time"), coerce=int, choices=[(m, m) for m in params.raw("voluntary.schedules")]
        )
        self.fields["start_period"] = forms.CharField(
            label=_("First month (YYYY-MM)"), max_length=7, initial=str(Period.of(timezone.localdate()).plus(1))
        )

    def clean_start_period(self):
        value = self.cleaned_data["start_period"]
        try:
            return str(Period.parse(value))
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM.")) from None

    def details(self) -> dict:
        keys = ("income", "support_group", "schedule_months", "start_period")
        return {k: self.cleaned_data[k] for k in keys if k in self.cleaned_data}


class EmployerFilingForm(FilingForm):
    worker_cccd = forms.CharField(label=_("CCCD of the worker concerned"), required=False, max_length=12)

    def __init__(self, *args, employer: Employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer

    def clean_worker_cccd(self):
        cccd = self.cleaned_data["worker_cccd"].strip()
        if not cccd:
            if self.procedure.opens_case:
                raise forms.ValidationError(_("Name the worker this dossier is for."))
            return None
        worker = Person.objects.filter(cccd=cccd, spells__employer=self.employer).distinct().first()
        if worker is None:
            raise forms.ValidationError(_("No worker of your unit has this CCCD."))
        return worker


class WalkInForm(FilingForm):
    applicant = forms.CharField(label=_("Applicant's CCCD, or the unit code"), max_length=12)

    def clean_applicant(self):
        key = self.cleaned_data["applicant"].strip()
        person = Person.objects.filter(cccd=key).first()
        employer = None if person else Employer.objects.filter(unit_code=key.upper()).first()
        if person is None and employer is None:
            raise forms.ValidationError(_("No person with this CCCD and no unit with this code."))
        return person or employer


class MoveForm(forms.Form):
    to_state = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note (what is missing, or the reason)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeliveryForm(forms.Form):
    tracking_ref = forms.CharField(label=_("Postal tracking reference"), required=False, max_length=40)


class LookupForm(forms.Form):
    receipt_code = forms.CharField(label=_("Receipt code"), max_length=16)
    cccd = forms.CharField(label=_("CCCD (or the unit's tax code)"), max_length=14)
