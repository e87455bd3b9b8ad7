"""Django merges every app's catalog and the app listed first wins a message both translate: Django's own
catalogs answered "version" for "version" and "Kích hoạt" (switch on) for a card that is "active". A word an app
translates must never come out in English on a Vietnamese page, and words whose meaning differs between apps carry
a context (pgettext)."""

import gettext
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def _own_catalogs():
    for config in apps.get_app_configs():
        compiled = Path(config.path) / "locale" / "vi" / "LC_MESSAGES" / "django.mo"
        if config.name.startswith("ansinh") and compiled.exists():
            yield config.name, gettext.GNUTranslations(compiled.open("rb"))._catalog


def _active(key: str) -> str:
    if "\x04" in key:
        context, message = key.split("\x04", 1)
        return pgettext(context, message)
    return _(key)


def test_no_word_an_app_translates_comes_out_in_english():
    with translation.override("vi"):
        english = sorted(
            f"{app}: {key!r}"
            for app, catalog in _own_catalogs()
            for key, own in catalog.items()
            if isinstance(key, str) and key and own != key.split("\x04")[-1] and _active(key) == key.split("\x04")[-1]
        )
    assert not english, english


@pytest.mark.parametrize(
    "context, message, meant",
    [
        ("record version", "version", "phiên bản"),
        ("card status", "active", "còn hiệu lực"),
        ("claim lines", "Lines", "Chi tiết thuốc, dịch vụ"),
        ("registry record", "Person", "Người"),
        ("contact channel", "Channel", "Hình thức"),
        ("sender", "From", "Người gửi"),
        ("benefit payment", "Paid by", "Hình thức nhận"),
    ],
)
def test_words_whose_meaning_differs_between_apps_read_as_meant(context, message, meant):
    with translation.override("vi"):
        assert pgettext(context, message) == meant
