"""Placeholders counted as gettext counts them: glued to words, and plural forms for one n."""

from __future__ import annotations

from pathlib import Path

from tests.test_whole import catalogue, run

HEBREW = "nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);"
HUNGARIAN = "nplurals=2; plural=(n != 1);"
FRENCH = "nplurals=2; plural=(n > 1);"


def plural(one: str, many: str, *forms: str) -> str:
    body = f'\nmsgid "{one}"\nmsgid_plural "{many}"\n'
    return body + "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms))


def codes(path: Path) -> list[tuple[int, str]]:
    return [(f["line"], f["code"]) for f in run("--select", "placeholders", str(path))[1]]


def test_placeholders_glued_to_letters_of_any_script_are_seen(tmp_path: Path) -> None:
    ja = catalogue(tmp_path, "ja", '\nmsgid "Select %s to continue"\nmsgstr "%sを選択して続行"\n')
    eo = catalogue(tmp_path, "eo", '\nmsgid "Show %s"\nmsgstr "Montri %sn"\n')
    assert codes(ja) == [] and codes(eo) == []
    lost = catalogue(tmp_path, "de", '\nmsgid "Select %s to continue"\nmsgstr "Weiter"\n')
    assert codes(lost) == [(6, "placeholders")]


def test_template_variables_are_compared_without_their_inner_spaces(tmp_path: Path) -> None:
    # django-helpdesk's help text: {{resolution}} is {{ resolution }}; a translated
    # variable name ({{bilet}} for {{ ticket }}) is not.
    msgid = "Context: {{ ticket }} or {{ comment }}."
    spaced = "Contexto: {{ticket}} o {{comment}}."
    named = "Bağlam: {{bilet}} veya {{comment}}."
    es = catalogue(tmp_path, "es", f'\nmsgid "{msgid}"\nmsgstr "{spaced}"\n')
    assert codes(es) == []
    tr = catalogue(tmp_path, "tr", f'\nmsgid "{msgid}"\nmsgstr "{named}"\n')
    assert codes(tr) == [(6, "placeholders")]


def test_a_form_for_exactly_one_number_may_leave_the_count_out(tmp_path: Path) -> None:
    he = catalogue(
        tmp_path,
        "he",
        plural("%d minute", "%d minutes", "דקה אחת", "שתי דקות", "%d דקות"),
        plural=HEBREW,
    )
    hu = catalogue(
        tmp_path,
        "hu",
        plural("in %d minute", "in %d minutes", "egy perc múlva", "%d perc múlva"),
        plural=HUNGARIAN,
    )
    assert codes(he) == [] and codes(hu) == []
    # French form 0 serves 0 and 1: the number must stay.
    fr = catalogue(
        tmp_path, "fr", plural("%d minute", "%d minutes", "une minute", "%d minutes"), plural=FRENCH
    )
    assert codes(fr) == [(7, "placeholders")]
    # Leaving a number out is allowed; putting a wrong one in is not.
    wrong = catalogue(
        tmp_path,
        "hu",
        plural("in %d minute", "in %d minutes", "%s perc", "%d perc"),
        plural=HUNGARIAN,
    )
    assert codes(wrong) == [(7, "placeholders")]


def test_printf_layout_may_change_as_msgfmt_allows(tmp_path: Path) -> None:
    # Sphinx's Catalan date format, and widths: msgfmt -c compares argument and type.
    body = (
        '\n#, python-format\nmsgid "%b %d, %Y"\nmsgstr "%-d %b, %Y"\n'
        '\n#, c-format\nmsgid "%5.2f MB of %s"\nmsgstr "%.1f Mo sur %-20s"\n'
        '\n#, c-format\nmsgid "%*d items"\nmsgstr "%d éléments"\n'
        '\n#, python-format\nmsgid "%(count)d files"\nmsgstr "%(count)s fichiers"\n'
    )
    found = codes(catalogue(tmp_path, "fr", body))
    # a '*' width takes an argument of its own; %s for %d is another type
    assert found == [(15, "placeholders"), (19, "placeholders")]


def test_python_directives_of_one_type_are_one_directive_as_msgfmt_has_it(
    tmp_path: Path,
) -> None:
    # "%o" and "%d" both take an integer, "%r" and "%s" any object: msgfmt -c accepts
    # either for the other. "%s" is no integer. With a space flag the letter is the next
    # word's (django-oscar's Indonesian "%(count) item", Django's Irish
    # "%(verbose_name_plural) roghnaithe"): those stay what they read as.
    body = (
        '\n#, python-format\nmsgid "File mode %o"\nmsgstr "Dateimodus %d"\n'
        '\n#, python-format\nmsgid "%(name)r is unknown"\nmsgstr "%(name)s est inconnu"\n'
        '\n#, python-format\nmsgid "page %d"\nmsgstr "page %s"\n'
        '\n#, python-format\nmsgid "%(count)d distinct items"\n'
        'msgstr "%(count) item yang berbeda"\n'
        '\n#, python-format\nmsgid "Delete selected %(names)s"\n'
        'msgstr "Scrios %(names) roghnaithe"\n'
    )
    assert codes(catalogue(tmp_path, "fr", body)) == [
        (15, "placeholders"),
        (19, "placeholders"),
        (23, "placeholders"),
    ]


def test_automatic_brace_fields_are_numbered_as_str_format_numbers_them(tmp_path: Path) -> None:
    # Weblate's "Unsupported status: {}" translated with "{0}": the same field.
    body = (
        '\nmsgid "Unsupported status: {}"\nmsgstr "Estado no admitido: {0}"\n'
        '\nmsgid "{} of {}"\nmsgstr "{1} de {0}"\n'
        '\nmsgid "Page {} of {}"\nmsgstr "Página {0}"\n'
    )
    assert codes(catalogue(tmp_path, "es", body)) == [(12, "placeholders")]
