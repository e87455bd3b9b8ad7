"""Hand-built covered people, claims and envelopes for the claims tests."""

from __future__ import annotations

import datetime as dt

from ansinh.health import claim_rules, intake
from ansinh.health.models import CatalogueItem, Coverage, Facility
from ansinh.health.xml130 import envelope
from ansinh.policy.services import params_on
from ansinh.testing import factories

ON = dt.date(2025, 6, 2)


def covered(
    benefit_pct: int = 80,
    registered: str = "42010",
    group: str = "DN",
    valid_to: dt.date = dt.date(2025, 12, 31),
    five_years_from: dt.date | None = None,
    **person,
) -> Coverage:
    someone = factories.person(**person)
    digit = {100: 2, 95: 3, 80: 4}[benefit_pct]
    return Coverage.objects.create(
        person=someone,
        group=group,
        benefit_digit=digit,
        benefit_pct=benefit_pct,
        valid_from=dt.date(2025, 1, 1),
        valid_to=valid_to,
        facility=Facility.objects.get(code=registered),
        five_years_from=five_years_from,
        card_code=f"{group}{digit}42{someone.si_number}",
        status="active",
        source="employee",
    )


def line(code: str, qty: float = 1, price: float | None = None, stt: int = 1) -> dict:
    item = CatalogueItem.objects.filter(code=code).values().first() or {
        "code": code,
        "name": "Ngoài danh mục",
        "unit": "viên",
        "kind": "drug",
        "reference_price": 1000,
        "per_day": False,
    }
    price = item["reference_price"] if price is None else price
    table = "XML2" if item["kind"] == "drug" else "XML3"
    group = (
        "4"
        if table == "XML2"
        else "10"
        if item["kind"] == "supply"
        else "15"
        if item["per_day"]
        else "13"
        if item["name"].startswith("Khám")
        else "1"
    )
    row = {
        "table": table,
        "stt": stt,
        "name": item["name"],
        "unit": item["unit"],
        "quantity": float(qty),
        "unit_price": price,
        "amount": round(qty * price),
        "cost_group": group,
        "ordered_at": dt.datetime.combine(ON, dt.time(8, 30)),
    }
    row["code" if table == "XML2" else ("supply_code" if item["kind"] == "supply" else "service_code")] = code
    return row


def claim(
    cover: Coverage,
    ma_lk: str = "LK1",
    facility: str = "42010",
    items=None,
    kind: str = "1.1",
    visit_type: str = "01",
    admitted: dt.datetime = dt.datetime(2025, 6, 2, 8, 0),
    days: int = 1,
    fund_claimed: int | None = None,
) -> tuple[dict, list[dict]]:
    """A consistent claim: the fund's part computed by the law unless `fund_claimed` says otherwise."""
    items = items or [line("02.1897"), line("40.0004", 30, stt=2)]
    fac = Facility.objects.get(code=facility)
    pay = claim_rules.PayRules.from_params(params_on(admitted.date()))
    cost = sum(i["amount"] for i in items)
    paid = claim_rules.pay_visit(
        cost, cover.benefit_pct, kind, cover.facility.code == facility, visit_type, fac.level, fac.former_district, pay
    )
    fund = paid["fund"] if fund_claimed is None else fund_claimed
    for i in items:
        i["ma_lk"] = ma_lk
        i["ordered_at"] = admitted + dt.timedelta(minutes=30)
        i["fund_claimed"] = round(i["amount"] * fund / cost) if cost else 0
        i["copay_claimed"] = i["amount"] - i["fund_claimed"]
    person = cover.person
    visit = {
        "ma_lk": ma_lk,
        "patient_code": f"BN{person.pk}",
        "full_name": person.full_name,
        "cccd": person.cccd,
        "birth_date": person.birth_date,
        "_sex": 2 if person.sex == "female" else 1,
        "cards": [cover.card_code],
        "registered_codes": [cover.facility.code],
        "card_from": [cover.valid_from],
        "card_to": [cover.valid_to],
        "diagnosis": "I10",
        "patient_kind": kind,
        "admitted": admitted,
        "discharged": admitted + dt.timedelta(days=days - 1, hours=2),
        "days": days,
        "visit_type": visit_type,
        "facility_code": facility,
        "settle_year": admitted.year,
        "settle_month": admitted.month,
        "drugs_total": sum(i["amount"] for i in items if i["table"] == "XML2"),
        "supplies_total": sum(i["amount"] for i in items if i.get("supply_code")),
        "hospital_total": cost,
        "hi_total": cost,
        "patient_paid": 0,
        "copay_claimed": cost - fund,
        "fund_claimed": fund,
        "other_sources": 0,
    }
    return visit, items


def send(claims: list[tuple[dict, list[dict]]], facility: str = "42010", sender=None):
    data = envelope(facility, ON, [c for c, _ in claims], [line for _, lines in claims for line in lines])
    return intake.receive(data, sender)
