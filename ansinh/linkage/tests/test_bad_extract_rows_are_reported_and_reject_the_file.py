import pytest

from ansinh.linkage import services
from ansinh.linkage.importer import ExtractRejected
from ansinh.linkage.models import PopulationExtract
from ansinh.testing import factories

GOOD = "042190001234,Nguyễn Thị Lan,1990-03-12,female,43601,Thôn 1\n"
LINES = [
    "cccd,full_name,birth_date,sex,commune_code,permanent_address\n",
    GOOD,  # line 2
    "04209000123,Lê Văn Nam,1990-01-01,male,43601,\n",  # 3: 11 digits
    "042190001235,Trần Thị Mai,1990-13-01,female,43601,\n",  # 4: month 13
    "042090001236,Hồ Văn Sơn,1985,male,99999,\n",  # 5: unknown commune; CCCD year 90 ≠ 1985
    "042190001237,Phan Thị Hà,1990,nữ,43601\n",  # 6: five fields
    GOOD,  # 7: same CCCD as line 2
    "042190001238,Võ Thị Hoa,1990-02,female,43601,Thôn 2\n",  # 8: fine (year and month)
]


def _write(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text("".join(LINES), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_file_with_bad_rows_is_rejected_whole_and_every_bad_row_is_named_with_its_line(tmp_path):
    factories.commune()  # reference data present
    with pytest.raises(ExtractRejected) as rejected:
        services.import_extract(_write(tmp_path))
    report = rejected.value.report
    lines = {line: reason for line, reason in report.first_errors}
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert "12 digits" in lines[3]
    assert "YYYY-MM-DD" in lines[4]
    assert "commune" in lines[5] and "birth year" in lines[5]
    assert "fields" in lines[6]
    assert "line 2" in lines[7]
    assert not PopulationExtract.objects.exists()


@pytest.mark.django_db
def test_skipping_bad_rows_imports_the_good_ones_and_keeps_the_report(tmp_path):
    extract, report = services.import_extract(_write(tmp_path), skip_bad_rows=True)
    assert extract.rows == 2 and extract.skipped_rows == 5
    assert open(extract.errors_path, encoding="utf-8").read().count("\n") == 6  # header + 5 bad rows
