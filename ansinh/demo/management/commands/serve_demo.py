"""Django's development server for the demo, which prints where to log in once it listens (instead of the
banner meant for developers, which reads like a failure to someone trying the demo)."""

from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunServer


class Command(RunServer):
    help = "Serve the demo province on the development server and print the demo log-ins once it listens."

    def on_bind(self, server_port):
        host = "0.0.0.0" if self.addr == "0" else self.addr
        host = f"[{host}]" if self._raw_ipv6 else host
        call_command("demo_logins", host=f"{host}:{server_port}", stdout=self.stdout)
        self.stdout.write(
            "Stop the server with CONTROL-C. It is the demo's development server: for production see "
            "docs/operations.md."
        )
