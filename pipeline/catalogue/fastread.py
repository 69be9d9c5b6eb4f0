"""A fast, read-only catalogue reader for ``l10n check``, for files of the common shape.

polib is the catalogue reader everywhere else, and stays the reference: this module
returns exactly what ``polib.pofile(text)`` gives for the fields the checks use
(strings, context, plural forms, flags, references, obsolete, the metadata), at a
fraction of the cost. polib parses line by line in Python, 8-10 µs an entry; here
one compiled pattern matches a whole entry with the comments before it, so most of
the work is done by the regex engine, and an entry costs about 2 µs on top of the
syntax check that every catalogue goes through anyway.

It only reads files that :func:`syntax_fast` accepts (every
line blank, a comment or part of an entry, entries in keyword order, obsolete
entries last), and of those only the ones polib reads plainly. For anything else -
comments inside an entry, comment lines or spacing polib refuses (``#x``,
``msgid"x"``, ``#~msgid``), line breaks other than LF and CRLF (polib splits lines
with ``str.splitlines``), a file ending in bare ``#,`` lines (polib then drops the
last entry) - :func:`parse_fast` returns None and the caller falls back to polib,
which also says what is wrong with a broken file. It reads text only: the byte-level
checks of :func:`pipeline.catalogue.read.read_catalogue` (size, charset, UTF-8, byte order
mark, NUL) and its duplicate-msgid check stay with the caller.

Some of polib's readings are kept on purpose, since the result must equal it:
unknown escapes (``\\a``, ``\\x41``, ``\\101``) keep their backslash, a flags line
``#, a, , b`` gives an empty flag, a reference's line is whatever ``str.isdigit``
accepts after its last colon, ``msgstr[10]`` is read as index 1 (polib looks at one
digit), and the header is the entry with an empty msgid that polib's own lookup
finds, even one with a context.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Entry", "parse_fast", "syntax_fast", "unescape"]


# The common shape of a catalogue, as one whole-file pattern: every line blank, a
# comment or part of an entry, entries in keyword order, all active entries before
# all obsolete ones, strings on their keyword's line or right below it. Checking it
# with one C-level fullmatch is ~10x cheaper than the line-by-line pass; a file of
# any other shape (comments inside an entry, "#| msgstr" lines, odd spacing, broken
# files) takes the line-by-line pass, which alone says what is wrong and where.
# Anything this pattern accepts, the line-by-line pass accepts too.
_FAST_STRING = r'"(?:[^"\\\n]++|\\(?:[\\"abfnrtv?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*+"'
_FAST_END = r"[ \t]*+\r?"
# "#| msgid ..." lines (the previous msgid of a fuzzy entry) as the strict pass takes
# them; only the keywords polib reads there ("#| msgstr" takes the slow path).
_FAST_PREVIOUS = (
    rf"#(?:~[ \t]*+)?\|[ \t]*+(?:(?:msgctxt|msgid|msgid_plural)[ \t]*+)?{_FAST_STRING}[ \t]*+\r?"
)
_FAST_FILLER = rf"(?:[ \t]*+\r?|#(?![|~])[^\n]*+|{_FAST_PREVIOUS})"
_FAST_GAP = rf"\n(?:{_FAST_FILLER}\n)*+"


_FAST_OBSOLETE = r"#~[ \t]*+"
_FAST_PLURAL_FIRST = r"msgstr\[0\]"
_FAST_PLURAL_NEXT = r"msgstr\[[1-9][0-9]*+\]"


def _fast_token(mark: str, keyword: str) -> str:
    """A keyword line and the string lines right below it."""
    line = rf"[ \t]*+{_FAST_STRING}{_FAST_END}"
    return rf"{mark}{keyword}{line}(?:\n{mark}{line})*+"


def _fast_entry(mark: str) -> str:
    """One entry: [msgctxt] msgid, then msgstr or msgid_plural msgstr[0] msgstr[1] …"""
    gap = _FAST_GAP
    context, msgid = _fast_token(mark, "msgctxt"), _fast_token(mark, "msgid")
    msgstr, plural = _fast_token(mark, "msgstr"), _fast_token(mark, "msgid_plural")
    first, later = _fast_token(mark, _FAST_PLURAL_FIRST), _fast_token(mark, _FAST_PLURAL_NEXT)
    return rf"(?:{context}{gap})?+{msgid}{gap}(?:{msgstr}|{plural}{gap}{first}(?:{gap}{later})*+)"


_FAST_FILE = re.compile(
    rf"(?:(?:{_FAST_FILLER}|{_fast_entry('')})\n)*+"
    rf"(?:(?:{_FAST_FILLER}|{_fast_entry(_FAST_OBSOLETE)})\n)*+"
)
# A literal prefix lets the regex engine jump between candidate lines instead of
# trying "^" at every character; the obsolete form only when there is one.
_FAST_PLURAL = re.compile(r"\n(?:#~[ \t]*)?msgstr\[([0-9]+)\]")
_FAST_MSGID = re.compile(r'\nmsgid[ \t]*"')
_FAST_ANY_MSGID = re.compile(r'\n(?:#~[ \t]*)?msgid[ \t]*"')


def syntax_fast(text: str) -> list[tuple[int, bool]] | None:
    """Check the syntax of a file of the common shape; None for any other file.

    Returns the (line, obsolete) of every msgid keyword line, as the strict
    line-by-line check in :mod:`pipeline.catalogue.read` does.
    """
    if _FAST_FILE.fullmatch(text + "\n") is None:
        return None
    padded = "\n" + text  # every line, the first too, starts after a newline
    if "msgstr[" in text:
        # The pattern knows each plural block starts at [0]; the rest must count up.
        previous = 0
        for match in _FAST_PLURAL.finditer(padded):
            index = int(match.group(1))
            if index and index != previous + 1:
                return None
            previous = index
    msgids: list[tuple[int, bool]] = []
    number, position = 0, 0
    pattern = _FAST_ANY_MSGID if "#~" in text else _FAST_MSGID
    for match in pattern.finditer(padded):
        start = match.start() + 1
        number += padded.count("\n", position, start)
        position = start
        msgids.append((number, padded.startswith("#~", start)))
    return msgids


class Entry(NamedTuple):
    """One catalogue entry, with the fields ``l10n check`` reads, as polib gives them.

    ``linenum`` is the line of the ``msgid`` keyword (1-based), as ``syntax_fast``
    gives it, not polib's first line of the entry.
    """

    msgid: str
    msgstr: str
    msgid_plural: str
    msgstr_plural: dict[int, str]
    msgctxt: str | None
    flags: list[str]
    occurrences: list[tuple[str, str]]
    linenum: int
    obsolete: bool

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


# -- the entry pattern -----------------------------------------------------

# str.splitlines, which polib uses, breaks lines at more than LF: text with any of
# these (but CR right before LF) is left to polib, by keeping them out of every
# pattern below, so that a file holding one does not match to its end.
_BREAKS = "\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029"
_CHAR = f"[^{_BREAKS}]"
_SPACE = rf"[^\S{_BREAKS}]"  # whitespace, as str.split sees it, within a line
# Strings were checked by syntax_fast already, so these need not be strict.
_STRING = rf'"((?:[^"\\{_BREAKS}]++|\\{_CHAR})*+)"'  # its content captured
_OTHER_STRING = rf'"(?:[^"\\{_BREAKS}]++|\\{_CHAR})*+"'
_EOL = r"[ \t]*+\r?\n"
_BLANKS = rf"(?:{_EOL})*+"
# The comment lines polib reads: "#" or "##…", and "#.", "#:", "#," followed by
# whitespace or nothing. Any other ("#x", "#:x", "#,fuzzy") is a polib syntax error.
_COMMENT = rf"#(?:#{_CHAR}*+|[.:,]?+(?:{_SPACE}{_CHAR}*+)?+)\r?\n"
_FILLER = rf"(?:{_COMMENT}|{_EOL})*+"
# Before an entry, in the order gettext writes them: other comments and blank lines,
# the "#:" reference lines, the "#," flag lines; then anything else, which is rare.
_OTHER_COMMENT = rf"#(?:#{_CHAR}*+|\.?+(?:{_SPACE}{_CHAR}*+)?+)\r?\n"
# The usual single "#: path:digits" and "#, flag" lines are split by the pattern;
# str.split and str.isdigit agree with \S and [0-9] there, as only ASCII is matched.
_REFERENCE_LINES = (
    r"(?:#:[ \t]++([!-~]*):([0-9]++)[ \t]*+\r?\n(?!#:)"
    rf"|((?:#:(?:{_SPACE}{_CHAR}*+)?+\r?\n)*+))"
)
_FLAG_LINES = (
    r"(?:#,[ \t]++([!-+\--~]++)[ \t]*+\r?\n(?!#,)"
    rf"|((?:#,(?:{_SPACE}{_CHAR}*+)?+\r?\n)*+))"
)
# The previous msgid lines of a fuzzy entry, after its flags: read past, as l10n check
# has no use for them (polib's previous_msgid).
_PREVIOUS = (
    rf"#(?:~[ \t]*+)?\|[ \t]*+(?:(?:msgctxt|msgid|msgid_plural)[ \t]*+)?{_OTHER_STRING}{_EOL}"
)
_BEFORE = (
    rf"(?:{_OTHER_COMMENT}|{_EOL})*+{_REFERENCE_LINES}{_FLAG_LINES}"
    rf"((?:{_COMMENT}|{_PREVIOUS}|{_EOL})*+)"
)


def _entry_pattern(mark: str, more: str) -> re.Pattern[str]:
    """An entry and the comment and blank lines before it.

    ``mark`` starts every keyword line and ``more`` every continuation line. Keywords
    are followed by whitespace (polib splits on it), and only blank lines may come
    between an entry's keywords. Groups: reference lines, flag lines, later comment
    lines, then (first string, continuation lines) of msgctxt, msgid, msgstr and
    msgid_plural, then the msgstr[N] lines.
    """

    def token(keyword: str, capture: bool = True) -> str:
        first = _STRING if capture else _OTHER_STRING
        rest = rf"(?:{more}{_OTHER_STRING}{_EOL})*+"
        return rf"{mark}{keyword}{first}{_EOL}" + (f"({rest})" if capture else rest)

    spaced = r"[ \t]++"
    plural_first = token(r"msgstr\[0\][ \t]*+", capture=False)
    plural_next = token(r"msgstr\[[1-9][0-9]*+\][ \t]*+", capture=False)
    return re.compile(
        rf"{_BEFORE}"
        rf"(?:{token('msgctxt' + spaced)}{_BLANKS})?+"
        rf"{token('msgid' + spaced)}{_BLANKS}"
        rf"(?:{token('msgstr' + spaced)}"
        rf"|{token('msgid_plural' + spaced)}{_BLANKS}"
        rf"({plural_first}(?:{_BLANKS}{plural_next})*+))"
    )


_ACTIVE = _entry_pattern("", r"[ \t]*+")
_OBSOLETE = _entry_pattern(r"#~[ \t]++", r"#~[ \t]++")  # polib needs "#~" then a space
_TRAILER = re.compile(_FILLER)
# polib keys a plural form by the first digit of its index only.
_PLURAL = re.compile(
    rf"msgstr\[([0-9])[0-9]*+\][ \t]*+{_STRING}{_EOL}((?:(?:#~)?[ \t]*+{_OTHER_STRING}{_EOL})*+)"
)
_STRINGS = re.compile(_STRING)
_FLAGS = re.compile(r"^#,([^\n]*+)", re.MULTILINE)
_REFERENCES = re.compile(r"^#:([^\n]*+)", re.MULTILINE)
# A comment that polib reads (not a bare "#.", "#:" or "#,", which it skips).
_READ_COMMENT = re.compile(r"^#(?![.:,][^\S\n]*+$)", re.MULTILINE)


# -- strings ---------------------------------------------------------------


def unescape(text: str) -> str:
    """What ``polib.unescape`` gives for a string's content.

    polib turns ``\\\\ \\n \\t \\r \\v \\b \\f \\"`` into their characters and leaves
    any other escape as written, backslash included. In a valid string a backslash
    always starts an escape, so splitting at escaped backslashes first leaves pieces
    where plain replacing cannot pair the wrong characters.
    """
    if "\\\\" in text:
        return "\\".join(map(_unescape_piece, text.split("\\\\")))
    return _unescape_piece(text)


def _unescape_piece(text: str) -> str:
    text = text.replace("\\n", "\n")
    if "\\" in text:
        text = text.replace('\\"', '"')
        if "\\" in text:
            text = (
                text.replace("\\t", "\t")
                .replace("\\r", "\r")
                .replace("\\v", "\v")
                .replace("\\b", "\b")
                .replace("\\f", "\f")
            )
    return text


def _value(first: str, more: str) -> str:
    """A keyword's string: its first line and continuation lines, unescaped."""
    if more:
        first += "".join(_STRINGS.findall(more))
    return unescape(first) if "\\" in first else first


def _plural_forms(block: str) -> dict[int, str]:
    forms: dict[int, str] = {}
    for index, first, more in _PLURAL.findall(block):
        forms[int(index)] = _value(first, more)
    return forms


# -- comments --------------------------------------------------------------


def _flags(comments: str) -> list[str]:
    """Flags of the ``#,`` lines in ``comments``, split as polib does: on commas,
    stripped, empty ones kept; a bare ``#,`` line is skipped."""
    flags: list[str] = []
    for rest in _FLAGS.findall(comments):
        if rest.strip():
            flags += [flag.strip() for flag in rest.split(",")]
    return flags


def _flag_lines(lines: str) -> list[str]:
    """:func:`_flags` of a run of ``#,`` lines, with a fast way for the usual one line."""
    if lines.count("\n") != 1:
        return _flags(lines)
    rest = lines[2:]
    if "," not in rest:
        flag = rest.strip()
        return [flag] if flag else []
    return [flag.strip() for flag in rest.split(",")]


def _references(words: list[str]) -> list[tuple[str, str]]:
    """polib's (path, line) of each reference: split at the last colon when digits
    follow it, else the whole word with line ""."""
    occurrences: list[tuple[str, str]] = []
    for word in words:
        path, colon, line = word.rpartition(":")
        occurrences.append((path, line) if colon and line.isdigit() else (word, ""))
    return occurrences


def _reference_lines(lines: str) -> list[tuple[str, str]]:
    """:func:`_references` of a run of ``#:`` lines."""
    return _references(lines[2:].replace("\n#:", " ").split())


def _occurrences(comments: str) -> list[tuple[str, str]]:
    """:func:`_references` of the ``#:`` lines in ``comments``."""
    return _references(" ".join(_REFERENCES.findall(comments)).split())


# -- the file --------------------------------------------------------------

_new = tuple.__new__


def _read_entries(
    pattern: re.Pattern[str],
    text: str,
    position: int,
    obsolete: bool,
    lines: list[int],
    entries: list[Entry],
) -> int:
    """Append the entries ``pattern`` matches from ``position`` on; return where it stops.

    ``lines`` holds the msgid line of every entry of the file. Returns -1 if there are
    more entries than that.
    """
    match = pattern.match
    append = entries.append
    next_line = iter(lines[len(entries) :]).__next__
    try:
        while (found := match(text, position)) is not None:
            position = found.end()
            (
                path,
                line,
                references,
                flag,
                flagged,
                later,
                context,
                context_more,
                msgid,
                msgid_more,
                msgstr,
                msgstr_more,
                plural_msgid,
                plural_more,
                plural_forms,
            ) = found.groups()
            if line:
                occurrences = [(path, line)]
            else:
                occurrences = _reference_lines(references) if references else []
            if flag:
                flags = [flag]
            else:
                flags = _flag_lines(flagged) if flagged else []
            if later and ("#:" in later or "#," in later):  # not in gettext's order
                occurrences += _occurrences(later)
                flags += _flags(later)
            if msgid_more:
                msgid += "".join(_STRINGS.findall(msgid_more))
            if "\\" in msgid:
                msgid = unescape(msgid)
            if msgstr is None:
                msgid_plural = _value(plural_msgid, plural_more)
                forms = _plural_forms(plural_forms)
                msgstr = ""
            else:
                msgid_plural, forms = "", {}
                if msgstr_more:
                    msgstr += "".join(_STRINGS.findall(msgstr_more))
                if "\\" in msgstr:
                    msgstr = unescape(msgstr)
            if context is not None:
                context = _value(context, context_more)
            append(
                _new(
                    Entry,
                    (
                        msgid,
                        msgstr,
                        msgid_plural,
                        forms,
                        context,
                        flags,
                        occurrences,
                        next_line(),
                        obsolete,
                    ),
                )
            )
    except StopIteration:
        return -1
    return position


def _take_header(entries: list[Entry]) -> Entry | None:
    """Remove and return the header entry, as polib's ``find('')`` and ``remove`` do.

    Of several active entries with an empty msgid, polib takes the last one without
    a context (else the first), then removes the first entry its ``==`` calls equal
    to it: same plural and singular strings, context (None, "" and "0" alike) and
    sorted references.
    """
    matches = [e for e in entries if not e.msgid and not e.obsolete]
    if not matches:
        return None
    if len(matches) == 1:
        found = removed = matches[0]
    else:
        found = next((e for e in reversed(matches) if not e.msgctxt), matches[0])
        wanted = _polib_key(found)
        removed = next(e for e in matches if _polib_key(e) == wanted)
    del entries[next(i for i, e in enumerate(entries) if e is removed)]
    return found


def _polib_key(entry: Entry) -> tuple[object, ...]:
    """What polib's ``POEntry.__eq__`` compares (obsolete aside)."""
    return (
        sorted(entry.occurrences),
        entry.msgctxt or "0",
        entry.msgid_plural or "0",
        list(entry.msgstr_plural.values()),
        entry.msgid,
        entry.msgstr,
    )


def _metadata(header: Entry | None) -> dict[str, str]:
    """The header's ``Key: value`` lines, read as polib reads them."""
    metadata: dict[str, str] = {}
    if header is None:
        return metadata
    key = None
    for line in header.msgstr.splitlines():
        try:
            key, value = line.split(":", 1)
            metadata[key] = value.strip()
        except ValueError:
            if key is not None:
                metadata[key] += "\n" + line.strip()
    return metadata


def parse_fast(
    text: str, msgids: list[tuple[int, bool]] | None = None
) -> tuple[list[Entry], dict[str, str]] | None:
    """The entries (header left out) and metadata polib reads from ``text``.

    None when the file is not of the common shape or reads in some less plain way:
    the caller then uses polib. ``linenum`` is the msgid line, as ``syntax_fast``
    gives it; pass its result as ``msgids`` if you have it.
    """
    if msgids is None:
        msgids = syntax_fast(text)
    if msgids is None:
        return None
    lines = [number for number, _ in msgids]
    padded = text + "\n"
    entries: list[Entry] = []
    position = _read_entries(_ACTIVE, padded, 0, False, lines, entries)
    active = len(entries)
    if position >= 0:
        position = _read_entries(_OBSOLETE, padded, position, True, lines, entries)
    trailer = _TRAILER.fullmatch(padded, position) if position >= 0 else None
    if trailer is None or len(entries) != len(msgids):
        return None
    # syntax_fast lists active msgids first, so one boundary check aligns the flags.
    if (active and msgids[active - 1][1]) or (active < len(msgids) and not msgids[active][1]):
        return None
    rest = trailer.group()
    if entries and "#" in rest and not _READ_COMMENT.search(rest):
        # The file ends in bare "#,"-like lines: polib then drops the last entry.
        return None
    header = _take_header(entries)
    return entries, _metadata(header)
