"""Employer units and employment histories reaching back decades (so pensions can be computed)."""

from __future__ import annotations

import numpy as np
import polars as pl

from ansinh.registry.demo import names
from ansinh.registry.demo.population import spread
from ansinh.registry.demo.situations import RETIREMENT_AGE

FULL_EMPLOYERS = 6_111
SECTORS = {"enterprise": 0.70, "state": 0.15, "household_business": 0.07, "cooperative": 0.04, "fdi": 0.02, "ngo": 0.02}
# Relative size of units by sector: business households and associations stay small.
SECTOR_SIZE = {"enterprise": 1.0, "state": 1.0, "household_business": 0.04, "cooperative": 0.3, "fdi": 3.0, "ngo": 0.15}
SECTOR_MEDIAN_SALARY = {
    "enterprise": 7_800_000,
    "state": 7_200_000,
    "household_business": 5_600_000,
    "cooperative": 5_200_000,
    "fdi": 10_500_000,
    "ngo": 6_500_000,
}
WAGE_GROWTH = 1.065  # yearly nominal growth used to deflate past salaries
MAX_SEGMENTS = 10
FIRST_JOB_AGE = (18, 26)  # the first insured month falls between the 18th and the 26th birthday
WORKER_GAPS = (0.12, 17)  # share of jobs followed by a gap, and the longest gap in months
PENSIONER_GAPS = (0.06, 6)
JOBS = [
    "Công nhân",
    "Kỹ thuật viên",
    "Nhân viên văn phòng",
    "Kế toán",
    "Lái xe",
    "Giáo viên",
    "Cán bộ",
    "Nhân viên bán hàng",
    "Kỹ sư",
    "Bảo vệ",
    "Quản lý",
]


def employers(ctx, areas: pl.DataFrame, communes: pl.DataFrame, first_id: int) -> pl.DataFrame:
    rng = ctx.rng("employers")
    count = ctx.scaled(FULL_EMPLOYERS, minimum=10)
    urban = areas["area_code"].replace_strict({"436": 3.0, "449": 2.5, "437": 1.5}, default=1.0).to_numpy()
    per_area = spread(count, areas["population"].to_numpy() * urban)
    area_code = np.repeat(areas["area_code"].to_numpy(), per_area)
    commune_id = np.empty(count, dtype=np.int64)
    for code in np.unique(area_code):
        rows = communes.filter(pl.col("area_code") == code)
        at = np.flatnonzero(area_code == code)
        commune_id[at] = rng.choice(
            rows["commune_id"].to_numpy(), size=len(at), p=(rows["population"] / rows["population"].sum()).to_numpy()
        )
    sector = rng.choice(list(SECTORS), size=count, p=list(SECTORS.values()))
    region = areas["wage_region"].to_numpy()[np.searchsorted(areas["area_code"].to_numpy(), area_code)]
    idx = np.arange(count)
    registered = np.datetime64("1995-01-01") + rng.integers(0, 365 * 28, count).astype("timedelta64[D]")
    return pl.DataFrame(
        {
            "employer_id": first_id + idx,
            "unit_code": np.char.add("TA", np.char.zfill((idx + 1).astype(str), 5)),
            "tax_code": np.char.add("30", np.char.zfill((rng.choice(10**8, count, replace=False)).astype(str), 8)),
            "name": [_employer_name(rng, s) for s in sector],
            "sector": sector,
            "wage_region": region,
            "area_code": area_code,
            "commune_id": commune_id,
            "e_transactions": rng.random(count) < 0.995,
            "registered_on": pl.Series(registered).cast(pl.Date),
            "size_weight": (rng.pareto(1.2, count) + 0.2) * np.vectorize(SECTOR_SIZE.get)(sector),
        }
    )


def _employer_name(rng, sector: str) -> str:
    trade, place = rng.choice(names.EMPLOYER_TRADES), rng.choice(names.PLACE_WORDS)
    return {
        "enterprise": f"Công ty {rng.choice(['TNHH', 'Cổ phần'])} {trade} {place}",
        "fdi": f"Công ty TNHH {trade} {place} Quốc tế",
        "state": rng.choice(
            [f"Trường THCS {place}", f"Trung tâm Y tế {place}", f"UBND xã {place}", f"Ban Quản lý dự án {place}"]
        ),
        "household_business": f"Hộ kinh doanh {trade} {place}",
        "cooperative": f"Hợp tác xã {trade} {place}",
        "ngo": f"Hội {trade} {place}",
    }[sector]


def assign_employers(ctx, people: pl.DataFrame, employer_frame: pl.DataFrame) -> np.ndarray:
    """Current employer of each employee: mostly in their own area, big units taking more people."""
    rng = ctx.rng("assign-employers")
    employer_id = np.zeros(people.height, dtype=np.int64)
    is_employee = (people["situation"] == "employee").to_numpy()
    person_area = people["area_code"].to_numpy()
    stay_home = rng.random(people.height) < 0.85
    for code in np.unique(employer_frame["area_code"]):
        local = employer_frame.filter(pl.col("area_code") == code)
        at = np.flatnonzero(is_employee & (person_area == code) & stay_home)
        weights = local["size_weight"].to_numpy()
        employer_id[at] = rng.choice(local["employer_id"].to_numpy(), size=len(at), p=weights / weights.sum())
    rest = np.flatnonzero(is_employee & (employer_id == 0))
    weights = employer_frame["size_weight"].to_numpy()
    employer_id[rest] = rng.choice(employer_frame["employer_id"].to_numpy(), size=len(rest), p=weights / weights.sum())
    return employer_id


def current_salaries(
    ctx, people: pl.DataFrame, employer_frame: pl.DataFrame, min_wage: dict[str, int], cap: int
) -> np.ndarray:
    rng = ctx.rng("salaries")
    lookup = employer_frame.select("employer_id", "sector", "wage_region")
    joined = people.select("employer_id").join(lookup, on="employer_id", how="left")
    median = joined["sector"].replace_strict(SECTOR_MEDIAN_SALARY, default=0).to_numpy()
    floor = joined["wage_region"].replace_strict(min_wage, default=0).to_numpy()
    salary = median * rng.lognormal(0, 0.35, people.height)
    salary = np.clip(salary, floor * 1.0, cap)
    return np.where(median > 0, (salary // 10_000 * 10_000).astype(np.int64), 0)


def careers(ctx, people: pl.DataFrame, employer_frame: pl.DataFrame, first_id: int) -> pl.DataFrame:
    """Spells for employees (last spell open) and pensioners (closed at retirement): the first insured month
    between the 18th and the 26th birthday, then jobs of 1.5 to 7 years, some at the same unit, with a few gaps."""
    rng = ctx.rng("careers")
    workers = people.filter(pl.col("situation").is_in(["employee", "pensioner"]))
    n = workers.height
    birth = workers["birth_date"].to_numpy().astype("datetime64[M]")
    is_pensioner = (workers["situation"] == "pensioner").to_numpy()
    start, stop = _career_bounds(rng, birth, is_pensioner, workers["sex"].to_numpy(), np.datetime64(ctx.as_of, "M"))
    lengths = rng.integers(18, 80, (n, MAX_SEGMENTS))
    gaps = _gaps(rng, n, is_pensioner)
    seg_start = start[:, None] + np.cumsum(np.c_[np.zeros(n, int), (lengths + gaps)[:, :-1]], axis=1).astype(
        "timedelta64[M]"
    )
    seg_end = seg_start + lengths.astype("timedelta64[M]")
    alive = seg_start < stop[:, None]
    last = alive & ~np.c_[alive[:, 1:], np.zeros(n, bool)]
    seg_end = np.where(last, stop[:, None], np.minimum(seg_end, stop[:, None]))
    employers = _segment_employers(rng, workers, employer_frame, alive)
    as_of = np.datetime64(ctx.as_of, "M")
    years_back = (as_of - seg_start).astype(np.int64) / 12
    years_back = np.where(last & ~is_pensioner[:, None], 0, years_back)  # the open spell pays today's salary
    base = workers["salary"].to_numpy().astype(float)
    base = np.where(base > 0, base, rng.lognormal(np.log(6_500_000), 0.3, n))
    salary = (base[:, None] / WAGE_GROWTH**years_back // 10_000 * 10_000).astype(np.int64)
    salary = np.maximum(salary, 200_000)
    row, col = np.nonzero(alive)
    end_month = seg_end[row, col]
    open_spell = last[row, col] & ~is_pensioner[row]
    frame = pl.DataFrame(
        {
            "person_id": workers["person_id"].to_numpy()[row],
            "employer_id": employers[row, col],
            "start": pl.Series(seg_start[row, col].astype("datetime64[D]")).cast(pl.Date),
            "end_month": pl.Series(end_month.astype("datetime64[D]")).cast(pl.Date),
            "open": open_spell,
            "insured_salary": salary[row, col],
            "job_title": rng.choice(JOBS, len(row)),
        }
    )
    return (
        frame.with_columns(
            pl.when(pl.col("open")).then(None).otherwise(pl.col("end_month").dt.offset_by("-1d")).alias("end"),
        )
        .drop("end_month", "open")
        .with_row_index("spell_id", offset=first_id)
        .with_columns(pl.col("spell_id").cast(pl.Int64))
    )


def _career_bounds(rng, birth, is_pensioner, sex, as_of):
    """First and one-past-last month of each career. The first month is the month after the 18th birthday at
    the earliest, and no later than this month for a young employee; pensioners stop at the retirement age."""
    n = len(birth)
    adult = birth + np.timedelta64(FIRST_JOB_AGE[0] * 12 + 1, "M")
    drawn = birth + (rng.uniform(*FIRST_JOB_AGE, n) * 12).astype("timedelta64[M]")
    start = np.maximum(adult, np.minimum(drawn, as_of))
    retire_age = np.where(sex == "male", RETIREMENT_AGE["male"], RETIREMENT_AGE["female"])
    stop = np.where(is_pensioner, birth + (retire_age * 12).astype("timedelta64[M]"), as_of + 1)
    return start, stop


def _gaps(rng, n: int, is_pensioner: np.ndarray) -> np.ndarray:
    """Months without insured work after each job: between jobs, a few months to a year and a half; today's
    pensioners had fewer and shorter ones (they retired on at least twenty years)."""
    share = np.where(is_pensioner, PENSIONER_GAPS[0], WORKER_GAPS[0])[:, None]
    longest = np.where(is_pensioner, PENSIONER_GAPS[1], WORKER_GAPS[1])[:, None]
    months = 1 + (rng.random((n, MAX_SEGMENTS)) * longest).astype(np.int64)
    return np.where(rng.random((n, MAX_SEGMENTS)) < share, months, 0)


def _segment_employers(rng, workers, employer_frame, alive) -> np.ndarray:
    """Earlier segments stay with the next segment's employer 60% of the time, else another unit."""
    n, k = alive.shape
    ids = employer_frame["employer_id"].to_numpy()
    weights = employer_frame["size_weight"].to_numpy()
    chosen = rng.choice(ids, size=(n, k), p=weights / weights.sum())
    current = workers["employer_id"].to_numpy()
    last_index = alive.sum(axis=1) - 1
    chosen[np.arange(n), last_index] = np.where(current > 0, current, chosen[np.arange(n), last_index])
    stay = rng.random((n, k)) < 0.6
    for col in range(k - 2, -1, -1):
        follow = stay[:, col] & (col < last_index)
        chosen[follow, col] = chosen[follow, col + 1]
    return chosen
