"""The demo's log-ins: one user per staff role, an employer user, citizens linked to real demo people,
and machine clients with API tokens. Labels are in ctx.demo_accounts for the later steps."""

from __future__ import annotations

import polars as pl

from ansinh.core.models import ApiToken, User
from ansinh.core.roles import Role
from ansinh.demo.context import DEMO_PASSWORD
from ansinh.registry.models import Person

STAFF = [
    ("admin", Role.ADMINISTRATOR, "admin", "Quản Trị Viên", "Administrator (also the Django admin)"),
    ("collection_officer", Role.COLLECTION_OFFICER, "thu.nguyen", "Nguyễn Văn Thu", "Collection officer"),
    ("benefits_officer", Role.BENEFITS_OFFICER, "chedo.le", "Lê Thị Hoa", "Benefits officer (computes cases)"),
    (
        "benefits_approver",
        Role.BENEFITS_OFFICER,
        "chedo.tran",
        "Trần Văn Duyệt",
        "Benefits officer (approves: four-eyes)",
    ),
    ("hi_assessor", Role.HI_ASSESSOR, "giamdinh.phan", "Phan Thị Giám", "Health-insurance assessor"),
    ("service_desk", Role.SERVICE_DESK, "motcua.vo", "Võ Thị Một", "Service-desk officer"),
    ("manager", Role.MANAGER, "giamdoc.dang", "Đặng Văn Quản", "Manager (dashboard)"),
]
MACHINES = [
    ("facility", Role.FACILITY, "bv.42001", "42001", "Medical facility client (eligibility and claims API)"),
    ("bank", Role.BANK, "bank.vcb", "VCB", "Bank client (payment files and returns)"),
    ("post_office", Role.POST_OFFICE, "vnpost", "VNPOST", "Post office client (cash payments, collections)"),
]


def _user(username: str, role: str, full_name: str = "", org_code: str = "", **extra) -> User:
    family, _, given = full_name.rpartition(" ")
    user = User(username=username, role=role, org_code=org_code, first_name=given, last_name=family, **extra)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def build(ctx) -> None:
    ctx.demo_accounts = {}
    for label, role, username, full_name, description in STAFF:
        is_admin = role == Role.ADMINISTRATOR
        _user(username, role, full_name, is_staff=is_admin, is_superuser=is_admin)
        ctx.demo_accounts[label] = {"username": username, "person_id": None, "org_code": ""}
        ctx.add_login(role, username, description)
    for label, role, username, org_code, description in MACHINES:
        user = _user(username, role, org_code=org_code)
        _, raw = ApiToken.issue(user, "demo token")
        ctx.demo_accounts[label] = {"username": username, "person_id": None, "org_code": org_code}
        ctx.add_login(role, username, description, token=raw)
    _employer_and_citizens(ctx)


def _employer_and_citizens(ctx) -> None:
    people = ctx.frames["people"]
    employees = people.filter(pl.col("situation") == "employee")
    busiest = employees.group_by("employer_id").len().sort(["len", "employer_id"], descending=[True, False])
    employer_id = int(busiest["employer_id"][0])
    unit = ctx.frames["employers"].filter(pl.col("employer_id") == employer_id).row(0, named=True)
    _user(f"dv.{unit['unit_code'].lower()}", Role.EMPLOYER, "Kế Toán Đơn Vị", org_code=unit["unit_code"])
    ctx.demo_accounts["employer"] = {
        "username": f"dv.{unit['unit_code'].lower()}",
        "person_id": None,
        "org_code": unit["unit_code"],
    }
    ctx.add_login(Role.EMPLOYER, f"dv.{unit['unit_code'].lower()}", f"Employer: {unit['name']} ({unit['unit_code']})")
    picks = {
        "employee_citizen": _settled_employees(ctx, employees.filter(pl.col("employer_id") == employer_id)),
        "pensioner_citizen": people.filter(pl.col("situation") == "pensioner"),
        "voluntary_citizen": people.filter(pl.col("situation") == "voluntary"),
    }
    for label, frame in picks.items():
        if frame.height == 0:
            continue
        row = frame.sort("person_id").row(0, named=True)
        user = _user(row["cccd"], Role.CITIZEN, row["full_name"])
        Person.objects.filter(pk=row["person_id"]).update(user=user)
        ctx.demo_accounts[label] = {"username": row["cccd"], "person_id": row["person_id"], "org_code": ""}
        ctx.add_login(Role.CITIZEN, row["cccd"], f"Citizen ({label.split('_')[0]}): {row['full_name']}")


def _settled_employees(ctx, staff: pl.DataFrame) -> pl.DataFrame:
    """The unit's employees with three years or more of insured work by the demo date, so the featured employee
    has a history to show (a new hire of this month would show an empty one); all of them if none has."""
    since = ctx.as_of.replace(year=ctx.as_of.year - 3)
    first = ctx.frames["spells"].group_by("person_id").agg(pl.col("start").min().alias("first_start"))
    settled = staff.join(first, on="person_id").filter(pl.col("first_start") <= since).drop("first_start")
    return settled if settled.height else staff
