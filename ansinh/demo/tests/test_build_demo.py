import datetime as dt
from io import StringIO

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from ansinh.demo.context import DemoContext, DemoLogin, save_logins
from ansinh.demo.management.commands.build_demo import step_label
from ansinh.demo.management.commands.serve_demo import Command as ServeDemo
from ansinh.demo.steps import STEPS
from ansinh.registry.demo import generate
from ansinh.registry.models import Employer, EmploymentSpell, Person

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2025, 11, 1)


def _registry(seed: int, people: int = 1500):
    return generate(DemoContext(people=people, seed=seed, as_of=AS_OF, verbose=False))


def test_the_same_seed_gives_the_same_province():
    first, second = _registry(7), _registry(7)
    for a, b in zip(first, second, strict=False):
        assert a.equals(b)


def test_another_seed_gives_another_province():
    assert not _registry(7)[1]["full_name"].equals(_registry(8)[1]["full_name"])


def test_the_province_is_calibrated_to_the_reported_shares():
    _, people, employers, spells = _registry(3, people=20_000)
    share = people["situation"].value_counts(normalize=True).to_dict(as_series=False)
    shares = dict(zip(share["situation"], share["proportion"], strict=False))
    assert 0.20 < shares["employee"] < 0.27  # about 310,000 of 1.3 million
    assert 0.05 < shares["voluntary"] < 0.09  # 13% of the labour force
    assert 0.08 < shares["pensioner"] < 0.13  # about 140,000 of 1.3 million
    assert employers.height == round(6111 * 20_000 / 1_317_200)
    pensions = spells.join(people.filter(pl.col("situation") == "pensioner"), on="person_id")
    years = pensions.group_by("person_id").agg(
        ((pl.col("end") - pl.col("start")).dt.total_days().sum() / 365.25).alias("y")
    )
    assert years["y"].min() >= 15  # every pensioner has at least the minimum contribution years


def test_every_employee_has_exactly_one_open_spell_at_a_salary_within_the_law():
    _, people, _, spells = _registry(5)
    open_spells = spells.filter(pl.col("end").is_null())
    assert open_spells["person_id"].n_unique() == open_spells.height
    assert open_spells.height == people.filter(pl.col("situation") == "employee").height
    assert open_spells["insured_salary"].min() >= 3_450_000 and open_spells["insured_salary"].max() <= 46_800_000


def test_build_demo_writes_the_province_and_its_logins_and_tells_each_step_in_readable_lines(capsys):
    call_command("build_demo", people=600, seed=1, as_of="2025-11-01")
    assert Person.objects.count() == 600
    assert Employer.objects.exists() and EmploymentSpell.objects.exists()
    assert Person.objects.filter(user__isnull=False).count() >= 3
    out, bars = capsys.readouterr()
    health = next(line for line in out.splitlines() if "people covered on" in line)
    assert "{" not in health and "%" in health  # a sentence with the share, not a raw dict
    assert all(step_label(step) in bars for step in STEPS)  # a progress bar per step
    assert "100%" in bars and out.rstrip().splitlines()[-1].startswith("Demo province built: 600 people")


def test_the_demo_server_prints_the_logins_once_it_listens(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    save_logins([DemoLogin("citizen", "042198602935", "Citizen (employee)")])
    server = ServeDemo(stdout=StringIO())
    server.addr, server._raw_ipv6 = "0", False
    server.on_bind(8018)
    printed = server.stdout._out.getvalue()
    assert "http://0.0.0.0:8018/" in printed and "042198602935" in printed and "WARNING" not in printed


@pytest.mark.parametrize("people", [-5, 0, 20_000_000])
def test_build_demo_refuses_an_absurd_size_naming_the_option(people):
    with pytest.raises(CommandError, match="--people"):
        call_command("build_demo", people=people, quiet=True)
    assert not Person.objects.exists()


def test_build_demo_refuses_a_database_that_already_has_people():
    call_command("build_demo", people=300, seed=1, as_of="2025-11-01", quiet=True)
    with pytest.raises(CommandError, match="already holds"):
        call_command("build_demo", people=300, seed=2, quiet=True)
    call_command("build_demo", people=300, seed=2, if_empty=True, quiet=True)
    assert Person.objects.count() == 300
