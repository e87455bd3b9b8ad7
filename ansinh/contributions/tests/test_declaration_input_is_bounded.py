"""Every input is bounded and no input ends in a 500: an oversized upload answers 413 naming the limit, too many
rows are refused whole, a zip bomb is refused unread, garbage of any kind becomes a rejected declaration, and
the dd/mm/yyyy date of birth of a new worker is read (it used to crash)."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.contributions.declaration_files import MAX_BYTES, MAX_ROWS
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.models import Declaration
from ansinh.registry.models import Person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 10)
HEADER = "PA,MasoBHXH,CMND,HoTen,NgaySinh,GioiTinh,TuThang,TienLuong,PhuCapLuong,PhuCapBosung"


@pytest.fixture
def unit():
    return factories.employer(wage_region="III")


def test_a_50_mb_csv_to_the_api_answers_413_naming_the_limit(client, unit):
    token = factories.token_for(factories.user("employer", org_code=unit.unit_code))
    line = "TM,,042095000123,Nguyễn Văn An,12/04/1995,Nam,07/2025,8500000,0,0\n"
    body = (HEADER + "\n" + line * (50 * 1024 * 1024 // len(line.encode()))).encode()
    response = client.post(
        "/api/v1/contributions/declarations",
        {"file": SimpleUploadedFile("big.csv", body, content_type="text/csv")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413
    detail = response.json()["detail"][0]
    assert detail["type"] == "too_large" and f"{MAX_BYTES // (1024 * 1024)} MB" in detail["msg"]
    assert not Declaration.objects.exists()


def test_more_rows_than_the_limit_are_refused_whole(unit):
    line = "TM,,042095000123,Nguyễn Văn An,12/04/1995,Nam,07/2025,8500000,0,0\n"
    declaration = submit(unit, "many.csv", (HEADER + "\n" + line * (MAX_ROWS + 100)).encode(), today=TODAY)
    assert declaration.status == "rejected" and declaration.errors[0]["key"] == "file"
    assert f"{MAX_ROWS:,}".replace(",", ".") in declaration.errors[0]["message"] and not Person.objects.exists()


def test_a_zip_bomb_is_refused_unread(unit):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (40 * 1024 * 1024 // 6))
    declaration = submit(unit, "bomb.xlsx", buffer.getvalue(), today=TODAY)
    assert declaration.status == "rejected" and "refused unread" in declaration.errors[0]["message"]


def test_a_new_worker_born_dd_mm_yyyy_is_hired(unit):
    body = f"{HEADER}\nTM,,042095000123,Nguyễn Văn An,12/04/1995,Nam,07/2025,8.500.000,0,0\n"
    declaration = submit(unit, "d02.csv", body.encode(), today=TODAY)
    assert declaration.status == "accepted", declaration.errors
    assert Person.objects.get(cccd="042095000123").birth_date == dt.date(1995, 4, 12)


def test_names_with_hidden_characters_or_a_formula_start_are_refused(unit):
    body = (
        f"{HEADER}\nTM,,042095000123,Nguyễn\u200bVăn An,12/04/1995,Nam,07/2025,8500000,0,0\n"
        f'TM,,042095000124,=HYPERLINK("x"),12/04/1995,Nam,07/2025,8500000,0,0\n'
    )
    declaration = submit(unit, "d02.csv", body.encode(), today=TODAY)
    assert {(e["row"], e["field"]) for e in declaration.errors} >= {(2, "HoTen"), (3, "HoTen")}


def test_a_semicolon_csv_with_decimal_commas_is_read(unit):
    body = (
        "PA;CMND;HoTen;NgaySinh;GioiTinh;TuThang;TienLuong;PhuCapLuong\n"
        "TM;042095000123;Nguyễn Văn An;12/04/1995;Nam;07/2025;8.500.000;500.000\n"
    )
    declaration = submit(unit, "d02.csv", body.encode("utf-8-sig"), today=TODAY)
    assert declaration.status == "accepted", declaration.errors
    assert Person.objects.get(cccd="042095000123").spells.get().insured_salary == 9_000_000


cells = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(
        [
            "",
            "TM",
            "DC",
            "GH",
            "ON",
            "AD",
            "TU",
            "07/2025",
            "13/2025",
            "31/02/2025",
            "2,34",
            "8.500.000",
            "Nam",
            "Nữ",
            "1",
            "0",
            "042095000123",
            "4200000001",
            "=1+1",
            "\u200b",
        ]
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(rows=st.lists(st.lists(cells, min_size=10, max_size=10), min_size=1, max_size=4))
def test_no_csv_content_ends_in_an_error(unit, rows):
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER.split(","), *rows])
    declaration = submit(unit, "fuzz.csv", buffer.getvalue().encode(), today=TODAY)
    assert declaration.status in ("accepted", "rejected")
    assert all(e["row"] >= 0 and e["message"] for e in declaration.errors)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(content=st.binary(max_size=2000), name=st.sampled_from(["x.xlsx", "x.csv", "x.xls", "x.pdf", ""]))
def test_no_bytes_end_in_an_error(unit, content, name):
    declaration = submit(unit, name, content, today=TODAY)
    assert declaration.status == "rejected" and declaration.errors
