"""Deliver the outbox to the national portal (and optionally pull its catalogue). Run it from cron or a
systemd timer every minute, or keep it running with --every 60."""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from ansinh.core import audit
from ansinh.procedures.integrations import outbox, portal
from ansinh.procedures.integrations.http import ServiceError


class Command(BaseCommand):
    help = "Deliver queued dossier and step messages to the national public service portal."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="messages per run (default 500)")
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds (0: run once)")
        parser.add_argument("--runs", type=int, default=0, help="with --every: stop after this many runs (0: never)")
        parser.add_argument(
            "--replay", nargs="*", type=int, default=None, help="put these message ids back in the queue"
        )
        parser.add_argument("--replay-key", default="", help="put every message about a key (dossier:HS…) back")
        parser.add_argument("--replay-failed", action="store_true", help="put every message that gave up back")
        parser.add_argument("--pull-catalogue", action="store_true", help="pull LayDanhSachTTHC / LayThuTuc first")

    def handle(self, *args, **options):
        with audit.acting_as(label="portal_sync"):
            self._replay(options)
            if options["pull_catalogue"]:
                self._pull()
            runs = 0
            while True:
                self.stdout.write(json.dumps(portal.deliver(limit=options["limit"]), ensure_ascii=False))
                runs += 1
                if not options["every"] or (options["runs"] and runs >= options["runs"]):
                    return
                time.sleep(options["every"])

    def _replay(self, options):
        if options["replay"] or options["replay_key"] or options["replay_failed"]:
            n = outbox.replay(ids=options["replay"] or (), key=options["replay_key"], failed=options["replay_failed"])
            self.stdout.write(f"{n} message(s) back in the queue")

    def _pull(self):
        client = portal.PortalClient.from_settings()
        if client is None:
            raise CommandError("PORTAL_ADAPTER_URL is not set")
        try:
            self.stdout.write(json.dumps(portal.pull_catalogue(client)))
        except ServiceError as exc:
            raise CommandError(f"the portal refused the catalogue pull: {exc}") from None
