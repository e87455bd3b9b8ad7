"""Each record of an envelope is checked on its own: a bad record is refused with MA_LK, table, field, line and
reason and the others are stored; an envelope of which nothing can be taken stores nothing."""

import pytest

from ansinh.health import intake
from ansinh.health.models import Claim, ClaimLine, RefusedRecord, Submission
from ansinh.health.tests.claim_helpers import ON, claim, covered, send
from ansinh.health.xml130 import EnvelopeRejected, envelope, read_envelope
from ansinh.health.xml130.build import envelope_of

pytestmark = pytest.mark.django_db


def _refused(claims, **kwargs):
    """Send a bad record with a good one: the good one is stored, the bad one refused."""
    good = claim(covered(), "GOOD")
    submission = send([*claims, good], **kwargs)
    assert list(Claim.objects.values_list("ma_lk", flat=True)) == ["GOOD"] and submission.refused == len(claims)
    errors = [e for r in RefusedRecord.objects.filter(submission=submission) for e in r.errors]
    return [(e["ma_lk"], e["table"], e["field"]) for e in errors], errors


def test_a_correct_envelope_is_stored_with_its_lines():
    submission = send([claim(covered())])
    assert (submission.claims, submission.refused) == (1, 0) and ClaimLine.objects.filter(
        claim__submission=submission
    ).count() == 2


def test_a_missing_field_refuses_its_record_naming_table_and_field():
    visit, lines = claim(covered())
    visit["diagnosis"] = ""
    found, errors = _refused([(visit, lines)])
    assert found == [("LK1", "XML1", "MA_BENH_CHINH")] and errors[0]["reason"] == "required, but empty"


def test_a_date_that_is_not_in_the_standard_format_refuses_the_record():
    visit, lines = claim(covered())
    visit["birth_date"] = "12/03/1990"
    found, _ = _refused([(visit, lines)])
    assert ("LK1", "XML1", "NGAY_SINH") in found


def test_a_fund_share_that_is_not_total_minus_copayment_refuses_the_record():
    visit, lines = claim(covered())
    visit["fund_claimed"] += 1000
    found, _ = _refused([(visit, lines)])
    assert ("LK1", "XML1", "T_BHTT") in found


def test_lines_that_do_not_add_up_to_the_totals_refuse_the_record():
    visit, lines = claim(covered())
    visit["hi_total"] += 5000
    visit["hospital_total"] += 5000
    visit["copay_claimed"] += 5000
    found, errors = _refused([(visit, lines)])
    assert ("LK1", "XML1", "T_TONGCHI_BH") in found and ("LK1", "XML1", "T_TONGCHI_BV") in found
    assert any("sum of THANH_TIEN_BH" in e["reason"] for e in errors)


def test_a_line_whose_amount_is_not_quantity_times_price_names_its_line():
    visit, lines = claim(covered())
    lines[1]["amount"] += 700
    found, errors = _refused([(visit, lines)])
    assert ("LK1", "XML2", "THANH_TIEN_BH") in found
    assert next(e for e in errors if e["field"] == "THANH_TIEN_BH")["line"] == 2


def test_a_negative_amount_and_a_bad_sex_code_are_both_named():
    visit, lines = claim(covered())
    visit["supplies_total"], visit["_sex"] = -5, 7
    found, _ = _refused([(visit, lines)])
    assert ("LK1", "XML1", "T_VTYT") in found and ("LK1", "XML1", "GIOI_TINH") in found


def test_the_same_record_key_twice_in_an_envelope_refuses_both():
    cover = covered()
    records = [
        {
            "XML1": [visit],
            "XML2": [i for i in items if i["table"] == "XML2"],
            "XML3": [i for i in items if i["table"] == "XML3"],
        }
        for visit, items in (
            claim(cover, "LK7"),
            claim(cover, "LK7", admitted=claim(cover)[0]["admitted"].replace(hour=10)),
            claim(covered(), "GOOD"),
        )
    ]
    submission = intake.receive(envelope_of("42010", ON, records), None)
    assert (submission.claims, submission.refused) == (1, 2)
    assert [r.errors[0]["field"] for r in RefusedRecord.objects.filter(submission=submission)] == ["MA_LK", "MA_LK"]


def test_a_record_sent_for_another_facility_is_refused():
    visit, lines = claim(covered(), facility="42010")
    visit["facility_code"] = "42011"
    found, _ = _refused([(visit, lines)])
    assert ("LK1", "XML1", "MA_CSKCB") in found


def test_an_envelope_with_no_good_record_stores_nothing():
    visit, lines = claim(covered())
    visit["diagnosis"] = "not icd"
    with pytest.raises(EnvelopeRejected) as caught:
        send([(visit, lines)])
    assert [(e.ma_lk, e.table, e.field) for e in caught.value.errors] == [("LK1", "XML1", "MA_BENH_CHINH")]
    assert (Claim.objects.count(), ClaimLine.objects.count(), Submission.objects.count()) == (0, 0, 0)


def test_a_count_that_does_not_match_the_records_rejects_the_envelope():
    visit, lines = claim(covered())
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(envelope("42010", ON, [visit], lines, declared=3))
    assert [(e.table, e.field) for e in caught.value.errors] == [("GIAMDINHHS", "SOLUONGHOSO")]


def test_content_that_is_not_base64_or_not_xml_refuses_its_record():
    visit, lines = claim(covered())
    data = envelope("42010", ON, [visit], lines)
    batch = read_envelope(data.replace(b"<NOIDUNGFILE>", b"<NOIDUNGFILE>!!", 1))
    assert batch.accepted() == [] and [(e.table, e.field, e.reason) for e in batch.errors] == [
        ("XML1", "NOIDUNGFILE", "not valid base64")
    ]
    with pytest.raises(EnvelopeRejected):
        read_envelope(b"<GIAMDINHHS><oops></GIAMDINHHS>")


def test_it_refuses_entities_so_a_file_cannot_read_the_server():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<GIAMDINHHS><THONGTINDONVI><MACSKCB>&x;</MACSKCB></THONGTINDONVI></GIAMDINHHS>"
    )
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(evil)
    assert "root" not in str(caught.value.errors) and "DOCTYPE" in caught.value.errors[0].reason


def test_an_unknown_table_type_refuses_its_record():
    visit, lines = claim(covered())
    data = envelope("42010", ON, [visit], lines).replace(b"<LOAIHOSO>XML2</LOAIHOSO>", b"<LOAIHOSO>XML99</LOAIHOSO>")
    batch = read_envelope(data)
    assert [(e.ma_lk, e.field) for e in batch.errors] == [("LK1", "LOAIHOSO")]
