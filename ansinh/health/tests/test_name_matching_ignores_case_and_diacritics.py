import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.health import rules


@pytest.mark.parametrize(
    "typed, on_card",
    [
        ("nguyen thi lan", "Nguyễn Thị Lan"),
        ("NGUYEN  THI   LAN ", "Nguyễn Thị Lan"),
        ("Dang Van Duc", "Đặng Văn Đức"),
        ("đặng văn đức", "Đặng Văn Đức"),
    ],
)
def test_a_name_typed_without_diacritics_or_case_matches_the_card(typed, on_card):
    assert rules.normalise_name(typed) == rules.normalise_name(on_card)


def test_a_different_name_does_not_match():
    assert rules.normalise_name("Nguyễn Thị Lành") != rules.normalise_name("Nguyễn Thị Lan")


def test_the_old_card_code_is_group_digit_province_and_si_number():
    code = rules.card_code("DN", 4, "4201234567")
    assert code == "DN4424201234567" and len(code) == 15
    assert rules.parse_card_code(code) == {"group": "DN", "digit": 4, "province": "42", "si_number": "4201234567"}


def test_a_malformed_card_code_is_not_parsed():
    assert rules.parse_card_code("DN94242012345") is None
    assert rules.parse_card_code("042190012345") is None


VIETNAMESE = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ", max_size=40
)


@given(VIETNAMESE)
def test_normalising_is_idempotent_and_blind_to_case(name):
    once = rules.normalise_name(name)
    assert rules.normalise_name(once) == once
    assert rules.normalise_name(name.upper()) == once
    assert once.isascii()
