"""`l10n check --format sarif`: SARIF 2.1.0 that code-scanning dashboards accept."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from sarif_pydantic import Sarif

from pipeline.checks import REGISTRY
from pipeline.cli import cli
from tests.conftest import DATA, ROOT, SEED


def _sarif(*args: str, cwd: Path = ROOT) -> tuple[int, dict]:
    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, ["check", "--format", "sarif", *args])
    finally:
        os.chdir(before)
    return result.exit_code, json.loads(result.stdout)


def test_the_raw_seed_gives_exactly_its_two_wrong_script_results() -> None:
    code, log = _sarif(str(SEED))
    assert code == 1
    Sarif.model_validate(log)  # the SARIF 2.1.0 object model, field by field
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["wrong-script", "wrong-script"]
    assert [r["level"] for r in results] == ["error", "error"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert [g["startLine"] for g in regions] == [48, 69]
    line_48 = SEED.read_text(encoding="utf-8").splitlines()[47]
    assert regions[0]["startColumn"] == line_48.index("ا") + 1  # code points, 1-based
    assert run["columnKind"] == "unicodeCodePoints"
    assert "Arabic letters in English text" in results[0]["message"]["text"]


def test_paths_are_relative_to_the_working_directory() -> None:
    _, log = _sarif(os.path.relpath(SEED, ROOT))
    (run,) = log["runs"]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": os.path.relpath(SEED, ROOT), "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.resolve().as_uri() + "/"
    fixture = DATA / "check" / "fr" / "LC_MESSAGES" / "guide.po"
    _, log = _sarif("fr/LC_MESSAGES/guide.po", cwd=DATA / "check")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"fr/LC_MESSAGES/guide.po"} and fixture.exists()


def test_one_rule_per_check_code_with_its_documentation() -> None:
    _, log = _sarif("--select", "links", str(SEED))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(REGISTRY)
    for rule in rules:
        check = REGISTRY[rule["id"]]
        assert rule["shortDescription"]["text"] == check.doc
        assert rule["defaultConfiguration"]["level"] == check.severity
    assert log["runs"][0]["results"] == []  # links alone finds nothing in the seed


def test_a_clean_file_is_a_valid_log_with_no_results(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Aftercare\n\nApply SPF 30 for 72 hours.\n", encoding="utf-8")
    code, log = _sarif(str(clean))
    assert code == 0
    Sarif.model_validate(log)
    assert log["runs"][0]["results"] == []
