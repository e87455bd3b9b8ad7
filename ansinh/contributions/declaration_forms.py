"""Writing the forms employers use: the printed D02-LT (blank, or the unit's workers now), the I-VAN style
import workbook, and An Sinh's simple template. The readers (declaration_layouts) accept every file
written here, so a file downloaded, filled and sent back is read exactly.

Every text cell goes through core.text.spreadsheet_safe, so no name or note can run as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from ansinh.core.text import SpreadsheetSafeWriter, spreadsheet_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An Sinh's simple template: Vietnamese headers, read by the same label rules as the I-VAN and D02-LT layouts.
SIMPLE_COLUMNS = (
    "Phương án",
    "Mã số BHXH",
    "Số CCCD",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Ngày hiệu lực",
    "Tiền lương",
    "Phụ cấp lương",
    "Bổ sung",
    "Chức danh",
    "Số điện thoại",
    "Địa chỉ",
    "Mã bệnh viện KCB",
)
SIMPLE_EXAMPLE = (
    "TM",
    "",
    "042095000123",
    "Nguyễn Văn An",
    "12/04/1995",
    "Nam",
    "01/07/2025",
    "8500000",
    "1200000",
    "300000",
    "Công nhân",
    "0912345678",
    "Thôn 3, xã Thạch Hạ",
    "42001",
)
# I-VAN style: (field code in row 3, Vietnamese label in row 2). Readers match either, in any order.
IVAN_COLUMNS = (
    ("STT", "STT"),
    ("HoTen", "Họ và tên"),
    ("MasoBHXH", "Mã số BHXH"),
    ("CMND", "Số CCCD"),
    ("NgaySinh", "Ngày sinh"),
    ("GioiTinh", "Giới tính"),
    ("PA", "Mã phương án"),
    ("TenPhuongAn", "Phương án"),
    ("ChucVu", "Cấp bậc, chức vụ, chức danh nghề"),
    ("TienLuong", "Tiền lương / Hệ số lương"),
    ("PhuCapCV", "Phụ cấp chức vụ"),
    ("PhuCapTNVK", "Phụ cấp thâm niên vượt khung (%)"),
    ("PhuCapTNN", "Phụ cấp thâm niên nghề (%)"),
    ("PhuCapLuong", "Phụ cấp lương"),
    ("PhuCapBosung", "Các khoản bổ sung"),
    ("TuThang", "Từ tháng"),
    ("DenThang", "Đến tháng"),
    ("Ghichu", "Ghi chú"),
    ("CoGiamChet", "Có giảm chết"),
    ("NgayChet", "Ngày chết"),
    ("QuocTich", "Quốc tịch"),
    ("DanToc", "Dân tộc"),
    ("TinhKS", "Tỉnh khai sinh"),
    ("XaKS", "Xã khai sinh"),
    ("DiaChi", "Địa chỉ nhận kết quả"),
    ("DienThoai", "Điện thoại liên hệ"),
    ("Email", "Email"),
    ("MaBenhVien", "Mã bệnh viện KCB"),
    ("TenBenhVien", "Nơi đăng ký KCB ban đầu"),
    ("MaHoGiaDinh", "Mã số hộ gia đình"),
    ("HoTenChuHo", "Họ tên chủ hộ"),
    ("CCCDChuHo", "Số CCCD chủ hộ"),
    ("TinhHoKhau", "Tỉnh (thường trú)"),
    ("XaHoKhau", "Xã (thường trú)"),
    ("DiaChiHoKhau", "Địa chỉ thường trú"),
)
IVAN_MEMBER_COLUMNS = (
    ("SttLaoDong", "STT lao động (sheet Dữ Liệu)"),
    ("HoTen", "Họ và tên"),
    ("MasoBHXH", "Mã số BHXH"),
    ("CMND", "Số CCCD"),
    ("NgaySinh", "Ngày sinh"),
    ("GioiTinh", "Giới tính"),
    ("QuocTich", "Quốc tịch"),
    ("DanToc", "Dân tộc"),
    ("QuanHe", "Mối quan hệ với chủ hộ"),
    ("TinhKS", "Tỉnh khai sinh"),
)
# The printed D02-LT: three header rows; None marks a cell covered by the label to its left or above.
D02_HEADER = (
    (
        "STT",
        "Họ và tên",
        "Mã số BHXH",
        "Ngày tháng năm sinh",
        "Giới tính",
        "Số CCCD/ CMND/ Hộ chiếu",
        "Cấp bậc, chức vụ, chức danh nghề, nơi làm việc",
        "Vị trí việc làm",
        None,
        None,
        None,
        "Tiền lương",
        None,
        None,
        None,
        None,
        None,
        "Ngành/nghề nặng nhọc, độc hại",
        None,
        "Loại và hiệu lực hợp đồng lao động",
        None,
        None,
        None,
        None,
        "Thời điểm đơn vị bắt đầu đóng BHXH",
        "Thời điểm đơn vị kết thúc đóng BHXH",
        "Ghi chú",
    ),
    (
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "Nhà quản lý",
        "Chuyên môn kỹ thuật bậc cao",
        "Chuyên môn kỹ thuật bậc trung",
        "Khác",
        "Hệ số/ Mức lương",
        "Phụ cấp",
        None,
        None,
        None,
        None,
        "Ngày bắt đầu",
        "Ngày kết thúc",
        "Ngày bắt đầu HĐLĐ không xác định thời hạn",
        "Hiệu lực HĐLĐ xác định thời hạn",
        None,
        "Hiệu lực HĐLĐ khác (dưới 1 tháng, thử việc)",
        None,
        None,
        None,
        None,
    ),
    (
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "Chức vụ",
        "Thâm niên VK (%)",
        "Thâm niên nghề (%)",
        "Phụ cấp lương",
        "Các khoản bổ sung",
        None,
        None,
        None,
        "Ngày bắt đầu",
        "Ngày kết thúc",
        "Ngày bắt đầu",
        "Ngày kết thúc",
        None,
        None,
        None,
    ),
)


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def simple_template(fmt: str) -> tuple[bytes, str]:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = SpreadsheetSafeWriter(buffer)
        writer.writerows([SIMPLE_COLUMNS, SIMPLE_EXAMPLE])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "khai-bao"
    sheet.append(list(SIMPLE_COLUMNS))
    sheet.append(list(SIMPLE_EXAMPLE))
    return _save(book), XLSX


def ivan_template() -> tuple[bytes, str]:
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    data.title = "Dữ Liệu"
    data.append(
        [
            _(
                "Fill one row per worker and change from row 4. PA: TM new, DC salary change, GH leaves, "
                "KL/OF/TS leave, "
                "ON back at work … Months mm/yyyy, dates dd/mm/yyyy, GioiTinh 1 = Nam, 0 = Nữ; a coefficient as 2,34."
            )
        ]
    )
    data.append([label for _code, label in IVAN_COLUMNS])
    data.append([code for code, _label in IVAN_COLUMNS])
    members = book.create_sheet("Phụ lục")
    members.append(
        [
            _(
                "Household members of the workers declared with TK1-TS data: SttLaoDong is the worker's STT on "
                "sheet 'Dữ Liệu'."
            )
        ]
    )
    members.append([label for _code, label in IVAN_MEMBER_COLUMNS])
    members.append([code for code, _label in IVAN_MEMBER_COLUMNS])
    return _save(book), XLSX


def _month(day: dt.date | None) -> str:
    return day.strftime("%m/%Y") if day else ""


def _number(value) -> object:
    if isinstance(value, Decimal):
        return float(value) if value else None
    return value or None


def d02_rows(spells: list) -> list[list]:
    """Columns (1)…(27) for each open spell: who, pay parts, hazardous work, start month."""
    rows = []
    for n, spell in enumerate(spells, start=1):
        person = spell.person
        scale = spell.pay_coefficient if spell.pay_coefficient is not None else (spell.wage or spell.insured_salary)
        position = spell.position_coefficient or spell.position_allowance
        rows.append(
            [
                n,
                spreadsheet_safe(person.full_name),
                person.si_number,
                person.birth_date.strftime("%d/%m/%Y"),
                "Nam" if person.sex == "male" else "Nữ",
                person.cccd or "",
                spreadsheet_safe(spell.job_title),
                None,
                None,
                None,
                None,
                _number(scale),
                _number(position),
                _number(spell.beyond_frame_pct),
                _number(spell.seniority_pct),
                _number(spell.allowances),
                _number(spell.supplements),
                spell.start.strftime("%d/%m/%Y") if spell.hazardous else "",
                "",
                "",
                "",
                "",
                "",
                "",
                _month(spell.start),
                "",
                "",
            ]
        )
    return rows


def d02lt_workbook(employer, rows: list[list], title_day: dt.date) -> bytes:
    """The printed D02-LT: unit block, title, three header rows, the numbering row (1)…(27), then the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "D02-LT"
    block = [
        f"Tên đơn vị: {employer.name}",
        f"Mã đơn vị: {employer.unit_code}",
        f"Mã số thuế: {employer.tax_code}",
        f"Địa chỉ: {employer.address}",
        "",
        "DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN, BHTNLĐ, BNN",
        f"(Mẫu D02-LT, lập ngày {title_day:%d/%m/%Y})",
    ]
    for text in block:
        sheet.append([spreadsheet_safe(text)])
    sheet["A6"].font = Font(bold=True)
    for header in D02_HEADER:
        sheet.append(list(header))
    sheet.append(list(range(1, 28)))
    for cells in sheet.iter_rows(min_row=8, max_row=11):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    return _save(book)
