"""The assessment engine: pure Polars over frames (no ORM), so 100,000 claims with their lines assess in seconds
and the same definitions could move to a distributed engine.

Inputs (frames): claims, lines, coverage, catalogue, facilities, history (claims assessed before, not rejected).
Outputs: claims with outcome and amounts, lines with the allowed amount, findings (claim, line, rule, reason, amount).
"""

from __future__ import annotations

import polars as pl

from ansinh.health import claim_rules
from ansinh.health.assessment import rules as R

FINDING_SCHEMA = {
    "claim_id": pl.Int64,
    "line_id": pl.Int64,
    "rule": pl.String,
    "reason": pl.String,
    "amount": pl.Int64,
    "params": pl.String,
}


def _number(name: str) -> pl.Expr:
    """A quantity or price as text without a trailing .0 (reasons are language-neutral: figures and codes only)."""
    return pl.col(name).round(3).cast(pl.String).str.replace(r"\.0$", "")


def _params(**values: pl.Expr) -> pl.Expr:
    """The figures of a finding as a JSON object, so pages word them in the reader's language (rules.describe)."""
    return pl.struct(**values).struct.json_encode()


def _finding(
    frame: pl.DataFrame,
    rule: str,
    reason: pl.Expr,
    amount: pl.Expr | None = None,
    line: bool = False,
    params: pl.Expr | None = None,
) -> pl.DataFrame:
    return frame.select(
        pl.col("claim_id").cast(pl.Int64),
        (pl.col("line_id") if line else pl.lit(None)).cast(pl.Int64).alias("line_id"),
        pl.lit(rule).alias("rule"),
        reason.alias("reason"),
        (amount if amount is not None else pl.lit(0)).cast(pl.Int64).alias("amount"),
        (params if params is not None else pl.lit("{}")).alias("params"),
    )


def assess_lines(
    lines: pl.DataFrame, claims: pl.DataFrame, catalogue: pl.DataFrame
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Each line within HI scope against the catalogue: not listed (cut all), above the reference price, over the
    quantity limit. The allowed amount keeps the line's rates (TYLE_TT_DV × TYLE_TT_BH) and the price as sent;
    lines out of scope (PHAM_VI 2, nothing claimed from the fund) are left as they are."""
    days = claims.select(pl.col("id").alias("claim_id"), pl.max_horizontal(pl.col("days"), pl.lit(1)).alias("days"))
    x = lines.rename({"id": "line_id"}).join(catalogue, on="code", how="left").join(days, on="claim_id", how="left")
    x = x.with_columns(
        ((pl.col("scope") != "2") & (pl.col("amount") > 0)).alias("in_scope"),
        (pl.col("service_rate").fill_null(100) * pl.col("hi_rate").fill_null(100) / 10000).alias("rate"),
    )
    x = x.with_columns(
        (pl.col("in_scope") & pl.col("reference_price").is_null()).alias("unlisted"),
        pl.when(pl.col("per_day"))
        .then(pl.col("max_quantity") * pl.col("days"))
        .otherwise(pl.col("max_quantity"))
        .alias("limit"),
    )
    checked = pl.col("in_scope") & ~pl.col("unlisted")
    price = pl.min_horizontal(pl.col("unit_price"), pl.col("reference_price"))
    qty = pl.min_horizontal(pl.col("quantity"), pl.col("limit"))
    x = x.with_columns(
        pl.when(pl.col("unlisted"))
        .then(0)
        .when(checked)
        .then((qty * price * pl.col("rate")).round(0).cast(pl.Int64))
        .otherwise(pl.col("amount"))
        .alias("allowed")
    )
    x = x.with_columns(pl.min_horizontal(pl.col("allowed"), pl.col("amount")).alias("allowed"))
    over_price = x.filter(checked & (pl.col("unit_price") > pl.col("reference_price")))
    over_qty = x.filter(checked & (pl.col("quantity") > pl.col("limit")))
    findings = [
        _finding(
            x.filter(pl.col("unlisted")),
            R.NOT_LISTED,
            pl.col("code"),
            pl.col("amount"),
            True,
            _params(code=pl.col("code")),
        ),
        _finding(
            over_price,
            R.ABOVE_PRICE,
            pl.format("{} > {}", _number("unit_price"), pl.col("reference_price")),
            (
                (pl.col("unit_price") - pl.col("reference_price"))
                * pl.min_horizontal(pl.col("quantity"), pl.col("limit"))
                * pl.col("rate")
            ).round(0),
            True,
            _params(price=pl.col("unit_price").round(3), reference=pl.col("reference_price")),
        ),
        _finding(
            over_qty,
            R.OVER_QUANTITY,
            pl.format("{} > {}", _number("quantity"), pl.col("limit")),
            (
                (pl.col("quantity") - pl.col("limit"))
                * pl.min_horizontal(pl.col("unit_price"), pl.col("reference_price"))
                * pl.col("rate")
            ).round(0),
            True,
            _params(quantity=pl.col("quantity").round(3), limit=pl.col("limit")),
        ),
    ]
    return x.select("line_id", "claim_id", "allowed", "amount"), findings


def _coverage_check(claims: pl.DataFrame, coverage: pl.DataFrame) -> pl.DataFrame:
    x = claims.join(coverage, on="person_id", how="left")
    valid = (
        (pl.col("status") == "active")
        & (pl.col("valid_from") <= pl.col("admitted").dt.date())
        & (pl.col("valid_to") >= pl.col("discharged").dt.date())
    )
    return x.with_columns(valid.fill_null(False).alias("covered"))


def _pairs(
    claims: pl.DataFrame, history: pl.DataFrame, inpatient_types: frozenset
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Duplicates (same person, facility and admission) and overlapping inpatient stays, against earlier claims."""
    cols = ["id", "person_id", "facility_id", "admitted", "discharged", "visit_type"]
    earlier = pl.concat([history.select(cols), claims.select(cols)]).filter(pl.col("person_id").is_not_null())
    pairs = (
        claims.filter(pl.col("person_id").is_not_null())
        .select(cols)
        .join(earlier, on="person_id", suffix="_o")
        .filter(pl.col("id_o") < pl.col("id"))
    )
    dup = pairs.filter(
        (pl.col("facility_id") == pl.col("facility_id_o")) & (pl.col("admitted") == pl.col("admitted_o"))
    )
    dup = dup.group_by("id").agg(pl.col("id_o").min().alias("other"))
    inpatient = pl.col("visit_type").is_in(list(inpatient_types)) & pl.col("visit_type_o").is_in(list(inpatient_types))
    overlap = pairs.filter(
        inpatient & (pl.col("admitted") < pl.col("discharged_o")) & (pl.col("admitted_o") < pl.col("discharged"))
    )
    overlap = overlap.join(dup, on="id", how="anti").group_by("id").agg(pl.col("id_o").min().alias("other"))
    return dup, overlap


def _ledger(history: pl.DataFrame, batch_ids: pl.Series, pay: claim_rules.PayRules) -> dict[int, list[tuple]]:
    """Co-payments already made, per person: (admitted, co-payment) of claims assessed before, in time order; those
    of self-referred visits do not count towards the yearly threshold (policy pack)."""
    counted = history.filter(~pl.col("id").is_in(batch_ids.implode()))
    if not pay.counts_self_referred:
        counted = counted.filter(pl.col("route_case").fill_null("") != claim_rules.OUTSIDE)
    ledger: dict[int, list[tuple]] = {}
    for person, admitted, copay in counted.sort("admitted").select("person_id", "admitted", "copay_amount").iter_rows():
        ledger.setdefault(person, []).append((admitted, copay or 0))
    return ledger


def _paid_before(past: list[tuple], admitted) -> int:
    return sum(copay for when, copay in past if when.year == admitted.year and when < admitted)


def _pay(x: pl.DataFrame, history: pl.DataFrame, pay: claim_rules.PayRules, rules_on) -> pl.DataFrame:
    """Fund part of each covered claim by the law in force on its admission day (claim_rules.pay_visit, the tested
    pure function), in order of admission per person, so each visit sees the co-payments of the year before it
    (5-consecutive-years threshold)."""
    ledger = _ledger(history, x["id"], pay)
    cols = [
        "id",
        "person_id",
        "admitted",
        "allowed_total",
        "benefit_pct",
        "patient_kind",
        "registered_here",
        "visit_type",
        "level",
        "former_district",
        "five_years_on",
        "exempt_on",
    ]
    out = {"id": [], "case": [], "level_pct": [], "route_pct": [], "fund_due": []}
    made: dict[tuple, int] = {}
    for cid, person, admitted, cost, benefit, kind, here, vtype, level, former, five_on, exempt_on in (
        x.sort("person_id", "admitted").select(cols).iter_rows()
    ):
        day = admitted.date() if admitted else None
        paid = _paid_before(ledger.get(person, []), admitted) + made.get((person, admitted.year), 0) if admitted else 0
        result = claim_rules.pay_visit(
            cost,
            benefit or 0,
            kind,
            bool(here),
            vtype,
            level,
            bool(former),
            rules_on(day) if day else pay,
            five_years_exempt=bool(exempt_on and day and exempt_on <= day),
            five_years=bool(five_on and day and five_on <= day),
            paid_in_year=paid,
        )
        if result["case"] != claim_rules.OUTSIDE or pay.counts_self_referred:
            made[(person, admitted.year)] = made.get((person, admitted.year), 0) + result["copay"]
        for key, value in (
            ("id", cid),
            ("case", result["case"]),
            ("level_pct", result["level_pct"]),
            ("route_pct", result["route_pct"]),
            ("fund_due", result["fund"]),
        ):
            out[key].append(value)
    return pl.DataFrame(
        out,
        schema={"id": pl.Int64, "case": pl.String, "level_pct": pl.Int64, "route_pct": pl.Int64, "fund_due": pl.Int64},
    )


def assess(
    frames: dict[str, pl.DataFrame], pay: claim_rules.PayRules, tolerance: int = 1, rules_on=None
) -> dict[str, pl.DataFrame]:
    """`pay`: the rules of the run; `rules_on(day)`: those in force on a visit day (default: `pay` for every day)."""
    claims, history = frames["claims"].rename({"five_years_from": "claim_five_years"}), frames["history"]
    line_out, findings = assess_lines(frames["lines"], claims, frames["catalogue"])
    allowed = line_out.group_by("claim_id").agg(
        pl.col("allowed").sum().alias("allowed_total"),
        pl.col("amount").sum().alias("lines_total"),
        pl.len().alias("n_lines"),
    )
    x = (
        _coverage_check(claims, frames["coverage"])
        .join(frames["facilities"], left_on="facility_id", right_on="fid", how="left")
        .join(allowed, left_on="id", right_on="claim_id", how="left")
        .with_columns(
            pl.col("allowed_total").fill_null(0),
            pl.col("lines_total").fill_null(0),
            pl.col("n_lines").fill_null(0),
            (pl.col("registered_facility_id") == pl.col("facility_id")).fill_null(False).alias("registered_here"),
        )
    )
    x = x.with_columns(
        pl.coalesce("five_years_from", "claim_five_years").alias("five_years_on"),
        pl.col("copay_exempt_from").alias("exempt_on"),
    )
    x = x.join(_pay(x, history, pay, rules_on or (lambda _day: pay)), on="id", how="left")
    dup, overlap = _pairs(claims, history, pay.inpatient_types)
    x = x.join(dup.rename({"other": "dup_of"}), on="id", how="left").join(
        overlap.rename({"other": "overlaps"}), on="id", how="left"
    )
    findings += _claim_findings(x, tolerance)
    return {"claims": _outcomes(x, tolerance), "lines": line_out, "findings": pl.concat(findings).cast(FINDING_SCHEMA)}


def _claim_findings(x: pl.DataFrame, tolerance: int) -> list[pl.DataFrame]:
    x = x.rename({"id": "claim_id"}).with_columns(
        (pl.lit(tolerance) * pl.max_horizontal(pl.col("n_lines"), pl.lit(1))).alias("tol")
    )
    no_card = (
        pl.when(pl.col("person_id").is_null())
        .then(pl.lit("CCCD ∅"))
        .when(pl.col("status").is_null())
        .then(pl.lit("050"))
        .otherwise(pl.format("{} {} – {}", pl.col("status"), pl.col("valid_from"), pl.col("valid_to")))
    )
    at_claimed = (pl.col("hi_total") * pl.col("level_pct") * pl.col("route_pct") + 5000) // 10000
    benefit_cut = pl.col("fund_claimed") - at_claimed
    totals_off = ((pl.col("lines_total") - pl.col("hi_total")).abs() > pl.col("tol")) | (
        (pl.col("fund_claimed") - (pl.col("hi_total") - pl.col("copay_claimed"))).abs() > pl.col("tol")
    )
    ok = pl.col("covered") & pl.col("dup_of").is_null()
    card = _params(
        person=pl.col("person_id").is_not_null(),
        status=pl.col("status"),
        valid_from=pl.col("valid_from").cast(pl.String),
        valid_to=pl.col("valid_to").cast(pl.String),
    )
    totals = _params(
        lines=pl.col("lines_total"),
        hi_total=pl.col("hi_total"),
        copay=pl.col("copay_claimed"),
        fund=pl.col("fund_claimed"),
    )
    benefit = _params(
        level_pct=pl.col("level_pct"),
        route_pct=pl.col("route_pct"),
        case=pl.col("case"),
        due=at_claimed,
        claimed=pl.col("fund_claimed"),
    )
    return [
        _finding(x.filter(~pl.col("covered")), R.NO_COVERAGE, no_card, pl.col("fund_claimed"), params=card),
        _finding(
            x.filter(pl.col("covered") & pl.col("dup_of").is_not_null()),
            R.DUPLICATE,
            pl.format("#{}", pl.col("dup_of")),
            pl.col("fund_claimed"),
            params=_params(claim=pl.col("dup_of")),
        ),
        _finding(
            x.filter(ok & pl.col("overlaps").is_not_null()),
            R.OVERLAP,
            pl.format("#{}", pl.col("overlaps")),
            params=_params(claim=pl.col("overlaps")),
        ),
        _finding(
            x.filter(ok & totals_off),
            R.TOTALS,
            pl.format(
                "lines {} · T_TONGCHI_BH {} · T_BNCCT {} · T_BHTT {}",
                pl.col("lines_total"),
                pl.col("hi_total"),
                pl.col("copay_claimed"),
                pl.col("fund_claimed"),
            ),
            params=totals,
        ),
        _finding(
            x.filter(ok & (benefit_cut > pl.col("tol"))),
            R.BENEFIT,
            pl.format(
                "{}% × {}%: {} < {}", pl.col("level_pct"), pl.col("route_pct"), at_claimed, pl.col("fund_claimed")
            ),
            benefit_cut,
            params=benefit,
        ),
    ]


def _outcomes(x: pl.DataFrame, tolerance: int) -> pl.DataFrame:
    rejected = ~pl.col("covered") | pl.col("dup_of").is_not_null()
    fund = pl.min_horizontal(pl.col("fund_due"), pl.col("fund_claimed"))
    tol = pl.lit(tolerance) * pl.max_horizontal(pl.col("n_lines"), pl.lit(1))
    totals_off = (pl.col("lines_total") - pl.col("hi_total")).abs() > tol
    x = x.with_columns(
        pl.when(rejected).then(0).otherwise(fund).alias("fund_amount"),
        pl.when(rejected).then(0).otherwise(pl.col("allowed_total")).alias("allowed_total"),
    )
    outcome = (
        pl.when(rejected)
        .then(pl.lit("rejected"))
        .when(pl.col("fund_amount") < pl.col("fund_claimed") - tol)
        .then(pl.lit("adjusted"))
        .otherwise(pl.lit("accepted"))
    )
    x = x.with_columns(outcome.alias("outcome"))
    review = (
        pl.when((pl.col("outcome") != "accepted") | pl.col("overlaps").is_not_null() | totals_off)
        .then(pl.lit("to_review"))
        .otherwise(pl.lit("none"))
    )
    return x.select(
        "id",
        "outcome",
        "allowed_total",
        "fund_amount",
        (pl.col("allowed_total") - pl.col("fund_amount")).alias("copay_amount"),
        pl.col("level_pct").fill_null(0).alias("benefit_pct"),
        pl.col("route_pct").fill_null(0),
        review.alias("review"),
        pl.col("case").fill_null("").alias("route_case"),
    )
