"""Labour-change declarations in An Sinh's simple template, as employers saved it before the form's plan codes
were accepted (English change words, ISO dates): still read. Every kind of bad row rejects the file whole; a
good file changes the spells."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from ansinh.contributions.declaration_service import submit
from ansinh.contributions.models import Declaration
from ansinh.core.ids import make_cccd
from ansinh.registry.models import EmploymentSpell, Person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 10)
HEADER = "change,cccd,full_name,birth_date,sex,effective_date,salary,job_title"


@pytest.fixture
def unit():
    return factories.employer(wage_region="III")


@pytest.fixture
def worker(unit):
    person = factories.person(full_name="Trần Thị Bình", birth_date=dt.date(1990, 8, 20))
    factories.spell(person, unit, dt.date(2024, 1, 1), salary=6_000_000)
    return person


def _send(unit, *lines, name="khai-bao.csv"):
    content = "\n".join([HEADER, *lines]).encode()
    return submit(unit, name, content, today=TODAY)


def _rejected_on(declaration):
    assert declaration.status == "rejected"
    return {(e["row"], e["field"]) for e in declaration.errors}


def test_a_good_file_hires_changes_salaries_and_terminates_atomically(unit, worker):
    other = factories.person(full_name="Phạm Văn Dũng", birth_date=dt.date(1988, 11, 30), sex="male")
    factories.spell(other, unit, dt.date(2023, 5, 1), salary=5_000_000)
    declaration = _send(
        unit,
        "hire,042095000123,Nguyễn Văn An,1995-04-12,male,2025-07-01,8500000,Công nhân",
        f"salary_change,{worker.cccd},Trần Thị Bình,,,2025-07-01,9200000,",
        f"termination,{other.cccd},,,,2025-07-31,,",
    )
    assert declaration.status == "accepted", declaration.errors
    assert declaration.changes == {"TM": 1, "DC": 1, "GH": 1}
    newcomer = Person.objects.get(cccd="042095000123")
    assert EmploymentSpell.objects.get(person=newcomer).insured_salary == 8_500_000
    assert list(worker.spells.order_by("start").values_list("end", "insured_salary")) == [
        (dt.date(2025, 6, 30), 6_000_000),
        (None, 9_200_000),
    ]
    assert other.spells.get().end == dt.date(2025, 7, 30)


def test_it_rejects_a_salary_below_the_regional_minimum(unit, worker):
    assert _rejected_on(_send(unit, f"salary_change,{worker.cccd},,,,2025-07-01,3000000,")) == {(2, "salary")}
    assert worker.spells.get().end is None


def test_a_salary_above_the_cap_is_declared_as_it_is(unit, worker):
    declaration = _send(unit, f"salary_change,{worker.cccd},,,,2025-07-01,90000000,")
    assert declaration.status == "accepted", declaration.errors
    assert (
        worker.spells.get(end__isnull=True).insured_salary == 90_000_000
    )  # the assessment caps the basis, not the declaration


def test_it_rejects_a_malformed_cccd_and_a_bad_date(unit):
    declaration = _send(
        unit,
        "hire,04209500012X,Nguyễn Văn An,1995-04-12,male,2025-07-01,8500000,",
        "hire,042095000124,Lê Văn Ba,1995-04-12,male,2025-31-07,8500000,",
    )
    assert _rejected_on(declaration) == {(2, "cccd"), (3, "effective_date")}


def test_it_rejects_a_cccd_that_contradicts_the_birth_year(unit):
    assert _rejected_on(_send(unit, "hire,042096000123,Nguyễn Văn An,1995-04-12,male,2025-07-01,8500000,")) == {
        (2, "cccd")
    }


def test_it_rejects_a_worker_insured_elsewhere_in_an_open_spell(unit):
    busy = factories.person()
    factories.spell(busy, factories.employer(), dt.date(2024, 1, 1))
    declaration = _send(unit, f"hire,{busy.cccd},,,,2025-07-01,8500000,")
    assert _rejected_on(declaration) == {(2, "cccd")}
    message = declaration.errors[0]["message"]
    assert (
        "another unit" in message and busy.spells.get().employer.unit_code not in message
    )  # which unit is not disclosed


def test_it_rejects_a_change_for_an_unknown_worker(unit):
    assert _rejected_on(_send(unit, f"termination,{make_cccd('042', 1991, 'male', 555)},,,,2025-07-01,,")) == {
        (2, "cccd")
    }


def test_it_rejects_a_change_for_a_worker_of_another_unit(unit):
    stranger = factories.person()
    factories.spell(stranger, factories.employer(), dt.date(2024, 1, 1))
    assert _rejected_on(_send(unit, f"unpaid_leave,{stranger.cccd},,,,2025-07-01,,")) == {(2, "cccd")}


def test_it_rejects_an_unknown_change_a_duplicate_worker_and_a_wrong_name(unit, worker):
    declaration = _send(unit, f"promotion,{worker.cccd},,,,2025-07-01,,", f"termination,{worker.cccd},,,,2025-07-01,,")
    assert _rejected_on(declaration) == {(2, "change"), (3, "cccd")}
    assert _rejected_on(_send(unit, f"termination,{worker.cccd},Lê Văn Khác,,,2025-07-01,,")) == {(2, "full_name")}


def test_one_bad_row_rejects_the_good_rows_too(unit, worker):
    declaration = _send(
        unit,
        "hire,042095000123,Nguyễn Văn An,1995-04-12,male,2025-07-01,8500000,",
        f"maternity_leave,{worker.cccd},,,,2023-01-01,,",
    )
    assert _rejected_on(declaration) == {(3, "effective_date")}
    assert not Person.objects.filter(cccd="042095000123").exists()


def test_a_file_without_the_columns_or_of_another_type_is_rejected(unit):
    assert _rejected_on(submit(unit, "x.csv", b"a,b\n1,2\n", today=TODAY)) == {(1, "file")}
    assert _rejected_on(submit(unit, "x.pdf", b"%PDF", today=TODAY)) == {(1, "file")}


def test_an_xlsx_file_is_read_like_a_csv(unit, worker):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["unpaid_leave", worker.cccd, None, None, None, dt.datetime(2025, 7, 1), None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    declaration = submit(unit, "khai-bao.xlsx", buffer.getvalue(), today=TODAY)
    assert declaration.status == "accepted", declaration.errors
    assert worker.spells.get().end == dt.date(2025, 6, 30)
    assert Declaration.objects.count() == 1
