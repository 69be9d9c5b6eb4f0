"""The project's six catalogues: complete, valid for msgfmt, and faithful to the brand rules."""

from __future__ import annotations

import gettext
import subprocess

import polib
import pytest
import regex
from babel import Locale

from pipeline.config import load_config
from pipeline.glossary import load_glossary
from tests.conftest import ROOT

CONFIG = load_config(ROOT / "pyproject.toml")
LOCALES = CONFIG.locales
GLOSSARY = {t.term: t for t in load_glossary(ROOT / CONFIG.locales_dir / "glossary.csv")}


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


def translations_of(locale: str, english: str) -> list[str]:
    """The translations of every message whose English contains ``english``."""
    found = [e.msgstr for e in catalogue(locale) if not e.obsolete and english in e.msgid]
    assert found, (locale, english)
    return found


# -- medical review -------------------------------------------------------


def test_microneedling_is_minimally_invasive_not_non_invasive() -> None:
    for path in CONFIG.source_files():
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert not regex.search(r"(?i)non-?\s?invasive", text), path
    assert "minimally invasive skin rejuvenation" in " ".join(
        (ROOT / "source" / "safety-guide.md").read_text(encoding="utf-8").split()
    )


NON_INVASIVE = {
    "ar": "غير الغازية",
    "de": "nichtinvasiv",
    "es": "no invasiv",
    "fr": "non invasi",
    "ru": "неинвазивн",
    "zh_Hans": "非侵入",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_minimally_invasive_is_in_the_glossary_and_every_translation(locale: str) -> None:
    term = GLOSSARY["minimally invasive"]
    assert not term.do_not_translate and term.accepted(locale)
    for msgstr in translations_of(locale, "minimally invasive"):
        assert term.rendered_in(msgstr, locale), (locale, msgstr)
    for entry in catalogue(locale):
        assert NON_INVASIVE[locale] not in entry.msgstr.lower(), (locale, entry.msgstr)


def test_german_minimally_invasive_is_inflected() -> None:
    (msgstr,) = translations_of("de", "minimally invasive")
    assert "einer der am häufigsten angewandten minimalinvasiven Behandlungen" in msgstr


ARABIC_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 && n%100<=99 ? 4 : 5);"
)


def test_arabic_plural_forms_follow_cldr() -> None:
    po = catalogue("ar")
    header = po.metadata["Plural-Forms"]
    assert header == ARABIC_PLURAL_FORMS
    plural = gettext.c2py(header.split("plural=", 1)[1].rstrip(";"))
    rule = Locale.parse("ar").plural_form
    order = ["zero", "one", "two", "few", "many", "other"]
    for n in range(1000):
        assert plural(n) == order.index(rule(n)), n
    assert [plural(n) for n in (0, 1, 2, 3, 11, 100, 101, 102, 111)] == [0, 1, 2, 3, 4, 5, 5, 5, 4]
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(6)), entry.msgid


def test_arabic_heat_is_local_warmth_not_fever() -> None:
    for entry in catalogue("ar"):
        assert "سخونة" not in entry.msgstr, entry.msgstr
    (msgstr,) = translations_of("ar", "Persistent swelling or heat")
    assert msgstr == "استمرار التورم أو الشعور بحرارة موضعية في منطقة العلاج"


def test_arabic_spf_is_a_protection_factor() -> None:
    (msgstr,) = translations_of("ar", "broad-spectrum SPF")
    assert "واقٍ من الشمس واسع الطيف بعامل حماية (SPF)" in msgstr


def test_arabic_microchannels_renderings_are_grammatical_and_match_fused_forms() -> None:
    term = GLOSSARY["microchannels"]
    for rendering in term.accepted("ar"):
        # a noun without the article cannot take an adjective with it (قنوات الدقيقة)
        assert not regex.search(r"(?<!\w)قنوات ال", rendering), rendering
    for text in ("القنوات الدقيقة", "بالقنوات الدقيقة", "للقنوات الدقيقة", "قنوات دقيقة"):
        assert term.rendered_in(f"إلى {text} في الجلد", "ar"), text
    assert not term.rendered_in("القنوات الصغيرة", "ar")
    for msgstr in translations_of("ar", "microchannels"):
        assert term.rendered_in(msgstr, "ar"), msgstr


RUSSIAN_POLITE_PRONOUN = regex.compile(r"(?<!\w)В(?:ы|ас|ам|ами|аш\w*)(?!\w)")


def test_russian_addresses_the_reader_with_lowercase_vy() -> None:
    # The capital Вы/Вас/Ваш… is for a letter to one person; a public guide writes them
    # in lowercase, except where a sentence begins.
    for entry in catalogue("ru"):
        for found in RUSSIAN_POLITE_PRONOUN.finditer(entry.msgstr):
            before = entry.msgstr[: found.start()].rstrip(' *_«"(')
            assert not before or before.endswith((".", "!", "?", "…")), entry.msgstr
    assert "у вас имеются:" in translations_of("ru", "if you have:")[0]
    assert "поможет вам принять" in translations_of("ru", "helping you make")[0]


def test_russian_heat_is_local_warmth_not_fever() -> None:
    for entry in catalogue("ru"):
        assert not regex.search(r"(?i)(?<!\w)жар", entry.msgstr), entry.msgstr
    (msgstr,) = translations_of("ru", "Persistent swelling or heat")
    assert msgstr == "Стойкий отек или местное повышение температуры кожи"


def test_chinese_ranges_use_the_wave_dash() -> None:
    # GB/T 15834-2011: a range of numbers is written with the wave dash, here U+FF5E.
    for entry in catalogue("zh_Hans"):
        assert not regex.search(r"\d\s*[-\u2010-\u2015\u2212~\u301c]\s*\d", entry.msgstr), (
            entry.msgstr
        )
        for low, high in regex.findall(r"(\d+)\s*[–-]\s*(\d+)", entry.msgid):
            assert f"{low}\uff5e{high}" in entry.msgstr, entry.msgstr


def test_chinese_tells_the_patient_to_see_a_doctor() -> None:
    (msgstr,) = translations_of("zh_Hans", "medical advice")
    assert msgstr.endswith("应停止治疗并及时就医。") and "医疗建议" not in msgstr
