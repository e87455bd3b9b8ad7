"""From scored pairs to one decision per registry record, in SQL (DuckDB dialect, portable to Spark SQL).

- An extract record far better matched to another registry record (by more than the ambiguity margin) is
  that record's: it is dropped from this one's candidates. This is what keeps a person who is absent from
  the extract from being matched to a namesake who is someone else's counterpart.
- The best remaining candidate is the person when its probability reaches the match threshold and no
  other candidate comes within the margin; when several do (or two registry records claim the same
  citizen) the record is ambiguous and the candidates are shown side by side; otherwise it is not found.
"""
from __future__ import annotations

SHOWN_CANDIDATES = 5


def decide_sql(pairs: str, t) -> list[str]:
    margin, match_p = float(t.ambiguity_margin), float(t.match_probability)
    return [
        f"CREATE OR REPLACE TABLE ext_best AS SELECT extract_uid, max(match_weight) AS best_w FROM {pairs} GROUP BY extract_uid",
        f"""CREATE OR REPLACE TABLE ranked AS
            SELECT p.*, row_number() OVER (PARTITION BY p.registry_uid ORDER BY p.match_weight DESC, p.extract_uid) AS rank,
                   max(p.match_weight) OVER (PARTITION BY p.registry_uid) AS top_w
            FROM {pairs} p JOIN ext_best b ON p.extract_uid = b.extract_uid
            WHERE p.match_weight >= b.best_w - {margin}""",
        f"""CREATE OR REPLACE TABLE tops AS
            SELECT registry_uid, max(CASE WHEN rank = 1 THEN extract_uid END) AS extract_uid,
                   max(match_probability) AS p, max(match_weight) AS w,
                   sum(CASE WHEN match_weight >= top_w - {margin} THEN 1 ELSE 0 END) AS n_close
            FROM ranked GROUP BY registry_uid""",
        f"CREATE OR REPLACE TABLE claims AS SELECT extract_uid, count(*) AS n FROM tops WHERE p >= {match_p} GROUP BY extract_uid",
        f"""CREATE OR REPLACE TABLE decisions AS
            SELECT registry_uid, 'linked' AS outcome, extract_uid, CAST(1.0 AS DOUBLE) AS match_probability,
                   CAST(NULL AS DOUBLE) AS match_weight, 'deterministic' AS method
            FROM det
            UNION ALL
            SELECT r.uid AS registry_uid, d.outcome,
                   CASE WHEN d.outcome = 'linked' THEN t.extract_uid END AS extract_uid,
                   t.p AS match_probability, t.w AS match_weight, 'probabilistic' AS method
            FROM reg_rest r
            LEFT JOIN tops t ON t.registry_uid = r.uid
            LEFT JOIN claims c ON c.extract_uid = t.extract_uid
            CROSS JOIN LATERAL (SELECT CASE
                WHEN t.registry_uid IS NULL THEN 'not_found'
                WHEN t.n_close > 1 OR coalesce(c.n, 0) > 1 THEN 'ambiguous'
                WHEN t.p >= {match_p} THEN 'linked'
                ELSE 'not_found' END AS outcome) d""",
        f"""CREATE OR REPLACE TABLE shown_candidates AS
            SELECT k.* EXCLUDE (top_w) FROM ranked k JOIN decisions d ON d.registry_uid = k.registry_uid
            WHERE k.rank <= CASE WHEN d.outcome = 'linked' THEN 1 ELSE {SHOWN_CANDIDATES} END""",
    ]
