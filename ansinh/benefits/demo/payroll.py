"""Demo payroll: the three months before the demo date, computed, approved, sent and reconciled from a
generated bank return with a few rejects."""

from __future__ import annotations

from ansinh.benefits.models import PaymentInstruction
from ansinh.benefits.payroll import returns, run, send
from ansinh.core.periods import Period

REJECT_SHARE = 0.003
REASONS = ["AC04 Tài khoản đã đóng", "AC01 Sai số tài khoản", "AM05 Trùng lệnh, chi lại kỳ sau"]


RETURN_ROWS = 50_000  # a bank answers a province's payroll in several files (one file is bounded to 100,000 rows)


def _return_files(ctx, payroll, keep_paid: set) -> list[bytes]:
    rng = ctx.rng(f"benefits-return-{payroll.period}")
    rows = (
        payroll.payments.filter(status=PaymentInstruction.Status.SENT)
        .order_by("pk")
        .values_list("entitlement_id", "period", "attempt", "method", "person_id")
    )
    paid_on = Period.parse(payroll.period).first_day.replace(day=5).isoformat()
    lines = []
    for ent, period, attempt, method, person in rows:
        e2e = f"AS{ent}-{period.replace('-', '')}-{attempt}"
        if method == "bank" and person not in keep_paid and rng.random() < REJECT_SHARE:
            lines.append(f"{e2e},rejected,{REASONS[int(rng.integers(len(REASONS)))]},")
        else:
            lines.append(f"{e2e},paid,,{paid_on}")
    return [
        ("\n".join(["end_to_end_id,status,reason,paid_on", *lines[i : i + RETURN_ROWS]]) + "\n").encode()
        for i in range(0, max(len(lines), 1), RETURN_ROWS)
    ]


def three_months(ctx, officer, approver, keep_paid: set) -> None:
    latest = Period.of(ctx.as_of).plus(-1)
    for back in (2, 1, 0):
        period = str(latest.plus(-back))
        payroll = run.compute_run(period, officer)
        payroll = send.approve_run(payroll, approver)
        send.send_run(payroll, approver)
        files = _return_files(ctx, payroll, keep_paid)
        sources = [
            returns.import_return(payroll, f"return-{period}-{n}.csv", content, approver)
            for n, content in enumerate(files, 1)
        ]
        ctx.log(
            f"benefits: payroll {period}: {payroll.instructions} payments, {sum(s.paid for s in sources)} paid, "
            f"{sum(s.rejected for s in sources)} rejected"
        )
