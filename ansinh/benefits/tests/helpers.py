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


def beneficiary(amount: int = 5_000_000, bank: str | None = "VCB", account: str = "0123456789", start=dt.date(2025, 1, 1), monthly: bool = True, kind: str = "pension"):
    """A person with an active entitlement and (unless bank is None) a bank channel; cash otherwise."""
    from ansinh.benefits.models import Entitlement, PaymentChannel
    from ansinh.testing import factories

    person = factories.person(birth_date=dt.date(1955, 2, 3), sex="male")
    ent = Entitlement.objects.create(person=person, kind=kind, monthly=monthly, amount=amount, start=start,
                                     decision_number=f"T{person.pk:07d}/{kind}")
    if bank:
        PaymentChannel.objects.create(person=person, method="bank", bank_code=bank, account_number=account)
    else:
        PaymentChannel.objects.create(person=person, method="cash", post_office_code=f"VNP{person.commune.code}")
    return person, ent


def return_csv(lines: list[tuple]) -> bytes:
    body = "end_to_end_id,status,reason\n" + "".join(f"{e},{s},{r}\n" for e, s, r in lines)
    return body.encode()
