"""Declaration files written the way employers' software writes them, for the tests (openpyxl, not our own
writers): an I-VAN provider's import workbook (notes, Vietnamese labels, field codes, data from row 4, the
provider's own column order, lookup sheets, a household appendix) and the printed form D02-LT (unit block,
merged three-row header, numbered columns, section rows, totals and the signature block)."""

from __future__ import annotations

import io

from openpyxl import Workbook

# A provider's column order (after the VNPT layout: declaration columns first, TK1-TS and household after).
IVAN = (
    ("STT", "ID Lao động"),
    ("HoTen", "Họ tên"),
    ("MasoBHXH", "Mã số BHXH"),
    ("TenLoaiKhaiBao", "Loại khai báo"),
    ("Loai", "Mã loại khai báo"),
    ("TenPhuongAn", "Phương án"),
    ("PA", "Mã Phương án"),
    ("ChucVu", "Chức vụ"),
    ("NoiLamViec", "Nơi làm việc"),
    ("TienLuong", "Tiền lương"),
    ("PhuCapCV", "Phụ cấp chức vụ"),
    ("PhuCapTNVK", "Phụ cấp TNVK"),
    ("PhuCapTNN", "Phụ cấp TN nghề"),
    ("PhuCapLuong", "Phụ cấp lương"),
    ("PhuCapBosung", "Các khoản bổ sung"),
    ("TuThang", "Từ tháng"),
    ("DenThang", "Đến tháng"),
    ("Ghichu", "Ghi chú"),
    ("TyleDong", "Tỷ lệ đóng (%)"),
    ("Cogiamchet", "Có giảm chết"),
    ("Ngaychet", "Ngày chết"),
    ("CMND", "CMND/CCCD"),
    ("ChiCoNamSinh", "Chỉ có năm sinh"),
    ("NgaySinh", "Ngày sinh"),
    ("GioiTinh", "Giới tính"),
    ("TenQuocTich", "Tên quốc tịch"),
    ("QuocTich", "Mã quốc tịch"),
    ("DanToc", "Mã dân tộc"),
    ("TenDanToc", "Dân tộc"),
    ("TinhKS", "Tỉnh khai sinh"),
    ("XaKS", "Xã khai sinh"),
    ("DiaChiNN", "Địa chỉ nhận hồ sơ"),
    ("DienThoai", "Điện thoại liên hệ"),
    ("TenBenhVien", "Tên bệnh viện KCB"),
    ("MaBenhVien", "Mã bệnh viện"),
    ("MaHoGiaDinh", "Mã số hộ gia đình"),
    ("HoTenChuHo", "Họ tên chủ hộ"),
    ("ChuHoTinh", "Tỉnh (hộ khẩu)"),
    ("ChuHoXa", "Xã (hộ khẩu)"),
    ("DiaChiHoKhau", "Địa chỉ hộ khẩu"),
    ("MavungLTT", "Mã vùng lương tối thiểu"),
)
MEMBERS = (
    ("STT", "STT trên D02-LT"),
    ("HoTen", "Họ và tên"),
    ("MasoBHXH", "Mã số BHXH"),
    ("LoaiNgaySinh", "Loại ngày sinh"),
    ("NgaySinh", "Ngày sinh"),
    ("GioiTinh", "Giới tính"),
    ("QuocTich", "Quốc tịch"),
    ("DanToc", "Dân tộc"),
    ("CMND", "Số CCCD"),
    ("TinhKS", "Tỉnh khai sinh"),
    ("MoiQuanHe", "Mối quan hệ với chủ hộ"),
)


def _bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ivan_workbook(rows: list[dict], members: list[dict] = ()) -> bytes:
    """rows/members: {field code: value}; columns not given stay empty, as the template leaves them."""
    book = Workbook()
    data = book.active
    data.title = "Dữ Liệu"
    data.append(["Lưu ý: nhập dữ liệu từ dòng 4; không sửa dòng 1-3. Ngày dd/mm/yyyy, tháng mm/yyyy."])
    data.append([label for _code, label in IVAN])
    data.append([code for code, _label in IVAN])
    for row in rows:
        data.append([row.get(code) for code, _label in IVAN])
    appendix = book.create_sheet("Phụ lục")
    appendix.append(["Phụ lục thành viên hộ gia đình"])
    appendix.append([label for _code, label in MEMBERS])
    appendix.append([code for code, _label in MEMBERS])
    for member in members:
        appendix.append([member.get(code) for code, _label in MEMBERS])
    lookups = book.create_sheet("Dân tộc")
    lookups.append(["Mã", "Tên dân tộc"])
    for code, name in (("01", "Kinh"), ("02", "Tày"), ("03", "Thái")):
        lookups.append([code, name])
    hospitals = book.create_sheet("BenhVien")
    hospitals.append(["Mã", "Tên", "Mã tỉnh"])
    for n in range(1, 300):
        hospitals.append([f"42{n:03d}", f"Trạm y tế {n}", "42"])
    return _bytes(book)


PRINTED_TOP = (
    "STT",
    "Họ và tên",
    "Mã số BHXH",
    "Ngày tháng năm sinh",
    None,
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
)
PRINTED_MIDDLE = (
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
)
PRINTED_BOTTOM = (
    (None, None, None, "Nam", "Nữ")
    + (None,) * 7
    + (
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
    )
)
# Cells merged as the form prints them: (first row, first column, last row, last column), 1-based within the header.
PRINTED_MERGES = (
    (1, 1, 3, 1),
    (1, 2, 3, 2),
    (1, 3, 3, 3),
    (1, 4, 2, 5),
    (1, 6, 3, 6),
    (1, 7, 3, 7),
    (1, 8, 1, 11),
    (1, 12, 1, 17),
    (2, 12, 3, 12),
    (2, 13, 2, 17),
    (1, 18, 2, 19),
    (1, 20, 1, 24),
    (2, 20, 3, 20),
    (2, 21, 2, 22),
    (2, 23, 2, 24),
    (1, 25, 3, 25),
    (1, 26, 3, 26),
    (1, 27, 3, 27),
)


def printed_d02lt(unit_code: str, rows: list[list], sections: bool = True) -> bytes:
    """The 1040/490 printed form, birth date under 'Nam' or 'Nữ'. rows: 27 values each (columns (1)…(27))."""
    book = Workbook()
    sheet = book.active
    sheet.title = "D02-LT"
    for text in (
        "TÊN ĐƠN VỊ SỬ DỤNG LAO ĐỘNG: Công ty TNHH May Hồng Lĩnh",
        "Số: 07/2025",
        f"Mã đơn vị: {unit_code};",
        "Mã số thuế: 3001234567",
        "Địa chỉ: Khu công nghiệp Gia Lách, Hà Tĩnh",
        "Điện thoại: 0239 3855 123; Email: nhansu@example.vn",
        None,
        "BÁO CÁO TÌNH HÌNH SỬ DỤNG LAO ĐỘNG VÀ DANH SÁCH THAM GIA BHXH, BHYT, BHTN, BHTNLĐ, BNN",
    ):
        sheet.append([text])
    first = sheet.max_row + 1
    for header in (PRINTED_TOP, PRINTED_MIDDLE, PRINTED_BOTTOM):
        sheet.append(list(header))
    for r1, c1, r2, c2 in PRINTED_MERGES:
        sheet.merge_cells(start_row=first + r1 - 1, start_column=c1, end_row=first + r2 - 1, end_column=c2)
    sheet.append([f"({n})" for n in range(1, 28)])
    if sections:
        sheet.append(["I", "Tăng"])
    for row in rows:
        sheet.append(row)
    if sections:
        sheet.append([None, "Tổng cộng", None, None, None, None, None, None, None, None, None, None])
    sheet.append([None, "Số lao động trên 35 tuổi: 2"])
    sheet.append(
        [
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
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "Hà Tĩnh, ngày 10 tháng 07 năm 2025",
        ]
    )
    sheet.append(
        [
            None,
            "Người lập biểu",
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
            None,
            None,
            None,
            None,
            None,
            "Đại diện đơn vị sử dụng lao động",
        ]
    )
    return _bytes(book)


def printed_row(
    n: int,
    name: str,
    si_number: str,
    born: str,
    sex: str,
    cccd: str,
    title: str,
    scale,
    position=None,
    beyond=None,
    seniority=None,
    allowance=None,
    supplement=None,
    start: str = "",
    end: str = "",
    note: str = "",
) -> list:
    return [
        n,
        name,
        si_number,
        born if sex == "male" else None,
        born if sex == "female" else None,
        cccd,
        title,
        None,
        None,
        None,
        "x",
        scale,
        position,
        beyond,
        seniority,
        allowance,
        supplement,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        start,
        end,
        note,
    ]
