from django.core.management.base import BaseCommand

from ansinh.health.assessment.run import run_assessment


class Command(BaseCommand):
    help = "Assess the claims not assessed yet (set-based); --all re-assesses every claim not reviewed by an assessor."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true")

    def handle(self, *args, all=False, **options):
        run = run_assessment("{t}.review <> 'reviewed'" if all else "{t}.outcome = 'pending'")
        self.stdout.write(
            f"assessment #{run.pk}: {run.claims} claims, {run.lines} lines in {run.seconds} s: {run.accepted} "
            "accepted, "
            f"{run.adjusted} adjusted, {run.rejected} rejected, {run.flagged} to review"
        )
