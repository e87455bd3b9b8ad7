"""People and households of the synthetic province, vectorised with NumPy and Polars."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from ansinh.core.ids import province_codes
from ansinh.registry.demo import names

HOUSEHOLD_SIZES = np.array([1, 2, 3, 4, 5, 6])
HOUSEHOLD_SIZE_P = np.array([0.09, 0.19, 0.22, 0.26, 0.15, 0.09])
OTHER_BIRTH_PROVINCES = {"040": 0.5, "044": 0.15, "001": 0.1, "079": 0.08, "038": 0.07, "048": 0.05, "045": 0.05}


def _weighted(rng, table: dict, size: int) -> np.ndarray:
    keys = np.array(list(table))
    weights = np.array(list(table.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=weights / weights.sum())]


def spread(total: int, weights: np.ndarray) -> np.ndarray:
    """Split `total` by weights into integers that add up exactly (largest remainder)."""
    raw = weights / weights.sum() * total
    counts = np.floor(raw).astype(np.int64)
    short = total - counts.sum()
    counts[np.argsort(-(raw - counts))[:short]] += 1
    return counts


def households(ctx, communes: pl.DataFrame) -> pl.DataFrame:
    """Households per commune with sizes that add up to the commune's share of ctx.people."""
    rng = ctx.rng("households")
    per_commune = spread(ctx.people, communes["population"].to_numpy().astype(float))
    frames = []
    for commune_id, area_code, people in zip(communes["commune_id"], communes["area_code"], per_commune, strict=False):
        if people == 0:
            continue
        sizes = rng.choice(HOUSEHOLD_SIZES, size=int(people / 3.0) + 20, p=HOUSEHOLD_SIZE_P)  # more than enough
        ends = np.cumsum(sizes)
        keep = int(np.searchsorted(ends, people)) + 1
        sizes = sizes[:keep].copy()
        sizes[-1] -= ends[keep - 1] - people
        sizes = sizes[sizes > 0]
        frames.append(pl.DataFrame({"commune_id": commune_id, "area_code": area_code, "size": sizes}))
    frame = pl.concat(frames).with_row_index("n")
    disadvantaged = set(communes.filter(pl.col("disadvantaged"))["commune_id"].to_list())
    poor_p = np.where(frame["commune_id"].is_in(list(disadvantaged)).to_numpy(), 0.10, 0.025)
    draw = rng.random(frame.height)
    poverty = np.where(draw < poor_p, "poor", np.where(draw < poor_p * 2.2, "near_poor", "none"))
    return frame.with_columns(pl.Series("poverty", poverty))


def _ages(rng, position: np.ndarray, size: np.ndarray, household_index: np.ndarray) -> np.ndarray:
    n_households = int(household_index.max()) + 1
    head_age = np.clip(rng.normal(47, 14, n_households), 20, 92)
    head = head_age[household_index]
    age = np.empty(len(position))
    is_head, is_spouse = position == 0, position == 1
    grandparent = (position == size - 1) & (size >= 4) & (rng.random(len(position)) < 0.3)
    child = ~is_head & ~is_spouse & ~grandparent
    age[is_head] = head[is_head]
    age[is_spouse] = np.clip(head[is_spouse] + rng.normal(-2, 3, is_spouse.sum()), 18, 95)
    age[child] = np.clip(head[child] - rng.uniform(20, 38, child.sum()), 0, None)
    age[grandparent] = np.clip(head[grandparent] + rng.uniform(22, 32, grandparent.sum()), 0, 100)
    return age


def people(ctx, house: pl.DataFrame, first_person_id: int, first_household_id: int) -> pl.DataFrame:
    rng = ctx.rng("people")
    size = house["size"].to_numpy()
    household_index = np.repeat(np.arange(house.height), size)
    starts = np.repeat(np.cumsum(size) - size, size)
    position = np.arange(len(household_index)) - starts
    size_each = size[household_index]
    age = _ages(rng, position, size_each, household_index)
    n = len(age)
    head_male = rng.random(house.height) < 0.78
    male = np.where(
        position == 0,
        head_male[household_index],
        np.where(position == 1, ~head_male[household_index], rng.random(n) < 0.51),
    )
    sex = np.where(male, "male", "female")
    birth = _birth_dates(rng, ctx.as_of, age)
    full_name = _full_names(rng, household_index, position, male, house.height)
    return pl.DataFrame(
        {
            "person_id": np.arange(first_person_id, first_person_id + n),
            "household_id": first_household_id + household_index,
            "commune_id": house["commune_id"].to_numpy()[household_index],
            "area_code": house["area_code"].to_numpy()[household_index],
            "position": position,
            "sex": sex,
            "birth_date": birth,
            "full_name": full_name,
            "ethnic_minority": rng.random(n) < 0.004,
        }
    ).with_columns(_cccds(rng, birth, sex), _si_numbers(rng, n))


def _birth_dates(rng, as_of: dt.date, age: np.ndarray) -> pl.Series:
    days = (age * 365.25 + rng.uniform(0, 365, len(age))).astype(np.int64)
    as_of_np = np.datetime64(as_of, "D")
    return pl.Series("birth_date", as_of_np - days.astype("timedelta64[D]")).cast(pl.Date)


def _full_names(rng, household_index, position, male, n_households) -> np.ndarray:
    family_of_house = _weighted(rng, names.FAMILY_NAMES, n_households)
    own_family = _weighted(rng, names.FAMILY_NAMES, len(position))
    # Children and the head carry the household's family name; a spouse or grandparent keeps their own.
    family = np.where((position == 1), own_family, family_of_house[household_index])
    middle = np.where(
        male, _weighted(rng, names.MIDDLE_MALE, len(male)), _weighted(rng, names.MIDDLE_FEMALE, len(male))
    )
    given = np.where(male, rng.choice(names.GIVEN_MALE, len(male)), rng.choice(names.GIVEN_FEMALE, len(male)))
    return np.char.add(np.char.add(np.char.add(np.char.add(family, " "), middle), " "), given)


def _cccds(rng, birth: pl.Series, sex: np.ndarray) -> pl.Expr:
    n = len(sex)
    province = np.where(rng.random(n) < 0.92, "042", _weighted(rng, OTHER_BIRTH_PROVINCES, n))
    assert set(np.unique(province)) <= set(province_codes())
    year = birth.dt.year().to_numpy()
    digit = (year - 1900) // 100 * 2 + (sex == "female")
    prefix = np.char.add(np.char.add(province, digit.astype(str)), np.char.zfill((year % 100).astype(str), 2))
    # Serials unique within each prefix: a random permutation slice per prefix, so no two people collide.
    order = np.argsort(prefix, kind="stable")
    sorted_prefix = prefix[order]
    first = np.r_[0, np.flatnonzero(sorted_prefix[1:] != sorted_prefix[:-1]) + 1]
    rank = np.arange(n) - np.repeat(first, np.diff(np.r_[first, n]))
    stride = 7919  # prime, coprime with 10**6: rank → serial is a bijection
    serial = np.empty(n, dtype=np.int64)
    serial[order] = (rank * stride + rng.integers(0, 10**6)) % 10**6
    return pl.Series("cccd", np.char.add(prefix, np.char.zfill(serial.astype(str), 6)))


def _si_numbers(rng, n: int) -> pl.Expr:
    numbers = rng.choice(10**8, size=n, replace=False)
    return pl.Series("si_number", np.char.add("42", np.char.zfill(numbers.astype(str), 8)))
