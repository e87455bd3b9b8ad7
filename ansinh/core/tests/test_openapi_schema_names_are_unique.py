"""Each schema in the OpenAPI document has one name: two apps' schemas never overwrite each other."""

import pytest

from ansinh.api import api


def _schemas_by_name():
    from ninja import Schema

    seen: dict[str, set[str]] = {}
    pending = list(Schema.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("ansinh."):
            seen.setdefault(cls.__name__, set()).add(cls.__module__)
    return seen


def test_no_two_api_schemas_share_a_name():
    api.get_openapi_schema()  # imports every router
    shared = {name: modules for name, modules in _schemas_by_name().items() if len(modules) > 1}
    assert shared == {}


@pytest.mark.django_db
def test_the_geo_and_insights_areas_are_distinct_schemas(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "population" in schemas["AreaOut"]["properties"]
    assert "level" in schemas["KpiAreaOut"]["properties"]
