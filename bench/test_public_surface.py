"""The limits the public-surface benchmark leans on hold: every body or value over a limit is refused with 413 or
422 naming the limit, and the largest request each public endpoint accepts is answered without a server error.
(What those requests cost is measured by bench/public_surface.py, not asserted here.)"""

import pytest
from public_surface import lift_rate_limits, over_limits, worst_requests

pytestmark = pytest.mark.django_db


def _send(client, request: dict):
    path = request["path"] + (f"?{request['query']}" if request.get("query") else "")
    extra = {"HTTP_COOKIE": request["cookie"]} if request.get("cookie") else {}
    return client.generic(request["method"], path, request.get("body", b""), request.get("content_type", ""), **extra)


@pytest.fixture
def unthrottled(settings):
    lift_rate_limits(settings)


@pytest.mark.parametrize("name", sorted(over_limits()))
def test_a_request_over_a_limit_is_refused_naming_it(client, unthrottled, name):
    request, status, named = over_limits()[name]()
    response = _send(client, request)
    assert response.status_code == status, name
    assert named in response.content.decode("unicode_escape" if status == 422 else "utf-8"), response.content[:300]


@pytest.mark.parametrize("name", sorted(worst_requests()))
def test_the_largest_request_an_endpoint_accepts_is_served_without_a_server_error(client, unthrottled, name):
    assert _send(client, worst_requests()[name]()).status_code < 500
