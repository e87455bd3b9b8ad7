from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.health.claims import submit_claims
from ansinh.health.xml130 import EnvelopeRejected


def _line(e) -> str:
    where = f" line {e['line']}" if e.get("line") else ""
    return f"  {e['ma_lk'] or '-'} {e['table']} {e['field']}{where}: {e['reason']}"


class Command(BaseCommand):
    help = (
        "Receive a GIAMDINHHS envelope from a file (as a facility would send it): store and assess its valid records,"
        " list the refused ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            submission = submit_claims(path.read_bytes(), None, channel="file")
        except EnvelopeRejected as exc:
            raise CommandError(
                "No record could be taken, nothing stored:\n" + "\n".join(_line(e.as_dict()) for e in exc.errors)
            ) from None
        self.stdout.write(
            f"submission #{submission.pk}: {submission.records} records, {submission.claims} stored and assessed "
            f"({submission.replaced} replacing an earlier version), {submission.refused} refused"
        )
        for refused in submission.refused_records.all():
            self.stdout.write(f"refused record {refused.position} ({refused.ma_lk or '-'}):")
            self.stdout.write("\n".join(_line(e) for e in refused.errors))
