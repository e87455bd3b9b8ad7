"""Browser: a person on unemployment benefit sends this month's job-search report from a phone."""

import pytest

from ansinh.benefits.models import JobSearchReport
from ansinh.benefits.tests.test_job_search_reported_online_by_its_deadline import _open_benefit
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in


@pytest.mark.django_db(transaction=True)
def test_a_person_sends_the_month_report_on_a_phone(phone_page):
    person = factories.person(full_name="Trần Thị Lan")
    person.user = factories.user("citizen", username=person.cccd)
    person.save()
    benefit = _open_benefit(person)
    log_in(phone_page, person.cccd)
    phone_page.goto(phone_page.base_url + "/benefits/job-search/")
    assert_no_horizontal_scroll(phone_page)
    form = phone_page.locator(".report-month.open form")
    form.locator("textarea").fill("Phỏng vấn tại Công ty Thép Hồng Lĩnh")
    form.locator("button").click()
    assert "Đã ghi nhận" in phone_page.locator("body").inner_text()
    assert JobSearchReport.objects.get(entitlement=benefit).note == "Phỏng vấn tại Công ty Thép Hồng Lĩnh"
