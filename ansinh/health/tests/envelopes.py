"""The hand-written exports in data/xml130 wrapped into GIAMDINHHS envelopes the way a facility's exporter does it
(byte-order mark, base64, optionally wrapped in 76-character lines), and the registry people they are about."""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path

from ansinh.health.models import Coverage, Facility
from ansinh.testing import factories

DATA = Path(__file__).parent / "data" / "xml130"
RECORDS = ("outpatient", "inpatient_supplies", "child", "elderly")
KEYS = {"outpatient": "2506100001", "inpatient_supplies": "2506120007", "child": "2506150003", "elderly": "2506180012"}
TABLE_ORDER = [f"XML{n}" for n in range(1, 16)]


def tables(record: str) -> dict[str, str]:
    """{LOAIHOSO: the table's XML text} of one hand-written record."""
    folder = DATA / record
    return {t: (folder / f"{t}.xml").read_text(encoding="utf-8") for t in TABLE_ORDER if (folder / f"{t}.xml").exists()}


def _b64(text: str, wrap: int | None) -> str:
    encoded = base64.b64encode(b"\xef\xbb\xbf" + text.encode("utf-8")).decode()
    return "\r\n".join(encoded[i : i + wrap] for i in range(0, len(encoded), wrap)) if wrap else encoded


def hoso(record_tables: dict[str, str], wrap: int | None = None) -> str:
    files = "".join(
        f"\n                <FILEHOSO>\n                    <LOAIHOSO>{t}</LOAIHOSO>\n                    "
        f"<NOIDUNGFILE>{_b64(x, wrap)}</NOIDUNGFILE>"
        "\n                </FILEHOSO>"
        for t, x in record_tables.items()
    )
    return f"\n            <HOSO>{files}\n            </HOSO>"


def envelope(
    facility: str, records: list[dict[str, str]], wrap: int | None = None, prepared: str = "20250705"
) -> bytes:
    body = "".join(hoso(r, wrap) for r in records)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<GIAMDINHHS>\n    <THONGTINDONVI>\n'
        f"        <MACSKCB>{facility}</MACSKCB>\n    </THONGTINDONVI>\n    <THONGTINHOSO>\n        "
        f"<NGAYLAP>{prepared}</NGAYLAP>\n"
        f"        <SOLUONGHOSO>{len(records)}</SOLUONGHOSO>\n        <DANHSACHHOSO>{body}\n        </DANHSACHHOSO>\n"
        "    </THONGTINHOSO>\n    <CHUKYDONVI></CHUKYDONVI>\n</GIAMDINHHS>\n"
    ).encode()


def edited(record: str, **changes) -> dict[str, str]:
    """The record's tables with text replaced, as a facility's software would have written it differently:
    changes are {table: [(old, new), ...]}."""
    found = tables(record)
    for table, pairs in changes.items():
        for old, new in pairs:
            assert old in found[table], f"{old} not in {record}/{table}"
            found[table] = found[table].replace(old, new)
    return found


MOMENT = re.compile(r"<(NGAY_[A-Z_]+|THOI_DIEM_DBLS)>(\d{12})</")


def renamed(record: str, key: str, minute: int = 0) -> dict[str, str]:
    """The same record under another MA_LK (a later visit of the same patient: every time `minute` minutes later)."""

    def later(match):
        moment = dt.datetime.strptime(match.group(2), "%Y%m%d%H%M") + dt.timedelta(minutes=minute)
        return f"<{match.group(1)}>{moment:%Y%m%d%H%M}</"

    return {
        t: MOMENT.sub(later, x.replace(f"<MA_LK>{KEYS[record]}</MA_LK>", f"<MA_LK>{key}</MA_LK>"))
        for t, x in tables(record).items()
    }


# The patients of the hand-written records: (CCCD, name, birth, sex, card group, benefit %, SI number, registered)
PEOPLE = {
    "outpatient": ("042078001234", "Trần Văn Hùng", dt.date(1978, 5, 20), "male", "DN", 80, "4201234567", "42010"),
    "inpatient_supplies": (
        "042063005678",
        "Lê Văn Bình",
        dt.date(1963, 4, 15),
        "male",
        "HT",
        95,
        "4200567890",
        "42101",
    ),
    "child": ("042322008765", "Nguyễn Ngọc Anh", dt.date(2022, 3, 8), "female", "TE", 100, "4200876543", "42101"),
    "elderly": (None, "Phan Thị Lợi", dt.date(1948, 1, 1), "female", "HT", 95, "4200246810", "42010"),
}


def people(five_years_from: dt.date | None = None) -> dict[str, Coverage]:
    """The four patients in the registry, covered for 2025."""
    out = {}
    for record, (cccd, name, birth, sex, group, pct, si, registered) in PEOPLE.items():
        person = factories.person(full_name=name, birth_date=birth, sex=sex, cccd=cccd)
        person.si_number = si
        person.save()
        digit = {100: 1, 95: 3, 80: 4}[pct]
        out[record] = Coverage.objects.create(
            person=person,
            group=group,
            benefit_digit=digit,
            benefit_pct=pct,
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2025, 12, 31),
            facility=Facility.objects.get(code=registered),
            five_years_from=five_years_from,
            card_code=f"{group}{digit}42{si}",
            status="active",
            source="employee",
        )
    return out
