"""Officers and facilities read a finding in their language, amounts as money and dates as dates: the engine keeps
the figures (Finding.params) and the page words them; the neutral reason stays for the API."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from ansinh.health.assessment.rules import describe
from ansinh.health.assessment.run import run_assessment
from ansinh.health.models import Coverage, Diagnosis, Finding
from ansinh.health.templatetags.health_tags import price
from ansinh.health.tests.claim_helpers import claim, covered, line, send
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _benefit_cut() -> Finding:
    items = [line("18.0068"), line("40.0004", 30, stt=2)]
    send([claim(covered(benefit_pct=80), "LK1", items=items, fund_claimed=550_400)])
    run_assessment()
    return Finding.objects.get(rule="C04")


def test_a_benefit_cut_is_worded_with_money_in_vietnamese_and_english():
    finding = _benefit_cut()
    assert finding.params == {
        "level_pct": 80,
        "route_pct": 100,
        "case": "registered",
        "due": 440_320,
        "claimed": 550_400,
    }
    with translation.override("vi"):
        vi = describe(finding.rule, finding.params, finding.reason)
    with translation.override("en"):
        en = describe(finding.rule, finding.params, finding.reason)
    assert "440.320 đ" in vi and "550.400 đ" in vi and "80 %" in vi and "quỹ BHYT chi trả" in vi and "fund" not in vi
    assert "440,320 VND" in en and "550,400 VND" in en and "80%" in en and "at the registered facility" in en


def test_the_claim_page_shows_the_worded_finding_not_the_raw_figures(client):
    finding = _benefit_cut()
    client.force_login(factories.user("hi_assessor"))
    client.cookies["django_language"] = "vi"
    page = client.get(reverse("health:claim", args=[finding.claim_id])).content.decode()
    assert finding.reason not in page and "440.320 đ" in page and "550.400 đ" in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("health:claim", args=[finding.claim_id])).content.decode()
    assert "440,320 VND" in page and "outside the route" not in page


def test_line_findings_and_a_lapsed_card_carry_their_figures():
    cover = covered(valid_to=dt.date(2025, 5, 31))
    Coverage.objects.filter(pk=cover.pk).update(status="stopped")
    items = [line("02.1897", price=60_000), line("40.0004", 120, stt=2), line("40.9999", 10, 5000, stt=3)]
    send([claim(cover, "LK1"), claim(covered(), "LK2", items=items)])
    run_assessment()
    params = {f.rule: f.params for f in Finding.objects.all()}
    assert params["L01"] == {"code": "40.9999"} and params["L03"]["quantity"] == 120 and params["L03"]["limit"] == 90
    assert (
        params["L02"]["price"] == 60_000
        and params["C01"]["status"] == "stopped"
        and params["C01"]["valid_to"] == "2025-05-31"
    )
    with translation.override("en"):
        assert describe("C01", params["C01"]) == "card reported stopped, valid 1 Jan 2025 – 31 May 2025"
        assert describe("L02", params["L02"]).startswith("unit price 60,000 VND, reference price ")
    with translation.override("vi"):
        assert "31/05/2025" in describe("C01", params["C01"])


def test_a_finding_stored_without_figures_falls_back_to_its_reason():
    assert describe("C04", {}, "80% × 100%: 1 < 2") == "80% × 100%: 1 < 2"
    assert describe("C04", {"level_pct": 80}, "neutral") == "neutral"


def test_the_claim_page_names_the_visit_type_and_diagnosis_and_groups_prices(client):
    Diagnosis.objects.update_or_create(
        code="I10", defaults={"name_en": "Essential (primary) hypertension", "name_vi": "Tăng huyết áp vô căn"}
    )
    finding = _benefit_cut()
    client.force_login(factories.user("hi_assessor"))
    client.cookies["django_language"] = "en"
    page = client.get(reverse("health:claim", args=[finding.claim_id])).content.decode()
    assert "Examination" in page and "I10 Essential (primary) hypertension" in page and "Khám bệnh" not in page
    client.cookies["django_language"] = "vi"
    page = client.get(reverse("health:claim", args=[finding.claim_id])).content.decode()
    assert "Khám bệnh" in page and "I10 Tăng huyết áp vô căn" in page
    with translation.override("vi"):
        assert (price(4200.0), price(1234.5), price(0.125)) == ("4.200", "1.234,5", "0,125")
