"""A catalogue read as a whole: unknown languages, another script, another language,
header against path, fuzzy entries, plural syntax, and paths with nothing to check."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.checks import whole
from pipeline.cli import cli

DATA = Path(__file__).parent / "data" / "whole"


def run(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    if result.exit_code == 2:
        return 2, [{"message": result.output}]
    return result.exit_code, json.loads(result.output)["findings"]


def catalogue(root: Path, folder: str, body: str, language: str | None = None, plural="") -> Path:
    target = root / folder / "LC_MESSAGES" / "app.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    header = 'msgid ""\nmsgstr ""\n'
    header += f'"Language: {language or folder}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    if plural:
        header += f'"Plural-Forms: {plural}\\n"\n'
    target.write_text(header + body, encoding="utf-8")
    return target


def entries(pairs: list[tuple[str, str]], flags: str = "") -> str:
    return "".join(f'\n{flags}msgid "{a}"\nmsgstr "{b}"\n' for a, b in pairs)


SPANISH = [
    ("Save the file before you close the program", "Guarde el archivo antes de cerrar el programa"),
    ("The connection to the server was lost", "Se ha perdido la conexión con el servidor"),
    ("Your changes have been saved", "Sus cambios se han guardado correctamente"),
    (
        "Choose the folder where the files are kept",
        "Elija la carpeta donde se guardan los archivos",
    ),
    ("The password you entered is not correct", "La contraseña que ha introducido no es correcta"),
    ("Do you want to delete this message?", "¿Desea eliminar este mensaje?"),
    ("There are no new notifications", "No hay notificaciones nuevas"),
    ("Search the whole library", "Buscar en toda la biblioteca"),
    ("The document could not be printed", "No se pudo imprimir el documento"),
    ("Please wait while the update is installed", "Espere mientras se instala la actualización"),
    ("Add a new contact to the list", "Añadir un contacto nuevo a la lista"),
    ("The meeting starts in ten minutes", "La reunión empieza dentro de diez minutos"),
    ("Show hidden files and folders", "Mostrar los archivos y las carpetas ocultos"),
    ("Your account has been created", "Su cuenta ha sido creada"),
    ("The picture is too large to send", "La imagen es demasiado grande para enviarla"),
    ("Write a comment", "Escriba un comentario"),
    ("Open the settings of the application", "Abra la configuración de la aplicación"),
    ("Remember me on this computer", "Recordarme en este ordenador"),
    ("The file was moved to the bin", "El archivo se ha movido a la papelera"),
    ("Check your internet connection", "Compruebe su conexión a internet"),
    ("Sort the results by date", "Ordenar los resultados por fecha"),
    ("This field is required", "Este campo es obligatorio"),
]


def test_latin_kazakh_is_one_warning_and_its_cyrillic_entry_an_error() -> None:
    status, found = run(str(DATA / "kk"))
    assert status == 1
    assert [(f["code"], f["severity"]) for f in found] == [
        ("catalogue-language", "warning"),
        ("wrong-script", "error"),
    ]
    header, odd = found
    assert header["line"] == 2  # the header's msgid ""
    assert (
        "written in Latin; CLDR's default for kk is Cyrillic; set Language: kk_Latn"
        in (header["message"])
    )
    assert odd["fragment"] == "жаңарту" and odd["expected"] == "kk_Latn"


def test_a_language_cldr_cannot_place_is_a_warning_and_the_run_goes_on(tmp_path: Path) -> None:
    catalogue(tmp_path, "tlh", entries([("%s files", "De'wI' %d"), ("Save", "")]))
    catalogue(tmp_path, "fr", entries([("Save the file now", "Save the file now")]))
    status, found = run(str(tmp_path))
    assert status == 1  # not 2: nothing aborts
    codes = [(Path(f["path"]).parts[-3], f["code"], f["severity"]) for f in found]
    assert codes == [
        ("fr", "unchanged", "error"),
        ("tlh", "catalogue-language", "warning"),
        ("tlh", "placeholders", "error"),  # every check that needs no language still runs
        ("tlh", "untranslated", "warning"),
    ]
    tlh = next(f for f in found if f["code"] == "catalogue-language")
    assert "no script known for 'tlh': language checks skipped" in tlh["message"]
    assert "tlh_Latn" in tlh["message"]


def test_a_header_that_contradicts_the_path_is_an_error(tmp_path: Path) -> None:
    catalogue(tmp_path, "fr", entries([("Save", "Enregistrer")]), language="es")
    status, found = run(str(tmp_path))
    assert status == 1
    [finding] = [f for f in found if f["code"] == "catalogue-language"]
    assert finding["severity"] == "error"
    assert "says 'es' (Spanish), but the catalogue's path says 'fr' (French)" in finding["message"]


def test_a_wrong_header_over_entries_in_the_path_s_language_is_one_error(tmp_path: Path) -> None:
    # django-mptt's tr/ catalogue says "Language: de"; its entries are Turkish: one
    # error for the header, and the entries are checked as Turkish.
    catalogue(tmp_path, "es", entries(SPANISH), language="de")
    status, found = run(str(tmp_path))
    assert status == 1
    assert [(f["code"], f["message"]) for f in found] == [
        (
            "catalogue-language",
            "the Language header says 'de' (German), but the catalogue's path says 'es' "
            "(Spanish); the entries are Spanish",
        )
    ]


def test_a_header_that_names_a_variant_of_the_path_agrees(tmp_path: Path) -> None:
    catalogue(tmp_path, "pt_BR", entries([("Save", "Salvar")]), language="pt")
    catalogue(tmp_path, "sr", entries([("Save", "Sačuvaj")]), language="sr@latin")
    assert run(str(tmp_path)) == (0, [])


def test_a_catalogue_in_another_language_is_one_error_not_one_per_entry(tmp_path: Path) -> None:
    catalogue(tmp_path, "pt", entries(SPANISH))
    status, found = run(str(tmp_path))
    assert status == 1
    [finding] = found
    assert finding["code"] == "catalogue-language" and finding["severity"] == "error"
    assert "the catalogue is in Spanish, not Portuguese" in finding["message"]
    catalogue(tmp_path, "es", entries(SPANISH))
    assert run(str(tmp_path / "es")) == (0, [])  # the same text where it belongs


def test_fuzzy_entries_get_the_fuzzy_warning_and_no_content_error(tmp_path: Path) -> None:
    body = entries([("%(count)d files", "%(total)d fichiers")], flags="#, fuzzy\n")
    path = catalogue(tmp_path, "fr", body)
    status, found = run(str(path))
    assert status == 0
    assert [f["code"] for f in found] == ["fuzzy"]
    status, found = run("--check-fuzzy", str(path))
    assert status == 0  # asked for, the content findings come as warnings
    assert [(f["code"], f["severity"]) for f in found] == [
        ("fuzzy", "warning"),
        ("placeholders", "warning"),
    ]


def test_plural_forms_that_gettext_cannot_use_are_syntax_errors(tmp_path: Path) -> None:
    body = '\nmsgid "one file"\nmsgid_plural "%d files"\n'
    body += 'msgstr[0] "%d fichier"\nmsgstr[1] "%d fichiers"\n'
    three = body + 'msgstr[2] "%d fichiers"\n'
    four = "nplurals=4; plural=(n==1 ? 0 : n==2 ? 1 : n<5 ? 2 : 3);"
    path = catalogue(tmp_path, "ru", three, plural=four)
    status, found = run("--select", "syntax", str(path))
    assert status == 1
    assert [(f["line"], f["message"]) for f in found] == [
        (
            7,
            "3 plural forms, but Plural-Forms says nplurals=4: "
            "n = 5, 6, 7, 8, ... find no form at run time",
        )
    ]
    # msgfmt leaves untranslated and fuzzy entries out, and so does the check.
    empty = '\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    fuzzy = "\n#, fuzzy" + body.replace("one file", "one dir")
    path = catalogue(tmp_path, "ru", empty + fuzzy, plural=four)
    assert run("--select", "syntax", str(path)) == (0, [])
    # Two entries with the same count are one finding: one stale header.
    path = catalogue(
        tmp_path,
        "fr",
        three + three.replace("one file", "one dir"),
        plural="nplurals=2; plural=(n > 1);",
    )
    # More forms than nplurals: msgfmt -c refuses it, but no reader meets the extra one.
    status, [finding] = run("--select", "syntax", str(path))
    assert (status, finding["severity"]) == (0, "warning")
    assert finding["message"] == (
        "3 plural forms, but Plural-Forms says nplurals=2: msgfmt -c refuses the catalogue; "
        "the extra forms are never used (2 entries; the others from line 13)"
    )
    path = catalogue(tmp_path, "fr", body, plural="nplurals=2; plural=(n > 1 ?);")
    status, found = run("--select", "syntax", str(path))
    assert status == 1
    [finding] = found
    assert finding["line"] == 1 and "does not parse" in finding["message"]
    path = catalogue(tmp_path, "de", body, plural="nplurals=2; plural=(n != 1) + 1;")
    [finding] = run("--select", "syntax", str(path))[1]
    assert "gives form 2 but nplurals is 2" in finding["message"]


def test_a_path_with_nothing_to_check_is_bad_usage(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.po").mkdir()
    for name in ("empty", "x.po"):
        status, [message] = run(str(tmp_path / name))
        assert status == 2
        assert "a directory with no .po, .pot, .md or .txt file in it" in message["message"]


def test_a_gaelic_catalogue_is_its_own_model_and_its_english_entry_is_found(
    monkeypatch,
) -> None:
    status, found = run(str(DATA / "gd"))
    assert status == 1
    assert [(f["line"], f["code"], f["detected"]) for f in found] == [(107, "wrong-language", "en")]
    # Without the catalogue's own profile, langdetect's stand-ins call Gaelic English.
    from pipeline.checks import whole

    monkeypatch.setattr(whole.CatalogueProfile, "vouches_for", lambda *args: False)
    _, without = run(str(DATA / "gd"))
    assert len(without) > 1


def test_a_header_that_is_no_code_falls_back_to_the_path(tmp_path: Path) -> None:
    catalogue(tmp_path, "et", entries([("Save the file", "Salvesta fail")]), language="Estonian")
    status, found = run(str(tmp_path))
    assert status == 0
    [finding] = found
    assert finding["severity"] == "warning" and finding["expected"] == "et"
    assert (
        "'Estonian' is not a language code CLDR knows; checked as 'et' (Estonian)"
        in (finding["message"])
    )


def test_a_catalogue_with_no_entries_is_still_placed(tmp_path: Path) -> None:
    path = catalogue(tmp_path, "tlh", "")
    status, [finding] = run(str(path))
    assert status == 0 and finding["path"] == path.as_posix() and finding["line"] == 1


def test_a_catalogue_that_names_no_language_is_a_warning_not_the_end_of_the_run(
    tmp_path: Path,
) -> None:
    # Mailman ships mailman/testing/mailman-yy.po: no Language header, no LC_MESSAGES.
    nameless = tmp_path / "testing" / "mailman-yy.po"
    nameless.parent.mkdir()
    body = '\n#, python-format\nmsgid "%s members"\nmsgstr "members"\n'
    nameless.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + body,
        encoding="utf-8",
    )
    spanish = catalogue(tmp_path, "es", entries([("Hello, world", "Hello, world")]))
    status, found = run(str(nameless), str(spanish))
    assert status == 1
    by_file = {(Path(f["path"]).name, f["code"], f["severity"]) for f in found}
    assert ("mailman-yy.po", "catalogue-language", "warning") in by_file
    # The checks that need no language still run on it; the other file is checked as usual.
    assert ("mailman-yy.po", "placeholders", "error") in by_file
    assert ("app.po", "unchanged", "error") in by_file or (
        "app.po",
        "unchanged",
        "warning",
    ) in by_file


def test_gettext_po_lang_layout_names_the_language(tmp_path: Path) -> None:
    # GNU projects keep po/<lang>.po, with the language in the file name only.
    french = tmp_path / "po" / "fr.po"
    french.parent.mkdir()
    body = "".join(f'\nmsgid "{a}"\nmsgstr "{b}"\n' for a, b in SPANISH)
    french.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + body,
        encoding="utf-8",
    )
    status, found = run(str(french))
    assert status == 1
    assert [(f["code"], f["severity"], f["message"]) for f in found] == [
        (
            "catalogue-language",
            "error",
            "the catalogue is in Spanish, not French: its entries are not checked for language",
        )
    ]


def test_a_path_that_says_more_of_the_header_s_language_names_the_catalogue(
    tmp_path: Path,
) -> None:
    # Flask-AppBuilder's zh_HK catalogue says only "Language: zh": gettext gives it to
    # Hong Kong's readers, so its Traditional Chinese is right.
    body = entries([("User statistics", "用戶統計"), ("Reset password", "重設密碼")])
    code, items = run(str(catalogue(tmp_path, "zh_HK", body, language="zh")))
    assert code == 0 and [f for f in items if f["severity"] == "error"] == []
    assert whole.catalogue_locale("zh", "zh_HK") == "zh_HK"
    assert whole.catalogue_locale("de", "nl") == "de"  # a contradiction, reported as one
    assert whole.catalogue_locale("zh_CN", "zh_HK") == "zh_CN"


def test_a_msgid_most_languages_keep_as_it_is_is_a_name(tmp_path: Path) -> None:
    # django-localflavor's Romanian company types stay as they are in every language;
    # an English sentence one catalogue copies while the others translate it does not.
    name, sentence = "Societate cu raspundere limitata", "Enter a valid postal code please"
    own = {
        "de": "Bitte eine gültige Postleitzahl eingeben",
        "fr": "Saisissez un code postal valide",
    }
    own |= {"it": "Inserisci un codice postale valido", "es": "Introduzca un código postal válido"}
    for language in ("de", "fr", "it", "es", "nl"):
        text = own.get(language, sentence)
        catalogue(tmp_path, language, entries([(name, name), (sentence, text)]))
    code, items = run(str(tmp_path), "--select", "unchanged")
    nl = sorted((f["msgid"], f["severity"]) for f in items if f["expected"] == "nl")
    assert nl == [(sentence, "error"), (name, "warning")]
    assert {f["severity"] for f in items if f["msgid"] == name} == {"warning"}


def test_crowdin_in_context_placeholders_are_one_warning_not_content_errors(
    tmp_path: Path,
) -> None:
    # Crowdin's in-context pseudo-language, as kiwitcms ships it under eo: each msgstr
    # stands for a string id, with the msgid's placeholders kept between the markers.
    body = entries(
        [
            ("Tenant expires in less than 7 days", "crwdns1182:0crwdne1182:0"),
            (
                'See <a href=\\"%(doc_url)s\\">documentation</a>',
                "crwdns1212:0%(doc_url)scrwdne1212:0",
            ),
            ("Save the file before you close the program", "Konservu la dosieron"),
            ("Type 0 or 1", "Tajpu 0 aŭ 2"),
        ]
    )
    catalogue(tmp_path, "eo", body)
    code, found = run(str(tmp_path))
    assert code == 1  # the one real translation still gets every check
    header = [f for f in found if f["code"] == "catalogue-language"]
    assert [f["severity"] for f in header] == ["warning"]
    assert header[0]["message"].startswith("2 entries are Crowdin in-context placeholders")
    assert {(f["line"], f["code"]) for f in found if f["severity"] == "error"} == {(15, "numbers")}


def test_a_check_that_fails_on_one_file_is_an_error_there_and_the_run_goes_on(
    tmp_path: Path, monkeypatch
) -> None:
    from pipeline.checks import numbers as numbers_check

    real = numbers_check.numbers.difference

    def broken(source: str, text: str, *args, **kwargs):
        if "rota" in text:
            raise IndexError("list index out of range")
        return real(source, text, *args, **kwargs)

    monkeypatch.setattr(numbers_check.numbers, "difference", broken)
    catalogue(tmp_path, "it", entries([("Wait 2 days", "Attendi 3 giorni")]))
    catalogue(tmp_path, "pt", entries([("Wait 2 days", "Espere 2 dias, rota")]))
    code, found = run(str(tmp_path))
    assert code == 1
    assert {(f["path"].split("/")[-3], f["code"]) for f in found if f["severity"] == "error"} == {
        ("it", "numbers"),
        ("pt", "internal"),
    }
    failure = next(f for f in found if f["code"] == "internal")
    assert failure["message"].startswith("the check failed on this file: IndexError")
