"""The [tool.l10n] table: defaults, overrides and errors a user can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import load_config, with_overrides
from pipeline.errors import UserError
from tests.conftest import ROOT


def test_project_config_is_read() -> None:
    config = load_config(ROOT / "pyproject.toml")
    assert config.domain == "safety-guide"
    assert config.locales == ("ar", "de", "es", "fr", "ru", "zh_Hans")
    assert config.source_language == "en"
    assert config.template_path == ROOT / "locales" / "safety-guide.pot"
    assert config.catalogue_path("fr") == ROOT / "locales/fr/LC_MESSAGES/safety-guide.po"
    assert [p.name for p in config.source_files()] == ["safety-guide.md"]


def test_found_from_a_subdirectory(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "source")
    assert load_config().root == project


def test_overrides_replace_only_given_values(project: Path) -> None:
    config = with_overrides(load_config(), wrap=0, domain=None)
    assert config.wrap == 0 and config.domain == "guide"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[tool.other]\nx = 1\n", "missing [tool.l10n] table"),
        ('[tool.l10n]\ndomian = "x"\n', "unknown key 'domian'"),
        ('[tool.l10n]\nlocales = "fr"\n', "locales must be a list of strings"),
        ("[tool.l10n]\nwrap = -1\n", "wrap must be a whole number"),
        ("[tool.l10n]\n[tool.l10n.check]\nselct = []\n", "unknown key 'selct'"),
        ("[tool.l10n\n", "not valid TOML"),
    ],
)
def test_bad_tables_are_named(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    with pytest.raises(UserError, match=message.replace("[", r"\[")):
        load_config(tmp_path / "pyproject.toml")


def test_glob_that_matches_nothing(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10n]\nsources = ["docs/*.md"]\n', encoding="utf-8"
    )
    with pytest.raises(UserError, match="match no file"):
        load_config(tmp_path).source_files()
