"""ISO 20022 pain.001.001.09 credit-transfer files, built with lxml and validated against the shipped XSD."""
from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from pathlib import Path

from django.conf import settings
from lxml import etree

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
XSD = Path(__file__).resolve().parent.parent / "xsd" / "pain.001.001.09.xsd"
CURRENCY = "VND"


class InvalidBankFile(ValueError):
    pass


@functools.cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def latin(text: str, limit: int) -> str:
    """Names without diacritics (what Vietnamese banks' interbank fields accept), cut to the field length."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))[:limit] or "-"


def _sub(parent, tag: str, text=None, **attrs):
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text is not None:
        node.text = str(text)
    return node


def _account(parent, tag: str, number: str) -> None:
    _sub(_sub(_sub(_sub(parent, tag), "Id"), "Othr"), "Id", number)


def _agent(parent, tag: str, bic: str) -> None:
    _sub(_sub(_sub(parent, tag), "FinInstnId"), "BICFI", bic)


def _header(root, msg_id: str, count: int, total: int, created: dt.datetime) -> None:
    header = _sub(root, "GrpHdr")
    _sub(header, "MsgId", msg_id)
    _sub(header, "CreDtTm", created.replace(microsecond=0).isoformat())
    _sub(header, "NbOfTxs", count)
    _sub(header, "CtrlSum", total)
    _sub(_sub(header, "InitgPty"), "Nm", latin(settings.AGENCY_NAME, 140))


def _transaction(block, row: dict, bank, period: str) -> None:
    tx = _sub(block, "CdtTrfTxInf")
    ids = _sub(tx, "PmtId")
    _sub(ids, "InstrId", row["instruction_id"])
    _sub(ids, "EndToEndId", row["end_to_end_id"])
    _sub(_sub(tx, "Amt"), "InstdAmt", row["amount"], Ccy=CURRENCY)
    _agent(tx, "CdtrAgt", bank.bic)
    _sub(_sub(tx, "Cdtr"), "Nm", latin(row["full_name"], 140))
    _account(tx, "CdtrAcct", row["account_number"])
    _sub(_sub(tx, "RmtInf"), "Ustrd", latin(f"BHXH chi tra {row['kind']} ky {period}", 140))


def build(bank, period: str, rows: list[dict], execution_date: dt.date, created: dt.datetime) -> bytes:
    """One file for one bank: one payment block debiting the agency's account at that bank."""
    total = sum(r["amount"] for r in rows)
    msg_id = f"ANSINH-{period}-{bank.code}"
    root = etree.Element(f"{{{NS}}}Document", nsmap={None: NS})
    initiation = _sub(root, "CstmrCdtTrfInitn")
    _header(initiation, msg_id, len(rows), total, created)
    block = _sub(initiation, "PmtInf")
    _sub(block, "PmtInfId", f"{msg_id}-1")
    _sub(block, "PmtMtd", "TRF")
    _sub(block, "NbOfTxs", len(rows))
    _sub(block, "CtrlSum", total)
    _sub(_sub(block, "ReqdExctnDt"), "Dt", execution_date.isoformat())
    _sub(_sub(block, "Dbtr"), "Nm", latin(settings.AGENCY_NAME, 140))
    _account(block, "DbtrAcct", bank.agency_account)
    _agent(block, "DbtrAgt", bank.bic)
    _sub(block, "ChrgBr", "DEBT")
    for row in rows:
        _transaction(block, row, bank, period)
    validate(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def validate(root) -> None:
    """Raise InvalidBankFile with the schema's first errors unless the document is valid."""
    checker = schema()
    if not checker.validate(root):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in list(checker.error_log)[:5])
        raise InvalidBankFile(f"The bank file does not match pain.001.001.09: {errors}")
