"""Homoglyphs: a letter of another script standing in for a look-alike letter of its word.

A keyboard left on the wrong layout, or text pasted from another document, leaves a
Cyrillic ``о`` inside a French word ("électrоnique"), a Latin ``i`` inside a Belarusian
one ("сiстэма") or a Greek ``Η`` for a Latin ``H``. The word reads correctly and is
wrong: it cannot be searched, spell-checked or sorted, and a screen reader spells it.
:func:`pipeline.language.scripts.foreign_script_runs` already finds letters of a
script the locale does not use; this module says when such a letter is a homoglyph
and which letter it stands for, so the message can name both.

What "looks the same" means comes from Unicode's confusables data (UTS #39,
``confusables.txt``) as shipped by the ``confusable_homoglyphs`` package: it maps every
character to a *prototype*, and two characters with the same prototype are
confusable. The package's JSON lists, for every character, the characters it maps
to or that map to it, so a character's prototype class is at most two steps away
(Cyrillic ``о`` -> Latin ``o`` -> Greek ``ο``). Letters with marks are looked up by
their base letter (``ў`` is ``у`` + breve, so it looks like ``y̆``), as the UTS #39
skeleton does after NFD.

A homoglyph is reported only when all of these hold, so that tokens meant to mix
scripts stay quiet:

* it is a letter of a script the locale does not expect, inside a word (a maximal
  run of letters and marks, markup masked out) whose other letters are in an
  expected script of a cased alphabet: Latin, Cyrillic, Greek, Armenian... In
  unspaced scripts (Han, Kana) a "word" is a phrase and a Latin letter in it is a
  borrowed token ("T恤", "Tシャツ"), not a disguise;
* the foreign letters are at most half of the word, and every one of them looks
  like an ordinary letter of the word's script: a cased letter with no
  compatibility decomposition (so not a phonetic small capital ``ᴛ`` or a
  fullwidth ``ｏ``). A foreign letter with no look-alike means a foreign token is
  glued to the word ("XMLфайл", "NF-κB"), and the whole word is left alone;
* the letter is not a lowercase Greek letter on an all-capital word: that is a
  symbol joined to a name (TNFα, IFNγ); a disguised letter keeps its word's case;
* the word, as written, is not a word of the msgid (a product name copied as is).

A whole word in another script is a foreign word, not a homoglyph (the wrong-script
check reports it). Units and formulas fall out of the data: ``µ`` (micro sign) is a
shared character, Greek ``μ`` and ``Ω`` look like no Latin letter, and the ``α`` of
``α-hydroxy`` is a word of its own.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

import regex

from pipeline.language.scripts import expected_scripts, mask_markup, script_name, script_of

__all__ = ["Homoglyph", "homoglyph_at", "homoglyphs", "look_alike"]


class Homoglyph(NamedTuple):
    """A letter of another script inside a word, and the letter it looks like."""

    start: int  #: 0-based offset of the letter in the text
    char: str  #: the foreign letter (with any combining marks), e.g. "о"
    script: str  #: its ISO 15924 script code, e.g. "Cyrl"
    word: str  #: the whole word it sits in, as written, e.g. "électrоnique"
    word_script: str  #: the script of the rest of the word, e.g. "Latn"
    meant: str  #: the letter of word_script that looks the same, e.g. "o"
    message: str  #: one sentence naming both letters, for a finding


# ---------------------------------------------------------------------------
# Confusables data
# ---------------------------------------------------------------------------

_SHARED = ("Zyyy", "Zinh")


@functools.cache
def _data() -> dict[str, list[dict[str, str]]]:
    """The package's confusables table (character -> [{"c": look-alike, "n": name}]).

    Imported on first use: reading the 900 kB JSON costs ~20 ms, which a run that
    meets no foreign letter should not pay.
    """
    from confusable_homoglyphs.confusables import confusables_data

    return confusables_data


@functools.lru_cache(maxsize=4096)
def _neighbours(char: str) -> frozenset[str]:
    """Single characters the data links ``char`` with in one step (its prototype, or
    the characters whose prototype it is)."""
    return frozenset(e["c"] for e in _data().get(char, ()) if len(e["c"]) == 1)


@functools.lru_cache(maxsize=4096)
def _confusable_class(char: str) -> frozenset[str]:
    """The characters with the same prototype as ``char`` (its prototype included),
    ``char`` left out: at most two steps away in the data."""
    direct = _neighbours(char)
    found = set(direct)
    for other in direct:
        found |= _neighbours(other)
    return frozenset(found - {char})


def _is_ordinary(char: str) -> bool:
    """A letter an alphabet writes words with: it has a case partner and no
    compatibility decomposition. Leaves out phonetic small capitals (ᴛ, ʜ, ᴎ), kra
    and fullwidth or mathematical forms, which the data also lists as look-alikes."""
    if not char.isalpha() or unicodedata.decomposition(char).startswith("<"):
        return False
    return char.upper() != char or char.lower() != char


class _Option(NamedTuple):
    alike: str  # the look-alike, marks put back
    other_case: bool  # of the other case than the letter (a worse reading)


@functools.lru_cache(maxsize=8192)
def _options(letter: str, script: str) -> tuple[_Option, ...]:
    """Ordinary letters of ``script`` that ``letter`` looks like, best first.

    ``letter`` is one letter, possibly with combining marks. When the letter itself
    has no look-alike its base letter is looked up and the marks put back (``ў`` is
    ``у`` + breve, which looks like ``y̆``). Best is the same case, then the lowest
    code point, which puts basic letters (``і``) before rarer ones (``ӏ``, ``ꙇ``).
    Which member of the class is its prototype plays no part: Unicode picks one as
    a representative, not as the best look-alike (Greek ``ε`` and Latin ``ɛ`` both
    have ``ꞓ`` as theirs).
    """
    composed = unicodedata.normalize("NFC", letter)
    forms = [(composed, "")]
    decomposed = unicodedata.normalize("NFD", composed)
    if len(decomposed) > 1:
        forms.append((decomposed[0], decomposed[1:]))
    for base, marks in forms:
        if len(base) != 1:
            continue
        ranked = sorted(
            (c.isupper() != base.isupper(), ord(c), c)
            for c in _confusable_class(base)
            if script_of(c) == script and _is_ordinary(c)
        )
        if ranked:
            return tuple(
                _Option(unicodedata.normalize("NFC", c + marks), other) for other, _, c in ranked
            )
    return ()


def look_alike(letter: str, script: str) -> str | None:
    """The letter of ``script`` that ``letter`` looks like, per Unicode's confusables,
    out of context (same case, then lowest code point); ``None`` when there is none.
    Inside a word, :func:`homoglyphs` also asks the language which reading it writes.
    """
    options = _options(letter, script)
    return options[0].alike if options else None


def _meant(text: str, word: str, at: int, letter: str, script: str, locale: str) -> str | None:
    """The look-alike of ``letter``, at ``word[at:]`` in ``text``, the word most likely meant.

    Of several look-alikes of the same case (``σ`` and ``ο`` for a Latin ``o`` in a
    Greek word, ``у`` and ``ү`` for a Latin ``y`` in a Mongolian one), the reading
    the language's n-gram profile finds likeliest wins ("εισαγωγής" over
    "ειοαγωγής") when langdetect models the language in this script; then the one
    the text itself writes more often (a Mongolian text full of ``ү``); then the
    lowest code point.
    """
    options = _options(letter, script)
    if not options:
        return None
    tied = [o.alike for o in options if o.other_case == options[0].other_case]
    if len(tied) == 1:
        return tied[0]
    score = _scorer(locale, script)
    before, after = word[:at].lower(), word[at + len(letter) :].lower()
    folded = text.lower()
    keys = [
        (
            score(before + alike.lower() + after) if score is not None else 0.0,
            folded.count(alike.lower()),
        )
        for alike in tied
    ]
    return tied[keys.index(max(keys))]  # the first of the best: deterministic


@functools.lru_cache(maxsize=256)
def _scorer(locale: str, script: str) -> Callable[[str], float] | None:
    """The word score of the langdetect profile of ``locale`` written in ``script``."""
    from pipeline.language import profiles  # langdetect: loaded only when needed

    code = profiles.profile_code(locale)
    if code is None or script not in expected_scripts(code.split("-")[0]):
        return None
    return profiles._profile(code).word_score


# ---------------------------------------------------------------------------
# Letters, words and scripts
# ---------------------------------------------------------------------------

_LETTER = regex.compile(r"\p{L}\p{M}*")
_SOURCE_WORD = regex.compile(r"[\p{L}\p{M}]+")


@functools.lru_cache(maxsize=64)
def _patterns(allowed: frozenset[str]) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(a foreign letter, a foreign letter next to a letter that is not foreign).

    A letter is foreign when its Script_Extensions share nothing with the expected
    scripts and it is not a shared letter, as in ``foreign_script_runs``. The second
    pattern is the cheap test: a word that mixes scripts has such a pair somewhere.
    """
    excluded = "".join(rf"\p{{scx={code}}}" for code in sorted(allowed | set(_SHARED)))
    foreign = rf"[\p{{L}}--[{excluded}]]"
    native = rf"[\p{{L}}&&[{excluded}]]"
    # Anchored on the foreign letter (rare) and looking around it: three times
    # cheaper than "foreign-native | native-foreign", which tries both at every letter.
    pair = rf"{foreign}(?:\p{{M}}*+{native}|(?<={native}\p{{M}}*+{foreign}))"
    return regex.compile(rf"(?V1){foreign}"), regex.compile(rf"(?V1){pair}")


@functools.lru_cache(maxsize=16384)
def _is_foreign(char: str, allowed: frozenset[str]) -> bool:
    return _patterns(allowed)[0].match(char) is not None


@functools.lru_cache(maxsize=1024)
def _source_words(source: str) -> frozenset[str]:
    return frozenset(_SOURCE_WORD.findall(source))


def _is_symbol(letter: str, own: list[str]) -> bool:
    """Whether a foreign letter reads as a symbol joined to a name rather than a letter
    of the word: a lowercase Greek letter on an all-capital word (TNFα, IFNγ, PPARγ).

    Greek is the script whose letters science writes as symbols inside other text;
    a Cyrillic or Latin letter after capitals is a suffix ("URLs", Basque "IDa") and
    can be a disguised one ("URLѕ"). A disguised letter keeps its word's case.
    """
    if script_of(letter[0]) != "Grek" or not letter.islower():
        return False
    cased = [c for c in own if c.upper() != c.lower()]
    return len(cased) > 1 and all(c.isupper() for c in cased)


def _describe(char: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in char)


def _word_bounds(masked: str, at: int) -> tuple[int, int]:
    """The maximal run of letters and marks of ``masked`` around offset ``at``."""
    start, end = at, at + 1
    while start > 0 and unicodedata.category(masked[start - 1])[0] in "LM":
        start -= 1
    while end < len(masked) and unicodedata.category(masked[end])[0] in "LM":
        end += 1
    return start, end


def _word_homoglyphs(
    text: str, masked: str, start: int, end: int, locale: str, source: str | None
) -> list[Homoglyph]:
    """The homoglyphs of the word ``text[start:end]`` (none unless the rules of the
    module docstring hold for the whole word)."""
    allowed = expected_scripts(locale)
    foreign: list[tuple[int, str]] = []
    own: list[str] = []
    scripts: Counter[str] = Counter()
    for match in _LETTER.finditer(masked, start, end):
        letter = match.group()
        if _is_foreign(letter[0], allowed):
            foreign.append((match.start(), letter))
            continue
        script = script_of(letter[0])
        if script in allowed:
            own.append(letter[0])
            scripts[script] += 1
    if not foreign or len(foreign) > len(own):
        return []
    # The word's script: its most frequent own script, ties by code (deterministic).
    word_script = min(scripts, key=lambda code: (-scripts[code], code))
    if all(c.upper() == c.lower() for c in own):
        return []  # an uncased script: Han, Kana, Arabic... (see the module docstring)
    if any(_is_symbol(letter, own) for _, letter in foreign):
        return []  # a symbol appended to a name (TNFα), not a letter of the word
    word = text[start:end]
    if source is not None and word in _source_words(source):
        return []  # copied as is from the msgid
    meant = [
        _meant(text, word, offset - start, letter, word_script, locale)
        for offset, letter in foreign
    ]
    if any(m is None for m in meant):
        return []  # a foreign token glued to the word, not a disguised letter
    found = []
    for (offset, letter), alike in zip(foreign, meant, strict=True):
        assert alike is not None
        name, word_name = script_name(script_of(letter[0])), script_name(word_script)
        message = (
            f"{name} '{letter}' ({_describe(letter)}) inside the {word_name} word "
            f"'{word}'; the {word_name} '{alike}' looks the same"
        )
        found.append(
            Homoglyph(offset, letter, script_of(letter[0]), word, word_script, alike, message)
        )
    return found


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def homoglyphs(text: str, locale: str, source: str | None = None) -> list[Homoglyph]:
    """Every homoglyph in ``text``, a translation into ``locale``, in text order.

    ``source`` is the msgid: a word it contains as written is never reported.
    Offsets are 0-based character offsets into ``text``. Two cheap tests come first
    and settle nearly every entry: a text of Latin-1 characters in a Latin locale has
    no foreign letter, and a text with no foreign letter next to a native one has no
    word that mixes scripts; only then is markup masked and the confusables data read.
    """
    allowed = expected_scripts(locale)
    if "Latn" in allowed and (text.isascii() or max(text) <= "\xff"):
        return []  # Latin-1 letters are all Latin (or shared: µ)
    foreign, pair = _patterns(allowed)
    if pair.search(text) is None:
        return []
    masked = mask_markup(text)
    found: list[Homoglyph] = []
    done = 0
    for match in foreign.finditer(masked):
        if match.start() < done:
            continue  # in a word already looked at
        start, end = _word_bounds(masked, match.start())
        done = end
        found.extend(_word_homoglyphs(text, masked, start, end, locale, source))
    return found


def homoglyph_at(
    text: str, start: int, end: int, locale: str, source: str | None = None
) -> Homoglyph | None:
    """For a foreign-script run text[start:end] reported by foreign_script_runs: the
    Homoglyph if the run is one (or a few) letters inside a word of an expected
    script that Unicode's confusables data says look like letters of that script;
    else None.

    A run that spans two words (a homoglyph at the end of one and the start of the
    next) gives its first homoglyph; :func:`homoglyphs` lists them all.
    """
    masked = mask_markup(text)
    at = start
    while at < end:
        if unicodedata.category(masked[at])[0] != "L":
            at += 1
            continue
        word_start, word_end = _word_bounds(masked, at)
        for found in _word_homoglyphs(text, masked, word_start, word_end, locale, source):
            if start <= found.start < end:
                return found
        at = word_end
    return None
