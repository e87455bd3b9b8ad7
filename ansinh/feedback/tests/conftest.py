import pytest


@pytest.fixture
def reference_data(db):
    """Browser tests run on a flushed database: the communes (a data migration) must be there."""
    from ansinh.geo.models import Area, Commune
    from ansinh.geo.reference import load_reference

    if not Commune.objects.exists():
        load_reference(Area, Commune)
