"""Mixed-language runs: the stretch of a segment that is in another language.

A segment in the expected language may hold a run of words in another (a sentence
left in English inside a translation). Each word gets a log-likelihood ratio
against the expected language's model; runs are found with a penalty for every
switch, and named only on strong evidence (thresholds in
:mod:`pipeline.language.decide`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from .decide import (
    NEGATIVE_CLIP_SHARE,
    RUN_LLR,
    RUN_LLR_PER_WORD,
    SWITCH_PENALTY,
    THIRD_OVER_SOURCE,
    THIRD_RUN_FACTOR,
    WORD_LLR_CLIP,
    _language_name,
    _third_codes,
)
from .profiles import (
    _UNSPACED,
    _codes_for_script,
    _Expected,
    _expected,
    _Floor,
    _panel,
    _Profile,
    _profile,
    _score,
    _Word,
    _words,
    profile_code,
)

# ---------------------------------------------------------------------------
# foreign_runs
# ---------------------------------------------------------------------------


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


#: A run of another language is at least this many words.
RUN_MIN_WORDS = 4


def foreign_runs(
    text: str,
    expected: str,
    source_language: str = "en",
    min_words: int = RUN_MIN_WORDS,
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
