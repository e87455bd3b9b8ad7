from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.benefits.banks import banks
from ansinh.benefits.models import Kind, Method


class OpenCaseForm(forms.Form):
    person = forms.CharField(label=_("CCCD or SI number"), max_length=12)
    kind = forms.ChoiceField(label=_("Benefit"), choices=Kind.choices)
    dossier_ref = forms.CharField(label=_("Dossier reference"), max_length=40, required=False)


class ComputeForm(forms.Form):
    start_date = forms.DateField(label=_("Benefit starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hazardous_years = forms.IntegerField(label=_("Years of hazardous work"), min_value=0, max_value=60, required=False)
    reduced_capacity_pct = forms.IntegerField(label=_("Working capacity lost (%)"), min_value=0, max_value=100, required=False)
    days = forms.IntegerField(label=_("Sick days"), min_value=0, max_value=365, required=False)
    children = forms.IntegerField(label=_("Children born"), min_value=1, max_value=10, required=False)
    dependants = forms.IntegerField(label=_("Dependants"), min_value=1, max_value=10, required=False)

    def inputs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "start_date" in data:
            data["start_date"] = data["start_date"].isoformat()
        return data


class ChannelForm(forms.Form):
    method = forms.ChoiceField(label=_("Paid by"), choices=Method.choices)
    bank_code = forms.ChoiceField(label=_("Bank"), required=False, choices=[("", "—")] + [(b.code, f"{b.code} · {b.name}") for b in banks().values()])
    account_number = forms.CharField(label=_("Account number"), max_length=20, required=False)
    post_office_code = forms.CharField(label=_("Post-office cash point"), max_length=12, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class PeriodForm(forms.Form):
    period = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7)


class ReturnForm(forms.Form):
    file = forms.FileField(label=_("Bank report (pain.002) or result sheet (CSV/Excel: end_to_end_id, status, reason)"))
