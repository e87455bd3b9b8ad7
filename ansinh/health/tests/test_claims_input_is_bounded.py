"""Every claims input is bounded: the envelope's bytes (413), its records, the lines of a record, the size of a
table and the amounts (422 or the record refused), each answer naming the limit."""

import datetime as dt

import pytest

from ansinh.health.tests import envelopes as E
from ansinh.health.xml130 import EnvelopeRejected, Limits, read_envelope
from ansinh.policy.models import Parameter
from ansinh.policy.services import invalidate_cache
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _limit(**values):
    base = {
        "envelope_bytes": 26214400,
        "records": 10000,
        "lines_per_record": 3000,
        "table_bytes": 7340032,
        "max_amount": 100000000000,
    }
    Parameter.objects.create(
        key="health.claims.limits",
        valid_from=dt.date(2025, 1, 1),
        value={**base, **values},
        unit="table",
        source="test",
    )
    invalidate_cache()


def _post(client, data: bytes):
    token = factories.token_for(factories.user("facility", org_code="42010"))
    return client.post(
        "/api/v1/health/claims", data=data, content_type="application/xml", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_an_envelope_above_the_byte_limit_is_answered_413_naming_the_limit(client):
    _limit(envelope_bytes=10_000)
    answer = _post(client, E.envelope("42010", [E.tables("outpatient")]))
    assert answer.status_code == 413 and "above the limit of 10000 bytes" in answer.json()["detail"][0]["msg"]


def test_too_many_records_are_answered_422_naming_the_limit(client):
    _limit(records=1)
    answer = _post(client, E.envelope("42010", [E.tables("outpatient"), E.renamed("outpatient", "X2", minute=5)]))
    assert (
        answer.status_code == 422
        and answer.json()["detail"][0]["msg"] == "2 records, above the limit of 1 per envelope"
    )


def test_a_record_with_too_many_lines_is_refused_naming_the_limit():
    batch = read_envelope(E.envelope("42010", [E.tables("outpatient")]), Limits(lines_per_record=4))
    assert [e.reason for e in batch.errors] == ["8 lines, above the limit of 4 per record"]


def test_a_table_larger_than_the_limit_is_refused():
    batch = read_envelope(E.envelope("42010", [E.tables("outpatient")]), Limits(table_bytes=2000))
    assert {e.field for e in batch.errors} == {"NOIDUNGFILE"} and "limit of 2000 bytes" in batch.errors[0].reason


def test_an_amount_above_the_limit_is_refused_on_its_field():
    batch = read_envelope(E.envelope("42010", [E.tables("outpatient")]), Limits(max_amount=100_000))
    assert {(e.table, e.field) for e in batch.errors} >= {("XML1", "T_TONGCHI_BV"), ("XML1", "T_BHTT")}
    assert any("above the limit of 100.000 đồng" in e.reason for e in batch.errors)


def test_an_envelope_over_the_limit_is_refused_before_it_is_parsed():
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(b"<GIAMDINHHS>" + b" " * 2000 + b"</GIAMDINHHS>", Limits(envelope_bytes=1000))
    assert caught.value.status == 413


def test_a_billion_laughs_file_is_refused_without_expanding_it():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
        b'&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><GIAMDINHHS>&lol3;</GIAMDINHHS>'
    )
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(laughs)
    assert "DOCTYPE" in caught.value.errors[0].reason
