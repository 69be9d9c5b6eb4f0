"""The numbers check: values, not digit strings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.language.numbers import difference
from tests.test_checks import catalogue, findings

HOURS = "Avoid direct sun for 24–72 hours after treatment."


@pytest.mark.parametrize(
    "text, locale",
    [
        ("تجنب أشعة الشمس المباشرة لمدة ٢٤–٧٢ ساعة بعد العلاج.", "ar"),  # Arabic-Indic
        ("Evite el sol directo de 24 a 72 horas después del tratamiento.", "es"),
        ("治疗后24～72小时内避免阳光直射。", "zh_Hans"),  # full-width range, no spaces
        ("治疗后２４～７２小时内避免阳光直射。", "zh_Hans"),  # full-width digits
        ("Nach der Behandlung 24 bis 72 Stunden keine direkte Sonne.", "de"),
    ],
)
def test_a_range_written_the_locale_s_way_is_the_same_numbers(text: str, locale: str) -> None:
    assert difference(HOURS, text, locale) is None


def test_a_changed_end_of_range_is_found() -> None:
    found = difference(HOURS, "Évitez le soleil direct de 24 à 48 heures après le soin.", "fr")
    assert found is not None
    assert (found.missing, found.added, found.examples_only) == (("72",), ("48",), False)


@pytest.mark.parametrize(
    "source, text, locale",
    [
        ("Up to 1,000 needles", "Bis zu 1.000 Nadeln", "de"),
        ("Up to 1,000 needles", "Jusqu’à 1 000 aiguilles", "fr"),
        ("Up to 1,000 needles", "Jusqu’à 1\u202f000 aiguilles", "fr"),
        ("A depth of 0.5 mm", "Eine Tiefe von 0,5 mm", "de"),
        ("Wait two weeks", "Attendez 2 semaines", "fr"),  # the msgid spells it: digits are fine
        ("Closed in May", "5月は休業", "ja"),  # a month named, numbered in Japanese
        ("6 p.m.", "18:00", "fi"),
        ("Use %(count)d needles, see https://example.org/2", "Utilisez %(count)d aiguilles", "fr"),
    ],
)
def test_the_same_values_written_otherwise_agree(source: str, text: str, locale: str) -> None:
    assert difference(source, text, locale) is None


def test_a_number_spelled_out_where_the_msgid_has_digits_is_reported() -> None:
    found = difference("Wait 2 weeks", "Attendez deux semaines", "fr")
    assert found is not None and found.missing == ("2",)


def test_a_localised_example_is_only_an_example() -> None:
    found = difference(
        "Enter a phone number including country code (e.g. +1 for the US).",
        "Geben Sie eine Telefonnummer mit Ländervorwahl ein (z. B. +49 für Deutschland).",
        "de",
    )
    assert found is not None and found.examples_only


def test_eg_without_its_dots_gives_an_example_too() -> None:
    # django-helpdesk's German date format hint.
    found = difference(
        "Use YYYY-MM-DD date format, eg 2018-01-30",
        "Benutzen Sie das Format YYYY-MM-DD, z.B. 2011-05-29",
        "de",
    )
    assert found is not None and found.examples_only
    changed = difference("Leg 3 of 4", "Etappe 2 von 4", "de")
    assert changed is not None and not changed.examples_only


def test_a_number_the_translation_spells_out_is_named_with_its_word(tmp_path: Path) -> None:
    # django-localflavor's German and the Arabic "last 30 days": the number is there,
    # in words that num2words spells for the catalogue's language; a number dropped
    # without a trace is still an error.
    de = (
        'msgid "Norwegian bank account numbers have 11 digits."\n'
        'msgstr "Norwegische Kontonummern sind elfstellig."\n\n'
        'msgid "Avoid the sun for 48 hours."\nmsgstr "Meiden Sie die Sonne stundenlang."\n'
    )
    items = findings(str(catalogue(tmp_path, "de", de)), "--select", "numbers")
    assert [(f["severity"], f["message"]) for f in items] == [
        ("warning", "numbers differ from the msgid: 11 missing; written as a word: 'elfstellig'"),
        ("error", "numbers differ from the msgid: 48 missing"),
    ]
    found = difference("Activity in the last 30 days", "النشاط في الأيام الثلاثين الماضية", "ar")
    assert found is not None and found.spelled == ("الثلاثين",)


def test_the_check_reports_a_changed_number_as_an_error(tmp_path: Path) -> None:
    entry = (
        f'msgid "{HOURS}"\nmsgstr "Évitez le soleil direct de 24 à 48 heures après le soin."\n\n'
        'msgid "Closed in May"\nmsgstr "Fermé en mai (5)"\n\n'
        'msgid "Use SPF 30 or higher."\nmsgstr "Utilisez un SPF 30 ou plus."\n'
    )
    items = findings(str(catalogue(tmp_path, "fr", entry)), "--select", "numbers")
    assert [(f["severity"], f["message"]) for f in items] == [
        ("error", "numbers differ from the msgid: 72 missing; 48 not in the msgid"),
    ]


@pytest.mark.parametrize(
    "source, text, locale",
    [
        ("The width is 3/4 of the height.", "Leveys on 3/1 korkeudesta.", "fi"),  # a fraction
        ("Resized to 16x16 pixels.", "Redimensionné en 16x61 pixels.", "fr"),
        ("EU Directive 2015/2366", "Directive UE 2015/6366", "fr"),
    ],
)
def test_numbers_joined_by_a_slash_or_an_x_are_numbers(source: str, text: str, locale: str) -> None:
    assert difference(source, text, locale) is not None


@pytest.mark.parametrize(
    "text, locale",
    [("am 31.05.2017", "de"), ("le 31 mai 2017", "fr"), ("em 2017/05/31", "pt_PT")],
)
def test_a_date_written_the_locale_s_way_keeps_its_numbers(text: str, locale: str) -> None:
    assert difference("on 2017-05-31", text, locale) is None


@pytest.mark.parametrize(
    "source, text, locale",
    [
        ("Up to 100.000 tickets", "Až 100 000 lístkov", "sk"),  # the msgid's own convention
        ("10000 x 10000 pixels", "10 000 x 10 000 píxeles", "es"),  # SI spaces, any language
        ("Resized to 16x16", "Размер 16х16", "mn"),  # a Cyrillic х as the times sign
        ("ISO 3166-1 alpha-2 code", "ISO3166-1-alpha-2-kód", "cs"),  # digits set in a word
    ],
)
def test_grouping_and_times_signs_of_any_convention(source: str, text: str, locale: str) -> None:
    assert difference(source, text, locale) is None


def test_a_msgid_of_numbers_alone_is_a_sample_and_its_change_a_warning(tmp_path: Path) -> None:
    # pretix's ticket preview: sample values a translation localises.
    entry = (
        "#: pretix/base/pdf.py\n"
        'msgid "2017-05-31 20:00"\nmsgstr "31.5.2016 20:00"\n\n'
        'msgid "Valid for 30 days"\nmsgstr "Platí 20 dní"\n'
    )
    items = findings(str(catalogue(tmp_path, "cs", entry)), "--select", "numbers")
    assert [(f["msgid"], f["severity"]) for f in items] == [
        ("2017-05-31 20:00", "warning"),
        ("Valid for 30 days", "error"),
    ]


@pytest.mark.parametrize(
    "source, text, locale",
    [
        ("Open 10:00 – 12:00", "Ouvert de 10 h à 12 h", "fr"),  # a full hour without minutes
        ("Article 194, 196 of the Directive", "指令第194,196条", "zh_Hans"),  # a list unspaced
        ("May 31st – June 4th, 2017", "31.5. – 4.6.2017", "fi"),  # the named month in digits
        ("No more than 100.000 dates", "10万以上の日付は作成できません", "ja"),  # 万 is 10^4
        ("Up to 30,000 people", "최대 3만 명", "ko"),
        ("Share with %%23Weblate", "Partager avec %%Weblate", "fr"),  # %23 encodes '#'
    ],
)
def test_numbers_written_the_locale_s_way_need_no_finding(
    source: str, text: str, locale: str
) -> None:
    assert difference(source, text, locale) is None


@pytest.mark.parametrize(
    "source, text, locale",
    [
        ("May 31st, 2017", "1. maj 2017", "da"),  # a day changed beside the named month
        ("No more than 100.000 dates", "1万以上の日付は作成できません", "ja"),
        ("3 or 4 digits", "3 или 5 цифры", "ru"),
    ],
)
def test_a_changed_number_in_another_notation_is_found(source: str, text: str, locale: str) -> None:
    assert difference(source, text, locale) is not None


def test_a_changed_hour_is_still_found() -> None:
    found = difference("from 14:00 to 16:00", "de 1 h à 16 h", "fr")
    assert found is not None and (found.missing, found.added) == (("14",), ("1",))


def test_a_small_number_missing_may_be_spelled_out_and_is_a_warning(tmp_path: Path) -> None:
    entry = (
        'msgid "Please enter a 3 or 4 digit number"\n'
        'msgstr "Ange ett tresiffrigt eller fyrsiffrigt nummer"\n\n'
        'msgid "Wait 48 hours"\nmsgstr "Vänta några timmar"\n\n'
        'msgid "Wait 3 days"\nmsgstr "Vänta 5 dagar"\n'
    )
    items = findings(str(catalogue(tmp_path, "sv", entry)), "--select", "numbers")
    assert [(f["msgid"], f["severity"]) for f in items] == [
        ("Please enter a 3 or 4 digit number", "warning"),
        ("Wait 48 hours", "error"),
        ("Wait 3 days", "error"),
    ]


def test_numbers_the_other_languages_localise_each_their_way_are_a_warning(tmp_path: Path) -> None:
    # A sample phone number: each language writes one of its own country. A size
    # all the others still give as before (the msgid changed) is outdated: an error.
    address, size = "Call us on 555 0100", "The logo is scaled to a height of 140px."
    rows = {
        "de": ("Rufen Sie uns unter 030 123456 an", "Das Logo wird auf 150px Höhe skaliert."),
        "fr": ("Appelez-nous au 01 23 45 67 89", "Le logo est réduit à une hauteur de 150px."),
        "es": ("Llámenos al 912 345 678", "El logotipo se reduce a una altura de 150px."),
        "it": ("Chiamaci allo 06 1234567", "Il logo viene ridotto a un'altezza di 150px."),
        "nl": ("Bel ons op 020 1234567", "Het logo wordt verkleind tot een hoogte van 150px."),
    }
    for language, (street, logo) in rows.items():
        body = f'msgid "{address}"\nmsgstr "{street}"\n\nmsgid "{size}"\nmsgstr "{logo}"\n'
        catalogue(tmp_path, language, body)
    items = [f for f in findings(str(tmp_path), "--select", "numbers") if f["expected"] == "de"]
    assert [(f["msgid"], f["severity"]) for f in items] == [
        (address, "warning"),
        (size, "error"),
    ]
    assert "4 of the other 4 languages change them too" in str(items[0]["message"])


def test_a_sample_record_whose_names_are_replaced_is_localised(tmp_path: Path) -> None:
    # pretix's sample address, written as a Dutch one: names and numbers its own. A
    # sentence whose names are kept, or that is not mostly names, stays an error.
    entry = (
        'msgid "John Doe, Sesame Street 42, 12345 Any City"\n'
        'msgstr "Piet Janssen, Sesamstraat 42, 1234 AB Amsterdam"\n\n'
        'msgid "Albert Einstein Road 52"\nmsgstr "Albert Einsteinweg 25"\n\n'
        'msgid "Reload the Page within 24 Hours"\nmsgstr "Herlaad de pagina binnen 12 uur"\n'
    )
    items = findings(str(catalogue(tmp_path, "nl", entry)), "--select", "numbers")
    assert [(f["msgid"], f["severity"]) for f in items] == [
        ("John Doe, Sesame Street 42, 12345 Any City", "warning"),
        ("Albert Einstein Road 52", "error"),
        ("Reload the Page within 24 Hours", "error"),
    ]
    assert "sample data, localised" in str(items[0]["message"])


def test_a_number_the_other_languages_keep_stays_an_error(tmp_path: Path) -> None:
    rows = {"de": "Letzte 6 Monate", "fr": "12 derniers mois", "es": "Últimos 12 meses"}
    rows |= {"it": "Ultimi 12 mesi", "nl": "Laatste 12 maanden"}
    for language, text in rows.items():
        catalogue(tmp_path, language, f'msgid "Last 12 months"\nmsgstr "{text}"\n')
    items = findings(str(tmp_path), "--select", "numbers")
    assert [(f["expected"], f["severity"]) for f in items] == [("de", "error")]


def test_a_spelling_converter_that_fails_is_a_word_not_known() -> None:
    # num2words raises IndexError for the Polish ordinal of 0 (apache-superset's
    # Polish catalogue has such an entry): the number is still missing, the run goes on.
    found = difference("Retry 0 times", "Nie ponawiaj", "pl")
    assert found is not None and found.missing == ("0",)
