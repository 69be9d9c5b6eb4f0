"""Language-identification core: is this segment (or a run in it) not the expected language?

This module owns the statistical side of ``l10n check``: the *wrong-language* and
*mixed-language* decisions. It scores text with langdetect's own n-gram profiles
(the JSON files in ``langdetect/profiles``) and langdetect's own normalisation
(``NGram.normalize``, ``NGram.normalize_vi``, the 1-3-gram window over space-padded
words, acronyms skipped), but deterministically and only for the few languages a
question needs, instead of langdetect's randomised sampling over all 55 profiles.

Each decision is a hypothesis test, not an argmax: the null hypothesis is "the text
is in the expected language"; it is rejected only on strong evidence, measured as a
log-likelihood ratio (natural log, summed over the n-grams of the scored words).

* The source language (English) is tested first: it is by far the most likely wrong
  language (untranslated or half-translated entries) and costs one profile.
* Short text is never decided.
* Close relatives (nb/nn/da, hr/bs/sr, cs/sk, id/ms, ...) are never told apart.
* A language langdetect has no profile for (Icelandic, Basque, Esperanto, ...) is
  "unmodelled": it still gets the "is this the source language?" test, where the
  best of every other modelled language of its script stands in for it (English
  must beat them all), but never a claim that it is some third language.

Profiles are loaded lazily and cached; scoring a word against all languages of a
script is cached per word as one vector, so a segment costs a lookup per word.

Letters of a script the expected language does not use are the business of
:mod:`pipeline.language.scripts`; this module only uses them to name the language.
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

from . import cache
from .scripts import expected_scripts, mask_markup, parse_locale, script_of

__all__ = [
    "LanguageVerdict",
    "are_relatives",
    "copy_preference",
    "plain_words",
    "foreign_runs",
    "is_modelled",
    "modelled_languages",
    "profile_code",
    "wrong_language",
]

# ---------------------------------------------------------------------------
# Decision thresholds (log-likelihood ratios in nats; see bench/bench_language_core.py)
# ---------------------------------------------------------------------------

#: A translation that is, character for character, another language's translation
#: of the same message is that language's text when that language explains it at
#: least this much better than the expected one (an error) ...
COPY_LLR = 8.0
#: ... or at least this much better (a warning: short text gives little evidence).
COPY_HINT_LLR = 2.0
#: Text that the catalogues of more than this many languages share is common to
#: them ("Autor", "Parametri"), not copied from one of them.
COPY_MAX_SHARED = 3

#: Text with fewer letters or (in spaced scripts) fewer words is never decided.
MIN_LETTERS = 10
MIN_WORDS = 2
#: "Is this the source language?" needs this total and per-n-gram ratio.
SOURCE_LLR = 20.0
SOURCE_LLR_PER_GRAM = 0.1
#: A third language: the same evidence (calibrated on the Sphinx bench: 25 nats
#: missed 3 more swaps in 100 for 0.04% fewer false positives), and it must also
#: explain the text better than the source language.
THIRD_LLR = 20.0
THIRD_LLR_PER_GRAM = 0.1
THIRD_MIN_WORDS = 2
#: Once a text is known not to be the expected language, a third language must beat
#: the source language by this much to be named instead.
THIRD_OVER_SOURCE = 20.0
#: Mixed-language runs: per-word evidence is clipped, switching costs a penalty.
WORD_LLR_CLIP = 12.0
#: Counter-evidence per word is capped lower: English technical words often look
#: French or German to trigram profiles ("environment", "description").
NEGATIVE_CLIP_SHARE = 0.5
SWITCH_PENALTY = 5.0
RUN_LLR = 15.0
RUN_LLR_PER_WORD = 2.0
THIRD_RUN_FACTOR = 2.0

# langdetect smooths every n-gram probability with alpha / BASE_FREQ (0.5 / 10000).
_SMOOTHING = 0.5 / 10000
_FLOOR = math.log(_SMOOTHING)
_CACHE_LIMIT = 200_000

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
    return code if code in _profile_files() else None


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
        self._cache: dict[str, tuple[float, ...]] = {}
        self._grams: dict[str, tuple[float, ...]] = {}

    def _gram(self, gram: str) -> tuple[float, ...]:
        """One n-gram's log-probability in every profile of the panel, looked up once."""
        row = self._grams.get(gram)
        if row is None:
            row = tuple([p.logp.get(gram, _FLOOR) for p in self.profiles])
            self._grams[gram] = row
        return row

    def vector(self, word: str) -> tuple[float, ...]:
        vector = self._cache.get(word)
        if vector is None:
            known = self._grams
            rows = [known.get(g) or self._gram(g) for g in _grams(word)]
            vector = tuple(map(sum, zip(*rows, strict=True)))
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


@functools.lru_cache(maxsize=65536)
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


@functools.lru_cache(maxsize=4096)
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


@functools.lru_cache(maxsize=256)
def _expected(lang: str) -> _Expected:
    code = profile_code(lang)
    never = _relatives(code) if code else frozenset()
    return _Expected(code, expected_scripts(lang), never)


def _null_score(
    expected: _Expected,
    script: str,
    source: str | None,
    texts: Sequence[str],
    totals: dict[str, float],
) -> float | None:
    """Log-likelihood of ``texts`` under "the expected language".

    A modelled language uses its profile. An unmodelled one has none: in a script
    it does not write, it cannot have produced the text at all (the floor); in its
    own script the best any other modelled language of the script (the source
    language excepted) can do stands in, so the source must beat every one of them.
    """
    if expected.code is not None:
        if expected.code in totals:
            return totals[expected.code]
        return _score(_profile(expected.code), texts)  # text in a script it lacks
    if script not in expected.scripts:
        return _Floor.score(texts)
    others = [score for code, score in totals.items() if code != source]
    return max(others, default=None)


# ---------------------------------------------------------------------------
# wrong_language
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageVerdict:
    """Strong evidence that a text is in ``detected`` rather than the expected language.

    ``confidence`` is the log-likelihood ratio (nats) of ``detected`` over the
    expected language's model, summed over the scored n-grams: 0 means no preference;
    the decision threshold is :data:`SOURCE_LLR` (source language) or :data:`THIRD_LLR`.
    """

    detected: str
    confidence: float


# How much text one character stands for, so that 7 Han characters outweigh
# "stderr stdout" in a Chinese message about a tool's output.
_CHAR_WEIGHT = {"Hani": 3, "Hira": 2, "Kana": 2, "Hang": 2}
#: The expected script is judged on its own if it has at least this share of the text.
HOME_SHARE = 0.3


@dataclass(frozen=True)
class _Evidence:
    script: str  # the script most of the evidence is in
    scripts: frozenset[str]  # every script in the evidence
    texts: list[str]  # normalised words
    count: int  # words, counting a hyphenated compound once


def _evidence(words: Sequence[_Word], expected: _Expected) -> _Evidence | None:
    """Pick the script to judge the text in and the words that count as evidence.

    Like langdetect's ``cleaning_text``, a minority script is ignored: a Russian
    message naming ``tabularcolumns`` is Russian text with a term in it (and any
    foreign letters are the wrong-script check's business). When most of the text is
    in a script the expected language does not use, capitalised words there are
    names, not language. A text made only of capitalised words is a name or a title
    ("Python Enhancement Proposals") and carries no evidence either.
    """
    home = expected.scripts
    if words and all(w.script in home for w in words):  # the usual case, made cheap
        if len(words) > 1 and all(w.capitalised for w in words):
            return None
        scripts = {w.script for w in words}
        script = words[0].script if len(scripts) == 1 else _main_script(words)
        count = sum(1 for w in words if not w.continues)
        return _Evidence(script, frozenset(scripts), [w.text for w in words], count)
    weight: dict[str, int] = {}
    for w in words:
        group = "home" if w.script in expected.scripts else w.script
        weight[group] = weight.get(group, 0) + len(w.text) * _CHAR_WEIGHT.get(w.script, 1)
    if not weight:
        return None
    total = sum(weight.values())
    if weight.get("home", 0) >= HOME_SHARE * total:
        chosen = [w for w in words if w.script in expected.scripts]
    else:
        group = max(weight, key=weight.__getitem__)
        chosen = [w for w in words if w.script == group and not w.capitalised]
    if not chosen or (len(chosen) > 1 and all(w.capitalised for w in chosen)):
        return None
    count = sum(1 for w in chosen if not w.continues)
    texts = [w.text for w in chosen]
    return _Evidence(_main_script(chosen), frozenset(w.script for w in chosen), texts, count)


def _main_script(words: Sequence[_Word]) -> str:
    return Counter(w.script for w in words).most_common(1)[0][0]


def _decidable(evidence: _Evidence, min_words: int) -> bool:
    if sum(map(len, evidence.texts)) < MIN_LETTERS:
        return False
    return evidence.script in _UNSPACED or evidence.count >= min_words


def _score(model, texts: Sequence[str]) -> float:
    return sum([model.word_score(t) for t in texts])


def _gram_count(texts: Sequence[str]) -> int:
    return sum(3 * len(t) + 1 for t in texts)


@dataclass(frozen=True)
class _Test:
    """One alternative language against the expected language's model."""

    code: str
    llr: float  # total log-likelihood ratio, nats

    def strong(self, grams: int, total: float, per_gram: float) -> bool:
        return self.llr >= total and self.llr >= per_gram * grams


@dataclass(frozen=True)
class _Assessment:
    evidence: _Evidence
    grams: int
    source: _Test | None  # the source language, when it can be tested
    third: _Test | None  # the best third language, when one may be claimed
    third_over_source: float  # how much better the third explains it than the source
    may_claim_third: bool  # False for an unmodelled expected language


def _assess(
    text: str, expected: str, source_language: str, candidates: tuple[str, ...] | None
) -> _Assessment | None:
    """All the numbers the wrong-language decision needs (None: short or no evidence)."""
    if len(text) < MIN_LETTERS:
        return None  # never decidable: normalised words are no longer than the text
    target = _expected(expected)
    evidence = _evidence(_words(text), target)
    if evidence is None or not _decidable(evidence, MIN_WORDS):
        return None
    script, texts = evidence.script, evidence.texts
    source = profile_code(source_language)
    totals = _panel(_panel_codes(script, target, source, candidates)).totals(texts)
    null = _null_score(target, script, source, texts, totals)
    if null is None:
        return None
    source_test = None
    if source and source not in target.never_claim and source in totals:
        source_test = _Test(source, totals[source] - null)
    third, over = None, -math.inf
    # An unmodelled language gets a third language scored only to name foreign-script
    # text (and then not claimed), never to judge text in its own script.
    may_name = target.code is not None or script not in target.scripts
    if may_name and _decidable(evidence, THIRD_MIN_WORDS):
        codes = _third_codes(script, target, source, candidates, evidence.scripts)
        best = max(codes, key=totals.__getitem__, default=None)
        if best is not None:
            third = _Test(best, totals[best] - null)
            over = third.llr - (source_test.llr if source_test else -math.inf)
    grams = _gram_count(texts)
    return _Assessment(evidence, grams, source_test, third, over, target.code is not None)


def wrong_language(
    text: str,
    expected: str,
    source_language: str = "en",
    candidates: Iterable[str] | None = None,
) -> LanguageVerdict | None:
    """Strong evidence that ``text`` is not in ``expected``, or ``None``.

    ``candidates`` limits the third languages considered (e.g. the project's
    locales); by default every modelled language of the text's script competes.
    Returns ``None`` for short text, for close relatives of ``expected``, and for
    any third language when ``expected`` is unmodelled.
    """
    chosen = tuple(candidates) if candidates is not None else None
    found = _assess(text, expected, source_language, chosen)
    if found is None:
        return None
    source, third = found.source, found.third
    # 1. The source language first: the likeliest error (untranslated text).
    if source is not None and source.strong(found.grams, SOURCE_LLR, SOURCE_LLR_PER_GRAM):
        # Portuguese pasted into the Albanian catalogue also looks more English
        # than Albanian: name a third language only if it is clearly better.
        if third is not None and found.third_over_source >= THIRD_OVER_SOURCE:
            if not found.may_claim_third:
                return None  # French in the Georgian catalogue: the script check says so
            return LanguageVerdict(_language_name(third.code), third.llr)
        return LanguageVerdict(_language_name(source.code), source.llr)
    # 2. A third language, which must also explain the text better than the source.
    if (
        found.may_claim_third
        and third is not None
        and found.third_over_source > 0
        and third.strong(found.grams, THIRD_LLR, THIRD_LLR_PER_GRAM)
    ):
        return LanguageVerdict(_language_name(third.code), third.llr)
    return None


# Scripts without which a text cannot be in the language: Korean profiles know
# Han characters (hanja), Japanese ones too, but Chinese text is neither.
_SIGNATURE_SCRIPTS = {"ko": frozenset({"Hang"}), "ja": frozenset({"Hira", "Kana"})}


def _third_codes(
    script: str,
    target: _Expected,
    source: str | None,
    candidates: Iterable[str] | None,
    present: frozenset[str] | None = None,
) -> tuple[str, ...]:
    """The languages of ``script`` that text could be claimed for, besides the expected."""
    # The same few questions come up for every segment of a catalogue: a hashable
    # form of the arguments lets one cache answer them.
    frozen = tuple(candidates) if candidates is not None else None
    present = present if present is not None else frozenset({script})
    return _third_codes_for(script, target, source, frozen, present)


@functools.lru_cache(maxsize=1024)
def _third_codes_for(
    script: str,
    target: _Expected,
    source: str | None,
    candidates: tuple[str, ...] | None,
    present: frozenset[str],
) -> tuple[str, ...]:
    if candidates is None:
        codes = _codes_for_script(script)
    else:
        codes = tuple(c for c in (profile_code(x) for x in candidates) if c)
    return tuple(
        c
        for c in dict.fromkeys(codes)
        if c not in target.never_claim
        and c != source
        and script in _profile(c).scripts
        and present & _SIGNATURE_SCRIPTS.get(c, present)
    )


def _language_name(code: str) -> str:
    """Profile code to a language tag: ``zh-cn`` -> ``zh_Hans``."""
    return {"zh-cn": "zh_Hans", "zh-tw": "zh_Hant"}.get(code, code)


# ---------------------------------------------------------------------------
# foreign_runs
# ---------------------------------------------------------------------------


class _Floor:
    """A model that has never seen the words: every n-gram at the smoothing floor."""

    @staticmethod
    def word_score(word: str) -> float:
        return _FLOOR * len(_grams(word))

    @staticmethod
    def score(texts: Sequence[str]) -> float:
        return _FLOOR * _gram_count(texts)


def _null_models(
    words: Sequence[_Word], target: _Expected, source: str | None
) -> dict[str, _Profile | _Floor]:
    """Per script in the text, the model a foreign run must beat.

    * The expected language's own script: its profile; for an unmodelled language
      the modelled language (other than the source) that best explains those words,
      so Galician prose stays Galician-ish rather than "not Portuguese, so English".
    * Any other script: the floor. The expected language cannot have written those
      letters; short quoted literals and code are masked before this point, so what
      is left and runs for several words is prose.
    """
    nulls: dict[str, _Profile | _Floor] = {}
    excluded = frozenset({source} if source else ())
    for script in {w.script for w in words}:
        if script not in target.scripts:
            nulls[script] = _Floor()
        elif target.code is not None:
            nulls[script] = _profile(target.code)
        else:
            texts = [w.text for w in words if w.script == script]
            codes = tuple(c for c in _codes_for_script(script) if c not in excluded)
            if not codes:
                nulls[script] = _Floor()
                continue
            totals = _panel(codes).totals(texts)  # one cached vector per word
            nulls[script] = _profile(max(codes, key=totals.__getitem__))
    return nulls


def _weight(word: _Word) -> float:
    """How many words a token stands for: a Chinese clause is one token."""
    return max(1.0, len(word.text) / 2) if word.script in _UNSPACED else 1.0


def _word_llrs(
    words: Sequence[_Word], model: _Profile, nulls: dict, target: _Expected
) -> list[float]:
    """Clipped per-word evidence for ``model`` over the null model of the word's script.

    A word in a script ``model`` cannot write is evidence against it. A capitalised
    word in a script the expected language does not use is a name (Dr Pen, Python):
    it neither starts nor breaks a run.
    """
    llrs = []
    for w in words:
        clip = WORD_LLR_CLIP * _weight(w)
        if w.script not in model.scripts:
            llrs.append(-clip)
        elif w.capitalised and w.script not in target.scripts:
            llrs.append(0.0)
        else:
            llr = model.word_score(w.text) - nulls[w.script].word_score(w.text)
            llrs.append(max(-clip * NEGATIVE_CLIP_SHARE, min(clip, llr)))
    return llrs


def _runs(llrs: Sequence[float]) -> list[tuple[int, int, float]]:
    """Best segmentation into expected/foreign stretches (two-state Viterbi).

    Entering and leaving a foreign stretch each cost :data:`SWITCH_PENALTY`, so a
    stretch is only worth it when its evidence clearly outweighs the switches;
    scattered look-alike words do not make a run. Returns (first, last, llr).
    """
    home, away = 0.0, -SWITCH_PENALTY
    home_back: list[bool] = []  # came from "away" into "home"?
    away_back: list[bool] = []  # came from "home" into "away"?
    for x in llrs:
        from_away = away - SWITCH_PENALTY > home
        from_home = home - SWITCH_PENALTY > away
        home, away = (
            max(home, away - SWITCH_PENALTY),
            max(away, home - SWITCH_PENALTY) + x,
        )
        home_back.append(from_away)
        away_back.append(from_home)
    state = 1 if away - SWITCH_PENALTY > home else 0
    runs: list[tuple[int, int, float]] = []
    end = None
    for i in range(len(llrs) - 1, -1, -1):
        if state == 1:
            if end is None:
                end = i
            if away_back[i]:
                runs.append((i, end, sum(llrs[i : end + 1])))
                end, state = None, 0
        elif home_back[i]:
            state = 1
    if state == 1 and end is not None:
        runs.append((0, end, sum(llrs[: end + 1])))
    return runs[::-1]


def foreign_runs(
    text: str,
    expected: str,
    source_language: str = "en",
    min_words: int = 4,
    candidates: Iterable[str] | None = None,
) -> list[tuple[int, int, str]]:
    """Runs of at least ``min_words`` words in ``text`` in another language.

    Returns ``(start, end, detected)`` with 0-based character offsets into ``text``.
    The source language is looked for first; other languages only when the expected
    language *is* the source (a German paragraph in an English document) or when
    ``candidates`` names them. The whole segment may come back as one run: the check
    layer reports that as wrong-language instead.
    """
    words = _words(text)
    if len(words) < min_words:
        return []
    target = _expected(expected)
    source = profile_code(source_language)
    chosen = tuple(candidates) if candidates is not None else None
    if chosen is None and not _source_run_possible(words, target, source, min_words):
        return []
    nulls = _null_models(words, target, source)
    found: list[tuple[int, int, str, float]] = []
    for code in _run_codes(target, source, words, nulls, chosen):
        # A third language competes with many others, so it needs more evidence.
        factor = 1.0 if code == source else THIRD_RUN_FACTOR
        llrs = _word_llrs(words, _profile(code), nulls, target)
        for first, last, llr in _runs(llrs):
            counted = sum(
                1
                for w, x in zip(words[first : last + 1], llrs[first : last + 1], strict=True)
                if x > 0 and not w.continues
            )
            if (
                counted >= min_words
                and llr >= RUN_LLR * factor
                and llr >= RUN_LLR_PER_WORD * factor * counted
            ):
                label = _label_run(words[first : last + 1], code, target, source)
                if label is not None:
                    found.append((words[first].start, words[last].end, label, llr))
    return _without_overlaps(found)


def _source_run_possible(
    words: Sequence[_Word], target: _Expected, source: str | None, min_words: int
) -> bool:
    """Whether a source-language run could be found at all (False only when certain).

    The common question, English in a translation, needs ``min_words`` words the
    source language explains better than the expected one. Counting them costs two
    cached lookups a word and spares the null models and the run search for almost
    every segment. Words in a script the expected language does not write are
    counted as possible; an unmodelled or source expected language is not bounded.
    """
    if source is None or target.code is None or target.code == source:
        return True
    if source in target.never_claim:
        return False  # _run_codes would not search the source language either
    model, home = _profile(source), _profile(target.code)
    possible = 0
    for w in words:
        if w.continues:
            continue
        if w.script in target.scripts:
            if w.script not in model.scripts:
                continue  # the source cannot write it: evidence against (_word_llrs)
            # The word's vector from the language test is usually cached already.
            panel = _panel(_codes_for_script(w.script))
            vector = panel._cache.get(w.text)
            if vector is not None:
                if vector[panel.index[source]] <= vector[panel.index[target.code]]:
                    continue
            elif model.word_score(w.text) <= home.word_score(w.text):
                continue
        possible += 1
        if possible >= min_words:
            return True
    return False


def _label_run(
    run: Sequence[_Word], code: str, target: _Expected, source: str | None
) -> str | None:
    """Name a run found against the floor of a script the expected language lacks.

    Any Latin prose in a Russian message beats the floor, French as much as
    English, so such a run is named after the language of its script that explains
    it best (the source language unless another is clearly better). An unmodelled
    expected language may not claim a third language: the run is left to the
    wrong-script check, which reports those letters anyway.
    """
    texts = [w.text for w in run if w.script not in target.scripts and not w.capitalised]
    if code != source or len(texts) * 2 < len(run):
        return _language_name(code)
    script = Counter(w.script for w in run if w.script not in target.scripts).most_common(1)[0][0]
    codes = [c for c in _codes_for_script(script) if c not in target.never_claim and c != code]
    scores = {c: _score(_profile(c), texts) for c in codes}
    best = max(scores, key=scores.__getitem__, default=None)
    if best is None or scores[best] - _score(_profile(code), texts) < THIRD_OVER_SOURCE:
        return _language_name(code)
    return _language_name(best) if target.code is not None else None


def _run_codes(
    target: _Expected,
    source: str | None,
    words: Sequence[_Word],
    nulls: dict,
    candidates: tuple[str, ...] | None,
) -> list[str]:
    """Languages worth a run search: the source, then third languages with a chance."""
    codes = []
    if source and source not in target.never_claim:
        codes.append(source)
    if target.code is None:
        return codes  # unmodelled: only ever the source language
    if candidates is not None or target.code == source:
        for script in sorted({w.script for w in words}):
            third = [c for c in _third_codes(script, target, source, candidates) if c not in codes]
            in_script = [w for w in words if w.script == script]
            codes.extend(_promising(third, in_script, nulls, target))
    return codes


def _promising(
    codes: list[str], words: Sequence[_Word], nulls: dict, target: _Expected
) -> list[str]:
    """The codes whose positive per-word evidence could add up to a run at all.

    An upper bound on any run's evidence, from the per-word score vectors: it
    spares the run search for the ~30 languages of a script on every segment of an
    English document, where almost none of them has a chance.
    """
    if not codes or not words:
        return []
    panel = _panel(tuple(codes))
    bounds = [0.0] * len(codes)
    for w in words:
        if w.capitalised and w.script not in target.scripts:
            continue  # a name: no evidence either way (as in _word_llrs)
        null = nulls[w.script].word_score(w.text)
        bounds = [
            b + min(WORD_LLR_CLIP, x - null) if x > null else b
            for b, x in zip(bounds, panel.vector(w.text), strict=True)
        ]
    needed = RUN_LLR * THIRD_RUN_FACTOR
    return [c for c, b in zip(codes, bounds, strict=True) if b >= needed]


def _without_overlaps(found: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str]]:
    """Keep the strongest run where runs for different languages overlap."""
    kept: list[tuple[int, int, str, float]] = []
    for run in sorted(found, key=lambda r: -r[3]):
        if all(run[1] <= k[0] or run[0] >= k[1] for k in kept):
            kept.append(run)
    return [(s, e, lang) for s, e, lang, _ in sorted(kept)]


# ---------------------------------------------------------------------------
# copy_preference
# ---------------------------------------------------------------------------


def copy_preference(
    text: str, expected: str, other: str, source_language: str = "en"
) -> float | None:
    """How much better ``other`` explains ``text`` than ``expected`` does, in nats.

    For text found word for word as ``other``'s translation of the same message:
    that identity is the evidence a copy happened, so the question is only which
    of the two languages the text belongs to, and short text may be weighed. An
    unmodelled ``other`` (Galician, Basque) is stood in for by the best modelled
    language of the script that is not ``expected``, a relative of it or the
    source language. None when ``expected`` is unmodelled, the two are relatives,
    or the text has no words in the expected scripts.
    """
    target = _expected(expected)
    if target.code is None or are_relatives(expected, other):
        return None
    words = [w for w in _words(text) if w.script in target.scripts]
    if not words:
        return None
    texts = [w.text for w in words]
    own = _score(_profile(target.code), texts)
    code = profile_code(other)
    if code is not None:
        return _score(_profile(code), texts) - own
    source = profile_code(source_language)
    totals = _panel(_codes_for_script(_main_script(words))).totals(texts)
    others = [v for c, v in totals.items() if c not in target.never_claim and c != source]
    return max(others) - own if others else None


def plain_words(text: str) -> list[str]:
    """The words of ``text`` as written, lowercased, that can recur in other messages:
    three letters or more, in a script written with spaces, outside markup."""
    return [
        text[w.start : w.end].lower()
        for w in _words(text)
        if w.end - w.start >= 3 and w.script not in _UNSPACED
    ]
