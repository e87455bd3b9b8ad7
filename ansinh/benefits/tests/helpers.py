"""Small builders shared by the benefits tests."""
import datetime as dt

from ansinh.benefits.rules import CareerPeriod, PensionInput


def career(start: str, end: str, salary: int = 8_000_000, pay_scale: str = "employer") -> CareerPeriod:
    sy, sm = map(int, start.split("-"))
    ey, em = map(int, end.split("-"))
    return CareerPeriod(sy * 12 + sm - 1, ey * 12 + em - 1, salary, pay_scale)


def years_of_work(months: int, retire: dt.date = dt.date(2026, 1, 1), salary: int = 8_000_000) -> tuple:
    """A career of exactly `months` months ending the month before `retire`."""
    end = retire.year * 12 + retire.month - 2
    return (CareerPeriod(end - months + 1, end, salary),)


def pensioner(sex: str, months: int, retire: dt.date = dt.date(2026, 1, 1), salary: int = 8_000_000, **extra) -> PensionInput:
    birth = dt.date(retire.year - 65, 1, 1)  # past any retirement age in the roadmap
    return PensionInput(sex, birth, retire, years_of_work(months, retire, salary), **extra)
