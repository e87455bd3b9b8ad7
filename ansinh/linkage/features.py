"""Linkage features of a registry or extract table, as one SQL query.

Written once in DuckDB's dialect and translated by sqlglot for another engine (Spark SQL), so the national
extract derives exactly the same columns. Input columns: uid, cccd, full_name, birth_date (text: YYYY-MM-DD,
YYYY-MM or YYYY), sex, commune_code, area_code, address.
"""
from __future__ import annotations

import sqlglot

from ansinh.linkage.rules import FOLD_FROM, FOLD_TO

FEATURE_COLUMNS = (
    "uid", "cccd", "full_name", "birth_date", "sex", "commune_code", "area_code", "address",
    "name_fold", "name_sorted", "family", "given", "birth_year", "birth_month", "birth_day",
    "cccd_head", "cccd_tail",
)


def feature_sql(source: str, dialect: str = "duckdb") -> str:
    """SELECT the linkage features of table `source`. Names are folded once per distinct name (a province
    has tens of thousands of distinct names for a million people), then joined back."""
    folded = f"trim(regexp_replace(translate(lower(full_name), '{FOLD_FROM}', '{FOLD_TO}'), '\\s+', ' ', 'g'))"
    sql = f"""
    WITH names AS (
        SELECT full_name, {folded} AS name_fold FROM (SELECT DISTINCT full_name FROM {source})
    ), name_features AS (
        SELECT full_name, name_fold,
               array_to_string(list_sort(str_split(name_fold, ' ')), ' ') AS name_sorted,
               CASE WHEN position(' ' IN name_fold) > 0 THEN split_part(name_fold, ' ', 1) ELSE '' END AS family,
               regexp_extract(name_fold, '(\\S+)$', 1) AS given
        FROM names
    )
    SELECT s.uid, nullif(trim(s.cccd), '') AS cccd, s.full_name, s.birth_date, s.sex, s.commune_code, s.area_code,
           coalesce(s.address, '') AS address, n.name_fold, n.name_sorted, n.family, n.given,
           CAST(substr(s.birth_date, 1, 4) AS INTEGER) AS birth_year,
           CASE WHEN length(s.birth_date) >= 7 THEN CAST(substr(s.birth_date, 6, 2) AS INTEGER) END AS birth_month,
           CASE WHEN length(s.birth_date) = 10 THEN CAST(substr(s.birth_date, 9, 2) AS INTEGER) END AS birth_day,
           substr(nullif(trim(s.cccd), ''), 1, 6) AS cccd_head,
           substr(nullif(trim(s.cccd), ''), 7, 6) AS cccd_tail
    FROM {source} s JOIN name_features n ON n.full_name = s.full_name
    """
    return sql if dialect == "duckdb" else sqlglot.transpile(sql, read="duckdb", write=dialect)[0]


# Same CCCD, the same name tokens once folded, and birth dates that agree as far as both are known (a
# swapped day and month still agrees: the CCCD and name already pin the person down).
DETERMINISTIC_SQL = """
SELECT r.uid AS registry_uid, e.uid AS extract_uid
FROM {registry} r JOIN {extract} e ON r.cccd = e.cccd
WHERE r.name_sorted = e.name_sorted AND r.birth_year = e.birth_year
  AND (e.birth_month IS NULL OR r.birth_month = e.birth_month AND (e.birth_day IS NULL OR r.birth_day = e.birth_day)
       OR r.birth_month = e.birth_day AND r.birth_day = e.birth_month)
"""
