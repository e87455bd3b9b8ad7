"""pain.002 payment status reports: negative (only refusals, PART) and positive, schema-validated."""

from pathlib import Path

import pytest

from ansinh.banking import pain002, xmlfiles
from ansinh.core.errors import DomainError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def read(content: bytes):
    root = xmlfiles.parse(content)
    return pain002.read(root, xmlfiles.message_name(root))


def test_a_negative_report_lists_only_the_refusals_under_partial_statuses():
    report = read((SAMPLES / "vcb-pain002-v03-negative.xml").read_bytes())
    assert (report.original_message_id, report.group_status) == ("ANSINH-2026-02-VCB", "PART")
    assert [(t.end_to_end_id, t.status, t.reason_code) for t in report.transactions] == [
        ("AS104233-202602-1", "RJCT", "AC04"),
        ("AS118801-202602-1", "RJCT", "BE01"),
    ]
    assert report.block_statuses["ANSINH-2026-02-VCB-PENS-NAPAS"][0] == "PART"
    assert report.block_of["AS118801-202602-1"] == "ANSINH-2026-02-VCB-PENS-NAPAS"


def test_a_positive_report_in_version_11_is_validated_and_read():
    report = read((SAMPLES / "bidv-pain002-v11-positive.xml").read_bytes())
    assert report.group_status == "ACSC" and {t.status for t in report.transactions} == {"ACSC"}
    assert str(report.created_on) == "2026-02-05"


def test_a_report_that_breaks_its_schema_is_refused():
    broken = (
        (SAMPLES / "bidv-pain002-v11-positive.xml")
        .read_bytes()
        .replace(b"<OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>", b"")
    )
    with pytest.raises(DomainError) as caught:
        read(broken)
    assert caught.value.errors[0].code == "schema"


def test_a_status_outside_the_iso_code_list_is_refused():
    # the .11 schema leaves status codes to the external code list: the reader checks them
    odd = (
        (SAMPLES / "bidv-pain002-v11-positive.xml")
        .read_bytes()
        .replace(b"<GrpSts>ACSC</GrpSts>", b"<GrpSts>PAID</GrpSts>")
    )
    with pytest.raises(DomainError) as caught:
        read(odd)
    assert caught.value.errors[0].code == "bad_status"
