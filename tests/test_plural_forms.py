"""Plural-Forms headers against CLDR's plural rules: the `plural-forms` check and init."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.catalogue import plurals
from pipeline.catalogue.plurals import cldr_mismatch, cldr_plural_forms, parse_plural_forms
from pipeline.catalogue.template import new_catalogue
from tests.test_checks import catalogue, findings

ROOT = Path(__file__).resolve().parent.parent

#: Babel's hand-kept table before 2.19 (python-babel issue 816): "many" and "other"
#: swapped, so n = 11 to 99 take form 5 and n = 100 to 102 form 4.
SWAPPED_ARABIC = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=0 && n%100<=2 ? 4 : 5);"
)
CLDR_ARABIC = (
    "nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && "
    "n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);"
)


def test_swapped_arabic_groups_are_right_but_their_order_is_a_warning() -> None:
    found = cldr_mismatch(SWAPPED_ARABIC, "ar")
    assert found is not None and found.severity == "warning"
    assert "(zero, one, two, few, other, many)" in found.message
    assert found.message.endswith(f"use: {CLDR_ARABIC}")


def test_arabic_with_two_forms_is_an_error() -> None:
    found = cldr_mismatch("nplurals=2; plural=(n != 1);", "ar")
    assert found is not None and found.severity == "error"
    assert found.message.startswith(
        "Plural-Forms gives n = 2 and n = 3 the same form 1, but CLDR puts them in "
        "different categories (two, few)"
    )


@pytest.mark.parametrize(
    "value, locale, numbers",
    [
        # Russian with two forms: "2 файла" and "5 файлов" cannot both be right.
        ("nplurals=2; plural=(n != 1);", "ru", "n = 2 and n = 5"),
        # Turkish with one form: no tool ships that, and CLDR tells 1 from 2.
        ("nplurals=1; plural=0;", "tr", "n = 1 and n = 2"),
    ],
)
def test_a_form_shared_by_numbers_cldr_tells_apart_is_an_error(
    value: str, locale: str, numbers: str
) -> None:
    found = cldr_mismatch(value, locale)
    assert found is not None and found.severity == "error"
    assert found.message.startswith(f"Plural-Forms gives {numbers} the same form")


@pytest.mark.parametrize(
    "value, locale, start",
    [
        # Hebrew's four forms from before CLDR 42: "other" split over forms 2 and 3;
        # every number still reads right once both are filled alike.
        (
            "nplurals=4; plural=(n == 1 && n % 1 == 0) ? 0 : (n == 2 && n % 1 == 0) ? 1: "
            "(n % 10 == 0 && n % 1 == 0 && n > 10) ? 2 : 3;",
            "he",
            "Plural-Forms splits CLDR's 'other' over 2 forms (n = 0 form 3, n = 20 form 2)",
        ),
        ("nplurals=2; plural=(n != 1);", "id", "Plural-Forms splits CLDR's 'other'"),
        # What pybabel init writes: Babel's gettext table keeps Vietnamese's one form,
        # where CLDR has since added "one".
        ("nplurals=1; plural=0;", "vi", "Plural-Forms gives n = 1 and n = 2 the same form 0"),
        # Formulas in use that Weblate's language data knows: Welsh's older four forms,
        # GNU gettext's Latvian rule, Macedonian's n%10==1 (11 takes the singular).
        (
            "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
            "cy",
            "Plural-Forms gives n = 3 and n = 4 the same form 2",
        ),
        (
            "nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2;",
            "lv",
            "Plural-Forms gives n = 2 and n = 10 the same form 1",
        ),
        (
            "nplurals=2; plural= n==1 || n%10==1 ? 0 : 1;",
            "mk",
            "Plural-Forms gives n = 1 and n = 11 the same form 0, but CLDR puts them in "
            "different categories (one, other) (Weblate's language data has this formula)",
        ),
        # Only zero at stake: French "n != 1" (CLDR and gettext's table: 0 is singular).
        (
            "nplurals=2; plural=(n != 1);",
            "fr",
            "Plural-Forms gives n = 0 the form of n = 2 (1), but CLDR puts 0 in 'one'",
        ),
        ("nplurals=3; plural=(n != 1);", "de", "Plural-Forms says nplurals=3, but whole"),
    ],
)
def test_forms_that_only_split_a_category_or_move_zero_are_a_warning(
    value: str, locale: str, start: str
) -> None:
    found = cldr_mismatch(value, locale)
    assert found is not None and found.severity == "warning"
    assert found.message.startswith(start), found.message


@pytest.mark.parametrize(
    "value, locale",
    [
        # gettext's whole numbers never reach Russian's "other" (fractions): 3 forms
        # or CLDR's 4 are both right.
        (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);",
            "ru",
        ),
        (
            "nplurals=4; plural=(n % 1 == 0 && n % 10 == 1 && n % 100 != 11 ? 0 : n % 1 == 0 "
            "&& n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2);",
            "ru",
        ),
        # French "many" is for round millions, beyond the numbers compared.
        ("nplurals=2; plural=(n > 1);", "fr"),
        ("nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;", "fr"),
        ("nplurals=1; plural=0;", "zh_Hans"),
        ("nplurals=2; plural=(n != 1);", "es_419"),  # CLDR's es rules, inherited
    ],
)
def test_headers_that_group_as_cldr_does_pass(value: str, locale: str) -> None:
    assert cldr_mismatch(value, locale) is None


def test_languages_cldr_has_no_rules_for_are_not_judged() -> None:
    # Babel answers "everything is other" for them: root's rule, not the language's.
    assert cldr_mismatch("nplurals=2; plural=(n != 1);", "mi") is None
    assert cldr_mismatch("nplurals=2; plural=(n != 1);", "tlh") is None


def test_the_check_reports_on_the_header(tmp_path: Path) -> None:
    path = catalogue(tmp_path, "ar", 'msgid "a"\nmsgstr "ب"\n', SWAPPED_ARABIC)
    items = findings(str(path), "--select", "plural-forms")
    assert [(f["line"], f["severity"], f["code"]) for f in items] == [
        (1, "warning", "plural-forms")
    ]


def test_every_catalogue_of_the_project_agrees_with_cldr() -> None:
    catalogues = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))
    assert len(catalogues) >= 6
    for path in catalogues:
        po = polib.pofile(str(path))
        assert cldr_mismatch(po.metadata["Plural-Forms"], po.metadata["Language"]) is None, path


def test_init_derives_the_header_from_cldr_whatever_babel_s_table_says(monkeypatch) -> None:
    from babel.messages import plurals as babel_plurals

    class Old(tuple):  # the shape get_plural returns, with the pre-2.19 Arabic entry
        num_plurals = 6
        plural_expr = SWAPPED_ARABIC.split("plural=", 1)[1].rstrip(";")

    monkeypatch.setattr(babel_plurals, "get_plural", lambda locale: Old())
    plurals.cldr_plural_forms.cache_clear()
    try:
        header = new_catalogue(polib.POFile(), "ar").metadata["Plural-Forms"]
    finally:
        monkeypatch.undo()
        plurals.cldr_plural_forms.cache_clear()
        plurals.cldr_mismatch.cache_clear()
    assert header.startswith("nplurals=6;")
    rule = parse_plural_forms(header)
    assert [rule.forms[n] for n in (0, 1, 2, 5, 11, 99, 100, 102)] == [0, 1, 2, 3, 4, 4, 5, 5]
    assert cldr_mismatch(header, "ar") is None


def test_cldr_formulas_are_babel_s_readable_ones_when_they_agree() -> None:
    assert cldr_plural_forms("ar") == CLDR_ARABIC
    assert cldr_plural_forms("ru").startswith("nplurals=3;")
    assert cldr_plural_forms("mi") is None


def test_a_wrong_formula_is_an_error_only_once_plural_forms_are_translated(tmp_path: Path) -> None:
    # HyperKitty's new Kazakh catalogue: the template's header, nothing translated yet.
    untranslated = catalogue(
        tmp_path / "c",
        "kk",
        'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\n',
        "nplurals=1; plural=0;",
    )
    (found,) = findings(str(untranslated), "--select", "plural-forms")
    assert found["severity"] == "warning"


def test_a_wrong_formula_is_an_error_only_once_an_entry_has_plural_forms(tmp_path: Path) -> None:
    # Zope's catalogues carry a boilerplate "nplurals=1" header and no plural entry.
    wrong = "nplurals=1; plural=0;"
    plain = catalogue(tmp_path / "a", "ru", 'msgid "a"\nmsgstr "б"\n', wrong)
    plural = catalogue(
        tmp_path / "b",
        "ru",
        'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\n',
        wrong,
    )
    (found,) = findings(str(plain), "--select", "plural-forms")
    assert found["severity"] == "warning"
    assert found["message"].endswith("(no entry has plural forms translated yet)")
    (found,) = findings(str(plural), "--select", "plural-forms")
    assert found["severity"] == "error"


def test_cldr_categories_are_kept_on_disk_and_give_the_same_answer(tmp_path, monkeypatch) -> None:
    import json

    from pipeline.catalogue import plurals

    rules = (("one", "n is 1"), ("other", ""))
    fresh = plurals._categories_of.__wrapped__(rules, range(5))
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path))
    plurals._known_categories.cache_clear()
    assert plurals._categories_of.__wrapped__(rules, range(5)) == fresh
    assert fresh == ("other", "one", "other", "other", "other")
    (stored,) = tmp_path.iterdir()
    assert "51555" in json.loads(stored.read_text(encoding="utf-8")).values()
    plurals._known_categories.cache_clear()  # a new process reads the file
    assert plurals._categories_of.__wrapped__(rules, range(5)) == fresh
    stored.write_text("{", encoding="utf-8")  # damaged: evaluated again
    plurals._known_categories.cache_clear()
    assert plurals._categories_of.__wrapped__(rules, range(5)) == fresh
