"""``l10n stats``: how far each catalogue is translated, and its usable translations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

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


def stats_records(rows: Sequence[tuple[str, Stats]]) -> list[dict[str, object]]:
    """One JSON-ready object per (domain, stats) row, with its percentage."""
    records = []
    for domain, r in rows:
        record: dict[str, object] = {"domain": domain, **asdict(r)}
        words = {"words": record.pop("words"), "translated_words": record.pop("translated_words")}
        records.append({**record, "percent": r.percent, **words})
    return records


def stats_table(rows: Sequence[tuple[str, Stats]]) -> list[str]:
    """The lines of the ``l10n stats`` table: a header, then one line per catalogue."""
    width = max([len("domain"), *(len(domain) for domain, _ in rows)]) + 2
    lines = [
        f"{'domain':<{width}}{'locale':<10}{'messages':>9}{'translated':>11}{'fuzzy':>7}"
        f"{'untransl.':>10}{'%':>7}{'words':>8}"
    ]
    for domain, r in rows:
        lines.append(
            f"{domain:<{width}}{r.locale:<10}{r.messages:>9}{r.translated:>11}{r.fuzzy:>7}"
            f"{r.untranslated:>10}{r.percent:>7.1f}{r.words:>8}"
        )
    return lines
