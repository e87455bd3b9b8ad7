"""A generator of realistic claims for the demo, the tests and the benchmark: outpatient visits and inpatient
stays priced from the catalogue and paid by the law (claim_rules), with a share of planted errors of each kind
the assessment must catch. Output: visit and line dicts with the keys of xml130.fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ansinh.health import claim_rules

ERROR_KINDS = ("price", "unlisted", "quantity", "copay", "duplicate", "overlap", "uncovered", "route")
DIAGNOSES_OUT = ["J06", "I10", "E11", "K29", "M54", "J20", "A09", "K21", "E78", "N39"]
DIAGNOSES_IN = ["J18", "I63", "K35", "O80", "S72", "I21", "A91", "J44", "N18", "K80"]


@dataclass
class Patient:
    cccd: str
    full_name: str
    birth_date: dt.date
    sex: str
    card_code: str
    benefit_pct: int
    registered_code: str


def _pick(rng, items):
    return items[int(rng.integers(len(items)))]


def _group(item: dict) -> str:
    """MA_NHOM of a catalogue item (QĐ 5937 Phụ lục 3): drugs 4, supplies 10, bed-days 15, examinations 13, tests 1."""
    if item["kind"] == "drug":
        return "4"
    if item["kind"] == "supply":
        return "10"
    return "15" if item.get("per_day") else "13" if item["name"].startswith("Khám") else "1"


def _line(table, ma_lk, stt, item, qty, price, at, level, route):
    amount = round(qty * price)
    fund = claim_rules.fund_part(amount, level, route)
    line = {
        "table": table,
        "ma_lk": ma_lk,
        "stt": stt,
        "name": item["name"],
        "unit": item["unit"],
        "quantity": float(qty),
        "unit_price": price,
        "amount": amount,
        "level_pct": level * route // 100,
        "copay_claimed": amount - fund,
        "fund_claimed": fund,
        "ordered_at": at,
        "cost_group": _group(item),
    }
    line["code" if table == "XML2" else ("supply_code" if item["kind"] == "supply" else "service_code")] = item["code"]
    return line


def _details(rng, ma_lk: str, lines: list[dict], admitted: dt.datetime, days: int, inpatient: bool) -> list[dict]:
    """Results of the tests (XML4) and, for a stay, the clinical course of each day (XML5), as hospitals send them."""
    rows, n = [], 0
    for line in lines:
        if line.get("cost_group") != "1":
            continue
        for _k in range(int(rng.integers(1, 4))):
            n += 1
            rows.append(
                {
                    "table": "XML4",
                    "ma_lk": ma_lk,
                    "stt": n,
                    "MA_DICH_VU": line["service_code"],
                    "MA_CHI_SO": line["service_code"],
                    "TEN_CHI_SO": f"Chỉ số {n}",
                    "GIA_TRI": f"{rng.uniform(1, 10):.2f}",
                    "NGAY_KQ": line["ordered_at"] + dt.timedelta(hours=1),
                    "MA_BS_DOC_KQ": "005678/HT-CCHN",
                }
            )
    for day in range(days if inpatient else 0):
        rows.append(
            {
                "table": "XML5",
                "ma_lk": ma_lk,
                "stt": day + 1,
                "DIEN_BIEN_LS": "Tỉnh, tiếp xúc tốt. Mạch, huyết áp ổn định.",
                "THOI_DIEM_DBLS": admitted + dt.timedelta(days=day, hours=1),
                "NGUOI_THUC_HIEN": "001234/HT-CCHN",
            }
        )
    return rows


def _items(rng, catalogue: dict, inpatient: bool, days: int) -> list[tuple[dict, float]]:
    """(item, quantity) of one visit: an exam, tests, drugs; a stay adds bed-days, fluids and supplies."""
    chosen = [(_pick(rng, catalogue["exam"]), 1.0)]
    chosen += [(t, 1.0) for t in rng.choice(catalogue["test"], int(rng.integers(0, 4)), replace=False)]
    for drug in rng.choice(catalogue["drug"], int(rng.integers(1, 4)), replace=False):
        chosen.append((drug, float(min(drug["max_quantity"], int(rng.integers(5, 31))))))
    if inpatient:
        chosen.append((_pick(rng, catalogue["bed"]), float(days)))
        chosen += [
            (s, float(min(s["max_quantity"], int(rng.integers(1, 5)))))
            for s in rng.choice(catalogue["supply"], 2, replace=False)
        ]
    return chosen


def visit(
    rng,
    patient: Patient,
    facility: dict,
    catalogue: dict,
    admitted: dt.datetime,
    ma_lk: str,
    pay: claim_rules.PayRules,
    inpatient: bool,
) -> tuple[dict, list[dict]]:
    days = int(rng.integers(2, 9)) if inpatient else 1
    discharged = admitted + (
        dt.timedelta(days=days - 1, hours=int(rng.integers(1, 8))) if inpatient else dt.timedelta(hours=2)
    )
    kind = "2" if rng.random() < 0.08 else "1.1"
    registered = patient.registered_code == facility["code"]
    visit_type = "03" if inpatient else "01"
    items = _items(rng, catalogue, inpatient, days)
    cost = sum(round(q * i["reference_price"]) for i, q in items)
    paid = claim_rules.pay_visit(
        cost, patient.benefit_pct, kind, registered, visit_type, facility["level"], facility["former_district"], pay
    )
    lines = [
        _line(
            "XML2" if i["kind"] == "drug" else "XML3",
            ma_lk,
            n,
            i,
            q,
            i["reference_price"],
            admitted,
            paid["level_pct"],
            paid["route_pct"],
        )
        for n, (i, q) in enumerate(items, start=1)
    ]
    claim = _claim(patient, facility, ma_lk, kind, visit_type, admitted, discharged, days, inpatient, lines)
    return claim, lines + _details(rng, ma_lk, lines, admitted, days, inpatient)


def _claim(patient, facility, ma_lk, kind, visit_type, admitted, discharged, days, inpatient, lines) -> dict:
    rng = np.random.default_rng(abs(hash(ma_lk)) % (2**32))
    return totals(
        {
            "ma_lk": ma_lk,
            "patient_code": f"BN{patient.cccd[-8:]}",
            "full_name": patient.full_name,
            "cccd": patient.cccd,
            "birth_date": patient.birth_date,
            "_sex": 2 if patient.sex == "female" else 1,
            "cards": [patient.card_code] if patient.card_code else [],
            "registered_codes": [patient.registered_code] if patient.card_code else [],
            "card_from": [dt.date(admitted.year, 1, 1)] if patient.card_code else [],
            "card_to": [dt.date(admitted.year, 12, 31)] if patient.card_code else [],
            "diagnosis": _pick(rng, DIAGNOSES_IN if inpatient else DIAGNOSES_OUT),
            "patient_kind": kind,
            "admitted": admitted,
            "discharged": discharged,
            "days": days if inpatient else 0,
            "visit_type": visit_type,
            "inpatient_from": admitted if inpatient else None,
            "facility_code": facility["code"],
            "settle_year": discharged.year,
            "settle_month": discharged.month,
        },
        lines,
    )


def totals(claim: dict, lines: list[dict]) -> dict:
    """Fill the XML1 totals from the lines, as a facility's software does (QĐ 130 Bảng 1 mục 44–51)."""
    lines = [line for line in lines if line["table"] in ("XML2", "XML3")]
    hospital = sum(line.get("hospital_amount", line["amount"]) for line in lines)
    hi_total = sum(line["amount"] for line in lines)
    fund = sum(line["fund_claimed"] for line in lines)
    claim.update(
        drugs_total=sum(line.get("hospital_amount", line["amount"]) for line in lines if line["table"] == "XML2"),
        supplies_total=sum(line.get("hospital_amount", line["amount"]) for line in lines if line.get("supply_code")),
        hospital_total=hospital,
        hi_total=hi_total,
        patient_paid=hospital - hi_total,
        copay_claimed=hi_total - fund,
        fund_claimed=fund,
        other_sources=0,
    )
    return claim


def split_catalogue(items: list[dict]) -> dict:
    groups = {"exam": [], "test": [], "drug": [], "bed": [], "supply": []}
    for item in items:
        if item["kind"] == "drug":
            groups["drug"].append(item)
        elif item["kind"] == "supply":
            groups["supply"].append(item)
        elif item["per_day"]:
            groups["bed"].append(item)
        elif item["name"].startswith("Khám"):
            groups["exam"].append(item)
        elif item["reference_price"] < 300_000:
            groups["test"].append(item)
    return groups


def _reprice(line: dict, qty: float | None = None, price: int | None = None) -> None:
    line["quantity"] = qty if qty is not None else line["quantity"]
    line["unit_price"] = price if price is not None else line["unit_price"]
    share = line["level_pct"] / 100
    line["amount"] = round(line["quantity"] * line["unit_price"])
    line["fund_claimed"] = round(line["amount"] * share)
    line["copay_claimed"] = line["amount"] - line["fund_claimed"]


def plant(rng, kind: str, claim: dict, lines: list[dict], catalogue: dict) -> None:
    """Turn a correct claim into one with the error `kind` (in place)."""
    if kind == "price":
        line = _pick(rng, [line for line in lines if line["table"] in ("XML2", "XML3")])
        _reprice(line, price=int(line["unit_price"] * 1.3) + 1)
    elif kind == "unlisted":
        stt = 1 + max([line["stt"] for line in lines if line["table"] == "XML2"], default=0)
        lines.append(
            _line(
                "XML2",
                claim["ma_lk"],
                stt,
                {
                    "code": f"40.9{int(rng.integers(100, 999))}",
                    "name": "Thuốc ngoài danh mục",
                    "unit": "viên",
                    "kind": "drug",
                },
                10.0,
                5000,
                claim["admitted"],
                80,
                100,
            )
        )
    elif kind == "quantity":
        drug = next(line for line in lines if line["table"] == "XML2")
        limit = next(i["max_quantity"] for i in catalogue["drug"] if i["code"] == drug["code"])
        _reprice(drug, qty=float(limit * 3))
    elif kind in ("copay", "route"):
        for line in lines:
            if line["table"] in ("XML2", "XML3"):
                line["fund_claimed"], line["copay_claimed"], line["level_pct"] = line["amount"], 0, 100
    totals(claim, lines)


def generate(
    rng,
    patients: list[Patient],
    uncovered: list[Patient],
    facilities: list[dict],
    items: list[dict],
    start: dt.date,
    days: int,
    count: int,
    pay: claim_rules.PayRules,
    error_share: float = 0.12,
    prefix: str = "LK",
) -> tuple[list, list, dict]:
    """`count` claims over `days` days from `start`; returns (claims, lines, planted {ma_lk: kind})."""
    catalogue = split_catalogue(items)
    by_code = {f["code"]: f for f in facilities}
    claims, lines, planted = [], [], {}
    for n in range(count):
        kind = _pick(rng, ERROR_KINDS) if rng.random() < error_share and claims else None
        patient = _pick(rng, uncovered) if kind == "uncovered" and uncovered else _pick(rng, patients)
        inpatient = kind in ("overlap", "copay") or rng.random() < 0.15
        facility = _facility_for(rng, kind, patient, by_code, facilities, inpatient)
        admitted = dt.datetime.combine(
            start + dt.timedelta(days=int(rng.integers(days))), dt.time(int(rng.integers(7, 17)), int(rng.integers(60)))
        )
        admitted = max(
            admitted, dt.datetime.combine(patient.birth_date, dt.time(23, 0))
        )  # a newborn's visit is after its birth
        ma_lk = f"{prefix}{n:07d}"
        if kind in ("duplicate", "overlap"):
            claim, claim_lines = _twin(rng, kind, claims, lines, ma_lk, by_code, catalogue, pay)
        else:
            claim, claim_lines = visit(rng, patient, facility, catalogue, admitted, ma_lk, pay, inpatient)
            if kind:
                plant(rng, kind, claim, claim_lines, catalogue)
        claims.append(claim)
        lines += claim_lines
        if kind:
            planted[ma_lk] = kind
    return claims, lines, planted


def _facility_for(rng, kind, patient: Patient, by_code: dict, facilities: list[dict], inpatient: bool) -> dict:
    """Patients mostly go to their registered facility; stays are at hospitals and medical centres."""
    if inpatient and kind != "route":
        hospitals = [f for f in facilities if f["level"] != "primary"]
        return _pick(rng, hospitals) if hospitals else _pick(rng, facilities)
    if kind == "route":
        return next(f for f in facilities if f["level"] == "specialized" and f["code"] != patient.registered_code)
    if kind == "copay":
        return next(f for f in facilities if f["level"] != "primary")
    home = by_code.get(patient.registered_code)
    return home if home is not None and rng.random() < 0.7 else _pick(rng, facilities)


def _twin(rng, kind, claims, lines, ma_lk, by_code, catalogue, pay):
    """A second claim for the visit of an earlier one: the same visit again (duplicate), or a stay elsewhere
    that overlaps it (overlap)."""
    stays = [c for c in claims if c["visit_type"] == "03"] if kind == "overlap" else []
    original = _pick(rng, stays or claims)
    if kind == "duplicate":
        twin = dict(original, ma_lk=ma_lk)
        twin_lines = [dict(line, ma_lk=ma_lk) for line in lines if line["ma_lk"] == original["ma_lk"]]
        return twin, twin_lines
    patient = Patient(
        original["cccd"],
        original["full_name"],
        original["birth_date"],
        "female" if original["_sex"] == 2 else "male",
        (original["cards"] or [""])[-1],
        80,
        (original["registered_codes"] or [""])[-1],
    )
    other = next(
        (f for code, f in by_code.items() if code != original["facility_code"] and f["level"] != "primary"),
        by_code[original["facility_code"]],
    )
    return visit(rng, patient, other, catalogue, original["admitted"] + dt.timedelta(hours=3), ma_lk, pay, True)
