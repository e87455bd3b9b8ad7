"""What a demo step receives: the size, the seed, the frames the earlier steps generated, and a place to
announce demo log-ins.

Steps run in STEPS order inside one transaction; each app's demo package `ansinh/<app>/demo/` has `build(ctx)`.
Steps take what the orchestrator shares (the demo password among it) from ctx, never by importing ansinh.demo.
A step reads earlier frames (Polars DataFrames), writes its own rows in bulk (ansinh.core.bulk), and may
add a frame of its own for later steps.

Frames written by the registry step (ids are the database primary keys):
- areas:      area_id, area_code, name, wage_region, population, labour_force
- communes:   commune_id, commune_code, area_code, population, labour_force, disadvantaged
- households: household_id, code, commune_id, area_code, poverty ("none" | "poor" | "near_poor")
- people:     person_id, cccd (may be null), si_number, full_name, birth_date, sex, commune_id, area_code,
              household_id, ethnic_minority, situation, employer_id (current, null if none),
              salary (current insured salary, 0 if none), voluntary_income (0 if not voluntary),
              retired_on (pensioners' retirement date, else null)
              situation ∈ child (under 6) | pupil (6–17) | student | employee | voluntary | pensioner |
                          informal (working age, no SI) | elderly (past working age, no pension)
- employers:  employer_id, unit_code, tax_code, name, sector, wage_region, area_code, commune_id,
              e_transactions, registered_on
- spells:     spell_id, person_id, employer_id, start, end (null = open), insured_salary
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
from django.conf import settings
from tqdm import tqdm

FULL_PROVINCE = 1_317_200
HISTORY_MONTHS = 24  # months of history the dashboard shows after `make run`
HISTORY_MONTHS_LARGE, LARGE = 6, 500_000  # a province of a million people keeps its build short
BAR_FORMAT = "{desc:<16} {percentage:3.0f}% |{bar:24}| {elapsed}"
DEMO_PASSWORD = "AnSinh@2025"  # demo accounts only: build_demo is refused on a production database


@dataclass
class DemoLogin:
    role: str
    username: str
    description: str
    password: str = DEMO_PASSWORD
    token: str = ""


@dataclass
class DemoContext:
    people: int
    seed: int
    as_of: dt.date
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    verbose: bool = True
    password: str = DEMO_PASSWORD  # every demo log-in's password
    timings: list[dict] = field(default_factory=list)
    _bar: tqdm | None = field(default=None, repr=False)

    @property
    def scale(self) -> float:
        """This province's size relative to the real one (1.0 = about 1.3 million people)."""
        return self.people / FULL_PROVINCE

    @property
    def history_months(self) -> int:
        """How many months before as_of are closed with their figures (coverage calibrated, KPIs snapshotted)."""
        return HISTORY_MONTHS if self.people < LARGE else HISTORY_MONTHS_LARGE

    def scaled(self, full_count: float, minimum: int = 1) -> int:
        return max(minimum, round(full_count * self.scale))

    def rng(self, purpose: str) -> np.random.Generator:
        """A generator per purpose, so one step's draws do not shift another's: same seed, same province."""
        return np.random.default_rng([self.seed, zlib.crc32(purpose.encode())])

    def add_login(self, role: str, username: str, description: str, token: str = "") -> None:
        self.logins.append(DemoLogin(role, username, description, password=self.password, token=token))

    def log(self, message: str) -> None:
        if self.verbose:
            tqdm.write(message)  # above the progress bar, which stays at the bottom

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        """A progress bar for one step of the build: full when the step ends, advanced by `progress` inside."""
        self._bar = tqdm(total=1, desc=label, bar_format=BAR_FORMAT, disable=not self.verbose, dynamic_ncols=True)
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
            self._bar.update(self._bar.total - self._bar.n)
        finally:
            self._bar.close()
            self._bar = None
        # CPU seconds beside wall time: on a shared machine the wall time alone says little about the step.
        timing = {
            "step": label,
            "seconds": round(time.perf_counter() - wall, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1),
            "peak_memory_mb": peak_memory_mb(),
        }
        self.timings.append(timing)
        self.log(
            f"{label}: {timing['seconds']:,.0f} s ({timing['cpu_seconds']:,.0f} s CPU), peak "
            f"{timing['peak_memory_mb']:,} MB"
        )

    def progress(self, items: Iterable) -> Iterator:
        """The items of a step's main loop, each advancing the step's bar (one more unit is the rest of the step)."""
        items = list(items)
        if self._bar is not None:
            self._bar.total = len(items) + 1
            self._bar.refresh()
        for item in items:
            yield item
            if self._bar is not None:
                self._bar.update()


def peak_memory_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def logins_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-logins.json"


def save_logins(logins: list[DemoLogin]) -> None:
    logins_file().write_text(
        json.dumps([login.__dict__ for login in logins], ensure_ascii=False, indent=1), encoding="utf-8"
    )
