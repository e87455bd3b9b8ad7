from django.core.management.base import BaseCommand

from ansinh.core import audit
from ansinh.outreach import services


class Command(BaseCommand):
    help = (
        "Credit enrolments (voluntary SI, family HI, a new employer, a new HI card) to the outreach contacts before "
        "them."
    )

    def handle(self, *args, **options):
        with audit.acting_as(label="outreach_attribute"):
            found = services.attribute()
        self.stdout.write(f"{found} new enrolments credited to outreach contacts")
