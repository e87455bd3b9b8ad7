"""The Splink model: comparisons that understand Vietnamese names and partial birth dates, blocking rules
that survive a wrong CCCD digit, a lost diacritic or a swapped day and month, and training from the data
itself (u by random sampling, m by expectation maximisation; no labels).

Every SQL condition is written in DuckDB's dialect and marked so (`base_dialect_str`), so Splink translates
it when the linker is given another database API (SparkAPI for the national extract).
"""
from __future__ import annotations

import splink.comparison_level_library as cll
from splink import Linker, SettingsCreator, block_on
from splink.comparison_library import CustomComparison

DIALECT = "duckdb"
SEED = 20250601


def _level(sql: str, label: str, m: float, u: float, null: bool = False) -> cll.CustomLevel:
    level = cll.CustomLevel(sql, label_for_charts=label, base_dialect_str=DIALECT)
    # Starting values only: training replaces them wherever the data has pairs at that level.
    return level.configure(is_null_level=True) if null else level.configure(m_probability=m, u_probability=u)


def name_comparison() -> CustomComparison:
    """Exact, then diacritics lost, then the same words in another order, then the given name (the
    strongest word: the family name is shared by a third of the province) with more or less of the rest."""
    return CustomComparison(output_column_name="name", comparison_levels=[
        _level("full_name_l IS NULL OR full_name_r IS NULL", "null", 0, 0, null=True),
        _level("full_name_l = full_name_r", "exact", 0.9, 1e-5),
        _level("name_fold_l = name_fold_r", "same without diacritics", 0.04, 1e-5),
        _level("name_sorted_l = name_sorted_r", "same words, other order", 0.02, 1e-6),
        _level("given_l = given_r AND family_l = family_r", "same family and given name", 0.01, 1e-3),
        _level("given_l = given_r AND jaro_winkler_similarity(name_fold_l, name_fold_r) >= 0.88",
               "same given name, similar rest", 0.01, 2e-3),
        _level("jaro_winkler_similarity(name_fold_l, name_fold_r) >= 0.92", "similar", 0.005, 1e-3),
        _level("given_l = given_r", "same given name only", 0.003, 0.02),
        cll.ElseLevel().configure(m_probability=0.002, u_probability=0.97),
    ])


def birth_date_comparison() -> CustomComparison:
    """Full dates equal, day and month swapped, a partial date (year-month or year) that agrees, same year."""
    both_days = "birth_day_l IS NOT NULL AND birth_day_r IS NOT NULL"
    return CustomComparison(output_column_name="birth_date", comparison_levels=[
        _level("birth_year_l IS NULL OR birth_year_r IS NULL", "null", 0, 0, null=True),
        _level(f"{both_days} AND birth_date_l = birth_date_r", "exact", 0.97, 4e-5),
        _level(f"{both_days} AND birth_year_l = birth_year_r AND birth_month_l = birth_day_r "
               "AND birth_day_l = birth_month_r", "day and month swapped", 0.005, 4e-5),
        _level("birth_year_l = birth_year_r AND birth_month_l = birth_month_r "
               "AND (birth_day_l IS NULL OR birth_day_r IS NULL)", "same year and month, day unknown", 0.003, 1e-3),
        _level("birth_year_l = birth_year_r AND (birth_month_l IS NULL OR birth_month_r IS NULL)",
               "same year, month unknown", 0.005, 1e-3),
        _level("birth_year_l = birth_year_r", "same year, other date", 0.01, 0.012),
        _level("abs(birth_year_l - birth_year_r) <= 1", "a year apart", 0.003, 0.024),
        cll.ElseLevel().configure(m_probability=0.004, u_probability=0.96),
    ])


def cccd_comparison() -> CustomComparison:
    return CustomComparison(output_column_name="cccd", comparison_levels=[
        _level("cccd_l IS NULL OR cccd_r IS NULL", "null", 0, 0, null=True),
        _level("cccd_l = cccd_r", "exact", 0.97, 1e-7),
        _level("damerau_levenshtein(cccd_l, cccd_r) <= 1", "one digit wrong or two swapped", 0.02, 1e-5),
        cll.ElseLevel().configure(m_probability=0.01, u_probability=0.99999),
    ])


def place_comparison() -> CustomComparison:
    return CustomComparison(output_column_name="commune", comparison_levels=[
        _level("commune_code_l IS NULL OR commune_code_r IS NULL", "null", 0, 0, null=True),
        _level("commune_code_l = commune_code_r", "same commune", 0.97, 0.01),
        _level("area_code_l = area_code_r", "same district", 0.02, 0.08),
        cll.ElseLevel().configure(m_probability=0.01, u_probability=0.91),
    ])


def sex_comparison() -> CustomComparison:
    return CustomComparison(output_column_name="sex", comparison_levels=[
        _level("sex_l IS NULL OR sex_r IS NULL", "null", 0, 0, null=True),
        _level("sex_l = sex_r", "same", 0.995, 0.5),
        cll.ElseLevel().configure(m_probability=0.005, u_probability=0.5),
    ])


COMPARISONS = ("name", "birth_date", "cccd", "commune", "sex")

BLOCKING_RULES = (
    block_on("cccd"),
    block_on("name_sorted", "birth_year"),        # CCCD missing or wrong, diacritics lost, date swapped/partial
    block_on("cccd_head", "given"),               # a wrong digit in the CCCD's serial
    block_on("cccd_tail", "birth_year"),          # a wrong digit in the CCCD's province/century/year part
    block_on("name_sorted", "commune_code"),      # wrong birth year
    block_on("given", "birth_year", "birth_month", "birth_day", "commune_code"),  # family or middle name changed
)


def settings(probability_two_random_records_match: float) -> SettingsCreator:
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        comparisons=[name_comparison(), birth_date_comparison(), cccd_comparison(), place_comparison(), sex_comparison()],
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_intermediate_calculation_columns=True,
        additional_columns_to_retain=[],
        max_iterations=20,
    )


def train(linker: Linker, pairs_for_u: float, em_max_pairs: float) -> None:
    """m and u from the data: u from random pairs (almost all non-matches), m by EM on two blockings that
    each leave the other comparisons free to be estimated."""
    linker.training.estimate_u_using_random_sampling(max_pairs=pairs_for_u, seed=SEED)
    for rule in (block_on("cccd"), block_on("name_sorted", "birth_year")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=em_max_pairs,
        )



M_FLOOR = 1e-4


def with_floors(model_dict: dict) -> dict:
    """A level never seen among true pairs in this extract (say, a different sex) gets m = 0, a weight of
    minus infinity that no other evidence could outweigh; keep it at a small floor instead."""
    for comparison in model_dict["comparisons"]:
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level") and (level.get("m_probability") or 0) < M_FLOOR:
                level["m_probability"] = M_FLOOR
    return model_dict
