"""Facility accounts of the e-gateway: create one (the password is shown once), set a new password, disable or
enable, end every session, or register the facility's receptionists from a CSV (full_name,cccd)."""

from django.core.management.base import BaseCommand, CommandError

from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.health.gateway import accounts, receptionists
from ansinh.health.models import GatewayAccount


class Command(BaseCommand):
    help = "Gateway accounts of medical facilities (e.g. 42001_BV) and their receptionists."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="a new account for a facility; prints the password once")
        create.add_argument("facility")
        create.add_argument("username")
        for name, text in [
            ("password", "a new generated password (sessions end)"),
            ("disable", "refuse log-ins and end sessions"),
            ("enable", "allow log-ins again"),
            ("revoke", "end every session now"),
        ]:
            sub.add_parser(name, help=text).add_argument("username")
        staff = sub.add_parser("receptionists", help="register receptionists from a CSV file: full_name,cccd")
        staff.add_argument("facility")
        staff.add_argument("csv_file")

    def handle(self, *args, action, **options):
        with audit.acting_as(label="manage.py gateway_account"):
            try:
                self._do(action, options)
            except DomainError as exc:
                raise CommandError(
                    "; ".join(
                        f"{'row ' + str(e.row) + ', ' if e.row else ''}{e.field}: {e.message}" for e in exc.errors
                    )
                ) from None
            except (GatewayAccount.DoesNotExist, ValueError) as exc:
                raise CommandError(str(exc)) from None

    def _do(self, action, options):
        if action == "create":
            account, password = accounts.create_account(options["facility"], options["username"])
            self.stdout.write(f"{account.username} for {account.facility.code}: password {password} (shown once)")
        elif action == "receptionists":
            with open(options["csv_file"], encoding="utf-8-sig") as fh:
                count = receptionists.import_csv(options["facility"], fh.read())
            self.stdout.write(f"{count} receptionist(s) registered for {options['facility']}")
        else:
            self._change(action, GatewayAccount.objects.get(username=options["username"]))

    def _change(self, action, account):
        if action == "password":
            import secrets

            password = secrets.token_urlsafe(12)
            accounts.set_password(account, password)
            self.stdout.write(f"{account.username}: new password {password} (shown once; every session ended)")
            return
        if action in ("disable", "enable"):
            account.is_active = action == "enable"
            account.save(update_fields=["is_active"])
        ended = accounts.revoke_all(account) if action in ("disable", "revoke") else 0
        self.stdout.write(f"{account.username}: {action}d, {ended} session(s) ended")
