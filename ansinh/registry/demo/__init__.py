"""The registry step of the demo province: areas and communes (already loaded as reference data),
households, people, employer units and employment histories, generated in bulk."""

from __future__ import annotations

import polars as pl

from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.geo.models import Area, Commune
from ansinh.policy.services import params_on
from ansinh.registry.demo import checks, employment, population, situations
from ansinh.registry.models import Employer, EmploymentSpell, Household, Person


def build(ctx) -> None:
    house, people, employer_frame, spells = generate(ctx)
    _write(ctx, house, people, employer_frame, spells)
    ctx.frames.update(
        households=house.select(
            "household_id", pl.col("household_id").cast(pl.String).alias("code"), "commune_id", "area_code", "poverty"
        ),
        people=people.select(
            "person_id",
            "cccd",
            "si_number",
            "full_name",
            "birth_date",
            "sex",
            "commune_id",
            "area_code",
            "household_id",
            "ethnic_minority",
            "situation",
            pl.when(pl.col("employer_id") > 0).then(pl.col("employer_id")).alias("employer_id"),
            "salary",
            "voluntary_income",
            "retired_on",
        ),
        employers=employer_frame.drop("size_weight"),
        spells=spells.select("spell_id", "person_id", "employer_id", "start", "end", "insured_salary"),
    )


def generate(ctx) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The province in memory (households, people, employers, spells), validated, nothing written yet."""
    areas, communes = _geo_frames()
    ctx.frames.update(areas=areas, communes=communes)
    params = params_on(ctx.as_of)
    min_wage = {region: params.int(f"min_wage.{region}") for region in ("I", "II", "III", "IV")}
    cap = params.int("cap.si_hi_multiple") * params.int("reference.base_salary")

    house = population.households(ctx, communes)
    house = house.with_columns((pl.col("n") + next_id(Household)).alias("household_id"))
    people = population.people(ctx, house, next_id(Person), int(house["household_id"][0]))
    people = situations.assign(ctx, people, int(areas["labour_force"].sum()))
    employer_frame = employment.employers(ctx, areas, communes, next_id(Employer))
    people = people.with_columns(pl.Series("employer_id", employment.assign_employers(ctx, people, employer_frame)))
    people = people.with_columns(
        pl.Series("salary", employment.current_salaries(ctx, people, employer_frame, min_wage, cap))
    )
    spells = employment.careers(ctx, people, employer_frame, next_id(EmploymentSpell))
    employer_frame = _registered_before_first_spell(employer_frame, spells)
    people = _with_retirement(people, spells)
    checks.validate(people, employer_frame, spells)
    return house, people, employer_frame, spells


def _geo_frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    areas = pl.DataFrame(
        list(Area.objects.order_by("code").values("id", "code", "name", "wage_region", "population", "labour_force"))
    ).rename({"id": "area_id", "code": "area_code"})
    communes = pl.DataFrame(
        list(
            Commune.objects.order_by("code").values(
                "id", "code", "area__code", "population", "labour_force", "disadvantaged"
            )
        )
    ).rename({"id": "commune_id", "code": "commune_code", "area__code": "area_code"})
    return areas, communes


def _registered_before_first_spell(employer_frame: pl.DataFrame, spells: pl.DataFrame) -> pl.DataFrame:
    first = spells.group_by("employer_id").agg(pl.col("start").min().alias("first_start"))
    return (
        employer_frame.join(first, on="employer_id", how="left")
        .with_columns(pl.min_horizontal("registered_on", "first_start").alias("registered_on"))
        .drop("first_start")
    )


def _with_retirement(people: pl.DataFrame, spells: pl.DataFrame) -> pl.DataFrame:
    last_day = spells.group_by("person_id").agg(pl.col("end").max().alias("last_end"))
    return (
        people.join(last_day, on="person_id", how="left")
        .with_columns(
            pl.when(pl.col("situation") == "pensioner").then(pl.col("last_end").dt.offset_by("1d")).alias("retired_on")
        )
        .drop("last_end")
    )


def _insert(model, frame: pl.DataFrame, columns: dict) -> None:
    """Insert `frame` into model's table; `columns` maps each table column to a Polars expression."""
    bulk_insert(model, list(columns), frame.select(**{name: expr for name, expr in columns.items()}))


def _write(ctx, house, people, employer_frame, spells) -> None:
    ctx.log(
        f"registry: {house.height} households, {people.height} people, {employer_frame.height} employers, "
        f"{spells.height} spells"
    )
    col, lit = pl.col, pl.lit
    _insert(
        Household,
        house,
        {
            "id": col("household_id"),
            "code": pl.format("HT{}", col("household_id").cast(pl.String).str.zfill(9)),
            "commune_id": col("commune_id"),
            "address": pl.format("Thôn {}", col("n") % 12 + 1),
            "poverty": col("poverty"),
        },
    )
    _insert(
        Person,
        people,
        {
            "id": col("person_id"),
            "cccd": col("cccd"),
            "si_number": col("si_number"),
            "full_name": col("full_name"),
            "birth_date": col("birth_date"),
            "sex": col("sex"),
            "commune_id": col("commune_id"),
            "household_id": col("household_id"),
            "address": lit(""),
            "ethnic_minority": col("ethnic_minority"),
            "phone": pl.format("09{}", col("si_number").str.slice(2, 8)),
            "email": lit(""),
        },
    )
    employers = employer_frame.join(ctx.frames["areas"].select("area_code", "area_id"), on="area_code")
    _insert(
        Employer,
        employers,
        {
            "id": col("employer_id"),
            "unit_code": col("unit_code"),
            "tax_code": col("tax_code"),
            "name": col("name"),
            "sector": col("sector"),
            "wage_region": col("wage_region"),
            "area_id": col("area_id"),
            "commune_id": col("commune_id"),
            "address": lit(""),
            "email": pl.format("lienhe@{}.example", col("unit_code").str.to_lowercase()),
            "phone": lit(""),
            "e_transactions": col("e_transactions"),
            "registered_on": col("registered_on"),
        },
    )
    _insert(
        EmploymentSpell,
        spells,
        {
            "id": col("spell_id"),
            "person_id": col("person_id"),
            "employer_id": col("employer_id"),
            "start": col("start"),
            "end": col("end"),
            "insured_salary": col("insured_salary"),
            "job_title": col("job_title"),
            "hazardous": lit(False),
        },
    )
    for model in (Household, Person, Employer, EmploymentSpell):
        reset_sequence(model)
