"""pain.001 as Vietnamese banks need it: category purpose, batch booking, clearing members for other banks,
Vietnamese remittance text folded to ASCII, local time; a bulk template for a bank that takes its own."""

import io

import openpyxl
import pytest
from lxml import etree

from ansinh.benefits.payroll import pain001, send
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.tests.helpers import beneficiary
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
NS = {"p": pain001.NS}


@pytest.fixture
def files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    beneficiary(5_000_000, bank="VCB", account="0123456789")
    person, _ = beneficiary(6_000_000, bank="TCB", account="19033334444555")
    person.full_name = "ÐẶNG THỊ ĐÀO"  # U+00D0, the Icelandic look-alike, then the Vietnamese Đ
    person.save()
    beneficiary(7_000_000, bank="LPB", account="000987654321", kind="survivor")
    run = payroll.compute_run("2026-02", factories.user("benefits_officer"))
    run = send.approve_run(run, factories.user("benefits_officer"))
    found = {f.channel_code: f for f in send.send_run(run)}
    return found, tmp_path / "benefits" / "payroll"


def _doc(found, root, code):
    return etree.parse(str(root / found[code].path))


def test_a_bank_without_an_agency_account_is_paid_through_napas_from_the_paying_bank(files):
    found, root = files
    assert set(found) == {"VCB", "LPB"}
    doc = _doc(found, root, "VCB")
    assert pain001.schema().validate(doc)
    blocks = {b.findtext("p:PmtInfId", namespaces=NS): b for b in doc.findall(".//p:PmtInf", NS)}
    assert set(blocks) == {"ANSINH-2026-02-VCB-PENS-BOOK", "ANSINH-2026-02-VCB-PENS-NAPAS"}
    napas = blocks["ANSINH-2026-02-VCB-PENS-NAPAS"]
    assert napas.findtext("p:BtchBookg", namespaces=NS) == "true"
    assert napas.findtext("p:PmtTpInf/p:LclInstrm/p:Prtry", namespaces=NS) == "NAPAS"
    assert napas.findtext("p:PmtTpInf/p:CtgyPurp/p:Cd", namespaces=NS) == "PENS"
    member = napas.find(".//p:CdtrAgt/p:FinInstnId/p:ClrSysMmbId", NS)
    assert (
        member.findtext("p:ClrSysId/p:Prtry", namespaces=NS) == "NAPAS"
        and member.findtext("p:MmbId", namespaces=NS) == "970407"
    )
    assert napas.findtext(".//p:Cdtr/p:Nm", namespaces=NS) == "DANG THI DAO"


def test_the_remittance_text_is_vietnamese_in_ascii_and_the_time_is_local(files):
    found, root = files
    doc = _doc(found, root, "VCB")
    text = doc.findtext(".//p:RmtInf/p:Ustrd", namespaces=NS)
    assert text == "Bao hiem xa hoi tinh Ha Tinh chi tra luong huu thang 02/2026"
    assert doc.findtext(".//p:GrpHdr/p:CreDtTm", namespaces=NS).endswith("+07:00")
    content = (root / found["VCB"].path).read_bytes()
    assert content.isascii() and b"pension" not in content


def test_control_sums_add_up_and_every_payment_has_its_own_traceable_id(files):
    found, root = files
    doc = _doc(found, root, "VCB")
    assert int(doc.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS)) == found["VCB"].total == 11_000_000
    assert sum(int(b.findtext("p:CtrlSum", namespaces=NS)) for b in doc.findall(".//p:PmtInf", NS)) == 11_000_000
    ids = [e.text for e in doc.findall(".//p:EndToEndId", NS)]
    assert len(ids) == len(set(ids)) == 2 and all(i.startswith("AS") for i in ids)


def test_a_bank_that_takes_its_own_template_gets_an_excel_sheet_with_the_end_to_end_ids(files):
    found, root = files
    item = found["LPB"]
    assert item.kind == "template" and item.message_id == ""
    rows = list(openpyxl.load_workbook(io.BytesIO((root / item.path).read_bytes())).active.values)
    assert rows[0][:4] == ("STT", "Số tài khoản", "Tên người hưởng", "Số tiền")
    assert rows[1][1] == "000987654321" and rows[1][3] == 7_000_000 and rows[1][5].startswith("AS")
    assert "tro cap tuat hang thang ky 02/2026" in rows[1][4]


def test_a_transfer_above_the_napas_limit_goes_through_citad(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    beneficiary(600_000_000, bank="MB", account="0801009999999", kind="one_off", monthly=False)
    run = send.approve_run(
        payroll.compute_run("2026-02", factories.user("benefits_officer")), factories.user("benefits_officer")
    )
    (item,) = send.send_run(run)
    doc = etree.parse(str(tmp_path / "benefits" / "payroll" / item.path))
    assert doc.findtext(".//p:PmtTpInf/p:CtgyPurp/p:Cd", namespaces=NS) == "SSBE"
    assert doc.findtext(".//p:ClrSysMmbId/p:MmbId", namespaces=NS) == "01311001"
