"""Serialise polib catalogues byte-for-byte the way GNU gettext's ``msgcat`` does.

polib's own writer wraps differently from gettext, so every ``msgmerge`` or
``msgcat`` run over a file we wrote would produce a noisy diff.  This module
reproduces ``write-po.c`` of gettext 0.21 with libunistring 1.0 (Debian 12)
closely enough that ``msgcat -o f.po f.po`` leaves our output unchanged, both
at a page width (``msgcat --width=N``, default 79; like gettext, widths
below 20 count as 20) and without wrapping (``msgcat --no-wrap``, which we
spell ``width=0``).

It does this one format completely, odd corners included, and so is longer than
the other modules.

What gettext does, and so what we do:

* Entries are written as: translator comments, extracted comments, references
  (packed several per line up to the page width, even with ``--no-wrap``),
  flags, previous msgctxt/msgid/msgid_plural (``#|``), then the message
  keywords.  Obsolete entries go last, with ``#~`` / ``#~|`` prefixes; their
  comments keep the ordinary ``#`` prefixes.
* Flags are normalised: only flags gettext knows survive, in gettext's order
  (``fuzzy``, the ``*-format`` flags in gettext's language order, ``range:``,
  ``no-wrap``).  ``fuzzy`` is dropped when ``msgstr`` (``msgstr[0]``) is
  empty, and an obsolete entry with an empty ``msgstr`` is dropped entirely.
* Strings are split after each embedded newline; a string that contains an
  inner newline or does not fit on one line starts with ``""``.  Within a
  line, breaks go where libunistring 1.0's line breaking (its UAX #14) allows,
  counting display columns, never inside an escape sequence or inside a
  format directive of the entry's first ``*-format`` flag (implemented for
  c, python and python-brace; python-brace with gettext 0.21's offset bug).

Limits: character properties come from uniseg plus Python's ``unicodedata``,
which is Unicode 14 on Python 3.11 as in libunistring 1.0; on a newer Python,
characters assigned after Unicode 14 may be measured differently.  What PO
files cannot hold is adapted the way gettext would read it back: a previous
msgctxt or msgid_plural without a previous msgid is omitted, a comment line
ending in a backslash is joined with the next one.  NUL and EOT (U+0004) in
strings are rejected by gettext and not checked here.

The line breaking needs per-character Python work, so the common case - a
string that fits on its line - is detected first and written directly.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polib
from uniseg.emoji import extended_pictographic
from uniseg.linebreak import line_break

__all__ = ["DEFAULT_WIDTH", "format_entry", "format_po"]

DEFAULT_WIDTH = 79
"""gettext's default page width."""

# With --no-wrap gettext still packs references at the default width.
_REFERENCE_WIDTH_WITHOUT_WRAP = DEFAULT_WIDTH
# gettext silently raises smaller page widths to this.
_MIN_WIDTH = 20

# ---------------------------------------------------------------------------
# Escaping
# ---------------------------------------------------------------------------

# gettext escapes exactly these; every other control character is written raw.
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_TABLE)


# ---------------------------------------------------------------------------
# Display width: libunistring 1.0's uc_width() for a UTF-8 locale
# ---------------------------------------------------------------------------

# Unassigned code points that libunistring nevertheless counts as wide (the
# East Asian blocks and planes 2-3), checked against uc_width() exhaustively.
_UNASSIGNED_WIDE = (
    (0x2E80, 0x303E),
    (0x3040, 0xA4CF),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
    (0x1F200, 0x1F2FF),
    (0x20000, 0x3FFFF),
)
# Spacing characters that Unicode 14 marks as non-spacing (Mn).
_MN_BUT_SPACING = frozenset((0x0CBF, 0x0CC6, 0x11A07, 0x11A08, 0x11C3F))


def _compute_width(char: str) -> int:
    """Columns taken by *char*; control characters count 0 (gettext ignores them)."""
    cp = ord(char)
    if cp < 0x20 or 0x7F <= cp < 0xA0:
        return 0
    if cp in _MN_BUT_SPACING:
        return 1
    category = unicodedata.category(char)
    # Hangul medial vowels and final consonants combine into the syllable.
    if (
        category in ("Mn", "Me", "Cf")
        or 0x1160 <= cp <= 0x11FF
        or 0xD7B0 <= cp <= 0xD7C6
        or 0xD7CB <= cp <= 0xD7FB
    ):
        return 0
    if category == "Cn":
        return 2 if any(lo <= cp <= hi for lo, hi in _UNASSIGNED_WIDE) else 1
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _WidthCache(dict[str, int]):
    def __missing__(self, char: str) -> int:
        width = self[char] = _compute_width(char)
        return width


_WIDTH = _WidthCache()


def _text_width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(_WIDTH.__getitem__, text))


# ---------------------------------------------------------------------------
# Line breaking: libunistring 1.0's u8_possible_linebreaks()
# ---------------------------------------------------------------------------

# Classes of the pair table, in libunistring's order, followed by OP2 (an
# East Asian opening bracket, which letters and digits may break before) and
# the classes handled outside the table.
_TABLE_CLASSES = (
    "WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL RI ZWJ EB EM"
).split()
_CLS = {name: index for index, name in enumerate([*_TABLE_CLASSES, "OP2", "SP", "ZW", "CM", "BK"])}
_OP, _OP2, _SP, _ZW, _CM, _BK = (_CLS[n] for n in ("OP", "OP2", "SP", "ZW", "CM", "BK"))
_AL, _HL, _NU, _HY, _BA, _RI, _ZWJ = (_CLS[n] for n in ("AL", "HL", "NU", "HY", "BA", "RI", "ZWJ"))
_HL_BA = -1  # pseudo class: Hebrew letter followed by a hyphen (rule LB21a)

# libunistring 1.0's pair table (its unilbrk_table plus the East Asian
# bracket rule), rows = class before, columns = class after, last column and
# row OP2.  D: break allowed, I: only across spaces, P: prohibited.  It was
# read off the installed libunistring by probing every pair of classes.
_PAIR_ROWS = """
WJ  PIIIIIPPPIIIIPIIIPIIIIIIIIIIIII
GL  PIIIIIPPPIIIIPIIIPIIIIIIIIIIIII
B2  PIPIDIPPPIIDIPDDDPDDDDDDDDDIDDD
BA  PDDIDIPPPIIDIPDDDPDDDDDDDDDIDDD
BB  PIIIIIPPPIIIIPIIIPIIIIIIIIIIIII
HY  PDDIDIPPPIIDIPIDDPDDDDDDDDDIDDD
CL  PIDIDIPPPIPDIPDIIPDDDDDDDDDIDDD
CP  PIDIDIPPPIIDIPIIIPIDDDDDDIDIDDD
EX  PIDIDIPPPIIDIPDDDPDDDDDDDDDIDDD
IN  PIDIDIPPPIIDIPDDDPDDDDDDDDDIDDD
NS  PIDIDIPPPIIDIPDDDPDDDDDDDDDIDDD
OP  PPPPPPPPPPPPPPPPPPPPPPPPPPPIPPP
QU  PIIIIIPPPIIPIPIIIPIIIIIIIIIIIIP
IS  PIDIDIPPPIIDIPIDDPDDDDDDDDDIDDD
NU  PIDIDIPPPIIIIPIIIPIDDDDDDIDIDDD
PO  PIDIDIPPPIIIIPIDDPIDDDDDDIDIDDI
PR  PIDIDIPPPIIIIPIDDPIIIIIIIIDIIII
SY  PIDIDIPPPIIDIPIDDPDDDDDDDIDIDDD
AL  PIDIDIPPPIIIIPIIIPIDDDDDDIDIDDD
H2  PIDIDIPPPIIDIPDIDPDDDDDIIDDIDDD
H3  PIDIDIPPPIIDIPDIDPDDDDDDIDDIDDD
ID  PIDIDIPPPIIDIPDIDPDDDDDDDDDIDDD
JL  PIDIDIPPPIIDIPDIDPDIIDIIDDDIDDD
JV  PIDIDIPPPIIDIPDIDPDDDDDIIDDIDDD
JT  PIDIDIPPPIIDIPDIDPDDDDDDIDDIDDD
HL  PIDIDIPPPIIIIPIIIPIDDDDDDIDIDDD
RI  PIDIDIPPPIIDIPDDDPDDDDDDDDIIDDD
ZWJ PIIIIIPPPIIIIPIIIPIIIIIIIIIIIII
EB  PIDIDIPPPIIDIPDIDPDDDDDDDDDIDID
EM  PIDIDIPPPIIDIPDIDPDDDDDDDDDIDDD
OP2 PPPPPPPPPPPPPPPPPPPPPPPPPPPIPPP
"""
_D, _I, _P = 0, 1, 2


def _build_pair_table() -> list[list[int]]:
    code = {"D": _D, "I": _I, "P": _P}
    table = [[code[c] for c in row.split()[1]] for row in _PAIR_ROWS.strip().splitlines()]
    if len(table) != len(_TABLE_CLASSES) + 1 or any(len(r) != len(table) for r in table):
        raise AssertionError("malformed line-break pair table")
    return table


_PAIR = _build_pair_table()

# Map of uniseg (Unicode 16) classes to the class libunistring 1.0 uses.
_RESOLVE = {
    "AI": "AL",  # ambiguous: alphabetic outside CJK encodings
    "CB": "ID",
    "SA": "AL",  # no dictionary-based breaking of South East Asian scripts
    "XX": "AL",
    "CJ": "NS",
    "NL": "BK",
    "CR": "BK",
    "LF": "BK",
    "SG": "AL",
    "AK": "AL",  # Unicode 15.1 Brahmic classes, unknown to libunistring 1.0
    "AP": "AL",
    "AS": "AL",
    "VI": "CM",
    "VF": "CM",
}

# Assigned characters whose class changed between Unicode 14 (libunistring
# 1.0) and Unicode 16 (uniseg), found by comparing against libunistring.
_OVERRIDES = """
AL 0600-0605 06DD 0890-0891 08E2 19DA 1B5C 1B61-1B6A 1B74-1B7C 2057 A9C1-A9C6
   A9CA-A9CD A9CF A9DE-A9DF AA40-AA42 AA44-AA4B AA5C 11049-1104D 11052-11065
   110BD 110CD 1133D 1135D 11EF2 11EF7-11EF8
NU 1B50-1B59 A9D0-A9D9 AA50-AA59 11066-1106F 11950-11959
CM 1DCD 1DFC FE20-FE2F 1107F
ID 1F10D-1F10F 1F16D-1F16F 1F1AD 1F8B0-1F8B1
CL 2E56 2E58 2E5A 2E5C
IS FE10 FE13-FE14
"""

# Classes UAX #14 gives to unassigned code points of some blocks.
_UNASSIGNED_DEFAULTS = (
    (0x20A0, 0x20CF, "PR"),
    (0x3400, 0x4DBF, "ID"),
    (0x4E00, 0x9FFF, "ID"),
    (0xF900, 0xFAFF, "ID"),
    (0x20000, 0x2FFFD, "ID"),
    (0x30000, 0x3FFFD, "ID"),
)


def _parse_overrides(spec: str) -> list[tuple[int, int, str]]:
    ranges: list[tuple[int, int, str]] = []
    cls = ""
    for token in spec.split():
        if token.isalpha() and token.isupper() and len(token) == 2:
            cls = token
            continue
        lo, _, hi = token.partition("-")
        ranges.append((int(lo, 16), int(hi or lo, 16), cls))
    return ranges


_OVERRIDE_RANGES = _parse_overrides(_OVERRIDES)


def _compute_class(char: str) -> int:
    cp = ord(char)
    if unicodedata.category(char) == "Cn":
        # Unassigned in Unicode 14: libunistring gives reserved pictographic
        # code points the emoji-base class, and the UAX #14 block defaults.
        if extended_pictographic(char):
            return _CLS["EB"]
        for lo, hi, cls in _UNASSIGNED_DEFAULTS:
            if lo <= cp <= hi:
                return _CLS[cls]
        return _AL
    for lo, hi, cls in _OVERRIDE_RANGES:
        if lo <= cp <= hi:
            return _CLS[cls]
    name = str(line_break(char))
    name = _RESOLVE.get(name, name)
    if name == "OP" and unicodedata.east_asian_width(char) in ("W", "F", "H"):
        return _OP2
    return _CLS[name]


class _ClassCache(dict[str, int]):
    def __missing__(self, char: str) -> int:
        cls = self[char] = _compute_class(char)
        return cls


_LB_CLASS = _ClassCache()

# Break decisions, as in libunistring (UC_BREAK_*).
_UNDEFINED, _PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2, 3


class _ClassChars(dict[int, str]):
    """``str.translate`` table: each character to one character standing for its class."""

    def __missing__(self, codepoint: int) -> str:
        value = self[codepoint] = chr(_CLASS_BASE + _LB_CLASS[chr(codepoint)])
        return value


_CLASS_BASE = 0xE000
_CLASS_CHARS = _ClassChars()
# The classes whose rules look further than the pair before: text holding any of
# them is read character by character.
_SPECIAL = re.compile(
    "[" + "".join(chr(_CLASS_BASE + c) for c in (_BK, _ZW, _CM, _ZWJ, _RI, _HL)) + "]"
)


_RUNS = re.compile(r"(.)\1*", re.S)
_SP_CHAR = chr(_CLASS_BASE + _SP)


def _possible_breaks(text: str) -> list[int]:
    """Break opportunity before each character of *text* (u8_possible_linebreaks).

    Read run by run of one line-break class, not character by character: within a
    run the decision is the pair table's for the class with itself (letters never
    break, ideographs always may), so a sentence costs a step per word and space.
    Text holding a class whose rule looks further back (a mandatory break, a
    combining mark, a joiner, a regional indicator, a Hebrew letter) is read
    character by character.
    """
    classes = text.translate(_CLASS_CHARS)
    if _SPECIAL.search(classes):
        return _possible_breaks_by_character(text)
    breaks = [_PROHIBITED] * len(text)
    last_prop = _BK
    seen_space = False
    pair = _PAIR
    for run in _RUNS.finditer(classes):
        char = run.group(1)
        if char == _SP_CHAR:
            seen_space = True
            continue
        prop = ord(char) - _CLASS_BASE
        start, end = run.span()
        if last_prop != _BK:
            rule = pair[last_prop][prop]
            if rule == _D or (rule == _I and seen_space):
                breaks[start] = _POSSIBLE
        if end - start > 1 and pair[prop][prop] == _D:
            breaks[start + 1 : end] = [_POSSIBLE] * (end - start - 1)
        last_prop = prop
        seen_space = False
    return breaks


def _possible_breaks_by_character(text: str) -> list[int]:
    """:func:`_possible_breaks`, one character at a time, as libunistring does it."""
    breaks = [_PROHIBITED] * len(text)
    prev_prop = last_prop = _BK
    seen_space = False
    ri_count = 0
    for i, prop in enumerate(map(_LB_CLASS.__getitem__, text)):
        if prop == _BK:
            breaks[i] = _MANDATORY
            prev_prop = last_prop = _BK
            seen_space = False
            ri_count = 0
            continue
        if prop == _SP:
            seen_space = True
        elif prop == _ZW:
            last_prop = _ZW
            seen_space = False
        elif prop == _CM or prop == _ZWJ:
            # A combining mark attaches to what precedes it, unless that is
            # a line start, a space or a zero-width space: then it acts as AL.
            if last_prop == _BK:
                last_prop = _AL
                seen_space = False
            elif last_prop == _ZW or seen_space:
                breaks[i] = _POSSIBLE
                last_prop = _AL
                seen_space = False
        else:
            if last_prop == _BK or prev_prop == _ZWJ or prev_prop == _HL_BA:
                pass
            elif last_prop == _ZW:
                breaks[i] = _POSSIBLE
            elif last_prop == _RI and prop == _RI:
                if seen_space or ri_count % 2 == 0:
                    breaks[i] = _POSSIBLE
            else:
                rule = _PAIR[last_prop][prop]
                if rule == _D or (rule == _I and seen_space):
                    breaks[i] = _POSSIBLE
            last_prop = prop
            seen_space = False
        prev_prop = _HL_BA if prev_prop == _HL and (prop == _HY or prop == _BA) else prop
        ri_count = ri_count + 1 if prop == _RI else 0
    return breaks


def _width_breaks(text: str, overrides: Sequence[int], width: int, start_column: int) -> list[int]:
    """Indices of *text* before which a line break goes (u8_width_linebreaks).

    Greedy: a piece between two break opportunities that would cross *width*
    moves to a new line.  A mandatory break character (e.g. U+2028) resets
    the column without producing an output line break, exactly like gettext.
    """
    if _MANDATORY not in overrides and _POSSIBLE not in overrides:
        classes = text.translate(_CLASS_CHARS)
        if not _SPECIAL.search(classes):
            return _breaks_where_lines_fill(text, classes, overrides, width, start_column)
    breaks = _possible_breaks(text)
    result: list[int] = []
    last_p = -1
    last_column = start_column
    piece_width = 0
    for i, (brk, ch) in enumerate(zip(breaks, text, strict=True)):
        if overrides[i] != _UNDEFINED:
            brk = overrides[i]
        if brk >= _POSSIBLE:
            if last_p >= 0 and last_column + piece_width > width:
                result.append(last_p)
                last_column = 0
            if brk == _MANDATORY:
                last_p = -1
                last_column = 0
                piece_width = 0
                continue
            last_p = i
            last_column += piece_width
            piece_width = 0
        piece_width += _WIDTH[ch]
    if last_p >= 0 and last_column + piece_width > width:
        result.append(last_p)
    return result


def _breaks_where_lines_fill(
    text: str, classes: str, overrides: Sequence[int], width: int, start_column: int
) -> list[int]:
    """:func:`_width_breaks` for text with no mandatory break and no class whose rule
    looks further back than the last non-space: the same greedy filling, but break
    opportunities are only looked for where a line fills up, not at every character.

    Whether a break may go before character i depends only on its class and that of
    the last non-space before it (directly, or across spaces), so it can be decided
    on the spot. A long paragraph then costs a short scan per output line.
    """
    n = len(text)
    pair = _PAIR
    space = _SP_CHAR
    forbidden = _PROHIBITED in overrides

    def is_break(i: int) -> bool:
        char = classes[i]
        if char == space or (forbidden and overrides[i] == _PROHIBITED):
            return False
        j = i - 1
        while j >= 0 and classes[j] == space:
            j -= 1
        if j < 0:
            return False
        rule = pair[ord(classes[j]) - _CLASS_BASE][ord(char) - _CLASS_BASE]
        return rule == _D or (rule == _I and j < i - 1)

    if text.isascii() and text.isprintable():

        def overflow(start: int, limit: int) -> int:
            """The first index e with width(text[start:e]) > limit."""
            return start + limit + 1 if limit >= 0 else start

    else:
        sums = [0, *itertools.accumulate(map(_WIDTH.__getitem__, text))]

        def overflow(start: int, limit: int) -> int:
            return max(start, bisect.bisect_right(sums, sums[start] + limit))

    result: list[int] = []
    last_p = -1
    line, column = 0, start_column  # where the current output line starts, and its column
    scan = 1  # breaks before this index have been seen
    while True:
        end = overflow(line, width - column)
        # Every break before the line overflows is accepted: only the last one matters.
        for i in range(min(end, n) - 1, scan - 1, -1):
            if is_break(i):
                last_p = i
                break
        if end > n:
            return result
        scan = max(end, scan)
        following = next((i for i in range(scan, n) if is_break(i)), None)
        if following is None:
            if last_p >= 0:
                result.append(last_p)
            return result
        if last_p >= 0:
            result.append(last_p)
            line, column = last_p, 0
        last_p = following
        scan = following + 1


# ---------------------------------------------------------------------------
# Format directives: gettext never breaks inside one
# ---------------------------------------------------------------------------

_PY_CONVERSIONS = frozenset("%csrdiuoxXeEfgG")


def _python_directives(value: str) -> list[tuple[int, int]]:
    """(start, end) of each valid directive, as gettext's format-python.c."""
    spans: list[tuple[int, int]] = []
    named = unnamed = 0
    i, n = 0, len(value)
    while i < n:
        if value[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        has_name = False
        if i < n and value[i] == "(":
            depth = 0
            i += 1
            while i < n and not (value[i] == ")" and depth == 0):
                depth += {"(": 1, ")": -1}.get(value[i], 0)
                i += 1
            if i >= n:
                return spans
            i += 1
            has_name = True
        while i < n and value[i] in "-+ #0":
            i += 1
        if i < n and value[i] == "*":
            if named:
                return spans
            unnamed += 1
            i += 1
        else:
            while i < n and value[i].isdigit() and value[i].isascii():
                i += 1
        if i < n and value[i] == ".":
            i += 1
            if i < n and value[i] == "*":
                if named:
                    return spans
                unnamed += 1
                i += 1
            else:
                while i < n and value[i].isdigit() and value[i].isascii():
                    i += 1
        if i < n and value[i] in "hlL":
            i += 1
        if i >= n or value[i] not in _PY_CONVERSIONS:
            return spans
        if has_name:
            if unnamed:
                return spans
            named += 1
        elif value[i] != "%":
            if named:
                return spans
            unnamed += 1
        spans.append((start, i))
        i += 1
    return spans


_C_PRI_MACRO = re.compile(r"<PRI[diouxX](?:MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))>")
_C_SIZES = re.compile(r"[hlLqjzZt]*")
_C_CONVERSIONS = frozenset("%mcCsSiduoxXeEfFgGaApn")


def _c_directives(value: str, is_msgstr: bool) -> list[tuple[int, int]]:
    """(start, end) of each valid directive, as gettext's format-c-parse.h."""
    spans: list[tuple[int, int]] = []
    uses_numbered = uses_unnumbered = False
    n = len(value)

    def digits_end(j: int) -> int:
        while j < n and "0" <= value[j] <= "9":
            j += 1
        return j

    def argument(j: int) -> tuple[int, int] | None:
        """Skip an optional 'm$' at j: (index after it, m or 0), None for '0$'."""
        k = digits_end(j)
        if j < k < n and value[k] == "$":
            number = int(value[j:k])
            return None if number == 0 else (k + 1, number)
        return j, 0

    def use(number: int) -> bool:
        """Record an argument use; False when numbered and unnumbered mix."""
        nonlocal uses_numbered, uses_unnumbered
        if number:
            uses_numbered = True
        else:
            uses_unnumbered = True
        return not (uses_numbered and uses_unnumbered)

    i = value.find("%")
    while i >= 0:
        start = i
        parsed = argument(i + 1)
        if parsed is None:
            return spans
        i, number = parsed
        while i < n and (value[i] in " +-#0'" or (is_msgstr and value[i] == "I")):
            i += 1
        for part in ("width", "precision"):
            if part == "precision":
                if i >= n or value[i] != ".":
                    break
                i += 1
            if i < n and value[i] == "*":
                parsed = argument(i + 1)
                if parsed is None or not use(parsed[1]):
                    return spans
                i = parsed[0]
            else:
                i = digits_end(i)
        macro = _C_PRI_MACRO.match(value, i)
        if macro:
            i = macro.end() - 1
            conversion = "d"
        else:
            # gettext 0.21 accepts any run of size letters with any conversion.
            i = _C_SIZES.match(value, i).end()  # type: ignore[union-attr]
            conversion = value[i] if i < n else ""
            if conversion not in _C_CONVERSIONS:
                return spans
        if conversion not in "%m" and not use(number):
            return spans
        spans.append((start, i))
        i = value.find("%", i + 1)
    return spans


_PY_BRACE_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_PY_BRACE_INDEX = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|[0-9]+")
_PY_BRACE_SPEC = re.compile(
    r"(?:.?[<>=^])?[-+ ]?#?0?[0-9]*(?:\.[0-9]+)?[bcdoxXneEfFgG%]?", re.DOTALL
)


class _BraceError(Exception):
    """A python-brace directive gettext rejects, at *offset* from its own '{'."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _brace_directive(value: str, start: int, toplevel: bool) -> int:
    """Index of the '}' closing the directive whose '{' is at *start*.

    Follows gettext 0.21's format-python-brace.c; raises _BraceError with
    the offset (relative to *start*) where gettext records the error.
    """
    n = len(value)
    j = start + 1
    match = _PY_BRACE_INDEX.match(value, j)
    if not match:
        raise _BraceError(j - start)
    j = match.end()
    while j < n and value[j] in ".[":
        opener = value[j]
        j += 1
        match = (_PY_BRACE_NAME if opener == "." else _PY_BRACE_INDEX).match(value, j)
        if not match:
            raise _BraceError(j - start)
        j = match.end()
        if opener == "[":
            if j >= n or value[j] != "]":
                raise _BraceError(j - start)
            j += 1
    if j < n and value[j] == ":":
        if not toplevel:
            raise _BraceError(j - start)
        j += 1
        if j >= n:
            raise _BraceError(j - 1 - start)
        if value[j] == "{":
            if value.startswith("{{", j):
                j += 2
            else:
                j = _brace_directive(value, j, False) + 1
        else:
            j = _PY_BRACE_SPEC.match(value, j).end()  # type: ignore[union-attr]
    if j >= n or value[j] != "}":
        raise _BraceError(j - 1 - start)
    return j


def _python_brace_forbidden(value: str, is_msgstr: bool) -> frozenset[int]:
    """Where gettext 0.21 forbids breaks in a python-brace-format string.

    gettext 0.21 records directive boundaries relative to each directive's
    own start instead of the string's start (a bug fixed later).  Every
    directive therefore marks its start at offset 0 and its end at its own
    length - 1, so the protected stretch is bytes 1..m of the string, m being
    the shortest directive length - 1, and nothing if an error mark comes
    first.  Reproducing the bug is what keeps msgcat's output stable.
    """
    ends: list[int] = []
    error: int | None = None
    i = value.find("{")
    while i >= 0:
        if value.startswith("{{", i):
            i = value.find("{", i + 2)
            continue
        try:
            close = _brace_directive(value, i, True)
        except _BraceError as exc:
            # A failed nested directive reports relative to the nested '{',
            # which gettext then applies from the string start as well.
            error = exc.offset
            break
        ends.append(len(value[i : close + 1].encode("utf-8")) - 1)
        i = value.find("{", close + 1)
    if not ends:
        return frozenset()
    last = min(ends)
    if error is not None and error <= last:
        return frozenset()
    return _chars_starting_in(value, 1, last)


def _chars_starting_in(value: str, first: int, last: int) -> frozenset[int]:
    """Indices of the characters whose UTF-8 encoding starts in bytes first..last."""
    result = []
    offset = 0
    for index, char in enumerate(value):
        if offset > last:
            break
        if offset >= first:
            result.append(index)
        offset += len(char.encode("utf-8"))
    return frozenset(result)


def _spans_forbidden(spans: list[tuple[int, int]]) -> frozenset[int]:
    """Every index inside a directive except its first character."""
    return frozenset(i for start, end in spans for i in range(start + 1, end + 1))


_DIRECTIVE_RULES = {
    "c": lambda value, is_msgstr: _spans_forbidden(_c_directives(value, is_msgstr)),
    "python": lambda value, is_msgstr: _spans_forbidden(_python_directives(value)),
    "python-brace": _python_brace_forbidden,
}


# ---------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------

# gettext 0.21's format_language[] order, which is also the #, flag order.
_FORMAT_LANGUAGES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp"
    " librep ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost"
    " tcl perl perl-brace php gcc-internal gfc-internal ycp"
).split()
_FORMAT_INDEX = {lang: i for i, lang in enumerate(_FORMAT_LANGUAGES)}
_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")
_RANGE_VALUE = re.compile(r"([0-9]+)\.\.([0-9]+)\Z")


@dataclass
class _Flags:
    """The flags of an entry as gettext understands them."""

    fuzzy: bool = False
    # language index -> "yes", "possible", "no" or "impossible"
    formats: dict[int, str] = field(default_factory=dict)
    range: tuple[int, int] | None = None
    no_wrap: bool = False

    def directive_language(self) -> str | None:
        """The language whose directives must not be split (gettext: first possible one)."""
        for index in sorted(self.formats):
            if self.formats[index] in ("yes", "possible"):
                return _FORMAT_LANGUAGES[index]
        return None

    def render(self, obsolete: bool, msgstr_empty: bool) -> str | None:
        words: list[str] = []
        if self.fuzzy and (obsolete or not msgstr_empty):
            words.append("fuzzy")
        for index in sorted(self.formats):
            state = self.formats[index]
            if state != "impossible":
                prefix = "no-" if state == "no" else ""
                words.append(f"{prefix}{_FORMAT_LANGUAGES[index]}-format")
        if self.range is not None and not obsolete:
            words.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.no_wrap:
            words.append("no-wrap")
        return "#, " + ", ".join(words) if words else None


def _parse_flags(flags: Iterable[str]) -> _Flags:
    """Interpret flags like gettext's po_parse_comment_special(); unknown ones vanish."""
    result = _Flags()
    tokens = [t for t in _FLAG_SEPARATORS.split(", ".join(flags)) if t]
    k = 0
    while k < len(tokens):
        token = tokens[k]
        k += 1
        if token == "fuzzy":
            result.fuzzy = True
        elif token == "wrap":
            result.no_wrap = False
        elif token == "no-wrap":
            result.no_wrap = True
        elif token == "range:":
            if k < len(tokens):
                match = _RANGE_VALUE.match(tokens[k])
                k += 1
                if match and int(match[1]) <= int(match[2]):
                    result.range = (int(match[1]), int(match[2]))
        elif token.endswith("-format"):
            lang, state = token[: -len("-format")], "yes"
            for prefix in ("no-", "possible-", "impossible-"):
                if lang.startswith(prefix):
                    lang, state = lang[len(prefix) :], prefix[:-1]
                    break
            if lang in _FORMAT_INDEX:
                result.formats[_FORMAT_INDEX[lang]] = state
    return result


# ---------------------------------------------------------------------------
# Writing strings (gettext's wrap())
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _WrapContext:
    """What wrap() needs to know about the entry a string belongs to."""

    page_width: int  # 0: no wrapping
    directive_language: str | None = None


def _wrap(prefix: str, keyword: str, value: str, ctx: _WrapContext) -> list[str]:
    """Lines for ``keyword "value"`` as gettext writes them."""
    escaped = _escape(value)
    inner_newline = "\n" in value[:-1]
    if not inner_newline:
        line = f'{prefix}{keyword} "{escaped}"'
        if not ctx.page_width or len(prefix) + len(keyword) + 3 + _text_width(escaped) <= (
            ctx.page_width
        ):
            return [line]
    elif not ctx.page_width:
        return [f'{prefix}{keyword} ""'] + [f'{prefix}"{_escape(p)}"' for p in _portions(value)]
    return _wrap_slow(prefix, keyword, value, ctx)


def _portions(value: str) -> list[str]:
    """*value* split after each "\\n" (str.splitlines would also split at \\r, \\f...)."""
    portions = value.split("\n")
    last = portions.pop()
    return [p + "\n" for p in portions] + ([last] if last else [])


def _wrap_slow(prefix: str, keyword: str, value: str, ctx: _WrapContext) -> list[str]:
    forbidden = _forbidden_breaks(value, keyword, ctx)
    # Columns are counted relative to the indentation of continuation lines.
    after_break = len(prefix) + 1
    width = (ctx.page_width if ctx.page_width else 2**31 - 1) - 1 - after_break
    lines: list[str] = []
    first_line = True
    start = 0
    while True:
        end = value.find("\n", start) + 1 or len(value)
        portion, overrides = _escape_portion(value, start, end, forbidden)
        more_follow = end < len(value)
        startcol = len(keyword) + 1 if first_line else 0
        breaks = _width_breaks(portion, overrides, width, startcol)
        if first_line and portion and (more_follow or startcol > width or breaks):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            breaks = _width_breaks(portion, overrides, width, 0)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        pieces = [portion[a:b] for a, b in zip([0, *breaks], [*breaks, len(portion)], strict=True)]
        lines.append(f'{head}"{pieces[0]}"')
        lines.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
        start = end
        if start >= len(value):
            return lines


def _escape_portion(
    value: str, start: int, end: int, forbidden: frozenset[int]
) -> tuple[str, list[int]]:
    """Escape value[start:end] and mark where gettext forbids a break."""
    raw = value[start:end]
    escaped = _escape(raw)
    if len(escaped) == len(raw):
        # Nothing to escape (common): one override per character.
        overrides = [_UNDEFINED] * len(raw)
        for index in forbidden:
            if start <= index < end:
                overrides[index - start] = _PROHIBITED
        return escaped, overrides
    overrides = []
    for index, char in enumerate(raw, start):
        brk = _PROHIBITED if index in forbidden else _UNDEFINED
        if char in _ESCAPES:
            # The second character of an escape sequence is never a break.
            overrides += (brk, _PROHIBITED)
        else:
            overrides.append(brk)
    if raw.endswith("\n"):
        # Don't break immediately before the "\n" at the end.
        overrides[-2] = _PROHIBITED
    return escaped, overrides


def _forbidden_breaks(value: str, keyword: str, ctx: _WrapContext) -> frozenset[int]:
    """Indices of *value* before which gettext never breaks (format directives)."""
    rule = _DIRECTIVE_RULES.get(ctx.directive_language or "")
    if rule is None or not value:
        return frozenset()
    return rule(value, keyword.startswith("msgstr"))


# ---------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------


def _comment_lines(marker: str, text: str | None) -> list[str]:
    if not text:
        return []
    lines = [f"{marker} {line}" if line else marker for line in text.split("\n")]
    return _join_continued(lines, marker)


def _join_continued(lines: list[str], marker: str) -> list[str]:
    """Apply gettext's backslash-newline continuation to comment lines.

    gettext's reader joins a line ending in a backslash with the next one,
    so such a line cannot survive msgcat as written; emit what msgcat would.
    On the last line the backslash would swallow the following keyword line,
    so it is dropped instead.
    """
    if not any(line.endswith("\\") for line in lines):
        return lines
    result: list[str] = []
    pending = ""
    for line in lines:
        line = pending + line
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1]
        else:
            result.append(line)
    if pending:
        last = pending.rstrip("\\")
        result.append(marker if last == marker + " " else last)
    return result


def _normalise_references(occurrences: Iterable[tuple[str, str]]) -> list[str]:
    """Reference strings as gettext prints them, each once."""
    seen: set[str] = set()
    result: list[str] = []
    for filename, line in occurrences:
        while filename.startswith("./"):
            filename = filename[2:]
        line = str(line).strip()
        text = f"{filename}:{int(line)}" if line.isdigit() and line.isascii() else filename
        if text not in seen:
            seen.add(text)
            result.append(text)
    return result


def _reference_lines(occurrences: Iterable[tuple[str, str]], page_width: int) -> list[str]:
    lines: list[str] = []
    current = "#:"
    column = 2
    for ref in _normalise_references(occurrences):
        # gettext measures references in bytes, not display columns.
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + ref
        column += size
    if column > 2:
        lines.append(current)
    return lines


# ---------------------------------------------------------------------------
# Entries and files
# ---------------------------------------------------------------------------


def _msgstr_values(entry: polib.POEntry | polib.MOEntry) -> list[tuple[str, str]]:
    if not entry.msgid_plural:
        return [("msgstr", entry.msgstr or "")]
    plural = entry.msgstr_plural or {0: ""}
    return [(f"msgstr[{index}]", plural[index]) for index in sorted(plural, key=int)]


def _previous_lines(
    entry: polib.POEntry | polib.MOEntry, prefix: str, ctx: _WrapContext
) -> list[str]:
    # gettext's grammar only accepts a previous msgctxt or msgid_plural next
    # to a previous msgid, so without one the others cannot be written.
    if getattr(entry, "previous_msgid", None) is None:
        return []
    lines: list[str] = []
    for keyword, attr in (
        ("msgctxt", "previous_msgctxt"),
        ("msgid", "previous_msgid"),
        ("msgid_plural", "previous_msgid_plural"),
    ):
        previous = getattr(entry, attr, None)
        if previous is not None:
            lines += _wrap(prefix, keyword, previous, ctx)
    return lines


def format_entry(
    entry: polib.POEntry | polib.MOEntry, width: int = DEFAULT_WIDTH, obsolete: bool = False
) -> str:
    """One entry as msgcat writes it (no separating blank line).

    *obsolete* forces the ``#~`` form; an entry whose ``obsolete`` attribute
    is set is written that way anyway.  Returns "" for what gettext drops
    (an obsolete entry without translation).
    """
    obsolete = obsolete or bool(getattr(entry, "obsolete", False))
    msgstrs = _msgstr_values(entry)
    msgstr_empty = not msgstrs[0][1]
    if obsolete and msgstr_empty:
        return ""
    page_width = max(width, _MIN_WIDTH) if width > 0 else 0
    flags = _parse_flags(getattr(entry, "flags", ()))
    ctx = _WrapContext(0 if flags.no_wrap else page_width, flags.directive_language())
    reference_width = page_width or _REFERENCE_WIDTH_WITHOUT_WRAP

    lines = _comment_lines("#", getattr(entry, "tcomment", None))
    lines += _comment_lines("#.", getattr(entry, "comment", None))
    lines += _reference_lines(getattr(entry, "occurrences", ()), reference_width)
    flag_line = flags.render(obsolete, msgstr_empty)
    if flag_line:
        lines.append(flag_line)

    lines += _previous_lines(entry, "#~| " if obsolete else "#| ", ctx)

    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += _wrap(prefix, "msgctxt", entry.msgctxt, ctx)
    lines += _wrap(prefix, "msgid", entry.msgid, ctx)
    if entry.msgid_plural:
        lines += _wrap(prefix, "msgid_plural", entry.msgid_plural, ctx)
    for keyword, value in msgstrs:
        lines += _wrap(prefix, keyword, value, ctx)
    return "\n".join(lines) + "\n"


def _header_is_fuzzy(po: polib.POFile) -> bool:
    # polib stores the header's flag list here (or a bool when set by hand).
    marker = po.metadata_is_fuzzy
    if isinstance(marker, (list, tuple, set)):
        return "fuzzy" in marker
    return bool(marker)


def _header_entry(po: polib.POFile) -> polib.POEntry | None:
    """The header as the entry gettext sees, or None if the catalogue has none."""
    fuzzy = _header_is_fuzzy(po)
    if not (po.metadata or po.header or fuzzy):
        return None
    # Keep the order polib read the keys in (polib's ordered_metadata sorts).
    msgstr = "".join(f"{key}: {value}\n" for key, value in po.metadata.items())
    return polib.POEntry(
        msgid="",
        msgstr=msgstr,
        tcomment=po.header or "",
        flags=["fuzzy"] if fuzzy else [],
    )


def format_po(po: polib.POFile, width: int = DEFAULT_WIDTH) -> str:
    """The whole catalogue as ``msgcat --width=width`` (or ``--no-wrap`` for 0) writes it."""
    header = _header_entry(po)
    live = [entry for entry in po if not entry.obsolete]
    obsolete = [entry for entry in po if entry.obsolete]
    blocks = [format_entry(entry, width) for entry in ([header] if header else []) + live]
    blocks += [text for text in (format_entry(e, width, obsolete=True) for e in obsolete) if text]
    return "\n".join(blocks)
