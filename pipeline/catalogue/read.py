"""POT and PO catalogues: template, init, update, compile, stats, and safe writes.

This is the only module that writes catalogue files. Every write goes to a
temporary file in the same directory, is fsynced, then replaces the old file, and
a file whose content would not change is not touched at all (its mtime stays).
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polib
from babel import Locale, UnknownLocaleError

from pipeline.catalogue import fastread as poread
from pipeline.catalogue.fastread import syntax_fast
from pipeline.catalogue.placeholders import format_directives
from pipeline.errors import UserError

if TYPE_CHECKING:
    from pipeline.catalogue.merge import MergeStats
    from pipeline.document.segments import Segment

# merge (rapidfuzz), poformat (uniseg) and Babel's plural tables are imported by the
# functions that use them: `l10n check` reads catalogues and needs none of them.


class CatalogueSyntaxError(UserError):
    """A catalogue that is not valid PO: where it breaks, and how."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.line = line
        self.reason = reason


DATE_FORMAT = "%Y-%m-%d %H:%M%z"
TEAM = "l10n safety guide team <l10n@drpen-safety-guide.invalid>"
_LOCALE_SHAPE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?$")


# -- reading ---------------------------------------------------------------


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
    """A catalogue's entries (obsolete ones included, the header not) and its metadata.

    What :func:`read_catalogue` reads, refuses and reports, for a caller that only
    reads: ``l10n check``. A file of the common shape goes through
    :func:`pipeline.catalogue.fastread.parse_fast`, a few times cheaper than polib; any other
    file through polib.
    """
    text = _read_text(path, max_bytes)
    msgids = syntax_fast(text)  # once: the polib path needs it too (files with #| lines)
    fast = poread.parse_fast(text, msgids) if msgids is not None else None
    if fast is not None:
        entries, metadata = fast
        _no_duplicates(entries, path)
        return entries, metadata
    po = _parse(text, path, msgids if msgids is not None else _syntax_by_line(text, path))
    _no_duplicates(po, path)
    return list(po), po.metadata


def _read_text(path: Path, max_bytes: int) -> str:
    """The text of a catalogue file, after the checks no parser makes."""
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
    if charset and charset.group(1).lower() not in _UTF8_NAMES:
        line = raw[: charset.start()].count(b"\n") + 1
        name = charset.group(1).decode("ascii", "replace")
        raise CatalogueSyntaxError(
            path,
            line,
            f"charset {name} is not supported; convert it with `msgconv --to-code=UTF-8`",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogueSyntaxError(path, line, f"not valid UTF-8 (byte {exc.start})") from None
    if text.startswith("\ufeff"):
        raise CatalogueSyntaxError(
            path, 1, "starts with a byte order mark; save it as UTF-8 without BOM"
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CatalogueSyntaxError(path, line, "contains a NUL byte")
    return text


def _parse(
    text: str, path: Path, msgid_lines: list[tuple[int, bool]] | None = None
) -> polib.POFile:
    """polib's reading of ``text``, after the strict syntax check polib does not make.

    ``msgid_lines``: what :func:`syntax_fast` already found, if it accepted the file.
    """
    if msgid_lines is None:
        msgid_lines = _syntax(text, path)
    try:
        po = polib.pofile(text, wrapwidth=0)
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


# -- writing ---------------------------------------------------------------


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Atomically write ``content`` to ``path`` unless it already holds exactly that.

    Returns True when the file was written. The new file keeps the old one's mode.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode if mode is not None else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def save_catalogue(po: polib.POFile, path: Path, width: int = 79) -> bool:
    """Write a catalogue exactly as GNU gettext would; True if the file changed."""
    from pipeline.catalogue.format import format_po

    return write_if_changed(path, format_po(po, width))


@contextmanager
def locked(folder: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the lock on ``folder`` while catalogues in it are read, merged and written.

    Two ``l10n update`` runs at once would each merge into the file the other is
    replacing; the second waits for the first, and gives up after ``timeout``. The
    lock is taken on the directory itself, so no lock file is ever left behind.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError(
                        f"{folder}: another l10n is running on these catalogues; "
                        f"gave up waiting after {timeout:g} s"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)


# -- template --------------------------------------------------------------


def build_template(
    documents: Sequence[tuple[str, Sequence[Segment]]],
    domain: str,
    previous: polib.POFile | None = None,
    now: datetime | None = None,
) -> polib.POFile:
    """The POT for ``(reference path, segments)`` pairs, one entry per distinct text.

    POT-Creation-Date is carried over from ``previous`` unless the messages changed,
    so extracting twice from unchanged sources gives a byte-identical template.
    """
    pot = polib.POFile(wrapwidth=0)
    pot.header = (
        f"Translations template for {domain}.\n"
        "This file is generated by `l10n extract`: edit the Markdown sources instead."
    )
    by_text: dict[str, polib.POEntry] = {}
    for reference, segments in documents:
        for seg in segments:
            entry = by_text.get(seg.text)
            if entry is None:
                entry = polib.POEntry(msgid=seg.text, msgstr="", occurrences=[], comment="")
                by_text[seg.text] = entry
                pot.append(entry)
            entry.occurrences.append((reference, str(seg.line)))
            notes = entry.comment.split("\n") if entry.comment else []
            if seg.comment not in notes:
                entry.comment = "\n".join([*notes, seg.comment])
    created = _creation_date(pot, previous, now)
    pot.metadata = {
        "Project-Id-Version": domain,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return pot


def _creation_date(pot: polib.POFile, previous: polib.POFile | None, now: datetime | None) -> str:
    if previous is not None and _same_messages(pot, previous):
        date = previous.metadata.get("POT-Creation-Date")
        if date:
            return date
    return (now or datetime.now(UTC)).strftime(DATE_FORMAT)


def _same_messages(a: polib.POFile, b: polib.POFile) -> bool:
    def key(po: polib.POFile) -> list[tuple[object, ...]]:
        return [
            (e.msgctxt, e.msgid, e.msgid_plural, tuple(e.occurrences), e.comment, tuple(e.flags))
            for e in po
            if not e.obsolete
        ]

    return key(a) == key(b)


# -- locales and init ------------------------------------------------------


def validate_locale(code: str) -> str:
    """The code if it names a CLDR locale in gettext's form (``pt_BR``, ``zh_Hans``)."""
    if not _LOCALE_SHAPE.match(code or ""):
        raise UserError(
            f"invalid locale code {code!r}: expected a code like 'fr', 'pt_BR' or 'zh_Hans'"
        )
    try:
        parsed = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise UserError(f"unknown locale {code!r}: not in the CLDR data that Babel ships") from None
    if str(parsed) != code:
        raise UserError(f"unknown locale {code!r}: CLDR knows it as {str(parsed)!r}")
    return code


def plural_forms(locale: str) -> str:
    """The Plural-Forms header value for a locale, from Babel's CLDR data."""
    from babel.messages.plurals import get_plural

    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def new_catalogue(template: polib.POFile, locale: str, now: datetime | None = None) -> polib.POFile:
    """A fresh catalogue for ``locale``: the template's messages, all untranslated."""
    from babel.messages.plurals import get_plural

    validate_locale(locale)
    name = Locale.parse(locale).get_display_name("en")
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"{name} translations for {template.metadata.get('Project-Id-Version', 'this project')}."
    )
    po.metadata = {
        "Project-Id-Version": template.metadata.get("Project-Id-Version", ""),
        "Report-Msgid-Bugs-To": template.metadata.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": template.metadata.get("POT-Creation-Date", ""),
        "PO-Revision-Date": (now or datetime.now(UTC)).strftime(DATE_FORMAT),
        "Last-Translator": TEAM,
        "Language-Team": f"{name} <l10n@drpen-safety-guide.invalid>",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(locale),
    }
    forms = get_plural(locale).num_plurals
    for entry in template:
        if entry.obsolete:
            continue
        po.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr="",
                msgstr_plural=dict.fromkeys(range(forms), "") if entry.msgid_plural else {},
                occurrences=list(entry.occurrences),
                comment=entry.comment,
                flags=list(entry.flags),
            )
        )
    return po


# -- update ----------------------------------------------------------------


def update_catalogue(
    path: Path, template: polib.POFile, width: int = 79
) -> tuple[bool, MergeStats]:
    """Merge the template into the catalogue at ``path``; True if the file changed.

    A catalogue written with CRLF line endings keeps them.
    """
    catalogue = read_catalogue(path)
    check_mergeable(catalogue, path)
    from pipeline.catalogue.format import format_po
    from pipeline.catalogue.merge import merge_catalogue

    merged, stats = merge_catalogue(catalogue, template)
    text = format_po(merged, width)
    with open(path, "rb") as stream:
        crlf = b"\r\n" in stream.read(4096)
    if crlf:
        text = text.replace("\n", "\r\n")
    return write_if_changed(path, text), stats


def check_mergeable(po: polib.POFile, path: Path) -> None:
    """Refuse a catalogue that a merge would have to guess about: no header, bad plurals."""
    if not po.metadata:
        raise CatalogueSyntaxError(
            path, 1, 'no header entry (msgid ""): start the catalogue with `l10n init`'
        )
    nplurals = plural_count(po)
    for entry in po:
        if entry.obsolete or not entry.msgid_plural or nplurals is None:
            continue
        if len(entry.msgstr_plural) != nplurals:
            raise CatalogueSyntaxError(
                path,
                entry.linenum,
                f"{len(entry.msgstr_plural)} plural forms, but Plural-Forms says {nplurals}",
            )


# -- compile ---------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something that makes a catalogue unfit to compile."""

    line: int
    message: str


def compile_problems(po: polib.POFile) -> list[Problem]:
    """What ``msgfmt -c`` would refuse: plural counts and format directives that differ."""
    problems: list[Problem] = []
    nplurals = plural_count(po)
    for entry in po:
        if entry.obsolete or entry.fuzzy:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if nplurals is not None and len(forms) != nplurals and any(forms.values()):
                problems.append(
                    Problem(
                        entry.linenum,
                        f"has {len(forms)} plural forms, but Plural-Forms says {nplurals}",
                    )
                )
            translations = [v for v in forms.values() if v]
        else:
            translations = [entry.msgstr] if entry.msgstr else []
        expected = format_directives(entry.msgid, entry.flags)
        if expected is None:
            continue
        for translation in translations:
            got = format_directives(translation, entry.flags)
            if got != expected and not (entry.msgid_plural and set(got or []) <= set(expected)):
                problems.append(
                    Problem(
                        entry.linenum,
                        f"format directives {got} do not match the msgid's {expected}",
                    )
                )
    return problems


def plural_count(po: polib.POFile) -> int | None:
    """nplurals from the catalogue's Plural-Forms header, if it has one."""
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else None


def compile_catalogue(path: Path) -> tuple[Path, int]:
    """Write ``path`` as a .mo beside it, leaving out fuzzy entries.

    Returns the .mo path and how many messages it holds; refuses a broken catalogue.
    """
    po = read_catalogue(path)
    problems = compile_problems(po)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CompileError(f"{path}:{first.line}: {first.message}{more}")
    target = path.with_suffix(".mo")
    write_if_changed(target, po.to_binary())
    return target, len(po.translated_entries())


class CompileError(UserError):
    """A catalogue whose format strings or plural forms are broken (exit status 1)."""

    exit_code = 1


# -- stats -----------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    """How far one catalogue is translated."""

    locale: str
    messages: int
    translated: int
    fuzzy: int
    untranslated: int
    words: int
    translated_words: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.translated / self.messages, 1) if self.messages else 100.0


def catalogue_stats(locale: str, po: polib.POFile) -> Stats:
    """Messages, translated, fuzzy and untranslated counts, and source words."""
    active = [e for e in po if not e.obsolete]
    translated = [e for e in active if e.translated()]
    fuzzy = [e for e in active if e.fuzzy]

    def words(entries: Iterable[polib.POEntry]) -> int:
        return sum(len(e.msgid.split()) for e in entries)

    return Stats(
        locale=locale,
        messages=len(active),
        translated=len(translated),
        fuzzy=len(fuzzy),
        untranslated=len(active) - len(translated) - len(fuzzy),
        words=words(active),
        translated_words=words(translated),
    )


def translations(po: polib.POFile) -> dict[str, str]:
    """msgid → msgstr for every usable entry: translated, not fuzzy, not obsolete."""
    return {e.msgid: e.msgstr for e in po if e.translated() and not e.msgid_plural}
