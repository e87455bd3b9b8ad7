"""The cost-monitoring page: filters by area, facility level and text, sorting, paging, the ratio chart, and CSV/XLSX
exports of what the filters show (a facility name that looks like a formula is exported as text)."""

import csv
import io
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from ansinh.geo.models import Area
from ansinh.health import monitoring_table
from ansinh.health.models import Facility
from ansinh.health.tests.test_cost_monitoring_and_settlement import _month
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
MONTH = "2025-06"


@pytest.fixture
def assessor():
    _month()
    client = Client()
    client.force_login(factories.user("hi_assessor"))
    return client


def _codes(response) -> list[str]:
    return [r["code"] for r in response.context["page"]]


def test_the_costs_view_sorts_by_any_column_and_puts_missing_values_last(assessor):
    by_visit = assessor.get("/health/monitoring/", {"month": MONTH, "sort": "-cost_per_visit"})
    assert (
        _codes(by_visit)[0] == "42013" and _codes(by_visit)[-1] == "42014"
    )  # 42014 has inpatients only: no cost per visit
    ascending = assessor.get("/health/monitoring/", {"month": MONTH, "sort": "cost_per_visit"})
    assert _codes(ascending)[-1] == "42014" and _codes(ascending)[-2] == "42013"
    unknown = assessor.get("/health/monitoring/", {"month": MONTH, "sort": "name); DROP"})
    assert unknown.context["sort"] == "-cost_per_visit_ratio"


def test_filters_by_area_level_and_text_keep_the_province_average(assessor):
    facility = Facility.objects.get(code="42013")
    everyone = {r["code"]: r for r in assessor.get("/health/monitoring/", {"month": MONTH}).context["page"]}
    same_area = assessor.get("/health/monitoring/", {"month": MONTH, "area": facility.area.code})
    assert set(_codes(same_area)) == {c for c in everyone if Facility.objects.get(code=c).area_id == facility.area_id}
    same_level = assessor.get("/health/monitoring/", {"month": MONTH, "level": facility.level, "q": "42013"})
    assert _codes(same_level) == ["42013"]
    assert same_level.context["page"][0]["cost_per_visit_avg"] == everyone["42013"]["cost_per_visit_avg"]


def test_a_filter_that_is_not_a_choice_is_named_and_ignored(assessor):
    response = assessor.get("/health/monitoring/", {"month": MONTH, "area": "ZZZZZ", "level": "basic"})
    assert "area" in response.context["form"].errors
    assert response.context["total"] == len([c for c in _codes(response)])
    assert {Facility.objects.get(code=c).level for c in _codes(response)} <= {"basic"}


def test_pages_of_the_table_follow_each_other(assessor, monkeypatch):
    monkeypatch.setattr(monitoring_table, "PAGE_SIZE", 2)
    first = assessor.get("/health/monitoring/", {"month": MONTH, "sort": "code"})
    second = assessor.get("/health/monitoring/", {"month": MONTH, "sort": "code", "page": 2})
    assert _codes(first) == ["42010", "42011"] and _codes(second) == ["42012", "42013"]
    assert first.context["total"] == 5


def test_the_chart_ranks_the_facilities_furthest_above_their_level_average(assessor):
    assessor.cookies["django_language"] = "vi"  # decimal commas must not reach the SVG's numbers
    response = assessor.get("/health/monitoring/", {"month": MONTH})
    chart = response.context["chart"]
    svg = re.search(r'<svg viewBox="([^"]+)"[^>]*data-block-size="([^"]+)"', response.content.decode())
    assert [float(n) for n in svg.group(1).split()] == [0, 0, 100, chart["height"]] and float(svg.group(2)) == chart[
        "height"
    ]
    assert chart["bars"][0]["code"] == "42013" and chart["bars"][0]["outlier"]
    assert [b["ratio"] for b in chart["bars"]] == sorted((b["ratio"] for b in chart["bars"]), reverse=True)
    assert all(0 < b["width"] <= 100 for b in chart["bars"]) and 0 < chart["threshold_at"] < 100


def test_the_csv_export_holds_the_filtered_rows_and_quotes_formulas(assessor):
    Facility.objects.filter(code="42013").update(name='=HYPERLINK("http://evil.example","x")')
    assessor.cookies["django_language"] = "vi"
    response = assessor.get("/health/monitoring/", {"month": MONTH, "sort": "code", "export": "csv"})
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Mã", "Cơ sở KCB"]
    assert [r[0] for r in rows[1:]] == ["42010", "42011", "42012", "42013", "42014"]
    assert rows[4][1] == '\'=HYPERLINK("http://evil.example","x")'


def test_the_xlsx_export_of_the_settlement_in_english(assessor):
    assessor.cookies["django_language"] = "en"
    area = Facility.objects.get(code="42010").area
    response = assessor.get(
        "/health/monitoring/", {"month": MONTH, "view": "settlement", "area": area.code, "export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Settlement of the month" and values[1][:2] == ("Code", "Facility")
    assert {row[0] for row in values[2:]} == {
        f.code for f in Facility.objects.filter(area=area, code__in=["42010", "42011", "42012", "42013", "42014"])
    }


def test_a_citizen_cannot_open_the_page(db):
    client = Client()
    client.force_login(factories.user("citizen"))
    assert client.get("/health/monitoring/").status_code == 403
    assert Area.objects.exists()
