import polars as pl
from django.utils import timezone

from ansinh.linkage.demo import corruptions


def test_a_namesake_of_a_baby_born_this_month_is_not_born_in_the_future(monkeypatch):
    """At full size some namesakes of newborns got a random later day of the birth year: the extract then
    had rows its own importer refuses (birth date in the future)."""
    monkeypatch.setattr(corruptions, "NAMESAKE_SHARE", 0.5)  # many namesakes, so a later day would surely be drawn
    today = timezone.localdate()
    n = 2000
    people = pl.DataFrame(
        {
            "person_id": list(range(n)),
            "cccd": [f"0422{today.year % 100:02d}{i:06d}" for i in range(n)],
            "full_name": [f"Trần Thị Yến {chr(65 + i % 26)}" for i in range(n)],
            "birth_date": [today] * n,
            "sex": ["female"] * n,
            "commune_code": ["43601"] * n,
            "area_code": ["436"] * n,
        }
    )
    communes = pl.DataFrame({"commune_code": ["43601", "43602"], "area_code": ["436", "436"]})
    _changes, extract, _truth = corruptions.corrupt(people, communes, seed=3)
    born = extract["birth_date"].drop_nulls()
    assert born.len() == extract.height and (born.str.slice(0, 10) <= today.isoformat()).all()
