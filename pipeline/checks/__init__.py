"""Checks: one module per family, each registered with a code, a severity and a doc.

A check is a plain function ``check(unit, ctx) -> Iterator[Finding]``. The registry
is the documentation: ``l10n check --list`` prints it, and the README table is
tested against it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from pipeline.glossary import Term

if TYPE_CHECKING:
    from pipeline.checks.whole import CatalogueProfile

__all__ = ["REGISTRY", "Check", "Context", "Finding", "Severity", "Unit", "finding", "register"]

Severity = Literal["error", "warning"]


_KEY = re.compile(
    r"[A-Za-z][\w-]*(?:[.:/][\w-]+)+"  # list:user:notice:hold.txt
    r"|[a-z][a-z0-9]*(?:_[a-z0-9]+)+[?!]?"  # label_title, label_first_time_here?
    r"|[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}"  # add-form-is-translation (not e-mail)
)


def is_message_key(source: str, text: str) -> bool:
    """Whether a msgid is an identifier that stands for its text rather than the text in
    the source language: one token of words joined by ``.``, ``:`` or ``/``, or a
    lowercase snake_case or kebab-case one of three parts or more (Zope and Plone's
    ``label_title``, whose English is in a ``Default:`` comment), with no spaces,
    where the msgstr does not contain it (``${H}:${M}`` for ``time_format``, "Plone
    サイト" for ``label_plone_site``). Then
    placeholders, markup and links have nothing to be compared with."""
    return " " not in source and source not in text and _KEY.fullmatch(source) is not None


class Unit(NamedTuple):
    """One piece of text to check: a catalogue entry's msgstr, or a source segment.

    ``source`` is the msgid for catalogue entries and None for source documents.
    ``line``/``column`` locate ``text`` in its file; ``line_starts`` maps an offset
    inside ``text`` to its own line and column when it spans several source lines.
    ``markdown`` is False for entries extracted from something other than Markdown
    (program code), where Markdown markup rules do not apply.

    A named tuple, as :class:`Finding` is: one is made for every catalogue entry.
    """

    path: str
    line: int
    text: str
    expected: str
    source: str | None = None
    column: int | None = None
    flags: frozenset[str] = frozenset()
    fuzzy: bool = False
    line_starts: tuple[int, ...] = (0,)
    markdown: bool = True
    source_plural: str | None = None  # msgid_plural, for a catalogue entry with one
    context: str | None = None  # msgctxt, for a catalogue entry with one
    single_number: bool = False  # text is a plural form Plural-Forms uses for one n only
    key: str | None = None  # the msgid, when it is a key and ``source`` its Default text

    @property
    def is_translation(self) -> bool:
        return self.source is not None

    @property
    def compares_to_source(self) -> bool:
        """Whether the msgid is text to compare the msgstr with, not a message key
        (``list:user:notice:hold.txt`` for a whole mail template)."""
        return self.source is not None and not is_message_key(self.source, self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset into ``text``."""
        index = 0
        for i, start in enumerate(self.line_starts):
            if start <= offset:
                index = i
        line = self.line + index
        base = (self.column or 1) if index == 0 else 1
        return line, base + offset - self.line_starts[index]


class Finding(NamedTuple):
    """One problem, as every report format shows it.

    A named tuple, not a dataclass: a run over many catalogues makes tens of
    thousands (one per untranslated entry), and workers send them back pickled.
    """

    path: str
    line: int
    column: int | None
    code: str
    severity: Severity
    message: str
    msgid: str | None
    expected: str
    detected: str | None = None
    fragment: str | None = None


@dataclass(frozen=True)
class Context:
    """What checks need besides the unit: the source language, glossary, allowed words."""

    source_language: str = "en"
    glossary: tuple[Term, ...] = ()
    allow: frozenset[str] = frozenset()
    glossary_scope: str | None = None  # the project root: files elsewhere get no glossary
    check_fuzzy: bool = False  # content checks on fuzzy entries too, as warnings
    # The catalogue being checked, learnt as a language of its own (checks.whole).
    catalogue_profile: CatalogueProfile | None = None

    @property
    def protected_terms(self) -> tuple[str, ...]:
        """Do-not-translate glossary terms: text that is the same in every language."""
        return tuple(t.term for t in self.glossary if t.do_not_translate)


CheckFunction = Callable[[Unit, Context], Iterator[Finding]]


@dataclass(frozen=True)
class Check:
    """A registered check: its code, default severity, one-line doc and function."""

    code: str
    severity: Severity
    doc: str
    function: CheckFunction
    applies_to_source: bool = False
    needs_text: bool = True  # finds nothing in an empty translation
    per_unit: bool = True  # False: reported by the runner itself (syntax)


REGISTRY: dict[str, Check] = {}


def register(
    code: str,
    severity: Severity,
    doc: str,
    *,
    source: bool = False,
    needs_text: bool = True,
    per_unit: bool = True,
) -> Callable[[CheckFunction], CheckFunction]:
    """Add a check function to the registry under ``code``.

    ``source``: it also applies to source documents. ``needs_text``: it finds nothing
    in an empty translation, so untranslated entries (often most of a catalogue)
    skip it. ``per_unit``: False for a code the runner reports itself (syntax), whose
    function never runs.
    """

    def decorate(function: CheckFunction) -> CheckFunction:
        if code in REGISTRY:
            raise ValueError(f"check code {code!r} registered twice")
        REGISTRY[code] = Check(code, severity, doc, function, source, needs_text, per_unit)
        return function

    return decorate


def finding(
    unit: Unit,
    code: str,
    message: str,
    *,
    offset: int | None = None,
    detected: str | None = None,
    fragment: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding for ``unit``, located at ``offset`` into its text when given."""
    line, column = (unit.line, unit.column) if offset is None else unit.position(offset)
    return Finding(  # positional: one is made per untranslated entry, often thousands
        unit.path,
        line,
        column,
        code,
        severity or REGISTRY[code].severity,
        message,
        unit.key or unit.source,
        unit.expected,
        detected,
        fragment,
    )
