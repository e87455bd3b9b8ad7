"""The Splink model: comparisons that understand Vietnamese names, partial birth dates and addresses,
blocking rules that survive a wrong or missing ID, a lost diacritic, a typo or a swapped day and month, and
training from the data itself (u by random sampling, m by expectation maximisation; no labels).

Level conditions are plain SQL common to DuckDB and Spark SQL; only the names of the similarity functions
differ, and they come from Splink's dialect of the engine in use.
"""

from __future__ import annotations

import splink.comparison_level_library as cll
from splink import Linker, SettingsCreator, block_on
from splink.comparison_library import CustomComparison
from splink.internals.dialects import SplinkDialect

SEED = 20250601
M_FLOOR = 1e-4


class _Levels:
    def __init__(self, dialect: str):
        self.dialect = dialect
        functions = SplinkDialect.from_string(dialect)
        self.jw, self.dl = functions.jaro_winkler_function_name, functions.damerau_levenshtein_function_name

    def level(self, sql: str, label: str, m: float, u: float, null: bool = False) -> cll.CustomLevel:
        level = cll.CustomLevel(
            sql.format(jw=self.jw, dl=self.dl), label_for_charts=label, base_dialect_str=self.dialect
        )
        # Starting values only: training replaces them wherever the data has pairs at that level.
        return level.configure(is_null_level=True) if null else level.configure(m_probability=m, u_probability=u)


def name_comparison(x: _Levels) -> CustomComparison:
    """Exact, then diacritics lost, then the same words in another order, then a typo, then the given name
    (the strongest word: the family name is shared by a third of the province) with more or less of the
    rest, then similar in both parts."""
    return CustomComparison(
        output_column_name="name",
        comparison_levels=[
            x.level(
                "name_fold_l IS NULL OR name_fold_r IS NULL OR name_fold_l = '' OR name_fold_r = ''",
                "null",
                0,
                0,
                null=True,
            ),
            x.level("full_name_l = full_name_r", "exact", 0.9, 1e-5),
            x.level("name_fold_l = name_fold_r", "same without diacritics", 0.04, 1e-5),
            x.level("name_sorted_l = name_sorted_r", "same words, other order", 0.02, 1e-6),
            x.level(
                "{jw}(name_fold_l, name_fold_r) >= 0.95 OR {jw}(name_sorted_l, name_sorted_r) >= 0.95",
                "a typo",
                0.02,
                1e-4,
            ),
            x.level("given_l = given_r AND family_l = family_r", "same family and given name", 0.01, 1e-3),
            x.level(
                "{jw}(name_fold_l, name_fold_r) >= 0.88 OR {jw}(name_sorted_l, name_sorted_r) >= 0.88",
                "similar",
                0.01,
                1e-3,
            ),
            x.level(
                "{jw}(given_l, given_r) >= 0.85 AND {jw}(family_l, family_r) >= 0.85", "both parts similar", 0.005, 2e-3
            ),
            x.level("given_l = given_r OR family_l = family_r", "one part the same", 0.003, 0.02),
            x.level(
                "{jw}(given_l, given_r) >= 0.92 OR {jw}(family_l, family_r) >= 0.92", "one part similar", 0.003, 0.02
            ),
            cll.ElseLevel().configure(m_probability=0.002, u_probability=0.97),
        ],
    )


def birth_date_comparison(x: _Levels) -> CustomComparison:
    """Full dates equal, day and month swapped, one digit off, a partial date that agrees, same year."""
    both_days = "birth_day_l IS NOT NULL AND birth_day_r IS NOT NULL"
    return CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            x.level("birth_year_l IS NULL OR birth_year_r IS NULL", "null", 0, 0, null=True),
            x.level(f"{both_days} AND birth_date_l = birth_date_r", "exact", 0.97, 4e-5),
            x.level(
                f"{both_days} AND birth_year_l = birth_year_r AND birth_month_l = birth_day_r "
                "AND birth_day_l = birth_month_r",
                "day and month swapped",
                0.005,
                4e-5,
            ),
            x.level(f"{both_days} AND {{dl}}(birth_date_l, birth_date_r) <= 1", "one digit off", 0.01, 4e-4),
            x.level(
                "birth_year_l = birth_year_r AND birth_month_l = birth_month_r "
                "AND (birth_day_l IS NULL OR birth_day_r IS NULL)",
                "same year and month, day unknown",
                0.003,
                1e-3,
            ),
            x.level(
                "birth_year_l = birth_year_r AND (birth_month_l IS NULL OR birth_month_r IS NULL)",
                "same year, month unknown",
                0.005,
                1e-3,
            ),
            x.level("birth_year_l = birth_year_r", "same year, other date", 0.01, 0.012),
            x.level("abs(birth_year_l - birth_year_r) <= 1", "a year apart", 0.003, 0.024),
            cll.ElseLevel().configure(m_probability=0.004, u_probability=0.96),
        ],
    )


def id_comparison(x: _Levels) -> CustomComparison:
    """The chip CCCD, else the old 9-digit ID card number."""
    return CustomComparison(
        output_column_name="cccd",
        comparison_levels=[
            x.level(
                "(cccd_l IS NULL OR cccd_r IS NULL) AND (old_id_l IS NULL OR old_id_r IS NULL)", "null", 0, 0, null=True
            ),
            x.level("cccd_l = cccd_r OR old_id_l = old_id_r", "exact", 0.97, 1e-7),
            x.level(
                "{dl}(cccd_l, cccd_r) <= 1 OR {dl}(old_id_l, old_id_r) <= 1",
                "one digit wrong or two swapped",
                0.02,
                1e-5,
            ),
            x.level("cccd_l IS NULL OR cccd_r IS NULL", "CCCD on one side only, old IDs differ", 0.01, 0.9),
            cll.ElseLevel().configure(m_probability=0.01, u_probability=0.99999),
        ],
    )


def place_comparison(x: _Levels) -> CustomComparison:
    return CustomComparison(
        output_column_name="commune",
        comparison_levels=[
            x.level("commune_code_l IS NULL OR commune_code_r IS NULL", "null", 0, 0, null=True),
            x.level("commune_code_l = commune_code_r", "same commune", 0.97, 0.01),
            x.level("area_code_l = area_code_r", "same district", 0.02, 0.08),
            cll.ElseLevel().configure(m_probability=0.01, u_probability=0.91),
        ],
    )


def address_comparison(x: _Levels) -> CustomComparison:
    return CustomComparison(
        output_column_name="address",
        comparison_levels=[
            x.level("address_fold_l IS NULL OR address_fold_r IS NULL", "null", 0, 0, null=True),
            x.level("address_fold_l = address_fold_r", "exact", 0.5, 1e-4),
            x.level("{jw}(address_fold_l, address_fold_r) >= 0.97", "a typo", 0.2, 2e-4),
            x.level("{jw}(address_fold_l, address_fold_r) >= 0.92", "very similar", 0.1, 1e-3),
            x.level(
                "(address_head_l = address_head_r OR address_tail_l = address_tail_r) "
                "AND {jw}(address_fold_l, address_fold_r) >= 0.8",
                "same start or end, similar",
                0.08,
                2e-3,
            ),
            x.level(
                "address_head_l = address_head_r OR address_tail_l = address_tail_r", "same start or end", 0.05, 0.01
            ),
            x.level("{jw}(address_fold_l, address_fold_r) >= 0.8", "similar", 0.04, 0.02),
            cll.ElseLevel().configure(m_probability=0.03, u_probability=0.97),
        ],
    )


def sex_comparison(x: _Levels) -> CustomComparison:
    return CustomComparison(
        output_column_name="sex",
        comparison_levels=[
            x.level("sex_l IS NULL OR sex_r IS NULL", "null", 0, 0, null=True),
            x.level("sex_l = sex_r", "same", 0.995, 0.5),
            cll.ElseLevel().configure(m_probability=0.005, u_probability=0.5),
        ],
    )


COMPARISONS = ("name", "birth_date", "cccd", "commune", "address", "sex")

# Blocking keys: a pair is scored when it agrees on every key of at least one row. Each row says which
# mistake it survives. A row that would create more pairs than the budget allows on the data at hand is
# left out of that run (linking.affordable_blocking); the ID rows are cheap everywhere.
BLOCKING_KEYS = (
    ("cccd",),
    ("old_id",),
    ("name_sorted", "birth_year"),  # ID missing or wrong, diacritics lost, other word order, partial date
    ("cccd_head", "given"),  # a wrong digit in the CCCD's serial
    ("cccd_tail", "birth_year"),  # a wrong digit in the CCCD's province/century/year part
    ("name_sorted", "commune_code"),  # wrong birth year
    ("given", "birth_date"),  # family or middle name changed or mistyped
    ("family", "birth_date"),  # given name mistyped
    ("substr(given, 1, 1)", "substr(family, 1, 1)", "birth_date"),  # both names mistyped
    ("birth_date", "commune_code"),  # both names mistyped or replaced
    ("given", "substr(family, 1, 1)", "birth_year"),  # birth day or month mistyped
    ("name_sorted", "address_tail"),  # birth date wrong or missing, no commune code
    ("given", "address_tail"),
    ("family", "address_head"),
    ("address_tail", "birth_year"),  # names mistyped, birth date partial
    ("address_head", "substr(given, 1, 1)", "substr(family, 1, 1)"),  # names mistyped, no birth date
    # Wide nets, affordable on small or well-identified files only:
    ("birth_date",),
    ("family",),
    ("given",),
    ("address_head",),
    ("address_tail",),
)


def blocking_rules(keys: tuple[tuple[str, ...], ...] = BLOCKING_KEYS) -> list:
    return [block_on(*row) for row in keys]


def settings(probability_two_random_records_match: float, dialect: str = "duckdb") -> SettingsCreator:
    x = _Levels(dialect)
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        comparisons=[
            name_comparison(x),
            birth_date_comparison(x),
            id_comparison(x),
            place_comparison(x),
            address_comparison(x),
            sex_comparison(x),
        ],
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_intermediate_calculation_columns=True,
        additional_columns_to_retain=[],
        max_iterations=20,
    )


def training_blocks(ids_shared: bool) -> list:
    """EM needs pairs that are mostly true matches, from blockings that leave the other comparisons free.
    With IDs on both sides the ID pins the pairs down; without them, the full birth date (which frees the
    names, IDs and places) and the name (which frees the date)."""
    if ids_shared:
        return [block_on("cccd"), block_on("name_sorted", "birth_year")]
    return [block_on("birth_date"), block_on("name_sorted")]


def train(linker: Linker, pairs_for_u: float, em_max_pairs: float, ids_shared: bool) -> None:
    linker.training.estimate_u_using_random_sampling(max_pairs=pairs_for_u, seed=SEED)
    for rule in training_blocks(ids_shared):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule,
            estimate_without_term_frequencies=True,
            max_pairs=em_max_pairs,
        )


def with_floors(model_dict: dict) -> dict:
    """A level never seen among true pairs in this extract (say, a different sex) gets m = 0, a weight of
    minus infinity that no other evidence could outweigh; keep it at a small floor instead."""
    for comparison in model_dict["comparisons"]:
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level") and (level.get("m_probability") or 0) < M_FLOOR:
                level["m_probability"] = M_FLOOR
    return model_dict


def for_dialect(model_dict: dict, dialect: str) -> dict:
    """A model trained on one engine, for another: the same m and u per level, with the level conditions
    written for `dialect` (the similarity functions have other names on Spark)."""
    if model_dict.get("sql_dialect") == dialect:
        return model_dict
    target = settings(model_dict["probability_two_random_records_match"], dialect).get_settings(dialect).as_dict()
    trained = {c["output_column_name"]: c["comparison_levels"] for c in model_dict["comparisons"]}
    for comparison in target["comparisons"]:
        for level, source in zip(
            comparison["comparison_levels"], trained[comparison["output_column_name"]], strict=True
        ):
            for key in ("m_probability", "u_probability"):
                if key in source:
                    level[key] = source[key]
    return target
