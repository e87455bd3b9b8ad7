"""Cross-field checks of a parsed envelope: keys, dates and amounts that must agree (QĐ 130/4750)."""
from __future__ import annotations

from collections import Counter, defaultdict

from ansinh.health.xml130.read import ClaimError


def _close(a, b, tolerance: int) -> bool:
    return a is not None and b is not None and abs(a - b) <= tolerance


def _visit_errors(c: dict, facility_code: str | None, tolerance: int) -> list[ClaimError]:
    errors, key = [], c["ma_lk"]
    if facility_code and c.get("facility_code") and c["facility_code"] != facility_code:
        errors.append(ClaimError(key, "XML1", "MA_CSKCB", f"{c['facility_code']} differs from the sender {facility_code}"))
    if not c.get("cccd") and not c.get("card_code"):
        errors.append(ClaimError(key, "XML1", "SO_CCCD", "give the CCCD or the card code (MA_THE_BHYT)"))
    if c.get("admitted") and c.get("discharged") and c["discharged"] < c["admitted"]:
        errors.append(ClaimError(key, "XML1", "NGAY_RA", "discharge is before admission"))
    if None not in (c.get("fund_claimed"), c.get("hi_total"), c.get("copay_claimed")) and not _close(
            c["fund_claimed"], c["hi_total"] - c["copay_claimed"], tolerance):
        errors.append(ClaimError(key, "XML1", "T_BHTT", f"T_BHTT {c['fund_claimed']} ≠ T_TONGCHI_BH − T_BNCCT = {c['hi_total'] - c['copay_claimed']}"))
    if None not in (c.get("hospital_total"), c.get("hi_total")) and c["hi_total"] > c["hospital_total"]:
        errors.append(ClaimError(key, "XML1", "T_TONGCHI_BH", "the HI total cannot exceed the hospital total T_TONGCHI_BV"))
    return errors


def _line_errors(line: dict, tolerance: int) -> list[ClaimError]:
    errors, key, table, stt = [], line["ma_lk"], line["table"], line.get("stt")
    if table == "XML3":
        line["code"] = line.get("service_code") or line.get("supply_code") or ""
        if not line["code"]:
            errors.append(ClaimError(key, table, "MA_DICH_VU", "give MA_DICH_VU or MA_VAT_TU", stt))
    if None in (line.get("quantity"), line.get("unit_price"), line.get("amount"), line.get("pay_rate")):
        return errors
    expected = round(line["quantity"] * line["unit_price"] * line["pay_rate"] / 100)
    if not _close(line["amount"], expected, tolerance):
        errors.append(ClaimError(key, table, "THANH_TIEN_BH", f"{line['amount']} ≠ SO_LUONG × DON_GIA × rate = {expected}", stt))
    if None not in (line.get("fund_claimed"), line.get("copay_claimed")) and line["fund_claimed"] + line["copay_claimed"] > line["amount"] + tolerance:
        errors.append(ClaimError(key, table, "T_BHTT", "T_BHTT + T_BNCCT exceed THANH_TIEN_BH", stt))
    return errors


def _sum_errors(c: dict, lines: list[dict], tolerance: int) -> list[ClaimError]:
    errors, key = [], c["ma_lk"]
    amounts = [line["amount"] for line in lines if line.get("amount") is not None]
    drugs = sum(line["amount"] or 0 for line in lines if line["table"] == "XML2")
    if c.get("hi_total") is not None and not _close(sum(amounts), c["hi_total"], tolerance * max(1, len(lines))):
        errors.append(ClaimError(key, "XML1", "T_TONGCHI_BH", f"{c['hi_total']} ≠ sum of the lines' THANH_TIEN_BH = {sum(amounts)}"))
    if c.get("drugs_total") is not None and not _close(drugs, c["drugs_total"], tolerance * max(1, len(lines))):
        errors.append(ClaimError(key, "XML1", "T_THUOC", f"{c['drugs_total']} ≠ sum of the XML2 lines = {drugs}"))
    numbers = Counter((line["table"], line.get("stt")) for line in lines)
    errors += [ClaimError(key, table, "STT", "line number used twice", stt) for (table, stt), n in numbers.items() if n > 1]
    return errors


def check_claims(claims: list[dict], lines: list[dict], facility_code: str | None, tolerance: int, errors: list[ClaimError]) -> None:
    by_claim = defaultdict(list)
    for line in lines:
        errors += _line_errors(line, tolerance)
        by_claim[line["ma_lk"]].append(line)
    keys = Counter(c["ma_lk"] for c in claims)
    errors += [ClaimError(key, "XML1", "MA_LK", "the same MA_LK appears twice in the envelope") for key, n in keys.items() if n > 1]
    for c in claims:
        errors += _visit_errors(c, facility_code, tolerance)
        errors += _sum_errors(c, by_claim.pop(c["ma_lk"], []), tolerance)
    for key, orphans in by_claim.items():
        errors += [ClaimError(key, o["table"], "MA_LK", "line of a record whose XML1 is not in this envelope", o.get("stt")) for o in orphans]
