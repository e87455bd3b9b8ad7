"""Assessors see the look-ups facilities made and can find one person's card; others may not."""

import pytest
from django.utils import timezone

from ansinh.core.models import AuditEvent
from ansinh.core.roles import Role
from ansinh.health import eligibility
from ansinh.health.coverage import refresh_coverage
from ansinh.health.tests.helpers_coverage import employee
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
URL = "/health/lookups/"


def test_an_assessor_sees_the_checks_and_finds_a_card_by_cccd(client):
    worker = employee(full_name="Võ Thị Hồng")
    refresh_coverage(timezone.localdate())
    eligibility.check(worker.cccd, "Vo Thi Hong", worker.birth_date, "42001")
    client.force_login(factories.user(Role.HI_ASSESSOR))
    page = client.get(URL, {"cccd": worker.cccd}).content.decode()
    assert "Võ Thị Hồng" in page and "42001" in page and f"DN442{worker.si_number}" in page
    assert AuditEvent.objects.filter(action="read").exists()


def test_the_checks_can_be_filtered_by_result(client):
    worker = employee()
    refresh_coverage(timezone.localdate())
    eligibility.check(worker.cccd, "Sai Tên", worker.birth_date, "42001")
    client.force_login(factories.user(Role.HI_ASSESSOR))
    row = '<span class="badge warn">060</span>'
    assert row in client.get(URL, {"result": "060"}).content.decode()
    assert row not in client.get(URL, {"result": "000"}).content.decode()


def test_a_citizen_may_not_open_the_page(client):
    client.force_login(factories.user(Role.CITIZEN))
    assert client.get(URL).status_code == 403
