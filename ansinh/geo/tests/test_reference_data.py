import pytest
from django.core.management import call_command

from ansinh.geo.models import Area, Commune


@pytest.mark.django_db
def test_the_province_has_its_thirteen_areas_with_population_and_labour_force():
    assert Area.objects.count() == 13
    assert sum(Area.objects.values_list("population", flat=True)) == 1_317_200
    assert Commune.objects.count() == 216
    for area in Area.objects.all():
        communes = area.communes.all()
        assert sum(c.population for c in communes) == area.population
        assert sum(c.labour_force for c in communes) == area.labour_force


@pytest.mark.django_db(transaction=True)
def test_the_reference_data_comes_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert Area.objects.count() == 13 and Commune.objects.count() == 216
