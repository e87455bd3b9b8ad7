from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.benefits.banks import banks
from ansinh.benefits.models import Kind, Method

YES_NO = [("", "—"), ("1", _("yes")), ("0", _("no"))]


class OpenCaseForm(forms.Form):
    person = forms.CharField(label=_("CCCD or SI number"), max_length=12)
    kind = forms.ChoiceField(label=_("Benefit"), choices=Kind.choices)
    dossier_ref = forms.CharField(label=_("Dossier reference"), max_length=40, required=False)
    beneficiary = forms.CharField(
        label=_("Paid to (CCCD or SI number; survivors and funeral)"), max_length=12, required=False
    )


def _date(label):
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


def _int(label, high, low=0):
    return forms.IntegerField(label=label, min_value=low, max_value=high, required=False)


def _flag(label):
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda v: v == "1", empty_value=None, required=False
    )


class ComputeForm(forms.Form):
    """What the officer adds to the registry's record; the fields shown depend on the benefit (FIELDS)."""

    start_date = _date(_("Benefit starts on (leave, claim, settlement)"))
    hazardous_years = _int(_("Years of heavy or hazardous work"), 60)
    reduced_capacity_pct = _int(_("Working capacity lost (%)"), 100)
    especially_hazardous_years = _int(_("Years of especially heavy or hazardous work"), 60)
    coal_mining_years = _int(_("Years of underground coal mining"), 60)
    occupational_hiv = _flag(_("HIV from an occupational accident on duty"))
    ground = forms.ChoiceField(
        label=_("Ground for one-off SI"),
        required=False,
        choices=[
            ("", "—"),
            ("retirement_age", _("at the retirement age")),
            ("transitional", _("12 months out of SI (joined before 7/2025)")),
            ("emigration", _("settling abroad")),
            ("serious_illness", _("life-threatening illness")),
            ("armed_forces", _("discharge from the armed forces")),
        ],
    )
    document = _flag(_("The ground's document is on file"))
    sick_kind = forms.ChoiceField(
        label=_("Kind of sickness leave"),
        required=False,
        choices=[
            ("", "—"),
            ("own", _("own illness")),
            ("long_term", _("long-term illness")),
            ("child", _("sick child")),
            ("recovery", _("recovery")),
        ],
    )
    days = _int(_("Days (working days; long-term: days beyond whole months)"), 366)
    months = _int(_("Whole months (long-term illness)"), 120)
    days_used = _int(_("Days of the same kind already paid this year"), 366)
    child_birth_date = _date(_("Child's date of birth (sick child)"))
    certified = _flag(_("Medical certificate on file"))
    recovery_days = _int(_("Recovery days"), 31)
    recovery_reason = forms.ChoiceField(
        label=_("Reason for recovery"),
        required=False,
        choices=[
            ("", "—"),
            ("long_term", _("long-term illness")),
            ("surgery", _("after surgery")),
            ("other", _("other")),
        ],
    )
    sick_days_this_year = _int(_("Sickness days taken this year"), 366)
    event = forms.ChoiceField(
        label=_("Maternity event"),
        required=False,
        choices=[
            ("", "—"),
            ("birth", _("birth (mother)")),
            ("paternity", _("paternity")),
            ("recovery", _("recovery")),
            ("voluntary_birth", _("birth (voluntary SI)")),
        ],
    )
    birth_date = _date(_("Date of birth of the child"))
    children = _int(_("Children born"), 10, 1)
    caesarean = _flag(_("Caesarean"))
    premature = _flag(_("Born before 32 weeks"))
    prenatal_rest = _flag(_("Rest ordered during pregnancy"))
    mother_insured = _flag(_("The mother is insured"))
    contract_end = _date(_("Contract ended on"))
    claim_date = _date(_("Claim filed on"))
    contract = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=[
            ("", "—"),
            ("indefinite", _("indefinite contract")),
            ("fixed", _("fixed-term contract of 12 months or more")),
            ("short", _("contract of 1 to under 12 months")),
        ],
    )
    lawful_termination = _flag(_("The contract ended lawfully"))
    months_used = _int(_("Months of contributions already used"), 1200)
    occupational_event = forms.ChoiceField(
        label=_("Occupational event"),
        required=False,
        choices=[("", "—"), ("accident", _("occupational accident")), ("disease", _("occupational disease"))],
    )
    event_date = _date(_("Date of the accident or diagnosis"))
    capacity_loss_pct = _int(_("Working capacity lost (%)"), 100)
    care_needed = _flag(_("Needs care (81% with a listed condition)"))
    died = _flag(_("Died of it"))
    status = forms.ChoiceField(
        label=_("The deceased"),
        required=False,
        choices=[
            ("", _("from the registry")),
            ("contributing", _("contributing")),
            ("reserved", _("keeping the SI record")),
            ("pensioner", _("drawing a pension")),
            ("occupational_monthly", _("drawing a monthly occupational allowance")),
            ("occupational_death", _("died of an occupational accident or disease")),
        ],
    )
    occupational_pct = _int(_("Loss of capacity of the deceased's occupational allowance (%)"), 100)
    requested = _flag(_("Requested in writing"))

    FIELDS = {
        Kind.PENSION: [
            "hazardous_years",
            "reduced_capacity_pct",
            "especially_hazardous_years",
            "coal_mining_years",
            "occupational_hiv",
        ],
        Kind.ONE_OFF: ["ground", "document"],
        Kind.SICKNESS: [
            "sick_kind",
            "days",
            "months",
            "days_used",
            "child_birth_date",
            "certified",
            "recovery_days",
            "recovery_reason",
            "sick_days_this_year",
        ],
        Kind.MATERNITY: [
            "event",
            "birth_date",
            "children",
            "caesarean",
            "premature",
            "prenatal_rest",
            "mother_insured",
            "days",
        ],
        Kind.UNEMPLOYMENT: ["contract_end", "claim_date", "contract", "lawful_termination", "months_used"],
        Kind.OCCUPATIONAL: [
            "occupational_event",
            "event_date",
            "capacity_loss_pct",
            "care_needed",
            "died",
            "recovery_days",
        ],
        Kind.SURVIVOR: ["status", "occupational_pct"],
        Kind.SURVIVOR_ONE_OFF: ["status", "occupational_pct"],
        Kind.FUNERAL: ["status"],
        Kind.SOCIAL_PENSION: ["requested"],
        Kind.MONTHLY_ALLOWANCE: ["requested"],
    }

    def __init__(self, *args, kind: str = Kind.PENSION, **kwargs):
        super().__init__(*args, **kwargs)
        keep = {"start_date", *self.FIELDS.get(kind, [])}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def inputs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "occupational_event" in data:
            data["event"] = data.pop("occupational_event")
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


class RelativeForm(forms.Form):
    person = forms.CharField(label=_("CCCD or SI number (if in the registry)"), max_length=12, required=False)
    relation = forms.ChoiceField(
        label=_("Relation"),
        choices=[
            ("child", _("child")),
            ("spouse", _("spouse")),
            ("parent", _("parent")),
            ("other_dependant", _("other dependant")),
        ],
    )
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", "—"), ("male", _("male")), ("female", _("female"))]
    )
    capacity_loss_pct = forms.IntegerField(label=_("Capacity lost (%)"), min_value=0, max_value=100, required=False)
    monthly_income = forms.IntegerField(
        label=_("Monthly income (đồng)"), min_value=0, max_value=1_000_000_000, required=False
    )
    has_carer = forms.BooleanField(label=_("Has a carer"), required=False, initial=True)
    chooses_one_off = forms.BooleanField(label=_("Chooses the one-off allowance"), required=False)


RelativeFormSet = forms.formset_factory(RelativeForm, extra=2, max_num=10, validate_max=True)


class JobSearchForm(forms.Form):
    period = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7)
    reported_on = forms.DateField(label=_("Reported on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class OnlineJobSearchForm(forms.Form):
    entitlement = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    period = forms.RegexField(
        label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7, widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("What you did to find work this month (optional)"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChannelForm(forms.Form):
    method = forms.ChoiceField(label=pgettext_lazy("benefit payment", "Paid by"), choices=Method.choices)
    bank_code = forms.ChoiceField(
        label=_("Bank"),
        required=False,
        choices=[("", "—")] + [(b.code, f"{b.code} · {b.name}") for b in banks().values()],
    )
    account_number = forms.CharField(label=_("Account number"), max_length=20, required=False)
    post_office_code = forms.CharField(label=_("Post-office cash point"), max_length=12, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class PeriodForm(forms.Form):
    period = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
    )  # the phone's month picker, sent as YYYY-MM


class ReturnForm(forms.Form):
    file = forms.FileField(label=_("Bank report (pain.002) or result sheet (CSV/Excel: end_to_end_id, status, reason)"))
