"""Language decisions: is this segment (or a run in it) not the expected language?

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

The profiles and their scores are :mod:`pipeline.language.profiles`.

Letters of a script the expected language does not use are the business of
:mod:`pipeline.language.scripts`; this module only uses them to name the language.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .profiles import (
    _UNSPACED,
    OwnProfile,
    _codes_for_script,
    _Expected,
    _expected,
    _Floor,
    _gram_count,
    _panel,
    _panel_codes,
    _profile,
    _score,
    _Word,
    _words,
    are_relatives,
    profile_code,
)

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
#: A copy is claimed only on text with this many words of three letters or more
#: that the msgid lacks: fewer are shared by languages as often as copied.
COPY_MIN_WORDS = 3

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
#: Two words never name a third language: on the untouched catalogues of the tuning
#: split every such claim was false ("datum expirace" is Czech, not Portuguese;
#: "Numer telefonu" Polish, not Romanian), however strong their n-gram evidence.
#: A two-word copy of another catalogue's translation is the copy check's business.
THIRD_MIN_WORDS = 4
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
    codes = _panel_codes(script, target, source, candidates)
    grams = _gram_count(texts)
    if target.code is not None and not _decidable(evidence, THIRD_MIN_WORDS):
        # Too short to claim a third language: only the expected and the source
        # languages' scores matter, two profiles rather than every one of the script.
        null = _score(_profile(target.code), texts)
        source_test = None
        if source and source not in target.never_claim and source in codes:
            source_test = _Test(source, _score(_profile(source), texts) - null)
        return _Assessment(evidence, grams, source_test, None, -math.inf, True)
    totals = _panel(codes).totals(texts)
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
    return _Assessment(evidence, grams, source_test, third, over, target.code is not None)


def wrong_language(
    text: str,
    expected: str,
    source_language: str = "en",
    candidates: Iterable[str] | None = None,
    source_text: str | None = None,
) -> LanguageVerdict | None:
    """Strong evidence that ``text`` is not in ``expected``, or ``None``.

    ``candidates`` limits the third languages considered (e.g. the project's
    locales); by default every modelled language of the text's script competes.
    Returns ``None`` for short text, for close relatives of ``expected``, and for
    any third language when ``expected`` is unmodelled.

    With ``source_text`` (the msgid), the words the translation shares with it
    (names, products, terms kept as the source has them: "Smartphone mit
    Authenticator-App") are no evidence on their own: the verdict must hold on the
    translation's other words too (see :func:`_holds_beyond_source`).
    """
    chosen = tuple(candidates) if candidates is not None else None
    verdict = _wrong_language(text, expected, source_language, chosen)
    if verdict is None or not _holds_beyond_names(text, verdict, expected, source_language, chosen):
        return None
    if source_text is None:
        return verdict
    if _holds_beyond_source(text, source_text, verdict, expected, source_language, chosen):
        return verdict
    return None


def _holds_beyond_names(
    text: str,
    verdict: LanguageVerdict,
    expected: str,
    source_language: str,
    chosen: tuple[str, ...] | None,
) -> bool:
    """Whether the verdict holds without the capitalised words after the first: names
    are no language's evidence ("São Tomé og Príncipe" is Danish around a Portuguese
    name, "Saint Helena, Ascension in Tristan da Cunha" Slovenian around English
    ones). Text left in the source language keeps its lowercase words and is still
    found ("Sind Sie sicher" without "Sie" is still German)."""
    words = _words(text)
    names = [w for w in words[1:] if w.capitalised]
    if not names:
        return True
    rest = " ".join(
        text[w.start : w.end] for w in words if not (w.capitalised and w is not words[0])
    )
    again = _wrong_language(rest, expected, source_language, chosen)
    return again is not None and again.detected == verdict.detected


def _holds_beyond_source(
    text: str,
    source_text: str,
    verdict: LanguageVerdict,
    expected: str,
    source_language: str,
    chosen: tuple[str, ...] | None,
) -> bool:
    """Whether ``verdict`` still holds on the words of ``text`` that the msgid lacks.

    A word the msgid has too is as often a name, a product or a term the catalogue
    keeps as a loanword as it is a sign of text left in the source language. So:

    * text with no word of the msgid's was judged on its own words: it holds;
    * text made only of the msgid's words holds for the source language when they
      come in the msgid's order (the source left in, cut short); rearranged, they
      are the target language's word order around kept terms ("Cache frontend
      Wagtail" for "Wagtail frontend cache");
    * otherwise, the other words must carry at least their share (by letters) of
      the verdict's evidence for the source language, or as much as any one word
      may (``WORD_LLR_CLIP``) if that is less ("Behold the" around
      "payment, shipping and service fees"; not "Soubor" before "TermBase
      eXchange"), and a third language must be decidable and strong on them
      alone, as if they were the whole text.
    """
    shared = {w.text.casefold() for w in _words(source_text)}
    words = _words(text)
    novel = [w for w in words if w.text.casefold() not in shared]
    if len(novel) == len(words):
        return True
    is_source = profile_code(verdict.detected) == profile_code(source_language)
    if not novel:
        if not is_source:
            return False
        kept = " ".join(w.text.casefold() for w in words)
        return f" {kept} " in f" {' '.join(w.text.casefold() for w in _words(source_text))} "
    rest = " ".join(text[w.start : w.end] for w in novel)
    if not is_source:
        again = _wrong_language(rest, expected, source_language, chosen)
        return again is not None and again.detected == verdict.detected
    share = sum(w.end - w.start for w in novel) / sum(w.end - w.start for w in words)
    needed = min(share * verdict.confidence, WORD_LLR_CLIP)
    return _lean(rest, expected, source_language, verdict.detected) >= needed


def _script_totals(
    text: str, target: _Expected, source: str | None
) -> tuple[str, list[str], dict[str, float]] | None:
    """The main script of ``text``, its normalised words, and their log-likelihood
    under every modelled language of that script (None: no scorable word)."""
    words = _words(text)
    if not words:
        return None
    script = _main_script(words)
    texts = [w.text for w in words]
    return script, texts, _panel(_panel_codes(script, target, source, None)).totals(texts)


def _lean(text: str, expected: str, source_language: str, detected: str) -> float:
    """How much better ``detected`` explains ``text`` than the expected language,
    in nats, however short the text (0 when there is nothing to score)."""
    target = _expected(expected)
    code = profile_code(detected)
    source = profile_code(source_language)
    scored = _script_totals(text, target, source) if code is not None else None
    if scored is None:
        return 0.0
    script, texts, totals = scored
    null = _null_score(target, script, source, texts, totals)
    if null is None:
        return 0.0
    alternative = totals[code] if code in totals else _score(_profile(code), texts)
    return alternative - null


def not_the_source(text: str, source_language: str) -> LanguageVerdict | None:
    """The language that explains ``text`` better than ``source_language`` by at least
    :data:`SOURCE_LLR` nats, among the modelled languages of its script, if one does.

    For a msgid that is itself no source-language text: a Romanian legal form or a
    transliterated place name in an English catalogue is a name to keep, not English
    left untranslated.
    """
    source = profile_code(source_language)
    scored = _script_totals(text, _expected(source_language), source) if source else None
    if scored is None or source not in scored[2]:
        return None
    totals = scored[2]
    best, code = max((score, code) for code, score in totals.items() if code != source)
    if best - totals[source] < SOURCE_LLR:
        return None
    return LanguageVerdict(_language_name(code), best - totals[source])


def _wrong_language(
    text: str, expected: str, source_language: str, chosen: tuple[str, ...] | None
) -> LanguageVerdict | None:
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


def beats_own_profile(
    text: str, detected: str, own: OwnProfile, leaving_out: str | None, llr: float
) -> bool:
    """Whether ``detected`` explains ``text`` at least ``llr`` nats better than the
    catalogue's own profile (learnt without ``leaving_out``, the entry's own text).

    This is the alternative to "it is English" that a language without a profile
    lacks (Irish, Scottish Gaelic, Kabyle): the rest of its own catalogue. For a
    modelled language it adds the catalogue's domain: words it uses throughout.
    """
    code = profile_code(detected)
    if code is None:
        return True
    words = [w.text for w in _words(text)]
    return _score(_profile(code), words) - own.score(text, leaving_out) >= llr


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
# copy_preference
# ---------------------------------------------------------------------------


def copy_preference(text: str, expected: str, other: str) -> float | None:
    """How much better ``other`` explains ``text`` than ``expected`` does, in nats.

    For text found word for word as ``other``'s translation of the same message:
    that identity is the evidence a copy happened, so the question is only which
    of the two languages the text belongs to. None when either language is
    unmodelled (standing in the best of forty profiles for the missing one would
    always explain a short text better than one profile does: no evidence), when
    the two are relatives, or when the text has no words in the expected scripts.
    """
    target = _expected(expected)
    code = profile_code(other)
    if target.code is None or code is None or are_relatives(expected, other):
        return None
    words = [w for w in _words(text) if w.script in target.scripts]
    if not words:
        return None
    texts = [w.text for w in words]
    return _score(_profile(code), texts) - _score(_profile(target.code), texts)


def plain_words(text: str) -> list[str]:
    """The words of ``text`` as written, lowercased, that can recur in other messages:
    three letters or more, in a script written with spaces, outside markup."""
    return [
        text[w.start : w.end].lower()
        for w in _words(text)
        if w.end - w.start >= 3 and w.script not in _UNSPACED
    ]
