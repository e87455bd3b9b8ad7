"""Demo payroll: the three months before the demo date, computed, approved, sent and reconciled from a
generated bank return with a few rejects."""
from __future__ import annotations

from ansinh.benefits.models import PaymentInstruction
from ansinh.benefits.payroll import returns, run, send
from ansinh.core.periods import Period

REJECT_SHARE = 0.003
REASONS = ["AC04 Tài khoản đã đóng", "AC01 Sai số tài khoản", "AM05 Trùng lệnh, chi lại kỳ sau"]


def _return_file(ctx, payroll, keep_paid: set) -> bytes:
    rng = ctx.rng(f"benefits-return-{payroll.period}")
    rows = payroll.payments.filter(status=PaymentInstruction.Status.SENT).values_list("entitlement_id", "period", "attempt", "method", "person_id")
    paid_on = Period.parse(payroll.period).first_day.replace(day=5).isoformat()
    lines = ["end_to_end_id,status,reason,paid_on"]
    for ent, period, attempt, method, person in rows:
        e2e = f"AS{ent}-{period.replace('-', '')}-{attempt}"
        if method == "bank" and person not in keep_paid and rng.random() < REJECT_SHARE:
            lines.append(f"{e2e},rejected,{REASONS[int(rng.integers(len(REASONS)))]},")
        else:
            lines.append(f"{e2e},paid,,{paid_on}")
    return ("\n".join(lines) + "\n").encode()


def three_months(ctx, officer, approver, keep_paid: set) -> None:
    latest = Period.of(ctx.as_of).plus(-1)
    for back in (2, 1, 0):
        period = str(latest.plus(-back))
        payroll = run.compute_run(period, officer)
        payroll = send.approve_run(payroll, approver)
        send.send_run(payroll, approver)
        source = returns.import_return(payroll, f"return-{period}.csv", _return_file(ctx, payroll, keep_paid), approver)
        ctx.log(f"benefits: payroll {period}: {payroll.instructions} payments, {source.paid} paid, {source.rejected} rejected")
