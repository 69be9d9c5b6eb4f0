"""Wrong-script core: expected scripts, foreign runs, allowances, offsets."""

import json
from pathlib import Path

import pytest
import regex

from pipeline.language.scripts import (
    MASK,
    ScriptRun,
    expected_scripts,
    foreign_script_runs,
    mask_markup,
    parse_locale,
)

GUIDE = Path(__file__).parent / "data" / "dr-pen-safety-guide.txt"


@pytest.mark.parametrize(
    ("locale", "scripts"),
    [
        ("ar", {"Arab"}),
        ("ru", {"Cyrl"}),
        ("zh_Hans", {"Hani"}),
        ("zh_TW.Big5", {"Hani"}),
        ("ja", {"Hani", "Hira", "Kana"}),
        ("ko", {"Hang", "Hani"}),
        ("sr", {"Cyrl"}),
        ("sr_RS", {"Cyrl"}),
        ("sr@latin", {"Latn"}),
        ("sr_Latn", {"Latn"}),
        ("pt_BR", {"Latn"}),
        ("ca@valencia", {"Latn"}),
        ("hi_IN", {"Deva"}),
    ],
)
def test_expected_scripts_follow_cldr_likely_subtags(locale, scripts):
    assert expected_scripts(locale) == frozenset(scripts)


def test_parse_locale_handles_gettext_and_bcp47_spellings():
    assert parse_locale("zh-Hant-TW") == ("zh", "Hant", "TW")
    assert parse_locale("zh_TW.Big5") == ("zh", None, "TW")
    assert parse_locale("sr@latin") == ("sr", "Latn", None)


def _guide_findings() -> list[tuple[int, int, str]]:
    """(line, 1-based column, fragment) for every foreign run in the seed guide."""
    findings = []
    for number, line in enumerate(GUIDE.read_text(encoding="utf-8").splitlines(), 1):
        for run in foreign_script_runs(line, "en"):
            findings.append((number, run.start + 1, run.text))
    return findings


def test_seed_guide_has_exactly_the_two_arabic_fragments():
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    assert _guide_findings() == [
        (48, 3, "اضطرابات تخثر الدم"),
        (69, lines[68].index("دكتور") + 1, "دكتور. قلم"),
    ]
    assert lines[68].index("دكتور") + 1 == 139


def test_shared_punctuation_joins_one_fragment_and_is_never_reported():
    text = "clinics using دكتور. قلم systems — 24–48 h, 3 × daily, 5 °C"
    (run,) = foreign_script_runs(text, "en")
    assert run == ScriptRun(14, 24, "دكتور. قلم", "Arab")


def test_language_switcher_autonyms_are_allowed_everywhere():
    switcher = (
        "[日本語](/ja/) • [Русский](/ru/) • [العربية](/ar/) • [简体中文](/zh/) • "
        "[Deutsch](/de/) • [français](/fr/)"
    )
    for locale in ("en", "ru", "ar", "ja", "zh_Hans"):
        assert foreign_script_runs(switcher, locale) == [], locale


@pytest.mark.parametrize(
    ("locale", "msgstr"),
    [
        ("ar", "استخدم جهاز Dr Pen مع واقي SPF وفق معيار ISO 13485."),
        ("ru", "Используйте Dr Pen с SPF по стандарту ISO 13485."),
        ("zh_Hans", "请按照 ISO 13485 使用 Dr Pen 并涂抹 SPF 防晒霜。"),
    ],
)
def test_brand_names_and_acronyms_in_non_latin_translations_are_allowed(locale, msgstr):
    msgid = "Use Dr Pen with SPF according to ISO 13485."
    assert foreign_script_runs(msgstr, locale, msgid) == []


def test_french_sentence_in_russian_catalogue_is_one_fragment():
    msgstr = "Nettoyez le Dr Pen après chaque utilisation."
    msgid = "Clean the Dr Pen after every use."
    (run,) = foreign_script_runs(msgstr, "ru", msgid)
    assert (run.start, run.text, run.script) == (0, msgstr.rstrip("."), "Latn")


def test_lowercase_latin_words_are_allowed_only_when_taken_from_the_msgid():
    msgid = "Run make html to build the docs."
    assert foreign_script_runs("Запустите make html для сборки.", "ru", msgid) == []
    (run,) = foreign_script_runs("Запустите сборку, please wait.", "ru", msgid)
    assert run.text == "please wait"


def test_a_name_in_a_translation_comes_from_its_msgid():
    assert foreign_script_runs("Поиск в Google", "ru", "Search with Google") == []
    assert [r.text for r in foreign_script_runs("Поиск в Google", "ru", "Search")] == ["Google"]
    assert [r.text for r in foreign_script_runs("Caută", "ru", "Go")] == ["Caută"]
    # An English word left in a sentence is not a name because it is capitalised.
    (run,) = foreign_script_runs(
        "%r 참조 대상을 Ignoring 찾을 수 없음", "ko", "%r target not found"
    )
    assert run.text == "Ignoring"
    # A single capital letter is notation: 维A酸 (retinoic acid), X光 (X-ray).
    assert foreign_script_runs("维A酸和X光", "zh_Hans", "retinoids and X-rays") == []
    # Brand spellings, acronyms and code need no msgid.
    assert foreign_script_runs("Откройте JavaScript и HTML", "ru", "Enable scripts") == []


def test_a_msgid_word_spelt_with_or_without_its_hyphen_is_the_same_word():
    # django-postman's Greek and django-helpdesk's Chinese: "e-mail" for "email" and
    # "email" for "e-mail" are the msgid's word; an English word it lacks is not.
    assert foreign_script_runs("Το e-mail του επισκέπτη λείπει.", "el", "Visitor's email") == []
    assert foreign_script_runs("比如email回复", "zh_Hans", "such as e-mail replies") == []
    assert foreign_script_runs("E-mail адреса", "uk", "Email address") == []
    (run,) = foreign_script_runs("Ваш e-mail please", "ru", "Your email")
    assert run.text == "e-mail please"  # the run is judged as a whole


def test_letters_are_judged_with_the_digits_of_their_token():
    # "Base" of Base64, "ff" of #00ff00, "x" of 200x200: one token each, code or a name.
    assert foreign_script_runs("Base64 인코딩된 문자열", "ko", "A Base64 encoded string") == []
    assert foreign_script_runs("#00ff00 のような値", "ja", "a value like #00ff00") == []
    assert foreign_script_runs("最多200x200像素", "zh_Hans", "at most 200x200 pixels") == []
    # A word that stands on its own is still judged alone.
    (run,) = foreign_script_runs("Base 인코딩된 문자열", "ko", "A Base64 encoded string")
    assert run.text == "Base"
    # Letters of another script inside a word are never part of a token of theirs.
    (run,) = foreign_script_runs("zapіs 2024", "be_Latn", "entry 2024")
    assert (run.text, run.script) == ("і", "Cyrl")


def test_letters_a_placeholder_mask_took_still_belong_to_their_word():
    # Mailman's shell examples: "% m" of "% mailman" looks like a printf directive.
    msgid = "Run it:\n\n% mailman withlist -r listaddr -l ant@example.com"
    msgstr = "Виконайте:\n\n% mailman withlist -r listaddr -l ant@example.com"
    assert foreign_script_runs(msgstr, "uk", msgid) == []
    (run,) = foreign_script_runs("Виконайте:\n\n% mailman withlist", "uk", "Run it")
    assert run.text.endswith("ailman withlist")  # not the msgid's: still reported


def test_markup_placeholders_and_urls_are_not_text():
    msgstr = "Откройте `conf.py`, см. https://example.com/docs/page и %(name)s {path}."
    assert foreign_script_runs(msgstr, "ru", "Open conf.py") == []


def test_lone_greek_symbol_is_allowed_but_greek_words_are_not():
    assert foreign_script_runs("Use α-hydroxy acids and a 10 kΩ resistor.", "en") == []
    (run,) = foreign_script_runs("The word λέξη is Greek.", "en")
    assert (run.text, run.script) == ("λέξη", "Grek")


def test_kana_in_chinese_and_hangul_in_japanese_are_foreign():
    (run,) = foreign_script_runs("我喜欢吃ラーメン。", "zh_Hans")
    assert (run.text, run.script) == ("ラーメン", "Kana")  # ー is shared, stays inside
    (run,) = foreign_script_runs("これは안녕하세요です。", "ja")
    assert (run.text, run.script) == ("안녕하세요", "Hang")


def test_mask_markup_keeps_offsets():
    text = "See [docs](https://x.org/a) and `code` for %s, {name} or user@example.org."
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert "https" not in masked and "code" not in masked and "example" not in masked
    assert masked.startswith("See [docs") and MASK in masked


@pytest.mark.parametrize(
    "text, kept",
    [
        # Tags whose attributes are placeholders, or whose quotes are escaped.
        (
            "<a {a_name_attr}>powered by {name}</a> <a {a_attr}>basierend auf pretix</a>",
            "powered by",
        ),
        ("<a %(a_attr)s>pretix</a> et <a href=\"x\" rel=\\'noopener\\'>ici</a>", "pretix"),
        # Code calls and addresses of any scheme, scp-style paths too.
        ("def listaddr(mlist):\n    print(mlist.posting_address)", "def"),
        ("atau user@host:/path/to/repo atau ssh://user@host:port/path/to/repo", "atau"),
    ],
)
def test_mask_markup_hides_tags_code_and_addresses(text: str, kept: str) -> None:
    masked = mask_markup(text)
    words = set(regex.findall(r"\p{L}+", masked))
    assert kept.split()[0] in words
    assert not words & {
        "a",
        "a_name_attr",
        "href",
        "noopener",
        "listaddr",
        "mlist",
        "print",
        "user",
        "host",
        "ssh",
        "path",
    }


@pytest.mark.parametrize(
    "text, hidden, kept",
    [
        # HTML's code elements, whole (OpenStack Horizon's commands in German).
        (
            "gleichbedeutend mit dem <tt>openstack volume qos create</tt> Kommando",
            "openstack volume qos create",
            "Kommando",
        ),
        (
            '<code class="x">service: compute</code> und <kbd>Strg</kbd>',
            "service compute Strg",
            "und",
        ),
        # Addresses with their display names, and names of colon-joined parts.
        (
            'Ivan Ivanov &lt;iivanov@example.ru&gt; или "Ivan Ivanov" <iivanov@example.ru>',
            "Ivan Ivanov iivanov",
            "или",
        ),
        ("шаблоны list:member:regular:footer и", "list member regular footer", "шаблоны"),
        # Template tags and AngularJS expressions with their own delimiters.
        ("Größe: {$ (textBytes || 0) | bytes $} von {% trans %}", "textBytes bytes trans", "von"),
    ],
)
def test_mask_markup_hides_code_elements_and_template_tags(
    text: str, hidden: str, kept: str
) -> None:
    words = set(regex.findall(r"\p{L}+", mask_markup(text)))
    assert kept in words and not words & set(hidden.split())


def test_mask_markup_keeps_words_with_a_bracketed_ending() -> None:
    assert mask_markup("Nutzer(innen) und Datei(en)") == "Nutzer(innen) und Datei(en)"


def test_autonym_table_is_cached_on_disk_and_rebuilt_when_damaged(tmp_path, monkeypatch) -> None:
    from pipeline.language import scripts

    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "cache"))
    built = scripts._autonyms()
    name = "table.json"
    assert scripts._cached(name, scripts._autonyms) == built
    stored = tmp_path / "cache" / name
    assert json.loads(stored.read_text(encoding="utf-8")) == sorted(built)
    assert {"deutsch", "العربية", "русский"} <= built
    # A second run reads the file instead of building.
    assert scripts._cached(name, lambda: frozenset({"never built"})) == built
    stored.write_text('["truncated', encoding="utf-8")  # damaged: rebuilt and rewritten
    assert scripts._cached(name, scripts._autonyms) == built
    assert json.loads(stored.read_text(encoding="utf-8")) == sorted(built)
    assert [p.name for p in stored.parent.iterdir()] == [name]  # no temporary left
    # An unwritable cache is not an error.
    monkeypatch.setenv("L10N_CACHE_DIR", str(stored / "not-a-directory"))
    assert scripts._cached(name, scripts._autonyms) == built


def test_a_package_name_in_kebab_case_is_code_in_any_script() -> None:
    # django-import-export's own name in its Korean and Chinese catalogues.
    source = "%s through import_export"
    assert (
        foreign_script_runs("%s은(는) django-import-export를 통해 가져왔습니다.", "ko", source)
        == []
    )
    assert foreign_script_runs("%s 通过 django-import-export导入", "zh_Hans", source) == []
    # Prose stays prose, hyphenated or not.
    runs = foreign_script_runs("이것은 well-known 입니다", "ko", "This is famous")
    assert [r.text for r in runs] == ["well-known"]


def test_date_formats_are_no_language() -> None:
    # Plone's long_date_format, the same pattern in every catalogue.
    assert foreign_script_runs("dddd mmmm dd, yyyy", "zh_Hant") == []
    assert mask_markup("dddd, dd mmmm yyyy").strip(MASK + ", ") == ""
    assert mask_markup("Odd words add up") == "Odd words add up"
