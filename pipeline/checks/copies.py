"""Translations copied from another language: the one check that looks across files.

A French entry whose text is, character for character, the Spanish catalogue's
translation of the same message was almost certainly pasted from it (or typed in
the wrong language's file). That identity is strong evidence on its own, so the
language test that settles which of the two the text belongs to may weigh even
short text, which :func:`pipeline.language.wrong_language` never decides. It is
reported as ``wrong-language``: an error when the other language explains the text
clearly better, a warning when only slightly.

Workers send each catalogue's candidates (translated, not fuzzy, not a copy of the
msgid, no language finding yet) as :class:`FileCandidates`; the parent, which
alone sees every file of the run, calls :func:`find_copies`.
"""

from __future__ import annotations

import array
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from pipeline import language
from pipeline.checks import Finding, Unit
from pipeline.checks.languages import language_name, may_be_shared
from pipeline.language import plain_words
from pipeline.language.scripts import expected_scripts

#: Findings that already say an entry is in the wrong language or script.
_LANGUAGE_CODES = frozenset({"wrong-script", "wrong-language", "mixed-language"})
_SILENCED_BY = frozenset({"ignore-wrong-language", "ignore-all-checks"})


class FileCandidates(NamedTuple):
    """A catalogue's entries that take part in the comparison, packed for the trip
    from a worker: arrays and NUL-joined strings pickle far faster than tuples."""

    shown: str
    expected: str
    keys: array.array[int]  # hash of msgctxt, msgid and text (workers are forked: one seed)
    lines: array.array[int]
    texts: str  # NUL-joined: no catalogue text holds a NUL
    sources: str  # the msgids, NUL-joined
    kept: str = ""  # the msgids translated as themselves, NUL-joined


def candidates(
    shown: str, expected: str, units: Iterable[Unit], findings: Sequence[Finding]
) -> FileCandidates:
    """The units of one catalogue that may have been copied, or copied from:
    translated, not fuzzy, not the msgid itself, and with no language finding yet."""
    flagged = {f.line for f in findings if f.code in _LANGUAGE_CODES}
    keys, lines, texts, sources, kept = [], [], [], [], []
    for unit in units:
        text, source = unit.text, unit.source
        if text and text == source and not unit.fuzzy:
            kept.append(source)
        if not text or source is None or text == source or unit.fuzzy or unit.line in flagged:
            continue
        if unit.flags and not _SILENCED_BY.isdisjoint(unit.flags):
            continue
        keys.append(hash((unit.context, source, text)))
        lines.append(unit.line)
        texts.append(text)
        sources.append(source)
    return FileCandidates(
        shown,
        expected,
        array.array("q", keys),
        array.array("l", lines),
        "\0".join(texts),
        "\0".join(sources),
        "\0".join(kept),
    )


def to_hold(units: Iterable[Unit], findings: Sequence[Finding]) -> list[Finding]:
    """The errors that wait for the other languages' word: changed numbers, kept msgids,
    Latin words and English runs (numbers.localised_samples, catalogue.kept_elsewhere,
    languages.shared_terms). Not a message key's: the other files know its Default
    text, not the key."""
    keyed = {u.line for u in units if u.key}
    return [
        f
        for f in findings
        if f.line not in keyed
        and ((f.code in ("numbers", "unchanged") and f.severity == "error") or may_be_shared(f))
    ]


#: Each wanted msgid's translations in the compared files: (file index, language, text).
Translations = dict[str, list[tuple[int, str, str]]]


def translations(files: Mapping[int, FileCandidates], wanted: set[str]) -> Translations:
    """The translations of the ``wanted`` msgids in every compared file, read in one
    pass over the files for all the checks that ask the other languages."""
    found: Translations = {}
    if not wanted:
        return found
    for index, file in files.items():
        for source, text in zip(file.sources.split("\0"), file.texts.split("\0"), strict=True):
            if source in wanted:
                found.setdefault(source, []).append((index, file.expected, text))
    return found


class _Entry(NamedTuple):
    index: int  # the file's
    line: int
    text: str
    source: str


def find_copies(
    files: Mapping[int, FileCandidates],
) -> dict[int, list[Finding]]:
    """wrong-language findings for entries that are another language's translation.

    ``files`` maps a file's index in the run to its candidates. An entry is
    compared with the same message in catalogues of other languages of the same
    scripts, never relatives (Norwegian and Danish may share text). Text that more
    than :data:`~pipeline.language.COPY_MAX_SHARED` languages share, counting
    relatives as one, is common to them, not copied.
    """
    counts: Counter[int] = Counter()
    for file in files.values():
        counts.update(file.keys)
    repeated = {key for key, n in counts.items() if n > 1}
    by_message: dict[int, list[_Entry]] = defaultdict(list)
    for index, file in files.items():
        if repeated.isdisjoint(file.keys):
            continue
        texts, sources = file.texts.split("\0"), file.sources.split("\0")
        for position, key in enumerate(file.keys):
            if key in repeated:
                entry = _Entry(index, file.lines[position], texts[position], sources[position])
                by_message[key].append(entry)
    tentative: dict[int, list[tuple[_Entry, float, _Entry]]] = defaultdict(list)
    for sharers in by_message.values():
        text = sharers[0].text
        if any(e.text != text or e.source != sharers[0].source for e in sharers):
            continue  # two messages with one hash: never in practice, but not a copy
        languages = [files[e.index].expected for e in sharers]
        if not 2 <= _families(languages) <= language.COPY_MAX_SHARED:
            continue
        for entry in sharers:
            best = _best_donor(text, files[entry.index].expected, sharers, files)
            if best is not None:
                tentative[entry.index].append((entry, *best))
    found: dict[int, list[Finding]] = {}
    for index, copied in tentative.items():
        file = files[index]
        vocabulary = _vocabulary(file, [entry.text for entry, *_ in copied])
        found[index] = [
            _finding(file, entry, llr, files[donor.index], donor)
            for entry, llr, donor in copied
            if _enough_words(entry.text, entry.source)
            and not _in_own_words(entry.text, entry.source, vocabulary)
        ]
    return {index: items for index, items in found.items() if items}


def _finding(
    file: FileCandidates, entry: _Entry, llr: float, donor_file: FileCandidates, donor: _Entry
) -> Finding:
    return Finding(
        file.shown,
        entry.line,
        None,
        "wrong-language",
        "error" if llr >= language.COPY_LLR else "warning",
        f"text is the {language_name(donor_file.expected)} translation of this "
        f"message ({donor_file.shown}:{donor.line}), not {language_name(file.expected)}",
        entry.source,
        file.expected,
        donor_file.expected,
        entry.text,
    )


def _vocabulary(file: FileCandidates, texts: Iterable[str]) -> Counter[str]:
    """How often the words of ``texts`` occur in all the file's translations.

    A substring count first, which is never less than the count of whole words:
    a word pasted from another language is usually found once, and then no
    pattern is needed to know it is not the catalogue's own.
    """
    lowered = file.texts.lower()
    counts = Counter({w: lowered.count(w) for text in texts for w in plain_words(text)})
    ambiguous = sorted((w for w, n in counts.items() if n >= 2), key=len, reverse=True)
    if ambiguous:
        alternatives = "|".join(map(re.escape, ambiguous))
        whole = Counter(re.findall(rf"(?<!\w)(?:{alternatives})(?!\w)", lowered))
        counts.update({w: whole[w] - counts[w] for w in ambiguous})
    return counts


def _enough_words(text: str, source: str) -> bool:
    """Whether ``text`` has the words a copy claim needs: at least
    :data:`~pipeline.language.COPY_MIN_WORDS` of three letters or more, the msgid's
    own (names, code) left out. One or two words that two languages share are
    cognates, names or international words ("Italiano", "ocho", "August") as
    often as copies."""
    names = set(plain_words(source))
    return sum(1 for w in plain_words(text) if w not in names) >= language.COPY_MIN_WORDS


def _in_own_words(text: str, source: str, vocabulary: Counter[str]) -> bool:
    """Whether every word of ``text`` occurs again elsewhere in its catalogue.

    A translator's own text shares its words with their other messages ("[graf]"
    and "[graf: %s]"); text pasted from another language's catalogue rarely does.
    Words the msgid has too ("TypeVar") are names and code, evidence of neither;
    so is a word of one or two letters. Text with no other word is no evidence of
    a copy either, and counts as the translator's own.
    """
    names = set(plain_words(source))
    return all(vocabulary[w] >= 2 for w in plain_words(text) if w not in names)


def _families(languages: Iterable[str]) -> int:
    """How many languages, counting relatives (pt_BR and pt_PT, es and gl) as one."""
    families: list[list[str]] = []
    for lang in dict.fromkeys(languages):
        joined = [f for f in families if any(language.are_relatives(lang, o) for o in f)]
        merged = [lang, *(o for f in joined for o in f)]
        families = [f for f in families if f not in joined] + [merged]
    return len(families)


def _best_donor(
    text: str,
    expected: str,
    sharers: Sequence[_Entry],
    files: Mapping[int, FileCandidates],
) -> tuple[float, _Entry] | None:
    """The other language that best explains ``text``, if by at least the hint margin."""
    scripts = expected_scripts(expected)
    best: tuple[float, _Entry] | None = None
    for entry in sharers:
        other = files[entry.index].expected
        if other == expected or expected_scripts(other) != scripts:
            continue
        llr = language.copy_preference(text, expected, other)
        if llr is None or llr < language.COPY_HINT_LLR:
            continue
        llr = round(llr, 6)  # a stand-in's score ties its model's, whatever the float noise
        if best is None or llr > best[0]:  # sharers come in file order: ties go to the first
            best = (llr, entry)
    return best
