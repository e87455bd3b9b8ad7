from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.outreach.labour import import_reports


class Command(BaseCommand):
    help = (
        "Import labour-use reports (CSV: unit_code, reported_on, workers[, source]); a file with a bad row imports "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with audit.acting_as(label="import_labour_reports"):
                created, updated = import_reports(path.read_bytes())
        except DomainError as refused:
            for error in refused.errors:
                self.stderr.write(f"line {error.row or '-'}, {error.field}: {error.message}")
            raise CommandError("Nothing was imported.") from None
        self.stdout.write(f"{created} labour-use reports added, {updated} updated")
