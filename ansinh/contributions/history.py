"""A person's contribution history, participants per commune, and the membership lists other apps read."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import Max, Q
from django.utils import timezone

from ansinh.contributions import rules
from ansinh.contributions.models import AssessmentLine, Receivable, VoluntaryEnrolment
from ansinh.core.frames import read_frame
from ansinh.core.periods import Period
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_reader

VOLUNTARY_PAYER = "Tự nguyện"


def _payer_status(codes_periods: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """'paid' when every bill line of the payer for the period is paid in full, else 'unpaid'."""
    status: dict[tuple[str, str], str] = {}
    codes = {c for c, _ in codes_periods}
    for code, period, amount, paid in Receivable.objects.filter(payer_code__in=codes).values_list(
        "payer_code", "period", "amount", "paid_amount"
    ):
        if (code, period) in codes_periods:
            key = (code, period)
            status[key] = "unpaid" if paid < amount or status.get(key) == "unpaid" else "paid"
    return status


def _assessed_rows(person) -> list[dict]:
    lines = list(
        AssessmentLine.objects.filter(person=person, payer_kind__in=["employer", "voluntary"]).select_related(
            "employer"
        )
    )
    status = _payer_status({(line.payer_code, line.period) for line in lines})
    rows = []
    for line in lines:
        for offset in range(line.months):
            period = str(Period.parse(line.period).plus(offset))

            def share(amount, months=line.months, first=offset == 0):
                return amount // months + (amount % months if first else 0)

            rows.append(
                {
                    "period": period,
                    "kind": "compulsory" if line.payer_kind == "employer" else "voluntary",
                    "payer": line.employer.name if line.employer else VOLUNTARY_PAYER,
                    "salary": line.salary,
                    "employee_amount": share(line.employee_amount),
                    "employer_amount": share(line.employer_amount),
                    "state_amount": share(line.state_amount),
                    "state_support": share(line.state_amount),
                    "amounts_known": True,
                    "status": status.get((line.payer_code, line.period), "unpaid"),
                }
            )
    return rows


def _spell_rows(person, skip: set[str]) -> list[dict]:
    """Months from employment spells that no assessment covers, up to last month (this month is not due
    yet): amounts by the law in force then."""
    rows = []
    params_on = params_reader()
    last_month = Period.of(timezone.localdate()).plus(-1)
    for spell in person.spells.select_related("employer").order_by("start"):
        first = Period.of(spell.start if spell.start.day <= 15 else spell.start.replace(day=28) + dt.timedelta(days=4))
        last = Period.of(spell.end) if spell.end else last_month
        if spell.end and spell.end.day < 15:
            last = last.plus(-1)
        last = min(last, last_month)
        for index in range(first.index, last.index + 1):
            period = Period.from_index(index)
            if str(period) in skip:
                continue
            rows.append(_computed_row(period, spell, params_on))
    return rows


def _computed_row(period: Period, spell, params_on) -> dict:
    row = {
        "period": str(period),
        "kind": "compulsory",
        "payer": spell.employer.name,
        "salary": spell.insured_salary,
        "employee_amount": 0,
        "employer_amount": 0,
        "state_amount": 0,
        "state_support": 0,
        "amounts_known": False,
        "status": "not_assessed",
    }
    try:
        params = params_on(period.first_day)
        floor = rules.minimum_wage(params, spell.employer.wage_region)
        shares = rules.compulsory_contribution(
            params,
            max(spell.insured_salary, floor),
            spell.employer.wage_region,
            rules.pay_scale_of(spell.employer.sector),
        )
    except (MissingParameter, rules.RuleError):
        return row  # before the recorded law: the month counts, its amounts are not computed
    row["amounts_known"] = True
    row["employee_amount"] = sum(s.amount for s in shares if s.payer == "employee")
    row["employer_amount"] = sum(s.amount for s in shares if s.payer == "employer")
    return row


def si_history(person) -> list[dict]:
    assessed = _assessed_rows(person)
    periods = {r["period"] for r in assessed if r["kind"] == "compulsory"}
    rows = assessed + _spell_rows(person, periods)
    rows.sort(key=lambda r: (r["period"], r["kind"]))
    for row in rows:
        row.pop("state_amount", None)
    return rows


def si_totals(person) -> dict:
    """Months that count: paid, or on record from before the assessments, and already past. A month still
    unpaid, or paid ahead for the future, is not (yet) counted; unpaid months are counted apart."""
    rows = si_history(person)
    this_month = str(Period.of(timezone.localdate()))
    unpaid = {r["period"] for r in rows if r["status"] == "unpaid"}
    months = sorted({r["period"] for r in rows if r["status"] != "unpaid" and r["period"] < this_month})
    return {
        "total_months": len(months),
        "years": len(months) // 12,
        "months": len(months) % 12,
        "unpaid_months": len(unpaid),
        "first_period": months[0] if months else None,
        "last_period": months[-1] if months else None,
    }


# A line billed for a period covers that month and the next `months - 1`. A month's participants are the lines
# of each of the 13 periods up to it whose cover reaches it: one range of the (period, payer kind, months,
# person) index per period, read from the index alone, instead of every line of the 13 periods.
_COVER_REACH = 12  # a line billed more than 12 months before the month is not counted, whatever its months


def _covering_periods(month: Period) -> tuple[str, list]:
    """A small table (period, back) of the periods whose lines may cover the month: a line of `period` covers
    it when its months exceed `back`."""
    rows = " UNION ALL ".join(["SELECT %s AS period, %s AS back"] * (_COVER_REACH + 1))
    params = []
    for back in range(_COVER_REACH + 1):
        params += [str(month.plus(-back)), back]
    return rows, params


def participants_by_commune(period: str) -> list[dict]:
    """{commune_code, compulsory, voluntary}: distinct people billed for the period (voluntary: covered by a bill).
    Counted in the database: a province's year of person lines never travels to Python (bench/kpis.py)."""
    covering, params = _covering_periods(Period.parse(period))
    sql = f"""SELECT c.code, COUNT(DISTINCT CASE WHEN l.payer_kind = 'employer' THEN l.person_id END),
                     COUNT(DISTINCT CASE WHEN l.payer_kind = 'voluntary' THEN l.person_id END)
              FROM ({covering}) w
              JOIN contributions_assessmentline l ON l.period = w.period AND l.months > w.back
                   AND l.payer_kind IN ('employer', 'voluntary')
              JOIN registry_person p ON p.id = l.person_id JOIN geo_commune c ON c.id = p.commune_id
              GROUP BY c.code ORDER BY c.code"""
    frame = read_frame(sql, params, {"commune_code": pl.String, "compulsory": pl.Int64, "voluntary": pl.Int64})
    return frame.to_dicts()


def voluntary_members(period: str) -> list[dict]:
    """Voluntary participants with an enrolment open in the period: {person_id, start_period, income, support_group}."""
    still_open = Q(end_period="") | Q(end_period__gte=period)
    return list(
        VoluntaryEnrolment.objects.filter(still_open, start_period__lte=period).values(
            "person_id", "start_period", "income", "support_group"
        )
    )


_PAID_FAMILY_LINES = """SELECT l.person_id, r.household_id, l.period, l.months FROM contributions_assessmentline l
    JOIN contributions_receivable r ON r.payer_code = l.payer_code AND r.period = l.period AND r.fund = 'health'
    WHERE l.payer_kind = 'family_hi' AND r.paid_amount >= r.amount"""
# Only people with a paid family-HI bill recent enough to reach the day (no older than the longest bill on
# file) can be covered on it: the recent bills are found through their (period, payer kind) index, then
# those people's paid lines are read whole (their cover starts at their first paid month), instead of every
# family-HI line ever billed.
_RECENTLY_PAID = """SELECT l.person_id FROM contributions_receivable r
    JOIN contributions_assessmentline l ON l.payer_code = r.payer_code AND l.period = r.period
    WHERE r.payer_kind = 'family_hi' AND r.fund = 'health' AND r.period >= %s
      AND r.paid_amount >= r.amount AND l.payer_kind = 'family_hi'"""


def family_hi_spans(since: dt.date) -> pl.DataFrame:
    """Each family-HI payer's covered months as one span (person_id, household_id, first, last as month indexes),
    for the people whose paid bills reach `since` or later: anyone else's cover ended before that day."""
    longest = Receivable.objects.filter(payer_kind="family_hi").aggregate(m=Max("months"))["m"] or 1
    sql = f"{_PAID_FAMILY_LINES} AND l.person_id IN ({_RECENTLY_PAID})"
    paid = read_frame(
        sql,
        [str(Period.of(since).plus(1 - longest))],
        {"person_id": pl.Int64, "household_id": pl.Int64, "period": pl.String, "months": pl.Int64},
    )
    start = pl.col("period").str.slice(0, 4).cast(pl.Int64) * 12 + pl.col("period").str.slice(5, 2).cast(pl.Int64) - 1
    return (
        paid.with_columns(start.alias("first"), (start + pl.col("months") - 1).alias("last"))
        .group_by("person_id", "household_id")
        .agg(pl.col("first").min(), pl.col("last").max())
    )


def family_hi_members_frame(on: dt.date, spans: pl.DataFrame | None = None) -> pl.DataFrame:
    """family_hi_members as a frame, built column-wise (no row of Python objects per member); `spans` from
    family_hi_spans of a day no later than `on`, to cut several days from one read."""
    spans = family_hi_spans(on) if spans is None else spans
    at = Period.of(on).index
    month_start = [pl.date(pl.col(c) // 12, pl.col(c) % 12 + 1, 1) for c in ("first", "last")]
    return spans.filter((pl.col("first") <= at) & (pl.col("last") >= at)).select(
        "person_id",
        "household_id",
        month_start[0].alias("valid_from"),
        month_start[1].dt.month_end().alias("valid_to"),
    )


def family_hi_members(on: dt.date) -> list[dict]:
    """People whose family HI covers `on`: {person_id, household_id, valid_from, valid_to}. Cover runs from the
    enrolment's first month to the last month paid for (a bill paid in full covers its months)."""
    return family_hi_members_frame(on).to_dicts()


def own_payer_codes(person) -> dict[str, str]:
    """The payer codes a person pays under themselves: {code: payer kind} for voluntary SI (their SI number)
    and family HI (their household's code)."""
    codes = {person.si_number: "voluntary"}
    if person.household_id:
        codes[person.household.code] = "family_hi"
    return codes


def participant_bills(person, limit: int = 120) -> list[dict]:
    """Bills of the person's voluntary SI and of their household's family HI, newest first, one row per payer
    and period: {payer_kind, payer_code, period, months, amount, paid, outstanding, due_date, paid_on, status}."""
    codes = own_payer_codes(person)
    rows: dict[tuple[str, str], dict] = {}
    for bill in Receivable.objects.filter(payer_code__in=codes, payer_kind__in=["voluntary", "family_hi"]).order_by(
        "-period", "payer_code"
    ):
        row = rows.setdefault(
            (bill.payer_code, bill.period),
            {
                "payer_kind": bill.payer_kind,
                "payer_code": bill.payer_code,
                "period": bill.period,
                "months": bill.months,
                "amount": 0,
                "paid": 0,
                "due_date": bill.due_date,
                "paid_on": bill.paid_on,
            },
        )
        row["amount"] += bill.amount
        row["paid"] += bill.paid_amount
        row["paid_on"] = max(filter(None, [row["paid_on"], bill.paid_on]), default=None)
    ordered = sorted(rows.values(), key=lambda r: (r["period"], r["payer_code"]), reverse=True)[:limit]
    for row in ordered:
        row["outstanding"] = row["amount"] - row["paid"]
        row["status"] = "paid" if row["outstanding"] <= 0 else ("partly_paid" if row["paid"] else "unpaid")
        if row["status"] != "paid":
            row["paid_on"] = None
    return ordered


def participant_payments(person, limit: int = 60) -> list[dict]:
    """Money received under the person's own payer codes, newest first: {received_on, amount, payer_kind,
    payer_code, source, reference}."""
    from ansinh.contributions.models import Payment

    codes = own_payer_codes(person)
    return [
        {
            "received_on": p.received_on,
            "amount": p.amount,
            "payer_kind": codes[p.payer_code],
            "payer_code": p.payer_code,
            "source": p.get_source_display(),
            "reference": p.reference,
        }
        for p in Payment.objects.filter(payer_code__in=codes).order_by("-received_on", "-id")[:limit]
    ]
