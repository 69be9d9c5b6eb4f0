"""The glossary, ``locales/glossary.csv``: key terms and how each language renders them.

Columns: ``term`` (English; ``*`` stands for any letters), ``note``,
``do_not_translate`` (``yes`` for brands and abbreviations kept verbatim) and one
column per locale with the accepted renderings, separated by ``|``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import regex

from pipeline.errors import UserError

REQUIRED_COLUMNS = ("term", "note", "do_not_translate")


@dataclass(frozen=True)
class Term:
    """One glossary row."""

    term: str
    note: str
    do_not_translate: bool
    renderings: tuple[tuple[str, tuple[str, ...]], ...]

    @cached_property
    def source_pattern(self) -> regex.Pattern[str]:
        return _pattern(self.term, word_start=True)

    def accepted(self, locale: str) -> tuple[str, ...]:
        """The renderings a translation into ``locale`` may use (empty: no rule)."""
        if self.do_not_translate:
            return (self.term,)
        for code, values in self.renderings:
            if code == locale:
                return values
        language = locale.split("_")[0]
        for code, values in self.renderings:
            if code == language:
                return values
        return ()

    @cached_property
    def _target_patterns(self) -> dict[str, tuple[regex.Pattern[str], ...]]:
        return {}

    def rendered_in(self, text: str, locale: str) -> bool:
        """Whether ``text`` uses one of the accepted renderings for ``locale``."""
        patterns = self._target_patterns.get(locale)
        if patterns is None:
            accepted = self.accepted(locale)
            if self.do_not_translate:
                patterns = tuple(regex.compile(regex.escape(a)) for a in accepted)
            else:
                patterns = tuple(_pattern(a, word_start=False) for a in accepted)
            self._target_patterns[locale] = patterns
        return any(p.search(text) for p in patterns)


def _pattern(text: str, word_start: bool) -> regex.Pattern[str]:
    body = regex.escape(text).replace(r"\*", r"\w*")
    return regex.compile((r"(?<!\w)" if word_start else "") + body, regex.IGNORECASE)


def load_glossary(path: Path) -> tuple[Term, ...]:
    """Read the glossary CSV, or fail with ``path:line: what is wrong``."""
    try:
        with open(path, encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise UserError(f"{path}:1: missing column {missing[0]!r}")
            locales = [c for c in reader.fieldnames or [] if c not in REQUIRED_COLUMNS]
            terms = []
            for row in reader:
                flag = (row.get("do_not_translate") or "").strip().lower()
                if flag not in ("yes", "no", ""):
                    raise UserError(
                        f"{path}:{reader.line_num}: do_not_translate must be yes or no, "
                        f"not {flag!r}"
                    )
                if not (row.get("term") or "").strip():
                    raise UserError(f"{path}:{reader.line_num}: empty term")
                renderings = tuple(
                    (code, tuple(v.strip() for v in (row.get(code) or "").split("|") if v.strip()))
                    for code in locales
                )
                terms.append(
                    Term(row["term"].strip(), row.get("note") or "", flag == "yes", renderings)
                )
            return tuple(terms)
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except csv.Error as exc:
        raise UserError(f"{path}: not valid CSV: {exc}") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
