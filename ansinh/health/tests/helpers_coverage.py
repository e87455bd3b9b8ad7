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
