from django.core.management.base import BaseCommand, CommandError

from ansinh.contributions.assessment import assess
from ansinh.core import audit
from ansinh.core.periods import Period
from ansinh.policy.rules import MissingParameter


class Command(BaseCommand):
    help = (
        "Bill one month: every employer unit from its active spells, every voluntary and family-HI payer due. "
        "Re-running adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="the month, YYYY-MM")

    def handle(self, *args, period, **options):
        try:
            month = Period.parse(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        try:
            with audit.acting_as(label="assess_contributions"):
                run = assess(month)
        except MissingParameter as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Assessed {run.period}: {run.units:,} units, {run.participants:,} voluntary/family-HI payers, "
            f"{run.lines:,} person lines, {run.receivables:,} bill lines, {run.amount:,} đồng (run #{run.pk})."
        )
