"""ISO 20022 pain.001.001.09 credit-transfer files as Vietnamese banks take them, validated against the shipped XSD.

One file per paying bank (the agency account that pays). Inside, one payment block per category purpose
(PENS for pensions and survivor allowances, SSBE for other benefits) and clearing channel: BOOK for
accounts at the paying bank itself, NAPAS 24/7 or CITAD for other banks (with the bank's NAPAS BIN or SBV
code as clearing member id). Blocks are batch-booked (BtchBookg) so the agency's statement shows one debit
per block. Names and the Vietnamese remittance text are folded to the ISO Latin character set (Đ, đ and
the look-alike Ð become D, d). CreDtTm is local time with its +07:00 offset.

Rows are shaped with Polars and the XML is written as text from ASCII-only values (nothing to escape),
then parsed and validated as a whole before it is saved.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from pathlib import Path

import polars as pl
from django.conf import settings
from django.utils import timezone
from lxml import etree

from ansinh.banking.text import ascii_fold
from ansinh.benefits import banks

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
XSD = Path(__file__).resolve().parent.parent / "xsd" / "pain.001.001.09.xsd"
CURRENCY = "VND"
SAME_BANK = "BOOK"
NAME_LENGTH = 70


class InvalidBankFile(ValueError):
    pass


_schema_lock = threading.Lock()


@functools.cache
def schema() -> etree.XMLSchema:
    """Built once, by one thread: a build of the province failed once with "Document is not valid XML Schema"
    when the first payroll's file threads all asked for the schema at the same moment (send_run now builds it
    before it starts them)."""
    with _schema_lock:
        return etree.XMLSchema(etree.parse(str(XSD)))


def latin(text: str, limit: int) -> str:
    """Names and text as interbank fields take them: ISO Latin characters only, cut to the field length."""
    return ascii_fold(text, limit) or "-"


@functools.lru_cache(maxsize=1 << 18)
def account_name(name: str) -> str:
    """A beneficiary's name as the creditor field takes it. Cached: the same names recur in every paying
    bank's file of a run (and in every month's run)."""
    return latin(name, NAME_LENGTH).upper()


def message_id(period: str, bank_code: str) -> str:
    return f"ANSINH-{period}-{bank_code}"


def remittance(kind: str, period: str) -> str:
    """The Vietnamese remittance text of a benefit, e.g. 'Bao hiem xa hoi tinh Ha Tinh chi tra luong huu thang
    02/2026'."""
    month = f"{period[5:7]}/{period[:4]}"
    return latin(f"{settings.AGENCY_NAME} {banks.purposes()[kind].remittance.format(period=month)}", 140)


def block_key(frame: pl.DataFrame, paying_code: str) -> pl.DataFrame:
    """Add category purpose, clearing system and clearing member id to rows with bank_code, amount and kind."""
    table = banks.banks()
    clearing = pl.when(pl.col("bank_code") == paying_code).then(pl.lit(SAME_BANK))
    member = pl.when(pl.col("bank_code") == paying_code).then(pl.lit(""))
    for system in banks.clearing_systems():
        fits = pl.lit(True) if system.max_amount is None else pl.col("amount") <= system.max_amount
        ids = {code: getattr(bank, system.member_id_column) for code, bank in table.items()}
        clearing = clearing.when(fits).then(pl.lit(system.system))
        member = member.when(fits).then(pl.col("bank_code").replace_strict(ids, return_dtype=pl.String))
    categories = {kind: p.category_purpose for kind, p in banks.purposes().items()}
    return frame.with_columns(
        clearing.alias("clearing"),
        member.alias("member_id"),
        pl.col("kind").replace_strict(categories, return_dtype=pl.String).alias("category_purpose"),
    )


def _names(column: pl.Series) -> pl.Series:
    unique = column.unique()
    return column.replace_strict(
        dict(zip(unique.to_list(), map(account_name, unique.to_list()), strict=False)),
        return_dtype=pl.String,
    )


def _transactions(frame: pl.DataFrame, period: str) -> pl.Series:
    table = banks.banks()
    texts = {kind: remittance(kind, period) for kind in frame["kind"].unique().to_list()}
    purposes = {kind: p.purpose for kind, p in banks.purposes().items()}
    agent = (
        pl.when(pl.col("clearing") == SAME_BANK)
        .then(pl.format("<CdtrAgt><FinInstnId><BICFI>{}</BICFI></FinInstnId></CdtrAgt>", "bic"))
        .otherwise(
            pl.format(
                "<CdtrAgt><FinInstnId><BICFI>{}</BICFI><ClrSysMmbId><ClrSysId><Prtry>{}</Prtry></ClrSysId><MmbId>{}</MmbId></ClrSysMmbId>"
                "</FinInstnId></CdtrAgt>",
                "bic",
                "clearing",
                "member_id",
            )
        )
    )
    return frame.with_columns(
        pl.col("bank_code").replace_strict({c: b.bic for c, b in table.items()}, return_dtype=pl.String).alias("bic"),
        _names(frame["full_name"]).alias("name"),
        pl.col("kind").replace_strict(texts, return_dtype=pl.String).alias("text"),
        pl.col("kind").replace_strict(purposes, return_dtype=pl.String).alias("purp"),
    ).select(
        pl.format(
            "<CdtTrfTxInf><PmtId><InstrId>{}</InstrId><EndToEndId>{}</EndToEndId></PmtId><Amt>"
            '<InstdAmt Ccy="VND">{}</InstdAmt></Amt>{}'
            "<Cdtr><Nm>{}</Nm></Cdtr><CdtrAcct><Id><Othr><Id>{}</Id></Othr></Id></CdtrAcct><Purp><Cd>{}</Cd></Purp>"
            "<RmtInf><Ustrd>{}</Ustrd></RmtInf></CdtTrfTxInf>",
            "instruction_id",
            "end_to_end_id",
            "amount",
            agent,
            "name",
            "account_number",
            "purp",
            "text",
        ).alias("xml")
    )["xml"]


def _block(msg: str, key: tuple, rows: pl.DataFrame, paying, debtor: str, execution_date: dt.date, period: str) -> str:
    category, clearing = key
    local = f"<LclInstrm><Prtry>{clearing}</Prtry></LclInstrm>" if clearing != SAME_BANK else ""
    head = (
        f"<PmtInf><PmtInfId>{msg}-{category}-{clearing}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>"
        f"<NbOfTxs>{rows.height}</NbOfTxs><CtrlSum>{int(rows['amount'].sum())}</CtrlSum>"
        f"<PmtTpInf>{local}<CtgyPurp><Cd>{category}</Cd></CtgyPurp></PmtTpInf><ReqdExctnDt><Dt>{execution_date.isoformat()}</Dt></ReqdExctnDt>"
        f"<Dbtr><Nm>{debtor}</Nm></Dbtr><DbtrAcct><Id><Othr><Id>{paying.agency_account}</Id></Othr></Id><Ccy>{CURRENCY}</Ccy></DbtrAcct>"
        f"<DbtrAgt><FinInstnId><BICFI>{paying.bic}</BICFI></FinInstnId></DbtrAgt><ChrgBr>DEBT</ChrgBr>"
    )
    return head + "".join(_transactions(rows, period).to_list()) + "</PmtInf>"


def build(paying, period: str, rows: pl.DataFrame, execution_date: dt.date, created: dt.datetime) -> bytes:
    """One file debiting the agency's account at `paying`; rows have instruction_id, end_to_end_id, amount,
    bank_code, account_number, full_name and kind."""
    msg, debtor = message_id(period, paying.code), latin(settings.AGENCY_NAME, 140)
    frame = block_key(rows, paying.code)
    stamp = timezone.localtime(created).replace(microsecond=0).isoformat()
    parts = [
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="{NS}"><CstmrCdtTrfInitn><GrpHdr><MsgId>{msg}</MsgId>'
        f"<CreDtTm>{stamp}</CreDtTm><NbOfTxs>{frame.height}</NbOfTxs><CtrlSum>{int(frame['amount'].sum())}</CtrlSum>"
        f"<InitgPty><Nm>{debtor}</Nm></InitgPty></GrpHdr>"
    ]
    for key, block in frame.partition_by(["category_purpose", "clearing"], maintain_order=True, as_dict=True).items():
        parts.append(_block(msg, key, block, banks.banks()[paying.code], debtor, execution_date, period))
    parts.append("</CstmrCdtTrfInitn></Document>\n")
    content = "".join(parts).encode("ascii")
    validate(etree.fromstring(content, etree.XMLParser(huge_tree=True)))
    return content


def validate(root) -> None:
    """Raise InvalidBankFile with the schema's first errors unless the document is valid."""
    checker = schema()
    if not checker.validate(root):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in list(checker.error_log)[:5])
        raise InvalidBankFile(f"The bank file does not match pain.001.001.09: {errors}")
