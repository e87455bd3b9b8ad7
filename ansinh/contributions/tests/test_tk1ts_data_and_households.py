"""The participants' TK1-TS data on its own sheet, households inside and outside the province, changes to
the data of people already known (audited), and the HI card a new participant gets."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from ansinh.contributions.declaration_service import submit
from ansinh.core.models import AuditEvent
from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import Coverage, Facility
from ansinh.registry.models import Household, Person
from ansinh.testing import factories

from .employer_files import ivan_workbook

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 10)


@pytest.fixture
def unit():
    return factories.employer(wage_region="III")


def _two_sheets(d02: list[list], tk1: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "D02-LT"
    for row in d02:
        sheet.append(row)
    extra = book.create_sheet("TK1-TS")
    for row in tk1:
        extra.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_tk1ts_sheet_is_joined_to_the_declaration_by_cccd(unit):
    household = factories.household("43603")
    content = _two_sheets(
        [
            ["STT", "Họ và tên", "Số CCCD", "Phương án", "Từ tháng", "Tiền lương", "Phụ cấp lương"],
            [1, "Hà Văn Lực", "042090007777", "TM", "07/2025", "5.500.000", "700.000"],
        ],
        [
            [
                "Số CCCD",
                "Ngày sinh",
                "Giới tính",
                "Quốc tịch",
                "Dân tộc",
                "Nơi cấp giấy khai sinh",
                "Địa chỉ",
                "Số điện thoại",
                "Mã bệnh viện",
                "Mã số hộ gia đình",
            ],
            [
                "042090007777",
                "07/07/1990",
                "Nam",
                "Việt Nam",
                "Mường",
                "Xã Sơn Kim 1, Hương Sơn, Hà Tĩnh",
                "Xóm 2, xã Sơn Kim 1",
                "+84 912 777 888",
                42005,
                household.code,
            ],
        ],
    )
    declaration = submit(unit, "d02-tk1.xlsx", content, today=TODAY)
    assert declaration.status == "accepted", declaration.errors
    luc = Person.objects.get(cccd="042090007777")
    assert (luc.ethnicity, luc.ethnic_minority, luc.phone, luc.hi_facility_code, luc.household) == (
        "Mường",
        True,
        "0912777888",
        "42005",
        household,
    )
    assert luc.birth_registration_place.startswith("Xã Sơn Kim 1") and luc.spells.get().insured_salary == 6_200_000


def test_a_household_of_another_province_is_not_created_here(unit):
    row = {
        "STT": 1,
        "HoTen": "Bùi Văn Tâm",
        "PA": "TM",
        "TienLuong": 6_000_000,
        "TuThang": "07/2025",
        "CMND": "040092003333",
        "NgaySinh": "03/03/1992",
        "GioiTinh": 1,
        "ChuHoTinh": "Nghệ An",
        "ChuHoXa": "Xã Nghi Phong",
        "MaHoGiaDinh": "4012345678",
        "DiaChiNN": "Xóm 1, xã Nghi Phong, Nghệ An",
    }
    declaration = submit(unit, "d02.xlsx", ivan_workbook([row]), today=TODAY)
    assert declaration.status == "accepted", declaration.errors
    tam = Person.objects.get(cccd="040092003333")
    assert tam.household is None and tam.address.startswith("Xóm 1") and not Household.objects.exists()


def test_an_unknown_commune_or_household_code_of_ours_is_a_row_error(unit):
    row = {
        "STT": 1,
        "HoTen": "Bùi Văn Tâm",
        "PA": "TM",
        "TienLuong": 6_000_000,
        "TuThang": "07/2025",
        "CMND": "042092003333",
        "NgaySinh": "03/03/1992",
        "GioiTinh": 1,
        "ChuHoTinh": "Hà Tĩnh",
        "ChuHoXa": "Xã Không Có",
    }
    declaration = submit(
        unit,
        "d02.xlsx",
        ivan_workbook([row, {**row, "STT": 2, "CMND": "042092004444", "ChuHoXa": None, "MaHoGiaDinh": "4200999999"}]),
        today=TODAY,
    )
    assert declaration.status == "rejected"
    assert {(e["row"], e["key"]) for e in declaration.errors} == {(4, "household_commune"), (5, "household_code")}
    assert not Person.objects.exists()


def test_new_data_of_a_known_worker_is_stored_and_audited(unit):
    worker = factories.person(full_name="Trần Thị Bình", phone="0900000000")
    factories.spell(worker, unit, dt.date(2024, 1, 1), salary=6_000_000)
    row = {
        "STT": 1,
        "HoTen": "Trần Thị Bình",
        "MasoBHXH": worker.si_number,
        "PA": "DC",
        "TienLuong": 6_600_000,
        "TuThang": "07/2025",
        "DienThoai": "0987654321",
        "DiaChiNN": "Tổ 4, phường Bắc Hà",
    }
    declaration = submit(unit, "d02.xlsx", ivan_workbook([row]), today=TODAY)
    assert declaration.status == "accepted", declaration.errors
    worker.refresh_from_db()
    assert (worker.phone, worker.address) == ("0987654321", "Tổ 4, phường Bắc Hà")
    event = AuditEvent.objects.get(
        object_type="contributions.declaration", object_id=str(declaration.pk), action="batch"
    )
    assert event.changes["people_updated"][str(worker.pk)]["phone"] == ["0900000000", "0987654321"]


def test_an_appendix_member_must_belong_to_a_worker_row(unit):
    row = {
        "STT": 1,
        "HoTen": "Lê Thị Hoa",
        "PA": "TM",
        "TienLuong": 6_000_000,
        "TuThang": "07/2025",
        "CMND": "042197004321",
        "NgaySinh": "05/03/1997",
        "GioiTinh": 0,
    }
    member = {"STT": 9, "HoTen": "Đặng Minh Khôi", "NgaySinh": "01/06/2021", "GioiTinh": 1, "MoiQuanHe": "Con"}
    declaration = submit(unit, "d02.xlsx", ivan_workbook([row], [member]), today=TODAY)
    assert declaration.status == "rejected"
    assert [(e["sheet"], e["row"], e["key"]) for e in declaration.errors] == [("Phụ lục", 4, "stt")]


def test_a_new_participant_gets_an_hi_card(unit):
    commune = factories.commune("43601")
    Facility.objects.update_or_create(
        code="42990", defaults={"name": "Trạm y tế", "level": "primary", "area": commune.area, "commune": commune}
    )
    row = {
        "STT": 1,
        "HoTen": "Lê Thị Hoa",
        "PA": "TM",
        "TienLuong": 6_000_000,
        "TuThang": "07/2025",
        "CMND": "042197004321",
        "NgaySinh": "05/03/1997",
        "GioiTinh": 0,
        "MaBenhVien": "42990",
        "ChuHoTinh": "Hà Tĩnh",
        "ChuHoXa": commune.name,
    }
    assert submit(unit, "d02.xlsx", ivan_workbook([row]), today=TODAY).status == "accepted"
    refresh_coverage(dt.date(2025, 7, 20))
    hoa = Person.objects.get(cccd="042197004321")
    card = Coverage.objects.get(person=hoa)
    assert card.card_code.endswith(hoa.si_number) and card.status == "active" and hoa.household.commune == commune
