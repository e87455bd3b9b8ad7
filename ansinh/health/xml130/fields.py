"""Field specifications of the three tables used here and the converters that check one value each.

A converter returns the value in our types (str, int đồng, float, date, datetime) or raises ValueError with
the reason a facility's IT staff can act on."""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$")
CARD = re.compile(r"^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$")
VISIT_TYPES = {f"{n:02d}" for n in range(1, 10)}  # MA_LOAI_KCB 01 outpatient … 03 inpatient … (QĐ 4750 annex)
INPATIENT_TYPES = {"03", "04", "06"}  # treated with a bed (nội trú, nội trú ban ngày, lưu)


def text(value: str) -> str:
    return value.strip()


def money(value: str) -> int:
    """An amount in đồng; the standard allows decimals, rounded here once to the đồng (ROUND_HALF_UP)."""
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if amount < 0:
        raise ValueError("must not be negative")
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def quantity(value: str) -> float:
    try:
        number = float(value.strip())
    except ValueError:
        raise ValueError(f"not a number: {value!r}") from None
    if number <= 0:
        raise ValueError("must be greater than zero")
    return number


def percent(value: str) -> int:
    number = money(value)
    if number > 100:
        raise ValueError("a percentage must be 0–100")
    return number


def count(value: str) -> int:
    if not value.strip().isdigit():
        raise ValueError(f"not a whole number: {value!r}")
    return int(value)


def day(value: str) -> dt.date:
    """yyyymmdd, or yyyymmddHHMM of which the date is kept (NGAY_SINH, NGAY_YL)."""
    value = value.strip()
    if not value.isdigit() or len(value) not in (8, 12):
        raise ValueError(f"expected yyyymmdd or yyyymmddHHMM, got {value!r}")
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ValueError(f"not a real date: {value!r}") from None


def moment(value: str) -> dt.datetime:
    value = value.strip()
    if not value.isdigit() or len(value) != 12:
        raise ValueError(f"expected yyyymmddHHMM, got {value!r}")
    try:
        return dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[8:10]), int(value[10:12]))
    except ValueError:
        raise ValueError(f"not a real date and time: {value!r}") from None


def sex(value: str) -> int:
    if value.strip() not in ("1", "2", "3"):
        raise ValueError("must be 1 (male), 2 (female) or 3 (undetermined)")
    return int(value)


def cccd(value: str) -> str:
    value = value.strip()
    if value and (len(value) != 12 or not value.isdigit()):
        raise ValueError("the CCCD must be 12 digits")
    return value


def card(value: str) -> str:
    value = value.strip().upper()
    if value and not CARD.match(value):
        raise ValueError("the card code must be 2 letters, a benefit digit 1–5, 2 province digits and 10 digits")
    return value


def icd10(value: str) -> str:
    value = value.strip().upper()
    if not ICD10.match(value):
        raise ValueError(f"not an ICD-10 code: {value!r}")
    return value


def visit_type(value: str) -> str:
    value = value.strip()
    if value not in VISIT_TYPES:
        raise ValueError("MA_LOAI_KCB must be a two-digit code 01–09")
    return value


def facility(value: str) -> str:
    value = value.strip()
    if len(value) != 5 or not value.isalnum():
        raise ValueError("a facility code has 5 characters")
    return value


def month(value: str) -> int:
    number = count(value)
    if not 1 <= number <= 12:
        raise ValueError("a month is 1–12")
    return number


# (XML tag, our key, converter, required). Tables hold only the fields An Sinh reads; others are ignored.
XML1 = [
    ("MA_LK", "ma_lk", text, True), ("HO_TEN", "full_name", text, True), ("SO_CCCD", "cccd", cccd, False),
    ("NGAY_SINH", "birth_date", day, True), ("GIOI_TINH", "sex", sex, True), ("MA_THE_BHYT", "card_code", card, False),
    ("MA_DKBD", "registered_code", text, False), ("MA_BENH_CHINH", "diagnosis", icd10, True),
    ("MA_DOITUONG_KCB", "patient_kind", text, True), ("NGAY_VAO", "admitted", moment, True), ("NGAY_RA", "discharged", moment, True),
    ("SO_NGAY_DTRI", "days", count, True), ("T_THUOC", "drugs_total", money, True), ("T_VTYT", "supplies_total", money, True),
    ("T_TONGCHI_BV", "hospital_total", money, True), ("T_TONGCHI_BH", "hi_total", money, True), ("T_BNTT", "patient_paid", money, True),
    ("T_BNCCT", "copay_claimed", money, True), ("T_BHTT", "fund_claimed", money, True), ("MA_LOAI_KCB", "visit_type", visit_type, True),
    ("MA_CSKCB", "facility_code", facility, True), ("NAM_QT", "settle_year", count, True), ("THANG_QT", "settle_month", month, True),
]
XML2 = [
    ("MA_LK", "ma_lk", text, True), ("STT", "stt", count, True), ("MA_THUOC", "code", text, True), ("TEN_THUOC", "name", text, True),
    ("DON_VI_TINH", "unit", text, False), ("SO_LUONG", "quantity", quantity, True), ("DON_GIA", "unit_price", money, True),
    ("THANH_TIEN_BH", "amount", money, True), ("TYLE_TT_BH", "pay_rate", percent, True), ("MUC_HUONG", "level_pct", percent, True),
    ("T_BNCCT", "copay_claimed", money, True), ("T_BHTT", "fund_claimed", money, True), ("NGAY_YL", "ordered_on", day, True),
]
XML3 = [
    ("MA_LK", "ma_lk", text, True), ("STT", "stt", count, True), ("MA_DICH_VU", "service_code", text, False),
    ("MA_VAT_TU", "supply_code", text, False), ("TEN_DICH_VU", "name", text, True), ("DON_VI_TINH", "unit", text, False),
    ("SO_LUONG", "quantity", quantity, True), ("DON_GIA_BH", "unit_price", money, True), ("THANH_TIEN_BH", "amount", money, True),
    ("TYLE_TT_DV", "pay_rate", percent, True), ("MUC_HUONG", "level_pct", percent, True), ("T_BNCCT", "copay_claimed", money, True),
    ("T_BHTT", "fund_claimed", money, True), ("NGAY_TH_YL", "ordered_on", day, True),
]
# The element that holds one row of each table.
ROW_TAG = {"XML1": "TONG_HOP", "XML2": "CHI_TIET_THUOC", "XML3": "CHI_TIET_DVKT"}
SPECS = {"XML1": XML1, "XML2": XML2, "XML3": XML3}
