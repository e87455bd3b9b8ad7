"""Browser tests run on a flushed database: make sure the geographic reference data (loaded by a data
migration, which a flush does not replay) is there whatever ran before."""

import pytest


@pytest.fixture
def reference_data(db):
    from ansinh.geo.models import Area, Commune
    from ansinh.geo.reference import load_reference

    if not Commune.objects.exists():
        load_reference(Area, Commune)
