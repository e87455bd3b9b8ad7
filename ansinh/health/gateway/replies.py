"""The gateway's reply shapes, built from the eligibility service's answer. Messages are Vietnamese whatever the
caller's language: hospital software shows them to the receptionist as they come."""

from __future__ import annotations

import datetime as dt
import functools

from django.utils import translation

from ansinh.health.eligibility import Outcome
from ansinh.health.gateway.wire import day_month_year, minute
from ansinh.health.messages import message_for

SEX = {"male": "Nam", "female": "Nữ"}


@functools.lru_cache(maxsize=256)
def vietnamese(code: str, note: str = "") -> str:
    """The message of a result code in Vietnamese; kept per process (a card check lists up to ten earlier checks, and
    the catalogues do not change while the server runs)."""
    with translation.override("vi"):
        return message_for(code, note)


def _visits(visits: list[dict] | None, start: dt.date | None = None, end: dt.date | None = None) -> list[dict] | None:
    if visits is None:
        return None
    shown = [
        v
        for v in visits
        if (start is None or v["admitted"].date() >= start) and (end is None or v["admitted"].date() <= end)
    ]
    return [
        {
            "maHoSo": v["record"],
            "maCSKCB": v["facility_code"],
            "tenCSKCB": v["facility_name"],
            "ngayVao": minute(v["admitted"]),
            "ngayRa": minute(v["discharged"]) or "",
            "tenBenh": v["diagnosis"],
            "tinhTrang": "",
            "kqDieuTri": "",
            "lyDoVV": v["patient_kind"],
        }
        for v in shown
    ]


def _checks(checks: list[dict] | None) -> list[dict] | None:
    if checks is None:
        return None
    return [
        {
            "userKT": c["account"],
            "thoiGianKT": minute(c["at"]),
            "thongBao": vietnamese(c["result_code"]),
            "maLoi": c["result_code"],
            "maCSKCB": c["facility_code"],
        }
        for c in checks
    ]


def _card_fields(card: dict) -> dict:
    return {
        "maThe": card["card_code"],
        "maDKBD": card["facility"]["code"],
        "tenDKBD": card["facility"]["name"],
        "gtTheTu": day_month_year(card["valid_from"]),
        "gtTheDen": day_month_year(card["valid_to"]),
        "ngayDu5Nam": day_month_year(card.get("five_years_from")),
    }


EMPTY = dict.fromkeys(
    [
        "maThe",
        "hoTen",
        "ngaySinh",
        "gioiTinh",
        "diaChi",
        "maDKBD",
        "tenDKBD",
        "cqBHXH",
        "gtTheTu",
        "gtTheDen",
        "maKV",
        "ngayDu5Nam",
        "maSoBHXH",
        "maTheCu",
        "maTheMoi",
        "gtTheTuMoi",
        "gtTheDenMoi",
        "maDKBDMoi",
        "tenDKBDMoi",
        "dsLichSuKCB2018",
        "dsLichSuKT2018",
    ]
)


def card_check(outcome: Outcome, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """KQNhanLichSuKCB2024 (also the 2019 and 2018 forms): the code and message, then, once the identity is
    established, the holder, the card (the card asked about when it is a former one, with the new card beside it)
    and the history."""
    reply = {"maKetQua": outcome.code, "ghiChu": vietnamese(outcome.code, outcome.note), **EMPTY}
    person = outcome.person
    if person is None:
        return reply
    reply.update(
        {
            "hoTen": person["full_name"],
            "ngaySinh": day_month_year(person["birth_date"]),
            "gioiTinh": SEX.get(person["sex"], ""),
            "diaChi": person["address"],
            "cqBHXH": person["issuing_office"],
            "maKV": person["area_code"],
            "maSoBHXH": person["si_number"],
            "dsLichSuKCB2018": _visits(outcome.visits, start, end),
            "dsLichSuKT2018": _checks(outcome.checks),
        }
    )
    card, former = outcome.card, outcome.former
    if former and card:  # asked with a card that has been replaced: that card, and the new one beside it
        reply.update(
            {
                **_card_fields(former),
                "ngayDu5Nam": day_month_year(card.get("five_years_from")),
                "maTheMoi": card["card_code"],
                "gtTheTuMoi": day_month_year(card["valid_from"]),
                "gtTheDenMoi": day_month_year(card["valid_to"]),
                "maDKBDMoi": card["facility"]["code"],
                "tenDKBDMoi": card["facility"]["name"],
            }
        )
    elif card or former:
        reply.update(_card_fields(card or former))
        reply["maTheCu"] = outcome.previous_card_code or None
    return reply


def visit_history(outcome: Outcome) -> dict:
    """Lskcb2025: the visits alone, once the identity is established (000 then, whatever the card's state)."""
    if outcome.person is None:
        return {"maKetQua": outcome.code, "ghiChu": vietnamese(outcome.code, outcome.note), "dsLichSuKCB2025": None}
    return {
        "maKetQua": "000",
        "ghiChu": vietnamese(outcome.code, outcome.note),
        "hoTen": outcome.person["full_name"],
        "maSoBHXH": outcome.person["si_number"],
        "dsLichSuKCB2025": _visits(outcome.visits),
    }
