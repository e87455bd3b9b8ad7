"""A person's or unit's name is stored in NFC; formulas, invisible and bidi characters are refused by name."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from ansinh.registry import services
from ansinh.registry.models import Person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _fields(**overrides):
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


@pytest.mark.parametrize(
    "name, says",
    [
        ('=HYPERLINK("https://evil.example","Lan")', "cannot start with ="),
        ("@SUM(A1)", "cannot start with @"),
        ("Nguyễn\u200bThị Lan", "U+200B"),
        ("Trần \u202eBình", "U+202E"),
    ],
)
def test_a_formula_or_hidden_character_in_a_name_is_refused_and_nothing_is_saved(name, says):
    with pytest.raises(ValidationError) as error:
        services.register_person(**_fields(full_name=name))
    assert says in error.value.message_dict["full_name"][0]
    assert not Person.objects.exists()


def test_the_same_name_typed_decomposed_is_stored_composed_and_found_again():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị Lan ")
    person = services.register_person(**_fields(full_name=decomposed))
    assert Person.objects.get(pk=person.pk).full_name == "Nguyễn Thị Lan"
    assert Person.objects.filter(full_name="Nguyễn Thị Lan").count() == 1


def test_an_address_with_a_bidi_override_is_refused():
    with pytest.raises(ValidationError) as error:
        services.register_person(**_fields(address="Số 1 \u202eđường"))
    assert "U+202E" in error.value.message_dict["address"][0]


def test_a_unit_name_starting_with_a_formula_is_refused():
    place = factories.commune()
    with pytest.raises(ValidationError) as error:
        services.register_employer(
            unit_code="TS99999",
            tax_code="3000000099",
            name="+cmd|' /C calc'!A0",
            sector="enterprise",
            wage_region="III",
            area=place.area,
            commune=place,
            registered_on=dt.date(2020, 1, 1),
        )
    assert "name" in error.value.message_dict
