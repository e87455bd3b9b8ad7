"""One page per purpose: the employer's unit page and the citizen's benefits page each exist once; the older
addresses lead there."""

import datetime as dt

import pytest
from django.urls import reverse

from ansinh.core.roles import Role
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_the_old_unit_portal_address_leads_to_the_one_employer_page(client):
    unit = factories.employer()
    worker = factories.person(full_name="Trần Thị Mai")
    factories.spell(worker, unit, start=dt.date(2020, 1, 1))
    client.force_login(factories.user(Role.EMPLOYER, org_code=unit.unit_code))
    response = client.get("/portal/employer/")
    assert response.status_code == 302 and response["Location"] == reverse("contributions:employer")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Trần Thị Mai" in page and 'id="unit-dossiers"' in page and "D02-LT" in page


def test_the_old_portal_benefits_address_leads_to_the_one_benefits_page(client, citizen_with_person):
    account, _person = citizen_with_person
    client.force_login(account)
    response = client.get("/portal/benefits/")
    assert response.status_code == 302 and response["Location"] == reverse("benefits:me")
    assert client.get(response["Location"]).status_code == 200


def test_an_employer_opening_the_citizen_home_lands_on_the_unit_page(client):
    unit = factories.employer()
    client.force_login(factories.user(Role.EMPLOYER, org_code=unit.unit_code))
    assert client.get("/portal/")["Location"] == reverse("contributions:employer")
