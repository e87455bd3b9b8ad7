import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ansinh.core.ids import cccd_errors, make_cccd, mask_cccd


def test_it_accepts_a_cccd_consistent_with_the_person():
    assert cccd_errors("042190012345", dt.date(1990, 3, 12), "female") == []


def test_it_rejects_a_cccd_that_is_not_twelve_digits():
    assert "12 digits" in cccd_errors("04219001234")[0]
    assert "12 digits" in cccd_errors("04219001234A")[0]


def test_it_rejects_an_unknown_province_code():
    (error,) = cccd_errors("003190012345", dt.date(1990, 3, 12), "female")
    assert "003" in error and "province" in error


def test_it_rejects_a_century_digit_that_contradicts_the_birth_date():
    errors = cccd_errors("042290012345", dt.date(1990, 3, 12), None)
    assert any("1900s" in e or "2000s" in e for e in errors)


def test_it_rejects_birth_year_digits_that_contradict_the_birth_date():
    (error,) = cccd_errors("042191012345", dt.date(1990, 3, 12), "female")
    assert "91" in error and "1990" in error


def test_it_rejects_a_sex_digit_that_contradicts_the_person():
    (error,) = cccd_errors("042090012345", dt.date(1990, 3, 12), "female")
    assert "female" in error


def test_it_masks_the_middle_digits():
    assert mask_cccd("042190012345") == "042••••••345"


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["male", "female"]),
    st.integers(0, 999_999),
)
def test_every_generated_cccd_is_valid_for_its_person(birth, sex, serial):
    assert cccd_errors(make_cccd("042", birth.year, sex, serial), birth, sex) == []
