"""Bad input never damages a file: one line naming path:line, exit 2, files untouched.

The corpus lives in tests/data/bad/. Catalogue cases run through `l10n update`
(the command that writes); Markdown sources must be extracted, not refused.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from pipeline.document.segments import read_document, segment
from tests.conftest import DATA

BAD = DATA / "bad"

PO_CASES = {
    "truncated-after-msgid.po": (11, "msgid has no msgstr"),
    "truncated-mid-string.po": (12, "unterminated string"),
    "unterminated-string.po": (9, "unterminated string"),
    "bad-escape.po": (9, "invalid escape sequence"),
    "invalid-utf8.po": (9, "not valid UTF-8"),
    "latin1-charset.po": (5, "charset ISO-8859-1 is not supported"),
    "bom.po": (1, "byte order mark"),
    "nul-byte.po": (9, "NUL byte"),
    "duplicate-msgid.po": (14, "duplicate msgid 'Hello'"),
    "plural-count.po": (8, "3 plural forms, but Plural-Forms says nplurals=2"),
    "no-header.po": (1, "no header entry"),
    "empty.po": (1, "no header entry"),
    "msgstr-first.po": (8, "msgstr without a msgid"),
    "stray-text.po": (11, "unexpected text 'this is not PO'"),
    "keyword-typo.po": (9, "unexpected text 'msgsrt"),
    "string-without-keyword.po": (1, "a string with no keyword"),
    "plural-without-index.po": (10, "msgstr does not fit the msgid"),
    "plural-index-gap.po": (11, "msgstr[2] after msgstr[0]"),
    "msgctxt-without-msgid.po": (9, "msgstr cannot follow msgctxt"),
    "broken-obsolete.po": (12, "unterminated string"),
    "broken-previous.po": (9, "previous msgid: unterminated string"),
    "missing-space-quote.po": (9, "expected a quoted string after msgstr"),
    "unescaped-quote.po": (8, "invalid escape sequence or stray text"),
    "double-msgid.po": (9, "msgid cannot follow msgid"),
}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def assert_one_line_error(result: Result, where: str) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(where), result.output
    assert "Traceback" not in result.output


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BAD, tmp_path / "bad")
    monkeypatch.chdir(tmp_path / "bad")
    return tmp_path / "bad"


def test_the_corpus_is_complete() -> None:
    assert sorted(PO_CASES) == sorted(p.name for p in (BAD / "po").glob("*.po"))


@pytest.mark.parametrize("name", sorted(PO_CASES))
def test_broken_catalogue_is_refused_and_untouched(workdir: Path, name: str) -> None:
    line, message = PO_CASES[name]
    before = snapshot(workdir)
    result = invoke("update", "--template", "template.pot", f"po/{name}")
    assert_one_line_error(result, f"po/{name}:{line}: ")
    assert message in result.output
    assert snapshot(workdir) == before


# Valid PO: refused only where a merge would have to guess, or write another charset.
MERGE_ONLY = {"plural-count.po", "no-header.po", "empty.po", "latin1-charset.po"}


@pytest.mark.parametrize("name", sorted(set(PO_CASES) - MERGE_ONLY))
def test_broken_catalogue_is_a_syntax_finding_for_check(workdir: Path, name: str) -> None:
    line, _ = PO_CASES[name]
    result = invoke("check", "--select", "syntax", f"po/{name}")
    assert result.exit_code == 1
    assert f"po/{name}:{line}: error: [syntax]" in result.output


def test_check_reads_a_catalogue_in_its_declared_charset(workdir: Path) -> None:
    # gettext reads ISO-8859-1 as its header says; so does check (update refuses it,
    # since it writes UTF-8). Its entries are then checked like any other's.
    raw = (workdir / "po/latin1-charset.po").read_bytes()
    assert "Café".encode("latin-1") in raw
    broken = raw + 'msgid "Hello %s"\nmsgstr "Grüße"\n'.encode("latin-1")
    (workdir / "po/latin1-charset.po").write_bytes(broken)
    result = invoke("check", "--format", "json", "po/latin1-charset.po")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    assert [(f["code"], f["msgid"]) for f in findings if f["severity"] == "error"] == [
        ("placeholders", "Hello %s")
    ]
    (workdir / "po/latin1-charset.po").write_bytes(raw.replace(b"ISO-8859-1", b"x-no-such"))
    result = invoke("check", "po/latin1-charset.po")
    assert "po/latin1-charset.po:5: error: [syntax] charset x-no-such is unknown" in result.output


def test_broken_template_is_named(workdir: Path) -> None:
    before = snapshot(workdir)
    result = invoke("update", "--template", "broken-template.pot", "po-ok/crlf.po")
    assert_one_line_error(result, "broken-template.pot:4: unterminated string")
    assert snapshot(workdir) == before


def test_directory_and_dangling_link_are_refused(workdir: Path) -> None:
    (workdir / "dir.po").mkdir()
    assert_one_line_error(invoke("update", "--template", "template.pot", "dir.po"), "dir.po: ")
    (workdir / "dangling.po").symlink_to(workdir / "nowhere.po")
    result = invoke("update", "--template", "template.pot", "dangling.po")
    assert_one_line_error(result, "dangling.po: ")
    result = invoke("stats", "dir.po")
    assert_one_line_error(result, "dir.po: is a directory")


def test_huge_catalogue_is_refused_without_reading_it(workdir: Path) -> None:
    huge = workdir / "huge.po"
    entry = 'msgid "{0}"\nmsgstr "{0}"\n\n'
    with huge.open("w", encoding="utf-8") as stream:
        stream.write('msgid ""\nmsgstr "Language: de\\n"\n\n')
        for i in range(700_000):
            stream.write(entry.format(f"message number {i} with some words"))
    assert huge.stat().st_size > 50 * 2**20
    before = snapshot(workdir)
    result = invoke("update", "--template", "template.pot", "huge.po")
    assert_one_line_error(result, "huge.po: ")
    assert "larger than" in result.output
    assert snapshot(workdir) == before


def test_crlf_catalogue_is_merged_and_keeps_its_line_endings(workdir: Path) -> None:
    target = workdir / "po-ok" / "crlf.po"
    result = invoke("update", "--template", "template.pot", "po-ok/crlf.po")
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert polib.pofile(raw.decode()).find("Hello").msgstr == "Hallo"


def test_same_msgid_in_two_contexts_is_not_a_duplicate(workdir: Path) -> None:
    result = invoke("check", "--select", "syntax", "po-ok/same-msgid-other-context.po")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("code", ["../../etc", "fr/../../x", "CON", "", "xx"])
def test_bad_locale_codes(workdir: Path, code: str) -> None:
    before = snapshot(workdir)
    result = invoke("init", "--locale", code, "--template", "template.pot", "-o", "new.po")
    assert_one_line_error(result, "")
    assert repr(code) in result.output
    assert snapshot(workdir) == before and not (workdir / "new.po").exists()


MARKDOWN = {
    "unclosed-fence.md": ["Title", "Before the fence."],
    "raw-html.md": ["Title", "After the HTML."],
    "front-matter.md": ["A: quoted title", "It's described", "Body text."],
    "tables.md": ["Day", "Care", "1", "Rest \\| wait", "2", "`code`", "Text."],
    "nested-lists.md": ["one", "one.a", "deep", "two", "second paragraph of two"],
    "long-lines.md": ["Long", " ".join(["word"] * 5000)],
    "crlf.md": ["Title", "A paragraph over two lines."],
    "empty.md": [],
}


@pytest.mark.parametrize("name", sorted(MARKDOWN))
def test_awkward_markdown_is_extracted_not_refused(name: str) -> None:
    path = BAD / "md" / name
    text = read_document(path)
    assert [s.text for s in segment(text)] == MARKDOWN[name]
    from pipeline.document.segments import render

    assert render(text, lambda s: None) == text
    assert render(text, lambda s: s.text) == text


CONFIGS = {
    "missing-table.toml": "missing [tool.l10n] table",
    "unknown-key.toml": "unknown key 'locals'",
    "glob-matches-nothing.toml": "match no file",
    "bad-toml.toml": "not valid TOML",
    "wrong-type.toml": "locales must be a list of strings",
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_bad_configuration_is_one_line(workdir: Path, name: str) -> None:
    project = workdir / "project"
    project.mkdir()
    shutil.copy(workdir / "config" / name, project / "pyproject.toml")
    result = invoke("--config", str(project / "pyproject.toml"), "extract")
    assert_one_line_error(result, str(project / "pyproject.toml"))
    assert CONFIGS[name] in result.output


def test_bad_glossary_is_one_line(workdir: Path) -> None:
    project = workdir / "project"
    (project / "locales").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[tool.l10n]\nlocales = []\nsources = ["*.md"]\n')
    shutil.copy(workdir / "glossary-bad.csv", project / "locales" / "glossary.csv")
    (project / "a.md").write_text("Text.\n")
    result = invoke("--config", str(project / "pyproject.toml"), "check")
    assert_one_line_error(result, str(project / "locales" / "glossary.csv") + ":2: ")
