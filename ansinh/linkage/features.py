"""Linkage features of a registry or extract table, as SELECT statements in DuckDB's dialect (an engine
translates them for Spark), so a national extract derives exactly the same columns.

Input columns: uid, cccd, old_id, full_name, birth_date (text: YYYY-MM-DD, YYYY-MM, YYYY or empty), sex,
commune_code, area_code, address. Anything but uid and full_name may be missing: old registry records
and extracts without a chip ID are linked on names, birth dates and places.
"""

from __future__ import annotations

from ansinh.linkage.rules import FOLD_FROM, FOLD_TO

FEATURE_COLUMNS = (
    "uid",
    "cccd",
    "old_id",
    "full_name",
    "birth_date",
    "sex",
    "commune_code",
    "area_code",
    "address",
    "name_fold",
    "name_sorted",
    "family",
    "given",
    "birth_year",
    "birth_month",
    "birth_day",
    "cccd_head",
    "cccd_tail",
    "address_fold",
    "address_head",
    "address_tail",
)


def _fold(column: str) -> str:
    """Lower case, no diacritics, punctuation as spaces, single spaces."""
    plain = f"translate(lower({column}), '{FOLD_FROM}', '{FOLD_TO}')"
    return f"trim(regexp_replace(regexp_replace({plain}, '[^a-z0-9 ]', ' ', 'g'), '\\s+', ' ', 'g'))"


def feature_sql(source: str) -> str:
    """SELECT the linkage features of table `source`. Names are folded once per distinct name (a province
    has tens of thousands of distinct names for a million people), then joined back."""
    address_fold = _fold("coalesce(s.address, '')")
    return f"""
    WITH names AS (
        SELECT full_name, {_fold("full_name")} AS name_fold FROM (SELECT DISTINCT full_name FROM {source})
    ), name_features AS (
        SELECT full_name, name_fold,
               array_to_string(list_sort(str_split(name_fold, ' ')), ' ') AS name_sorted,
               split_part(name_fold, ' ', 1) AS family,  -- a one-word name is both family and given name
               regexp_extract(name_fold, '(\\S+)$', 1) AS given
        FROM names
    ), cleaned AS (
        SELECT s.uid, nullif(trim(s.cccd), '') AS cccd, nullif(trim(s.old_id), '') AS old_id, s.full_name,
               nullif(trim(s.birth_date), '') AS birth_date, nullif(trim(s.sex), '') AS sex,
               nullif(trim(s.commune_code), '') AS commune_code, nullif(trim(s.area_code), '') AS area_code,
               coalesce(s.address, '') AS address, {address_fold} AS address_fold
        FROM {source} s
    )
    SELECT c.uid, c.cccd, c.old_id, c.full_name, c.birth_date, c.sex, c.commune_code, c.area_code, c.address,
           n.name_fold, n.name_sorted, n.family, n.given,
           CAST(substr(c.birth_date, 1, 4) AS INTEGER) AS birth_year,
           CASE WHEN length(c.birth_date) >= 7 THEN CAST(substr(c.birth_date, 6, 2) AS INTEGER) END AS birth_month,
           CASE WHEN length(c.birth_date) = 10 THEN CAST(substr(c.birth_date, 9, 2) AS INTEGER) END AS birth_day,
           substr(c.cccd, 1, 6) AS cccd_head, substr(c.cccd, 7, 6) AS cccd_tail,
           nullif(c.address_fold, '') AS address_fold,
           nullif(regexp_extract(c.address_fold, '^(\\S+ \\S+)', 1), '') AS address_head,
           nullif(regexp_extract(c.address_fold, '(\\S+ \\S+)$', 1), '') AS address_tail
    FROM cleaned c JOIN name_features n ON n.full_name = c.full_name
    """


# Same CCCD, the same name tokens once folded, and birth dates that agree as far as both are known (a
# swapped day and month still agrees: the CCCD and name already pin the person down).
DETERMINISTIC_SQL = """
SELECT r.uid AS registry_uid, e.uid AS extract_uid
FROM {registry} r JOIN {extract} e ON r.cccd = e.cccd
WHERE r.name_sorted = e.name_sorted AND r.birth_year = e.birth_year
  AND (e.birth_month IS NULL OR r.birth_month = e.birth_month AND (e.birth_day IS NULL OR r.birth_day = e.birth_day)
       OR r.birth_month = e.birth_day AND r.birth_day = e.birth_month)
"""
