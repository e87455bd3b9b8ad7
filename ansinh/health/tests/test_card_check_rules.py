"""The card check's law as pure functions: identifiers, births as patients give them, card-code parts, and the
order in which the result is decided."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.health import rules

TABLES = rules.CardTables(
    group_digits={"DN": 4, "HT": 3, "TE": 1, "QN": 5},
    provinces=frozenset({"01", "42", "79"}),
    outside_issuers={"97": "001", "98": "002"},
)
ON = dt.date(2025, 6, 2)
PERSON = {"full_name": "Nguyễn Thị Lan", "birth_date": dt.date(1990, 3, 12)}
CARD = {
    "card_code": "DN4424201234567",
    "status": "active",
    "stop_code": "",
    "valid_from": dt.date(2025, 1, 1),
    "valid_to": dt.date(2025, 12, 31),
}


def result(identifier, person=PERSON, card=CARD, former=None, name="Nguyễn Thị Lan", birth="12/03/1990", on=ON):
    return rules.check_result(
        rules.identify(identifier), person, card, former, name, rules.parse_birth(birth), on, TABLES, 6
    )


@pytest.mark.parametrize(
    "text, kind",
    [("042190012345", "cccd"), ("4201234567", "si_number"), ("dn4424201234567", "card"), ("DN4 42 4201234567", "card")],
)
def test_an_identifier_is_a_cccd_an_si_number_or_a_card_code(text, kind):
    assert rules.identify(text).kind == kind


@pytest.mark.parametrize("text", ["", "12345", "DN44242012345", "4201234567X"])
def test_anything_else_is_no_identifier(text):
    assert rules.identify(text) is None


@pytest.mark.parametrize(
    "text, birth",
    [
        ("12/03/1990", rules.Birth(1990, 3, 12)),
        ("1990-03-12", rules.Birth(1990, 3, 12)),
        ("12031990", rules.Birth(1990, 3, 12)),
        ("03/1990", rules.Birth(1990, 3)),
        ("1990", rules.Birth(1990)),
    ],
)
def test_a_birth_is_read_in_every_form_the_gateway_accepts(text, birth):
    assert rules.parse_birth(text) == birth


@pytest.mark.parametrize("text", ["30/02/1990", "1990-3-12", "13/1990", "99", "0001", "12-03-1990"])
def test_a_birth_that_is_no_real_date_in_those_forms_is_refused(text):
    assert rules.parse_birth(text) is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_real_date_matches_itself_in_each_precision(day):
    for text in (f"{day:%d/%m/%Y}", day.isoformat(), f"{day:%m/%Y}", f"{day:%Y}"):
        assert rules.parse_birth(text).matches(day)
    assert not rules.parse_birth(f"{day.year + 1}").matches(day)


def test_the_checks_order_identity_before_the_card():
    assert result("042190012345", name="Trần Văn Nam") == ("060", "")
    assert result("042190012345", name="Nguyễn Văn Lan") == ("061", "")
    assert result("042190012345", birth="1991") == ("070", "")
    assert result("042190012345", birth="1990") == ("000", "")


def test_outside_issuers_are_answered_before_anything_else():
    assert result("QN5970000000001", person=None) == ("001", "")
    assert result("CA5980000000001", person=PERSON, name="Ai Đó") == ("002", "")


@pytest.mark.parametrize(
    "code, expected",
    [("ZZ4420000000001", "051"), ("DN4000000000001", "052"), ("DN5420000000001", "053"), ("DN4420000000001", "050")],
)
def test_an_unknown_card_code_is_judged_by_its_parts(code, expected):
    assert result(code, person=None, card=None) == (expected, "")


def test_the_patients_si_number_under_another_code_names_the_wrong_part():
    assert result("HT3424201234567") == ("051", "")
    assert result("DN3424201234567") == ("053", "")
    assert result("DN4014201234567") == ("052", "")


def test_a_replaced_card_answers_004_while_valid_003_after_and_the_new_cards_own_code_when_it_is_not_valid():
    former = {**CARD, "card_code": "HT3424201234567", "valid_to": dt.date(2025, 6, 30)}
    assert result("HT3424201234567", former=former) == ("004", "")
    assert result("HT3424201234567", former={**former, "valid_to": dt.date(2025, 5, 31)}) == ("003", "")
    assert result("HT3424201234567", former=former, card={**CARD, "status": "revoked"}) == ("110", "")


def test_a_lapsed_card_is_expired_or_reported_stopped():
    lapsed = {**CARD, "valid_to": dt.date(2025, 5, 31)}
    assert result("042190012345", card=None, former=lapsed) == ("010", "expired")
    assert result("042190012345", card=None, former={**CARD}) == ("120", "")


def test_a_card_not_yet_valid_is_010_with_its_own_note():
    assert result("042190012345", card={**CARD, "valid_from": dt.date(2025, 7, 1)}) == ("010", "not_yet_valid")


def test_a_child_under_six_without_a_card_is_130_and_an_adult_050():
    child = {"full_name": "Lê Minh An", "birth_date": dt.date(2022, 1, 5)}
    assert result("042222012345", person=child, card=None, name="Le Minh An", birth="2022") == ("130", "")
    assert result("042190012345", card=None) == ("050", "")


@pytest.mark.parametrize(
    "registered, typed, expected",
    [(None, "Ai", "054"), ("Phạm Thị Thơm", "pham thi thom", None), ("Phạm Thị Thơm", "Phạm Thị Thắm", "055")],
)
def test_the_receptionist_must_be_registered_under_that_name(registered, typed, expected):
    assert rules.receptionist_result(registered, typed) == expected


def test_the_gateway_pack_fits_the_parameter_table():
    """SQLite does not enforce column lengths; PostgreSQL refuses a longer source or description at migrate."""
    from ansinh.policy.models import Parameter
    from ansinh.policy.services import PACKS_DIR, read_pack

    limits = {name: Parameter._meta.get_field(name).max_length for name in ("key", "source", "description", "unit")}
    for row in read_pack(PACKS_DIR / "gateway.toml"):
        assert all(len(row[name]) <= limit for name, limit in limits.items()), row["key"]
