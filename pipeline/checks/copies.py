"""Translations copied from another language: the one check that looks across files.

A French entry whose text is, character for character, the Spanish catalogue's
translation of the same message was almost certainly pasted from it (or typed in
the wrong language's file). That identity is strong evidence on its own, so the
language test that settles which of the two the text belongs to may weigh even
short text, which :func:`pipeline.language.wrong_language` never decides. It is
reported as ``wrong-language``: an error when the other language explains the text
clearly better, a warning when only slightly.

Workers send each catalogue's candidates (translated, not fuzzy, not a copy of the
msgid, no language finding yet) as :class:`Candidate` tuples; the parent, which
alone sees every file of the run, calls :func:`find_copies`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from pipeline import language
from pipeline.checks import Finding, Unit
from pipeline.checks.languages import language_name
from pipeline.scripts import expected_scripts

#: Findings that already say an entry is in the wrong language or script.
_LANGUAGE_CODES = frozenset({"wrong-script", "wrong-language", "mixed-language", "unchanged"})
_SILENCED_BY = frozenset({"ignore-wrong-language", "ignore-all-checks"})


class Candidate(NamedTuple):
    """One translated entry that may have been copied, or copied from."""

    key: int  # hash of msgctxt, msgid and text (workers are forked: one hash seed)
    text: str
    line: int
    source: str  # the msgid


class FileCandidates(NamedTuple):
    """A catalogue's candidates, with what a finding needs to name the file."""

    shown: str
    expected: str
    entries: list[Candidate]


def candidates(units: Iterable[Unit], findings: Sequence[Finding]) -> list[Candidate]:
    """The units of one catalogue that take part in the cross-language comparison."""
    flagged = {f.line for f in findings if f.code in _LANGUAGE_CODES}
    chosen = []
    for unit in units:
        text = unit.text
        if not text or text == unit.source or unit.fuzzy or unit.line in flagged:
            continue
        if unit.flags and not _SILENCED_BY.isdisjoint(unit.flags):
            continue
        key = hash((unit.context, unit.source, text))
        chosen.append(Candidate(key, text, unit.line, unit.source))
    return chosen


def find_copies(
    files: Mapping[int, FileCandidates], source_language: str
) -> dict[int, list[Finding]]:
    """wrong-language findings for entries that are another language's translation.

    ``files`` maps a file's index in the run to its candidates. An entry is
    compared with the same message in catalogues of other languages of the same
    scripts (never relatives: Norwegian and Danish may share text). Text shared by
    more than :data:`~pipeline.language.COPY_MAX_SHARED` languages is common to
    them, not copied.
    """
    counts: Counter[int] = Counter()
    for file in files.values():
        counts.update([entry.key for entry in file.entries])
    repeated = {key for key, n in counts.items() if n > 1}
    by_message: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for index, file in files.items():
        for position, entry in enumerate(file.entries):
            if entry.key in repeated:
                by_message[entry.key].append((index, position))
    found: dict[int, list[Finding]] = defaultdict(list)
    for sharers in by_message.values():
        first, position = sharers[0]
        text = files[first].entries[position].text
        if any(files[i].entries[p].text != text for i, p in sharers):
            continue  # two texts with one hash: never in practice, but not a copy
        languages = {files[index].expected for index, _ in sharers}
        if not 2 <= len(languages) <= language.COPY_MAX_SHARED:
            continue
        for index, position in sharers:
            file = files[index]
            best = _best_donor(text, file.expected, sharers, files, source_language)
            if best is None:
                continue
            llr, donor_index, donor_position = best
            severity = "error" if llr >= language.COPY_LLR else "warning"
            donor = files[donor_index]
            where = f"{donor.shown}:{donor.entries[donor_position].line}"
            entry = file.entries[position]
            found[index].append(
                Finding(
                    file.shown,
                    entry.line,
                    None,
                    "wrong-language",
                    severity,
                    f"text is the {language_name(donor.expected)} translation of this "
                    f"message ({where}), not {language_name(file.expected)}",
                    entry.source,
                    file.expected,
                    donor.expected,
                    text,
                )
            )
    return found


def _best_donor(
    text: str,
    expected: str,
    sharers: Sequence[tuple[int, int]],
    files: Mapping[int, FileCandidates],
    source_language: str,
) -> tuple[float, int, int] | None:
    """The other language that best explains ``text``, if by at least the hint margin."""
    scripts = expected_scripts(expected)
    best: tuple[float, int, int] | None = None
    for index, position in sharers:
        other = files[index].expected
        if other == expected or expected_scripts(other) != scripts:
            continue
        llr = language.copy_preference(text, expected, other, source_language)
        if llr is None or llr < language.COPY_HINT_LLR:
            continue
        if best is None or (llr, -index) > (best[0], -best[1]):
            best = (llr, index, position)
    return best
