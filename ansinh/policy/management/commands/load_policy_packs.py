from django.core.management.base import BaseCommand

from ansinh.policy.services import load_packs


class Command(BaseCommand):
    help = "Load the policy packs (ansinh/policy/packs/*.toml): missing versions are added."

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Also overwrite rows that came from the same pack.")

    def handle(self, *args, update=False, **options):
        created, updated = load_packs(update=update)
        self.stdout.write(f"policy packs: {created} versions added, {updated} updated")
