import dataclasses

import pytest

from ansinh.linkage.models import Finding
from ansinh.linkage.rules import fold_name
from ansinh.linkage.tests import helpers
from ansinh.registry.models import Person


@dataclasses.dataclass
class Drift:
    name: str
    expected_fields: set  # the corrections proposed (empty: the record is synchronised)


def _wrong_digit(person, extract_row):
    last = person.cccd[-1]
    Person.objects.filter(pk=person.pk).update(cccd=person.cccd[:-1] + str((int(last) + 3) % 10))


def _missing_cccd(person, extract_row):
    Person.objects.filter(pk=person.pk).update(cccd=None)


def _folded(person, extract_row):
    Person.objects.filter(pk=person.pk).update(full_name=fold_name(person.full_name).title())


def _swapped(person, extract_row):
    born = person.birth_date
    Person.objects.filter(pk=person.pk).update(birth_date=born.replace(month=born.day, day=born.month))


def _year_only(person, extract_row):
    extract_row["birth_date"] = extract_row["birth_date"][:4]


def _changed_commune(person, extract_row):
    from ansinh.geo.models import Commune

    Person.objects.filter(pk=person.pk).update(commune=Commune.objects.exclude(pk=person.commune_id).first())


CASES = [
    (_wrong_digit, {"cccd"}),
    (_missing_cccd, {"cccd"}),
    (_folded, {"full_name"}),
    (_swapped, {"birth_date"}),
    (_year_only, set()),
    (_changed_commune, {"commune_code"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("drift, fields", CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_each_kind_of_drift_on_its_own_is_linked_to_the_right_citizen(tmp_path, drift, fields):
    helpers.province()
    rows = helpers.true_rows()
    person = helpers.an_adult(birth_date__day__lte=12, birth_date__month__lt=12)
    drift(person, rows[person.pk])
    run = helpers.reconcile(tmp_path, rows.values())
    finding = Finding.objects.filter(run=run, person=person).first()
    if not fields:
        assert finding is None and run.synced == run.participants
        return
    assert finding.outcome == "match"
    assert finding.candidates.get(rank=1).cccd == person.cccd
    assert set(finding.corrections.values_list("field", flat=True)) == fields
    assert run.matched == 1 and run.ambiguous == 0 and run.not_found == 0
