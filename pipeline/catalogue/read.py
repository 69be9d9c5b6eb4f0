"""Reading catalogues: the strict syntax check, polib or the fast reader, and refusals.

Every reader of a .po or .pot file comes through here, so a broken, oversized or
non-UTF-8 catalogue is refused the same way everywhere: ``path:line: what is wrong``.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterable
from pathlib import Path

import polib

from pipeline.catalogue import fastread as poread
from pipeline.catalogue.fastread import syntax_fast
from pipeline.errors import UserError


class CatalogueSyntaxError(UserError):
    """A catalogue that is not valid PO: where it breaks, and how."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.line = line
        self.reason = reason


MAX_CATALOGUE_BYTES = 32 * 1024 * 1024
_CHARSET = re.compile(rb"charset=([-\w.:]+)")
_UTF8_NAMES = {b"utf-8", b"utf8", b"charset", b"ascii", b"us-ascii"}


def read_catalogue(path: Path, max_bytes: int = MAX_CATALOGUE_BYTES) -> polib.POFile:
    """Parse a .po or .pot file, or fail with ``path:line: what is wrong``.

    Only UTF-8 catalogues are read: one in another charset is refused with the
    command that converts it, never decoded wrongly.
    """
    text = _read_text(path, max_bytes)
    po = _parse(text, path)
    _no_duplicates(po, path)
    return po


def read_entries(
    path: Path, max_bytes: int = MAX_CATALOGUE_BYTES
) -> tuple[list[poread.Entry] | list[polib.POEntry], dict[str, str]]:
    """:func:`read_entries_and_defaults` without the defaults."""
    entries, metadata, _ = read_entries_and_defaults(path, max_bytes)
    return entries, metadata


def read_entries_and_defaults(
    path: Path, max_bytes: int = MAX_CATALOGUE_BYTES
) -> tuple[list[poread.Entry] | list[polib.POEntry], dict[str, str], dict[int, str]]:
    """A catalogue's entries (obsolete ones included, the header not) and its metadata.

    What :func:`read_catalogue` reads, refuses and reports, for a caller that only
    reads: ``l10n check``. A file of the common shape goes through
    :func:`pipeline.catalogue.fastread.parse_fast`, a few times cheaper than polib; any other
    file through polib.
    A catalogue in another charset that gettext reads (ISO-8859-15, KOI8-R, ...)
    is decoded as its header says, as msgfmt does: reading loses nothing.
    """
    text = _read_text(path, max_bytes, any_charset=True)
    msgids = syntax_fast(text)  # once: the polib path needs it too
    fast = poread.parse_fast(text, msgids) if msgids is not None else None
    if fast is not None:
        entries, metadata = fast
        _no_duplicates(entries, path)
        return entries, metadata, _defaults(text, entries)
    po = _parse(text, path, msgids if msgids is not None else _syntax_by_line(text, path))
    _no_duplicates(po, path)
    return list(po), po.metadata, _defaults(text, po)


#: Zope's and Plone's catalogues (i18ndude) give a message key's English text in an
#: extracted comment: ``#. Default: "by ${creator}, last updated: ${date}"``.
#: A long one goes on in ``#. "..."`` lines, as a msgid's strings do.
_STRING_BODY = r'"((?:[^"\\\n]|\\.)*)"'
_CONTINUED = r'#\.[ \t]*"(?:[^"\\\n]|\\.)*"[ \t]*\r?\n'
_DEFAULT = re.compile(
    rf"^#\.[ \t]*Default:[ \t]*{_STRING_BODY}[ \t]*\r?\n((?:{_CONTINUED})*)", re.MULTILINE
)
_MORE = re.compile(rf"^#\.[ \t]*{_STRING_BODY}", re.MULTILINE)


def _defaults(text: str, entries: Iterable[poread.Entry | polib.POEntry]) -> dict[int, str]:
    """The ``Default:`` text of each entry that has one, by the line of its msgid."""
    if "Default:" not in text:
        return {}
    lines = sorted(e.linenum for e in entries if not e.obsolete)
    found: dict[int, str] = {}
    line, position = 1, 0
    for match in _DEFAULT.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        at = bisect.bisect_right(lines, line)
        if at < len(lines):
            more = "".join(m.group(1) for m in _MORE.finditer(match.group(2)))
            found.setdefault(lines[at], poread.unescape(match.group(1) + more))
    return found


def _read_text(path: Path, max_bytes: int, any_charset: bool = False) -> str:
    """The text of a catalogue file, after the checks no parser makes.

    Only UTF-8 unless ``any_charset``: the commands that write a catalogue back
    refuse any other, since they write UTF-8.
    """
    if path.is_dir():
        raise UserError(f"{path}: is a directory, not a catalogue")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError(
                f"{path}: {size / 2**20:.0f} MiB is larger than the {max_bytes / 2**20:.0f} MiB "
                "a catalogue may be; split it by domain"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    charset = _CHARSET.search(raw, 0, 4096)
    encoding = "utf-8"
    if charset and charset.group(1).lower() not in _UTF8_NAMES:
        line = raw[: charset.start()].count(b"\n") + 1
        name = charset.group(1).decode("ascii", "replace")
        if not any_charset:
            raise CatalogueSyntaxError(
                path,
                line,
                f"charset {name} is not supported; convert it with `msgconv --to-code=UTF-8`",
            )
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            raise CatalogueSyntaxError(path, line, f"charset {name} is unknown") from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        shown = "UTF-8" if encoding == "utf-8" else encoding
        raise CatalogueSyntaxError(path, line, f"not valid {shown} (byte {exc.start})") from None
    if text.startswith("\ufeff"):
        raise CatalogueSyntaxError(
            path, 1, "starts with a byte order mark; save it as UTF-8 without BOM"
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CatalogueSyntaxError(path, line, "contains a NUL byte")
    return text


class _Lines(str):
    """The text of a catalogue, split into lines at newlines only, as msgfmt splits
    it. polib splits a text it is given with ``str.splitlines``, which also breaks at
    U+2028, U+0085, form feeds and other separators that a msgstr may hold."""

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        lines = self.split("\n")
        if keepends:
            lines = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        return lines if lines[-1] or keepends else lines[:-1]


def _parse(
    text: str, path: Path, msgid_lines: list[tuple[int, bool]] | None = None
) -> polib.POFile:
    """polib's reading of ``text``, after the strict syntax check polib does not make.

    ``msgid_lines``: what :func:`syntax_fast` already found, if it accepted the file.
    """
    if msgid_lines is None:
        msgid_lines = _syntax(text, path)
    try:
        po = polib.pofile(_Lines(text), wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise CatalogueSyntaxError(path, 1, f"cannot parse: {exc}") from None
    _locate_msgids(po, msgid_lines)
    return po


def _no_duplicates(entries: Iterable[polib.POEntry | poread.Entry], path: Path) -> None:
    seen: set[tuple[str | None, str]] = set()
    for entry in entries:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise CatalogueSyntaxError(path, entry.linenum, f"duplicate msgid {entry.msgid!r}")
        seen.add(key)


# polib accepts some broken files silently (an unterminated string loses its last
# character), so the syntax is checked line by line first, the way msgfmt reads it.
_STRING = r'"(?:[^"\\]|\\(?:[\\"abfnrtv?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*"'
_KEYWORD_LINE = re.compile(
    rf"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\])[ \t]*{_STRING}[ \t]*$"
)
_CONTINUATION = re.compile(rf"^{_STRING}[ \t]*$")
_FOLLOWS = {
    "msgctxt": {None, "msgstr"},
    "msgid": {None, "msgstr", "msgctxt"},
    "msgid_plural": {"msgid"},
    "msgstr": {"msgid", "msgid_plural"},
}


def _syntax(text: str, path: Path) -> list[tuple[int, bool]]:
    """Check PO syntax strictly; return (line, obsolete) of every msgid keyword line."""
    fast = syntax_fast(text)
    return fast if fast is not None else _syntax_by_line(text, path)


def _syntax_by_line(text: str, path: Path) -> list[tuple[int, bool]]:
    """:func:`_syntax` for a file of any shape: the only pass that says what is wrong."""
    msgids: list[tuple[int, bool]] = []
    previous: dict[bool, str | None] = {False: None, True: None}
    plural_index: dict[bool, int] = {False: -1, True: -1}
    opened: dict[bool, int] = {False: 1, True: 1}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r").strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if line.startswith("#|") or (obsolete and line.startswith("|")):
            previous_text = line.lstrip("#|").strip()
            if not (_KEYWORD_LINE.match(previous_text) or _CONTINUATION.match(previous_text)):
                raise CatalogueSyntaxError(
                    path, number, f"previous msgid: {_what_is_wrong(previous_text)}"
                )
            continue
        if line.startswith("#"):
            continue
        if not line:
            continue
        if _CONTINUATION.match(line):
            if previous[obsolete] is None:
                raise CatalogueSyntaxError(path, number, "a string with no keyword before it")
            continue
        match = _KEYWORD_LINE.match(line)
        if match is None:
            raise CatalogueSyntaxError(path, number, _what_is_wrong(line))
        keyword = "msgstr" if match.group(1).startswith("msgstr") else match.group(1)
        last = previous[obsolete]
        index = int(match.group(2)) if match.group(2) is not None else None
        counted = plural_index[obsolete]
        if keyword == "msgstr" and last == "msgstr" and index is not None and counted >= 0:
            if index != counted + 1:
                raise CatalogueSyntaxError(
                    path,
                    number,
                    f"msgstr[{index}] after msgstr[{counted}]: plural forms "
                    "must be numbered 0, 1, 2, … in order",
                )
            plural_index[obsolete] = index
        elif keyword == "msgstr" and last in (None, "msgstr"):
            raise CatalogueSyntaxError(path, number, f"{match.group(1)} without a msgid before it")
        elif last not in _FOLLOWS[keyword]:
            raise CatalogueSyntaxError(
                path, number, f"{match.group(1)} cannot follow {last or 'nothing'}"
            )
        elif keyword == "msgstr":
            if (index is None) != (last == "msgid") or index not in (None, 0):
                raise CatalogueSyntaxError(path, number, f"{match.group(1)} does not fit the msgid")
            plural_index[obsolete] = 0 if index == 0 else -1
        if keyword == "msgid":
            msgids.append((number, obsolete))
        previous[obsolete] = keyword
        opened[obsolete] = number if keyword != "msgstr" else opened[obsolete]
    for obsolete, last in previous.items():
        if last in ("msgid", "msgid_plural", "msgctxt"):
            raise CatalogueSyntaxError(
                path, opened[obsolete], f"{last} has no msgstr: the file ends inside the entry"
            )
    return msgids


def _what_is_wrong(line: str) -> str:
    keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(.?)", line)
    if keyword and keyword.group(2) != '"':
        return f"expected a quoted string after {keyword.group(1)}"
    if line.startswith(("msgctxt", "msgid", "msgstr", '"')):
        if line.count('"') < 2 or not line.endswith('"'):
            return "unterminated string"
        return "invalid escape sequence or stray text in a string"
    return f"unexpected text {line[:30]!r}: expected a comment, a keyword or a string"


def _locate_msgids(po: polib.POFile, msgid_lines: list[tuple[int, bool]]) -> None:
    """Point every entry's ``linenum`` at its msgid line (polib gives the entry's first)."""
    lines = msgid_lines[1:] if po.metadata and msgid_lines else msgid_lines
    active = [number for number, obsolete in lines if not obsolete]
    retired = [number for number, obsolete in lines if obsolete]
    entries = [e for e in po if not e.obsolete]
    old = [e for e in po if e.obsolete]
    if len(active) == len(entries):
        for entry, number in zip(entries, active, strict=True):
            entry.linenum = number
    if len(retired) == len(old):
        for entry, number in zip(old, retired, strict=True):
            entry.linenum = number


def language_from_path(path: Path) -> str | None:
    """The ``<lang>`` of a ``<lang>/LC_MESSAGES/<domain>.po`` path, if it has that shape."""
    parts = path.resolve().parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3]
    return None


def locale_of(path: Path, metadata: dict[str, str]) -> str:
    """The locale a catalogue is for: its Language header, else its path, else its name."""
    return metadata.get("Language", "").strip() or language_from_path(path) or path.stem
