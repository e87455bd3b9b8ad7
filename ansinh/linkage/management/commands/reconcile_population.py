import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ansinh.core import audit
from ansinh.linkage import services
from ansinh.linkage.importer import ExtractRejected

STEPS = ("registry", "features", "deterministic", "training or model reused", "prediction", "decision", "write")


class Command(BaseCommand):
    help = "Import a population extract (CSV) and reconcile the registry with it; findings go to the review queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "extract",
            help=(
                "CSV: full_name and any of cccd (or a 9-digit old ID), birth_date, sex, commune_code, permanent_address"
            ),
        )
        parser.add_argument("--skip-bad-rows", action="store_true", help="import the good rows of a file with bad ones")
        parser.add_argument(
            "--retrain", action="store_true", help="train a new linkage model instead of reusing the latest one"
        )

    def handle(self, *args, extract, skip_bad_rows, retrain, **options):
        path = Path(extract)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        started = time.perf_counter()
        with audit.acting_as(label="reconcile_population"):
            stored = self._import(path, skip_bad_rows)
            with tqdm(total=len(STEPS), desc="reconcile", unit="step", disable=options["verbosity"] == 0) as bar:
                run = services.reconcile(
                    stored, retrain=retrain, on_step=lambda name: (bar.set_postfix_str(name), bar.update(1))
                )
        self._summary(run, time.perf_counter() - started)

    def _import(self, path, skip_bad_rows):
        with tqdm(desc="import", unit=" rows", unit_scale=True) as bar:
            try:
                stored, report = services.import_extract(path, skip_bad_rows=skip_bad_rows, on_rows=bar.update)
            except ExtractRejected as rejected:
                self._bad_rows(rejected.report)
                raise CommandError(str(rejected)) from None
        if report.bad_rows:
            self._bad_rows(report)
            self.stdout.write(f"Skipped {report.bad_rows:,} bad rows.")
        return stored

    def _bad_rows(self, report):
        for line, reason in report.first_errors:
            self.stderr.write(f"  line {line}: {reason}")
        if report.bad_rows > len(report.first_errors):
            self.stderr.write(f"  … {report.bad_rows - len(report.first_errors):,} more")
        self.stderr.write(f"Every bad row, with its line and reason: {report.errors_path}")

    def _summary(self, run, seconds):
        self.stdout.write(
            self.style.SUCCESS(f"Reconciliation #{run.pk}: {run.participants:,} registry records in {seconds:.1f} s")
        )
        for label, n in (
            ("synchronised", run.synced),
            ("match, corrections proposed", run.matched),
            ("ambiguous", run.ambiguous),
            ("not found", run.not_found),
        ):
            self.stdout.write(f"  {label:>28}: {n:>10,}  ({n / max(1, run.participants):.2%})")
        self.stdout.write(f"  seconds per step: {run.step_seconds}")
