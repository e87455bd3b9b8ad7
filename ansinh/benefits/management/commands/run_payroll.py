"""python manage.py run_payroll --period YYYY-MM [--approve | --send | --import-return FILE] [--by USERNAME]

Without a step option it computes (or completes) the month's draft run. --approve, --send and
--import-return move the run through approved → sent → reconciled."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.benefits.models import PayrollRun
from ansinh.benefits.payroll import returns, run, send
from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.core.models import User


class Command(BaseCommand):
    help = "Compute, approve, send or reconcile the benefits payroll of a month."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="the month paid, YYYY-MM")
        step = parser.add_mutually_exclusive_group()
        step.add_argument(
            "--approve", action="store_true", help="approve the draft run (not by the officer who computed it)"
        )
        step.add_argument("--send", action="store_true", help="write the bank files (pain.001) and cash lists")
        step.add_argument(
            "--import-return", metavar="FILE", help="import a bank report (pain.002) or a result sheet (CSV/Excel)"
        )
        parser.add_argument("--by", default="", help="username of the officer acting")

    def handle(self, *args, period, approve, send: bool, import_return, by, **options):
        user = User.objects.filter(username=by).first() if by else None
        if by and user is None:
            raise CommandError(f"No user {by!r}.")
        with audit.acting_as(user, label=by or "run_payroll"):
            try:
                self._step(period, approve, send, import_return, user)
            except DomainError as exc:
                raise CommandError(str(exc)) from None

    def _run(self, period: str) -> PayrollRun:
        found = PayrollRun.objects.filter(period=period).first()
        if found is None:
            raise CommandError(f"No payroll run for {period}: compute it first (run_payroll --period {period}).")
        return found

    def _step(self, period, approve, send_files, import_return, user):
        if approve:
            done = send.approve_run(self._run(period), user)
            self.stdout.write(f"{done.period}: approved ({done.instructions} payments, {done.total:,} đ)")
        elif send_files:
            files = send.send_run(self._run(period), user)
            for f in files:
                self.stdout.write(f"{f.path}\t{f.payments}\t{f.total}")
            self.stdout.write(f"{period}: sent, {len(files)} files in {send.files_dir(period)}")
        elif import_return:
            path = Path(import_return)
            source = returns.import_return(self._run(period), path.name, path.read_bytes(), user)
            self.stdout.write(
                f"{period}: {source.paid} paid, {source.rejected} rejected; run is "
                f"{source.run.__class__.objects.get(pk=source.run_id).state}"
            )
        else:
            done = run.compute_run(period, user)
            self.stdout.write(f"{done.period}: draft with {done.instructions} payments, {done.total:,} đ")
