"""Apply the pension indexations in force on a date (Government decrees, as versions of pension.indexation)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ansinh.benefits.entitlements import index_entitlements
from ansinh.core import audit


class Command(BaseCommand):
    help = "Raise the active pensions and monthly allowances by every indexation in force on --on (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument("--on", required=True, help="YYYY-MM-DD")

    def handle(self, *args, on, **options):
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            raise CommandError(f"--on must be a date YYYY-MM-DD (got {on!r})") from None
        with audit.acting_as(label="index_entitlements"):
            applied = index_entitlements(day)
        for valid_from, count in applied.items():
            self.stdout.write(f"indexation from {valid_from}: {count} entitlements raised")
