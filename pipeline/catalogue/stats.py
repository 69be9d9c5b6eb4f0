"""``l10n stats``: how far each catalogue is translated, and its usable translations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polib


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
