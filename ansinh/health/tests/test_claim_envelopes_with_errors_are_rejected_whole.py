"""Every kind of envelope error is answered with MA_LK, table, field and reason, and nothing is stored."""
import pytest

from ansinh.health.models import Claim, ClaimLine, Submission
from ansinh.health.tests.claim_helpers import ON, claim, covered, line, send
from ansinh.health.xml130 import EnvelopeRejected, envelope, read_envelope

pytestmark = pytest.mark.django_db


def _errors(claims, **kwargs):
    with pytest.raises(EnvelopeRejected) as caught:
        send(claims, **kwargs)
    assert Claim.objects.count() == 0 and ClaimLine.objects.count() == 0 and Submission.objects.count() == 0
    return [(e.ma_lk, e.table, e.field) for e in caught.value.errors], caught.value.errors


def test_a_correct_envelope_is_stored_with_its_lines():
    submission = send([claim(covered())])
    assert submission.claims == 1 and ClaimLine.objects.filter(claim__submission=submission).count() == 2


def test_it_rejects_a_missing_field_naming_record_table_and_field():
    visit, lines = claim(covered())
    visit["diagnosis"] = ""
    found, errors = _errors([(visit, lines)])
    assert ("LK1", "XML1", "MA_BENH_CHINH") in found and errors[0].reason == "missing"


def test_it_rejects_a_date_that_is_not_in_the_standard_format():
    visit, lines = claim(covered())
    visit["birth_date"] = "12/03/1990"
    found, _ = _errors([(visit, lines)])
    assert ("LK1", "XML1", "NGAY_SINH") in found


def test_it_rejects_a_fund_share_that_is_not_total_minus_copayment():
    visit, lines = claim(covered())
    visit["fund_claimed"] += 1000
    found, _ = _errors([(visit, lines)])
    assert ("LK1", "XML1", "T_BHTT") in found


def test_it_rejects_lines_that_do_not_add_up_to_the_total():
    visit, lines = claim(covered())
    visit["hi_total"] += 5000
    visit["hospital_total"] += 5000
    visit["copay_claimed"] += 5000
    found, _ = _errors([(visit, lines)])
    assert ("LK1", "XML1", "T_TONGCHI_BH") in found


def test_it_rejects_a_line_whose_amount_is_not_quantity_times_price():
    visit, lines = claim(covered())
    lines[1]["amount"] += 700
    found, errors = _errors([(visit, lines)])
    assert ("LK1", "XML2", "THANH_TIEN_BH") in found
    assert next(e for e in errors if e.field == "THANH_TIEN_BH").line == 2


def test_it_rejects_a_negative_amount_and_a_bad_sex_code():
    visit, lines = claim(covered())
    visit["supplies_total"], visit["sex"] = -5, 7
    found, _ = _errors([(visit, lines)])
    assert ("LK1", "XML1", "T_VTYT") in found and ("LK1", "XML1", "GIOI_TINH") in found


def test_it_rejects_the_same_record_key_twice_and_a_record_already_received():
    cover = covered()
    found, _ = _errors([claim(cover, "LK7"), claim(cover, "LK7", admitted=claim(cover)[0]["admitted"].replace(hour=10))])
    assert ("LK7", "XML1", "MA_LK") in found
    send([claim(cover, "LK8")])
    with pytest.raises(EnvelopeRejected) as again:
        send([claim(cover, "LK8", admitted=claim(cover)[0]["admitted"].replace(hour=11))])
    assert again.value.errors[0].reason == "this record was already received"


def test_it_rejects_a_record_sent_for_another_facility():
    visit, lines = claim(covered(), facility="42010")
    visit["facility_code"] = "42011"
    found, _ = _errors([(visit, lines)])
    assert ("LK1", "XML1", "MA_CSKCB") in found


def test_it_rejects_a_count_that_does_not_match_the_records():
    visit, lines = claim(covered())
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(envelope("42010", ON, [visit], lines, declared=3))
    assert [(e.table, e.field) for e in caught.value.errors] == [("GIAMDINHHS", "SOLUONGHOSO")]


def test_it_rejects_content_that_is_not_base64_or_not_xml():
    data = envelope("42010", ON, *[[x] if isinstance(x, dict) else x for x in claim(covered())])
    broken = data.replace(b"<NOIDUNGFILE>", b"<NOIDUNGFILE>!!", 1)
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(broken)
    assert any(e.field == "NOIDUNGFILE" for e in caught.value.errors)
    with pytest.raises(EnvelopeRejected):
        read_envelope(b"<GIAMDINHHS><oops></GIAMDINHHS>")


def test_it_refuses_entities_so_a_file_cannot_read_the_server():
    evil = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<GIAMDINHHS><THONGTINDONVI><MACSKCB>&x;</MACSKCB></THONGTINDONVI></GIAMDINHHS>")
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(evil)
    assert "root" not in str(caught.value.errors) and "DOCTYPE" in caught.value.errors[0].reason


def test_it_rejects_an_unknown_table_type():
    data = envelope("42010", ON, *[[x] if isinstance(x, dict) else x for x in claim(covered())])
    with pytest.raises(EnvelopeRejected) as caught:
        read_envelope(data.replace(b"<LOAIHOSO>XML2</LOAIHOSO>", b"<LOAIHOSO>XML99</LOAIHOSO>"))
    assert caught.value.errors[0].field == "LOAIHOSO"
