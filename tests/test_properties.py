"""Properties of update over any sequence of source edits, and of wrapping.

For any sequence of edits (insert, delete, reword, reorder), extracting and
updating after each step never loses a translation: every msgstr ever written is
still in the catalogue, active, fuzzy or obsolete. A second update changes no byte.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import catalogue
from pipeline.catalogue.format import format_po
from pipeline.catalogue.merge import merge_catalogue
from pipeline.document.segments import segment

WORDS = (
    "skin needle cartridge depth sterile hygiene redness swelling aftercare collagen "
    "treatment device protocol infection sun gentle avoid apply wash never use only "
    "patient clinic results care safety normal warning signs pain days hours"
).split()

SENTENCE = st.lists(st.sampled_from(WORDS), min_size=2, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
EDIT = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 50), SENTENCE),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("reword"), st.integers(0, 50), st.integers(0, 20), st.sampled_from(WORDS)),
    st.tuples(st.just("reorder"), st.randoms(use_true_random=False)),
)


def apply(document: list[str], edit: tuple) -> list[str]:
    document = list(document)
    kind = edit[0]
    if kind == "insert":
        document.insert(edit[1] % (len(document) + 1), edit[2])
    elif document and kind == "delete":
        del document[edit[1] % len(document)]
    elif document and kind == "reword":
        i = edit[1] % len(document)
        words = document[i].rstrip(".").split()
        words[edit[2] % len(words)] = edit[3]
        document[i] = " ".join(words).capitalize() + "."
    elif kind == "reorder":
        edit[1].shuffle(document)
    return document


def template_for(document: list[str]) -> polib.POFile:
    segments = segment("\n\n".join(document) + "\n")
    return catalogue.build_template([("doc.md", segments)], "doc")


def update(text: str, document: list[str], width: int) -> str:
    """One `l10n update` in memory: read the catalogue text, merge, write it back."""
    merged, _ = merge_catalogue(polib.pofile(text, wrapwidth=0), template_for(document))
    return format_po(merged, width)


def every_msgstr(text: str) -> set[str]:
    return {e.msgstr for e in polib.pofile(text, wrapwidth=0) if e.msgstr}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(SENTENCE, min_size=1, max_size=8, unique=True),
    st.lists(EDIT, min_size=1, max_size=6),
    st.sampled_from([0, 79, 60]),
)
def test_update_never_loses_a_translation_and_is_idempotent(
    start: list[str], edits: list[tuple], width: int
) -> None:
    document = start
    text = format_po(catalogue.new_catalogue(template_for(document), "de"), width)
    written: set[str] = set()
    for step, edit in enumerate(edits):
        po = polib.pofile(text, wrapwidth=0)
        for entry in po:
            if not entry.obsolete and not entry.msgstr:
                entry.msgstr = f"Ü{step}: {entry.msgid}"
                written.add(entry.msgstr)
        text = format_po(po, width)
        document = apply(document, edit)
        text = update(text, document, width)
        assert written <= every_msgstr(text)
        assert update(text, document, width) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=6, unique=True), st.integers(20, 120))
def test_wrap_setting_is_what_msgcat_writes(document: list[str], width: int) -> None:
    po = catalogue.new_catalogue(template_for(document), "fr")
    for entry in po:
        entry.msgstr = " ".join([entry.msgid] * 3)
    for setting, flags in ((width, [f"--width={width}"]), (0, ["--no-wrap"])):
        text = format_po(po, setting)
        result = subprocess.run(
            ["msgcat", *flags, "-"], input=text.encode(), capture_output=True, check=True
        )
        assert result.stdout.decode() == text


def test_project_wrap_setting_reaches_every_write(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import cli

    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10n]\ndomain = "d"\nlocales = ["de"]\nsources = ["*.md"]\nwrap = 0\n'
    )
    (tmp_path / "d.md").write_text(" ".join(["A long paragraph"] * 20) + "\n")
    config = ["--config", str(tmp_path / "pyproject.toml")]
    for command in (["extract"], ["init", "--locale", "de"], ["update"]):
        assert CliRunner().invoke(cli, [*config, *command]).exit_code == 0
    for path in (tmp_path / "locales/d.pot", tmp_path / "locales/de/LC_MESSAGES/d.po"):
        lines = path.read_text().splitlines()
        assert any(len(line) > 200 for line in lines), path
        result = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True)
        assert result.stdout == path.read_bytes()
