import pytest

from ansinh.core.ids import make_cccd
from ansinh.linkage.models import Finding
from ansinh.linkage.tests import helpers


@pytest.mark.django_db
def test_a_person_absent_from_the_extract_is_not_found_rather_than_matched_to_a_namesake(tmp_path):
    helpers.province()
    rows = helpers.true_rows()
    person = helpers.an_adult()
    absent = rows.pop(person.pk)
    born = person.birth_date
    other_day = born.replace(day=28 if born.day < 20 else 3)
    namesake = dict(absent, cccd=make_cccd("042", born.year, person.sex, 999_001), birth_date=other_day.isoformat())
    run = helpers.reconcile(tmp_path, [*rows.values(), namesake])
    finding = Finding.objects.get(run=run, person=person)
    assert finding.outcome == "not_found"
    assert not finding.corrections.exists()
    assert run.not_found == 1 and run.matched == 0
