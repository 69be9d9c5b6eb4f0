"""How alike two msgids are: layout keys, and the fuzzy matches ``l10n update`` makes.

The rules (character similarity, length, changed words, one word apart, same
words) are set out in :mod:`pipeline.catalogue.merge`; this module computes them,
and assigns each old translation to at most one new message, best pair first.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import polib
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, Levenshtein

Key = tuple[str | None, str]

#: Minimum character similarity (Indel ratio, 0-1) of two layout keys for a
#: fuzzy match.  msgmerge uses 0.6, which pairs unrelated sentences that share
#: a few common words.
FUZZY_MIN_SIMILARITY = 0.80

#: Minimum ratio shorter/longer of the two layout keys for a fuzzy match.
MIN_LENGTH_RATIO = 0.75

#: Below this many characters, a message only matches the same words.
MIN_FUZZY_LENGTH = 5

#: One word inserted or removed, all other words kept, is a fuzzy match in
#: short messages (where the length window would reject it) if the longer of
#: the two has more than ONE_WORD_MIN_WORDS words; longer messages go through
#: the character search, which handles them.
ONE_WORD_MIN_WORDS = 2
ONE_WORD_MAX_WORDS = 8

#: Similarity given to a msgid with the same words (ignoring letter case and
#: punctuation, in any msgctxt), whatever its length: "Lock" -> "Lock.",
#: "OK" -> "Ok", or an identical msgid under a new msgctxt.  Such a pair
#: beats any other candidate.
_SAME_WORDS_SCORE = 1.0


# --------------------------------------------------------------------------
# Layout normalisation
# --------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
# A space before closing punctuation, or after opening brackets, is a layout slip.
_SPACE_BEFORE_PUNCT = re.compile(r" +(?=[,.;:!?)\]}])")
_SPACE_AFTER_OPENER = re.compile(r"(?<=[(\[{]) +")
# Inline code spans are kept apart: spacing inside them is content.
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# Most msgids are already normal: one search spares them three substitutions.
_LAYOUT_SLIP = re.compile(r"[\t\r\n\f\v]|  | [,.;:!?)\]}]|[(\[{] ")


def _collapse(text: str) -> str:
    """Collapse whitespace runs to one space, outside code spans."""

    def run(match: re.Match[str]) -> str:
        # A leading/trailing newline is kept: msgfmt -c requires msgid and
        # msgstr to agree on it, so it is not layout.
        at_edge = match.start() == 0 or match.end() == len(text)
        return "\n" if at_edge and "\n" in match.group() else " "

    text = _WHITESPACE.sub(run, text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    return _SPACE_AFTER_OPENER.sub("", text)


def _differ_in_layout(a: str, b: str) -> bool:
    """``layout_key(a) != layout_key(b)``, without normalising equal strings."""
    return a != b and layout_key(a) != layout_key(b)


def layout_key(text: str) -> str:
    """Normalise ``text`` so that layout-only edits give the same key.

    Layout-only means an edit that does not change the rendered words or
    punctuation, only how the source was typed or wrapped:

    * any run of spaces, tabs and line breaks becomes one space (a soft line
      break vs a space, re-wrapped paragraphs, double spaces);
    * spaces before ``, . ; : ! ? ) ] }`` and after ``( [ {`` are removed
      (``Hello , world`` vs ``Hello, world``);
    * a leading or trailing line break is kept, since msgfmt checks it;
    * inside Markdown code spans (`` `...` ``) only line breaks become
      spaces, because spacing in code is content.

    Letter case, words, punctuation characters, markup (``**`` vs ``*``) and
    non-breaking spaces are *not* normalised: changing them changes the text.
    The source language is assumed to be English (in French, a space before
    ``:`` is typography, not a slip).
    """
    if not _LAYOUT_SLIP.search(text):
        return text
    if "`" not in text:
        return _collapse(text)
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_collapse(text[last : match.start()]))
        parts.append(match.group(0).replace("\n", " "))
        last = match.end()
    parts.append(_collapse(text[last:]))
    return "".join(parts)


# --------------------------------------------------------------------------
# Fuzzy matching
# --------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
# Inflection endings stripped to tell "file"/"files" from "tag"/"tab".
_INFLECTION = re.compile(r"(?:ing|ed|es|s|d)$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class _Vocabulary:
    """Words of the template, built only if a typo-like change needs them."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts

    @cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(_words("\n".join(self._texts)))

    def __contains__(self, word: str) -> bool:
        return word in self._words


def _substitution_cost(old: str, new: str, vocabulary: _Vocabulary) -> float:
    """Cost of replacing the word ``old`` by ``new`` in a word-level diff.

    An inflection ("file" -> "files") or the fix of a misspelling (a close
    spelling whose old form is used nowhere in the template any more) costs
    half a word; a real word replaced by another real word ("tag" -> "tab")
    costs a full word.
    """
    if _INFLECTION.sub("", old) == _INFLECTION.sub("", new):
        return 0.5
    if OSA.distance(old, new) <= 2 and old not in vocabulary:
        return 0.5
    return 1.0


def _changed_words(old: list[str], new: list[str], vocabulary: _Vocabulary) -> float:
    """Word-level edit cost between two token lists (see :func:`_substitution_cost`)."""
    cost = 0.0
    for op in Levenshtein.opcodes(old, new):
        if op.tag == "equal":
            continue
        removed, added = old[op.src_start : op.src_end], new[op.dest_start : op.dest_end]
        for a, b in zip(removed, added, strict=False):
            cost += _substitution_cost(a, b, vocabulary)
        cost += abs(len(removed) - len(added))
    return cost


def _allowed_changes(n_words: int) -> float:
    """How many words may change for a message of ``n_words`` words."""
    if n_words <= 2:
        return 0.5  # only an inflection or a typo fix
    if n_words <= 5:
        return 1.0
    return max(1.0, 0.2 * n_words)


def _acceptable(old: str, new: str, vocabulary: _Vocabulary) -> float | None:
    """Word-level check of a pair already similar enough character-wise.

    Returns the word change cost if ``old`` may be a fuzzy source for
    ``new``, else ``None``.
    """
    if min(len(old), len(new)) < MIN_FUZZY_LENGTH:
        return None  # too short to tell an edit from another word
    old_words, new_words = _words(old), _words(new)
    cost = _changed_words(old_words, new_words, vocabulary)
    if cost > _allowed_changes(max(len(old_words), len(new_words))):
        return None
    return cost


@dataclass(frozen=True, order=True)
class _Pair:
    """A candidate fuzzy match; ordering puts the best pair first."""

    neg_score: float
    cost: float
    query: int  # index into the query list (template order)
    source: int  # index into the source list (catalogue order)


def _without_one_word(words: list[str]) -> Iterator[str]:
    """Each way of dropping one word from ``words``, joined."""
    for i in range(len(words)):
        yield " ".join(words[:i] + words[i + 1 :])


class _SourceIndex:
    """Three indexes over the sources (the old msgids that may lend a translation).

    * by context, sorted by key length: the windowed character search;
    * by word sequence (case and punctuation aside): same-words matches;
    * by word sequence minus one word, for short sources: one word inserted
      or removed, which the length window misses in short messages
      ("Create rule" -> "Create advanced rule").
    """

    def __init__(self, keys: list[str], contexts: list[str | None]) -> None:
        self._contexts = contexts
        self._groups: dict[str | None, tuple[list[int], list[str], list[int]]] = {}
        order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
        for i in order:
            lengths, texts, ids = self._groups.setdefault(contexts[i], ([], [], []))
            lengths.append(len(keys[i]))
            texts.append(keys[i])
            ids.append(i)
        self._by_words: dict[str, list[int]] = {}
        self._by_words_less_one: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            words = _words(key)
            if words:  # "..." and "%s" have no words: never "the same"
                self._by_words.setdefault(" ".join(words), []).append(i)
            if ONE_WORD_MIN_WORDS < len(words) <= ONE_WORD_MAX_WORDS:
                for shorter in _without_one_word(words):
                    self._by_words_less_one.setdefault(shorter, []).append(i)

    def similar(self, text: str, context: str | None) -> Iterator[tuple[int, float]]:
        """Sources in ``context`` with a compatible length and similarity."""
        group = self._groups.get(context)
        if group is None:
            return
        lengths, texts, ids = group
        lo = bisect.bisect_left(lengths, math.ceil(len(text) * MIN_LENGTH_RATIO))
        hi = bisect.bisect_right(lengths, math.floor(len(text) / MIN_LENGTH_RATIO))
        if lo >= hi:
            return
        hits = process.extract(
            text,
            texts[lo:hi],
            scorer=Indel.normalized_similarity,
            score_cutoff=FUZZY_MIN_SIMILARITY,
            limit=None,
        )
        for _, score, offset in hits:
            yield ids[lo + offset], score

    def same_words(self, text: str) -> list[int]:
        """Sources with the words of ``text`` (case and punctuation aside), any msgctxt."""
        return self._by_words.get(" ".join(_words(text)), [])

    def one_word_apart(self, text: str, context: str | None) -> Iterator[int]:
        """Sources in ``context`` with one word more or one word less than ``text``.

        The message with more words must have at least
        :data:`ONE_WORD_MIN_WORDS` + 1 of them: "Save" -> "Save all" is not
        an edit worth a guess.
        """
        words = _words(text)
        found: list[int] = []
        if ONE_WORD_MIN_WORDS <= len(words) < ONE_WORD_MAX_WORDS:
            found += self._by_words_less_one.get(" ".join(words), [])
        if ONE_WORD_MIN_WORDS < len(words) <= ONE_WORD_MAX_WORDS:
            for shorter in _without_one_word(words):
                found += self._by_words.get(shorter, [])
        for i in dict.fromkeys(found):  # deduplicated, in a stable order
            if self._contexts[i] == context:
                yield i


def _fuzzy_assign(
    queries: list[polib.POEntry],
    sources: list[polib.POEntry],
    vocabulary: _Vocabulary,
) -> dict[int, int]:
    """Map query index -> source index, one source per query at most, best first."""
    if not queries or not sources:
        return {}
    source_keys = [layout_key(s.msgid) for s in sources]
    index = _SourceIndex(source_keys, [s.msgctxt for s in sources])
    pairs: list[_Pair] = []
    for qi, query in enumerate(queries):
        text = layout_key(query.msgid)
        for si in index.same_words(text):
            pairs.append(_Pair(-_SAME_WORDS_SCORE, 0.0, qi, si))
        for si, score in index.similar(text, query.msgctxt):
            cost = _acceptable(source_keys[si], text, vocabulary)
            if cost is not None:
                pairs.append(_Pair(-score, cost, qi, si))
        for si in index.one_word_apart(text, query.msgctxt):
            score = Indel.normalized_similarity(source_keys[si], text)
            pairs.append(_Pair(-score, 1.0, qi, si))
    pairs.sort()
    assigned: dict[int, int] = {}
    used: set[int] = set()
    for pair in pairs:
        if pair.query not in assigned and pair.source not in used:
            assigned[pair.query] = pair.source
            used.add(pair.source)
    return assigned
