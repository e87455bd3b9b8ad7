import datetime as dt
import importlib
import json
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ansinh.core import audit
from ansinh.demo.context import DemoContext, save_logins
from ansinh.demo.keep import (
    PlannerStatistics,
    add_foreign_keys,
    analyse_after_build,
    bulk_build_settings,
    description_of,
    drop_foreign_keys,
    restore_province,
    save_province,
)
from ansinh.demo.steps import STEPS
from ansinh.registry.models import Person

MIN_PEOPLE, MAX_PEOPLE = 100, 15_000_000


def step_label(module: str) -> str:
    """'ansinh.health.demo.gateway' → 'health gateway': the app (and part) a step fills."""
    return " ".join(part for part in module.split(".")[1:] if part != "demo")


class Command(BaseCommand):
    help = (
        "Generate a synthetic province (people, employers, histories and every app's data). Same seed, same province."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=20_000, help="population size (the real province: about 1,317,200)"
        )
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--as-of", default=None, help="the demo's 'today' (YYYY-MM-DD); default: the first day of this month"
        )
        parser.add_argument("--if-empty", action="store_true", help="do nothing if the registry already has people")
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument(
            "--save",
            default=None,
            metavar="FILE",
            help="keep the built province in FILE (a copy of the SQLite database, or a pg_dump archive on "
            "PostgreSQL); if FILE already holds this province (same size, seed and date), load it instead",
        )
        parser.add_argument(
            "--timings", default=None, metavar="FILE", help="write each step's wall and CPU seconds here (JSON)"
        )

    def handle(self, *args, people, seed, as_of, if_empty, quiet, save=None, timings=None, **options):
        if not MIN_PEOPLE <= people <= MAX_PEOPLE:
            raise CommandError(f"--people must be between {MIN_PEOPLE:,} and {MAX_PEOPLE:,} (got {people:,}).")
        if seed < 0:
            raise CommandError(f"--seed must be zero or positive (got {seed}).")
        as_of_date = self._as_of(as_of)
        existing = Person.objects.count()
        if existing:
            if if_empty:
                self.stdout.write(f"The demo province is already built ({existing:,} people).")
                return
            raise CommandError(
                f"The database already holds {existing:,} people: build_demo only fills an empty database."
            )
        ctx = DemoContext(people=people, seed=seed, as_of=as_of_date, verbose=not quiet)
        wanted = {"people": people, "seed": seed, "as_of": as_of_date.isoformat()}
        if save and self._kept(Path(save), wanted):
            restore_province(Path(save))
            analyse_after_build()  # a restored dump has no planner statistics
            # A province kept before newer migrations (an index, a column) gets them now, as a deployment would.
            call_command("migrate", verbosity=0)
            ctx.log(f"Demo province of {people:,} people loaded from {save} (not rebuilt).")
            return
        started = time.perf_counter()
        ctx.log(
            f"Building the demo province: {people:,} people, seed {seed}, as of {as_of_date:%d/%m/%Y} "
            f"({len(STEPS)} steps)."
        )
        statistics = PlannerStatistics()
        with bulk_build_settings(), audit.acting_as(label="build_demo"), transaction.atomic():
            foreign_keys = drop_foreign_keys()
            for step in STEPS:
                with ctx.step(step_label(step)):
                    importlib.import_module(step).build(ctx)
                    statistics.refresh()
            if foreign_keys:
                with ctx.step("foreign keys"):
                    add_foreign_keys(foreign_keys)
            audit.record_batch(
                "demo.province", seed, f"demo province of {people:,} people, seed {seed}, as of {as_of_date}"
            )
        save_logins(ctx.logins)
        ctx.log(f"Demo province built: {people:,} people in {time.perf_counter() - started:.0f} s.")
        if timings:
            Path(timings).parent.mkdir(parents=True, exist_ok=True)
            Path(timings).write_text(
                json.dumps({"people": people, "seed": seed, "steps": ctx.timings}, indent=1), encoding="utf-8"
            )
        if save:
            ctx.log(f"Province kept in {save_province(Path(save), wanted)}.")

    @staticmethod
    def _kept(path: Path, wanted: dict) -> bool:
        description = description_of(path)
        return description is not None and all(description.get(key) == value for key, value in wanted.items())

    @staticmethod
    def _as_of(text):
        if text is None:
            return timezone.localdate().replace(day=1)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--as-of must be a date YYYY-MM-DD (got {text!r}).") from None
