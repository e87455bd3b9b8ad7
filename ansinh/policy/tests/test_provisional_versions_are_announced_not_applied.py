"""An announced value (provisional version) is never applied: computations use the last in-force value and
say the change is announced; an administrator confirms it when the act is published (audited)."""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.policy.models import Parameter
from ansinh.policy.services import confirm_version, load_packs, params_on

pytestmark = pytest.mark.django_db


def _announced_base_salary() -> Parameter:
    return Parameter.objects.get(key="reference.base_salary", valid_from=dt.date(2026, 7, 1))


def test_the_announced_base_salary_is_not_applied_and_the_citation_names_decree_73():
    params = params_on(dt.date(2026, 12, 1))
    assert params.int("reference.base_salary") == 2_340_000
    (citation,) = params.citations()
    assert citation["source"] == "Decree 73/2024/NĐ-CP" and citation["status"] == "in_force"
    (notice,) = params.announcements()
    assert notice["value"] == 2_530_000 and notice["valid_from"] == "2026-07-01"
    assert notice["applied_value"] == 2_340_000 and "secondary sources" in notice["source"]


def test_an_announcement_is_only_reported_for_the_keys_a_computation_read():
    params = params_on(dt.date(2026, 12, 1))
    params.int("min_wage.I")
    assert params.announcements() == []


def test_the_announcement_is_not_reported_before_its_date():
    params = params_on(dt.date(2026, 6, 30))
    params.int("reference.base_salary")
    assert params.announcements() == []


def test_confirming_needs_the_act_and_brings_the_value_into_force_with_an_audit_event(admin_user):
    row = _announced_base_salary()
    with pytest.raises(DomainError) as error:
        confirm_version(row.pk, admin_user, "  ")
    assert error.value.errors[0].field == "act"
    confirm_version(row.pk, admin_user, "Decree 161/2026/NĐ-CP")
    params = params_on(dt.date(2026, 12, 1))
    assert params.int("reference.base_salary") == 2_530_000
    assert params.citations()[0]["source"] == "Decree 161/2026/NĐ-CP" and params.announcements() == []
    event = AuditEvent.objects.get(action="confirm", object_type="policy.parameter", object_id=str(row.pk))
    assert event.actor == admin_user and event.changes["before"]["status"] == "provisional"


def test_a_confirmed_version_cannot_be_confirmed_twice(admin_user):
    row = _announced_base_salary()
    confirm_version(row.pk, admin_user, "Decree 161/2026/NĐ-CP")
    with pytest.raises(DomainError) as error:
        confirm_version(row.pk, admin_user, "Decree 161/2026/NĐ-CP")
    assert error.value.errors[0].code == "not_provisional"


def test_reloading_the_packs_keeps_an_administrators_confirmation(admin_user):
    row = _announced_base_salary()
    confirm_version(row.pk, admin_user, "Decree 161/2026/NĐ-CP")
    load_packs(update=True)
    row.refresh_from_db()
    assert row.status == "in_force" and row.source == "Decree 161/2026/NĐ-CP"


def test_the_admin_confirmation_page_confirms_with_the_act(admin_client):
    row = _announced_base_salary()
    page = admin_client.get(f"/admin/policy/parameter/{row.pk}/confirm/")
    assert page.status_code == 200 and b"2530000" in page.content
    response = admin_client.post(f"/admin/policy/parameter/{row.pk}/confirm/", {"act": "Decree 161/2026/NĐ-CP"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "in_force" and row.confirmed_at is not None


def test_the_api_lists_announcements_apart_from_parameters_in_force(client):
    in_force = client.get("/api/v1/policy/parameters", {"on": "2026-12-01"}).json()
    base = next(p for p in in_force if p["key"] == "reference.base_salary")
    assert base["value"] == 2_340_000 and base["status"] == "in_force"
    announced = client.get("/api/v1/policy/announcements").json()
    row = next(a for a in announced if a["key"] == "reference.base_salary")
    assert row["value"] == 2_530_000 and row["applied_value"] == 2_340_000


def test_an_unverified_value_applies_with_a_warning():
    params = params_on(dt.date(2010, 6, 1))
    assert params.int("reference.base_salary") == 730_000
    (warning,) = params.warnings()
    assert warning["key"] == "reference.base_salary" and warning["source"] == "Decree 28/2010/NĐ-CP"


def test_a_series_gives_every_in_force_version_since_a_date_and_cites_each():
    params = params_on(dt.date(2026, 12, 1))
    series = params.series("reference.base_salary", dt.date(2022, 3, 1))
    assert [v.value for v in series] == [1_490_000, 1_800_000, 2_340_000]
    assert {c["valid_from"] for c in params.citations()} == {"2019-07-01", "2023-07-01", "2024-07-01"}


def test_a_rule_announced_with_no_value_in_force_is_reported_when_a_computation_asks_for_it():
    from ansinh.policy.rules import PROVISIONAL, ParamVersion, select_in_force

    announced = ParamVersion(
        "pension.new_rule", dt.date(2026, 1, 1), {"add": 1}, "table", "Decree 1/2026/NĐ-CP", 7, PROVISIONAL
    )
    params = select_in_force([announced], dt.date(2026, 6, 1))
    assert not params.has("pension.new_rule") and params.announcements() == []
    assert params.pending("pension.new_rule") == [announced]
    (notice,) = params.announcements()
    assert notice["value"] == {"add": 1} and notice["applied_value"] is None and notice["applied_source"] == ""
