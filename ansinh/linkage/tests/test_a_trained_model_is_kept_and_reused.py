import pytest

from ansinh.linkage import services
from ansinh.linkage.tests import helpers

pytestmark = pytest.mark.django_db


def test_the_second_run_reuses_the_trained_model_and_decides_the_same_until_asked_to_retrain(tmp_path):
    helpers.province(600)
    rows = list(helpers.true_rows().values())
    rows[0] = {**rows[0], "cccd": ""}  # one record the deterministic pass leaves to the model
    path = tmp_path / "extract.csv"
    helpers.write_extract(path, rows)
    extract, _report = services.import_extract(path)

    first = services.reconcile(extract)
    again = services.reconcile(extract)
    retrained = services.reconcile(extract, retrain=True)

    assert first.model_trained and not again.model_trained and retrained.model_trained
    assert first.model_fingerprint == again.model_fingerprint == services.model_fingerprint("duckdb")
    assert again.model["comparisons"] == first.model["comparisons"]
    assert "training" in first.step_seconds and "model reused" in again.step_seconds
    outcomes = [(r.synced, r.matched, r.ambiguous, r.not_found) for r in (first, again, retrained)]
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert all(rule["used"] for rule in first.blocking.values())  # a small province affords every rule
