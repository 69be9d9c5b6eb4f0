"""Shared fixtures: the repository root, the real guide, and a scratch project."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GUIDE = ROOT / "source" / "safety-guide.md"
SEED = DATA / "dr-pen-safety-guide.txt"

# Derived data (the CLDR autonym table) goes to a scratch cache, not the user's.
os.environ.setdefault("L10N_CACHE_DIR", tempfile.mkdtemp(prefix="l10n-test-cache-"))

# Property tests draw the same examples on every run, so that `make test` passes or
# fails on the code alone; `pytest --hypothesis-profile=explore` draws new ones (and
# each input it finds that breaks something becomes an @example).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

PYPROJECT = """\
[tool.l10n]
source_language = "en"
domain = "guide"
locales = ["de", "fr", "ar"]
sources = ["source/*.md"]
output = "build"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small project with the real guide as its source, as the cwd."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "source").mkdir()
    shutil.copy(GUIDE, tmp_path / "source" / "guide.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path
