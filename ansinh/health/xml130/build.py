"""Writing a GIAMDINHHS envelope from visit and line dicts (our keys, see fields.py): what a facility's
software sends. Used by the demo's claim generator, the tests and the benchmark."""
from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict

from lxml import etree

from ansinh.health.xml130.fields import ROW_TAG, SPECS

_LIST_TAG = {"XML2": ("CHITIEU_CHITIET_THUOC", "DSACH_CHI_TIET_THUOC"), "XML3": ("CHITIEU_CHITIET_DVKT_VTYT", "DSACH_CHI_TIET_DVKT")}
_MOMENT_KEYS = {"admitted", "discharged"}


def _format(key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) or key in _MOMENT_KEYS:
        return value.strftime("%Y%m%d%H%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _row(parent, table: str, data: dict) -> None:
    row = etree.SubElement(parent, ROW_TAG[table])
    for tag, key, _convert, _required in SPECS[table]:
        if key in data:
            etree.SubElement(row, tag).text = _format(key, data[key])
    for tag, value in data.get("_extra", {}).items():  # lets tests send odd fields
        etree.SubElement(row, tag).text = value


def table_xml(table: str, rows: list[dict]) -> bytes:
    if table == "XML1":
        root = etree.Element("CHITIEU_TONGHOP")
        _row(root, table, rows[0])
    else:
        root = etree.Element(_LIST_TAG[table][0])
        listing = etree.SubElement(root, _LIST_TAG[table][1])
        for row in rows:
            _row(listing, table, row)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _file(hoso, table: str, content: bytes) -> None:
    node = etree.SubElement(hoso, "FILEHOSO")
    etree.SubElement(node, "LOAIHOSO").text = table
    etree.SubElement(node, "NOIDUNGFILE").text = base64.b64encode(content).decode()


def envelope(facility_code: str, prepared_on: dt.date, claims: list[dict], lines: list[dict], declared: int | None = None) -> bytes:
    root = etree.Element("GIAMDINHHS")
    etree.SubElement(etree.SubElement(root, "THONGTINDONVI"), "MACSKCB").text = facility_code
    info = etree.SubElement(root, "THONGTINHOSO")
    etree.SubElement(info, "NGAYLAP").text = prepared_on.strftime("%Y%m%d")
    etree.SubElement(info, "SOLUONGHOSO").text = str(len(claims) if declared is None else declared)
    listing = etree.SubElement(info, "DANHSACHHOSO")
    by_claim = defaultdict(lambda: defaultdict(list))
    for line in lines:
        by_claim[line["ma_lk"]][line["table"]].append(line)
    for claim in claims:
        hoso = etree.SubElement(listing, "HOSO")
        _file(hoso, "XML1", table_xml("XML1", [claim]))
        for table in ("XML2", "XML3"):
            if by_claim[claim["ma_lk"]][table]:
                _file(hoso, table, table_xml(table, by_claim[claim["ma_lk"]][table]))
    etree.SubElement(root, "CHUKYDONVI").text = ""  # the facility's XML signature goes here (not verified by the demo)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
