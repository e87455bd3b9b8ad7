"""A row that does not match the registry says so without telling the employer what the registry holds: not the
name behind a CCCD, not its date of birth, not the unit that employs the worker now; and a CCCD insured
elsewhere reads exactly like one nobody knows."""

import datetime as dt

import pytest

from ansinh.contributions.declaration_service import submit
from ansinh.core.ids import make_cccd
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 10)
HEADER = "PA,MasoBHXH,CMND,HoTen,NgaySinh,GioiTinh,TuThang,TienLuong"


@pytest.fixture
def unit():
    return factories.employer(wage_region="III")


@pytest.fixture
def stranger():
    person = factories.person(full_name="Đoàn Thị Thu Hương", birth_date=dt.date(1991, 4, 4))
    factories.spell(person, factories.employer(name="Công ty Cổ phần Bí Mật"), dt.date(2024, 1, 1))
    return person


def _messages(unit, *lines) -> str:
    declaration = submit(unit, "d02.csv", "\n".join([HEADER, *lines]).encode(), today=TODAY)
    assert declaration.status == "rejected"
    return " ".join(e["message"] for e in declaration.errors)


def test_a_wrong_name_or_birth_date_is_reported_without_the_registry_values(unit, stranger):
    said = _messages(unit, f"TM,,{stranger.cccd},Nguyễn Văn Khác,05/05/1991,Nữ,07/2025,8000000")
    assert "does not match our records" in said
    for secret in (
        "Đoàn",
        "Hương",
        "04/04/1991",
        "1991-04-04",
        stranger.si_number,
        "Bí Mật",
        stranger.spells.get().employer.unit_code,
    ):
        assert secret not in said


def test_a_worker_insured_elsewhere_is_not_named_nor_is_the_unit(unit, stranger):
    said = _messages(unit, f"TM,,{stranger.cccd},{stranger.full_name},04/04/1991,Nữ,07/2025,8000000")
    assert "another unit" in said and stranger.spells.get().employer.unit_code not in said and "Bí Mật" not in said


def test_a_change_for_someone_else_reads_like_a_change_for_nobody(unit, stranger):
    unknown = make_cccd("042", 1991, "female", 999_999)
    elsewhere = _messages(unit, f"KL,,{stranger.cccd},,,,07/2025,")
    nobody = _messages(unit, f"KL,,{unknown},,,,07/2025,")
    assert elsewhere == nobody


def test_an_si_number_with_another_persons_cccd_is_refused_without_saying_whose(unit, stranger):
    mine = factories.person(full_name="Lê Văn Tư", sex="male", birth_date=dt.date(1990, 1, 1))
    factories.spell(mine, unit, dt.date(2024, 1, 1))
    said = _messages(unit, f"DC,{mine.si_number},{stranger.cccd},Lê Văn Tư,01/01/1990,Nam,07/2025,9000000")
    assert "different people" in said and stranger.full_name not in said
