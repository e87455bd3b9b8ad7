from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ansinh.core import audit
from ansinh.linkage.demo.extract import write_demo_extract


class Command(BaseCommand):
    help = (
        "Write the demo province's population extract (CSV) with realistic drift, and a ground-truth file. "
        "Registry-side drift (wrong CCCD digit, missing CCCD, lost diacritics, swapped day/month, old commune) "
        "is applied to the registry itself unless --extract-only. Demo databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="the extract CSV to write")
        parser.add_argument("--truth", help="also write the ground truth (person_id, extract_cccd, kinds) here")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--extract-only", action="store_true", help="leave the registry as it is")

    def handle(self, *args, out, truth, seed, extract_only, **options):
        if not settings.DEBUG:
            raise CommandError(
                "write_population_extract changes registry records: it runs on demo databases only (DEBUG=1)."
            )
        with audit.acting_as(label="write_population_extract"), transaction.atomic():
            counts = write_demo_extract(
                Path(out), Path(truth) if truth else None, seed=seed, corrupt_registry=not extract_only
            )
        for kind, n in sorted(counts.items()):
            self.stdout.write(f"{kind:>34}: {n:,}")
