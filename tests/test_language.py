"""Wrong-language and mixed-language core: hypothesis tests on langdetect profiles."""

import pytest

from pipeline.language import (
    COPY_LLR,
    LanguageVerdict,
    are_relatives,
    copy_preference,
    foreign_runs,
    is_modelled,
    plain_words,
    profile_code,
    wrong_language,
)

GERMAN = "Bitte speichern Sie die Datei, bevor Sie das Programm beenden."
FRENCH = "Veuillez enregistrer le fichier avant de fermer le programme."
SPANISH = "Por favor, guarde el archivo antes de cerrar el programa."
RUSSIAN = "Пожалуйста, сохраните файл перед закрытием программы."
ENGLISH = "Please save the file before you close the program."


@pytest.mark.parametrize(
    ("lang", "modelled"),
    [("de", True), ("nb", True), ("zh_Hans", True), ("sr@latin", True), ("pt_BR", True)]
    + [("is", False), ("eu", False), ("eo", False), ("ka", False), ("gl", False)],
)
def test_is_modelled(lang, modelled):
    assert is_modelled(lang) is modelled


def test_profile_codes_and_relatives():
    assert profile_code("zh_TW") == "zh-tw" and profile_code("zh_Hans") == "zh-cn"
    assert profile_code("nb_NO") == "no"
    assert are_relatives("nb", "da") and are_relatives("es", "gl") and are_relatives("cs", "sk")
    assert not are_relatives("es", "pt")


@pytest.mark.parametrize(
    ("text", "lang"), [(GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es"), (RUSSIAN, "ru")]
)
def test_correct_sentences_are_not_flagged(text, lang):
    assert wrong_language(text, lang) is None
    assert foreign_runs(text, lang) == []


def test_english_sentence_in_german_catalogue():
    verdict = wrong_language(ENGLISH, "de")
    assert isinstance(verdict, LanguageVerdict)
    assert verdict.detected == "en" and verdict.confidence > 20


def test_spanish_sentence_in_french_catalogue():
    verdict = wrong_language(SPANISH, "fr")
    assert verdict is not None and verdict.detected == "es"


def test_french_sentence_in_russian_catalogue_is_named_french():
    verdict = wrong_language("Ceci est une traduction française collée par erreur.", "ru")
    assert verdict is not None and verdict.detected == "fr"


@pytest.mark.parametrize("text", ["Speichern", "Save file", "Datei öffnen", "Index"])
def test_short_text_is_not_decided(text):
    assert wrong_language(text, "de") is None


# Real translations of Django and Indico that were once called Portuguese, Romanian
# and Filipino: fewer than four words carry too little evidence to name a third language.
@pytest.mark.parametrize(
    "text, lang",
    [
        ("datum expirace", "cs"),
        ("e-pasta adrese", "lv"),
        ("Numer telefonu", "pl"),
        ("Panoya kopyala", "tr"),
        ("referencia cimke", "hu"),
        ("Recolher painel lateral", "pt_BR"),  # not Italian
        ("ja,nej,kanske", "sv"),  # not Slovenian
    ],
)
def test_short_text_never_names_a_third_language(text, lang):
    assert wrong_language(text, lang) is None


def test_four_words_may_name_a_third_language():
    verdict = wrong_language("aumenta a verbosidade (pode ser repetido)", "sq")  # Sphinx's sq
    assert verdict is not None and verdict.detected == "pt"


def test_close_relatives_are_not_told_apart():
    danish = "Gem venligst filen, før du lukker programmet."
    assert wrong_language(danish, "nb") is None


def test_english_clause_in_german_sentence_is_found_with_offsets():
    text = (
        "Bitte speichern Sie die Datei, please check the path before you close it, "
        "und beenden Sie das Programm."
    )
    clause = "please check the path before you close it"
    assert foreign_runs(text, "de") == [
        (text.index(clause), text.index(clause) + len(clause), "en")
    ]


def test_german_sentence_appended_to_english_paragraph():
    text = (
        "Microneedling is safe when done correctly. "
        "Die Behandlung sollte nur von geschultem Personal durchgeführt werden."
    )
    german = "Die Behandlung sollte nur von geschultem Personal durchgeführt werden"
    start = text.index(german)
    assert foreign_runs(text, "en") == [(start, start + len(german), "de")]


def test_markup_is_not_language():
    text = "Klicken Sie auf `please save the file now` und dann auf %(button)s."
    assert wrong_language(text, "de") is None
    assert foreign_runs(text, "de") == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("is", "Vinsamlegast vistaðu skrána áður en þú lokar forritinu."),
        ("eu", "Mesedez, gorde fitxategia programa itxi aurretik."),
        ("eo", "Bonvolu konservi la dosieron antaŭ ol fermi la programon."),
    ],
)
def test_unmodelled_languages_never_get_a_third_language_claim(lang, text):
    assert wrong_language(text, lang) is None
    assert foreign_runs(text, lang) == []
    assert wrong_language(SPANISH, lang) is None  # Spanish in is.po: not ours to name


def test_english_in_unmodelled_catalogue_is_still_caught():
    verdict = wrong_language(ENGLISH, "is")
    assert verdict is not None and verdict.detected == "en"


def test_chinese_is_not_mistaken_for_korean_hanja():
    text = "生成 Makefile 和 Windows 批处理文件，可以直接像这样运行，而不需要直接调用构建命令。"
    assert wrong_language(text, "zh_Hans") is None


def test_deterministic():
    first = [wrong_language(ENGLISH, "fr"), foreign_runs(ENGLISH + " " + FRENCH, "fr")]
    second = [wrong_language(ENGLISH, "fr"), foreign_runs(ENGLISH + " " + FRENCH, "fr")]
    assert first == second


def test_english_clause_left_in_russian_translation():
    text = "Файл не найден, please check the path and try again, затем повторите."
    clause = "please check the path and try again"
    start = text.index(clause)
    assert foreign_runs(text, "ru") == [(start, start + len(clause), "en")]
    assert wrong_language(text, "ru") is None  # mostly Russian: a mix, not a swap


def test_english_in_cjk_catalogues():
    text = "Please save the file before you close the program."
    assert wrong_language(text, "ja") == wrong_language(text, "zh_Hans")
    assert wrong_language(text, "ja").detected == "en"
    assert wrong_language("ファイルを保存してからプログラムを閉じてください。", "ja") is None


def test_candidates_limit_the_third_languages():
    assert wrong_language(SPANISH, "fr", candidates=["es", "de"]).detected == "es"
    assert wrong_language(SPANISH, "fr", candidates=["de"]) is None  # Spanish not a suspect


def test_profiles_are_cached_as_numbers_and_rebuilt_when_damaged(tmp_path, monkeypatch) -> None:
    from pipeline.language import profiles

    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path))
    built = profiles._build_log_probabilities("fr")
    assert profiles._log_probabilities("fr") == built  # built, then written
    [stored] = (tmp_path / f"profiles-{profiles._PROFILE_CACHE_FORMAT}").iterdir()
    assert stored.name.startswith("fr-")
    read_back = profiles._log_probabilities("fr")
    assert read_back == built and list(read_back) == list(built)
    stored.write_bytes(stored.read_bytes()[:-3])  # cut short: no longer adds up
    assert profiles._log_probabilities("fr") == built
    assert profiles._log_probabilities("fr") == built  # and written whole again
    assert [p.name for p in stored.parent.iterdir()] == [stored.name]


def test_copy_preference_weighs_one_word_between_two_languages():
    # Too short for wrong_language, but between two given languages it is clear.
    assert wrong_language("Parámetros", "fr") is None
    assert copy_preference("Parámetros", "fr", "es") >= COPY_LLR
    assert copy_preference("Parámetros", "es", "fr") <= -COPY_LLR
    # Galician has no profile, and no other language stands in for it.
    assert copy_preference("Seguinte tema", "fr", "gl") is None
    # Relatives are never told apart, and an unmodelled language has no score.
    assert copy_preference("Søk etter", "nb", "da") is None
    assert copy_preference("Bilatu", "eu", "es") is None


def test_plain_words_leave_out_markup_short_words_and_unspaced_scripts():
    text = "Índice de `code` %(key)s módulos, sphinx-build 中文字"
    assert plain_words(text) == ["índice", "módulos", "sphinx", "build"]


@pytest.mark.parametrize(
    ("text", "msgid", "lang", "alone"),
    [
        # Names and terms kept as the msgid has them, around the target's own words.
        # Judged alone, capitalised names are left out too (_holds_beyond_names); a
        # term such as "eXchange" is not a capitalised word, and only the msgid tells.
        ("Smartphone mit Authenticator-App", "Smartphone with authenticator app", "de", None),
        ("Soubor TermBase eXchange", "TermBase eXchange file", "cs", "en"),
        ("Stripe ile Bancontact", "Bancontact via Stripe", "tr", None),
    ],
)
def test_words_shared_with_the_msgid_are_no_evidence_alone(text, msgid, lang, alone):
    found = wrong_language(text, lang)
    assert (found.detected if found else None) == alone
    assert wrong_language(text, lang, source_text=msgid) is None


@pytest.mark.parametrize(
    ("text", "msgid", "lang"),
    [
        # Real English left in a Norwegian catalogue: the new words are English too.
        (
            "Behold the payment, shipping, and service fees.",
            "Keep payment, shipping and service fees",
            "nb",
        ),
        ("Behold the current values as they are.", "Keep the current values", "nb"),
        # The msgid itself, or a piece of it in its order.
        (ENGLISH, ENGLISH, "de"),
        ("Please save the file before you close", ENGLISH, "ru"),
        # Another language around a name.
        (SPANISH + " TermBase eXchange", "Save the TermBase eXchange file", "fr"),
    ],
)
def test_the_verdict_stands_when_the_other_words_carry_it(text, msgid, lang):
    alone = wrong_language(text, lang)
    assert alone is not None
    assert wrong_language(text, lang, source_text=msgid) == alone


def test_the_msgid_words_rearranged_are_the_target_word_order():
    # "Online Markdown editor" in Spanish word order, every word a kept term; the
    # lowercase ones alone say English: the msgid's order is what tells.
    assert wrong_language("editor markdown online", "es") is not None
    assert (
        wrong_language("editor markdown online", "es", source_text="Online Markdown editor") is None
    )
    assert (
        wrong_language("Editor Markdown online", "es", source_text="Online Markdown editor") is None
    )


def test_a_name_in_another_language_is_no_evidence_of_it() -> None:
    # django-countries: the Danish and German names of São Tomé and Príncipe.
    from pipeline.language import wrong_language

    assert wrong_language("São Tomé og Príncipe", "da") is None
    assert wrong_language("São Tomé und Príncipe", "de") is None
    # German pasted into a Dutch catalogue still is German without its nouns.
    text = "Ob diese Seite von anderen Seiten oder Websites eingebunden werden kann"
    found = wrong_language(text, "nl")
    assert found is not None and found.detected == "de"


def test_english_names_in_a_translation_are_no_english() -> None:
    from pipeline.language import wrong_language

    assert wrong_language("Saint Helena, Ascension in Tristan da Cunha", "sl") is None
    found = wrong_language("Please correct the errors below and try again", "zh_TW")
    assert found is None or found.detected == "en"  # other scripts: wrong-script's case
    found = wrong_language("Please correct the errors below and try again.", "de")
    assert found is not None and found.detected == "en"
