"""From scored pairs to one decision per registry record: named SELECT statements in DuckDB's dialect,
written so they translate to Spark SQL (no engine-only syntax).

- An extract record far better matched to another registry record (by more than the ambiguity margin) is
  that record's: it is dropped from this one's candidates. This is what keeps a person who is absent from
  the extract from being matched to a namesake who is someone else's counterpart.
- The best remaining candidate is the person when its probability reaches the match threshold and no
  other candidate comes within the margin; when several do (or two registry records claim the same
  citizen) the record is ambiguous and the candidates are shown side by side; otherwise it is not found.
"""

from __future__ import annotations

SHOWN_CANDIDATES = 5


def decide_sql(pairs: str, weight_columns: list[str], t) -> list[tuple[str, str]]:
    margin, match_p = float(t.ambiguity_margin), float(t.match_probability)
    weights = "".join(f", p.{c}" for c in weight_columns)
    outcome = f"""CASE WHEN t.registry_uid IS NULL THEN 'not_found'
                       WHEN t.n_close > 1 OR coalesce(c.n, 0) > 1 THEN 'ambiguous'
                       WHEN t.p >= {match_p} THEN 'linked' ELSE 'not_found' END"""
    return [
        ("ext_best", f"SELECT extract_uid, max(match_weight) AS best_w FROM {pairs} GROUP BY extract_uid"),
        (
            "ranked",
            f"""
            SELECT p.registry_uid, p.extract_uid, p.match_probability, p.match_weight{weights},
                   row_number() OVER (PARTITION BY p.registry_uid ORDER BY p.match_weight DESC, p.extract_uid) AS rank,
                   max(p.match_weight) OVER (PARTITION BY p.registry_uid) AS top_w
            FROM {pairs} p JOIN ext_best b ON p.extract_uid = b.extract_uid
            WHERE p.match_weight >= b.best_w - {margin}""",
        ),
        (
            "tops",
            f"""
            SELECT registry_uid, max(CASE WHEN rank = 1 THEN extract_uid END) AS extract_uid,
                   max(match_probability) AS p, max(match_weight) AS w,
                   sum(CASE WHEN match_weight >= top_w - {margin} THEN 1 ELSE 0 END) AS n_close
            FROM ranked GROUP BY registry_uid""",
        ),
        ("claims", f"SELECT extract_uid, count(*) AS n FROM tops WHERE p >= {match_p} GROUP BY extract_uid"),
        (
            "probabilistic",
            f"""
            SELECT r.uid AS registry_uid, {outcome} AS outcome, t.extract_uid, t.p AS match_probability,
                   t.w AS match_weight
            FROM reg_rest r LEFT JOIN tops t ON t.registry_uid = r.uid
            LEFT JOIN claims c ON c.extract_uid = t.extract_uid""",
        ),
        (
            "decisions",
            """
            SELECT registry_uid, 'linked' AS outcome, extract_uid, CAST(1.0 AS DOUBLE) AS match_probability,
                   CAST(NULL AS DOUBLE) AS match_weight, 'deterministic' AS method
            FROM det
            UNION ALL
            SELECT registry_uid, outcome, CASE WHEN outcome = 'linked' THEN extract_uid END AS extract_uid,
                   match_probability, match_weight, 'probabilistic' AS method
            FROM probabilistic""",
        ),
        (
            "shown_candidates",
            f"""
            SELECT k.registry_uid, k.extract_uid, k.rank, k.match_probability,
                   k.match_weight{weights.replace("p.", "k.")}
            FROM ranked k JOIN decisions d ON d.registry_uid = k.registry_uid
            WHERE k.rank <= CASE WHEN d.outcome = 'linked' THEN 1 ELSE {SHOWN_CANDIDATES} END""",
        ),
    ]
