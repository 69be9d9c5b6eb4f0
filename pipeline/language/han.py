"""Chinese written where another Han-script variant belongs.

Han characters are letters of Chinese, Japanese and Korean alike, so the wrong-script
check (:mod:`pipeline.language.scripts`) cannot see Simplified Chinese in a
Traditional catalogue, Chinese pasted into a Japanese one, or a Korean entry left in
Chinese. This module decides those from per-character facts, with no statistics:

* **Simplified vs Traditional.** A character is a giveaway for one variant when
  CC-CEDICT (the data :mod:`hanzidentifier` is built on) writes it in headwords of
  that variant only *and* OpenCC's conversion to the other variant replaces it.
  The second condition drops what CC-CEDICT lists oddly: Japanese forms and rare
  variants it files under one side only (窓, 効, 氷 as "Traditional") and characters
  a region writes in its Traditional standard (Hong Kong's 户, 温, 着). Characters
  both variants write (后, 台, 里, 干) decide nothing, however OpenCC maps them.
* **Chinese in Japanese.** Many shinjitai (国, 会, 学) are "Simplified" in Chinese
  tables, so a variant giveaway counts as Chinese only if JIS X 0208, the standard
  Japanese character set, cannot encode it (连, 们, 说; but 無, 与, 国 are Japanese).
  A character OpenCC's shinjitai table writes in another form is Chinese too, from
  either variant (值 for 値, 號 for 号). Besides, a long text of Han characters without
  a single kana is Chinese: Japanese sentences cannot be written without kana, only
  short noun phrases (検索, 総合索引).
* **Chinese in Korean.** Korean writes Hangul; hanja appear beside it, never alone in
  a UI string. Han characters with no Hangul are Chinese (or Japanese, with kana),
  and a Simplified giveaway outside KS X 1001 (the Korean standard set, whose hanja
  are Traditional forms) is Chinese even next to Hangul.

Which variant a zh locale expects comes from CLDR (likely subtags through Babel):
``zh_TW``/``zh_HK``/``zh_MO`` Traditional, ``zh``/``zh_CN``/``zh_SG`` Simplified.
Markup, placeholders, URLs and code are masked (:func:`~pipeline.language.scripts.mask_markup`)
before any character is looked at. Everything here is a pure function of its
arguments; the character tables are built once, lazily, on the first Han text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import regex
from babel import Locale

from pipeline.language.scripts import likely_script, mask_markup, parse_locale

if TYPE_CHECKING:
    from opencc import OpenCC

__all__ = [
    "EVIDENCE_MAX",
    "MIN_HAN_NO_HANGUL",
    "MIN_HAN_NO_KANA",
    "Expectation",
    "HanProblem",
    "expectation",
    "foreign_to",
    "han_problem",
    "simplified_only",
    "traditional_only",
]

#: A text with at least this many Han characters and no kana is not Japanese. The
#: longest kana-less entry of the tuning split's Japanese catalogues has 9 ("%s 件追加,
#: %s 件更新, %s 件削除"); kana-less Japanese is made of short noun phrases.
MIN_HAN_NO_KANA = 10

#: A text with at least this many Han characters and no Hangul is not Korean. Modern
#: Korean UI text is Hangul; hanja, when used at all, stand beside Hangul. The tuning
#: split's Korean catalogues (16, 2,298 entries) hold no Han character at all, so a
#: single one without Hangul (是, 否, "%(num)d 日") already is foreign text.
MIN_HAN_NO_HANGUL = 1

#: Longest evidence quoted from the text: the Han run around the first giveaway.
EVIDENCE_MAX = 6

#: Characters of left context kept when a long run is cut down to the evidence.
_EVIDENCE_LEFT = 2


class HanProblem(NamedTuple):
    """Han text in a variant or language the catalogue does not expect.

    ``detected`` is ``"zh_Hans"``, ``"zh_Hant"``, ``"zh"`` (Chinese, variant unknown)
    or ``"ja"`` (kana in a Korean catalogue); ``expected`` is a label of what the
    catalogue wants ("Traditional Chinese", "Japanese", "Korean"); ``evidence`` the
    first Han run that gives it away, as written; ``suggestion`` that run in the
    expected variant (OpenCC), when there is one.
    """

    detected: str
    expected: str
    evidence: str
    suggestion: str | None
    message: str


class Expectation(NamedTuple):
    """What a zh, ja or ko catalogue expects of its Han characters.

    ``language`` is ``"zh"``, ``"ja"`` or ``"ko"``; ``script`` ``"Hans"``/``"Hant"``
    for Chinese and ``None`` otherwise; ``converter`` the OpenCC configuration that
    writes the expected Chinese variant (``s2t``, ``s2tw``, ``s2hk``, ``t2s``); ``label``
    the English name of what is expected ("Traditional Chinese").
    """

    language: str
    script: str | None
    converter: str | None
    label: str


# ---------------------------------------------------------------------------
# What a locale expects
# ---------------------------------------------------------------------------


@functools.cache
def _english() -> Locale:
    return Locale("en")


# OpenCC configuration writing a Traditional text the way a territory's standard does.
# A locale naming only the script (zh_Hant) gets OpenCC's region-neutral form.
_TRADITIONAL_CONVERTERS = {"TW": "s2tw", "HK": "s2hk", "MO": "s2hk"}


@functools.lru_cache(maxsize=512)
def expectation(locale: str) -> Expectation | None:
    """What ``locale`` expects of Han text, or ``None`` if it is not zh, ja or ko.

    An explicit script subtag wins (``zh_Hant``, ``zh_Hans_CN``); otherwise CLDR
    likely subtags decide (``zh_TW`` -> Hant, ``zh_SG`` and bare ``zh`` -> Hans).
    Raises ``ValueError`` for an empty locale, like :func:`parse_locale`.
    """
    language, script, territory = parse_locale(locale)
    english = _english()
    if language in ("ja", "ko"):
        return Expectation(language, None, None, english.languages[language])
    if language != "zh":
        return None
    script = script or likely_script(language, territory) or "Hans"
    if script not in ("Hans", "Hant"):
        return None  # zh_Latn (pinyin), zh_Bopo: not a Han-variant question
    if script == "Hant":
        converter = _TRADITIONAL_CONVERTERS.get(territory or "", "s2t")
    else:
        converter = "t2s"
    return Expectation("zh", script, converter, english.languages[f"zh_{script}"])


# ---------------------------------------------------------------------------
# Character tables
# ---------------------------------------------------------------------------


@functools.cache
def _converter(config: str) -> OpenCC:
    """OpenCC converter ``config``; ~0.1 s to load, so only once Han text is checked."""
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    return str(_converter(config).convert(text))


def _conversions(config: str, candidates: frozenset[str]) -> dict[str, str]:
    """The ``candidates`` that OpenCC ``config`` replaces when they stand alone, mapped."""
    ordered = sorted(candidates)
    # One call for the whole table: a newline is in no phrase, so every character
    # is converted on its own, as its character dictionary says.
    converted = _convert(config, "\n".join(ordered)).split("\n")
    if len(converted) != len(ordered):  # a conversion that changed the line count
        converted = [_convert(config, c) for c in ordered]
    return {c: t for c, t in zip(ordered, converted, strict=True) if t != c}


def _changed_by(config: str, candidates: frozenset[str]) -> frozenset[str]:
    """The ``candidates`` that OpenCC ``config`` replaces when they stand alone."""
    return frozenset(_conversions(config, candidates))


@functools.cache
def _cedict_only() -> tuple[frozenset[str], frozenset[str]]:
    """(Simplified-only, Traditional-only) characters of CC-CEDICT's headwords."""
    from hanzidentifier import helpers

    simplified = helpers.SIMPLIFIED_CHARACTERS
    traditional = helpers.TRADITIONAL_CHARACTERS
    return frozenset(simplified - traditional), frozenset(traditional - simplified)


@functools.cache
def _japanese_forms() -> dict[str, str]:
    """Chinese character -> the different form modern Japanese writes (值 -> 値, 號 -> 号).

    OpenCC's Japanese shinjitai table (``t2jp``) over every CC-CEDICT character.
    """
    from hanzidentifier import helpers

    everything = frozenset(helpers.SIMPLIFIED_CHARACTERS | helpers.TRADITIONAL_CHARACTERS)
    return _conversions("t2jp", everything)


@functools.cache
def simplified_only(converter: str = "s2t") -> frozenset[str]:
    """Characters only Simplified Chinese writes, for a Traditional written by ``converter``.

    CC-CEDICT Simplified-only characters that OpenCC ``converter`` (``s2t``, ``s2tw``,
    ``s2hk``) replaces: 设, 删, 户 for ``s2t``; not 户 for ``s2hk`` (Hong Kong writes it).
    """
    return _kept(f"simplified-{converter}", lambda: _changed_by(converter, _cedict_only()[0]))


@functools.cache
def traditional_only() -> frozenset[str]:
    """Characters only Traditional Chinese writes: CC-CEDICT's, that OpenCC ``t2s`` replaces."""
    return _kept("traditional", lambda: _changed_by("t2s", _cedict_only()[1]))


def _kept(name: str, build: Callable[[], frozenset[str]]) -> frozenset[str]:
    """``build()``, kept in the derived-data cache (:mod:`pipeline.cache`) under the
    versions of the two tables it comes from: building one takes ~30 ms of OpenCC."""
    from importlib.metadata import PackageNotFoundError, version

    from pipeline import cache

    try:
        tag = f"{version('hanzidentifier')}-{version('opencc')}"
    except PackageNotFoundError:
        return build()
    key = f"han-{name}-{tag}-1.json"
    kept = cache.read_json(key)
    # A table edited or cut short would be a smaller one, silently: its count must check out.
    if isinstance(kept, dict) and isinstance(kept.get("characters"), str):
        characters = frozenset(kept["characters"])
        if len(characters) == kept.get("count"):
            return characters
    result = build()
    cache.write_json(key, {"count": len(result), "characters": "".join(sorted(result))})
    return result


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@functools.cache
def foreign_to(language: str) -> frozenset[str]:
    """Chinese characters that ``language`` (``ja`` or ``ko``) does not write.

    Japanese: Simplified- or Traditional-only characters outside JIS X 0208
    (``shift_jis``), the standard Japanese set (连, 们, 说; not 国, 会, 与, which are
    shinjitai, nor 無 or 設); and characters Japanese writes in another form, by
    OpenCC's shinjitai table (值 -> 値, 查 -> 査, 黑 -> 黒, 號 -> 号), whichever Chinese
    variant they come from. JIS X 0213 is not used: it encodes common Simplified forms
    (运, 开, 关, 两) for completeness, not because Japanese writes them.

    Korean: Simplified-only characters outside KS X 1001 (``euc_kr``), the standard
    Korean set; Traditional forms are ordinary hanja.
    """
    if language == "ja":
        variants = simplified_only() | traditional_only()
        return _kept(
            "foreign-ja",
            lambda: (
                frozenset(c for c in variants if not _encodable(c, "shift_jis"))
                | frozenset(_japanese_forms())
            ),
        )
    if language == "ko":
        return _kept(
            "foreign-ko",
            lambda: frozenset(c for c in simplified_only() if not _encodable(c, "euc_kr")),
        )
    raise ValueError(f"no Han table for {language!r}: give ja or ko")


# ---------------------------------------------------------------------------
# Finding the evidence
# ---------------------------------------------------------------------------

_HAN = regex.compile(r"\p{sc=Han}")
_HAN_RUN = regex.compile(r"\p{sc=Han}+")
# Kana letters. ー (Common) is left out: Chinese text sometimes has it for a dash,
# and Japanese text that has it has kana letters too.
_KANA = regex.compile(r"[\p{sc=Hiragana}\p{sc=Katakana}]")
_HANGUL = regex.compile(r"\p{sc=Hangul}")


def _first_in(text: str, table: frozenset[str]) -> int | None:
    """Offset of the first character of ``text`` in ``table``."""
    if table.isdisjoint(text):
        return None
    return next(i for i, char in enumerate(text) if char in table)


def _evidence_span(masked: str, at: int) -> tuple[int, int]:
    """The Han run of ``masked`` around offset ``at``, cut to :data:`EVIDENCE_MAX`."""
    for run in _HAN_RUN.finditer(masked):
        if run.start() <= at < run.end():
            start, end = run.span()
            break
    else:  # ``at`` is not a Han character: quote it alone
        return at, at + 1
    if end - start > EVIDENCE_MAX:
        start = min(max(start, at - _EVIDENCE_LEFT), end - EVIDENCE_MAX)
        end = start + EVIDENCE_MAX
    return start, end


def _chinese() -> str:
    """``"Chinese"`` (CLDR's English name)."""
    return _english().languages["zh"]


def _variant_name(script: str) -> str:
    """``"Simplified Chinese"`` for ``Hans`` (CLDR's English name)."""
    return _english().languages[f"zh_{script}"]


# ---------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------


def han_problem(text: str, locale: str) -> HanProblem | None:
    """Han text in ``text`` that does not belong to ``locale``'s language or variant.

    ``None`` when ``locale`` is not Chinese, Japanese or Korean, when ``text`` has no
    Han character outside markup, or when nothing gives another variant away. Kana or
    Hangul in a Chinese catalogue, and Hangul in a Japanese one, are left to the
    wrong-script check: the text is Japanese or Korean, and calling its shinjitai
    "Simplified" or its hanja "Traditional" would mislead.
    """
    expected = expectation(locale)
    if expected is None or not _HAN.search(text):
        return None
    masked = mask_markup(text)
    if not _HAN.search(masked):
        return None
    if expected.language == "zh":
        return _chinese_problem(text, masked, expected)
    if expected.language == "ja":
        return _japanese_problem(text, masked, expected)
    return _korean_problem(text, masked, expected)


def _chinese_problem(text: str, masked: str, expected: Expectation) -> HanProblem | None:
    if _KANA.search(masked) or _HANGUL.search(masked):
        return None  # Japanese or Korean: the wrong-script check reports its letters
    assert expected.converter is not None
    if expected.script == "Hant":
        detected, table = "Hans", simplified_only(expected.converter)
    else:
        detected, table = "Hant", traditional_only()
    at = _first_in(masked, table)
    if at is None:
        return None
    start, end = _evidence_span(masked, at)
    evidence = text[start:end]
    suggestion: str | None = _convert(expected.converter, evidence)
    if suggestion == evidence:
        suggestion = None
    message = f"{_variant_name(detected)} in a {expected.label} catalogue: {evidence}"
    if suggestion is not None:
        message += f" ({_english().scripts[expected.script or 'Hani']}: {suggestion})"
    return HanProblem(f"zh_{detected}", expected.label, evidence, suggestion, message)


def _giveaway(
    text: str, masked: str, expected: Expectation, table: frozenset[str]
) -> HanProblem | None:
    """A Chinese character of ``table`` (:func:`foreign_to`) in a Japanese or Korean text."""
    at = _first_in(masked, table)
    if at is None:
        return None
    char = masked[at]
    if char in simplified_only():
        detected, name = "zh_Hans", _variant_name("Hans")
    elif char in traditional_only():
        detected, name = "zh_Hant", _variant_name("Hant")
    else:  # a form both Chinese variants write (值, 查)
        detected, name = "zh", _chinese()
    start, end = _evidence_span(masked, at)
    evidence = text[start:end]
    japanese = _japanese_forms().get(char) if expected.language == "ja" else None
    if japanese is not None:
        why = f"{expected.label} writes {japanese} for {char}"
    else:
        why = f"{char} is not written in {expected.label}"
    message = f"{name} in a {expected.label} catalogue: {evidence} ({why})"
    return HanProblem(detected, expected.label, evidence, None, message)


def _first_run(text: str, masked: str) -> str:
    run = _HAN_RUN.search(masked)
    assert run is not None
    start = run.start()
    return text[start : min(run.end(), start + EVIDENCE_MAX)]


def _japanese_problem(text: str, masked: str, expected: Expectation) -> HanProblem | None:
    if _HANGUL.search(masked):
        return None  # Korean with hanja: the wrong-script check reports the Hangul
    found = _giveaway(text, masked, expected, foreign_to("ja"))
    if found is not None or _KANA.search(masked):
        return found
    count = len(_HAN.findall(masked))
    if count < MIN_HAN_NO_KANA:
        return None
    evidence = _first_run(text, masked)
    message = (
        f"{_chinese()} in a {expected.label} catalogue: {evidence} "
        f"({count} Han characters, no kana)"
    )
    return HanProblem("zh", expected.label, evidence, None, message)


def _korean_problem(text: str, masked: str, expected: Expectation) -> HanProblem | None:
    kana = _KANA.search(masked) is not None
    if not kana:  # with kana, shinjitai such as 会 are Japanese, not Simplified Chinese
        found = _giveaway(text, masked, expected, foreign_to("ko"))
        if found is not None:
            return found
    if _HANGUL.search(masked):
        return None
    if not kana and len(_HAN.findall(masked)) < MIN_HAN_NO_HANGUL:
        return None  # kana is proof of Japanese by itself; the minimum guards "Chinese"
    evidence = _first_run(text, masked)
    if kana:
        message = f"Japanese in a {expected.label} catalogue: {evidence} (kana, no Hangul)"
        return HanProblem("ja", expected.label, evidence, None, message)
    message = f"{_chinese()} in a {expected.label} catalogue: {evidence} (no Hangul)"
    return HanProblem("zh", expected.label, evidence, None, message)
