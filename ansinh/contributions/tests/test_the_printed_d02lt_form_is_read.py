"""The printed form D02-LT as a unit fills it: header block with the unit code, a merged three-row header, the
columns numbered (1)…(27), the date of birth under 'Nam' or 'Nữ', a pay-scale coefficient written '2,34',
section and total rows, the signature block. The plan code, when given, opens the notes column (27)."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.contributions.declaration_service import submit
from ansinh.registry.models import Person
from ansinh.testing import factories

from .employer_files import printed_d02lt, printed_row

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 10)


@pytest.fixture
def unit():
    return factories.employer(wage_region="II", sector="state")


def test_hires_pay_rises_and_leavings_are_read_from_the_numbered_columns(unit):
    raised = factories.person(full_name="Nguyễn Thị Lan", birth_date=dt.date(1985, 2, 1))
    factories.spell(raised, unit, dt.date(2020, 1, 1), salary=5_000_000, pay_coefficient=Decimal("2.34"))
    leaving = factories.person(full_name="Võ Văn Tài", birth_date=dt.date(1979, 9, 9), sex="male")
    factories.spell(leaving, unit, dt.date(2018, 3, 1), salary=6_000_000)
    rows = [
        printed_row(
            1,
            "Đinh Văn Hùng",
            "",
            "15/01/1993",
            "male",
            "042093001111",
            "Chuyên viên",
            "2,34",
            position="0,3",
            beyond="5",
            start="07/2025",
            note="TM",
        ),
        printed_row(
            2,
            "Nguyễn Thị Lan",
            raised.si_number,
            "01/02/1985",
            "female",
            raised.cccd,
            "Trưởng phòng",
            "2,67",
            position="0,3",
            start="07/2025",
            note="DC - nâng bậc lương",
        ),
        printed_row(
            3,
            "Võ Văn Tài",
            leaving.si_number,
            "09/09/1979",
            "male",
            leaving.cccd,
            "Lái xe",
            "6.000.000",
            end="06/2025",
            note="Nghỉ hưu",
        ),
    ]
    declaration = submit(unit, "D02-LT.xlsx", printed_d02lt(unit.unit_code, rows), today=TODAY)

    assert declaration.status == "accepted", declaration.errors
    assert declaration.form == "d02lt" and declaration.changes == {"TM": 1, "DC": 1, "GH": 1} and declaration.rows == 3
    hung = Person.objects.get(cccd="042093001111")
    spell = hung.spells.get()
    assert (spell.pay_coefficient, spell.position_coefficient, spell.beyond_frame_pct) == (
        Decimal("2.34"),
        Decimal("0.3"),
        Decimal("5"),
    )
    assert spell.insured_salary == round((Decimal("2.34") + Decimal("0.3")) * 2_340_000 * Decimal("1.05"))
    assert raised.spells.get(end__isnull=True).pay_coefficient == Decimal("2.67")
    assert leaving.spells.get().end == dt.date(2025, 6, 30)  # column (26) is the last month the unit pays


def test_a_row_without_a_plan_code_is_a_hire_a_change_or_a_leaving_by_its_months(unit):
    worker = factories.person(full_name="Nguyễn Thị Lan", birth_date=dt.date(1985, 2, 1))
    factories.spell(worker, unit, dt.date(2020, 1, 1), salary=5_000_000)
    rows = [
        printed_row(
            1, "Đinh Văn Hùng", "", "15/01/1993", "male", "042093001111", "Kế toán", 6_000_000, start="07/2025"
        ),
        printed_row(
            2,
            "Nguyễn Thị Lan",
            worker.si_number,
            "01/02/1985",
            "female",
            worker.cccd,
            "Kế toán",
            6_500_000,
            start="07/2025",
        ),
    ]
    declaration = submit(unit, "D02-LT.xlsx", printed_d02lt(unit.unit_code, rows, sections=False), today=TODAY)
    assert declaration.status == "accepted", declaration.errors
    assert declaration.changes == {"TM": 1, "DC": 1}


def test_a_form_of_another_unit_is_refused_before_any_row(unit):
    rows = [
        printed_row(1, "Đinh Văn Hùng", "", "15/01/1993", "male", "042093001111", "Kế toán", 6_000_000, start="07/2025")
    ]
    declaration = submit(unit, "D02-LT.xlsx", printed_d02lt("TX99999", rows), today=TODAY)
    assert declaration.status == "rejected" and declaration.errors[0]["key"] == "file"
    assert "TX99999" in declaration.errors[0]["message"]
    assert not Person.objects.filter(cccd="042093001111").exists()


def test_errors_name_the_numbered_column_as_the_form_labels_it(unit):
    rows = [
        printed_row(
            1, "Đinh Văn Hùng", "", "31/02/1993", "male", "042093001111", "Kế toán", "abc", start="13/2025", note="TM"
        )
    ]
    declaration = submit(unit, "D02-LT.xlsx", printed_d02lt(unit.unit_code, rows), today=TODAY)
    assert declaration.status == "rejected"
    found = {(e["row"], e["column"], e["field"]) for e in declaration.errors}
    data_row = 14  # 8 block rows, 3 header rows, the numbering row, the section row
    assert (data_row, "D", "(4) Ngày tháng năm sinh › Nam") in found
    assert (data_row, "L", "(12) Tiền lương › Hệ số/ Mức lương") in found
    assert (data_row, "Y", "(25) Thời điểm đơn vị bắt đầu đóng BHXH") in found
