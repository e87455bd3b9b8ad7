"""Schemathesis sends generated requests to every operation of /api/v1, without a token and with a token of
each kind of machine client and of an administrator: no request may end in a server error (5xx).

The suite runs a few generated examples per operation, anonymous and as an administrator; `make fuzz-api`
(FUZZ_FULL=1) runs many more, adds Schemathesis' coverage phase (boundary and invalid values of every
parameter) and every client kind, runs every check and writes what the other checks found to FUZZ_REPORT."""

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup, ServerError

from ansinh.api import api
from ansinh.testing import factories
from ansinh.wsgi import application

FULL = os.environ.get("FUZZ_FULL") == "1"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50" if FULL else "3"))
REPORT = os.environ.get("FUZZ_REPORT", "")

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = application
schema.config.phases.coverage.enabled = FULL


@pytest.fixture
def open_connection():
    """Requests go straight to the WSGI application, whose end-of-request hook would close the test's database
    connection (on PostgreSQL, in the middle of its transaction); Django's test client unhooks it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db, settings, open_connection):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.THROTTLE_RATES = {
        scope: "100000/m" for scope in settings.THROTTLE_RATES
    }  # the throttles have their own tests
    unit = factories.employer()
    accounts = [factories.user("administrator", is_superuser=True)]
    if FULL:
        accounts += [
            factories.user("employer", org_code=unit.unit_code),
            factories.user("facility", org_code="42001"),
            factories.user("bank", org_code="VCB"),
            factories.user("post_office"),
            factories.user("citizen"),
        ]
    return [None] + [factories.token_for(account) for account in accounts]


def _failures(error: Exception) -> list[Exception]:
    return list(getattr(error, "exceptions", [error]))


def _count(case) -> None:
    """One line per request sent, so the report says how many requests the findings came from."""
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as out:
            out.write(json.dumps({"operation": case.operation.label, "request": 1}) + "\n")


def _note(case, failures: list[Exception]) -> None:
    if REPORT and failures:
        with open(REPORT, "a", encoding="utf-8") as out:
            for failure in failures:
                out.write(
                    json.dumps(
                        {
                            "operation": case.operation.label,
                            "check": type(failure).__name__,
                            "title": getattr(failure, "title", str(failure))[:300],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)
def test_no_generated_request_ends_in_a_server_error(case, tokens):
    for token in tokens:
        response = case.call(headers={"Authorization": f"Bearer {token}"} if token else {})
        _count(case)
        try:
            case.validate_response(response, checks=None if FULL else [not_a_server_error])
        except (Failure, FailureGroup) as error:  # a check failed; in the full run only a server error fails the test
            failures = _failures(error)
            _note(case, failures)
            if not FULL or any(isinstance(f, ServerError) for f in failures):
                raise
