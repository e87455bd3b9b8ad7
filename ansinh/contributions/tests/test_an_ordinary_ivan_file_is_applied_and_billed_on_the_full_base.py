"""An employer's ordinary monthly file from its HR software, in the I-VAN import workbook: two new workers (TM)
with their TK1-TS data and household appendix, a pay rise with allowances (DC), a contract end (GH). It is
applied exactly, and the bill that follows is on the full contribution base (salary + allowances + supplements)."""

import datetime as dt
import unicodedata

import pytest

from ansinh.contributions import rules
from ansinh.contributions.assessment import assess
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.models import AssessmentLine, Receivable
from ansinh.core.periods import Period
from ansinh.policy.services import params_on
from ansinh.registry.models import Household, Person
from ansinh.testing import factories

from .employer_files import ivan_workbook

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 10)


@pytest.fixture
def unit():
    return factories.employer(wage_region="III")


@pytest.fixture
def staff(unit):
    raised = factories.person(full_name="Trần Thị Bình", birth_date=dt.date(1990, 8, 20))
    leaving = factories.person(full_name="Phạm Văn Dũng", birth_date=dt.date(1988, 11, 30), sex="male")
    factories.spell(raised, unit, dt.date(2024, 1, 1), salary=6_000_000)
    factories.spell(leaving, unit, dt.date(2023, 5, 1), salary=5_000_000)
    return raised, leaving


def _file(unit, raised, leaving, commune, household):
    rows = [
        {
            "STT": 1,
            "HoTen": "Lê Thị Hoa",
            "TenLoaiKhaiBao": "Tăng lao động",
            "Loai": 1,
            "TenPhuongAn": "TM - Tăng mới",
            "PA": "TM",
            "ChucVu": "Công nhân may",
            "TienLuong": 6500000,
            "PhuCapLuong": "1.000.000",
            "PhuCapBosung": 200000,
            "TuThang": "07/2025",
            "TyleDong": "32,5",
            "CMND": "042197004321",
            "NgaySinh": "05/03/1997",
            "GioiTinh": 0,
            "TenQuocTich": "Việt Nam",
            "QuocTich": "VN",
            "DanToc": "01",
            "TenDanToc": "Kinh",
            "TinhKS": "Tỉnh Hà Tĩnh",
            "XaKS": commune.name,
            "DiaChiNN": "Thôn 5",
            "DienThoai": "0912 345 678",
            "TenBenhVien": "Trạm y tế",
            "MaBenhVien": "42001",
            "HoTenChuHo": "Lê Thị Hoa",
            "ChuHoTinh": "Hà Tĩnh",
            "ChuHoXa": commune.name,
            "DiaChiHoKhau": "Thôn 5",
            "MavungLTT": "03",
        },
        {
            "STT": 2,
            "HoTen": "Hoàng Văn Nam",
            "TenPhuongAn": "TM - Tăng mới",
            "PA": "TM",
            "ChucVu": "Thợ cắt",
            "TienLuong": "7.200.000",
            "TuThang": "07/2025",
            "CMND": 42096001234,
            "NgaySinh": "14/02/1996",
            "GioiTinh": 1,
            "QuocTich": "VN",
            "DanToc": "01",
            "DienThoai": 912000111,
            "MaBenhVien": "42003",
            "MaHoGiaDinh": household.code,
        },
        {
            "STT": 3,
            "HoTen": unicodedata.normalize("NFD", "Trần Thị Bình"),
            "MasoBHXH": raised.si_number,
            "PA": "DC",
            "TenPhuongAn": "DC - Điều chỉnh lương",
            "TienLuong": 7000000,
            "PhuCapLuong": 1200000,
            "PhuCapBosung": "500.000",
            "TuThang": "07/2025",
            "CMND": raised.cccd,
            "NgaySinh": "20/08/1990",
            "GioiTinh": "Nữ",
        },
        {
            "STT": 4,
            "HoTen": "Phạm Văn Dũng",
            "MasoBHXH": leaving.si_number,
            "PA": "GH",
            "TenPhuongAn": "GH - Giảm hẳn",
            "TuThang": "07/2025",
            "Ghichu": "Hết hạn HĐLĐ 30/06/2025",
            "NgaySinh": "30/11/1988",
            "GioiTinh": 1,
        },
    ]
    members = [
        {
            "STT": 1,
            "HoTen": "Lê Thị Hoa",
            "LoaiNgaySinh": 0,
            "NgaySinh": "05/03/1997",
            "GioiTinh": 0,
            "CMND": "042197004321",
            "QuocTich": "VN",
            "DanToc": "Kinh",
            "MoiQuanHe": "Chủ hộ",
        },
        {
            "STT": 1,
            "HoTen": "Đặng Minh Khôi",
            "LoaiNgaySinh": 0,
            "NgaySinh": "01/06/2021",
            "GioiTinh": 1,
            "CMND": "042221009876",
            "QuocTich": "VN",
            "DanToc": "Kinh",
            "TinhKS": "Hà Tĩnh",
            "MoiQuanHe": "Con",
        },
    ]
    return ivan_workbook(rows, members)


def test_the_monthly_file_is_applied_exactly(unit, staff):
    raised, leaving = staff
    commune = factories.commune("43601")
    existing_household = factories.household("43602")
    declaration = submit(
        unit, "D02-LT_07-2025.xlsx", _file(unit, raised, leaving, commune, existing_household), today=TODAY
    )

    assert declaration.status == "accepted", declaration.errors
    assert declaration.form == "ivan" and declaration.changes == {"TM": 2, "DC": 1, "GH": 1}
    hoa = Person.objects.get(cccd="042197004321")
    assert (hoa.full_name, hoa.birth_date, hoa.sex) == ("Lê Thị Hoa", dt.date(1997, 3, 5), "female")
    assert hoa.si_number.startswith("42") and len(hoa.si_number) == 10
    assert (hoa.nationality, hoa.ethnicity, hoa.ethnic_minority) == ("VN", "Kinh", False)
    assert commune.name in hoa.birth_registration_place and hoa.address.startswith("Thôn 5")
    assert (hoa.phone, hoa.hi_facility_code, hoa.commune) == ("0912345678", "42001", commune)
    home = hoa.household
    assert home.commune == commune and home.code.startswith("42") and hoa.household_relation == "Chủ hộ"
    child = Person.objects.get(cccd="042221009876")
    assert child.household == home and child.household_relation == "Con" and child.si_number != hoa.si_number
    nam = Person.objects.get(cccd="042096001234")  # the CCCD came as a number cell without its leading zero
    assert nam.household == existing_household and nam.phone == "0912000111" and nam.hi_facility_code == "42003"
    assert Household.objects.filter(code=home.code).count() == 1

    spell = hoa.spells.get()
    assert (spell.start, spell.wage, spell.allowances, spell.supplements, spell.insured_salary) == (
        dt.date(2025, 7, 1),
        6_500_000,
        1_000_000,
        200_000,
        7_700_000,
    )
    assert list(raised.spells.order_by("start").values_list("end", "end_reason", "insured_salary")) == [
        (dt.date(2025, 6, 30), "DC", 6_000_000),
        (None, "", 8_700_000),
    ]
    assert list(leaving.spells.values_list("end", "end_reason")) == [(dt.date(2025, 6, 30), "GH")]


def test_the_bill_that_follows_is_on_the_full_contribution_base(unit, staff):
    raised, leaving = staff
    declaration = submit(
        unit,
        "D02-LT.xlsx",
        _file(unit, raised, leaving, factories.commune("43601"), factories.household()),
        today=TODAY,
    )
    assert declaration.status == "accepted", declaration.errors
    assess(Period.parse("2025-07"))

    bases = dict(
        AssessmentLine.objects.filter(payer_code=unit.unit_code, period="2025-07").values_list(
            "person__full_name", "salary"
        )
    )
    assert bases == {"Lê Thị Hoa": 7_700_000, "Hoàng Văn Nam": 7_200_000, "Trần Thị Bình": 8_700_000}
    params = params_on(dt.date(2025, 7, 1))
    expected = sum(sum(s.amount for s in rules.compulsory_contribution(params, base, "III")) for base in bases.values())
    billed = sum(
        Receivable.objects.filter(payer_code=unit.unit_code, period="2025-07").values_list("amount", flat=True)
    )
    assert billed == expected
    salary_only = sum(
        sum(s.amount for s in rules.compulsory_contribution(params, base, "III"))
        for base in (6_500_000, 7_200_000, 7_000_000)
    )
    assert billed - salary_only > 800_000  # the allowances and supplements are billed, not dropped
