"""wrong-language across catalogues: a translation that is another language's translation."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.language import COPY_HINT_LLR, COPY_LLR, copy_preference, wrong_language
from tests.test_checks import catalogue

#: Spanish text of three words: enough for a copy to be claimed, too little for
#: language identification alone to call it Spanish in the French catalogue.
PASTED = ("Full alphabetical index", "Índice alfabético completo")


def entries(*pairs: tuple[str, str], flags: str = "") -> str:
    flag_line = f"#, {flags}\n" if flags else ""
    return "".join(f'{flag_line}msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in pairs)


def run(*args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.output)


def language_findings(report: dict[str, object]) -> list[tuple[str, int, str, str, str | None]]:
    return [
        (f["path"].split("/")[-3], f["line"], f["code"], f["severity"], f["detected"])
        for f in report["findings"]  # type: ignore[union-attr]
        if f["code"] == "wrong-language"
    ]


def test_spanish_pasted_into_the_french_catalogue_is_named_with_its_origin(
    tmp_path: Path,
) -> None:
    pasted = PASTED
    assert wrong_language(pasted[1], "fr") is None  # alone, too short to decide
    catalogue(tmp_path, "es", entries(pasted, ("Search", "Buscar")))
    catalogue(tmp_path, "fr", entries(pasted, ("Search", "Rechercher")))
    code, report = run(str(tmp_path))
    assert code == 1
    assert language_findings(report) == [("fr", 5, "wrong-language", "error", "es")]
    found = report["findings"][0]  # type: ignore[index]
    assert found["message"] == (
        "text is the Spanish translation of this message "
        f"({tmp_path.as_posix()}/es/LC_MESSAGES/x.po:5), not French"
    )
    assert found["fragment"] == pasted[1] and found["msgid"] == pasted[0]


def test_one_or_two_shared_words_are_cognates_not_copies(tmp_path: Path) -> None:
    # Real catalogues share short words across languages all the time: Dutch and
    # German "Baskisch", Slovak and Slovenian "osem", Spanish and Italian "Italiano".
    catalogue(tmp_path, "es", entries(("Parameters", "Parámetros"), ("Italian", "Italiano")))
    catalogue(tmp_path, "fr", entries(("Parameters", "Parámetros")))
    catalogue(tmp_path, "it", entries(("Italian", "Italiano")))
    catalogue(tmp_path, "nl", entries(("Basque", "Baskisch")))
    catalogue(tmp_path, "de", entries(("Basque", "Baskisch")))
    code, report = run(str(tmp_path))
    assert code == 0 and language_findings(report) == []


def test_the_same_word_alone_is_too_short_to_decide(tmp_path: Path) -> None:
    # Without the Spanish catalogue there is nothing to compare with, and one word
    # is too little text for language identification to claim Spanish.
    path = catalogue(tmp_path, "fr", entries(("Parameters", "Parámetros")))
    code, report = run(str(path))
    assert code == 0 and language_findings(report) == []


def test_slight_evidence_is_a_warning(tmp_path: Path) -> None:
    text = "Sistema de control central"
    assert COPY_HINT_LLR <= copy_preference(text, "it", "es") < COPY_LLR  # type: ignore[operator]
    catalogue(tmp_path, "es", entries(("Main switchboard", text)))
    catalogue(tmp_path, "it", entries(("Main switchboard", text)))
    code, report = run(str(tmp_path))
    assert code == 0
    assert language_findings(report) == [("it", 5, "wrong-language", "warning", "es")]


def test_no_profile_stands_in_for_an_unmodelled_language(tmp_path: Path) -> None:
    # Galician has no profile. The best of forty others would always explain a short
    # text better than French's one profile does: that is no evidence of Galician.
    pasted = ("Next topic of the document", "Seguinte tema do documento")
    catalogue(tmp_path, "gl", entries(pasted))
    catalogue(tmp_path, "fr", entries(pasted))
    assert copy_preference(pasted[1], "fr", "gl") is None
    _, report = run(str(tmp_path))
    assert not any("Galician" in f["message"] for f in report["findings"])  # type: ignore[index,union-attr]


def test_relatives_and_words_many_languages_share_are_not_copies(tmp_path: Path) -> None:
    # Norwegian and Danish are not told apart; "Autor" is the word in four languages.
    catalogue(tmp_path, "nb", entries(("Search", "Søk etter"), ("Author", "Forfatter")))
    catalogue(tmp_path, "da", entries(("Search", "Søk etter"), ("Author", "Autor")))
    for language in ("pl", "cs", "es"):
        catalogue(tmp_path, language, entries(("Author", "Autor")))
    code, report = run(str(tmp_path))
    assert code == 0 and language_findings(report) == []


def test_fuzzy_flagged_and_deselected_entries_are_left_alone(tmp_path: Path) -> None:
    catalogue(tmp_path, "es", entries(PASTED))
    fr = catalogue(tmp_path, "fr", entries(PASTED, flags="fuzzy"))
    _, report = run(str(tmp_path))
    assert language_findings(report) == []
    fr.write_text(fr.read_text().replace("fuzzy", "ignore-wrong-language"), encoding="utf-8")
    _, report = run(str(tmp_path))
    assert language_findings(report) == []
    fr.write_text(fr.read_text().replace("#, ignore-wrong-language\n", ""), encoding="utf-8")
    _, report = run("--ignore", "wrong-language", str(tmp_path))
    assert language_findings(report) == []
    _, report = run(str(tmp_path))
    assert language_findings(report) == [("fr", 5, "wrong-language", "error", "es")]


def test_a_copy_finding_takes_its_place_among_the_file_s_findings(tmp_path: Path) -> None:
    catalogue(tmp_path, "es", entries(PASTED))
    catalogue(
        tmp_path,
        "fr",
        entries(("Contents", ""), PASTED, ("Index", "")),
    )
    for fmt in ("json", "text", "github"):
        result = CliRunner().invoke(cli, ["check", "--format", fmt, str(tmp_path)])
        lines = [line for line in result.output.splitlines() if "fr/LC_MESSAGES" in line]
        codes = [c for line in lines for c in ("untranslated", "wrong-language") if c in line]
        assert codes == ["untranslated", "wrong-language", "untranslated"], fmt
    _, report = run(str(tmp_path))
    assert report["summary"]["by_code"] == {"untranslated": 2, "wrong-language": 1}  # type: ignore[index]
    assert report["summary"]["errors"] == 1  # type: ignore[index]


def test_copies_are_found_the_same_on_one_process_and_on_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.checks import runner

    monkeypatch.setattr(runner, "_PARALLEL_THRESHOLD", 0)  # workers even for small files
    spanish = [(f"Message number {n}", f"Mensaje número {n}") for n in range(200)]
    french = [(f"Message number {n}", f"Message numéro {n}") for n in range(200)]
    catalogue(tmp_path, "es", entries(PASTED, *spanish))
    catalogue(tmp_path, "fr", entries(*french, PASTED))
    catalogue(tmp_path, "de", entries(("Parameters", "Parameter")))
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            cli, ["check", "--jobs", jobs, "--format", "json", str(tmp_path)]
        )
        outputs.append(result.output)
        assert language_findings(json.loads(result.output)) == [
            ("fr", 605, "wrong-language", "error", "es")
        ]
    assert outputs[0] == outputs[1]


def test_words_the_catalogue_uses_elsewhere_are_the_translator_s_own(tmp_path: Path) -> None:
    # Every word of a text the catalogue uses in its other messages too is its own
    # vocabulary, not a paste ("[graf]" and "[graf: %s]"). A pasted text whose words
    # the French catalogue never uses elsewhere is still reported.
    from pipeline.checks.copies import _in_own_words

    vocabulary = Counter({"graf": 2, "uzlů": 3, "sítě": 2, "parámetros": 1})
    assert _in_own_words("[graf uzlů sítě]", "[graph of nodes]", vocabulary)
    assert not _in_own_words("[graf uzlů parámetros]", "[graph of nodes]", vocabulary)
    catalogue(tmp_path, "es", entries(PASTED))
    catalogue(
        tmp_path,
        "fr",
        entries(PASTED, ("Output parameters", "Paramètres de sortie")),
    )
    _, report = run(str(tmp_path))
    assert language_findings(report) == [("fr", 5, "wrong-language", "error", "es")]


def test_relatives_count_as_one_language_among_those_sharing_a_text(tmp_path: Path) -> None:
    # Portugal's and Brazil's Portuguese and Galician share the text;
    # that is two languages (Portuguese, and Spanish with Galician), not four, so the
    # copy in the Swedish catalogue is still found.
    text = "Documentação completa do projeto"
    for language in ("pt_PT", "pt_BR", "gl"):
        catalogue(tmp_path, language, entries(("Documentation", text)))
    catalogue(tmp_path, "sv", entries(("Documentation", text)))
    _, report = run(str(tmp_path))
    found = language_findings(report)
    assert [(where, severity) for where, _, _, severity, _ in found] == [("sv", "error")]
