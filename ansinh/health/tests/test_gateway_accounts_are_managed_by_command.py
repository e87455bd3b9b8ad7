"""The agency creates a facility's gateway account (the password shown once), ends its sessions, registers staff."""

import io

import pytest
from django.core.management import CommandError, call_command

from ansinh.health.models import GatewayAccount, GatewayToken, Receptionist
from ansinh.health.tests.gateway_helpers import md5

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("gateway_account", *args, stdout=out)
    return out.getvalue()


def test_an_account_is_created_with_a_password_shown_once_that_takes_a_session(client):
    password = run("create", "42002", "42002_BV").split("password ")[1].split(" ")[0]
    account = GatewayAccount.objects.get(username="42002_BV")
    assert (
        account.facility.code == "42002" and account.user.role == "facility" and not account.user.has_usable_password()
    )
    assert password not in account.password
    assert (
        client.post("/api/token/take", {"username": "42002_BV", "password": md5(password)}).json()["maKetQua"] == "200"
    )
    assert "1 session(s) ended" in run("disable", "42002_BV") and GatewayToken.objects.get().revoked_at
    assert (
        client.post("/api/token/take", {"username": "42002_BV", "password": md5(password)}).json()["maKetQua"] == "403"
    )


def test_an_unknown_facility_a_taken_username_and_a_bad_staff_file_are_refused_with_the_reason(tmp_path):
    with pytest.raises(CommandError, match="99999"):
        run("create", "99999", "X_BV")
    run("create", "42002", "42002_BV")
    with pytest.raises(CommandError, match="taken"):
        run("create", "42001", "42002_BV")
    staff = tmp_path / "staff.csv"
    staff.write_text("full_name,cccd\nLê Thị Hoa,042187001111\nTrần Văn Nam,0421\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 2, cccd"):
        run("receptionists", "42002", str(staff))
    assert not Receptionist.objects.exists()
