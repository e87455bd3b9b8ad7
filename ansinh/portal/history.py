"""Shaping a person's month-by-month SI history for reading: gaps made visible, runs of equal months
folded into ranges (as an SI book prints them). Plain values in and out."""

from __future__ import annotations

from itertools import groupby

from ansinh.core.periods import Period


def with_gaps(rows: list[dict]) -> list[dict]:
    """The history rows, newest first, with one {"gap": True, "from", "to", "months"} row for each run of
    months without contributions between the first and the last month."""
    if not rows:
        return []
    ordered = sorted(rows, key=lambda r: (r["period"], r["kind"]))
    out: list[dict] = []
    previous = None
    for row in ordered:
        index = Period.parse(row["period"]).index
        if previous is not None and index - previous > 1:
            out.append(
                {
                    "gap": True,
                    "from": str(Period.from_index(previous + 1)),
                    "to": str(Period.from_index(index - 1)),
                    "months": index - previous - 1,
                }
            )
        out.append(row)
        previous = max(previous or index, index)
    return list(reversed(out))


def ranges(rows: list[dict]) -> list[dict]:
    """Consecutive months with the same payer, kind and salary folded into one line, oldest first."""
    ordered = sorted(rows, key=lambda r: (r["period"], r["kind"]))
    result: list[dict] = []
    for row in ordered:
        index = Period.parse(row["period"]).index
        last = result[-1] if result else None
        if last and last["key"] == (row["payer"], row["kind"], row["salary"]) and last["end_index"] + 1 == index:
            last.update(
                end=row["period"],
                end_index=index,
                months=last["months"] + 1,
                employee_amount=last["employee_amount"] + row["employee_amount"],
                employer_amount=last["employer_amount"] + row["employer_amount"],
            )
            continue
        result.append(
            {
                "key": (row["payer"], row["kind"], row["salary"]),
                "start": row["period"],
                "end": row["period"],
                "end_index": index,
                "months": 1,
                "payer": row["payer"],
                "kind": row["kind"],
                "salary": row["salary"],
                "employee_amount": row["employee_amount"],
                "employer_amount": row["employer_amount"],
            }
        )
    return result


def by_year(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Rows (newest first, gaps included) grouped by year for the history page."""

    def year(row):
        return (row.get("period") or row.get("to"))[:4]

    return [(y, list(items)) for y, items in groupby(rows, key=year)]
