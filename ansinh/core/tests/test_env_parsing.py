"""Settings read from the environment: a yes/no value is one of the known spellings or the start stops."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ansinh.env import env_bool


@pytest.mark.parametrize("raw", ["1", "true", "Yes", " ON "])
def test_every_spelling_of_yes_reads_as_true(monkeypatch, raw):
    monkeypatch.setenv("ANSINH_FLAG", raw)
    assert env_bool("ANSINH_FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off"])
def test_every_spelling_of_no_reads_as_false(monkeypatch, raw):
    monkeypatch.setenv("ANSINH_FLAG", raw)
    assert env_bool("ANSINH_FLAG", True) is False


def test_an_unset_or_empty_value_takes_the_default(monkeypatch):
    monkeypatch.delenv("ANSINH_FLAG", raising=False)
    assert env_bool("ANSINH_FLAG", True) is True
    monkeypatch.setenv("ANSINH_FLAG", "")
    assert env_bool("ANSINH_FLAG", False) is False


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y"])
def test_an_unknown_value_is_refused_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("ANSINH_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match=f"ANSINH_FLAG='{raw}' is not a yes/no value"):
        env_bool("ANSINH_FLAG", False)


def test_a_value_from_a_file_is_parsed_the_same_way(monkeypatch, tmp_path):
    (tmp_path / "flag").write_text("maybe\n", encoding="utf-8")
    monkeypatch.setenv("ANSINH_FLAG_FILE", str(tmp_path / "flag"))
    with pytest.raises(ImproperlyConfigured, match="ANSINH_FLAG='maybe'"):
        env_bool("ANSINH_FLAG", True)
