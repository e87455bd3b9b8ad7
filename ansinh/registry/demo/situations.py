"""Who works, who pays voluntarily, who is retired: calibrated to the province's reported figures.

Targets at full scale (shared/domain §10 and the issues): about 310,000 insured employees in 6,111 units,
voluntary SI about 13% of the working-age labour force, about 150,000 beneficiaries paid monthly.
"""

from __future__ import annotations

import numpy as np
import polars as pl

FULL_EMPLOYEES = 310_000
FULL_PENSIONERS = 140_000
VOLUNTARY_SHARE_OF_LABOUR = 0.13
# Retirement age for the demo's generations (men 60, women 55 under the pre-2021 rules most retired under).
RETIREMENT_AGE = {"male": 60, "female": 55}
URBAN_AREAS = {"436": 2.2, "449": 2.0, "437": 1.6}


def assign(ctx, people: pl.DataFrame, labour_force_total: int) -> pl.DataFrame:
    rng = ctx.rng("situations")
    as_of = ctx.as_of
    age = (np.datetime64(as_of, "D") - people["birth_date"].to_numpy()).astype(np.int64) / 365.25
    male = (people["sex"] == "male").to_numpy()
    retire_age = np.where(male, RETIREMENT_AGE["male"], RETIREMENT_AGE["female"])
    situation = np.full(people.height, "informal", dtype=object)
    situation[age < 6] = "child"
    situation[(age >= 6) & (age < 18)] = "pupil"
    student = (age >= 18) & (age < 23) & (rng.random(people.height) < 0.35)
    situation[student] = "student"
    retired = age >= retire_age
    situation[retired] = "elderly"
    urban = people["area_code"].replace_strict(URBAN_AREAS, default=1.0).to_numpy()

    working = (situation == "informal") & (age >= 18)
    weight = urban * np.where((age >= 23) & (age < 50), 1.0, 0.45)
    employees = _pick(rng, working, weight, ctx.scaled(FULL_EMPLOYEES))
    situation[employees] = "employee"
    voluntary_weight = np.where(age >= 30, 1.2, 0.6) / urban
    voluntary = _pick(
        rng, situation == "informal", voluntary_weight, ctx.scaled(labour_force_total * VOLUNTARY_SHARE_OF_LABOUR)
    )
    situation[voluntary] = "voluntary"
    pension_weight = urban * np.where(age < 90, 1.0, 0.5)
    pensioners = _pick(rng, situation == "elderly", pension_weight, ctx.scaled(FULL_PENSIONERS))
    situation[pensioners] = "pensioner"

    income = np.where(
        situation == "voluntary",
        rng.choice([1_500_000, 2_000_000, 3_000_000, 5_000_000], people.height, p=[0.6, 0.2, 0.15, 0.05]),
        0,
    )
    return people.with_columns(
        pl.Series("situation", situation.astype(str)),
        pl.Series("age", age),
        pl.Series("voluntary_income", income, dtype=pl.Int64),
    )


def _pick(rng, eligible: np.ndarray, weight: np.ndarray, count: int) -> np.ndarray:
    candidates = np.flatnonzero(eligible)
    count = min(count, len(candidates))
    if count == 0:
        return candidates
    p = weight[candidates] / weight[candidates].sum()
    return rng.choice(candidates, size=count, replace=False, p=p)
