"""Pull VNPost tracking for the results on their way and reconcile online payments whose callback was lost.
Run it every 15–30 minutes."""

import json

from django.core.management.base import BaseCommand

from ansinh.core import audit
from ansinh.procedures.inbound import postal
from ansinh.procedures.integrations import payments
from ansinh.procedures.integrations.http import ServiceError


class Command(BaseCommand):
    help = "Pull parcel tracking from VNPost and ask the payment platform about unconfirmed payments."

    def handle(self, *args, **options):
        report = {}
        with audit.acting_as(label="track_parcels"):
            client = postal.VNPostClient.from_settings()
            try:
                report["parcels"] = postal.pull_tracking(client) if client else {"configured": False}
            except ServiceError as exc:
                report["parcels"] = {"error": str(exc)}
            try:
                report["payments"] = payments.reconcile()
            except ServiceError as exc:
                report["payments"] = {"error": str(exc)}
        self.stdout.write(json.dumps(report))
