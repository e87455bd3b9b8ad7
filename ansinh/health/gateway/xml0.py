"""The check-in file (XML0, "trạng thái KCB" of QĐ 4750/QĐ-BYT): CHI_TIEU_TRANG_THAI_KCB → DSACH_TRANG_THAI_KCB →
TRANG_THAI_KCB rows, sent when a patient is admitted, before the claim. Every field is checked and every error is
collected (MA_LK, field, reason, row) so the facility fixes the file in one pass; any error rejects the whole file.
Pure: bytes in, rows or errors out; the converters are those of the claims reader."""

from __future__ import annotations

from dataclasses import dataclass

from ansinh.health.xml130 import fields as f
from ansinh.health.xml130.structure import EnvelopeRejected, parse_xml

ROOT, LIST, ROW = "CHI_TIEU_TRANG_THAI_KCB", "DSACH_TRANG_THAI_KCB", "TRANG_THAI_KCB"
MAX_ROWS = 5000


def _card(value: str) -> str:
    """MA_THE_BHYT may list several cards separated by ';' (a patient changing card mid-stay): the first is read."""
    return f.card(value.split(";")[0])


def _optional_moment(value: str):
    return f.moment(value) if value.strip() else None


# (tag, key, converter, required). MA_DICH_VU, MA_THUOC, MA_VAT_TU … describe what was ordered and are not kept.
FIELDS = [
    ("MA_LK", "ma_lk", f.text, True),
    ("STT", "stt", f.count, False),
    ("MA_BN", "patient_code", f.text, False),
    ("HO_TEN", "full_name", f.text, True),
    ("SO_CCCD", "cccd", f.cccd, False),
    ("NGAY_SINH", "birth_date", f.day, True),
    ("GIOI_TINH", "sex", f.sex, True),
    ("MA_THE_BHYT", "card_code", _card, False),
    ("MA_DKBD", "registered_code", f.text, False),
    ("MA_DOITUONG_KCB", "patient_kind", f.text, False),
    ("NGAY_VAO", "admitted", f.moment, True),
    ("NGAY_VAO_NOI_TRU", "admitted_inpatient", _optional_moment, False),
    ("MA_LOAI_KCB", "visit_type", f.visit_type, True),
    ("MA_CSKCB", "facility_code", f.facility, True),
]
LIMITS = {"ma_lk": 100, "patient_code": 100, "full_name": 100, "registered_code": 5, "patient_kind": 4}


@dataclass
class RowError:
    ma_lk: str
    field: str
    reason: str
    row: int


class CheckInRejected(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s)")


def _row(node, number: int, errors: list[RowError]) -> dict:
    row = {}
    ma_lk = (node.findtext("MA_LK") or "").strip()
    for tag, key, convert, required in FIELDS:
        raw = (node.findtext(tag) or "").strip()
        if not raw:
            if required:
                errors.append(RowError(ma_lk, tag, "missing", number))
            row[key] = None if convert in (_optional_moment, f.day, f.moment, f.sex, f.count) else ""
            continue
        try:
            row[key] = convert(raw)
        except ValueError as exc:
            errors.append(RowError(ma_lk, tag, str(exc), number))
            continue
        if key in LIMITS and len(row[key]) > LIMITS[key]:
            errors.append(RowError(ma_lk, tag, f"longer than {LIMITS[key]} characters", number))
    row["stt"] = row.get("stt") or number
    return row


def read_check_in(data: bytes, facility_code: str) -> list[dict]:
    """The rows of a check-in file sent by `facility_code`, or CheckInRejected with every error."""
    try:
        root = parse_xml(data, ROOT)
    except EnvelopeRejected as exc:
        raise CheckInRejected([RowError("", e.table, e.reason, 0) for e in exc.errors]) from None
    if root.tag != ROOT:
        raise CheckInRejected([RowError("", root.tag, f"the root element must be {ROOT}", 0)])
    nodes = root.findall(f"{LIST}/{ROW}")
    if not nodes or len(nodes) > MAX_ROWS:
        raise CheckInRejected(
            [RowError("", LIST, f"a check-in file holds 1 to {MAX_ROWS} {ROW} rows, this one {len(nodes)}", 0)]
        )
    errors: list[RowError] = []
    rows = [_row(node, number, errors) for number, node in enumerate(nodes, start=1)]
    seen = set()
    for number, row in enumerate(rows, start=1):
        if row.get("facility_code") and row["facility_code"] != facility_code:
            errors.append(
                RowError(
                    row["ma_lk"],
                    "MA_CSKCB",
                    f"the file is sent for {facility_code}, not {row['facility_code']}",
                    number,
                )
            )
        if (row["ma_lk"], row["stt"]) in seen:
            errors.append(RowError(row["ma_lk"], "STT", "this MA_LK and STT appear twice in the file", number))
        seen.add((row["ma_lk"], row["stt"]))
    if errors:
        raise CheckInRejected(errors)
    return rows
