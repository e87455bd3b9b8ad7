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


def pensioner(
    sex: str, months: int, retire: dt.date = dt.date(2026, 1, 1), salary: int = 8_000_000, **extra
) -> PensionInput:
    birth = dt.date(retire.year - 65, 1, 1)  # past any retirement age in the roadmap
    return PensionInput(sex, birth, retire, years_of_work(months, retire, salary), **extra)


def beneficiary(
    amount: int = 5_000_000,
    bank: str | None = "VCB",
    account: str = "0123456789",
    start=dt.date(2025, 1, 1),
    monthly: bool = True,
    kind: str = "pension",
):
    """A person with an active entitlement and (unless bank is None) a bank channel; cash otherwise."""
    from ansinh.benefits.models import Entitlement, PaymentChannel
    from ansinh.testing import factories

    person = factories.person(birth_date=dt.date(1955, 2, 3), sex="male")
    ent = Entitlement.objects.create(
        person=person,
        kind=kind,
        monthly=monthly,
        amount=amount,
        start=start,
        decision_number=f"T{person.pk:07d}/{kind}",
    )
    if bank:
        PaymentChannel.objects.create(person=person, method="bank", bank_code=bank, account_number=account)
    else:
        PaymentChannel.objects.create(person=person, method="cash", post_office_code=f"VNP{person.commune.code}")
    return person, ent


def return_csv(lines: list[tuple]) -> bytes:
    body = "end_to_end_id,status,reason\n" + "".join(f"{e},{s},{r}\n" for e, s, r in lines)
    return body.encode()


def pain002(
    original: str, group_status: str = "", blocks: list[tuple] = (), version: str = "03", reason: str = ""
) -> bytes:
    """A payment status report as a bank writes it: blocks are (PmtInfId, PmtInfSts, [(end_to_end_id, TxSts, reason
    code)])."""
    agent = (
        "<DbtrAgt><FinInstnId><BIC>BFTVVNVX</BIC></FinInstnId></DbtrAgt>"
        if version == "03"
        else "<DbtrAgt><FinInstnId><BICFI>BFTVVNVX</BICFI></FinInstnId></DbtrAgt>"
    )
    group_reason = (
        f"<StsRsnInf><Rsn><Cd>{reason}</Cd></Rsn><AddtlInf>FILE REJECTED</AddtlInf></StsRsnInf>" if reason else ""
    )
    body = []
    for block_id, block_status, txs in blocks:
        lines = "".join(
            f"<TxInfAndSts><StsId>S{n}</StsId><OrgnlEndToEndId>{e2e}</OrgnlEndToEndId><TxSts>{status}</TxSts>"
            + (
                f"<StsRsnInf><Rsn><Cd>{code}</Cd></Rsn><AddtlInf>TAI KHOAN KHONG HOP LE</AddtlInf></StsRsnInf>"
                if code
                else ""
            )
            + "</TxInfAndSts>"
            for n, (e2e, status, code) in enumerate(txs, start=1)
        )
        status = f"<PmtInfSts>{block_status}</PmtInfSts>" if block_status else ""
        body.append(f"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{block_id}</OrgnlPmtInfId>{status}{lines}</OrgnlPmtInfAndSts>")
    group = f"<GrpSts>{group_status}</GrpSts>" if group_status else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Document '
        f'xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.{version}">'
        "<CstmrPmtStsRpt><GrpHdr><MsgId>"
        f"VCB002{abs(hash((original, group_status, str(blocks)))) % 10**12}</MsgId>"
        f"<CreDtTm>2026-02-03T09:15:00+07:00</CreDtTm>{agent}</GrpHdr>"
        f"<OrgnlGrpInfAndSts><OrgnlMsgId>{original}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>{group}{group_reason}</OrgnlGrpInfAndSts>"
        f"{''.join(body)}</CstmrPmtStsRpt></Document>"
    ).encode()
