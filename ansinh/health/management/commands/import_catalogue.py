from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.core.errors import DomainError
from ansinh.health.reference import import_catalogue


class Command(BaseCommand):
    help = (
        "Import the drug/service catalogue with reference prices (CSV: code,kind,name,unit,reference_price,"
        "max_quantity,per_day,valid_from,source)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            created, updated = import_catalogue(path)
        except DomainError as exc:
            raise CommandError(
                "Nothing imported:\n" + "\n".join(f"row {e.row}, {e.field}: {e.message}" for e in exc.errors)
            ) from None
        self.stdout.write(f"catalogue: {created} new items, {updated} updated")
