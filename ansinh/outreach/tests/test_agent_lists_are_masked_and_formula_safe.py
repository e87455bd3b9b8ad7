"""The lists handed to agents: CSV, XLSX and PDF, chip IDs masked, formulas escaped, each download audited."""

import csv
import io

import pytest
from openpyxl import load_workbook

from ansinh.core.models import AuditEvent
from ansinh.outreach import lists, prospects, services
from ansinh.outreach.models import Target
from ansinh.outreach.tests.helpers import COMMUNE, ON, agents, province
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(tmp_path):
    case = province(tmp_path)
    prospects.run(ON)
    agent = agents(1)[0]
    campaign = services.start_campaign("Chiến dịch tháng 12", COMMUNE)
    Target.objects.filter(campaign=campaign, full_name="Trần Văn An").update(address='=HYPERLINK("http://x")')
    return campaign, agent, case


def test_the_csv_masks_chip_ids_and_escapes_formulas(campaign):
    item, agent, case = campaign
    rows = list(csv.reader(io.StringIO(lists.to_csv(item, agent).decode("utf-8-sig"))))
    body = "\n".join(",".join(r) for r in rows)
    assert case["uninsured"].cccd not in body and case["uninsured"].cccd[-3:] in body
    an = next(r for r in rows if r[2] == "Trần Văn An")
    assert an[3] == f"042••••••{case['uninsured'].cccd[-3:]}" and an[5].startswith("'=")


def test_the_xlsx_holds_the_same_list_as_text(campaign):
    item, agent, case = campaign
    sheet = load_workbook(io.BytesIO(lists.to_xlsx(item, agent))).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(values) == item.targets.count()
    assert all(case["near_pension"].cccd != v for row in values for v in row)
    assert any(isinstance(v, str) and v.startswith("'=") for row in values for v in row)


def test_an_officer_downloads_each_format_and_the_download_is_audited(campaign, client):
    item, agent, _case = campaign
    client.force_login(factories.user("collection_officer"))
    for fmt, magic in (("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        answer = client.get(f"/outreach/campaigns/{item.pk}/lists/{agent.code}.{fmt}")
        assert answer.status_code == 200 and answer.content.startswith(magic)
    assert (
        AuditEvent.objects.filter(action="read", object_type="outreach.campaign", object_id=str(item.pk)).count() == 3
    )


def test_a_citizen_or_an_hi_assessor_may_not_open_the_lists(campaign, client):
    item, agent, _case = campaign
    for role in ("citizen", "hi_assessor"):
        client.force_login(factories.user(role))
        assert client.get(f"/outreach/campaigns/{item.pk}/lists/{agent.code}.csv").status_code == 403
        assert client.get(f"/outreach/campaigns/{item.pk}/").status_code == 403
