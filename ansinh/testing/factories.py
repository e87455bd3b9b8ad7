"""Small hand-built records for tests: valid by default, any field overridable."""

from __future__ import annotations

import datetime as dt
import itertools

from ansinh.core.ids import make_cccd
from ansinh.core.models import ApiToken, User
from ansinh.geo.models import Commune
from ansinh.registry.models import Employer, EmploymentSpell, Household, Person

PASSWORD = "correct-horse-battery-9"
_seq = itertools.count(1)


def user(role: str, username: str | None = None, org_code: str = "", **extra) -> User:
    n = next(_seq)
    account = User.objects.create_user(
        username=username or f"{role}{n}", password=PASSWORD, role=role, org_code=org_code, **extra
    )
    return account


def token_for(account: User) -> str:
    return ApiToken.issue(account, f"test token {account.username}")[1]


def commune(code: str = "43601") -> Commune:
    return Commune.objects.get(code=code)


def household(commune_code: str = "43601", poverty: str = "none") -> Household:
    n = next(_seq)
    return Household.objects.create(
        code=f"HH{n:08d}", commune=commune(commune_code), address=f"Số {n}", poverty=poverty
    )


def person(
    full_name: str = "Nguyễn Thị Lan",
    birth_date: dt.date = dt.date(1990, 3, 12),
    sex: str = "female",
    commune_code: str = "43601",
    cccd: str | None = "auto",
    si_number: str | None = None,
    **extra,
) -> Person:
    n = next(_seq)
    if cccd == "auto":
        cccd = make_cccd("042", birth_date.year, sex, 100000 + n)
    return Person.objects.create(
        cccd=cccd,
        si_number=si_number or f"42{n:08d}",
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        commune=commune(commune_code),
        **extra,
    )


def employer(
    name: str = "Công ty TNHH Thép Hồng Lĩnh", wage_region: str = "III", commune_code: str = "43601", **extra
) -> Employer:
    n = next(_seq)
    place = commune(commune_code)
    defaults = dict(
        unit_code=f"TS{n:05d}",
        tax_code=f"30{n:08d}",
        name=name,
        sector="enterprise",
        wage_region=wage_region,
        area=place.area,
        commune=place,
        registered_on=dt.date(2015, 1, 1),
    )
    defaults.update(extra)
    return Employer.objects.create(**defaults)


def spell(
    person_obj: Person,
    employer_obj: Employer,
    start: dt.date,
    end: dt.date | None = None,
    salary: int = 10_000_000,
    **extra,
) -> EmploymentSpell:
    return EmploymentSpell.objects.create(
        person=person_obj, employer=employer_obj, start=start, end=end, insured_salary=salary, **extra
    )
