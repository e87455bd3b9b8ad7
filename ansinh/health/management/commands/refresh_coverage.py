import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from ansinh.health.coverage import refresh_coverage


class Command(BaseCommand):
    help = "Derive everyone's health-insurance coverage from the registry and collection (set-based)."

    def add_arguments(self, parser):
        parser.add_argument("--on", type=dt.date.fromisoformat, help="date the coverage describes (default today)")
        parser.add_argument(
            "--recount-from",
            type=dt.date.fromisoformat,
            help="derive again the counts kept for every month end from this date (after sources were corrected)",
        )

    def handle(self, *args, on=None, recount_from=None, **options):
        run = refresh_coverage(on or timezone.localdate(), recount_from=recount_from)
        groups = dict(run.by_source)
        population = groups.pop("population", 0)
        share = run.members / population if population else 0
        self.stdout.write(
            f"coverage on {run.on}: {run.members} of {population} people ({share:.1%}) "
            f"in {run.seconds:.2f} s; by group {groups}"
        )
