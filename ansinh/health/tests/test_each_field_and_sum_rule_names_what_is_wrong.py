"""Each rule of the standard, broken once in a hand-written export: the record is refused on the field the rule
names, with the line and a reason that says what is wrong (QĐ 130 as amended by QĐ 4750; data/fields.csv)."""

import pytest

from ansinh.health.tests import envelopes as E
from ansinh.health.xml130 import read_envelope
from ansinh.health.xml130.spec import codes, rules, tables

FIELD_RULES = [  # (table, old text, new text, field, line, words of the reason)
    ("XML1", "<HO_TEN>TRẦN VĂN HÙNG</HO_TEN>", "<HO_TEN></HO_TEN>", "HO_TEN", None, "required"),
    ("XML1", "<MA_KHOA>K01</MA_KHOA>", "<MA_KHOA>" + "K" * 51 + "</MA_KHOA>", "MA_KHOA", None, "longer than 50"),
    (
        "XML1",
        "<NGAY_VAO>202506100815</NGAY_VAO>",
        "<NGAY_VAO>10/06/2025 08:15</NGAY_VAO>",
        "NGAY_VAO",
        None,
        "expected yyyymmddHHMM",
    ),
    ("XML1", "<NGAY_RA>202506101020</NGAY_RA>", "<NGAY_RA>202506311020</NGAY_RA>", "NGAY_RA", None, "not a real date"),
    (
        "XML1",
        "<NGAY_SINH>197805200000</NGAY_SINH>",
        "<NGAY_SINH>197800200000</NGAY_SINH>",
        "NGAY_SINH",
        None,
        "a day without a month",
    ),
    ("XML1", "<GIOI_TINH>1</GIOI_TINH>", "<GIOI_TINH>M</GIOI_TINH>", "GIOI_TINH", None, "not one of the codes 1, 2, 3"),
    (
        "XML1",
        "<MA_DOITUONG_KCB>1.1</MA_DOITUONG_KCB>",
        "<MA_DOITUONG_KCB>4.1</MA_DOITUONG_KCB>",
        "MA_DOITUONG_KCB",
        None,
        "patient_kind",
    ),
    (
        "XML1",
        "<MA_THE_BHYT>DN4424201234567</MA_THE_BHYT>",
        "<MA_THE_BHYT>DN44242012345</MA_THE_BHYT>",
        "MA_THE_BHYT",
        None,
        "15-character card",
    ),
    ("XML1", "<SO_CCCD>042078001234</SO_CCCD>", "<SO_CCCD>04207800123</SO_CCCD>", "SO_CCCD", None, "old ID (9 digits)"),
    (
        "XML1",
        "<MA_BENH_CHINH>E11</MA_BENH_CHINH>",
        "<MA_BENH_CHINH>E-11</MA_BENH_CHINH>",
        "MA_BENH_CHINH",
        None,
        "ICD-10",
    ),
    (
        "XML1",
        "<MA_BENH_KT>I10</MA_BENH_KT>",
        "<MA_BENH_KT>I10;" + ";".join(["E78"] * 12) + "</MA_BENH_KT>",
        "MA_BENH_KT",
        None,
        "more than 12 codes",
    ),
    ("XML1", "<T_VTYT>0.00</T_VTYT>", "<T_VTYT>0,00</T_VTYT>", "T_VTYT", None, "use a point"),
    ("XML1", "<CAN_NANG>64.50</CAN_NANG>", "<CAN_NANG>64.505</CAN_NANG>", "CAN_NANG", None, "more than 2 decimals"),
    (
        "XML1",
        "<SO_NGAY_DTRI>0</SO_NGAY_DTRI>",
        "<SO_NGAY_DTRI>0.5</SO_NGAY_DTRI>",
        "SO_NGAY_DTRI",
        None,
        "not a whole number",
    ),
    ("XML1", "<MA_CSKCB>42010</MA_CSKCB>", "<MA_CSKCB>4201</MA_CSKCB>", "MA_CSKCB", None, "5-character facility"),
    (
        "XML1",
        "<NGAY_TAI_KHAM>20250710</NGAY_TAI_KHAM>",
        "<NGAY_TAI_KHAM>20250710;20250732</NGAY_TAI_KHAM>",
        "NGAY_TAI_KHAM",
        None,
        "not a real date",
    ),
    ("XML2", "<DON_GIA>480.00</DON_GIA>", "<DON_GIA>480.0001</DON_GIA>", "DON_GIA", 1, "more than 3 decimals"),
    ("XML2", "<TYLE_TT_BH>100</TYLE_TT_BH>", "<TYLE_TT_BH>120</TYLE_TT_BH>", "TYLE_TT_BH", 1, "0–100"),
    ("XML2", "<TT_THAU>1572/QĐ-SYT;G1;N4;2024;42</TT_THAU>", "<TT_THAU></TT_THAU>", "TT_THAU", 1, "required"),
    ("XML2", "<SO_LUONG>60.00</SO_LUONG>", "<SO_LUONG>-60.00</SO_LUONG>", "SO_LUONG", 1, "must not be negative"),
    ("XML3", "<NGAY_TH_YL>202506100850</NGAY_TH_YL>", "<NGAY_TH_YL></NGAY_TH_YL>", "NGAY_TH_YL", 2, "required"),
    ("XML3", "<MA_NHOM>13</MA_NHOM>", "<MA_NHOM>20</MA_NHOM>", "MA_NHOM", 1, "cost_group"),
    ("XML4", "<TEN_CHI_SO>WBC</TEN_CHI_SO>", "<TEN_CHI_SO></TEN_CHI_SO>", "TEN_CHI_SO", 1, "required"),
    ("XML4", "<NGAY_KQ>202506100930</NGAY_KQ>", "<NGAY_KQ></NGAY_KQ>", "NGAY_KQ", 3, "required"),
]
SUM_RULES = [  # (table, old, new, field, line, words)
    (
        "XML2",
        "<THANH_TIEN_BV>28800.00</THANH_TIEN_BV>",
        "<THANH_TIEN_BV>28900.00</THANH_TIEN_BV>",
        "THANH_TIEN_BV",
        1,
        "SO_LUONG × DON_GIA = 28800",
    ),
    (
        "XML2",
        "<THANH_TIEN_BH>9600.00</THANH_TIEN_BH>",
        "<THANH_TIEN_BH>9500.00</THANH_TIEN_BH>",
        "THANH_TIEN_BH",
        2,
        "× TYLE_TT_BH/100 = 9600",
    ),
    (
        "XML3",
        "<TYLE_TT_DV>100</TYLE_TT_DV>",
        "<TYLE_TT_DV>30</TYLE_TT_DV>",
        "THANH_TIEN_BV",
        1,
        "TYLE_TT_DV/100 = 13500",
    ),
    (
        "XML2",
        "<T_NGUONKHAC_CL>0.00</T_NGUONKHAC_CL>",
        "<T_NGUONKHAC_CL>10.00</T_NGUONKHAC_CL>",
        "T_NGUONKHAC",
        1,
        "T_NGUONKHAC_CL = 10",
    ),
    (
        "XML2",
        "<T_BNCCT>0.00</T_BNCCT>",
        "<T_BNCCT>500.00</T_BNCCT>",
        "THANH_TIEN_BV",
        1,
        "T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = 29300",
    ),
    ("XML2", "<MUC_HUONG>100</MUC_HUONG>", "<MUC_HUONG>80</MUC_HUONG>", "T_BHTT", 1, "MUC_HUONG/100 = 23040"),
    ("XML2", "<NGUON_CTRA>1</NGUON_CTRA>", "<NGUON_CTRA>2</NGUON_CTRA>", "T_BHTT", 1, "NGUON_CTRA 2"),
    (
        "XML3",
        "<NGAY_TH_YL>202506100825</NGAY_TH_YL>",
        "<NGAY_TH_YL>202506100810</NGAY_TH_YL>",
        "NGAY_TH_YL",
        1,
        "before the order",
    ),
    ("XML3", "<STT>3</STT>", "<STT>2</STT>", "STT", 2, "used twice"),
    (
        "XML1",
        "<T_THUOC>38400.00</T_THUOC>",
        "<T_THUOC>38500.00</T_THUOC>",
        "T_THUOC",
        None,
        "sum of THANH_TIEN_BV (XML2)",
    ),
    ("XML1", "<T_VTYT>0.00</T_VTYT>", "<T_VTYT>10000.00</T_VTYT>", "T_VTYT", None, "MA_NHOM 10/11"),
    ("XML1", "<T_BNCCT>0.00</T_BNCCT>", "<T_BNCCT>100.00</T_BNCCT>", "T_BHTT", None, "T_TONGCHI_BH − T_BNCCT = 151000"),
    (
        "XML1",
        "<NGAY_RA>202506101020</NGAY_RA>",
        "<NGAY_RA>202506100800</NGAY_RA>",
        "NGAY_RA",
        None,
        "before the admission",
    ),
    (
        "XML1",
        "<MA_CSKCB>42010</MA_CSKCB>",
        "<MA_CSKCB>42011</MA_CSKCB>",
        "MA_CSKCB",
        None,
        "differs from the sender 42010",
    ),
]


def _errors(table, old, new):
    batch = read_envelope(E.envelope("42010", [E.edited("outpatient", **{table: [(old, new)]})]))
    assert batch.accepted() == []
    return batch.errors


@pytest.mark.parametrize(
    "table, old, new, field, line, words",
    FIELD_RULES + SUM_RULES,
    ids=[f"{r[3]}-{r[5][:24]}" for r in FIELD_RULES + SUM_RULES],
)
def test_the_rule_refuses_the_record_on_its_field_with_the_reason(table, old, new, field, line, words):
    found = [e for e in _errors(table, old, new) if e.field == field]
    assert found, f"no error on {field}"
    assert found[0].line == line and words in found[0].reason and found[0].ma_lk == E.KEYS["outpatient"]


def test_a_small_rounding_difference_on_a_line_is_accepted():
    batch = read_envelope(
        E.envelope(
            "42010",
            [
                E.edited(
                    "outpatient",
                    XML2=[
                        ("<THANH_TIEN_BV>28800.00</THANH_TIEN_BV>", "<THANH_TIEN_BV>28800.40</THANH_TIEN_BV>"),
                        ("<T_BHTT>28800.00</T_BHTT>", "<T_BHTT>28800.40</T_BHTT>"),
                        ("<THANH_TIEN_BH>28800.00</THANH_TIEN_BH>", "<THANH_TIEN_BH>28800.40</THANH_TIEN_BH>"),
                    ],
                )
            ],
        )
    )
    assert batch.errors == []


def test_the_rule_tables_name_a_source_for_every_field_and_code():
    assert all(r.source.startswith("QĐ") for fields in rules().values() for r in fields)
    assert set(rules()) == {"XML1", "XML2", "XML3", "XML4", "XML5"} and len(tables()) == 15
    assert {r.codes for fields in rules().values() for r in fields if r.codes} <= set(codes())
    assert [r.field for r in rules()["XML1"]][:6] == ["MA_LK", "STT", "MA_BN", "HO_TEN", "SO_CCCD", "NHOM_MAU"]
