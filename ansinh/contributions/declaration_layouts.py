"""Where the columns are: the layouts employers send, found by their headers wherever they sit.

- The printed D02-LT (Decision 1040/QĐ-BHXH, kept by 490/QĐ-BHXH): a unit header block ("Mã đơn vị: …"),
  three header rows ("Tiền lương" › "Phụ cấp" › "Chức vụ" …) and a row numbering the columns (1)…(27).
  A column's label is the path through the three rows; both printed variants are read (date of birth and
  sex in two columns, or the date under "Nam" or "Nữ").
- The I-VAN import workbook (sheet "Dữ Liệu"): notes in row 1, Vietnamese labels in row 2, field codes
  (HoTen, MasoBHXH, PA, TienLuong, PhuCapLuong, PhuCapBosung, TuThang, DenThang …) in row 3, data from row 4;
  household members on their own sheet. Labels alone or codes alone are read too.
- A TK1-TS sheet (one row per participant) and the household appendix, joined to the declaration rows.
- An Sinh's own simple template (change, cccd, full_name, … in row 1).

Labels are compared without diacritics, case or punctuation, so "Mã số BHXH" and "MasoBHXH" are one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from ansinh.contributions.declaration_files import Sheet
from ansinh.contributions.declaration_values import plain, text_of

HEADER_SCAN = 40
IDENTIFIERS = ("si_number", "cccd", "full_name")
# (key, pattern on the squeezed label). First match wins, so specific patterns come before general ones.
RULES = [
    (
        None,
        r"hdld|hopdong|vitrivieclam|nhaquanly|chuyenmonkythuat|^khac$|tinhnoikcb|matinhkcb|matinhbenhvien|tentinhbenhvien",
    ),
    ("member_of", r"^stt(laodong|nld|d02|dulieu|nguoithamgia|nguoikekhai)$"),
    ("stt", r"^(stt|sothutu|idlaodong|tt)$"),
    ("household_code", r"ma(so)?hogiadinh|mahogd|^householdcode$"),
    ("head_name", r"hotenchuho|^chuho$|^headname$"),
    ("head_cccd", r"chuho.*(cccd|cmnd|giayto)|(cccd|cmnd|sogiayto).*chuho"),
    ("head_phone", r"dienthoai.*chuho|chuho.*dienthoai"),
    ("household_village", r"tothonxom|thonxom"),
    ("household_province", r"(tinh|matinh).*(hokhau|thuongtru)|chuho.*tinh"),
    ("household_commune", r"(xa|maxa).*(hokhau|thuongtru)|chuho.*xa"),
    ("household_address", r"diachi(hokhau|thuongtru)"),
    ("relation", r"quanhe|mqh|^relation$"),
    ("full_name", r"^(ho(va)?ten|hotennguoilaodong|hotennguoithamgia|fullname|name)$"),
    ("si_number", r"^(masobhxh|masobaohiemxahoi|sosobhxh|sinumber|masobhxhdacap|sodinhdanhbhxh)$"),
    ("cccd", r"cccd|cmnd|dinhdanh|hochieu"),
    ("birth_date_male", r"ngaythangnamsinhnam$"),
    ("birth_date_female", r"ngaythangnamsinhnu$"),
    ("year_only", r"chiconamsinh|loaingaysinh"),
    ("birth_date", r"^(ngaysinh|ngaythangnamsinh|birthdate|namsinh)$"),
    ("sex", r"^(gioitinh|sex|gioi)$"),
    ("plan", r"^(pa|mapa|maphuongan|phuongan|change|plan|maphuongandieuchinh)$"),
    ("plan_label", r"tenphuongan|phuongandieuchinh"),
    ("direction", r"^(loai|maloai|maloaipa|loaiphuongan|tenloaikhaibao|loaikhaibao|tenloai)$"),
    ("position_allowance", r"phucap(chucvu|cv)$|^pccv$"),
    ("beyond_frame_pct", r"tnvk|thamnienvk|vuotkhung"),
    ("seniority_pct", r"(phucap)?(tnn|tnnghe|thamniennghe)$"),
    ("allowances", r"phucapluong$|^phucap$|^allowances$"),
    ("supplements", r"bosung|^supplements$"),
    ("coefficient", r"^(heso|hesoluong|coefficient)$"),
    ("wage_or_coefficient", r"hesomucluong|^(tien|muc)luong$|^salary$|^luong$"),
    ("hazardous_from", r"nangnhoc.*batdau|^nndhtungay$"),
    ("hazardous_to", r"nangnhoc.*ketthuc|^nndhdenngay$"),
    ("from_month", r"^tuthang$|batdaudong|^thangnambatdau$"),
    ("to_month", r"^denthang$|ketthucdong|^thangnamketthuc$"),
    ("effective_date", r"^(effectivedate|ngayhieuluc|ngaybiendong)$"),
    ("death", r"cogiamchet|giamchet"),
    ("death_date", r"ngaychet|ngaymat"),
    ("note", r"^(ghichu|note|notes)$"),
    ("job_title", r"capbac|chucdanh|^chucvu$|^jobtitle$"),
    ("workplace", r"^(noilamviec|phongbanlamviec|phongban)$"),
    ("nationality_name", r"tenquoctich"),
    ("nationality", r"^(quoctich|maqt|maquoctich|nationality)$"),
    ("ethnicity_name", r"tendantoc"),
    ("ethnicity", r"^(dantoc|madt|madantoc|ethnicity)$"),
    ("birth_province", r"tinh.*(khaisinh|ks)$|khaisinhtinh|^matinhks$"),
    ("birth_commune", r"xa.*(khaisinh|ks)$|khaisinhxa|^maxaks$"),
    ("birth_address", r"diachi(khaisinh|ks)|noicapgiaykhaisinh|noikhaisinh|^birthplace$|^birthregistrationplace$"),
    ("address_province", r"tinh.*(nhanhs|nhanhoso|nn)$|^matinhnn$"),
    ("address_commune", r"xa.*(nhanhs|nhanhoso|nn)$|^maxann$"),
    ("address", r"^diachi$|diachinhan(hs|hoso)|^diachinn$|^address$|^diachilienhe$"),
    ("phone", r"^(dienthoai|dienthoailienhe|sodienthoai|phone|dienthoailh|sdt)$"),
    ("email", r"^(email|emaillienhe|emaillh)$"),
    ("facility_code", r"^(mabenhvien|mabv|mabenhvienkcb|macskcb|facilitycode|mabenhviendkkcb)$"),
    ("facility_name", r"tenbenhvien|noidangkykcb|noidkkcb|benhvienkcb|^noikcb$"),
]
_COMPILED = [(key, re.compile(pattern)) for key, pattern in RULES]
_UNIT_CODE = re.compile(r"ma\s*don\s*vi\s*(?:bhxh)?\s*[:：]?\s*([a-z0-9]{2,10})")
_HEADING = re.compile(r"^(tong|cong|[ivx]+[.)]|tang|giam|dieu chinh|so lao dong|dai dien|nguoi lap|\d+[.)]\s*\D)")


def squeeze(text) -> str:
    return re.sub(r"[^0-9a-z]", "", plain(text_of(text)))


def key_for(label) -> str | None:
    squeezed = squeeze(label)
    if not squeezed:
        return None
    for key, pattern in _COMPILED:
        if pattern.search(squeezed):
            return key
    return None


@dataclass
class Column:
    index: int
    key: str
    label: str

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass
class Record:
    """One data row: raw values by key, with where they came from."""

    table: Table
    number: int
    values: dict

    def raw(self, key: str):
        return self.values.get(key)

    def text(self, key: str) -> str:
        return text_of(self.values.get(key))

    def where(self, key: str) -> dict:
        column = self.table.columns.get(key)
        return {
            "sheet": self.table.sheet.name,
            "row": self.number,
            "column": column.letter if column else "",
            "field": column.label if column else key,
        }


@dataclass
class Table:
    sheet: Sheet
    form: str  # "d02lt", "ivan", "simple"
    columns: dict[str, Column]
    first_data_row: int
    unit_code: str = ""
    kind: str = field(default="declaration")

    def records(self):
        for number, values in self.sheet.rows():
            if number < self.first_data_row:
                continue
            record = Record(
                self, number, {key: values[col.index] for key, col in self.columns.items() if col.index < len(values)}
            )
            if _is_data_row(record, values):
                yield record


def _is_data_row(record: Record, values: tuple) -> bool:
    """Worker rows have an SI number or CCCD, or at least three filled cells; headings, totals and signatures do not."""
    if record.text("si_number") or record.text("cccd"):
        return True
    filled = [text_of(v) for v in values if text_of(v)]
    if len(filled) < 3:
        return False
    return not _HEADING.match(plain(filled[0] if not filled[0].isdigit() else filled[1]))


def _numbering_row(rows: list[tuple[int, tuple]]) -> int | None:
    """The row that numbers the printed form's columns 1, 2, 3 … (or (1), (2) …)."""
    for position, (_number, values) in enumerate(rows):
        numbers = [text_of(v).strip("() ") for v in values if text_of(v)]
        if len(numbers) >= 10 and numbers == [str(i) for i in range(1, len(numbers) + 1)]:
            return position
    return None


def _carried(row: tuple, width: int, below: list[tuple]) -> list[str]:
    """A header row's text per column, carrying a merged label rightwards over the columns it spans (the
    cells under it have text of their own)."""
    out, last = [], ""
    for i in range(width):
        own = text_of(row[i]) if i < len(row) else ""
        has_below = any(i < len(b) and text_of(b[i]) for b in below)
        last = own or (last if has_below else "")
        out.append(own or (last if has_below else ""))
    return out


def _printed_table(sheet: Sheet, rows: list[tuple[int, tuple]], numbering: int) -> Table:
    header_rows = [values for _n, values in rows[max(0, numbering - 3) : numbering]]
    while header_rows and sum(1 for v in header_rows[0] if text_of(v)) < 2:
        header_rows.pop(0)  # a title row merged across the table is not a header row
    width = len(rows[numbering][1])
    levels = [_carried(row, width, header_rows[i + 1 :]) for i, row in enumerate(header_rows)]
    columns = {}
    for index in range(width):
        parts = [level[index] for level in levels if level[index]]
        label = " › ".join(dict.fromkeys(parts))
        key = key_for("".join(parts)) or (key_for(parts[-1]) if parts else None)
        if key and key not in columns:
            columns[key] = Column(index, key, f"({index + 1}) {label}")
    block = " ".join(text_of(v) for _n, values in rows[:numbering] for v in values if text_of(v))
    return Table(sheet, "d02lt", columns, rows[numbering][0] + 1, _unit_code(block))


def _unit_code(text: str) -> str:
    match = _UNIT_CODE.search(plain(text))
    return match.group(1).upper() if match else ""


def _row_keys(values: tuple) -> dict[str, int]:
    keys = {}
    for index, value in enumerate(values):
        key = key_for(value)
        if key and key not in keys:
            keys[key] = index
    return keys


def _labelled_table(sheet: Sheet, rows: list[tuple[int, tuple]]) -> Table | None:
    scored = [(len(_row_keys(values)), position) for position, (_n, values) in enumerate(rows)]
    best_score, best = max(scored, default=(0, 0))
    if best_score < 3 or not set(_row_keys(rows[best][1])) & set(IDENTIFIERS):
        return None
    header = best
    if best + 1 < len(rows) and scored[best + 1][0] >= 0.6 * best_score:
        header = best + 1  # I-VAN: Vietnamese labels above, field codes below
    labels = rows[header - 1][1] if header > 0 and scored[header - 1][0] >= 0.5 * scored[header][0] else ()
    columns = {}
    for source in (rows[header][1], labels):
        for key, index in _row_keys(source).items():
            if key in columns:
                continue
            code, label = text_of(rows[header][1][index]), text_of(labels[index]) if index < len(labels) else ""
            columns[key] = Column(
                index, key, f"{label} ({code})" if label and code and label != code else (label or code)
            )
    simple = header == 0 and "plan" in columns and squeeze(rows[0][1][columns["plan"].index]) == "change"
    form = "simple" if simple else "ivan"
    block = " ".join(text_of(v) for _n, values in rows[:header] for v in values if text_of(v))
    return Table(sheet, form, columns, rows[header][0] + 1, _unit_code(block))


def find_table(sheet: Sheet) -> Table | None:
    """The sheet's table of workers (or of participants' TK1-TS data, or of household members), or None."""
    rows = list(sheet.rows(limit=HEADER_SCAN))
    if not rows:
        return None
    numbering = _numbering_row(rows)
    table = _printed_table(sheet, rows, numbering) if numbering is not None else _labelled_table(sheet, rows)
    if table is None or not set(table.columns) & set(IDENTIFIERS):
        return None
    table.kind = _kind(table.columns)
    return table


def _kind(columns: dict) -> str:
    if "relation" in columns or "member_of" in columns:
        return "members"
    moves = {"plan", "plan_label", "wage_or_coefficient", "coefficient", "from_month", "to_month", "effective_date"}
    return "declaration" if set(columns) & moves else "tk1"
