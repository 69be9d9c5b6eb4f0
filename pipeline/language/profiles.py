"""Language profiles: langdetect's n-gram profiles, scored deterministically.

This module owns the data side of language identification: which languages have
a profile (and which are "unmodelled"), which ones are relatives, the words of a
text normalised exactly as langdetect normalises them (``NGram.normalize``,
``NGram.normalize_vi``, the 1-3-gram window over space-padded words, acronyms
skipped), and log-likelihood scores of those words under one profile or a panel of
profiles. The decisions built on these scores are in :mod:`pipeline.language.decide`.

Profiles are loaded lazily and cached (as log-probabilities, in the cache directory
of :mod:`pipeline.cache`); scoring a word against all languages of a script
is cached per word as one vector, so a segment costs a lookup per word.
"""

from __future__ import annotations

import array
import functools
import json
import math
import operator
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import langdetect
import regex
from langdetect.utils.ngram import NGram

from pipeline import cache

from .scripts import expected_scripts, mask_markup, parse_locale, script_of

# langdetect smooths every n-gram probability with alpha / BASE_FREQ (0.5 / 10000).
_SMOOTHING = 0.5 / 10000
_FLOOR = math.log(_SMOOTHING)
# Words and n-grams whose scores a panel keeps. Each is an array of doubles, one per
# language of the panel (8 bytes a language, not a 24-byte float object), and the
# caches are emptied when full, so a worker's memory stays flat however many
# catalogues it reads: about 25 MB a panel at these sizes.
_CACHE_LIMIT = 40_000
_GRAM_LIMIT = 60_000


# ---------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------

_PROFILE_DIR = os.path.join(os.path.dirname(langdetect.__file__), "profiles")


# Languages scored with a close relative's profile (and never told apart from it).
_PROXIES = {"nb": "no", "nn": "no", "bs": "hr", "sh": "hr", "cnr": "hr", "ms": "id", "fil": "tl"}

# Groups of profiles langdetect cannot reliably tell apart on short text.
_RELATIVE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"no", "da"}),
    frozenset({"cs", "sk"}),
    frozenset({"zh-cn", "zh-tw"}),
    frozenset({"bg", "mk"}),
    frozenset({"af", "nl"}),
    frozenset({"hi", "mr", "ne"}),
)


@functools.cache
def _profile_files() -> frozenset[str]:
    return frozenset(n for n in os.listdir(_PROFILE_DIR) if not n.startswith("."))


@functools.lru_cache(maxsize=512)
def profile_code(lang: str) -> str | None:
    """The langdetect profile that models ``lang`` (a language or locale), if any."""
    language, script, territory = parse_locale(lang)
    if language in ("zh", "yue"):
        traditional = language == "yue" or script == "Hant" or territory in ("TW", "HK", "MO")
        return "zh-tw" if traditional else "zh-cn"
    if language == "sr":
        # Serbian Latin is scored as Croatian (its relative); Cyrillic is unmodelled.
        return "hr" if "Latn" in expected_scripts(lang) else None
    code = _PROXIES.get(language, language)
    if code not in _profile_files():
        return None
    # A profile knows its language in the script it was trained on: Punjabi's is
    # Gurmukhi, so Shahmukhi Punjabi (pa_PK, pa_Arab) is unmodelled, as are Jawi
    # Malay and Latin-script Hindi.
    if script or territory:
        if not expected_scripts(lang) & expected_scripts(code.split("-")[0]):
            return None
    return code


def is_modelled(lang: str) -> bool:
    """Whether langdetect has a profile for ``lang`` (itself or a close relative)."""
    return profile_code(lang) is not None


def modelled_languages() -> frozenset[str]:
    """All langdetect profile codes."""
    return _profile_files()


# Close pairs where at least one side has no profile of its own.
_UNMODELLED_RELATIVES: tuple[frozenset[str], ...] = (
    frozenset({"es", "gl"}),
    frozenset({"pt", "gl"}),
    frozenset({"sr", "hr", "bs"}),
    frozenset({"nb", "nn", "no", "da"}),
    frozenset({"id", "ms"}),
)


def are_relatives(a: str, b: str) -> bool:
    """Whether two languages are the same or too close to tell apart (nb/da, es/gl)."""
    la, lb = parse_locale(a)[0], parse_locale(b)[0]
    if la == lb or any(la in g and lb in g for g in _UNMODELLED_RELATIVES):
        return True
    pa, pb = profile_code(a), profile_code(b)
    return pa is not None and pb is not None and pb in _relatives(pa)


def _relatives(code: str) -> frozenset[str]:
    related = {code}
    for group in _RELATIVE_GROUPS:
        if code in group:
            related |= group
    return frozenset(related)


class _Profile:
    """One language's n-gram log-probabilities, with a per-word score cache."""

    def __init__(self, code: str) -> None:
        self.logp = _log_probabilities(code)
        self.code = code
        self.scripts = expected_scripts(code.split("-")[0])
        self._cache: dict[str, float] = {}

    def word_score(self, word: str) -> float:
        score = self._cache.get(word)
        if score is None:
            logp, floor = self.logp, _FLOOR
            score = sum([logp.get(gram, floor) for gram in _grams(word)])
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()  # bounded memory on very large runs
            self._cache[word] = score
        return score


@functools.cache
def _profile(code: str) -> _Profile:
    return _Profile(code)


def load_profiles() -> None:
    """Load every profile now (from the cache, ~0.4 ms each): before forking workers,
    which would otherwise each load them, and after which the parent has them too."""
    for code in sorted(_profile_files()):
        _profile(code)


_PROFILE_CACHE_FORMAT = 1  # bump when _build_log_probabilities changes what it returns


def _log_probabilities(code: str) -> dict[str, float]:
    """A profile's n-gram log-probabilities, from the cache when it has them.

    Computing them from langdetect's JSON costs about 1 ms a language, twice what
    reading them back does; with two workers loading some 50 profiles each, that
    is worth a file. The file is the n-grams, one per line, then a NUL byte, then
    their values as native doubles; one that does not add up is built again.
    """
    try:  # named after the profile file's size and time: a new langdetect, a new file
        stat = os.stat(os.path.join(_PROFILE_DIR, code))
    except OSError:
        return _build_log_probabilities(code)
    name = f"profiles-{_PROFILE_CACHE_FORMAT}/{code}-{stat.st_size}-{stat.st_mtime_ns}"
    data = cache.read(name)
    if data is not None:
        grams, _, values = data.partition(b"\0")
        numbers = array.array("d")
        if len(values) % numbers.itemsize == 0:
            numbers.frombytes(values)
            keys = grams.decode("utf-8", "replace").split("\n")
            if len(keys) == len(numbers):
                return dict(zip(keys, numbers, strict=True))
    logp = _build_log_probabilities(code)
    if not any("\n" in gram or "\0" in gram for gram in logp):
        body = "\n".join(logp).encode("utf-8") + b"\0" + array.array("d", logp.values()).tobytes()
        cache.write(name, body)
    return logp


def _build_log_probabilities(code: str) -> dict[str, float]:
    with open(os.path.join(_PROFILE_DIR, code), encoding="utf-8") as handle:
        data = json.load(handle)
    n_words = data["n_words"]
    # Same estimate as langdetect's DetectorFactory.add_profile, plus its smoothing.
    return {
        gram: math.log(count / n_words[len(gram) - 1] + _SMOOTHING)
        for gram, count in data["freq"].items()
        if 1 <= len(gram) <= 3 and n_words[len(gram) - 1] > 0
    }


@functools.cache
def _codes_for_script(script: str) -> tuple[str, ...]:
    """Profile codes whose language is written in ``script`` (no profile is loaded)."""
    return tuple(sorted(c for c in _profile_files() if script in expected_scripts(c.split("-")[0])))


class _Panel:
    """Every profile of one script, scored together: one cached vector per word.

    Third-language questions compare the text against all modelled languages of
    its script; with a vector per word, a whole segment costs one lookup per word
    and a C-level column sum, instead of one lookup per word and language.
    """

    def __init__(self, codes: tuple[str, ...]) -> None:
        self.codes = codes
        self.index = {code: i for i, code in enumerate(codes)}
        self.profiles = tuple(_profile(c) for c in self.codes)
        self._cache: dict[str, array.array[float]] = {}
        self._grams: dict[str, array.array[float]] = {}

    def _gram(self, gram: str) -> array.array[float]:
        """One n-gram's log-probability in every profile of the panel, looked up once."""
        row = self._grams.get(gram)
        if row is None:
            row = array.array("d", [p.logp.get(gram, _FLOOR) for p in self.profiles])
            if len(self._grams) > _GRAM_LIMIT:
                self._grams.clear()
            self._grams[gram] = row
        return row

    def vector(self, word: str) -> array.array[float]:
        vector = self._cache.get(word)
        if vector is None:
            known = self._grams
            rows = [known.get(g) or self._gram(g) for g in _grams(word)]
            vector = array.array("d", map(sum, zip(*rows, strict=True)))
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = vector
        return vector

    def totals(self, texts: Sequence[str]) -> dict[str, float]:
        """Log-likelihood of ``texts`` under each language of the script."""
        columns = zip(*[self.vector(t) for t in texts], strict=True)
        return dict(zip(self.codes, map(sum, columns), strict=True))


@functools.lru_cache(maxsize=64)
def _panel(codes: tuple[str, ...]) -> _Panel:
    return _Panel(codes)


@functools.lru_cache(maxsize=1024)
def _panel_codes(
    script: str, target: _Expected, source: str | None, candidates: tuple[str, ...] | None
) -> tuple[str, ...]:
    """The languages a segment in ``script`` is scored against.

    By default every modelled language of the script; with ``candidates`` (say the
    project's locales) only those plus the expected and source languages, so only
    their profiles are ever loaded. An unmodelled expected language always needs
    the whole script: the best of them stands in for it.
    """
    every = _codes_for_script(script)
    if candidates is None or target.code is None:
        return every
    wanted = {profile_code(c) for c in candidates} | {target.code, source}
    return tuple(c for c in every if c in wanted)


# ---------------------------------------------------------------------------
# Words, normalised exactly as langdetect does
# ---------------------------------------------------------------------------


class _Normaliser(dict):
    """``str.translate`` table applying ``NGram.normalize``, filled on demand."""

    def __missing__(self, codepoint: int) -> str:
        value = NGram.normalize(chr(codepoint))
        self[codepoint] = value
        return value


_NORMALISE = _Normaliser()
_VI_MARKS = regex.compile("[\u0300\u0301\u0303\u0309\u0323]")
_WORD = regex.compile(r"(?P<latin>[\p{Latin}\p{M}]+)|[^\s\p{Latin}]+")
_ACRONYM = regex.compile(r"\p{Lu}\p{Lu}")
_JOINERS = frozenset("-‐'’")
# Scripts written without spaces: a "word" there is a whole clause.
_UNSPACED = frozenset({"Hani", "Hira", "Kana", "Thai", "Laoo", "Khmr", "Mymr", "Tibt"})


@functools.lru_cache(maxsize=16384)
def _grams(word: str) -> tuple[str, ...]:
    """langdetect's 1-, 2- and 3-grams of one word (padded with spaces)."""
    padded = f" {word} "
    # Joined pairwise in C: each bigram is a character and the next, each trigram a
    # bigram and the character after it.
    pairs = list(map(operator.add, padded[:-1], padded[1:]))
    return (*word, *pairs, *map(operator.add, pairs[:-1], padded[2:]))


class _Word(NamedTuple):
    # A named tuple, not a dataclass: one is built per word of every segment, and
    # a tuple is several times cheaper to make.
    start: int
    end: int
    text: str  # normalised
    script: str
    capitalised: bool
    continues: bool  # joined to the previous word ("sphinx-build", "contoh-contoh")


def _word_script(word: str) -> str | None:
    for char in word:
        script = script_of(char)
        if script not in ("Zyyy", "Zinh"):
            return script
    return None


#: Room for a whole large catalogue: the catalogue's own profile reads every text
#: once, and the checks then find each text's words here. Bounded, whatever the
#: number of catalogues: 17 MB more at peak than 1,024 entries on weblate's tree.
_WORDS_CACHE = 16384


@functools.lru_cache(maxsize=_WORDS_CACHE)
def _words(text: str) -> tuple[_Word, ...]:
    """Scorable words of ``text`` with their offsets in ``text``.

    Markup is masked first (same length), then every character goes through
    ``NGram.normalize`` (one character in, one out), so offsets survive. Acronyms
    are skipped as langdetect skips "capital words": they carry no language.
    """
    normalised = mask_markup(text, quotes=True).translate(_NORMALISE)
    has_vi_marks = _VI_MARKS.search(normalised) is not None
    words: list[_Word] = []
    end = -2
    for match in _WORD.finditer(normalised):
        raw = match.group()
        lower = raw.islower()  # most words: no capital, so no acronym either
        if not lower and _ACRONYM.search(raw):
            continue
        # A match of the Latin alternative is Latin unless it starts with a mark.
        if match.lastgroup == "latin" and raw[0].isalpha():
            script: str | None = "Latn"
        else:
            script = _word_script(raw)
            if script is None:
                continue
        word = NGram.normalize_vi(raw) if has_vi_marks else raw
        start = match.start()
        # langdetect splits on hyphens and apostrophes; for counting words they join.
        joined = end == start - 1 and text[start - 1] in _JOINERS
        end = match.end()
        capitalised = not lower and raw[0].isupper()
        words.append(_new_word(_Word, (start, end, word, script, capitalised, joined)))
    return tuple(words)


_new_word = tuple.__new__  # a _Word without the keyword handling of _Word(...)


# ---------------------------------------------------------------------------
# Expected language
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Expected:
    code: str | None  # profile code, None when unmodelled
    scripts: frozenset[str]
    never_claim: frozenset[str]  # itself and its relatives


@functools.lru_cache(maxsize=1024)
def _expected(lang: str) -> _Expected:
    code = profile_code(lang)
    never = _relatives(code) if code else frozenset()
    return _Expected(code, expected_scripts(lang), never)


def models(lang: str) -> bool:
    """Whether a profile models ``lang`` in the scripts it is written in.

    Punjabi's profile is Gurmukhi: it says nothing about Punjabi in Arabic letters.
    """
    expected = _expected(lang)
    return expected.code is not None and expected.scripts <= _profile(expected.code).scripts


def _score(model, texts: Sequence[str]) -> float:
    return sum([model.word_score(t) for t in texts])


def _gram_count(texts: Sequence[str]) -> int:
    return sum(3 * len(t) + 1 for t in texts)


class _Floor:
    """A model that has never seen the words: every n-gram at the smoothing floor."""

    @staticmethod
    def word_score(word: str) -> float:
        return _FLOOR * len(_grams(word))

    @staticmethod
    def score(texts: Sequence[str]) -> float:
        return _FLOOR * _gram_count(texts)


class OwnProfile:
    """A catalogue's own language, learnt from its own translations.

    Its n-grams are counted as langdetect counts a profile's, and scored the same
    way (relative frequency plus langdetect's smoothing), so that it competes with
    langdetect's profiles on equal terms. An entry is scored with its own text left
    out of the counts: the rest of the catalogue must vouch for it.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        # The words of every text, through the per-segment cache, which holds a whole
        # catalogue: the checks that follow find them there. Each distinct word's
        # n-grams are counted once, times the word's count: the same counts as gram by
        # gram, for a fraction of the updates.
        seen = Counter(word.text for text in texts for word in _words(text))
        self.counts: Counter[str] = Counter()
        for word, times in seen.items():
            for gram in _grams(word):
                self.counts[gram] += times
        self.totals = [0, 0, 0]
        for gram, count in self.counts.items():  # distinct n-grams: far fewer than all
            self.totals[len(gram) - 1] += count

    @staticmethod
    def _grams(text: str) -> list[str]:
        return [gram for word in _words(text) for gram in _grams(word.text)]

    def score(self, text: str, leaving_out: str | None = None) -> float:
        """Log-likelihood of ``text``'s words, without the counts of ``leaving_out``."""
        own: Counter[str] = Counter(self._grams(leaving_out)) if leaving_out else Counter()
        totals = list(self.totals)
        for gram, count in own.items():
            totals[len(gram) - 1] -= count
        score = 0.0
        for gram in self._grams(text):
            count = self.counts.get(gram, 0) - own.get(gram, 0)
            total = totals[len(gram) - 1]
            score += math.log(count / total + _SMOOTHING) if count > 0 and total > 0 else _FLOOR
        return score
