"""Envelopes written as hospital software exports them (data/xml130, written by hand from the standard and public
exports) are accepted record by record, including the cases real monthly batches hold."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.health import intake
from ansinh.health.models import Claim, ClaimDetail, ClaimLine, RefusedRecord
from ansinh.health.tests import envelopes as E
from ansinh.health.xml130 import read_envelope

pytestmark = pytest.mark.django_db
FACILITY = {"outpatient": "42010", "inpatient_supplies": "42001", "child": "42101", "elderly": "42010"}


def _one(record: str, tables: dict | None = None, wrap: int | None = None):
    return read_envelope(E.envelope(FACILITY[record], [tables or E.tables(record)], wrap))


@pytest.mark.parametrize("record", E.RECORDS)
def test_each_hand_written_export_is_read_without_an_error(record):
    batch = _one(record)
    assert batch.errors == [] and batch.accepted() == [1] and batch.keys == {1: E.KEYS[record]}


def test_the_monthly_file_with_base64_wrapped_in_lines_is_stored_whole():
    E.people()
    submission = intake.receive((E.DATA / "monthly_wrapped.xml").read_bytes(), None, channel="upload")
    assert (submission.records, submission.claims, submission.refused) == (3, 3, 0)
    assert b"\r\n" in (E.DATA / "monthly_wrapped.xml").read_bytes()


def test_a_supply_line_without_a_time_performed_is_accepted():
    lines = _one("inpatient_supplies").lines
    supplies = lines.filter(lines["cost_group"] == "10")
    assert supplies.height == 2 and supplies["performed_at"].null_count() == 2


def test_a_service_line_without_a_time_performed_is_refused():
    broken = E.edited("outpatient", XML3=[("<NGAY_TH_YL>202506100850</NGAY_TH_YL>", "<NGAY_TH_YL></NGAY_TH_YL>")])
    assert {(e.table, e.field, e.line) for e in _one("outpatient", broken).errors} == {
        ("XML3", "NGAY_TH_YL", 2),
        ("XML3", "NGAY_TH_YL", 3),
    }


def test_a_unit_price_with_decimals_is_kept_and_multiplied_unrounded():
    E.people()
    intake.receive(E.envelope("42001", [E.tables("inpatient_supplies")]), None)
    line = ClaimLine.objects.get(code="40.0018")
    assert line.unit_price == Decimal("833.333") and line.amount == 2500 and line.quantity == 3
    elderly = _one("elderly").lines
    assert elderly.filter(elderly["code"] == "40.0001")["unit_price"].to_list() == [249.583]


def test_an_out_of_scope_line_and_a_drug_paid_at_half_add_up_on_hospital_amounts():
    E.people()
    intake.receive(E.envelope("42001", [E.tables("inpatient_supplies")]), None)
    claim = Claim.objects.get()
    assert (claim.drugs_total, claim.supplies_total, claim.hospital_total, claim.hi_total, claim.patient_paid) == (
        436_300,
        37_900,
        4_709_000,
        4_451_500,
        257_500,
    )
    meal = ClaimLine.objects.get(code="DV.0019")
    insulin = ClaimLine.objects.get(code="40.0014")
    assert (meal.scope, meal.hi_rate, meal.amount, meal.hospital_amount) == ("2", 0, 0, 140_000)
    assert (insulin.hi_rate, insulin.amount, insulin.hospital_amount, insulin.fund_claimed) == (
        50,
        117_500,
        235_000,
        111_625,
    )


def test_an_out_of_scope_line_that_claims_from_the_fund_is_refused_with_the_reason():
    broken = E.edited(
        "inpatient_supplies", XML3=[("<THANH_TIEN_BH>0.00</THANH_TIEN_BH>", "<THANH_TIEN_BH>140000.00</THANH_TIEN_BH>")]
    )
    reasons = {(e.field, e.line): e.reason for e in _one("inpatient_supplies", broken).errors}
    assert "PHAM_VI 2" in reasons[("PHAM_VI", 7)] and ("THANH_TIEN_BH", 7) in reasons


def test_a_birth_date_known_by_year_only_is_accepted():
    batch = _one("elderly")
    assert batch.visits.select("birth_date", "birth_precision").row(0) == (dt.date(1948, 1, 1), "year")


def test_visit_type_10_is_in_the_code_list():
    assert _one("elderly").visits["visit_type"].to_list() == ["10"]
    wrong = E.edited("elderly", XML1=[("<MA_LOAI_KCB>10</MA_LOAI_KCB>", "<MA_LOAI_KCB>11</MA_LOAI_KCB>")])
    assert [(e.field, e.reason.split(" is ")[0]) for e in _one("elderly", wrong).errors] == [("MA_LOAI_KCB", "11")]


def test_two_cards_on_one_stay_are_read_and_the_newest_is_the_card():
    E.people()
    intake.receive(E.envelope("42001", [E.tables("inpatient_supplies")]), None)
    claim = Claim.objects.get()
    assert (claim.cards, claim.card_code, claim.registered_code) == (
        "DN4424200567890;HT3424200567890",
        "HT3424200567890",
        "42101",
    )
    assert (claim.card_valid_from, claim.card_valid_to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    one_end = E.edited("inpatient_supplies", XML1=[("20250613;20251231", "20251231")])
    assert [(e.field, e.reason) for e in _one("inpatient_supplies", one_end).errors] == [
        ("GT_THE_DEN", "1 values for 2 cards in MA_THE_BHYT")
    ]


def test_base64_wrapped_in_lines_is_accepted_and_other_characters_are_not():
    assert _one("outpatient", wrap=76).errors == []
    data = E.envelope("42010", [E.tables("outpatient")], wrap=76).replace(b"\r\n", b"\r\n*", 1)
    assert [(e.field, e.reason) for e in read_envelope(data).errors] == [("NOIDUNGFILE", "not valid base64")]


def test_a_nine_digit_old_id_number_is_accepted_and_the_patient_found_by_the_card():
    covers = E.people()
    intake.receive(E.envelope("42010", [E.tables("elderly")]), None)
    claim = Claim.objects.get()
    assert claim.cccd == "186012345" and claim.person_id == covers["elderly"].person_id


def test_results_clinical_course_and_papers_are_kept_with_the_record():
    E.people()
    intake.receive(E.envelope("42001", [E.tables("inpatient_supplies")]), None)
    assert set(ClaimDetail.objects.values_list("table", flat=True)) == {"XML4", "XML5", "XML7", "XML8"}
    paper = ClaimDetail.objects.get(table="XML7").fields
    assert paper["SO_NGAY_NGHI"] == "7" and paper["TEN_BS"] == "Hoàng Văn Nam"
    course = ClaimDetail.objects.filter(table="XML5").order_by("position").first().fields
    assert course["DIEN_BIEN_LS"].startswith("Đau hố chậu phải") and "\n" in course["DIEN_BIEN_LS"]


def test_a_child_under_six_is_read_with_the_time_of_birth():
    batch = _one("child")
    assert batch.visits.select("birth_date", "birth_precision", "cccd").row(0) == (
        dt.date(2022, 3, 8),
        "day",
        "042322008765",
    )


def test_a_batch_of_500_records_stores_499_and_refuses_the_broken_one():
    E.people()
    records = [E.renamed("outpatient", f"25061{n:05d}", minute=n) for n in range(499)]
    broken = E.renamed("outpatient", "BROKEN")
    broken["XML2"] = broken["XML2"].replace("<DON_GIA>480.00</DON_GIA>", "<DON_GIA>480,00</DON_GIA>")
    records.insert(250, broken)
    submission = intake.receive(E.envelope("42010", records), None)
    assert (submission.records, submission.claims, submission.refused) == (500, 499, 1)
    refusal = RefusedRecord.objects.get()
    assert (refusal.ma_lk, refusal.position, [(e["table"], e["field"], e["line"]) for e in refusal.errors]) == (
        "BROKEN",
        251,
        [("XML2", "DON_GIA", 1)],
    )
    assert Claim.objects.count() == 499 and ClaimLine.objects.count() == 499 * 5
