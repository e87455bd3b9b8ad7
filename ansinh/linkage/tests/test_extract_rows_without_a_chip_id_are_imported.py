import pyarrow.parquet as pq
import pytest

from ansinh.linkage import services
from ansinh.linkage.importer import ExtractRejected
from ansinh.testing import factories

HEADER = "cccd,full_name,birth_date,sex,commune_code,permanent_address\n"


def _extract(tmp_path, *rows):
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_rows_with_only_a_name_an_old_id_or_no_sex_and_commune_are_kept(tmp_path):
    factories.commune()
    extract, report = services.import_extract(
        _extract(
            tmp_path,
            ',Nguyễn Văn Bình,1961-04-02,,,"Thôn 3, Cẩm Xuyên"\n',  # no chip ID, sex or commune
            "183456789,Trần Thị Mai,1958,Nữ,,\n",  # old 9-digit ID card number, Nữ
            ",Lê Văn Hùng,,Nam,,\n",  # nothing but a name and sex
        )
    )
    assert report.bad_rows == 0 and extract.rows == 3
    rows = pq.read_table(extract.parquet_path).to_pylist()
    assert [r["cccd"] for r in rows] == [None, None, None]
    assert rows[1]["old_id"] == "183456789" and rows[1]["sex"] == "female"
    assert rows[2]["sex"] == "male" and rows[2]["birth_date"] is None


@pytest.mark.django_db
def test_a_chip_id_that_contradicts_the_sex_or_year_is_still_refused_and_ids_of_other_lengths_too(tmp_path):
    factories.commune()
    with pytest.raises(ExtractRejected) as rejected:
        services.import_extract(
            _extract(
                tmp_path,
                "042190001234,Nguyễn Thị Lan,1990-03-12,male,,\n",  # 4th digit 1 = a woman
                "042190001235,Nguyễn Thị Hoa,1991-03-12,,,\n",  # year digits 90 ≠ 1991
                "1234567890,Phan Văn Tú,1980,,,\n",  # ten digits: neither ID
                ",,1980,,,\n",  # no name
            )
        )
    reasons = dict(rejected.value.report.first_errors)
    assert "sex" in reasons[2] and "birth year" in reasons[3]
    assert "9 digits" in reasons[4] and "empty" in reasons[5]


@pytest.mark.django_db
def test_rows_without_a_chip_id_are_never_reported_as_repeating_each_other(tmp_path):
    factories.commune()
    extract, report = services.import_extract(
        _extract(tmp_path, ",Nguyễn Văn A,1961,,,\n", ",Nguyễn Văn B,1962,,,\n", ",Nguyễn Văn C,1963,,,\n")
    )
    assert report.bad_rows == 0 and extract.rows == 3
