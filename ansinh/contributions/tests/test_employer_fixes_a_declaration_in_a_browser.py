"""In a browser: an employer uploads a declaration with an error, reads the row report, fixes it, sees the new bill."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.contributions.rules import vnd
from ansinh.policy.services import params_on
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = pytest.mark.django_db(transaction=True)
COLUMNS = ("change", "cccd", "full_name", "birth_date", "sex", "effective_date", "salary", "job_title")


def _declaration(tmp_path, salary: str):
    hired_on = timezone.localdate().replace(day=1).isoformat()
    path = tmp_path / "khai-bao.csv"
    path.write_text(
        ",".join(COLUMNS) + f"\nhire,042095000123,Nguyễn Văn An,1995-04-12,male,{hired_on},{salary},Công nhân\n",
        encoding="utf-8",
    )
    return str(path)


def _send(tab, path):
    tab.goto(tab.base_url + "/contributions/employer/")
    tab.set_input_files("#id_file", path)
    tab.click("form[enctype] button[type=submit]")
    tab.wait_for_selector("#declaration-status")


def test_an_employer_fixes_a_rejected_declaration_and_sees_the_new_bill(phone_page, tmp_path):
    unit = factories.employer(wage_region="I")
    factories.spell(factories.person(), unit, dt.date(2024, 1, 1), salary=10_000_000)
    factories.user("employer", username="ketoan", org_code=unit.unit_code)
    tab = phone_page
    log_in(tab, "ketoan")
    tab.wait_for_url("**/home/")

    _send(tab, _declaration(tmp_path, "3000000"))
    report = tab.inner_text("#row-errors")
    floor = params_on(timezone.localdate().replace(day=1)).int("min_wage.I")
    assert "salary" in report and vnd(floor) in report
    assert_no_horizontal_scroll(tab)

    _send(tab, _declaration(tmp_path, "10000000"))
    assert tab.locator("#row-errors").count() == 0
    tab.goto(tab.base_url + "/contributions/employer/")
    assert tab.inner_text("#estimate-headcount") == "2"
    assert tab.inner_text("#estimate-total").replace(".", "").replace(",", "").startswith("6400000")
    assert_no_horizontal_scroll(tab)
