"""Every table downloads as CSV and XLSX; the monthly report is a PDF."""

import csv
import io

import pytest
from openpyxl import load_workbook

from ansinh.insights.tests.conftest import PERIOD
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, contract_rows):
    client.force_login(factories.user("manager"))
    return client


def test_the_kpis_of_an_area_download_as_xlsx(manager):
    response = manager.get("/insights/export/kpis.xlsx", {"period": PERIOD, "area": "43601"})
    assert response["Content-Disposition"] == f'attachment; filename="kpi-kpis-43601-{PERIOD}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Phường An Bình" in sheet["A1"].value
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["si_coverage"][2:5] == (260, 600, 43.33)
    assert rows["hi_coverage"][4] == 95.0


def test_the_ranking_downloads_as_csv_worst_first(manager):
    response = manager.get("/insights/export/ranking.csv", {"period": PERIOD, "kpi": "cashless"})
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:2] == ["Code", "Area"]
    assert [line[0] for line in lines[1:3]] == ["436", "437"]  # 90 % is short of 100 %, 100 % meets it


def test_the_series_downloads_with_a_row_per_month(manager):
    response = manager.get("/insights/export/series.csv", {"period": PERIOD, "area": "436"})
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(lines) == 1 + 24 and lines[-1][0] == PERIOD and lines[1][0] == "2023-10"
    assert float(lines[-1][1]) == pytest.approx(round(380 * 100 / 900, 2))


def test_an_unknown_table_or_format_is_not_found(manager):
    assert manager.get("/insights/export/people.csv").status_code == 404
    assert manager.get("/insights/export/kpis.exe").status_code == 404
    assert manager.get("/insights/", {"area": "nowhere"}).status_code == 404


def test_the_monthly_report_is_a_pdf_with_its_charts(manager):
    response = manager.get("/insights/report.pdf", {"period": PERIOD})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
