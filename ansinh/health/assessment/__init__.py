"""Claims assessment: deterministic rules over claim lines (Polars, set-based), outcomes, and the assessor's review."""
