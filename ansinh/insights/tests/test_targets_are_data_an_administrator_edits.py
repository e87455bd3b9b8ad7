"""The catalogue and the targets per year are data: seeded after migrate, edited in the admin (audited),
and the dashboard judges each KPI against the target of its year."""

from decimal import Decimal

import pytest

from ansinh.core.models import AuditEvent
from ansinh.insights import catalogue, services
from ansinh.insights.models import Kpi, KpiTarget
from ansinh.insights.tests.conftest import PERIOD
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_the_seed_gives_every_kpi_a_written_definition_in_both_languages():
    kpis = Kpi.objects.all()
    assert kpis.count() == 11
    for kpi in kpis:
        assert len(kpi.definition_vi) > 40 and len(kpi.definition_en) > 40 and kpi.name_vi != kpi.name_en


def test_the_province_targets_for_2025_to_2030_are_on_file():
    targets = catalogue.targets_by_year()
    for year in range(2025, 2031):
        assert targets[("si_coverage", year)].value == Decimal("45")
        assert targets[("si_voluntary", year)].value == Decimal("20")
        assert (targets[("arrears_ratio", year)].comparison, targets[("arrears_ratio", year)].value) == (
            "lt",
            Decimal("2.5"),
        )
        assert targets[("cashless", year)].value == Decimal("100")
    assert (targets[("hi_coverage", 2025)].comparison, targets[("hi_coverage", 2025)].value) == ("gt", Decimal("95"))
    assert targets[("hi_coverage", 2030)].value == Decimal("100")
    assert "36.2%" in targets[("si_coverage", 2025)].note


def test_a_later_year_without_a_target_keeps_the_last_one_and_an_earlier_year_has_none():
    targets = catalogue.targets_by_year()
    assert catalogue.target_for(targets, "si_coverage", 2033).year == 2030
    assert catalogue.target_for(targets, "si_coverage", 2024) is None


def test_reloading_the_seed_keeps_an_administrators_edit():
    KpiTarget.objects.filter(kpi__code="si_coverage", year=2026).update(value=Decimal("40"))
    assert catalogue.load_seed() == 0
    assert KpiTarget.objects.get(kpi__code="si_coverage", year=2025).value == Decimal("45")
    assert KpiTarget.objects.get(kpi__code="si_coverage", year=2026).value == Decimal("40")


def test_an_administrator_edits_a_target_in_the_admin_and_the_dashboard_follows(client, contract_rows):
    admin = factories.user("administrator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    target = KpiTarget.objects.get(kpi__code="si_coverage", year=2025)
    form = {
        "kpi": target.kpi_id,
        "year": 2025,
        "comparison": "gte",
        "value": "36.2",
        "source": "Resolution (36.2%)",
        "note": "",
    }
    response = client.post(f"/admin/insights/kpitarget/{target.pk}/change/", form)
    assert response.status_code == 302
    edit = AuditEvent.objects.get(action="update", object_type="insights.kpitarget", object_id=str(target.pk))
    assert edit.actor == admin and Decimal(edit.changes["value"][1]) == Decimal("36.2")
    si = next(k for k in services.kpi_table(PERIOD)["kpis"] if k["code"] == "si_coverage")
    assert si["target"]["value"] == 36.2 and si["status"] == "met"  # 780/1900 = 41.05 %
