from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.health.claims import submit_claims
from ansinh.health.xml130 import EnvelopeRejected


class Command(BaseCommand):
    help = "Receive a GIAMDINHHS envelope from a file (as a facility would send it) and assess it."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            submission = submit_claims(path.read_bytes(), None, channel="file")
        except EnvelopeRejected as exc:
            raise CommandError("Rejected, nothing stored:\n" + "\n".join(
                f"{e.ma_lk or '-'} {e.table} {e.field}{f' line {e.line}' if e.line else ''}: {e.reason}" for e in exc.errors)) from None
        self.stdout.write(f"submission #{submission.pk}: {submission.claims} claims received and assessed")
