import datetime as dt

import pytest

from ansinh.core.models import AuditEvent
from ansinh.policy.models import Parameter
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import load_packs, params_on

pytestmark = pytest.mark.django_db


def test_it_gives_the_version_in_force_on_each_date():
    assert params_on(dt.date(2024, 6, 30)).int("reference.base_salary") == 1_800_000
    assert params_on(dt.date(2024, 7, 1)).int("reference.base_salary") == 2_340_000
    assert params_on(dt.date(2025, 12, 31)).int("min_wage.I") == 4_960_000
    assert params_on(dt.date(2026, 1, 1)).int("min_wage.I") == 5_310_000


def test_a_rate_in_percent_reads_as_an_exact_fraction():
    from decimal import Decimal

    assert params_on(dt.date(2025, 6, 1)).rate("rate.employee.health") == Decimal("0.015")


def test_a_date_before_the_data_starts_names_the_key_and_the_first_date():
    with pytest.raises(MissingParameter) as error:
        params_on(dt.date(2010, 1, 1)).int("min_wage.I")
    assert error.value.key == "min_wage.I" and error.value.earliest == dt.date(2022, 7, 1)


def test_the_versions_read_are_reported_with_their_sources():
    params = params_on(dt.date(2025, 6, 1))
    params.int("reference.base_salary")
    (citation,) = params.citations()
    assert citation["source"] == "Decree 73/2024/NĐ-CP" and citation["valid_from"] == "2024-07-01"


def test_a_new_version_added_by_an_administrator_applies_from_its_date_and_is_audited(admin_client):
    response = admin_client.post(
        "/admin/policy/parameter/add/",
        {
            "key": "reference.base_salary",
            "valid_from": "2027-01-01",
            "value": "2700000",
            "unit": "dong",
            "source": "Decree 999/2026/NĐ-CP (test)",
            "description": "",
            "status": "in_force",
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert params_on(dt.date(2027, 1, 1)).int("reference.base_salary") == 2_700_000
    assert params_on(dt.date(2026, 12, 31)).int("reference.base_salary") != 2_700_000
    assert AuditEvent.objects.filter(action="create", object_type="policy.parameter").exists()


def test_reloading_the_packs_keeps_an_administrators_rows():
    Parameter.objects.filter(key="min_wage.I", valid_from=dt.date(2026, 1, 1)).update(value=5_400_000, pack="admin")
    created, _ = load_packs(update=True)
    assert created == 0
    assert params_on(dt.date(2026, 2, 1)).int("min_wage.I") == 5_400_000


def test_an_edit_made_elsewhere_is_seen_without_a_restart():
    from ansinh.policy import services

    assert params_on(dt.date(2025, 6, 1)).int("min_wage.II") == 4_410_000
    row = Parameter.objects.get(key="min_wage.II", valid_from=dt.date(2024, 7, 1))
    # Another process saved the row: this process's signal never fired, only the table changed.
    later = row.updated_at.replace(year=row.updated_at.year + 1)
    Parameter.objects.filter(pk=row.pk).update(value=4_420_000, updated_at=later)
    assert services.params_on(dt.date(2025, 6, 1)).int("min_wage.II") == 4_420_000


def test_every_pack_row_fits_the_parameter_table():
    from ansinh.policy.services import PACKS_DIR, read_pack

    limits = {f.name: f.max_length for f in Parameter._meta.fields if getattr(f, "max_length", None)}
    for path in PACKS_DIR.glob("*.toml"):
        for row in read_pack(path):
            too_long = [
                name
                for name, value in row.items()
                if isinstance(value, str) and name in limits and len(value) > limits[name]
            ]
            assert not too_long, (path.name, row["key"], too_long)
