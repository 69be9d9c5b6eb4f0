"""Every command, through Click's CliRunner and through the real `l10n` executable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline.cli import cli

L10N = Path(sys.executable).parent / "l10n"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, (result.output, result.stderr)
    return result.output


def translate(po_path: Path, mapping: dict[str, str]) -> None:
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid in mapping:
            entry.msgstr = mapping[entry.msgid]
    po.save()


def test_extract_is_deterministic(project: Path) -> None:
    assert "wrote locales/guide.pot" in run("extract")
    pot = project / "locales" / "guide.pot"
    before = pot.read_bytes()
    mtime = pot.stat().st_mtime_ns
    assert "unchanged: locales/guide.pot" in run("extract")
    assert pot.read_bytes() == before and pot.stat().st_mtime_ns == mtime
    entries = polib.pofile(str(pot))
    assert entries.find("Blood clotting disorders").occurrences == [("source/guide.md", "106")]


def test_init_update_compile_stats_build(project: Path) -> None:
    run("extract")
    assert "nplurals=6" in run("init", "--locale", "ar")
    run("init", "--locale", "de")
    run("init", "--locale", "fr")
    out = run("init", "--locale", "de", code=2)
    assert "already exists" in out
    de = project / "locales/de/LC_MESSAGES/guide.po"
    translate(
        de,
        {
            "Hygiene is the single most critical safety factor in microneedling.": (
                "Hygiene ist der wichtigste Sicherheitsfaktor beim Microneedling."
            ),
            "Strict hygiene standards": "Strenge Hygienestandards",
            "Blood clotting disorders": "Blutgerinnungsstörungen",
        },
    )
    guide = project / "source" / "guide.md"
    text = guide.read_text(encoding="utf-8")
    text = text.replace("Strict hygiene standards", "Strict hygiene standard")
    text = text.replace("- Blood clotting disorders\n", "")
    guide.write_text(text, encoding="utf-8")
    run("extract")
    assert "updated locales/de/LC_MESSAGES/guide.po" in run("update")
    po = polib.pofile(str(de))
    changed = po.find("Strict hygiene standard")
    assert changed.fuzzy and changed.previous_msgid == "Strict hygiene standards"
    assert changed.msgstr == "Strenge Hygienestandards"
    gone = [e for e in po.obsolete_entries() if e.msgid == "Blood clotting disorders"]
    assert gone and gone[0].msgstr == "Blutgerinnungsstörungen"
    before = de.read_bytes()
    assert "unchanged: locales/de/LC_MESSAGES/guide.po" in run("update")
    assert de.read_bytes() == before

    assert "compiled locales/de/LC_MESSAGES/guide.mo (1 messages)" in run("compile")
    stats = json.loads(run("stats", "--format", "json"))
    de_stats = next(c for c in stats["catalogues"] if c["locale"] == "de")
    assert (de_stats["translated"], de_stats["fuzzy"]) == (1, 1)

    run("build")
    built = (project / "build/de/guide.md").read_text(encoding="utf-8")
    assert "Hygiene ist der wichtigste Sicherheitsfaktor beim Microneedling." in built
    assert "- Strict hygiene standard\n" in built  # fuzzy falls back to English
    assert (project / "build/fr/guide.md").read_text(encoding="utf-8") == text


def test_build_refuses_a_translation_that_breaks_markup(project: Path) -> None:
    run("extract")
    for locale in ("de", "fr", "ar"):
        run("init", "--locale", locale)
    de = project / "locales/de/LC_MESSAGES/guide.po"
    translate(de, {"**Warning signs that are not normal:**": "Warnzeichen, die nicht normal sind:"})
    lines = de.read_text(encoding="utf-8").splitlines()
    line = lines.index('msgid "**Warning signs that are not normal:**"') + 1
    out = run("build", "--locale", "de")
    assert f"locales/de/LC_MESSAGES/guide.po:{line}: warning: inline markup" in out
    built = (project / "build/de/guide.md").read_text(encoding="utf-8")
    assert "**Warning signs that are not normal:**" in built


@pytest.mark.parametrize("code", ["xx_YY", "../etc", "", "CON"])
def test_init_rejects_bad_locale_codes_in_one_line(project: Path, code: str) -> None:
    run("extract")
    out = run("init", "--locale", code, code=2)
    assert out.count("\n") == 1 and "Traceback" not in out


def test_no_project_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = run("extract", code=2)
    assert "no [tool.l10n] table" in out and out.count("\n") == 1


def test_update_loose_files_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n')
    (tmp_path / "x.po").write_text(
        'msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "Hello!"\nmsgstr "Hallo!"\n'
    )
    run("update", "--template", "t.pot", "x.po")
    po = polib.pofile(str(tmp_path / "x.po"))
    assert po.find("Hello").fuzzy and po.find("Hello").msgstr == "Hallo!"


def test_real_executable(project: Path) -> None:
    def l10n(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(L10N), *args], capture_output=True, text=True, cwd=project)

    assert l10n("--help").returncode == 0
    assert l10n("extract").returncode == 0
    for locale in ("de", "fr", "ar"):
        assert l10n("init", "--locale", locale).returncode == 0
    bad = l10n("init", "--locale", "../etc")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1
    for command in ("update", "compile", "stats", "build"):
        result = l10n(command)
        assert result.returncode == 0, result.stderr
    assert (project / "build/de/guide.md").exists()
