"""Faults: a crash mid-write leaves the old file, and two runs at once do not clobber."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline import catalogue
from pipeline.cli import cli

L10N = Path(sys.executable).parent / "l10n"


def test_write_is_atomic_when_replace_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "de.po"
    target.write_text("old content\n", encoding="utf-8")
    os.chmod(target, 0o640)

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt("killed between write and replace")

    monkeypatch.setattr(catalogue.write.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        catalogue.write_if_changed(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["de.po"]
    monkeypatch.undo()
    assert catalogue.write_if_changed(target, "new content\n")
    assert target.stat().st_mode & 0o777 == 0o640


def test_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    """A real process killed (SIGKILL) after writing the temporary file, before replace."""
    target = tmp_path / "de.po"
    target.write_text("old content\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from pipeline import catalogue
        def die(src, dst):
            os.kill(os.getpid(), signal.SIGKILL)
        catalogue.write.os.replace = die
        catalogue.write_if_changed(Path({str(target)!r}), "new content\\n" * 1000)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    assert target.read_text(encoding="utf-8") == "old content\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "de.po"]
    assert all(name.startswith(".de.po.") and name.endswith(".tmp") for name in leftovers)


def _project(root: Path) -> None:
    (root / "pyproject.toml").write_text(
        '[tool.l10n]\ndomain = "g"\nlocales = ["de", "fr"]\nsources = ["*.md"]\n'
    )
    paragraphs = [f"Paragraph number {i} about hygiene and cartridges." for i in range(400)]
    (root / "g.md").write_text("\n\n".join(paragraphs) + "\n")


def test_two_updates_at_once_do_not_clobber(tmp_path: Path) -> None:
    _project(tmp_path)

    def l10n(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(L10N), *args], cwd=tmp_path, capture_output=True, text=True)

    assert l10n("extract").returncode == 0
    for locale in ("de", "fr"):
        assert l10n("init", "--locale", locale).returncode == 0
    de = tmp_path / "locales/de/LC_MESSAGES/g.po"
    po = polib.pofile(str(de))
    for entry in po:
        entry.msgstr = "Absatz " + entry.msgid
    po.save()
    text = (tmp_path / "g.md").read_text().replace("hygiene", "sterile hygiene")
    (tmp_path / "g.md").write_text(text)
    assert l10n("extract").returncode == 0
    runs = [
        subprocess.Popen([str(L10N), "update"], cwd=tmp_path, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    assert all(run.wait(timeout=120) == 0 for run in runs)
    merged = catalogue.read_catalogue(de)
    assert len([e for e in merged if not e.obsolete]) == 400
    assert all(e.msgstr.startswith("Absatz ") and e.fuzzy for e in merged if not e.obsolete)
    before = de.read_bytes()
    assert l10n("update").returncode == 0
    assert de.read_bytes() == before


def test_a_held_lock_times_out_with_a_clear_message(tmp_path: Path) -> None:
    _project(tmp_path)
    assert (
        CliRunner().invoke(cli, ["--config", str(tmp_path / "pyproject.toml"), "extract"]).exit_code
        == 0
    )
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from pipeline import catalogue\n"
            f"with catalogue.locked(Path({str(tmp_path / 'locales')!r})):\n"
            "    print('locked', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = subprocess.run(
            [str(L10N), "--lock-timeout", "0.3", "init", "--locale", "de"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert "another l10n is running" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "locales/de").exists()
