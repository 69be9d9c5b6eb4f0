"""The project's six catalogues: complete, valid for msgfmt, and faithful to the brand rules."""

from __future__ import annotations

import subprocess

import polib
import pytest
import regex

from pipeline.config import load_config
from tests.conftest import ROOT

CONFIG = load_config(ROOT / "pyproject.toml")
LOCALES = CONFIG.locales


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(CONFIG.catalogue_path(locale)))


def test_every_configured_language_has_a_catalogue() -> None:
    assert set(LOCALES) == {"ar", "de", "es", "fr", "ru", "zh_Hans"}


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete_and_valid(locale: str) -> None:
    po = catalogue(locale)
    template = polib.pofile(str(CONFIG.template_path))
    assert {e.msgid for e in po if not e.obsolete} == {e.msgid for e in template}
    assert po.percent_translated() == 100
    assert not po.fuzzy_entries()
    assert po.metadata["Language"] == locale
    assert po.metadata["Last-Translator"] and "FULL NAME" not in po.metadata["Last-Translator"]
    assert "LANGUAGE" not in po.metadata["Language-Team"]
    path = CONFIG.catalogue_path(locale)
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_brand_and_abbreviation_are_never_translated(locale: str) -> None:
    for entry in catalogue(locale):
        for term in ("Dr Pen", "SPF"):
            if term in entry.msgid:
                assert term in entry.msgstr, (locale, entry.msgid)
        assert "دكتور" not in entry.msgstr and "قلم" not in entry.msgstr
        assert entry.msgstr.count("**") == entry.msgid.count("**")


def test_arabic_uses_arabic_punctuation() -> None:
    for entry in catalogue("ar"):
        assert not regex.search(r"\p{Arabic}\s*[,;?]", entry.msgstr), entry.msgstr


def test_chinese_uses_full_width_punctuation() -> None:
    for entry in catalogue("zh_Hans"):
        assert not regex.search(r"\p{Han}[,.:;?!()]", entry.msgstr), entry.msgstr
        assert not regex.search(r"\p{Han} \p{Han}", entry.msgstr), entry.msgstr


def test_french_spaces_before_double_punctuation_do_not_break() -> None:
    for entry in catalogue("fr"):
        assert not regex.search(r"[^\u00a0\u202f][:;!?](\s|$)", entry.msgstr), entry.msgstr


def test_numbers_and_ranges_survive_translation() -> None:
    for locale in LOCALES:
        for entry in catalogue(locale):
            for number in regex.findall(r"\d+", entry.msgid):
                assert number in entry.msgstr, (locale, entry.msgid, entry.msgstr)
