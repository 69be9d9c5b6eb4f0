"""Tests for pipeline.catalogue.fastread: parse_fast must read exactly what polib reads.

Every test is differential: the same text goes through ``polib.pofile`` and
``parse_fast``, and the entries must agree field by field, the metadata key by key.
Files parse_fast leaves to polib must give None, never a different reading.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalogue.fastread import Entry, parse_fast, syntax_fast, unescape
from pipeline.catalogue.format import format_po

ROOT = Path(__file__).resolve().parent.parent


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


CATALOGUES = sorted(
    path
    for folder in (ROOT / "locales", ROOT / "tests" / "data")
    for path in folder.rglob("*")
    if path.suffix in (".po", ".pot") and path.is_file()
)
FAST = [
    path
    for path in CATALOGUES
    if (text := _text(path)) is not None and syntax_fast(text) is not None
]


def polib_fields(entry: polib.POEntry) -> tuple[object, ...]:
    return (
        entry.msgid,
        entry.msgstr,
        entry.msgid_plural,
        dict(entry.msgstr_plural),
        entry.msgctxt,
        entry.flags,
        entry.occurrences,
        bool(entry.obsolete),
        entry.fuzzy,
    )


def our_fields(entry: Entry) -> tuple[object, ...]:
    return (
        entry.msgid,
        entry.msgstr,
        entry.msgid_plural,
        entry.msgstr_plural,
        entry.msgctxt,
        entry.flags,
        entry.occurrences,
        entry.obsolete,
        entry.fuzzy,
    )


def assert_reads_like_polib(text: str) -> list[Entry]:
    """parse_fast reads ``text`` (not None) exactly as polib does."""
    result = parse_fast(text)
    assert result is not None
    entries, metadata = result
    po = polib.pofile(text, wrapwidth=0)
    assert [our_fields(e) for e in entries] == [polib_fields(e) for e in po]
    assert list(metadata.items()) == list(po.metadata.items())
    # polib numbers an entry from its first line; its msgid is the first msgid
    # line syntax_fast lists from there on.
    msgid_lines = [number for number, _ in syntax_fast(text) or []]
    expected = [msgid_lines[bisect.bisect_left(msgid_lines, e.linenum)] for e in po]
    assert [e.linenum for e in entries] == expected
    return entries


def assert_left_to_polib(text: str) -> None:
    assert parse_fast(text) is None


def generated(examples: int) -> settings:
    """Few examples: each runs polib, and the file should take seconds."""
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


# ---------------------------------------------------------------------------
# Real catalogues
# ---------------------------------------------------------------------------


def test_the_project_catalogues_are_of_the_common_shape() -> None:
    fast = {path.relative_to(ROOT).as_posix() for path in FAST}
    for locale in ("ar", "de", "es", "fr", "ru", "zh_Hans"):
        assert f"locales/{locale}/LC_MESSAGES/safety-guide.po" in fast
    assert "locales/safety-guide.pot" in fast


@pytest.mark.parametrize("path", FAST, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_real_catalogues_read_like_polib(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if _LINE_BREAKS.search(text):  # polib splits lines there too: its reading is kept
        assert_left_to_polib(text)
    else:
        assert_reads_like_polib(text)


#: Characters other than LF at which str.splitlines, and so polib, breaks a line.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|\r(?!\n)")


@pytest.mark.parametrize(
    "path",
    [p for p in CATALOGUES if p not in FAST and _text(p) is not None],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_catalogues_of_other_shapes_are_left_to_polib(path: Path) -> None:
    assert_left_to_polib(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Hand-written cases
# ---------------------------------------------------------------------------

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: test\\n"\n'
    '"Language: fr\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
)


def test_empty_msgstr_and_entries_without_comments() -> None:
    entries = assert_reads_like_polib(
        HEADER + '\nmsgid "One"\nmsgstr ""\n\nmsgid "Two"\nmsgstr "Deux"\n'
    )
    assert [(e.msgid, e.msgstr, e.linenum) for e in entries] == [
        ("One", "", 8),
        ("Two", "Deux", 11),
    ]
    assert entries[0].occurrences == [] and entries[0].flags == []
    assert entries[0].msgctxt is None and entries[0].msgstr_plural == {}


def test_header_only() -> None:
    assert assert_reads_like_polib(HEADER) == []
    assert parse_fast(HEADER) == (
        [],
        {
            "Project-Id-Version": "test",
            "Language": "fr",
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=2; plural=(n > 1);",
        },
    )


def test_empty_and_comment_only_files() -> None:
    assert assert_reads_like_polib("") == []
    assert assert_reads_like_polib("# just a comment\n#. and another\n") == []


def test_crlf_line_endings() -> None:
    text = HEADER + '\n#: a.md:3\n#, fuzzy\nmsgid ""\n"Two "\n"lines"\nmsgstr "Zwei"\n'
    crlf = text.replace("\n", "\r\n")
    assert syntax_fast(crlf) is not None
    entries = assert_reads_like_polib(crlf)
    assert our_fields(entries[0]) == our_fields(assert_reads_like_polib(text)[0])
    assert_reads_like_polib(crlf.removesuffix("\r\n") + "\r")  # a last line ending in CR


def test_references_with_and_without_line_numbers() -> None:
    text = HEADER + (
        '\n#: a.md:1 docs/b.md\tc.py:12\n#: d:e:7 f: :9 g:h x:٣\n#:\nmsgid "x"\nmsgstr "y"\n'
    )
    (entry,) = assert_reads_like_polib(text)
    assert entry.occurrences == [
        ("a.md", "1"),
        ("docs/b.md", ""),
        ("c.py", "12"),
        ("d:e", "7"),
        ("f:", ""),
        ("", "9"),
        ("g:h", ""),
        ("x", "٣"),  # str.isdigit, as polib uses it, takes any Unicode digit
    ]


def test_several_flag_lines_and_comma_separated_flags() -> None:
    text = HEADER + (
        '\n#, fuzzy, python-format\nmsgid "a %s"\nmsgstr "b %s"\n'
        '\n#, c-format\n#,\n#, no-wrap ,range: 1..4\nmsgid "c"\nmsgstr "d"\n'
        '\n#, python-format,, fuzzy,\nmsgid "e"\nmsgstr "f"\n'
    )
    first, second, third = assert_reads_like_polib(text)
    assert first.flags == ["fuzzy", "python-format"] and first.fuzzy
    assert second.flags == ["c-format", "no-wrap", "range: 1..4"] and not second.fuzzy
    assert third.flags == ["python-format", "", "fuzzy", ""]  # polib keeps empty flags


def test_comments_in_any_order_and_of_every_kind() -> None:
    text = HEADER + (
        "\n#, fuzzy\n# translator\n#: a.md:1\n##  double\n#. extracted\n#.\n#\n"
        '#: b.md:2\nmsgid "x"\nmsgstr "y"\n'
    )
    (entry,) = assert_reads_like_polib(text)
    assert entry.flags == ["fuzzy"] and entry.occurrences == [("a.md", "1"), ("b.md", "2")]


def test_contexts_plurals_and_obsolete_entries() -> None:
    text = HEADER + (
        '\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir"\n'
        '\nmsgctxt ""\nmsgid "Open"\nmsgstr "Ouvre"\n'
        '\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d fichier"\n'
        'msgstr[1] ""\n"%d "\n"fichiers"\n'
        '\n# gone\n#~ msgctxt "old"\n#~ msgid "Closed"\n#~ msgstr "Fermé"\n'
        '\n#~\tmsgid "a"\n#~ msgid_plural "b"\n#~ msgstr[0] "c"\n#~  msgstr[1] "d"\n#~ "e"\n'
    )
    entries = assert_reads_like_polib(text)
    assert [e.msgctxt for e in entries] == ["menu", "", None, "old", None]
    assert entries[2].msgstr_plural == {0: "%d fichier", 1: "%d fichiers"}
    assert [e.obsolete for e in entries] == [False, False, False, True, True]
    assert entries[4].msgstr_plural == {0: "c", 1: "de"}


def test_escapes_are_unescaped_as_polib_does() -> None:
    text = HEADER + (
        '\nmsgid "tab\\there \\"quoted\\" back\\\\slash\\\\n new\\nline"\n'
        'msgstr "\\a\\b\\f\\v\\r\\?\\\'\\101\\x41\\0 \\\\\\" é 日本"\n'
    )
    (entry,) = assert_reads_like_polib(text)
    assert entry.msgid == 'tab\there "quoted" back\\slash\\n new\nline'
    assert entry.msgstr == "\\a\b\f\v\r\\?\\'\\101\\x41\\0 \\\" é 日本"


@generated(20)
@given(st.lists(st.sampled_from(["\\n", "\\t", '\\"', "\\\\", "\\r", "\\v", "\\b", "\\f",
                                 "\\a", "\\?", "\\'", "\\0", "\\17", "\\101", "\\x4F",
                                 "n", "t", "x", "1", "f", " ", "é"])).map("".join))  # fmt: skip
def test_unescape_is_polibs(content: str) -> None:
    assert unescape(content) == polib.unescape(content)


def test_plural_index_is_read_from_one_digit_like_polib() -> None:
    forms = "".join(f'msgstr[{i}] "form {i}"\n' for i in range(12))
    (entry,) = assert_reads_like_polib(HEADER + f'\nmsgid "a"\nmsgid_plural "b"\n{forms}')
    assert entry.msgstr_plural[1] == "form 11" and len(entry.msgstr_plural) == 10


def test_blank_lines_and_spacing_within_an_entry() -> None:
    text = HEADER + (
        '\nmsgctxt\t"c"  \n\nmsgid  "a"\t\n  "b"\n\n\nmsgstr \t"d"\n\n  \n\n'
        'msgid "e"\nmsgid_plural "f"\n\nmsgstr[0]"g"\n\nmsgstr[1]   "h"\n'
    )
    assert [e.msgid for e in assert_reads_like_polib(text)] == ["ab", "e"]


def test_metadata_is_read_as_polib_reads_it() -> None:
    text = (
        '# Header comment\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n'
        '"no colon here\\n"\n"Language : de\\n"\n"X-Empty:\\n"\n"Project-Id-Version: y\\n"\n'
        '"Last: a\\rb: c"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    assert_reads_like_polib(text)
    assert assert_reads_like_polib('msgid ""\nmsgstr ""\n') == []


def test_header_is_the_entry_polib_finds() -> None:
    header_after = 'msgid "a"\nmsgstr "b"\n\n' + HEADER
    with_context = HEADER + '\nmsgctxt "c"\nmsgid ""\nmsgstr "Not: header"\n'
    context_only = 'msgctxt "c"\nmsgid ""\nmsgstr "Is: header"\n\nmsgid "a"\nmsgstr "b"\n'
    two_alike = HEADER + "\n" + HEADER
    two_with_context = (
        'msgctxt "x"\nmsgid ""\nmsgstr "A: 1"\n\nmsgctxt "y"\nmsgid ""\nmsgstr "B: 2"\n'
    )
    for text in (header_after, with_context, context_only, two_alike, two_with_context):
        assert_reads_like_polib(text)
    entries, metadata = parse_fast(two_alike) or ([], {})
    assert metadata["Language"] == "fr" and [e.linenum for e in entries] == [8]


def test_file_without_final_newline() -> None:
    assert_reads_like_polib(HEADER + '\n#: a.md:1\nmsgid "a"\nmsgstr "b"')
    assert_reads_like_polib(HEADER + '\n#~ msgid "a"\n#~ msgstr "b"')


def test_trailing_comments_after_the_last_entry() -> None:
    assert len(assert_reads_like_polib(HEADER + '\nmsgid "a"\nmsgstr "b"\n\n# note\n#,\n')) == 1


# ---------------------------------------------------------------------------
# Files left to polib
# ---------------------------------------------------------------------------


def test_previous_msgids_are_read_past_as_polib_reads_the_rest() -> None:
    # Weblate's and msgmerge's fuzzy entries: "#|" lines, "#~|" in obsolete ones.
    text = HEADER + (
        '\n#: a.py:1\n#, fuzzy, python-format\n#| msgctxt "old"\n#| msgid "Helo %s"\n'
        '#| msgid_plural "Helos"\n#| "!"\nmsgid "Hello %s"\nmsgstr "Hallo %s"\n'
        '\n#, fuzzy\n#~| msgid "Edit string"\n#~ msgid "Edited string"\n#~ msgstr "Bearbeitet"\n'
    )
    assert polib.pofile(text)[0].previous_msgid == "Helo %s"
    first, second = assert_reads_like_polib(text)
    assert first.flags == ["fuzzy", "python-format"] and first.occurrences == [("a.py", "1")]
    assert second.obsolete and second.msgstr == "Bearbeitet"


def test_previous_msgstr_lines_are_left_to_polib() -> None:
    text = HEADER + '\n#, fuzzy\n#| msgstr "Helo"\nmsgid "Hello"\nmsgstr "Hallo"\n'
    assert_left_to_polib(text)


def test_broken_files_are_left_to_polib() -> None:
    for text in (
        HEADER + '\nmsgid "unterminated\nmsgstr ""\n',
        HEADER + '\nmsgstr "no msgid"\n',
        HEADER + '\nmsgid "a"\n',
        HEADER + '\nmsgid "a"\nmsgstr "\\q"\n',
        HEADER + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\n',
    ):
        assert_left_to_polib(text)


@pytest.mark.parametrize(
    "text",
    [
        HEADER + '\n#comment\nmsgid "a"\nmsgstr "b"\n',
        HEADER + '\n#,fuzzy\nmsgid "a"\nmsgstr "b"\n',
        HEADER + '\n#:a.md:1\nmsgid "a"\nmsgstr "b"\n',
        HEADER + '\nmsgid"a"\nmsgstr "b"\n',
        HEADER + '\nmsgid "a"\nmsgstr"b"\n',
        HEADER + '\n#~msgid "a"\n#~ msgstr "b"\n',
        HEADER + '\nmsgid "a"\n#. inside\nmsgstr "b"\n',
        HEADER + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n#, fuzzy\nmsgstr[1] "d"\n',
    ],
    ids=["#x", "#,x", "#:x", "msgid-no-space", "msgstr-no-space", "#~msgid", "gc", "fl"],
)
def test_what_polib_refuses_is_left_to_polib(text: str) -> None:
    with pytest.raises(OSError):
        polib.pofile(text)
    assert_left_to_polib(text)


@pytest.mark.parametrize(
    "text",
    [
        # polib drops the last entry when the file ends in lines it skips.
        HEADER + '\nmsgid "a"\nmsgstr "b"\n#,\n',
        # A translator comment inside an entry makes polib split it in two.
        HEADER + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n# note\nmsgstr[1] "d"\n',
        HEADER + '\nmsgid "a"\n# note\nmsgstr "b"\n',
        # polib splits lines at these with str.splitlines.
        HEADER + '\nmsgid "a\u2028b"\nmsgstr ""\n',
        HEADER + '\n# note\x85more\nmsgid "a"\nmsgstr ""\n',
        HEADER + '\nmsgid "a\rb"\nmsgstr ""\n',
        HEADER + '\nmsgid "a\x0cb"\nmsgstr ""\n',
    ],
    ids=["trailing-bare-flags", "tc-in-plurals", "tc-in-entry", "u2028", "u0085", "cr", "ff"],
)
def test_files_polib_reads_oddly_are_left_to_polib(text: str) -> None:
    assert_left_to_polib(text)


def test_polib_drops_the_last_entry_before_bare_skipped_lines() -> None:
    # Why a file ending in "#," is left to polib: a reader must match polib, quirks too.
    assert len(polib.pofile(HEADER + '\nmsgid "a"\nmsgstr "b"\n#,\n')) == 0


# ---------------------------------------------------------------------------
# Generated catalogues
# ---------------------------------------------------------------------------

# What polib's str.splitlines breaks lines at: files with these are left to polib.
BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
LETTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters=BREAKS)
WORDS = st.one_of(
    st.sampled_from(["\n", "\t", '"', "\\", "\\n", " ", "%s", "{0}", "«»", "日本語", "ü", "é"]),
    st.text(LETTERS, min_size=1, max_size=10),
    st.text("abcdefgh ", min_size=20, max_size=90),
)
TEXT = st.lists(WORDS, max_size=8).map("".join)
FILES = st.sampled_from(["a.md", "docs/guide.md", "src/módulo.py", "x", "page.md"])
FLAGS = st.sampled_from(["fuzzy", "python-format", "c-format", "no-wrap", "range: 1..4"])


@st.composite
def po_entries(draw: st.DrawFn) -> polib.POEntry:
    entry = polib.POEntry(msgid=draw(TEXT.filter(bool)), msgctxt=draw(st.none() | TEXT))
    if draw(st.booleans()):
        entry.msgid_plural = draw(TEXT.filter(bool))
        entry.msgstr_plural = {i: draw(TEXT) for i in range(draw(st.integers(1, 3)))}
    else:
        entry.msgstr = draw(TEXT)
    entry.flags = draw(st.lists(FLAGS, max_size=3, unique=True))
    entry.occurrences = draw(
        st.lists(st.tuples(FILES, st.just("") | st.integers(1, 9999).map(str)), max_size=4)
    )
    entry.tcomment = draw(st.just("") | st.text("abc #:,.", min_size=1, max_size=20))
    entry.comment = draw(st.just("") | st.text("xyz", min_size=1, max_size=20))
    entry.obsolete = draw(st.integers(0, 5)) == 0
    return entry


@st.composite
def po_texts(draw: st.DrawFn) -> str:
    po = polib.POFile()
    po.header = "A generated catalogue"
    po.metadata = {"Project-Id-Version": "x", "Language": "de", "Plural-Forms": "nplurals=2;"}
    items = draw(st.lists(po_entries(), max_size=8, unique_by=lambda e: (e.msgctxt, e.msgid)))
    po.extend(sorted(items, key=lambda e: e.obsolete))
    text = format_po(po, draw(st.sampled_from([0, 40, 79])))
    return text.replace("\n", "\r\n") if draw(st.integers(0, 4)) == 0 else text


@generated(50)
@given(po_texts())
def test_catalogues_written_by_format_po_read_like_polib(text: str) -> None:
    assert_reads_like_polib(text)


# Raw text, for what format_po never writes: odd spacing, comment order, blank lines
# inside entries, strings split anywhere, unknown escapes, references polib splits.
ESCAPES = ["\\n", "\\t", '\\"', "\\\\", "\\r", "\\v", "\\b", "\\f", "\\a", "\\?", "\\'",
           "\\0", "\\101", "\\x41", "\\xfF"]  # fmt: skip
PIECE = st.sampled_from(ESCAPES) | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\' + BREAKS),
    min_size=1,
    max_size=6,
)
SEGMENT = st.lists(PIECE, max_size=4).map("".join)
SPACE = st.sampled_from([" ", "\t", "  ", " \t"])
# In comments polib splits on any whitespace str.split knows.
COMMENT_SPACE = SPACE | st.sampled_from(["\xa0", "\u3000", "\x1f", " \u2003"])
TRAIL = st.sampled_from(["", "", " ", "\t "])
REFERENCE = st.sampled_from(
    ["a.md:1", "src/b.py:22", "noline", "odd:", "a:b:3", "c:x", ":7", "файл.md:3", "y:٣", "z:²"]
)
FLAG_LIST = st.lists(
    st.sampled_from(["fuzzy", "python-format", "no-wrap", "range: 1..4", "", " c-format "]),
    min_size=1,
    max_size=3,
)


@st.composite
def comment_line(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["#:", "#,", "#.", "#", "##", "blank", "bare"]))
    note = st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x2FF, blacklist_characters="\x85"),
        max_size=12,
    )
    if kind == "#:":
        return (
            "#:"
            + draw(COMMENT_SPACE)
            + draw(COMMENT_SPACE).join(draw(st.lists(REFERENCE, min_size=1)))
        )
    if kind == "#,":
        return (
            "#,"
            + draw(COMMENT_SPACE)
            + draw(st.sampled_from([",", ", ", " ,"])).join(draw(FLAG_LIST))
        )
    if kind == "#.":
        return "#." + draw(COMMENT_SPACE) + draw(note)
    if kind == "#":
        return "#" + draw(st.just("") | COMMENT_SPACE.map(lambda s: s + draw(note)))
    if kind == "##":
        return "##" + draw(note)
    if kind == "blank":
        return draw(TRAIL)
    return draw(st.sampled_from(["#:", "#,", "#.", "#: ", "#,\t"]))


@st.composite
def raw_string(draw: st.DrawFn, prefix: str, more: str) -> list[str]:
    segments = draw(st.lists(SEGMENT, min_size=1, max_size=3))
    first = f'{prefix}"{segments[0]}"{draw(TRAIL)}'
    return [first, *(f'{more}{draw(st.sampled_from(["", " ", "  "]))}"{s}"' for s in segments[1:])]


@st.composite
def raw_entry(draw: st.DrawFn, obsolete: bool) -> list[str]:
    mark = draw(st.sampled_from(["#~ ", "#~\t", "#~  "])) if obsolete else ""
    more = mark.rstrip() + " " if obsolete else ""
    lines = draw(st.lists(comment_line(), max_size=5))
    gap = st.lists(TRAIL, max_size=1)  # blank lines may come between keywords

    def token(keyword: str) -> list[str]:
        return [*draw(gap), *draw(raw_string(mark + keyword + draw(SPACE), more))]

    if draw(st.booleans()):
        lines += token("msgctxt")
    lines += token("msgid")
    if draw(st.booleans()):
        lines += token("msgid_plural")
        for index in range(draw(st.integers(1, 3))):
            lines += token(f"msgstr[{index}]")
    else:
        lines += token("msgstr")
    return lines


@st.composite
def raw_texts(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ['msgid ""', 'msgstr ""', '"Language: de\\n"', '"X-Note: a\\n"', '"b\\n"']
    for obsolete in (False, True):
        for entry in draw(st.lists(raw_entry(obsolete), max_size=4)):
            lines += ["", *entry]
    lines += draw(st.sampled_from([[], [""], ["# end"], ["", "#. end", "#,"]]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


@generated(50)
@given(raw_texts())
def test_raw_catalogues_read_like_polib(text: str) -> None:
    assert_reads_like_polib(text)


MUTATIONS = st.sampled_from(
    ["#x", "#,", "#| msgid \"a\"", "# note", "#. note", "\u2028", "\r", "msgid\"a\"", "\x85",
     "#~msgid \"z\"", "msgstr \"q\"", '"cont"', ""]
)  # fmt: skip


@generated(30)
@given(raw_texts(), st.lists(st.tuples(st.integers(0, 200), MUTATIONS), min_size=1, max_size=3))
def test_mutated_catalogues_read_like_polib_or_are_left_to_it(
    text: str, mutations: list[tuple[int, str]]
) -> None:
    lines = text.split("\n")
    for where, line in mutations:
        lines.insert(where % (len(lines) + 1), line)
    mutated = "\n".join(lines)
    if parse_fast(mutated) is not None:
        assert_reads_like_polib(mutated)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x1e", "\v"])
def test_line_separators_inside_strings_are_text(tmp_path: Path, separator: str) -> None:
    # Indico's zh_Hans catalogue ends a msgstr in U+2028; polib, given the text,
    # splits lines there too and loses what follows. msgfmt splits only at "\n".
    from pipeline.catalogue.read import read_catalogue, read_entries

    msgstr = f"所有Indico {separator}next"
    path = tmp_path / "zh_Hans.po"
    path.write_text(HEADER + f'\nmsgid "All Indico"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    assert [e.msgstr for e in read_catalogue(path)] == [msgstr]
    entries, _ = read_entries(path)
    assert [e.msgstr for e in entries] == [msgstr]


def test_default_comments_give_a_message_key_its_text(tmp_path: Path) -> None:
    from pipeline.catalogue.read import read_entries_and_defaults

    path = tmp_path / "plone.po"
    path.write_text(
        HEADER + '\n#. Default: "by ${creator}, \\"last\\" updated"\n#: a.pt:1\n'
        'msgid "text_creator"\nmsgstr "von ${creator}"\n'
        '\n#. Default: ""\n#. "<p>Welcome!</p>"\n#. " <p>Thanks.</p>"\n'
        'msgid "front-text"\nmsgstr "<p>Willkommen!</p>"\n'
        '\nmsgid "plain"\nmsgstr "schlicht"\n',
        encoding="utf-8",
    )
    entries, _, defaults = read_entries_and_defaults(path)
    lines = {e.msgid: e.linenum for e in entries}
    assert defaults == {
        lines["text_creator"]: 'by ${creator}, "last" updated',
        lines["front-text"]: "<p>Welcome!</p> <p>Thanks.</p>",
    }
