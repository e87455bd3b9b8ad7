"""An assessor opens the queue, reads a flagged claim with the finding on its line, and overrides it with a reason."""

import pytest

from ansinh.health.assessment.run import run_assessment
from ansinh.health.models import Claim, ClaimReview
from ansinh.health.tests.claim_helpers import claim, covered, line, send
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in


def _flagged_claim() -> Claim:
    send(
        [
            claim(
                covered(full_name="Trần Văn Bình", sex="male"),
                "LK-REVIEW",
                items=[line("02.1897", price=60_000), line("40.0004", 30, stt=2)],
            )
        ]
    )
    run_assessment()
    return Claim.objects.get(ma_lk="LK-REVIEW")


@pytest.mark.django_db(transaction=True)
def test_the_assessor_overrides_a_flagged_claim_with_a_reason(page):
    flagged = _flagged_claim()
    factories.user("hi_assessor", username="giamdinh")
    log_in(page, "giamdinh")
    page.goto(page.base_url + "/health/claims/")
    page.click("text=LK-REVIEW")
    assert page.locator(".health-finding").first.inner_text().startswith("L02")
    page.select_option("select[name=outcome]", "accepted")
    page.fill("input[name=fund_amount]", str(flagged.fund_claimed))
    page.fill("textarea[name=reason]", "Giá theo hợp đồng đã được Sở Y tế phê duyệt")
    page.click("form[action$='/decide/'] button[type=submit]")
    page.wait_for_url("**/health/claims/")
    assert "LK-REVIEW" not in page.inner_text("table.health-queue")
    flagged.refresh_from_db()
    assert (flagged.outcome, flagged.review) == ("accepted", "reviewed")
    assert ClaimReview.objects.get().reviewer.username == "giamdinh"


@pytest.mark.django_db(transaction=True)
def test_the_claim_page_fits_a_phone_and_a_citizen_is_turned_away(phone_page):
    flagged = _flagged_claim()
    factories.user("hi_assessor", username="giamdinh2")
    log_in(phone_page, "giamdinh2")
    phone_page.goto(phone_page.base_url + f"/health/claims/{flagged.pk}/")
    assert_no_horizontal_scroll(phone_page)
    phone_page.goto(phone_page.base_url + "/health/monitoring/")
    assert_no_horizontal_scroll(phone_page)
    factories.user("citizen", username="dan")
    phone_page.context.clear_cookies()
    log_in(phone_page, "dan")
    answer = phone_page.goto(phone_page.base_url + f"/health/claims/{flagged.pk}/")
    assert answer.status == 403
