"""Homoglyphs: a letter of another script inside a word, named with the letter it apes."""

import pytest

from pipeline.language.confusables import Homoglyph, homoglyph_at, homoglyphs, look_alike
from pipeline.language.scripts import foreign_script_runs


def test_cyrillic_o_in_a_french_word_is_named_precisely():
    text = "Le module électrоnique est prêt."
    (found,) = homoglyphs(text, "fr", "The electronic module is ready.")
    assert found == Homoglyph(
        start=16,
        char="о",
        script="Cyrl",
        word="électrоnique",
        word_script="Latn",
        meant="o",
        message=(
            "Cyrillic 'о' (U+043E) inside the Latin word 'électrоnique'; "
            "the Latin 'o' looks the same"
        ),
    )
    assert text[found.start] == "\u043e"


def test_latin_i_in_a_belarusian_word():
    text = "Рэдагаваць налады сiстэмы"
    (found,) = homoglyphs(text, "be", "Edit system settings")
    assert (found.char, found.script, found.word, found.word_script, found.meant) == (
        "i",
        "Latn",
        "сiстэмы",
        "Cyrl",
        "і",
    )
    assert found.start == text.index("i")
    assert found.message == (
        "Latin 'i' (U+0069) inside the Cyrillic word 'сiстэмы'; the Cyrillic 'і' looks the same"
    )


def test_latin_letters_in_russian_and_ukrainian_words():
    found = homoglyphs("Сохранить измeнения в фaйле", "ru", "Save changes to the file")
    assert [(h.char, h.meant, h.word) for h in found] == [
        ("e", "е", "измeнения"),
        ("a", "а", "фaйле"),
    ]
    found = homoglyphs("Збeрегти xмару й cторінку", "uk")
    assert [(h.char, h.meant) for h in found] == [("e", "е"), ("x", "х"), ("c", "с")]


def test_greek_eta_standing_for_latin_h():
    (found,) = homoglyphs("Ηello, world", "en")
    assert (found.start, found.char, found.script, found.meant) == (0, "Η", "Grek", "H")
    assert found.message == (
        "Greek 'Η' (U+0397) inside the Latin word 'Ηello'; the Latin 'H' looks the same"
    )


def test_cyrillic_letters_in_a_belarusian_latin_word():
    (found,) = homoglyphs("Novy zapіs", "be_Latn", "New record")
    assert (found.char, found.word, found.word_script, found.meant) == ("і", "zapіs", "Latn", "i")
    # ў has no entry of its own: it is у with a breve, and у looks like y.
    (found,) = homoglyphs("Spis kampanentaў", "be_Latn")
    assert (found.char, found.word, found.meant) == ("ў", "kampanentaў", "y\u0306")


def test_cyrillic_o_in_a_greek_word_shares_a_prototype():
    # Cyrillic о and Greek ο are both confusable with Latin o: two steps in the data.
    (found,) = homoglyphs("Έχετε αποσυνδεθεί από τον λογαριаσμό", "el")
    assert (found.char, found.script, found.word_script, found.meant) == ("а", "Cyrl", "Grek", "α")


@pytest.mark.parametrize(
    "text",
    [
        "Épaisseur : 10 μm",  # Greek mu: no Latin letter looks like it
        "Dose : 10 µg",  # the micro sign is a shared character
        "acide α-hydroxy et β-carotène",  # a Greek symbol is a word of its own
        "une résistance de 10 kΩ",
        "le facteur TNFα et l'IFNγ",  # a lowercase symbol joined to a capital name
        "la voie NF-κB",
    ],
)
def test_units_and_formulas_are_not_homoglyphs(text):
    assert homoglyphs(text, "fr") == []


def test_a_name_copied_from_the_msgid_is_not_reported():
    source = "Open the ΜyApp settings"  # the msgid itself spells it with a Greek Μ
    text = "Ouvrir les réglages de ΜyApp"
    assert homoglyphs(text, "fr", source) == []
    assert [h.meant for h in homoglyphs(text, "fr")] == ["M"]


def test_a_whole_cyrillic_word_in_french_text_is_a_foreign_word():
    text = "Le mot мир veut dire paix."
    (run,) = foreign_script_runs(text, "fr")
    assert run.text == "мир"
    assert homoglyph_at(text, run.start, run.end, "fr") is None
    assert homoglyphs(text, "fr") == []


def test_homoglyph_at_names_the_run_that_foreign_script_runs_reports():
    text = "Le module électrоnique est prêt."
    (run,) = foreign_script_runs(text, "fr")
    found = homoglyph_at(text, run.start, run.end, "fr")
    assert found is not None and found == homoglyphs(text, "fr")[0]


def test_a_foreign_token_glued_to_a_word_is_not_a_homoglyph():
    # L has no Cyrillic look-alike: "XML" is a Latin token, not disguised letters.
    assert homoglyphs("Откройте XMLфайл", "ru") == []
    # Letters of a placeholder are markup, not part of the word after it.
    assert homoglyphs("Видалити %sфайлів", "uk", "Delete %s files") == []


def test_text_in_the_expected_script_only_is_left_alone():
    assert homoglyphs("Le module électronique est prêt.", "fr") == []
    assert homoglyphs("Сохранить изменения", "ru") == []
    assert homoglyphs("保存してください", "ja") == []


def test_look_alike_prefers_the_same_case_and_the_basic_letter():
    assert look_alike("і", "Latn") == "i"
    assert look_alike("І", "Latn") == "I"  # not l, which shares its prototype
    assert look_alike("i", "Cyrl") == "і"  # not palochka ӏ or iota ꙇ
    assert look_alike("т", "Latn") is None  # only the phonetic small capital ᴛ
    assert look_alike("ж", "Latn") is None
