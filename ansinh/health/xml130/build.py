"""Writing a GIAMDINHHS envelope the way hospital software exports it: every field of each table in the standard's
order (empty when unknown), amounts with two decimals, the table XML with a byte-order mark, base64 in NOIDUNGFILE.
Used by the demo's claim generator, the benchmark and the tests.

Rows are dicts keyed by An Sinh's keys (spec `key` column) or by the XML tag itself; `_extra` holds tags to write
as given. Fields a hospital fills from its own records (address, department, doctor, tender…) get plausible values."""

from __future__ import annotations

import base64
import datetime as dt

from lxml import etree

from ansinh.geo.reference import PROVINCE_CODE
from ansinh.health.xml130.spec import rule, rules, tables

BOM = b"\xef\xbb\xbf"
FILLED = {  # what a facility's software writes in the fields An Sinh does not generate
    "XML1": {
        "MA_QUOCTICH": "000",
        "MA_DANTOC": "01",
        "MA_NGHE_NGHIEP": "00000",
        "DIA_CHI": "Thôn Trung, xã Thạch Hà, Hà Tĩnh",
        "MATINH_CU_TRU": PROVINCE_CODE,
        "MAXA_CU_TRU": "18145",
        "LY_DO_VV": "Khám chữa bệnh",
        "CHAN_DOAN_VAO": "Theo dõi",
        "CHAN_DOAN_RV": "Theo mã bệnh chính",
        "KET_QUA_DTRI": "1",
        "MA_LOAI_RV": "1",
        "T_BHTT_GDV": 0,
        "MA_KHOA": "K01",
        "CAN_NANG": "55.00",
        "MA_TAI_NAN": "0",
        "MA_TTDV": "4201000001",
        "STT": 1,
    },
    "XML2": {
        "MA_NHOM": "4",
        "LIEU_DUNG": "1 viên/lần * 2 lần/ngày",
        "TT_THAU": "1572/QĐ-SYT;G1;N4;2024",
        "PHAM_VI": "1",
        "TYLE_TT_BH": 100,
        "MA_KHOA": "K01",
        "MA_BAC_SI": "001234/HT-CCHN",
        "MA_PTTT": "1",
        "NGUON_CTRA": "1",
        "T_NGUONKHAC_NSNN": 0,
        "T_NGUONKHAC_VTNN": 0,
        "T_NGUONKHAC_VTTN": 0,
        "T_NGUONKHAC_CL": 0,
        "T_NGUONKHAC": 0,
    },
    "XML3": {
        "PHAM_VI": "1",
        "TYLE_TT_DV": 100,
        "TYLE_TT_BH": 100,
        "MA_KHOA": "K01",
        "MA_BAC_SI": "001234/HT-CCHN",
        "MA_PTTT": "1",
        "T_NGUONKHAC_NSNN": 0,
        "T_NGUONKHAC_VTNN": 0,
        "T_NGUONKHAC_VTTN": 0,
        "T_NGUONKHAC_CL": 0,
        "T_NGUONKHAC": 0,
    },
    "XML4": {},
    "XML5": {},
}


def _text(rule, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ";".join(_text(rule, v) for v in value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d%H%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d0000" if rule.format == "birth" else "%Y%m%d")
    if rule.format == "dec2":
        return f"{value:.2f}"
    if rule.format == "dec3":
        text = f"{value:.3f}"
        return text[:-1] if text.endswith("0") else text
    return str(value)


def _derived(table: str, row: dict) -> dict:
    """Amounts a facility's software computes from the others, when the caller did not give them."""
    if table not in ("XML2", "XML3") or "amount" not in row:
        return {}
    out = {"hospital_amount": row.get("hospital_amount", row["amount"])}
    out["patient_paid"] = row.get("patient_paid", out["hospital_amount"] - row["amount"])
    if table == "XML3":
        out["hospital_price"] = row.get("hospital_price", row.get("unit_price"))
        out["MA_NHOM"] = row.get("cost_group", "10" if row.get("supply_code") else "1")
        if row.get("supply_code"):
            out["TEN_VAT_TU"] = row.get("supply_name", row.get("name"))
            out["TT_THAU"] = "1286/QĐ-SYT;G1;N3;2024"
        elif out["MA_NHOM"] in rule("XML3", "NGAY_TH_YL").requirement[2]:  # tests, imaging, procedures: who and when
            out["NGUOI_THUC_HIEN"] = "005678/HT-CCHN"
            if isinstance(row.get("ordered_at"), dt.datetime):
                out["performed_at"] = row["ordered_at"] + dt.timedelta(minutes=10)
    if "level_pct" not in row and row["amount"]:
        out["level_pct"] = round(100 * row.get("fund_claimed", 0) / row["amount"])
    return out


def _row(parent, table: str, data: dict) -> None:
    row = etree.SubElement(parent, tables()[table].row)
    values = {**FILLED[table], **_derived(table, data), **data}
    for spec in rules()[table]:
        value = values.get(spec.key) if spec.key in values else values.get(spec.field)
        if spec.field == "MA_HSBA" and value is None:
            value = values.get("ma_lk")
        etree.SubElement(row, spec.field).text = _text(spec, value)
    for tag, value in data.get("_extra", {}).items():
        found = row.find(tag)
        (found if found is not None else etree.SubElement(row, tag)).text = value


def table_xml(table: str, rows: list[dict]) -> bytes:
    spec = tables()[table]
    root = etree.Element(spec.root)
    if not spec.many:
        _row_into_root(root, table, rows[0])
    else:
        listing = etree.SubElement(root, spec.list)
        for row in rows:
            _row(listing, table, row)
    etree.indent(root)
    return BOM + etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _row_into_root(root, table: str, data: dict) -> None:
    """Single-row tables: the row element is the table's root (TONG_HOP)."""
    holder = etree.Element("holder")
    _row(holder, table, data)
    for child in holder[0]:
        root.append(child)


def _base64(content: bytes, wrap: int | None) -> str:
    text = base64.b64encode(content).decode()
    return "\r\n".join(text[i : i + wrap] for i in range(0, len(text), wrap)) if wrap else text


def record_files(record: dict[str, list[dict]], wrap: int | None = None) -> list[tuple[str, str]]:
    """(LOAIHOSO, NOIDUNGFILE) of one record: the tables in order, each as the exporter encodes it."""
    return [(table, _base64(table_xml(table, rows), wrap)) for table in tables() if (rows := record.get(table))]


def envelope_of(
    facility_code: str,
    prepared_on: dt.date,
    records: list[dict[str, list[dict]]],
    declared: int | None = None,
    wrap: int | None = None,
) -> bytes:
    root = etree.Element("GIAMDINHHS")
    etree.SubElement(etree.SubElement(root, "THONGTINDONVI"), "MACSKCB").text = facility_code
    info = etree.SubElement(root, "THONGTINHOSO")
    etree.SubElement(info, "NGAYLAP").text = prepared_on.strftime("%Y%m%d")
    etree.SubElement(info, "SOLUONGHOSO").text = str(len(records) if declared is None else declared)
    listing = etree.SubElement(info, "DANHSACHHOSO")
    for record in records:
        hoso = etree.SubElement(listing, "HOSO")
        for table, content in record_files(record, wrap):
            node = etree.SubElement(hoso, "FILEHOSO")
            etree.SubElement(node, "LOAIHOSO").text = table
            etree.SubElement(node, "NOIDUNGFILE").text = content
    etree.SubElement(root, "CHUKYDONVI").text = ""  # the facility's XML signature goes here (not verified)
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def envelope(
    facility_code: str,
    prepared_on: dt.date,
    claims: list[dict],
    lines: list[dict],
    declared: int | None = None,
    wrap: int | None = None,
    details: list[dict] | None = None,
) -> bytes:
    """Visits (XML1 rows) and their lines (each with `table` XML2/XML3 and `ma_lk`) grouped into records."""
    by_key: dict[str, dict[str, list[dict]]] = {c["ma_lk"]: {"XML1": [c]} for c in claims}
    for row in [*lines, *(details or [])]:
        by_key.setdefault(row["ma_lk"], {}).setdefault(row["table"], []).append(row)
    return envelope_of(facility_code, prepared_on, list(by_key.values()), declared, wrap)
