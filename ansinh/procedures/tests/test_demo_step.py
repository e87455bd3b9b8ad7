"""The services demo step: two years of dossiers, mostly online, mostly on time, the demo citizens' own."""

import datetime as dt

import pytest
from django.core.management import call_command

from ansinh.procedures.models import Dossier
from ansinh.procedures.services import dossier_kpis, dossiers_for
from ansinh.registry.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_builds_a_realistic_dossier_stream_with_the_demo_citizens_dossiers(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("build_demo", "--people", "2000", "--seed", "7", "--as-of", "2026-03-01", "--quiet")
    total = Dossier.objects.count()
    assert total > 100
    online = Dossier.objects.filter(channel="online").count() / total
    assert 0.9 < online < 1.0
    assert Dossier.objects.filter(state__in=["received", "in_progress", "info_requested"]).exists()
    decided = Dossier.objects.exclude(finished_on=None)
    late = sum(1 for d in decided if d.finished_on > d.due_on)
    assert 0 < late < 0.1 * decided.count()
    assert not Dossier.objects.filter(received_on__gt=dt.date(2026, 3, 1)).exists()
    assert Dossier.objects.order_by("received_on").first().received_on >= dt.date(2024, 3, 1)
    citizen = Person.objects.exclude(user=None).filter(user__role="citizen").first()
    assert dossiers_for(person=citizen)
    month = Dossier.objects.order_by("received_on").last().received_on.strftime("%Y-%m")
    assert sum(r["received"] for r in dossier_kpis(month)) > 0
