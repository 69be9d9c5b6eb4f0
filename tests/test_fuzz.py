"""Fuzz targets for the Markdown segmenter and the PO reader.

CI runs a few hundred examples; `make fuzz` runs many more (L10N_FUZZ_EXAMPLES).
Neither may crash on any input: the segmenter extracts and renders anything, and
the reader either returns a catalogue or refuses it with a path:line error.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.catalogue import read_catalogue
from pipeline.document.segments import render, segment
from pipeline.errors import UserError

EXAMPLES = int(os.environ.get("L10N_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

MARKDOWN_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "```",
        "~~~",
        "    ",
        "\t",
        "| a | b |",
        "|---|---|",
        "**",
        "*",
        "_",
        "`",
        "[",
        "](",
        ")",
        "![",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "---",
        "===",
        "\\",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "word",
        "Dr Pen",
        "中文",
        "العربية",
        ":",
        "title: x",
        "&amp;",
        "<",
        ">",
        "#",
        "+ ",
        "* ",
        "0) ",
        "[x]: http://a",
        "\x0c",
        "\x0b",
    ]
)
MARKDOWN = st.one_of(
    st.lists(MARKDOWN_PIECES, max_size=40).map("".join),
    st.text(max_size=200),
)


@FUZZ
@given(MARKDOWN)
@example("\x0c\n0")  # a form-feed line that markdown-it trims off the paragraph
@example("\x0b \x0c\nword\n\x0c")
@example("- | a | b |\n\t| a | b |")  # a tab markdown-it expands to spaces
@example("- \x0c\n| a | b |")  # a list item whose first line is a form feed
def test_segmenter_extracts_and_renders_anything(text: str) -> None:
    segments = segment(text)
    assert render(text, lambda s: None, segments) == text
    assert render(text, lambda s: s.text, segments) == text
    translated = render(text, lambda s: "Ü" + s.text, segments)
    assert len(segment(translated)) >= 0
    for seg in segments:
        assert 0 <= seg.start <= seg.end <= len(text)
        assert seg.text.strip()


PO_PIECES = st.sampled_from(
    [
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n',
        'msgid "a"\n',
        'msgstr "b"\n',
        'msgctxt "c"\n',
        'msgid_plural "p"\n',
        'msgstr[0] "x"\n',
        'msgstr[1] "y"\n',
        '"more"\n',
        "#, fuzzy\n",
        '#| msgid "old"\n',
        '#~ msgid "gone"\n',
        '#~ msgstr "weg"\n',
        "# comment\n",
        "#: a:1\n",
        "\n",
        '"',
        "\\",
        "\\n",
        "\\q",
        "\x00",
        "\ufeff",
        "\r\n",
        "ü",
        "charset=latin1",
    ]
)
PO_BYTES = st.one_of(
    st.lists(PO_PIECES, max_size=30).map(lambda parts: "".join(parts).encode("utf-8")),
    st.binary(max_size=300),
)


@FUZZ
@given(PO_BYTES)
def test_po_reader_returns_or_refuses_in_one_line(raw: bytes) -> None:
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"l10n-fuzz-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    path = folder / "fuzz.po"
    path.write_bytes(raw)
    try:
        po = read_catalogue(path)
    except UserError as error:
        assert "\n" not in error.message
        assert error.message.startswith(f"{path}")
        return
    for entry in po:
        assert isinstance(entry.msgid, str)
