"""The amounts of a record checked as the standard defines them, set-based over all records of an envelope.

Lines (XML2 drugs, XML3 services and supplies), QĐ 130 Bảng 2 mục 20–30 and Bảng 3 mục 19–30 as amended by QĐ 4750:
  THANH_TIEN_BV = SO_LUONG × DON_GIA_BV × TYLE_TT_DV/100 (XML2: SO_LUONG × DON_GIA)
  THANH_TIEN_BH = SO_LUONG × DON_GIA_BH × TYLE_TT_DV/100 × TYLE_TT_BH/100 (XML2: × TYLE_TT_BH/100; capped by T_TRANTT)
  T_NGUONKHAC = the four other sources; THANH_TIEN_BV = T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC;
  T_BHTT = THANH_TIEN_BH × MUC_HUONG/100, less what other sources paid; out of scope (PHAM_VI 2): nothing from the fund.
Prices are used as sent (up to 3 decimals, never rounded first); each amount may be rounded to 2 decimals or to the
đồng, so a difference up to the tolerance (policy pack) per line is accepted, and per line summed for a record.
Record (XML1, Bảng 1 mục 44–51): T_THUOC, T_VTYT, T_TONGCHI_BV are sums of THANH_TIEN_BV (hospital prices),
T_TONGCHI_BH, T_BNTT, T_BNCCT, T_BHTT, T_NGUONKHAC sums of the same fields of the lines;
T_BHTT = T_TONGCHI_BH − T_BNCCT."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as _

from ansinh.health.xml130.spec import codes

ERROR_COLS = ["_rec", "table", "_line", "field", "reason"]


def _num(expr: pl.Expr) -> pl.Expr:
    return expr.round(2).cast(pl.String).str.replace(r"\.0$", "")


def _err(
    frame: pl.DataFrame, wrong: pl.Expr, table: str | pl.Expr, field: str, reason: pl.Expr, line: bool = True
) -> pl.DataFrame:
    return frame.filter(wrong.fill_null(False)).select(
        pl.col("_rec"),
        (table if isinstance(table, pl.Expr) else pl.lit(table)).alias("table"),
        (pl.col("_line") if line else pl.lit(None, dtype=pl.Int64)).cast(pl.Int64).alias("_line"),
        pl.lit(field).alias("field"),
        reason.alias("reason"),
    )


def _formula(value: str, expected: pl.Expr, text: str) -> pl.Expr:
    return pl.format("{} ≠ " + text + " = {}", _num(pl.col(value)), _num(expected))


def check_lines(lines: pl.DataFrame, tol: float) -> pl.DataFrame:
    x = lines.with_columns(
        (pl.col("quantity") * pl.col("hospital_price") * pl.col("service_rate") / 100).alias("_bv"),
        (pl.col("quantity") * pl.col("unit_price") * pl.col("service_rate") / 100 * pl.col("hi_rate") / 100).alias(
            "_bh"
        ),
        (pl.col("_nsnn") + pl.col("_vtnn") + pl.col("_vttn") + pl.col("_cl")).alias("_other"),
        (pl.col("patient_paid") + pl.col("copay_claimed") + pl.col("fund_claimed") + pl.col("other_sources")).alias(
            "_split"
        ),
        (pl.col("amount") * pl.col("level_pct") / 100).alias("_due"),
    )
    drug = pl.col("table") == "XML2"
    bv_text = (
        pl.when(drug).then(pl.lit("SO_LUONG × DON_GIA")).otherwise(pl.lit("SO_LUONG × DON_GIA_BV × TYLE_TT_DV/100"))
    )
    bh_text = (
        pl.when(drug)
        .then(pl.lit("SO_LUONG × DON_GIA × TYLE_TT_BH/100"))
        .otherwise(pl.lit("SO_LUONG × DON_GIA_BH × TYLE_TT_DV/100 × TYLE_TT_BH/100"))
    )
    capped = pl.col("_cap").is_not_null() & (pl.col("_cap") > 0)
    bh_off = (
        pl.when(capped)
        .then(pl.col("amount") > pl.col("_bh") + tol)
        .otherwise((pl.col("amount") - pl.col("_bh")).abs() > tol)
    )
    out_of_scope = pl.col("scope") == "2"
    found = [
        _err(
            x,
            (pl.col("hospital_amount") - pl.col("_bv")).abs() > tol,
            pl.col("table"),
            "THANH_TIEN_BV",
            pl.format("{} ≠ {} = {}", _num(pl.col("hospital_amount")), bv_text, _num(pl.col("_bv"))),
        ),
        _err(
            x,
            bh_off,
            pl.col("table"),
            "THANH_TIEN_BH",
            pl.format("{} ≠ {} = {}", _num(pl.col("amount")), bh_text, _num(pl.col("_bh"))),
        ),
        _err(
            x,
            out_of_scope & ((pl.col("amount") > tol) | (pl.col("fund_claimed") > tol)),
            pl.col("table"),
            "PHAM_VI",
            pl.format(
                _("out of HI scope (PHAM_VI 2) but THANH_TIEN_BH {} and T_BHTT {} are not 0"),
                _num(pl.col("amount")),
                _num(pl.col("fund_claimed")),
            ),
        ),
        _err(
            x,
            (pl.col("other_sources") - pl.col("_other")).abs() > tol,
            pl.col("table"),
            "T_NGUONKHAC",
            _formula(
                "other_sources",
                pl.col("_other"),
                "T_NGUONKHAC_NSNN + T_NGUONKHAC_VTNN + T_NGUONKHAC_VTTN + T_NGUONKHAC_CL",
            ),
        ),
        _err(
            x,
            (pl.col("hospital_amount") - pl.col("_split")).abs() > tol,
            pl.col("table"),
            "THANH_TIEN_BV",
            pl.format(
                "{} ≠ T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = {}",
                _num(pl.col("hospital_amount")),
                _num(pl.col("_split")),
            ),
        ),
        _err(
            x,
            pl.col("fund_claimed") > pl.col("_due") + tol,
            pl.col("table"),
            "T_BHTT",
            pl.format("{} > THANH_TIEN_BH × MUC_HUONG/100 = {}", _num(pl.col("fund_claimed")), _num(pl.col("_due"))),
        ),
        _err(
            x,
            pl.col("fund_claimed") < pl.col("_due") - pl.col("other_sources") - tol,
            pl.col("table"),
            "T_BHTT",
            pl.format(
                "{} < THANH_TIEN_BH × MUC_HUONG/100 − T_NGUONKHAC = {}",
                _num(pl.col("fund_claimed")),
                _num(pl.col("_due") - pl.col("other_sources")),
            ),
        ),
        _err(
            x,
            drug & pl.col("_drug_source").is_in(["2", "3", "4"]) & (pl.col("fund_claimed") > tol),
            "XML2",
            "T_BHTT",
            pl.format(
                _("the drug is paid from another source (NGUON_CTRA {}), the fund pays nothing: {}"),
                pl.col("_drug_source"),
                _num(pl.col("fund_claimed")),
            ),
        ),
        _err(
            x,
            ~drug & pl.col("service_code").is_null() & pl.col("supply_code").is_null(),
            "XML3",
            "MA_DICH_VU",
            pl.lit(_("give MA_DICH_VU or MA_VAT_TU")),
        ),
        _err(
            x,
            pl.col("performed_at") < pl.col("ordered_at"),
            pl.col("table"),
            "NGAY_TH_YL",
            pl.format(_("before the order NGAY_YL {}"), pl.col("ordered_at").dt.strftime("%Y%m%d%H%M")),
        ),
        _err(
            x.filter(pl.col("_line").is_not_null() & pl.col("_line").is_duplicated().over("_rec", "table")),
            pl.lit(True),
            pl.col("table"),
            "STT",
            pl.lit(_("line number used twice in the table")),
        ),
    ]
    return pl.concat(found)


def check_records(visits: pl.DataFrame, lines: pl.DataFrame, facility_code: str, tol: float) -> pl.DataFrame:
    supply = list(codes()["supply_group"])
    sums = lines.group_by("_rec").agg(
        pl.col("hospital_amount").filter(pl.col("table") == "XML2").sum().alias("s_drugs"),
        pl.col("hospital_amount").filter(pl.col("cost_group").is_in(supply)).sum().alias("s_supplies"),
        *[
            pl.col(c).sum().alias(f"s_{c}")
            for c in ("hospital_amount", "amount", "patient_paid", "copay_claimed", "fund_claimed", "other_sources")
        ],
        pl.len().alias("n_lines"),
    )
    x = visits.join(sums, on="_rec", how="left").with_columns(
        pl.col(r"^s_.*$").fill_null(0),
        (pl.lit(tol) * pl.max_horizontal(pl.col("n_lines").fill_null(0), pl.lit(1))).alias("_tol"),
    )
    pairs = [
        ("drugs_total", "s_drugs", "T_THUOC", "THANH_TIEN_BV (XML2)"),
        ("supplies_total", "s_supplies", "T_VTYT", "THANH_TIEN_BV (XML3, MA_NHOM 10/11)"),
        ("hospital_total", "s_hospital_amount", "T_TONGCHI_BV", "THANH_TIEN_BV"),
        ("hi_total", "s_amount", "T_TONGCHI_BH", "THANH_TIEN_BH"),
        ("patient_paid", "s_patient_paid", "T_BNTT", "T_BNTT"),
        ("copay_claimed", "s_copay_claimed", "T_BNCCT", "T_BNCCT"),
        ("fund_claimed", "s_fund_claimed", "T_BHTT", "T_BHTT"),
        ("other_sources", "s_other_sources", "T_NGUONKHAC", "T_NGUONKHAC"),
    ]
    found = [
        _err(
            x,
            (pl.col(value) - pl.col(summed)).abs() > pl.col("_tol"),
            "XML1",
            field,
            pl.format(
                _("{} ≠ the sum of {} over the lines = {}"), _num(pl.col(value)), pl.lit(what), _num(pl.col(summed))
            ),
            False,
        )
        for value, summed, field, what in pairs
    ]
    gap = pl.col("hi_total") - pl.col("copay_claimed") - pl.col("fund_claimed")
    found += [
        _err(
            x,
            (gap < -tol) | (gap > pl.col("other_sources") + tol),
            "XML1",
            "T_BHTT",
            _formula("fund_claimed", pl.col("hi_total") - pl.col("copay_claimed"), "T_TONGCHI_BH − T_BNCCT"),
            False,
        ),
        _err(
            x,
            pl.col("discharged") < pl.col("admitted"),
            "XML1",
            "NGAY_RA",
            pl.format(_("before the admission NGAY_VAO {}"), pl.col("admitted").dt.strftime("%Y%m%d%H%M")),
            False,
        ),
        _err(
            x,
            pl.col("inpatient_from") < pl.col("admitted"),
            "XML1",
            "NGAY_VAO_NOI_TRU",
            pl.format(_("before the admission NGAY_VAO {}"), pl.col("admitted").dt.strftime("%Y%m%d%H%M")),
            False,
        ),
        _err(
            x,
            pl.col("birth_date") > pl.col("admitted").dt.date(),
            "XML1",
            "NGAY_SINH",
            pl.lit(_("after the admission")),
            False,
        ),
        _err(
            x,
            ~pl.col("settle_month").is_between(1, 12),
            "XML1",
            "THANG_QT",
            pl.format(_("a month is 1–12: {}"), pl.col("settle_month")),
            False,
        ),
        _err(
            x,
            pl.col("facility_code") != facility_code,
            "XML1",
            "MA_CSKCB",
            pl.format(_("{} differs from the sender {}"), pl.col("facility_code"), pl.lit(facility_code)),
            False,
        ),
        _err(
            x,
            pl.col("cccd").is_null() & (pl.col("cards").list.len().fill_null(0) == 0),
            "XML1",
            "SO_CCCD",
            pl.lit(_("give the CCCD or the card code (MA_THE_BHYT)")),
            False,
        ),
    ]
    for field, key in (("MA_DKBD", "registered_codes"), ("GT_THE_TU", "card_from"), ("GT_THE_DEN", "card_to")):
        n_cards, n = pl.col("cards").list.len().fill_null(0), pl.col(key).list.len().fill_null(0)
        found.append(
            _err(
                x,
                (n_cards > 0) & (n != n_cards),
                "XML1",
                field,
                pl.format(_("{} values for {} cards in MA_THE_BHYT"), n, n_cards),
                False,
            )
        )
    return pl.concat(found)
