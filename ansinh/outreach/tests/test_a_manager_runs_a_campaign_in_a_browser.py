"""In a browser: a manager computes the prospects and starts a campaign for a commune, downloads an agent's
list; the agent's app records a contact through the API; an enrolment follows; the results and the
dashboard show the conversion. The same pages on a phone do not scroll sideways."""

import csv
import io
import os
from pathlib import Path

import pytest
from django.utils import timezone

from ansinh.contributions import services as contributions
from ansinh.outreach.models import Target
from ansinh.outreach.tests.helpers import COMMUNE, agents, province
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data"), pytest.mark.browser]
# Set to a folder to keep screenshots of the pages (390 px and 1366 px, both languages) for a visual check.
SHOTS = os.environ.get("OUTREACH_SCREENSHOTS", "")


def _shot(tab, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _start_campaign(tab) -> None:
    tab.goto(tab.base_url + "/outreach/")
    tab.click("#compute")
    tab.wait_for_selector("#run-summary")
    assert tab.locator(f"#prospect-table [data-commune='{COMMUNE}']").count() == 1
    tab.fill("#id_name", "Vận động BHXH tự nguyện tháng 12")
    tab.select_option("#id_commune", COMMUNE)
    tab.click("#start-form button[type=submit]")
    tab.wait_for_selector("#agent-table")


def _download_csv(tab, agent_code: str) -> list[list[str]]:
    with tab.expect_download() as wait:
        tab.click(f"#agent-table [data-agent='{agent_code}'] a[data-format=csv]")
    text = Path(wait.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _agent_records_contact(live_server, client, agent, target) -> None:
    token = factories.token_for(factories.user("post_office", org_code=agent.code))
    body = {
        "target_id": target.pk,
        "contacted_on": timezone.localdate().isoformat(),
        "channel": "visit",
        "outcome": "agreed",
        "client_ref": "app-0001",
    }
    answer = client.post(
        "/api/v1/outreach/contacts", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert answer.status_code == 200, answer.content


def test_a_campaign_from_start_to_conversion_in_a_browser(page, phone_page, live_server, client, tmp_path):
    case = province(tmp_path)
    first, _second = agents(2)
    factories.user("manager", username="giamdoc")
    log_in(page, "giamdoc")
    page.wait_for_url("**/home/")
    _start_campaign(page)
    _shot(page, "campaign-1366-vi")

    person = case["uninsured"]
    target = Target.objects.get(full_name=person.full_name)
    rows = _download_csv(page, target.agent.code)
    listed = next(r for r in rows if r[2] == person.full_name)
    assert listed[3].endswith(person.cccd[-3:]) and person.cccd not in ",".join(listed)

    _agent_records_contact(live_server, client, target.agent, target)
    contributions.enrol_voluntary(person, 2_000_000, target.tier, 1, f"{timezone.localdate():%Y-%m}")
    page.goto(page.base_url + "/outreach/results/")
    page.click("#attribute")
    page.wait_for_selector(f"#by-commune-table [data-key='{COMMUNE}']")
    cells = page.locator(f"#by-commune-table [data-key='{COMMUNE}'] td").all_inner_texts()
    assert cells[:5] == ["7", "1", "1", "100,0 %", "1"]
    _shot(page, "results-1366-vi")

    page.goto(page.base_url + f"/insights/?area={COMMUNE}")
    section = page.inner_text("#outreach-section")
    assert "1" in page.locator(f"#outreach-table [data-key='{COMMUNE}'] td").all_inner_texts()[2]
    assert section

    log_in(phone_page, "giamdoc")
    phone_page.wait_for_url("**/home/")
    for language in ("vi", "en"):
        if language == "en":
            phone_page.click("button[name=language][value=en]")
            phone_page.wait_for_selector("html[lang=en]")
        for path, name in (
            (f"/outreach/campaigns/{target.campaign_id}/", "campaign"),
            ("/outreach/results/", "results"),
            ("/outreach/", "home"),
        ):
            phone_page.goto(phone_page.base_url + path)
            assert_no_horizontal_scroll(phone_page)
            _shot(phone_page, f"{name}-390-{language}")
    if SHOTS:
        page.set_viewport_size({"width": 1366, "height": 900})
        page.click("button[name=language][value=en]")
        for path, name in (
            (f"/outreach/campaigns/{target.campaign_id}/", "campaign"),
            ("/outreach/results/", "results"),
            ("/outreach/", "home"),
        ):
            page.goto(page.base_url + path)
            _shot(page, f"{name}-1366-en")
