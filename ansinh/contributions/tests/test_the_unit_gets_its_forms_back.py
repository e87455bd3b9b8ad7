"""Back to the employer in the same forms: its workers now on form D02-LT (XLSX our reader reads back, PDF),
the monthly statement in the manner of C12-TS (per fund: carried in, due, adjustments, paid, carried out),
and templates that, filled in and sent back, are read exactly."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ansinh.contributions import statements, templates_files
from ansinh.contributions.assessment import assess
from ansinh.contributions.declaration_files import open_sheets
from ansinh.contributions.declaration_layouts import find_table
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.payments import record_payment
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    unit = factories.employer(wage_region="III", address="Lô 5, KCN Vũng Áng")
    factories.spell(
        factories.person(full_name="Lê Thị Hoa"),
        unit,
        dt.date(2024, 1, 1),
        salary=7_500_000,
        wage=6_000_000,
        allowances=1_000_000,
        supplements=500_000,
    )
    factories.spell(
        factories.person(full_name="Phan Văn Đức", sex="male", birth_date=dt.date(1980, 6, 1)),
        unit,
        dt.date(2024, 3, 1),
        salary=6_177_600,
        pay_coefficient=Decimal("2.34"),
        position_coefficient=Decimal("0.3"),
    )
    return unit


def test_the_current_d02lt_reads_back_as_the_form(unit):
    content = statements.d02lt_xlsx(unit, dt.date(2025, 7, 10))
    table = find_table(open_sheets("D02-LT.xlsx", content)[0])
    assert table.form == "d02lt" and table.unit_code == unit.unit_code
    assert {
        "si_number",
        "full_name",
        "birth_date",
        "sex",
        "cccd",
        "wage_or_coefficient",
        "position_allowance",
        "allowances",
        "supplements",
        "from_month",
        "to_month",
        "note",
    } <= set(table.columns)
    rows = {r.text("full_name"): r for r in table.records()}
    assert (
        rows["Lê Thị Hoa"].raw("wage_or_coefficient") == 6_000_000 and rows["Lê Thị Hoa"].raw("allowances") == 1_000_000
    )
    assert (
        rows["Phan Văn Đức"].raw("wage_or_coefficient") == 2.34
        and rows["Phan Văn Đức"].raw("position_allowance") == 0.3
    )
    assert statements.d02lt_pdf(unit, dt.date(2025, 7, 10))[:4] == b"%PDF"


def test_the_monthly_statement_shows_the_month_the_adjustments_and_the_payments(unit):
    assess(Period.parse("2025-05"))
    hire = (
        "PA,CMND,HoTen,NgaySinh,GioiTinh,TuThang,TienLuong\nTM,042197004321,Ngô Thị Mai,05/03/1997,Nữ,05/2025,6000000\n"
    )
    assert submit(unit, "late.csv", hire.encode(), today=dt.date(2025, 6, 20)).status == "accepted"
    record_payment("bank", "VCB-9", dt.date(2025, 6, 25), 1_000_000, f"{unit.unit_code} nop BHXH")
    assess(Period.parse("2025-06"))
    statement = statements.monthly_statement(unit, Period.parse("2025-06"))
    by_fund = {r["fund"]: r for r in statement["rows"]}
    assert statement["headcount"] == 3 and len(statement["adjustments"]) == 1 and len(statement["lines"]) == 3
    assert sum(r["adjusted"] for r in statement["rows"]) == statement["adjustments"][0].amount > 0
    assert by_fund["late_interest"]["due"] == statement["adjustments"][0].interest
    assert statement["totals"]["paid"] == 1_000_000
    totals = statement["totals"]
    assert totals["carried_out"] == totals["carried_in"] + totals["due"] + totals["adjusted"] - totals["paid"]
    book = load_workbook(io.BytesIO(statements.statement_xlsx(statement)))
    assert book.sheetnames[0] == "C12-TS" and book["C12-TS"]["A1"].value.endswith(unit.name)
    assert statements.statement_pdf(statement)[:4] == b"%PDF"


def test_the_pages_give_each_unit_only_its_own_forms(client, unit):
    client.force_login(factories.user("employer", org_code=unit.unit_code))
    assert client.get("/contributions/employer/d02-lt.xlsx").content[:2] == b"PK"
    assert client.get("/contributions/employer/d02-lt.pdf").content[:4] == b"%PDF"
    assert client.get("/contributions/employer/statement/2025-06.xlsx").status_code == 200
    assert client.get(f"/contributions/units/{unit.unit_code}/d02-lt.xlsx").status_code == 403
    client.force_login(factories.user("collection_officer"))
    assert client.get(f"/contributions/units/{unit.unit_code}/d02-lt.pdf").status_code == 200


def test_the_ivan_template_filled_in_is_read_exactly(unit):
    content, _type = templates_files.template("ivan.xlsx")
    book = load_workbook(io.BytesIO(content))
    sheet = book["Dữ Liệu"]
    codes = [c.value for c in sheet[3]]
    values = {
        "STT": 1,
        "HoTen": "Vũ Thị Lý",
        "CMND": "042198001111",
        "NgaySinh": "01/01/1998",
        "GioiTinh": 0,
        "PA": "TM",
        "TienLuong": "6.200.000",
        "PhuCapBosung": 300000,
        "TuThang": "07/2025",
        "MaBenhVien": "42002",
    }
    sheet.append([values.get(code) for code in codes])
    out = io.BytesIO()
    book.save(out)
    declaration = submit(unit, "filled.xlsx", out.getvalue(), today=dt.date(2025, 7, 10))
    assert declaration.status == "accepted", declaration.errors
    assert declaration.form == "ivan" and unit.spells.get(person__cccd="042198001111").insured_salary == 6_500_000
