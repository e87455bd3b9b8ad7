"""Labour-use reports from a CSV file: every bad row named with its line and field, nothing saved then;
the same file twice changes nothing."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from ansinh.core.errors import DomainError
from ansinh.outreach.labour import import_reports
from ansinh.outreach.models import LabourReport
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_a_good_file_is_imported_once_however_often_it_is_sent():
    unit = factories.employer()
    data = f"unit_code,reported_on,workers,source\n{unit.unit_code},2026-06-30,12,Sở LĐTBXH\n".encode()
    assert import_reports(data) == (1, 0)
    assert import_reports(data) == (0, 1)
    report = LabourReport.objects.get()
    assert (report.workers, report.reported_on, report.source) == (12, dt.date(2026, 6, 30), "Sở LĐTBXH")


def test_each_bad_row_is_named_and_nothing_is_saved():
    unit = factories.employer()
    data = (
        f"unit_code,reported_on,workers\n{unit.unit_code},2026-06-30,12\nXX999,2026-06-30,3\n"
        f"{unit.unit_code},30/06/2026,-4\n"
    ).encode()
    with pytest.raises(DomainError) as refused:
        import_reports(data)
    assert [(e.row, e.field) for e in refused.value.errors] == [(3, "unit_code"), (4, "reported_on"), (4, "workers")]
    assert not LabourReport.objects.exists()


def test_a_file_without_the_columns_or_not_csv_is_refused_with_the_reason(tmp_path):
    with pytest.raises(DomainError) as refused:
        import_reports(b"unit,date\nA,B\n")
    assert refused.value.errors[0].code == "missing_columns"
    with pytest.raises(DomainError) as refused:
        import_reports(b"\xff\xfe\x00bad")
    assert refused.value.errors[0].code == "not_csv"
    path = tmp_path / "bad.csv"
    path.write_bytes(b"unit_code,reported_on,workers\nXX1,2026-01-01,1\n")
    with pytest.raises(CommandError):
        call_command("import_labour_reports", str(path))
