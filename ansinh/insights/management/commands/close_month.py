"""Snapshot a month's KPIs for every area: `python manage.py close_month --period 2025-09 [--reason "…"]`."""

from django.core.management.base import BaseCommand, CommandError

from ansinh.core import audit
from ansinh.insights.snapshots import ReasonRequired, close_month


class Command(BaseCommand):
    help = (
        "Close a month: store its KPIs for the province, every former district and commune as a new snapshot version."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, action="append", help="YYYY-MM (repeat for several months)")
        parser.add_argument(
            "--reason", default="", help="Required when the month was already closed: why it is recomputed"
        )

    def handle(self, *args, period, reason, **options):
        with audit.acting_as(label="close_month"):
            for month in period:
                try:
                    snapshot = close_month(month, reason)
                except (ReasonRequired, ValueError) as exc:
                    raise CommandError(str(exc)) from exc
                missing = sorted(k for k, ok in snapshot.sources.items() if not ok)
                self.stdout.write(
                    f"{snapshot.period}: version {snapshot.version} stored in {snapshot.seconds:.2f} s"
                    + (f"; no data yet from: {', '.join(missing)}" if missing else "")
                )
