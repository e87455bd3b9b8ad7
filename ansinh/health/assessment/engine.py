"""The assessment engine: pure Polars over frames (no ORM), so 100,000 claims with their lines assess in seconds
and the same definitions could move to a distributed engine.

Inputs (frames): claims, lines, coverage, catalogue, facilities, history (claims assessed before, not rejected).
Outputs: claims with outcome and amounts, lines with the allowed amount, findings (claim, line, rule, reason, amount).
"""
from __future__ import annotations

import polars as pl

from ansinh.health import claim_rules
from ansinh.health.assessment import rules as R

FINDING_SCHEMA = {"claim_id": pl.Int64, "line_id": pl.Int64, "rule": pl.String, "reason": pl.String, "amount": pl.Int64}


def _number(name: str) -> pl.Expr:
    """A quantity as text without a trailing .0 (reasons are language-neutral: figures and codes only)."""
    return pl.col(name).cast(pl.String).str.replace(r"\.0$", "")


def _finding(frame: pl.DataFrame, rule: str, reason: pl.Expr, amount: pl.Expr | None = None, line: bool = False) -> pl.DataFrame:
    return frame.select(pl.col("claim_id").cast(pl.Int64), (pl.col("line_id") if line else pl.lit(None)).cast(pl.Int64).alias("line_id"),
                        pl.lit(rule).alias("rule"), reason.alias("reason"), (amount if amount is not None else pl.lit(0)).cast(pl.Int64).alias("amount"))


def assess_lines(lines: pl.DataFrame, claims: pl.DataFrame, catalogue: pl.DataFrame) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Each line against the catalogue: not listed (cut all), above the reference price, over the quantity limit."""
    days = claims.select(pl.col("id").alias("claim_id"), pl.max_horizontal(pl.col("days"), pl.lit(1)).alias("days"))
    x = (lines.rename({"id": "line_id"}).join(catalogue, on="code", how="left").join(days, on="claim_id", how="left")
         .with_columns(pl.col("reference_price").is_null().alias("unlisted"),
                       pl.when(pl.col("per_day")).then(pl.col("max_quantity") * pl.col("days")).otherwise(pl.col("max_quantity")).alias("limit")))
    price = pl.min_horizontal(pl.col("unit_price"), pl.col("reference_price"))
    qty = pl.min_horizontal(pl.col("quantity"), pl.col("limit"))
    x = x.with_columns(pl.when(pl.col("unlisted")).then(0).otherwise((qty * price).round(0).cast(pl.Int64)).alias("allowed"))
    x = x.with_columns(pl.min_horizontal(pl.col("allowed"), pl.col("amount")).alias("allowed"))
    over_price = x.filter(~pl.col("unlisted") & (pl.col("unit_price") > pl.col("reference_price")))
    over_qty = x.filter(~pl.col("unlisted") & (pl.col("quantity") > pl.col("limit")))
    findings = [
        _finding(x.filter(pl.col("unlisted")), R.NOT_LISTED, pl.col("code"), pl.col("amount"), True),
        _finding(over_price, R.ABOVE_PRICE, pl.format("{} > {}", pl.col("unit_price"), pl.col("reference_price")),
                 ((pl.col("unit_price") - pl.col("reference_price")) * pl.min_horizontal(pl.col("quantity"), pl.col("limit"))).round(0), True),
        _finding(over_qty, R.OVER_QUANTITY, pl.format("{} > {}", _number("quantity"), pl.col("limit")),
                 ((pl.col("quantity") - pl.col("limit")) * pl.min_horizontal(pl.col("unit_price"), pl.col("reference_price"))).round(0), True),
    ]
    return x.select("line_id", "claim_id", "allowed", "amount"), findings


def _coverage_check(claims: pl.DataFrame, coverage: pl.DataFrame) -> pl.DataFrame:
    x = claims.join(coverage, on="person_id", how="left")
    valid = ((pl.col("status") == "active") & (pl.col("valid_from") <= pl.col("admitted").dt.date())
             & (pl.col("valid_to") >= pl.col("discharged").dt.date()))
    return x.with_columns(valid.fill_null(False).alias("covered"))


def _pairs(claims: pl.DataFrame, history: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Duplicates (same person, facility and admission) and overlapping inpatient stays, against earlier claims."""
    cols = ["id", "person_id", "facility_id", "admitted", "discharged", "visit_type"]
    earlier = pl.concat([history.select(cols), claims.select(cols)]).filter(pl.col("person_id").is_not_null())
    pairs = claims.filter(pl.col("person_id").is_not_null()).select(cols).join(earlier, on="person_id", suffix="_o").filter(pl.col("id_o") < pl.col("id"))
    dup = pairs.filter((pl.col("facility_id") == pl.col("facility_id_o")) & (pl.col("admitted") == pl.col("admitted_o")))
    dup = dup.group_by("id").agg(pl.col("id_o").min().alias("other"))
    inpatient = pl.col("visit_type").is_in(list(claim_rules.INPATIENT_TYPES)) & pl.col("visit_type_o").is_in(list(claim_rules.INPATIENT_TYPES))
    overlap = pairs.filter(inpatient & (pl.col("admitted") < pl.col("discharged_o")) & (pl.col("admitted_o") < pl.col("discharged")))
    overlap = overlap.join(dup, on="id", how="anti").group_by("id").agg(pl.col("id_o").min().alias("other"))
    return dup, overlap


def _five_years_exempt(x: pl.DataFrame, history: pl.DataFrame, cap: int) -> pl.Expr:
    """Exempt once five consecutive years are reached and the co-payments of the calendar year passed the cap
    (co-payments of assessed claims, then those of this batch in order of admission)."""
    year = pl.col("admitted").dt.year().alias("year")
    before = history.group_by("person_id", history.select(year)["year"]).agg(pl.col("copay_amount").sum().alias("paid_before"))
    ordered = (x.with_columns(year).sort("admitted")
               .with_columns((pl.col("copay_claimed").cum_sum().over("person_id", "year") - pl.col("copay_claimed")).alias("paid_batch"))
               .join(before, on=["person_id", "year"], how="left")
               .with_columns(((pl.col("five_years_from") <= pl.col("admitted").dt.date())
                              & (pl.col("paid_batch") + pl.col("paid_before").fill_null(0) >= cap)).fill_null(False).alias("exempt")))
    return ordered.select("id", "exempt")


def _pay(x: pl.DataFrame, pay: claim_rules.PayRules) -> pl.DataFrame:
    """Fund part of each covered claim by the law (claim_rules.pay_visit, the tested pure function)."""
    cols = ["id", "allowed_total", "benefit_pct", "patient_kind", "registered_here", "visit_type", "level", "former_district", "exempt"]
    out = {"id": [], "case": [], "level_pct": [], "route_pct": [], "fund_due": []}
    for cid, cost, benefit, kind, here, vtype, level, former, exempt in x.select(cols).iter_rows():
        paid = claim_rules.pay_visit(cost, benefit or 0, kind, bool(here), vtype, level, bool(former), pay, bool(exempt))
        out["id"].append(cid)
        out["case"].append(paid["case"])
        out["level_pct"].append(paid["level_pct"])
        out["route_pct"].append(paid["route_pct"])
        out["fund_due"].append(paid["fund"])
    return pl.DataFrame(out, schema={"id": pl.Int64, "case": pl.String, "level_pct": pl.Int64, "route_pct": pl.Int64, "fund_due": pl.Int64})


def assess(frames: dict[str, pl.DataFrame], pay: claim_rules.PayRules, tolerance: int = 1) -> dict[str, pl.DataFrame]:
    claims, history = frames["claims"], frames["history"]
    line_out, findings = assess_lines(frames["lines"], claims, frames["catalogue"])
    allowed = line_out.group_by("claim_id").agg(pl.col("allowed").sum().alias("allowed_total"), pl.col("amount").sum().alias("lines_total"),
                                                pl.len().alias("n_lines"))
    x = (_coverage_check(claims, frames["coverage"]).join(frames["facilities"], left_on="facility_id", right_on="fid", how="left")
         .join(allowed, left_on="id", right_on="claim_id", how="left")
         .with_columns(pl.col("allowed_total").fill_null(0), pl.col("lines_total").fill_null(0), pl.col("n_lines").fill_null(0),
                       (pl.col("registered_facility_id") == pl.col("facility_id")).fill_null(False).alias("registered_here")))
    x = x.join(_five_years_exempt(x, history, pay.five_years_copay_cap), on="id", how="left")
    x = x.join(_pay(x, pay), on="id", how="left")
    dup, overlap = _pairs(claims, history)
    x = x.join(dup.rename({"other": "dup_of"}), on="id", how="left").join(overlap.rename({"other": "overlaps"}), on="id", how="left")
    findings += _claim_findings(x, tolerance)
    return {"claims": _outcomes(x, tolerance), "lines": line_out, "findings": pl.concat(findings).cast(FINDING_SCHEMA)}


def _claim_findings(x: pl.DataFrame, tolerance: int) -> list[pl.DataFrame]:
    x = x.rename({"id": "claim_id"}).with_columns((pl.lit(tolerance) * pl.max_horizontal(pl.col("n_lines"), pl.lit(1))).alias("tol"))
    no_card = pl.when(pl.col("person_id").is_null()).then(pl.lit("CCCD ∅")).when(pl.col("status").is_null()).then(
        pl.lit("050")).otherwise(pl.format("{} {} – {}", pl.col("status"), pl.col("valid_from"), pl.col("valid_to")))
    at_claimed = (pl.col("hi_total") * pl.col("level_pct") * pl.col("route_pct") + 5000) // 10000
    benefit_cut = pl.col("fund_claimed") - at_claimed
    totals_off = ((pl.col("lines_total") - pl.col("hi_total")).abs() > pl.col("tol")) | (
        (pl.col("fund_claimed") - (pl.col("hi_total") - pl.col("copay_claimed"))).abs() > pl.col("tol"))
    ok = pl.col("covered") & pl.col("dup_of").is_null()
    return [
        _finding(x.filter(~pl.col("covered")), R.NO_COVERAGE, no_card, pl.col("fund_claimed")),
        _finding(x.filter(pl.col("covered") & pl.col("dup_of").is_not_null()), R.DUPLICATE,
                 pl.format("#{}", pl.col("dup_of")), pl.col("fund_claimed")),
        _finding(x.filter(ok & pl.col("overlaps").is_not_null()), R.OVERLAP, pl.format("#{}", pl.col("overlaps"))),
        _finding(x.filter(ok & totals_off), R.TOTALS, pl.format("lines {} · T_TONGCHI_BH {} · T_BNCCT {} · T_BHTT {}", pl.col("lines_total"),
                                                                   pl.col("hi_total"), pl.col("copay_claimed"), pl.col("fund_claimed"))),
        _finding(x.filter(ok & (benefit_cut > pl.col("tol"))), R.BENEFIT,
                 pl.format("{}% × {}%: {} < {}", pl.col("level_pct"), pl.col("route_pct"), at_claimed, pl.col("fund_claimed")), benefit_cut),
    ]


def _outcomes(x: pl.DataFrame, tolerance: int) -> pl.DataFrame:
    rejected = ~pl.col("covered") | pl.col("dup_of").is_not_null()
    fund = pl.min_horizontal(pl.col("fund_due"), pl.col("fund_claimed"))
    tol = pl.lit(tolerance) * pl.max_horizontal(pl.col("n_lines"), pl.lit(1))
    totals_off = (pl.col("lines_total") - pl.col("hi_total")).abs() > tol
    x = x.with_columns(pl.when(rejected).then(0).otherwise(fund).alias("fund_amount"),
                       pl.when(rejected).then(0).otherwise(pl.col("allowed_total")).alias("allowed_total"))
    outcome = pl.when(rejected).then(pl.lit("rejected")).when(pl.col("fund_amount") < pl.col("fund_claimed") - tol).then(
        pl.lit("adjusted")).otherwise(pl.lit("accepted"))
    x = x.with_columns(outcome.alias("outcome"))
    review = pl.when((pl.col("outcome") != "accepted") | pl.col("overlaps").is_not_null() | totals_off).then(pl.lit("to_review")).otherwise(pl.lit("none"))
    return x.select("id", "outcome", "allowed_total", "fund_amount", (pl.col("allowed_total") - pl.col("fund_amount")).alias("copay_amount"),
                    pl.col("level_pct").fill_null(0).alias("benefit_pct"), pl.col("route_pct").fill_null(0), review.alias("review"))
