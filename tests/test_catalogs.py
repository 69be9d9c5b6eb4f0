"""Catalogues: template, init headers, locale codes, compile, stats and safe writes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import polib
import pytest

from pipeline import catalogue
from pipeline.document.segments import segment
from pipeline.errors import UserError
from tests.conftest import GUIDE, ROOT


def guide_template(previous: polib.POFile | None = None) -> polib.POFile:
    text = GUIDE.read_text(encoding="utf-8")
    return catalogue.build_template([("source/safety-guide.md", segment(text))], "guide", previous)


def test_template_has_references_comments_and_merges_duplicates() -> None:
    pot = guide_template()
    title = pot.find("Dr Pen Microneedling Safety Guide")
    assert title.occurrences == [("source/safety-guide.md", "2"), ("source/safety-guide.md", "6")]
    assert title.comment == "front matter title\nheading"
    assert all(e.occurrences and e.comment for e in pot)
    assert len({e.msgid for e in pot}) == len(pot)


def test_creation_date_only_changes_with_the_messages() -> None:
    first = guide_template()
    first.metadata["POT-Creation-Date"] = "2020-01-01 00:00+0000"
    assert guide_template(first).metadata["POT-Creation-Date"] == "2020-01-01 00:00+0000"
    first[3].msgid = "something else"
    assert guide_template(first).metadata["POT-Creation-Date"] != "2020-01-01 00:00+0000"


@pytest.mark.parametrize("code", ["ar", "de", "zh_Hans", "pt_BR", "sr_Latn"])
def test_known_locales_are_accepted(code: str) -> None:
    assert catalogue.validate_locale(code) == code


@pytest.mark.parametrize("code", ["xx", "xx_YY", "../etc", "", "fr/../../x", "CON", "FR", "de-DE"])
def test_unknown_or_malformed_locales_are_refused(code: str) -> None:
    with pytest.raises(UserError):
        catalogue.validate_locale(code)


def test_new_catalogue_header_comes_from_cldr() -> None:
    po = catalogue.new_catalogue(guide_template(), "ar")
    assert po.metadata["Language"] == "ar"
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalogue.plural_forms("zh_Hans") == "nplurals=1; plural=0;"
    assert all(e.msgstr == "" for e in po)


def test_written_catalogue_is_what_msgcat_writes(tmp_path: Path) -> None:
    target = tmp_path / "ar.po"
    catalogue.save_catalogue(catalogue.new_catalogue(guide_template(), "ar"), target)
    before = target.read_bytes()
    subprocess.run(["msgcat", "-o", str(target), str(target)], check=True)
    assert target.read_bytes() == before


def test_project_files_are_what_msgcat_writes() -> None:
    for path in sorted((ROOT / "locales").rglob("*.po*")):
        result = subprocess.run(["msgcat", str(path)], check=True, capture_output=True)
        assert result.stdout == path.read_bytes(), path


def test_write_if_changed_keeps_mtime_and_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    assert catalogue.write_if_changed(target, "one\n")
    os.chmod(target, 0o600)
    os.utime(target, (1_000_000, 1_000_000))
    assert not catalogue.write_if_changed(target, "one\n")
    assert target.stat().st_mtime == 1_000_000
    assert catalogue.write_if_changed(target, "two\n")
    assert target.read_text() == "two\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


BROKEN = """\
msgid ""
msgstr ""
"Language: ru\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
"n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

#, python-format
msgid "%(count)d cartridges left"
msgstr "осталось картриджей: %(cnt)d"

msgid "one day"
msgid_plural "%d days"
msgstr[0] "%d день"
msgstr[1] "%d дня"

#, fuzzy, python-format
msgid "%s hours"
msgstr "часов"
"""


def test_compile_problems_name_msgid_lines(tmp_path: Path) -> None:
    (tmp_path / "ru.po").write_text(BROKEN, encoding="utf-8")
    problems = catalogue.compile_problems(catalogue.read_catalogue(tmp_path / "ru.po"))
    assert [(p.line, "format" in p.message or "plural" in p.message) for p in problems] == [
        (8, True),
        (11, True),
    ]


def test_compile_refuses_broken_and_skips_fuzzy(tmp_path: Path) -> None:
    broken = tmp_path / "ru.po"
    broken.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(catalogue.CompileError, match=r"ru\.po:8: format directives"):
        catalogue.compile_catalogue(broken)
    assert not broken.with_suffix(".mo").exists()
    good = tmp_path / "de.po"
    good.write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "a"\nmsgstr "b"\n\n'
        '#, fuzzy\nmsgid "c"\nmsgstr "d"\n',
        encoding="utf-8",
    )
    target, count = catalogue.compile_catalogue(good)
    assert count == 1
    mo = polib.mofile(str(target))
    assert {e.msgid: e.msgstr for e in mo if e.msgid} == {"a": "b"}


def test_stats_count_messages_and_words() -> None:
    po = polib.pofile(
        'msgid ""\nmsgstr ""\n\nmsgid "one two"\nmsgstr "eins zwei"\n\n'
        '#, fuzzy\nmsgid "three"\nmsgstr "drei"\n\nmsgid "four five six"\nmsgstr ""\n\n'
        '#~ msgid "gone"\n#~ msgstr "weg"\n'
    )
    stats = catalogue.catalogue_stats("de", po)
    assert (stats.messages, stats.translated, stats.fuzzy, stats.untranslated) == (3, 1, 1, 1)
    assert (stats.words, stats.translated_words, stats.percent) == (6, 2, 33.3)


def test_unreadable_catalogues_are_one_line_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_bytes(b'msgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(UserError, match=r"bad\.po:2: not valid UTF-8"):
        catalogue.read_catalogue(bad)
    with pytest.raises(UserError, match="is a directory"):
        catalogue.read_catalogue(tmp_path)
    with pytest.raises(UserError, match="cannot read"):
        catalogue.read_catalogue(tmp_path / "missing.po")
    bad.write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"bad\.po:2: unterminated string"):
        catalogue.read_catalogue(bad)


def test_committed_template_is_exactly_what_extract_writes() -> None:
    from pipeline.catalogue.format import format_po
    from pipeline.config import load_config
    from pipeline.document.segments import read_document

    config = load_config(ROOT / "pyproject.toml")
    committed = catalogue.read_catalogue(config.template_path)
    documents = [(config.relative(p), segment(read_document(p))) for p in config.source_files()]
    fresh = catalogue.build_template(documents, config.domain, committed)
    assert format_po(fresh, config.wrap) == config.template_path.read_text(encoding="utf-8")
    assert not any("\u0600" <= ch <= "\u06ff" for e in fresh for ch in e.msgid)
    kinds = {line for e in fresh for line in e.comment.split("\n")}
    assert {k.split(" under:")[0] for k in kinds} >= {"heading", "paragraph", "list item"}
