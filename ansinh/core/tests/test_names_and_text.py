import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.core.text import clean_name, clean_text, name_errors, normalise, spreadsheet_safe


def test_a_name_typed_in_decomposed_unicode_equals_the_composed_one():
    composed = "Nguyễn Thị Hương"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert clean_name(decomposed) == composed
    assert clean_name("  Nguyễn   Thị\tHương ") == composed


@pytest.mark.parametrize(
    "bad, mentions",
    [
        ("Nguyễn\u200bAn", "U+200B"),  # zero-width space
        ("Trần \u202eBình", "U+202E"),  # right-to-left override
        ("Lê\x00Văn", "U+0000"),  # NUL
    ],
)
def test_invisible_and_control_characters_are_refused_and_named(bad, mentions):
    errors = name_errors(bad)
    assert errors and mentions in errors[0]
    with pytest.raises(ValueError, match=re.escape(mentions)):
        clean_name(bad)


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x","y")', "+84912", "-1+1", "@SUM(A1)"])
def test_a_name_that_would_run_as_a_formula_is_refused(formula):
    assert any(formula[0] in e for e in name_errors(formula))


def test_empty_and_overlong_names_are_refused():
    assert name_errors("   ")
    assert name_errors("A" * 101)
    assert name_errors("A" * 100) == []


def test_free_text_keeps_lines_but_not_hidden_characters():
    assert clean_text("Thôn 3,\nxã Cẩm Xuyên", 200) == "Thôn 3,\nxã Cẩm Xuyên"
    with pytest.raises(ValueError):
        clean_text("Thôn\u2066 3", 200)
    with pytest.raises(ValueError):
        clean_text("x" * 201, 200)


def test_spreadsheet_cells_never_start_a_formula():
    assert spreadsheet_safe('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert spreadsheet_safe("Nguyễn An") == "Nguyễn An"
    assert spreadsheet_safe(-5) == -5


@given(st.text(max_size=60))
def test_normalising_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
