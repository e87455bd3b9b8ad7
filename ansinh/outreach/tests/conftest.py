"""Browser tests run on a flushed database: the reference data that migrations load (communes, facilities,
the policy packs, the KPI catalogue) is put back whatever ran before."""

import pytest


@pytest.fixture
def reference_data(db):
    from ansinh.geo.models import Area, Commune
    from ansinh.geo.reference import load_reference
    from ansinh.health.models import Facility
    from ansinh.health.reference import load_reference as load_health
    from ansinh.insights.catalogue import load_seed
    from ansinh.insights.models import Kpi
    from ansinh.policy.models import Parameter
    from ansinh.policy.services import load_packs

    if not Commune.objects.exists():
        load_reference(Area, Commune)
    if not Parameter.objects.exists():
        load_packs()
    if not Facility.objects.exists():
        load_health()
    if not Kpi.objects.exists():
        load_seed()
