"""Done when: hospital software built against the social-insurance e-gateway works against An Sinh by changing only its
base URL and credentials. A client written from the gateway's public description (his_client.py) talks HTTP to a
running An Sinh: token, card checks for every result code it handles, check-in, claims, and a token that ends."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.health.coverage import refresh_coverage
from ansinh.health.gateway import accounts, receptionists
from ansinh.health.models import CardStop, CheckIn, Claim, Coverage, GatewayToken, ListMembership
from ansinh.health.tests import his_files
from ansinh.health.tests.helpers_coverage import employee
from ansinh.health.tests.his_client import HisClient
from ansinh.testing import factories

RECEPTIONIST = ("Phạm Thị Thơm", "042186002959")


def _province(today: dt.date) -> dict:
    """People whose cards answer each code, through the real coverage refresh a year apart."""
    before = today - dt.timedelta(days=150)
    lan = employee(full_name="Nguyễn Thị Lan", birth_date=dt.date(1990, 3, 12))
    child = factories.person(
        full_name="Lê Minh An", birth_date=today.replace(year=today.year - 6) - dt.timedelta(days=30), sex="male"
    )
    poor = factories.person(
        full_name="Hồ Văn Nghèo",
        birth_date=dt.date(1980, 5, 5),
        sex="male",
        household=factories.household(poverty="poor"),
    )
    factories.spell(poor, factories.employer(), today - dt.timedelta(days=60))
    lapsed = factories.person(full_name="Đinh Thị Hết", birth_date=dt.date(1975, 7, 7))
    ListMembership.objects.create(
        person=lapsed,
        group="CB",
        list_name="Hội Cựu chiến binh",
        valid_from=before - dt.timedelta(days=30),
        valid_to=today - dt.timedelta(days=10),
    )
    revoked, stopped = employee(full_name="Võ Văn Thu", sex="male"), employee(full_name="Trần Thị Giảm")
    CardStop.objects.create(
        person=revoked, result_code="110", reason="thẻ cấp trùng", effective=today - dt.timedelta(days=5)
    )
    CardStop.objects.create(
        person=stopped, result_code="122", reason="chuyển nội tỉnh", effective=today - dt.timedelta(days=5)
    )
    refresh_coverage(before)
    old = {p: Coverage.objects.get(person=p).card_code for p in (child, poor)}
    refresh_coverage(today)
    baby = factories.person(
        full_name="Lê Thị Bé", birth_date=today - dt.timedelta(days=20)
    )  # born after the refresh: no card yet
    return {
        "lan": lan,
        "child": child,
        "poor": poor,
        "lapsed": lapsed,
        "revoked": revoked,
        "stopped": stopped,
        "baby": baby,
        "old": old,
    }


def _born(person) -> str:
    return f"{person.birth_date:%d/%m/%Y}"


@pytest.mark.django_db(transaction=True)
def test_a_his_client_runs_its_whole_day_against_an_sinh(live_server):
    today = timezone.localdate()
    accounts.create_account("42001", "42001_BV", "Mat-khau-BV-42001")
    receptionists.register("42001", *RECEPTIONIST)
    his = HisClient(live_server.url, "42001_BV", "Mat-khau-BV-42001", "42001", RECEPTIONIST)
    assert his.take_token()["maKetQua"] == "200"

    early = factories.person(full_name="Sớm Quá", birth_date=dt.date(1988, 1, 1))
    seen = {"100": his.check_card(early.cccd, "Sớm Quá", "01/01/1988")["maKetQua"]}  # before any coverage was computed

    p = _province(today)
    lan, card = p["lan"], Coverage.objects.get(person=p["lan"]).card_code
    answers = {
        "000": his.check_card(lan.cccd, "NGUYEN THI LAN", "12/03/1990"),
        "000 card": his.check_card(card, "Nguyễn Thị Lan", "1990"),
        "000 si": his.check_card(lan.si_number, "Nguyễn Thị Lan", "12/03/1990"),
        "001": his.check_card("QN5970123456789", "Bùi Văn Lính", "1995"),
        "002": his.check_card("CA5980123456789", "Mai Văn Công", "1993"),
        "003": his.check_card(p["old"][p["child"]], p["child"].full_name, _born(p["child"])),
        "004/003": his.check_card(p["old"][p["poor"]], p["poor"].full_name, "1980"),
        "010": his.check_card(p["lapsed"].cccd, p["lapsed"].full_name, "1975"),
        "050": his.check_card("042190999999", "Không Có", "1990"),
        "051": his.check_card("ZZ4420000000001", "Nguyễn Thị Lan", "1990"),
        "052": his.check_card(f"DN400{lan.si_number}", "Nguyễn Thị Lan", "1990"),
        "053": his.check_card(f"DN542{lan.si_number}", "Nguyễn Thị Lan", "1990"),
        "060": his.check_card(lan.cccd, "Trần Văn Nam", "1990"),
        "061": his.check_card(lan.cccd, "Nguyễn Thị Lành", "1990"),
        "070": his.check_card(lan.cccd, "Nguyễn Thị Lan", "12/03/1991"),
        "110": his.check_card(p["revoked"].cccd, "Võ Văn Thu", _born(p["revoked"])),
        "122": his.check_card(p["stopped"].cccd, "Trần Thị Giảm", _born(p["stopped"])),
        "130": his.check_card(p["baby"].cccd, "Lê Thị Bé", _born(p["baby"])),
        "205": his.check_card(lan.cccd, "Nguyễn Thị Lan", "31/02/1990"),
    }
    seen.update({label: reply["maKetQua"] for label, reply in answers.items()})
    stranger = HisClient(live_server.url, "42001_BV", "Mat-khau-BV-42001", "42001", ("Người Lạ", "042186009999"))
    misnamed = HisClient(live_server.url, "42001_BV", "Mat-khau-BV-42001", "42001", ("Phạm Thị Thắm", RECEPTIONIST[1]))
    seen["054"] = stranger.check_card(lan.cccd, "Nguyễn Thị Lan", "1990")["maKetQua"]
    seen["055"] = misnamed.check_card(lan.cccd, "Nguyễn Thị Lan", "1990")["maKetQua"]

    old_card_still_valid = today <= Coverage.objects.get(person=p["poor"]).valid_to and p["old"][p["poor"]].startswith(
        "HN"
    )
    expected = {label: label.split(" ")[0] for label in seen} | {"004/003": "004" if old_card_still_valid else "003"}
    assert seen == expected

    ok = answers["000"]
    assert (ok["maThe"], ok["hoTen"], ok["ngaySinh"], ok["gioiTinh"]) == (card, "Nguyễn Thị Lan", "12/03/1990", "Nữ")
    assert (
        ok["gtTheTu"]
        and ok["gtTheDen"]
        and ok["maDKBD"]
        and ok["cqBHXH"]
        and ok["diaChi"]
        and ok["maSoBHXH"] == lan.si_number
    )
    assert answers["003"]["maTheMoi"] == Coverage.objects.get(person=p["child"]).card_code
    assert answers["010"]["gtTheDen"] == f"{today - dt.timedelta(days=10):%d/%m/%Y}"

    patient = his_files.Patient(
        "Nguyễn Thị Lan", lan.cccd, card, "19900312", 2, Coverage.objects.get(person=lan).facility.code
    )
    admitted = timezone.localtime() - dt.timedelta(hours=3)
    checked_in = his.check_in(his_files.check_in("42001", patient, "HIS-0001", f"{admitted:%Y%m%d%H%M}", rows=2))
    assert (
        checked_in["maKetQua"] == "200"
        and checked_in["maGiaoDich"]
        and CheckIn.objects.filter(ma_lk="HIS-0001").count() == 2
    )
    sent = his.send_claims(
        his_files.claims(
            "42001", patient, "HIS-0001", f"{admitted:%Y%m%d%H%M}", f"{admitted + dt.timedelta(hours=2):%Y%m%d%H%M}"
        )
    )
    assert (
        sent["maKetQua"] == "200"
        and len(sent["thoiGianTiepNhan"]) == 14
        and Claim.objects.get(ma_lk="HIS-0001").person == lan
    )

    GatewayToken.objects.update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )  # the gateway ends the session early
    takes = his.takes
    after = his.check_card(lan.cccd, "Nguyễn Thị Lan", "12/03/1990")
    assert after["maKetQua"] == "000" and his.takes == takes + 1  # 401, a new token, the same check again
    assert len(after["dsLichSuKCB2018"]) == 1  # the check-in and the claim of one visit are one line
    visit = after["dsLichSuKCB2018"][0]
    assert (visit["maCSKCB"], visit["ngayVao"], visit["maHoSo"]) == (
        "42001",
        f"{admitted:%Y%m%d%H%M}",
        str(Claim.objects.get(ma_lk="HIS-0001").pk),
    )
    # refused checks (054/055, 205) were never made, so the person's history shows the identity errors before them
    assert [c["maLoi"] for c in after["dsLichSuKT2018"]][:3] == ["070", "061", "060"]
