import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ansinh.core import audit
from ansinh.outreach import services


class Command(BaseCommand):
    help = "Compute the outreach prospects as of a day (today by default); the same day again replaces its prospects."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, on=None, **options):
        try:
            day = dt.date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"--on must be a date YYYY-MM-DD, not {on!r}") from None
        with audit.acting_as(label="outreach_prospects"):
            run = services.compute_prospects(day)
        counts = ", ".join(f"{reason} {n:,}" for reason, n in sorted(run.counts.items()))
        self.stdout.write(f"prospects as of {run.on} from {run.basis} in {run.seconds} s: {counts or 'none'}")
