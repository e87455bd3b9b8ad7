"""Demo: facility 42001's gateway account (hospital software logs in with it, password = the demo password) with two
registered receptionists, and a coverage history: the province's cards five months earlier, then today's, so
former cards (children who turned six, people whose job or list changed) answer 003/004/010 at the counter."""

from __future__ import annotations

import datetime as dt

from ansinh.core.roles import Role
from ansinh.health.coverage import refresh_coverage
from ansinh.health.gateway import accounts, receptionists
from ansinh.health.models import FormerCard

RECEPTIONISTS = [("Phạm Thị Thơm", "042186002959"), ("Nguyễn Văn Tiếp", "042088001234")]


def build(ctx) -> None:
    accounts.create_account("42001", "42001_BV", ctx.password)
    for name, cccd in RECEPTIONISTS:
        receptionists.register("42001", name, cccd)
    ctx.add_login(
        Role.FACILITY,
        "42001_BV",
        "Hospital software at the e-gateway (base URL http://<host>/api; receptionist "
        f"{RECEPTIONISTS[0][0]}, CCCD {RECEPTIONISTS[0][1]})",
    )
    refresh_coverage(ctx.as_of - dt.timedelta(days=150))
    refresh_coverage(ctx.as_of)
    ctx.log(
        f"health gateway: account 42001_BV, {len(RECEPTIONISTS)} receptionists, {FormerCard.objects.count()} "
        "former cards"
    )
