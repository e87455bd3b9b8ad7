"""The demo step gives every kind of feedback, answered mostly on time and rated, with real time limits."""

import pytest
from django.core.management import call_command

from ansinh.feedback.models import Feedback

pytestmark = pytest.mark.django_db


def test_the_demo_has_feedback_of_every_kind_answered_and_rated():
    call_command("build_demo", "--people", "600", "--seed", "3", verbosity=0)
    kinds = set(Feedback.objects.values_list("kind", flat=True))
    assert kinds >= {"question", "suggestion", "complaint"}
    answered = Feedback.objects.filter(answered_on__isnull=False)
    assert answered.count() > 0 and all(f.answered_on >= f.received_on for f in answered)
    assert Feedback.objects.filter(rating__isnull=False).exists()
    assert not Feedback.objects.filter(kind="complaint", limit_source="").exists()
