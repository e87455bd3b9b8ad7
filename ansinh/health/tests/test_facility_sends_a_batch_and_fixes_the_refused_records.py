"""The facility page and the API answer the same: records stored and assessed, records refused with every reason;
the facility corrects the refused record and sends it again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ansinh.health.models import Claim, Submission
from ansinh.health.tests import envelopes as E
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
BAD_PRICE = ("<DON_GIA>480.00</DON_GIA>", "<DON_GIA>480,00</DON_GIA>")


def _batch(bad: bool = True) -> bytes:
    elderly = (
        E.edited("elderly", XML2=[("<DON_GIA>1100.00</DON_GIA>", "<DON_GIA>1100,00</DON_GIA>")])
        if bad
        else E.tables("elderly")
    )
    return E.envelope("42010", [E.tables("outpatient"), elderly])


def test_the_api_lists_the_records_stored_and_those_refused(client):
    E.people()
    token = factories.token_for(factories.user("facility", org_code="42010"))
    answer = client.post(
        "/api/v1/health/claims", data=_batch(), content_type="application/xml", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["records"], body["claims"], body["refused"], body["accepted"]) == (2, 1, 1, 1)
    assert body["results"][0]["ma_lk"] == "2506100001"
    assert body["refused_records"] == [
        {
            "ma_lk": "2506180012",
            "record": 2,
            "errors": [
                {
                    "ma_lk": "2506180012",
                    "table": "XML2",
                    "field": "DON_GIA",
                    "line": 2,
                    "reason": "use a point, not a comma, before the decimals: 1100,00",
                }
            ],
        }
    ]
    again = client.get(f"/api/v1/health/claims/{body['submission_id']}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert again.json()["refused_records"] == body["refused_records"]


def test_the_facility_page_shows_the_refused_record_and_takes_the_corrected_one(client):
    E.people()
    client.force_login(factories.user("facility", org_code="42010"))
    answer = client.post(
        reverse("health:facility"), {"envelope": SimpleUploadedFile("thang6.xml", _batch())}, follow=True
    )
    page = answer.content.decode()
    assert "2506180012" in page and "DON_GIA" in page and "1100,00" in page and 'name="envelope"' in page
    corrected = E.envelope("42010", [E.tables("elderly")])
    answer = client.post(
        reverse("health:facility"), {"envelope": SimpleUploadedFile("sua.xml", corrected)}, follow=True
    )
    assert (
        answer.status_code == 200
        and Claim.objects.filter(ma_lk="2506180012").exists()
        and Submission.objects.count() == 2
    )
    home = client.get(reverse("health:facility")).content.decode()
    assert "#refused" in home


def test_an_assessor_sees_the_kept_tables_and_the_format_rules(client):
    E.people()
    from ansinh.health import intake

    intake.receive(E.envelope("42001", [E.tables("inpatient_supplies")]), None)
    client.force_login(factories.user("hi_assessor"))
    page = client.get(reverse("health:claim", args=[Claim.objects.get().pk])).content.decode()
    assert (
        "XML7" in page and "Hoàng Văn Nam" in page and "DN4424200567890;HT3424200567890" in page and "833.333" in page
    )
    rules = client.get(reverse("health:format")).content.decode()
    assert "QĐ 130 Bảng 3 mục 38" in rules and "NGAY_TH_YL" in rules and "Điều trị nội trú dưới 04 giờ" in rules


def test_an_assessor_settles_a_month_from_the_monitoring_page(client):
    E.people()
    from ansinh.health import intake
    from ansinh.health.assessment.run import run_assessment

    intake.receive(E.envelope("42010", [E.tables("outpatient")]), None)
    run_assessment()
    client.force_login(factories.user("hi_assessor"))
    assert (
        "Settle the month"
        in client.get(reverse("health:monitoring") + "?month=2025-06&view=settlement").content.decode()
    )
    client.post(reverse("health:settle"), {"facility": "42010", "month": "2025-06"})
    assert Claim.objects.get().settled_at is not None
