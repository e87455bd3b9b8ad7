import json

from django.core.management.base import BaseCommand

from ansinh.demo.context import logins_file


class Command(BaseCommand):
    help = "Print where to log in and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1:8000")

    def handle(self, *args, host, **options):
        path = logins_file()
        if not path.exists():
            self.stdout.write("No demo accounts yet: run `make run` (or manage.py build_demo).")
            return
        logins = json.loads(path.read_text(encoding="utf-8"))
        out = self.stdout.write
        out("")
        out(f"Open An Sinh at         http://{host}/   (log in at http://{host}/accounts/login/)")
        out(f"API and its OpenAPI:    http://{host}/api/v1/docs")
        out(f"Every demo password:    {logins[0]['password'] if logins else ''}")
        out("")
        for login in logins:
            token = f"   token: {login['token']}" if login.get("token") else ""
            out(f"  {login['username']:<22} {login['role']:<20} {login['description']}{token}")
        out("")
