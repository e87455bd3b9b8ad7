from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.feedback.models import Feedback

KIND_HELP = _(
    "A complaint asks the agency to review one of its decisions or actions that affects you (Law on "
    "Complaints 2011); a denunciation reports a breach of the law by a person or body (Law on Denunciations 2018)."
)


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=Feedback.Kind.choices,
        widget=forms.RadioSelect,
        initial=Feedback.Kind.QUESTION,
        help_text=KIND_HELP,
    )
    category = forms.ChoiceField(label=_("About"), choices=Feedback.Category.choices, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Your question or what happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    dossier_code = forms.CharField(label=_("Dossier receipt code (if any)"), max_length=16, required=False)
    wants_callback = forms.BooleanField(label=_("Call me back"), required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)


class HotlineForm(FeedbackForm):
    caller = forms.CharField(label=_("Caller's CCCD (if insured)"), max_length=12, required=False)
    contact_name = forms.CharField(label=_("Caller's name"), max_length=120, required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "—")] + [(c.code, c.name) for c in communes]


class HandleForm(forms.Form):
    text = forms.CharField(
        label=_("Reply or note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    category = forms.ChoiceField(label=_("Classification"), choices=Feedback.Category.choices, required=False)
    officer = forms.CharField(label=_("Assign to (user name)"), max_length=150, required=False)
    complex_case = forms.BooleanField(label=_("Complex case (longer limit)"), required=False)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, _("5 – very satisfied")),
            (4, _("4 – satisfied")),
            (3, _("3 – acceptable")),
            (2, _("2 – not satisfied")),
            (1, _("1 – not at all")),
        ],
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)
