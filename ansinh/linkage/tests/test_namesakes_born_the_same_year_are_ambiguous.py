import pytest

from ansinh.core.ids import make_cccd
from ansinh.linkage.models import Finding
from ansinh.linkage.tests import helpers
from ansinh.registry.models import Person


@pytest.mark.django_db
def test_two_namesakes_born_the_same_year_are_ambiguous_and_shown_side_by_side(tmp_path):
    """The registry lost the CCCD and the population database knows only the birth year of two citizens
    with the same name in the same commune: either could be the person, so neither is guessed."""
    helpers.province()
    rows = helpers.true_rows()
    person = helpers.an_adult()
    Person.objects.filter(pk=person.pk).update(cccd=None)
    mine = rows[person.pk]
    mine["birth_date"] = mine["birth_date"][:4]
    twin = dict(mine, cccd=make_cccd("042", person.birth_date.year, person.sex, 999_002))
    run = helpers.reconcile(tmp_path, [*rows.values(), twin])
    finding = Finding.objects.get(run=run, person=person)
    assert finding.outcome == "ambiguous"
    assert sorted(finding.candidates.values_list("cccd", flat=True)) == sorted([person.cccd, twin["cccd"]])
    assert not finding.corrections.exists()
