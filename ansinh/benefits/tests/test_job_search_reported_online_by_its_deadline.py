"""The monthly job-search report of unemployment benefit: a public-holiday calendar as data (the days fixed by
the Labour Code, made up when they fall on a weekend; the announced days only once confirmed), each month's
deadline on the appointed day moved past days off, and the citizen's own report online (page and API)."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.benefits import services
from ansinh.benefits.models import Entitlement, JobSearchReport
from ansinh.benefits.rules import holidays as cal
from ansinh.benefits.rules.dates import add_months
from ansinh.benefits.rules.unemployment import report_due
from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.policy.models import Parameter
from ansinh.policy.services import confirm_version, params_on
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _confirm_calendar():
    admin = factories.user("administrator")
    for row in Parameter.objects.filter(key=cal.ANNOUNCED):
        confirm_version(row.pk, admin, "Thông báo nghỉ lễ, Tết của Bộ Nội vụ")


def _benefit(person, start: dt.date, end: dt.date) -> Entitlement:
    return Entitlement.objects.create(
        person=person,
        kind="unemployment",
        monthly=True,
        amount=6_000_000,
        start=start,
        end=end,
        decision_number=f"TN-{person.pk}-{start:%Y%m}",
    )


def test_the_days_fixed_by_law_are_holidays_and_one_on_a_weekend_is_made_up():
    days = cal.public_holidays(params_on(dt.date(2027, 6, 1)), 2027, 2027)
    # 1/1/2027 Friday, 30/4 Friday, 1/5 Saturday → made up on Monday 3/5, 2/9 Thursday (Labour Code Art. 111.3, 112.1).
    assert {
        dt.date(2027, 1, 1),
        dt.date(2027, 4, 30),
        dt.date(2027, 5, 1),
        dt.date(2027, 5, 3),
        dt.date(2027, 9, 2),
    } <= days
    assert cal.next_working_day(dt.date(2027, 5, 1), days) == dt.date(2027, 5, 4)


def test_the_announced_days_off_count_only_once_confirmed():
    params = params_on(dt.date(2026, 3, 1))
    assert dt.date(2026, 2, 17) not in cal.public_holidays(params, 2026, 2026)
    assert [a["valid_from"] for a in params.announcements() if a["key"] == cal.ANNOUNCED] == [
        "2025-01-01",
        "2026-01-01",
    ]
    _confirm_calendar()
    assert {dt.date(2026, 2, 16), dt.date(2026, 2, 20), dt.date(2026, 4, 27)} <= cal.public_holidays(
        params_on(dt.date(2026, 3, 1)), 2026, 2026
    )


def test_a_deadline_is_the_appointed_day_moved_past_weekends_and_holidays():
    params = params_on(dt.date(2026, 12, 1))
    days = cal.public_holidays(params, 2026, 2027)
    start = dt.date(2026, 4, 27)
    assert report_due(params, start, 2026 * 12 + 4, days) == dt.date(2026, 5, 27)  # a Wednesday
    assert report_due(params, start, 2026 * 12 + 5, days) == dt.date(2026, 6, 29)  # the 27th is a Saturday
    assert report_due(params, dt.date(2026, 12, 31), 2027 * 12 + 1, days) == dt.date(
        2027, 3, 1
    )  # 28/2/2027 is a Sunday
    _confirm_calendar()
    params = params_on(dt.date(2026, 12, 1))
    days = cal.public_holidays(params, 2026, 2027)
    assert report_due(params, dt.date(2026, 1, 16), 2026 * 12 + 1, days) == dt.date(
        2026, 2, 23
    )  # Tết 16–20/2, then the weekend


def test_a_confirmed_holiday_delays_the_start_of_unemployment_benefit():
    body = {
        "contract_end": "2026-03-31",
        "claim_date": "2026-04-10",
        "periods": [{"from": "2022-01", "to": "2026-03", "monthly_salary": 10_000_000, "region": "II"}],
    }
    assert services.unemployment_quote(body)["start"] == "2026-04-27"
    _confirm_calendar()
    # 10 working days after Friday 10/4: 13–17/4 and 20–24/4; Monday 27/4 is the Hùng Kings day made up → 28/4.
    assert services.unemployment_quote(body)["start"] == "2026-04-28"


def test_a_citizen_reports_an_open_month_and_is_refused_when_late_or_too_early(citizen_with_person):
    account, person = citizen_with_person
    benefit = _benefit(person, dt.date(2026, 4, 27), dt.date(2026, 7, 31))
    report = services.report_job_search_online(
        person, account, benefit.pk, "2026-05", dt.date(2026, 5, 20), "Nộp hồ sơ ở 2 công ty"
    )
    assert report.reported_on == dt.date(2026, 5, 20)
    assert AuditEvent.objects.filter(object_type="benefits.jobsearchreport", object_id=str(report.pk)).exists()
    with pytest.raises(DomainError) as late:
        services.report_job_search_online(person, account, benefit.pk, "2026-06", dt.date(2026, 6, 30))
    assert late.value.errors[0].code == "late" and "29/06/2026" in late.value.errors[0].message
    with pytest.raises(DomainError) as early:
        services.report_job_search_online(person, account, benefit.pk, "2026-07", dt.date(2026, 6, 20))
    assert early.value.errors[0].code == "not_open"
    with pytest.raises(DomainError) as first:
        services.report_job_search_online(person, account, benefit.pk, "2026-04", dt.date(2026, 4, 28))
    assert first.value.errors[0].code == "outside"
    months = {m["period"]: m["state"] for m in services.job_search_months(benefit, dt.date(2026, 6, 30))["months"]}
    assert months == {"2026-05": "reported", "2026-06": "late", "2026-07": "upcoming"}


def test_a_citizen_cannot_report_for_someone_elses_benefit(citizen_with_person):
    account, person = citizen_with_person
    other = _benefit(factories.person(), dt.date(2026, 4, 27), dt.date(2026, 7, 31))
    with pytest.raises(DomainError) as err:
        services.report_job_search_online(person, account, other.pk, "2026-05", dt.date(2026, 5, 20))
    assert err.value.status == 404 and not JobSearchReport.objects.exists()


def _open_benefit(person) -> Entitlement:
    """A benefit whose appointed day this month is today or later (the 28th, or for the 29th–31st the month's last
    day through a start on 31/12), so this month's report is open today."""
    today = timezone.localdate()
    start = add_months(today.replace(day=1), -1).replace(day=28) if today.day <= 28 else dt.date(today.year - 1, 12, 31)
    return _benefit(person, start, add_months(today.replace(day=1), 3) - dt.timedelta(days=1))


def test_the_citizen_page_lists_the_months_and_records_a_report(client, citizen_with_person):
    account, person = citizen_with_person
    benefit = _open_benefit(person)
    client.force_login(account)
    page = client.get("/benefits/job-search/").content.decode()
    period = f"{timezone.localdate():%Y-%m}"
    assert benefit.decision_number in page and f'value="{period}"' in page
    client.post("/benefits/job-search/", {"entitlement": benefit.pk, "period": period, "note": "Phỏng vấn ở Formosa"})
    assert JobSearchReport.objects.get(entitlement=benefit, period=period).note == "Phỏng vấn ở Formosa"
    assert "/benefits/job-search/" in client.get("/benefits/me/").content.decode()


def test_the_job_search_api_answers_only_the_citizen(client, citizen_with_person):
    account, person = citizen_with_person
    benefit = _open_benefit(person)
    period = f"{timezone.localdate():%Y-%m}"
    token = factories.token_for(account)
    listing = client.get("/api/v1/benefits/job-search", headers={"Authorization": f"Bearer {token}"}).json()
    assert (
        listing[0]["entitlement_id"] == benefit.pk
        and {m["period"]: m["state"] for m in listing[0]["months"]}[period] == "open"
    )
    sent = client.post(
        "/api/v1/benefits/job-search",
        {"entitlement_id": benefit.pk, "period": period},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert sent.status_code == 200 and sent.json()["period"] == period
    again = client.post(
        "/api/v1/benefits/job-search",
        {"entitlement_id": benefit.pk, "period": period},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert again.status_code == 422 and again.json()["detail"][0]["type"] == "already_reported"
    officer = factories.token_for(factories.user("benefits_officer"))
    assert client.get("/api/v1/benefits/job-search", headers={"Authorization": f"Bearer {officer}"}).status_code in (
        401,
        403,
    )
