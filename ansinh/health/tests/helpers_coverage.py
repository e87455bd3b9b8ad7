import datetime as dt

import pytest

from ansinh.core.roles import Role
from ansinh.testing import factories


@pytest.fixture
def facility_client(client):
    """A facility's API client (token) at the provincial hospital 42001."""
    account = factories.user(Role.FACILITY, org_code="42001")
    return {"HTTP_AUTHORIZATION": f"Bearer {factories.token_for(account)}", "user": account}


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


def employee(start=dt.date(2015, 1, 1), **person_fields):
    worker = factories.person(**person_fields)
    factories.spell(worker, factories.employer(), start)
    return worker


def varied_people():
    """People whose coverage changes through 2025 in three communes: hired, leaving, dying, turning six,
    poor, listed, and one adult no basis covers."""
    from ansinh.health.models import ListMembership

    employee(commune_code="43601")
    employee(start=dt.date(2025, 4, 15), commune_code="43602")
    left = factories.person(commune_code="43701")
    factories.spell(left, factories.employer(), dt.date(2018, 1, 1), end=dt.date(2025, 3, 20))
    employee(commune_code="43601", death_date=dt.date(2025, 5, 15))
    factories.person(birth_date=dt.date(2019, 5, 10), commune_code="43701")
    factories.person(household=factories.household("43602", poverty="poor"), commune_code="43602")
    listed = factories.person(commune_code="43601")
    ListMembership.objects.create(
        person=listed,
        group="CB",
        list_name="Hội Cựu chiến binh",
        valid_from=dt.date(2025, 5, 1),
        valid_to=dt.date(2025, 12, 31),
    )
    return factories.person(commune_code="43701")
