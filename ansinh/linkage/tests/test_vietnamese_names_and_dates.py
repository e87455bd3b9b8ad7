import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ansinh.linkage import rules


def test_folding_drops_every_diacritic_including_the_crossed_d():
    assert rules.fold_name("  Đặng   Thị Thùy  Hường ") == "dang thi thuy huong"
    assert rules.name_parts("Nguyễn Văn Đức Anh") == ("nguyen", "van duc", "anh")


@given(st.text(alphabet="aàáảãạăằđêếệôơưữỹ ĐẶ", max_size=30))
def test_folding_twice_is_folding_once(name):
    assert rules.fold_name(rules.fold_name(name)) == rules.fold_name(name)


def test_a_partial_birth_date_agrees_with_a_full_one_and_is_no_correction():
    born = dt.date(1985, 3, 7)
    assert rules.birth_date_agrees(born, "1985") and rules.birth_date_agrees(born, "1985-03")
    assert not rules.birth_date_agrees(born, "1985-07-03")
    assert rules.corrections({"birth_date": born}, {"birth_date": "1985"}) == {}
    assert rules.corrections({"birth_date": born}, {"birth_date": "1985-07-03"}) == {
        "birth_date": ("1985-03-07", "1985-07-03")
    }
    assert rules.parse_partial_date("1985-02-30") is None
