"""Every plan code of the form set is mapped to what it does to the worker's insured periods: leave without
pay, sickness and maternity suspend; ON brings the worker back on the same pay; transfers in and out; a title
change; a death. Codes An Sinh does not handle, or does not know, are refused with the list it accepts."""

import datetime as dt

import pytest

from ansinh.contributions.declaration_service import submit
from ansinh.contributions.plan_codes import accepted_codes, code_in, plan_codes
from ansinh.registry.models import Person
from ansinh.testing import factories

from .employer_files import ivan_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return factories.employer(wage_region="III")


def _worker(unit, **pay):
    person = factories.person()
    factories.spell(
        person, unit, dt.date(2024, 1, 1), salary=sum(pay.values()) or 6_000_000, job_title="Thợ hàn", **pay
    )
    return person


def _send(unit, today, *rows):
    return submit(
        unit, "D02.xlsx", ivan_workbook([{"STT": n, **row} for n, row in enumerate(rows, start=1)]), today=today
    )


def _row(person, code, month, **extra):
    return {"HoTen": person.full_name, "MasoBHXH": person.si_number, "PA": code, "TuThang": month, **extra}


@pytest.mark.parametrize("code", ["KL", "OF", "TS"])
def test_a_suspension_ends_the_period_and_on_brings_the_worker_back_on_the_same_pay(unit, code):
    worker = _worker(unit, wage=6_000_000, allowances=800_000)
    first = _send(unit, dt.date(2025, 7, 5), _row(worker, code, "07/2025"))
    assert first.status == "accepted", first.errors
    assert list(worker.spells.values_list("end", "end_reason")) == [(dt.date(2025, 6, 30), code)]
    back = _send(unit, dt.date(2025, 9, 2), _row(worker, "ON", "09/2025"))
    assert back.status == "accepted", back.errors
    again = worker.spells.get(end__isnull=True)
    assert (again.start, again.wage, again.allowances, again.insured_salary, again.job_title) == (
        dt.date(2025, 9, 1),
        6_000_000,
        800_000,
        6_800_000,
        "Thợ hàn",
    )


def test_a_worker_who_left_for_good_comes_back_with_tm_not_on(unit):
    worker = _worker(unit)
    assert _send(unit, dt.date(2025, 7, 5), _row(worker, "GH", "07/2025")).status == "accepted"
    refused = _send(unit, dt.date(2025, 9, 2), _row(worker, "ON", "09/2025"))
    assert refused.status == "rejected" and "TM" in refused.errors[0]["message"]
    rehired = _send(unit, dt.date(2025, 9, 2), _row(worker, "TM", "09/2025", TienLuong=6_500_000))
    assert rehired.status == "accepted", rehired.errors


def test_transfers_out_and_in_between_units(unit):
    worker = _worker(unit)
    other = factories.employer(wage_region="III")
    assert _send(unit, dt.date(2025, 7, 5), _row(worker, "GD", "07/2025")).status == "accepted"
    moved = _send(other, dt.date(2025, 7, 5), _row(worker, "TD", "07/2025", TienLuong=7_000_000))
    assert moved.status == "accepted", moved.errors
    assert list(worker.spells.order_by("start").values_list("employer", "end_reason")) == [
        (unit.pk, "GD"),
        (other.pk, ""),
    ]


def test_a_transfer_from_another_province_keeps_the_si_number_it_brings(unit):
    arriving = {
        "HoTen": "Ngô Thị Mai",
        "MasoBHXH": "3812345678",
        "PA": "TC",
        "TuThang": "07/2025",
        "TienLuong": 6_000_000,
        "CMND": "038195002222",
        "NgaySinh": "02/02/1995",
        "GioiTinh": 0,
    }
    declaration = _send(unit, dt.date(2025, 7, 5), arriving)
    assert declaration.status == "accepted", declaration.errors
    assert Person.objects.get(cccd="038195002222").si_number == "3812345678"
    without_number = _send(
        unit,
        dt.date(2025, 7, 5),
        {**arriving, "MasoBHXH": None, "CMND": "038095003333", "HoTen": "Ngô Văn Lâm", "GioiTinh": 1},
    )
    assert without_number.status == "rejected" and without_number.errors[0]["key"] == "si_number"


def test_a_title_change_keeps_the_pay(unit):
    worker = _worker(unit, wage=6_000_000, supplements=400_000)
    declaration = _send(unit, dt.date(2025, 7, 5), _row(worker, "CD", "07/2025", ChucVu="Tổ trưởng"))
    assert declaration.status == "accepted", declaration.errors
    now = worker.spells.get(end__isnull=True)
    assert (now.job_title, now.wage, now.supplements, now.insured_salary) == (
        "Tổ trưởng",
        6_000_000,
        400_000,
        6_400_000,
    )


def test_a_death_closes_the_period_and_records_the_date(unit):
    worker = _worker(unit)
    without_date = _send(unit, dt.date(2025, 7, 20), _row(worker, "GH", "07/2025", Cogiamchet=1))
    assert without_date.status == "rejected" and without_date.errors[0]["key"] == "death_date"
    declaration = _send(unit, dt.date(2025, 7, 20), _row(worker, "GH", "07/2025", Cogiamchet=1, Ngaychet="03/07/2025"))
    assert declaration.status == "accepted", declaration.errors
    worker.refresh_from_db()
    assert worker.death_date == dt.date(2025, 7, 3) and worker.spells.get().end == dt.date(2025, 6, 30)


def test_unhandled_and_unknown_codes_are_refused_with_the_accepted_list(unit):
    worker = _worker(unit)
    declaration = _send(
        unit, dt.date(2025, 7, 5), _row(worker, "TN", "07/2025"), _row(factories.person(), "XX", "07/2025")
    )
    assert declaration.status == "rejected"
    messages = {e["row"]: e["message"] for e in declaration.errors}
    assert "agency" in messages[4]
    assert all(code in messages[5] for code in ("TM", "DC", "GH", "KL", "OF", "TS", "ON", "AD", "TT"))


def test_the_code_list_is_read_from_labels_and_codes_as_files_write_them():
    assert [
        code_in(text) for text in ("TM", "tm", "TM - Tăng mới", "TM-Tăng mới", "Giảm hẳn", "hire", "promotion")
    ] == ["TM", "TM", "TM", "TM", "GH", "TM", ""]
    assert {
        "TM",
        "TC",
        "TD",
        "TL",
        "ON",
        "DC",
        "CD",
        "KL",
        "OF",
        "TS",
        "GH",
        "GD",
        "GC",
        "GL",
        "AD",
        "SB",
        "TT",
        "TU",
    } == set(accepted_codes())
    assert all(plan.valid_from <= dt.date(2025, 1, 1) and plan.label_vi for plan in plan_codes().values())


def test_an_si_number_of_this_province_that_was_never_issued_is_refused(unit):
    hire = {
        "HoTen": "Ngô Thị Mai",
        "MasoBHXH": "4299999999",
        "PA": "TM",
        "TuThang": "07/2025",
        "TienLuong": 6_000_000,
        "CMND": "042195002222",
        "NgaySinh": "02/02/1995",
        "GioiTinh": 0,
    }
    declaration = _send(unit, dt.date(2025, 7, 5), hire)
    assert declaration.status == "rejected" and [e["key"] for e in declaration.errors] == ["si_number"]
