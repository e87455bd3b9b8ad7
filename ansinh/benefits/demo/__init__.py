"""Demo data for benefits: pensions of the demo's pensioners (priced by the rules), a few survivor
allowances, payment channels (88–95% bank by area), a small case queue, and three months of payroll sent
and reconciled with a few rejects. See ansinh/demo/context.py for what ctx holds."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from ansinh.benefits import banks, bulk_pensions, rules
from ansinh.benefits.demo.cases import case_queue, pensioner_case
from ansinh.benefits.demo.payroll import three_months
from ansinh.benefits.models import Entitlement, PaymentChannel
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.policy.services import params_on

SURVIVOR_SHARE = 0.05  # survivor allowances per pensioner
BANK_WEIGHTS = {
    "AGR": 0.30,
    "CTG": 0.18,
    "BIDV": 0.17,
    "VCB": 0.14,
    "LPB": 0.06,
    "MB": 0.04,
    "TCB": 0.03,
    "VPB": 0.02,
    "ACB": 0.02,
    "STB": 0.02,
    "SHB": 0.01,
    "HDB": 0.005,
    "VIB": 0.0025,
    "TPB": 0.0025,
}
URBAN = {"436", "449", "437"}  # Hà Tĩnh city, Kỳ Anh town, Hồng Lĩnh town: more accounts


def build(ctx) -> None:
    params = params_on(ctx.as_of)
    people, spells = ctx.frames["people"], ctx.frames["spells"]
    accounts = getattr(ctx, "demo_accounts", {})
    officer, approver = _officers(accounts)
    citizen = (accounts.get("pensioner_citizen") or {}).get("person_id")
    awarded = citizen and pensioner_case(ctx, citizen, officer, approver)
    entitled = _pensions(ctx, people, spells, params, skip=citizen if awarded else None)
    entitled = pl.concat([entitled, _survivors(ctx, people, params)])
    first = next_id(Entitlement)
    entitled = entitled.with_row_index("n").with_columns((pl.col("n").cast(pl.Int64) + first).alias("id"))
    entitled = entitled.with_columns(
        pl.format(
            "{}/{}/{}", pl.col("id").cast(pl.String).str.zfill(7), pl.col("series"), pl.col("start").dt.year()
        ).alias("decision_number")
    )
    bulk_insert(
        Entitlement,
        ["id", "person_id", "kind", "monthly", "amount", "start", "status", "decision_number"],
        entitled.with_columns(pl.lit(True).alias("monthly"), pl.lit("active").alias("status")),
    )
    reset_sequence(Entitlement)
    _channels(ctx, people, entitled["person_id"].to_list() + ([citizen] if awarded else []))
    case_queue(ctx, people, officer)
    audit.record_batch("benefits.demo", ctx.seed, f"benefits demo: {entitled.height} entitlements")
    ctx.log(f"benefits: {entitled.height} monthly entitlements, channels, cases")
    three_months(ctx, officer, approver, keep_paid={citizen} if citizen else set())


def _pensions(ctx, people, spells, params, skip) -> pl.DataFrame:
    retired = people.filter(
        (pl.col("situation") == "pensioner") & pl.col("retired_on").is_not_null() & (pl.col("person_id") != (skip or 0))
    )
    # The pay scale is the spell's own data (a declared pay-scale coefficient), as in benefits.history.
    declared = pl.col("pay_coefficient").is_not_null() if "pay_coefficient" in spells.columns else pl.lit(False)
    career = spells.with_columns(declared.alias("state_scale"), pl.col("end").fill_null(ctx.as_of))
    amounts = bulk_pensions.pensions(retired, career, params)
    return amounts.join(retired.select("person_id", pl.col("retired_on").alias("start")), on="person_id").select(
        "person_id",
        pl.lit("pension").alias("kind"),
        pl.col("monthly_pension").alias("amount"),
        "start",
        pl.lit("QĐ-HT").alias("series"),
    )


def _survivors(ctx, people, params) -> pl.DataFrame:
    """Widows and widowers of insured people: each a relative with an entitlement of their own (Art. 87)."""
    rng = ctx.rng("benefits-survivors")
    elderly = people.filter(pl.col("situation") == "elderly")
    count = min(elderly.height, ctx.scaled(150_000 * SURVIVOR_SHARE))
    picked = elderly.sample(count, seed=int(rng.integers(1 << 31))) if count else elderly.head(0)
    amount = _survivor_amount(ctx.as_of, params)
    start = [ctx.as_of.replace(day=1) - dt.timedelta(days=int(d)) for d in rng.integers(60, 3650, picked.height)]
    return pl.DataFrame(
        {
            "person_id": picked["person_id"],
            "kind": "survivor",
            "amount": [amount] * picked.height,
            "start": pl.Series(start, dtype=pl.Date).dt.truncate("1mo"),
            "series": "QĐ-TT",
        }
    )


def _survivor_amount(on: dt.date, params) -> int:
    """The monthly allowance of a pensioner's widow with a carer, by the rules."""
    widow = rules.Relative("spouse", dt.date(on.year - 70, 1, 1), "female")
    return rules.survivor_monthly(rules.SurvivorInput(on, "pensioner", relatives=(widow,)), params).monthly


def _account_numbers(rng, codes: np.ndarray) -> list[str]:
    table = banks.banks()
    out = []
    for code in codes:
        bank = table[code]
        length = int(rng.integers(bank.min_length, bank.max_length + 1))
        out.append("".join(map(str, rng.integers(0, 10, length))))
    return out


def _channels(ctx, people, person_ids: list[int]) -> None:
    rng = ctx.rng("benefits-channels")
    who = people.filter(pl.col("person_id").is_in(person_ids)).select("person_id", "area_code", "commune_id")
    communes = ctx.frames["communes"].select("commune_id", "commune_code")
    # Sorted, so the seeded draws below meet the same people in the same order on every build (a join and
    # unique() return rows in whatever order their threads finish).
    who = who.join(communes, on="commune_id").sort("person_id")
    share = {
        code: (0.93 if code in URBAN else 0.88) + rng.uniform(0, 0.02) for code in sorted(who["area_code"].unique())
    }
    bank = rng.random(who.height) < who["area_code"].replace_strict(share).to_numpy()
    codes = rng.choice(
        list(BANK_WEIGHTS), size=who.height, p=np.array(list(BANK_WEIGHTS.values())) / sum(BANK_WEIGHTS.values())
    )
    numbers = _account_numbers(rng, codes)
    frame = who.with_columns(
        pl.Series("method", np.where(bank, "bank", "cash")),
        pl.Series("bank_code", np.where(bank, codes, "")),
        pl.Series("account_number", np.where(bank, numbers, "")),
        pl.when(pl.Series(bank))
        .then(pl.lit(""))
        .otherwise(pl.format("{}{}", pl.lit(banks.POST_OFFICE_PREFIX), "commune_code"))
        .alias("post_office_code"),
        pl.lit(dt.datetime.combine(ctx.as_of, dt.time(8))).alias("updated_at"),
    )
    bulk_insert(
        PaymentChannel, ["person_id", "method", "bank_code", "account_number", "post_office_code", "updated_at"], frame
    )


def _officers(accounts: dict):
    from ansinh.core.models import User

    def find(label):
        name = (accounts.get(label) or {}).get("username")
        return User.objects.filter(username=name).first() if name else None

    return find("benefits_officer"), find("benefits_approver")
