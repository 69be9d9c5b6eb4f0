"""Tests for pipeline.catalogue.format: our output must be exactly what GNU msgcat writes.

The msgcat comparisons need GNU gettext (``msgcat``), which CI installs: without
it they fail rather than pass unchecked. The quirk tests pin down outputs that
were checked against gettext 0.21.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalogue.format import format_entry, format_po

MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.usefixtures("msgcat_installed")


@pytest.fixture
def msgcat_installed() -> None:
    assert MSGCAT is not None, "GNU gettext (msgcat) is required: apt-get install gettext"


DATA = Path(__file__).parent / "data" / "po"
FIXTURES = sorted(DATA.glob("*.po"))
SPHINX_FIXTURES = [path for path in FIXTURES if path.name.startswith("sphinx-")]
WIDTHS = [79, 40, 0]  # 0 means --no-wrap

METADATA = {
    "Project-Id-Version": "test 1.0",
    "Language": "fr",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


def run_msgcat(path: Path, width: int) -> str:
    option = "--no-wrap" if width == 0 else f"--width={width}"
    result = subprocess.run(
        [MSGCAT or "msgcat", option, str(path)], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result.stdout.decode("utf-8")


def msgcat_of_text(text: str, width: int, tmp_path: Path) -> str:
    path = tmp_path / f"ours-{width}.po"
    path.write_bytes(text.encode("utf-8"))
    return run_msgcat(path, width)


def read_po(text: str, tmp_path: Path) -> polib.POFile:
    # Through a file: polib splits strings given directly with str.splitlines,
    # which also breaks at U+2028 and friends that may appear inside messages.
    path = tmp_path / "roundtrip.po"
    path.write_bytes(text.encode("utf-8"))
    return polib.pofile(str(path))


def entry_fields(entry: polib.POEntry) -> tuple:
    """Everything a PO entry carries (polib's own == ignores comments and flags)."""
    return (
        entry.obsolete,
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        dict(entry.msgstr_plural),
        sorted(entry.flags),  # gettext puts flags in its own order
        entry.tcomment,
        entry.comment,
        entry.occurrences,
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


# ---------------------------------------------------------------------------
# Real catalogues
# ---------------------------------------------------------------------------


@needs_msgcat
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_matches_msgcat_on_real_catalogues(path: Path, width: int) -> None:
    assert format_po(polib.pofile(str(path)), width) == run_msgcat(path, width)


@pytest.mark.parametrize("path", SPHINX_FIXTURES, ids=lambda p: p.stem)
def test_round_trip_through_polib(path: Path, tmp_path: Path) -> None:
    original = polib.pofile(str(path))
    again = read_po(format_po(original), tmp_path)
    assert [entry_fields(e) for e in again] == [entry_fields(e) for e in original]
    assert list(again.metadata.items()) == list(original.metadata.items())
    assert again.header == original.header


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_output_is_stable_when_reread(path: Path, width: int, tmp_path: Path) -> None:
    first = format_po(polib.pofile(str(path)), width)
    assert format_po(read_po(first, tmp_path), width) == first


# ---------------------------------------------------------------------------
# gettext quirks, pinned without msgcat
# ---------------------------------------------------------------------------


def catalogue(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    return po


HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'


def test_flags_are_normalised_like_gettext() -> None:
    entry = polib.POEntry(
        msgid="a %s",
        msgstr="b %s",
        flags=["python-format", "my-flag", "fuzzy", "c-format", "no-wrap", "wrap", "range: 1..3"],
    )
    assert format_entry(entry).splitlines()[0] == "#, fuzzy, c-format, python-format, range: 1..3"


def test_fuzzy_is_dropped_without_translation() -> None:
    entry = polib.POEntry(msgid="a", msgid_plural="b", msgstr_plural={0: "", 1: "x"})
    entry.flags = ["fuzzy"]
    assert format_entry(entry) == 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\nmsgstr[1] "x"\n'


def test_obsolete_entries_go_last_and_untranslated_ones_vanish() -> None:
    po = catalogue(
        polib.POEntry(msgid="gone", msgstr="parti", obsolete=True, tcomment="note"),
        polib.POEntry(msgid="gone too", msgstr="", obsolete=True),
        polib.POEntry(msgid="live", msgstr="vivant", flags=["fuzzy", "python-format"]),
    )
    assert format_po(po) == (
        HEADER + '\n#, fuzzy, python-format\nmsgid "live"\nmsgstr "vivant"\n'
        '\n# note\n#~ msgid "gone"\n#~ msgstr "parti"\n'
    )


def test_references_are_packed_deduplicated_and_ignore_no_wrap() -> None:
    entry = polib.POEntry(msgid="x", msgstr="y")
    entry.occurrences = [("./a.py", "1"), ("a.py", "01"), ("b" * 40 + ".py", "2"), ("c" * 30, "")]
    expected = f"#: a.py:1 {'b' * 40}.py:2\n#: {'c' * 30}\n"
    assert format_entry(entry).startswith(expected)
    assert format_entry(entry, width=0).startswith(expected)


def test_escapes_and_raw_control_characters() -> None:
    entry = polib.POEntry(msgid='\\ " \t \r \a \b \f \v \x01 \x7f', msgstr="")
    assert (
        format_entry(entry).splitlines()[0] == 'msgid "\\\\ \\" \\t \\r \\a \\b \\f \\v \x01 \x7f"'
    )


def test_inner_newline_and_long_strings_start_empty() -> None:
    entry = polib.POEntry(msgid="one\ntwo\n", msgstr="fits on its line\n")
    assert format_entry(entry) == 'msgid ""\n"one\\n"\n"two\\n"\nmsgstr "fits on its line\\n"\n'


def test_wide_characters_count_two_columns() -> None:
    entry = polib.POEntry(msgid="界" * 40, msgstr="")
    assert format_entry(entry).splitlines()[:3] == ['msgid ""', f'"{"界" * 38}"', '"界界"']


def test_page_width_has_gettexts_minimum_of_20() -> None:
    entry = polib.POEntry(msgid="aa bb cc dd ee ff gg hh ii jj", msgstr="")
    expected = 'msgid ""\n"aa bb cc dd ee ff "\n"gg hh ii jj"\nmsgstr ""\n'
    assert format_entry(entry, width=5) == format_entry(entry, width=20) == expected


def test_previous_msgid_is_wrapped_with_its_prefix() -> None:
    entry = polib.POEntry(msgid="new", msgstr="nouveau", previous_msgid="old " * 20)
    lines = format_entry(entry).splitlines()
    assert lines[0] == '#| msgid ""'
    assert all(line.startswith('#| "') and len(line) <= 79 for line in lines[1:3])


def test_python_brace_directives_follow_gettext_021() -> None:
    # gettext 0.21 measures brace directives from the string start (a bug),
    # so "{ab.cdefgh}" at the end of the line is not protected...
    entry = polib.POEntry(msgid="A" * 70 + " {ab.cdefgh}", msgstr="", flags=["python-brace-format"])
    assert format_entry(entry).splitlines()[2:4] == [f'"{"A" * 70} {{ab."', '"cdefgh}"']
    # ...while a percent directive is.
    entry = polib.POEntry(msgid="A" * 70 + " %(ab.cdefgh)s", msgstr="", flags=["python-format"])
    assert format_entry(entry).splitlines()[2:4] == [f'"{"A" * 70} "', '"%(ab.cdefgh)s"']


def test_header_keeps_metadata_order_comment_and_fuzzy() -> None:
    po = polib.POFile()
    po.header = "Title\n\nCopyright"
    po.metadata = {"Zeta": "1", "Alpha": "2", "Content-Type": "text/plain; charset=UTF-8"}
    po.metadata_is_fuzzy = ["fuzzy"]
    assert format_po(po) == (
        '# Title\n#\n# Copyright\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Zeta: 1\\n"\n"Alpha: 2\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    )


def test_comment_line_ending_in_backslash_is_joined_as_gettext_reads_it() -> None:
    entry = polib.POEntry(msgid="x", msgstr="", comment="a\\\nb\nc\\")
    assert format_entry(entry).splitlines()[:2] == ["#. a#. b", "#. c"]


# ---------------------------------------------------------------------------
# Property: random catalogues are msgcat fixed points and survive polib
# ---------------------------------------------------------------------------

TOKENS = [
    "\n", "\t", "\\", '"', " ", "   ", "%s", "%d", "%(name)s", "%-*s", "100%%",
    "{name}", "{0}", "{a.b}", "{x:>10}", "{}", "-", "/", ".", ",", "(", ")", "«", "»",
    "、", "。", "「", "」", "\u2028", "\x01", "\u00a0", "\u200b", "\u0301", "😀", "\r",
]  # fmt: skip
SCRIPTS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),  # CJK ideographs
    st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),  # kana
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic
    st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
    # Anything but NUL and EOT, which gettext refuses (EOT separates msgctxt).
    st.characters(min_codepoint=1, blacklist_categories=("Cs",), blacklist_characters="\x04"),
)
WORD = st.one_of(
    st.sampled_from(TOKENS),
    st.text(SCRIPTS, min_size=1, max_size=12),
    st.text("abcdefghij", min_size=30, max_size=90),  # longer than a line
)
COMMENT_CHARS = st.characters(min_codepoint=0x21, max_codepoint=0x7E) | st.characters(
    min_codepoint=0x4E00, max_codepoint=0x4FFF
)
FILES = st.sampled_from(["a.py", "./src/módulo.py", "docs/" + "long-name-" * 4 + ".md", "x"])
FORMAT_FLAGS = ["c-format", "python-format", "python-brace-format"]


def texts(allow_bel: bool = True) -> st.SearchStrategy[str]:
    text = st.lists(WORD, max_size=16).map("".join)
    return text if allow_bel else text.map(lambda s: s.replace("\a", ""))


def comment_lines(min_lines: int) -> st.SearchStrategy[str]:
    line = st.text(COMMENT_CHARS, min_size=1, max_size=30).filter(lambda s: not s.endswith("\\"))
    return st.lists(line, min_size=min_lines, max_size=3).map("\n".join)


@st.composite
def entries(draw: st.DrawFn, roundtrip: bool) -> polib.POEntry:
    """A random entry; with *roundtrip*, only what both gettext and polib keep as is."""
    text = texts(allow_bel=not roundtrip)
    entry = polib.POEntry(msgid=draw(text.filter(bool)), msgctxt=draw(st.none() | text))
    if draw(st.booleans()):
        entry.msgid_plural = draw(text.filter(bool))
        entry.msgstr_plural = {0: draw(text), 1: draw(text)}
        translated = bool(entry.msgstr_plural[0])
    else:
        entry.msgstr = draw(text)
        translated = bool(entry.msgstr)
    entry.obsolete = translated and draw(st.integers(0, 9)) == 0
    if roundtrip:
        flags = [f for f in FORMAT_FLAGS if draw(st.booleans())]
        entry.flags = (["fuzzy"] if translated and draw(st.booleans()) else []) + flags
    else:
        extra = ["fuzzy", "no-wrap", "wrap", "range: 1..4", "x-unknown", *FORMAT_FLAGS]
        entry.flags = draw(st.lists(st.sampled_from(extra), max_size=3))
    entry.tcomment = draw(st.just("") | comment_lines(1))
    entry.comment = draw(st.just("") | comment_lines(1))
    line_numbers = st.integers(1, 99999).map(str)
    entry.occurrences = draw(
        st.lists(st.tuples(FILES, line_numbers), max_size=6, unique=True)
        if roundtrip
        else st.lists(st.tuples(FILES, st.just("") | line_numbers), max_size=6)
    )
    if roundtrip:
        entry.occurrences = [(f.removeprefix("./"), line) for f, line in entry.occurrences]
        entry.occurrences = list(dict.fromkeys(entry.occurrences))
    if not (roundtrip and entry.obsolete) and draw(st.booleans()):
        entry.previous_msgid = draw(text)
        entry.previous_msgctxt = draw(st.none() | text)
        if entry.msgid_plural:
            entry.previous_msgid_plural = draw(st.none() | text)
    return entry


def catalogues(roundtrip: bool) -> st.SearchStrategy[polib.POFile]:
    def build(items: list[polib.POEntry]) -> polib.POFile:
        po = polib.POFile()
        po.header = "Random catalogue\n\nfor property tests"
        po.metadata = dict(METADATA)
        # format_po writes obsolete entries last, as gettext does.
        po.extend(sorted(items, key=lambda e: e.obsolete))
        return po

    unique_key = lambda e: (e.msgctxt, e.msgid)  # noqa: E731
    items = st.lists(entries(roundtrip), min_size=1, max_size=8, unique_by=unique_key)
    return items.map(build)


PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@needs_msgcat
@PROPERTY_SETTINGS
@given(po=catalogues(roundtrip=False))
def test_random_catalogues_are_msgcat_fixed_points(po: polib.POFile, tmp_path_factory) -> None:
    tmp_path = tmp_path_factory.mktemp("fixed")
    for width in (79, 0):
        ours = format_po(po, width)
        assert msgcat_of_text(ours, width, tmp_path) == ours


@PROPERTY_SETTINGS
@given(po=catalogues(roundtrip=True))
def test_random_catalogues_round_trip_through_polib(po: polib.POFile, tmp_path_factory) -> None:
    again = read_po(format_po(po), tmp_path_factory.mktemp("roundtrip"))
    assert [entry_fields(e) for e in again] == [entry_fields(e) for e in po]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab Z09 ,.;:!?'\"()[]{}-/%$#&*+=<>\\|~_@\t")
            + list("éßж中文、。，「」한글\u05d0\u05d1\u0301\u200d\u200b\u2028🇫🇷😀\u00a0\u3000")
        ),
        max_size=120,
    )
)
def test_run_by_run_breaks_are_libunistrings_character_by_character(text: str) -> None:
    from pipeline.catalogue import format as po_format

    assert po_format._possible_breaks(text) == po_format._possible_breaks_by_character(text)
    plain = [po_format._UNDEFINED] * len(text)
    # Inside a format directive gettext forbids breaks: every third character here.
    directive = [po_format._PROHIBITED if i % 3 == 1 else po_format._UNDEFINED for i in plain]
    for overrides in (plain, directive):
        breaks = [
            o if o != po_format._UNDEFINED else b
            for b, o in zip(po_format._possible_breaks_by_character(text), overrides, strict=True)
        ]
        for width in (0, 5, 20, 40):
            for start in (0, 7):
                fast = po_format._width_breaks(text, overrides, width, start)
                slow = _width_breaks_by_character(text, breaks, width, start)
                assert fast == slow, (text, width, start)


def _width_breaks_by_character(text: str, breaks: list[int], width: int, start: int) -> list[int]:
    """The greedy line filling, one character at a time, as libunistring does it."""
    from pipeline.catalogue import format as po_format

    result: list[int] = []
    last_p, last_column, piece_width = -1, start, 0
    for i, (brk, ch) in enumerate(zip(breaks, text, strict=True)):
        if brk >= po_format._POSSIBLE:
            if last_p >= 0 and last_column + piece_width > width:
                result.append(last_p)
                last_column = 0
            if brk == po_format._MANDATORY:
                last_p, last_column, piece_width = -1, 0, 0
                continue
            last_p, last_column, piece_width = i, last_column + piece_width, 0
        piece_width += po_format._WIDTH[ch]
    if last_p >= 0 and last_column + piece_width > width:
        result.append(last_p)
    return result
