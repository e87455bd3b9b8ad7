import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ansinh.registry import services
from ansinh.registry.models import Employer, EmploymentSpell, Person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _person_fields(**overrides):
    fields = dict(
        cccd="042190012345",
        si_number="4200000001",
        full_name="Nguyễn Thị Lan",
        birth_date=dt.date(1990, 3, 12),
        sex="female",
        commune=factories.commune(),
    )
    fields.update(overrides)
    return fields


def test_it_registers_a_valid_person():
    person = services.register_person(**_person_fields())
    assert Person.objects.get(pk=person.pk).cccd == "042190012345"


def test_it_rejects_a_cccd_whose_birth_year_contradicts_the_date_of_birth_and_saves_nothing():
    with pytest.raises(ValidationError) as error:
        services.register_person(**_person_fields(cccd="042185012345"))
    assert "cccd" in error.value.message_dict
    assert "1990" in error.value.message_dict["cccd"][0]
    assert not Person.objects.exists()


def test_it_rejects_a_cccd_with_an_unknown_province():
    with pytest.raises(ValidationError) as error:
        services.register_person(**_person_fields(cccd="099190012345"))
    assert "province" in error.value.message_dict["cccd"][0]


def test_it_rejects_an_employer_with_an_unknown_region_naming_the_field():
    place = factories.commune()
    with pytest.raises(ValidationError) as error:
        services.register_employer(
            unit_code="TA99999",
            tax_code="3000000001",
            name="Công ty X",
            sector="enterprise",
            wage_region="V",
            area=place.area,
            commune=place,
            registered_on=dt.date(2020, 1, 1),
        )
    assert "wage_region" in error.value.message_dict
    assert not Employer.objects.exists()


def test_it_rejects_a_spell_that_ends_before_it_starts():
    person, unit = factories.person(), factories.employer()
    with pytest.raises(ValidationError) as error:
        services.add_spell(
            person=person, employer=unit, start=dt.date(2024, 5, 1), end=dt.date(2024, 4, 30), insured_salary=8_000_000
        )
    assert "before it starts" in error.value.message_dict["end"][0]
    assert not EmploymentSpell.objects.exists()


def test_it_refuses_a_second_open_spell():
    person, unit = factories.person(), factories.employer()
    services.add_spell(person=person, employer=unit, start=dt.date(2024, 1, 1), insured_salary=8_000_000)
    with pytest.raises(ValidationError):
        services.add_spell(
            person=person, employer=factories.employer(), start=dt.date(2024, 6, 1), insured_salary=8_000_000
        )
    assert EmploymentSpell.objects.count() == 1
