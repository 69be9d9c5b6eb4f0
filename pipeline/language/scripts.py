"""Writing-system facts and the wrong-script core.

This module owns everything that is decided from Unicode properties alone, with no
statistics: which scripts a locale writes in (CLDR likely subtags via Babel), which
script a letter belongs to (Unicode Script and Script_Extensions via ``regex``), how
inline markup is masked out of a segment without moving offsets, and which runs of
letters in a segment belong to a script the expected language does not use.

The check layer turns :func:`foreign_script_runs` results into *wrong-script*
findings; :mod:`pipeline.language.profiles` reuses the masking and script helpers.
"""

from __future__ import annotations

import functools
import pickle
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import babel
import regex
from babel import Locale, localedata
from babel.core import get_global

from pipeline import cache
from pipeline.language.markup import MASK, mask_markup

__all__ = [
    "MASK",
    "ScriptRun",
    "autonyms",
    "expected_scripts",
    "foreign_script_runs",
    "language_of",
    "mask_markup",
    "parse_locale",
    "script_of",
]

# ---------------------------------------------------------------------------
# Locales and expected scripts
# ---------------------------------------------------------------------------

# CLDR uses a few composite or variant codes; letters only ever carry base codes.
_COMPOSITE_SCRIPTS: dict[str, frozenset[str]] = {
    "Jpan": frozenset({"Hani", "Hira", "Kana"}),
    "Kore": frozenset({"Hang", "Hani"}),
    "Hans": frozenset({"Hani"}),
    "Hant": frozenset({"Hani"}),
    "Hanb": frozenset({"Hani", "Bopo"}),
    "Aran": frozenset({"Arab"}),
    "Latf": frozenset({"Latn"}),
    "Latg": frozenset({"Latn"}),
    "Cyrs": frozenset({"Cyrl"}),
    "Syre": frozenset({"Syrc"}),
    "Syrj": frozenset({"Syrc"}),
    "Syrn": frozenset({"Syrc"}),
    "Geok": frozenset({"Geor"}),
}

# gettext "@modifier" spellings of a script (sr@latin, uz@cyrillic, ...).
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


@functools.lru_cache(maxsize=512)
def parse_locale(locale: str) -> tuple[str, str | None, str | None]:
    """Split a gettext/BCP 47 tag into (language, script, territory).

    Accepts ``zh_Hans``, ``zh-Hant-TW``, ``sr@latin``, ``ca@valencia``, ``zh_TW.Big5``.
    """
    tag, _, modifier = locale.partition("@")
    tag = tag.split(".", 1)[0].replace("-", "_")
    parts = [p for p in tag.split("_") if p]
    if not parts:
        raise ValueError(f"empty locale: {locale!r}")
    language, script, territory = parts[0].lower(), None, None
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            script = part.title()
        elif territory is None:
            territory = part.upper()
    script = script or _MODIFIER_SCRIPTS.get(modifier.lower())
    return language, script, territory


@functools.lru_cache(maxsize=512)
def language_of(locale: str) -> str:
    """The bare language subtag of a locale (``pt_BR`` -> ``pt``)."""
    return parse_locale(locale)[0]


@functools.cache
def script_name(code: str) -> str:
    """The English name of an ISO 15924 script code, from CLDR (Arab → Arabic)."""
    return Locale("en").scripts.get(code, code)


def likely_script(language: str, territory: str | None) -> str | None:
    """The script CLDR's likely subtags give ``language`` (in ``territory``)."""
    likely = get_global("likely_subtags")
    # Full tag first, then language_territory, then the language alone.
    keys = [f"{language}_{territory}", language] if territory else [language]
    for key in keys:
        full = likely.get(key)
        if full:
            for part in full.split("_")[1:]:
                if len(part) == 4:
                    return part
    return None


@functools.lru_cache(maxsize=512)
def expected_scripts(locale: str) -> frozenset[str]:
    """ISO 15924 codes of the letters ``locale`` is written in.

    An explicit script in the tag wins (``sr_Latn``, ``sr@latin``, ``zh_Hant``);
    otherwise CLDR likely subtags decide (``ru`` -> Cyrl, ``ja`` -> Jpan). Composite
    codes are expanded to the codes letters carry (Jpan -> Hani+Hira+Kana).
    """
    language, script, territory = parse_locale(locale)
    script = script or likely_script(language, territory)
    if script is None:
        raise ValueError(
            f"CLDR knows no script for language {locale!r}: give a language code such as "
            "fr, pt_BR or sr_Latn"
        )
    codes = _COMPOSITE_SCRIPTS.get(script, frozenset({script}))
    for code in codes:
        if not _is_unicode_script(code):
            raise ValueError(f"{script!r} in {locale!r} is not a Unicode script code")
    return codes


@functools.lru_cache(maxsize=512)
def _is_unicode_script(code: str) -> bool:
    try:
        regex.compile(rf"\p{{sc={code}}}")
    except regex.error:
        return False
    return True


# ---------------------------------------------------------------------------
# Script of a letter
# ---------------------------------------------------------------------------

# Checked first because they are by far the most frequent letters in practice.
_FREQUENT_SCRIPTS = ("Latn", "Cyrl", "Hani", "Arab", "Grek", "Hira", "Kana", "Hang", "Hebr")


@functools.cache
def _script_pattern() -> regex.Pattern[str]:
    codes = list(_FREQUENT_SCRIPTS)
    for code in sorted(Locale("en").scripts):
        if code in codes or code in _COMPOSITE_SCRIPTS or code.startswith("Z"):
            continue
        if _is_unicode_script(code):  # not a CLDR code Unicode does not encode (Blis, Moon)
            codes.append(code)
    alternatives = "|".join(rf"(?P<{code}>\p{{sc={code}}})" for code in codes)
    return regex.compile(alternatives)


@functools.lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """ISO 15924 Script property of one character; ``Zyyy``/``Zinh`` for shared ones."""
    match = _script_pattern().match(char)
    if match:
        return match.lastgroup or "Zzzz"
    if _INHERITED.match(char):
        return "Zinh"
    return "Zyyy"


# ---------------------------------------------------------------------------
# Autonyms
# ---------------------------------------------------------------------------

_LETTERS = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")


def _letter_key(text: str) -> str:
    """Letters-only, casefolded form used to compare names ("中文（简体）" -> "中文 简体")."""
    return " ".join(_LETTERS.findall(text.casefold()))


def _load_uncached(identifier: str) -> dict[str, Any]:
    # localedata.load() keeps every locale it reads in Babel's module cache (about
    # 140 MB for all of them, in every worker); only the language names are needed.
    with open(localedata.resolve_locale_filename(identifier), "rb") as handle:
        return pickle.load(handle)


@functools.cache
def autonyms() -> frozenset[str]:
    """Every language's own name in its own language, from CLDR (letter keys).

    Reading the ~370 language and language_Script locale files takes about 0.15 s,
    so the result is kept in the user's cache directory (:mod:`pipeline.cache`),
    keyed by Babel's version; without a writable cache it is built on every run.
    """
    return _cached(f"autonyms-babel-{babel.__version__}-{_AUTONYMS_FORMAT}.json", _autonyms)


_AUTONYMS_FORMAT = 1  # bump when _autonyms changes what it returns


def _autonyms() -> frozenset[str]:
    names: set[str] = set()
    for identifier in localedata.locale_identifiers():
        parts = identifier.split("_")
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) != 4):
            continue  # territory variants repeat the language's own name
        data = _load_uncached(identifier)
        name = data.get("languages", {}).get(parts[0])
        if name:
            names.add(_letter_key(name))
        if len(parts) == 2:
            script_name = data.get("scripts", {}).get(parts[1])
            if name and script_name:
                names.add(_letter_key(script_name))  # "简体", "繁體", "latinica"
    names.discard("")
    return frozenset(names)


def _cached(name: str, build: Callable[[], frozenset[str]]) -> frozenset[str]:
    """``build()``, kept as a JSON list in the cache (:mod:`pipeline.cache`)."""
    value = cache.read_json(name)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(value)
    result = build()
    cache.write_json(name, sorted(result))
    return result


def _segments_into_autonyms(word: str, names: frozenset[str]) -> bool:
    """Whether an unspaced word is a concatenation of autonyms ("简体中文")."""
    if len(word) > 24:
        return False
    reachable = [True] + [False] * len(word)
    for end in range(2, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in names for start in range(0, end - 1)
        )
    return reachable[-1]


def _autonym_mask(words: list[str]) -> list[bool]:
    """For letter words of one run, which of them belong to a language autonym."""
    names = autonyms()
    folded = [w.casefold() for w in words]
    covered = [False] * len(words)
    i = 0
    while i < len(words):
        # Longest match first: multi-word autonyms ("norsk bokmål", "tiếng việt").
        for k in range(min(4, len(words) - i), 0, -1):
            if " ".join(folded[i : i + k]) in names:
                covered[i : i + k] = [True] * k
                i += k
                break
        else:
            covered[i] = _segments_into_autonyms(folded[i], names)
            i += 1
    return covered


# ---------------------------------------------------------------------------
# Foreign-script runs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScriptRun:
    """A run of letters of a script the expected language does not use.

    ``start``/``end`` are 0-based character offsets into the text that was checked
    (``end`` exclusive); ``text`` is ``original[start:end]``.
    """

    start: int
    end: int
    text: str
    script: str


@functools.lru_cache(maxsize=64)
def _run_pattern(allowed: frozenset[str]) -> regex.Pattern[str]:
    # A foreign letter: any letter whose Script_Extensions share nothing with the
    # expected scripts and that is not a shared (Common/Inherited) letter.
    excluded = "".join(rf"\p{{scx={code}}}" for code in sorted(allowed | {"Zyyy", "Zinh"}))
    foreign = rf"[\p{{L}}--[{excluded}]]\p{{M}}*"
    # Shared punctuation, digits and spaces join foreign letters into one run, so
    # "دكتور. قلم" is one fragment; a newline, an expected letter or masked markup end it.
    joiner = rf"[^\p{{L}}\p{{M}}\n{MASK}]"
    return regex.compile(rf"(?V1){foreign}(?:{joiner}*{foreign})*")


def _split_by_script(text: str, start: int, end: int) -> Iterable[tuple[int, int, str]]:
    """Split one run where its letters change script (Greek next to Cyrillic)."""
    current, run_start, last_end = None, start, start
    for m in _LETTER.finditer(text, pos=start, endpos=end):
        script = script_of(m.group()[0])
        if script in ("Zyyy", "Zinh"):
            script = current or script  # ー, ゙: shared by scripts, belongs to its run
        if current is not None and script != current:
            yield run_start, last_end, current
            run_start = m.start()
        current, last_end = script, m.end()
    if current is not None:
        yield run_start, last_end, current


# Module-level patterns: a regex.search(r"…") call looks its pattern up in the
# module's cache on every call, which costs more than the search on short text.
_INHERITED = regex.compile(r"\p{sc=Zinh}")
_LETTER = regex.compile(r"\p{L}\p{M}*")
_ANY_LETTER = regex.compile(r"\p{L}")
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-_.'’+#/][\p{L}\p{M}\p{N}]+)*[+#]*")
# Code, acronyms and brand spellings: a digit or code punctuation, or a capital
# letter after the first (SPF, ISO, LaTeX, iPhone, reStructuredText, conf.py).
_CODE_OR_BRAND = regex.compile(r"[\p{N}_./#+]|.[\p{Lu}\p{Lt}]")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
# A package or command name: lowercase ASCII parts joined by hyphens, three or more
# ("django-import-export", "pre-commit-hooks"), as snake_case is code.
_KEBAB = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}")


@functools.lru_cache(maxsize=1024)
def _source_words(source: str) -> frozenset[str]:
    return frozenset(_SOURCE_WORD.findall(source))


def _in_source(phrase: str, source: str) -> bool:
    """Whether ``phrase`` occurs in ``source`` as whole words (both casefolded)."""
    if _SOURCE_WORD.fullmatch(phrase):
        return phrase in _source_words(source)  # one word: no pattern to compile
    needle, haystack = " ".join(phrase.split()), " ".join(source.split())
    # Every occurrence, checked for word edges by hand: a pattern per phrase would
    # be compiled once for every run looked up, which costs far more than this.
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before = start > 0 and _WORD_CHAR.match(haystack, start - 1)
        after = end < len(haystack) and _WORD_CHAR.match(haystack, end)
        if not before and not after:
            return True
        start = haystack.find(needle, start + 1)
    return False


_SUFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers")
_SOURCE_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _token_from_source(token: str, source: str) -> bool:
    """A token counts as copied from the msgid, allowing for inflection and compounds.

    Translators keep technical terms and inflect or cut compounds around them
    ("docstring" for "docstrings", "pickle" for "unpickleable", "zip" for "zipfile").
    A near-miss spelling of a msgid word is a cognate in another language instead
    ("typ" for "type", "Erro" for "Error", "enumeración" for "enumerator").
    """
    if _in_source(token, source):
        return True
    stems = {token, token[:-1]} if token.endswith("e") else {token}
    forms = {stem + suffix for stem in stems for suffix in _SUFFIXES}
    forms |= {token[: -len(suffix)] for suffix in _SUFFIXES if token.endswith(suffix)}
    if any(_in_source(form, source) for form in forms if len(form) >= 3):
        return True
    return len(token) >= 3 and any(
        token in word and len(word) - len(token) >= 3 for word in _source_words(source)
    )


def _latin_run_is_allowed(run: str, source: str | None) -> bool:
    """Brand names, acronyms, code and words taken from the msgid are fine.

    What is not fine is Latin words the msgid does not contain: that is prose, e.g.
    a French translation pasted into the Russian catalogue, or an English word left
    in a Korean sentence ("Ignoring", "The"). A translation's names (Python, Dr Pen)
    come from its msgid, so a capitalised word counts as a name on its own only in
    a source document, which has no msgid, or when it is a single letter, as in
    维A酸 (retinoic acid) or X光 (X-ray).
    """
    words = [t.group() for t in _TOKEN.finditer(run) if _ANY_LETTER.search(t.group())]
    if not words:
        return True
    is_autonym = dict(zip(words, _autonym_mask(words), strict=True))
    suspicious = [
        w.casefold()
        for w in words
        if not _CODE_OR_BRAND.search(w)
        and not _KEBAB.fullmatch(w)
        and not is_autonym[w]
        and not (w[0].isupper() and (source is None or len(w) == 1))
    ]
    if not suspicious:
        return True
    if source is None:
        return False
    folded = source.casefold()
    return all(_word_from_source(w, folded) for w in suspicious)


def _word_from_source(word: str, folded: str) -> bool:
    """Whether a casefolded word is the msgid's: hyphenated compounds
    ("sphinx-quickstart") are checked part by part, and spellings that differ only
    by their hyphens are one word ("E-mail" for "email", "email" for "e-mail")."""
    if all(_token_from_source(p, folded) for p in word.split("-") if p):
        return True
    if "-" in word and _in_source(word.replace("-", ""), folded):
        return True
    return "-" in folded and _in_source(word, _dehyphenated(folded))


@functools.lru_cache(maxsize=1024)
def _dehyphenated(folded: str) -> str:
    return regex.sub(r"(?<=\p{L})-(?=\p{L})", "", folded)


def _run_is_allowed(run: str, script: str, source: str | None, latin_allowed: bool) -> bool:
    """Whether a foreign run is one of the allowed kinds (see foreign_script_runs)."""
    if source is not None and _in_source(" ".join(run.split()).casefold(), source.casefold()):
        return True  # copied verbatim from the msgid, e.g. a product name
    if script == "Latn" and not latin_allowed:
        return _latin_run_is_allowed(run, source)
    if script == "Grek" and len(unicodedata.normalize("NFD", run)) == 1:
        return True  # a lone Greek letter is a symbol: α-hydroxy, 10 kΩ, π (not ή)
    words = _LETTERS.findall(run)
    return all(_autonym_mask(words))


def foreign_script_runs(text: str, locale: str, source_text: str | None = None) -> list[ScriptRun]:
    """Runs of letters in ``text`` written in a script ``locale`` does not use.

    Shared characters (punctuation, digits, spaces: Script_Extensions Common or
    Inherited, or including an expected script) never count and join the letters
    around them into one run. Allowed and therefore not returned: autonyms
    (language switchers), runs copied from ``source_text`` (the msgid), lone Greek
    symbols and, in a non-Latin locale, Latin brand names, acronyms and code.
    Offsets are 0-based character offsets into ``text``.
    """
    allowed = expected_scripts(locale)
    if "Latn" in allowed and text.isascii():
        return []  # cheap certain answer for the most common case
    pattern = _run_pattern(allowed)
    if pattern.search(text) is None:
        return []
    masked = mask_markup(text)
    runs: list[ScriptRun] = []
    for match in pattern.finditer(masked):
        for start, end, script in _split_by_script(masked, match.start(), match.end()):
            fragment = text[start:end]
            # Judged with the digits it is written with: "Base" of "Base64", "ff" of
            # #00ff00 and "x" of 200x200 are one token each, a name or code; and
            # with the letters of its word that a mask took for a placeholder
            # ("% mailman withlist" is not "% m" and "ailman withlist").
            token = text[_token_start(text, masked, start) : _token_end(text, masked, end)]
            if not _run_is_allowed(token, script, source_text, "Latn" in allowed):
                runs.append(ScriptRun(start, end, fragment, script))
    return runs


def _joins(text: str, masked: str, at: int) -> bool:
    """Whether the character at ``at`` belongs to the token around it: a digit, or a
    letter that only the mask hid."""
    char = text[at]
    return char.isdigit() or (char.isalpha() and masked[at] != char)


def _token_start(text: str, masked: str, start: int) -> int:
    while start > 0 and _joins(text, masked, start - 1):
        start -= 1
    return start


def _token_end(text: str, masked: str, end: int) -> int:
    while end < len(text) and _joins(text, masked, end):
        end += 1
    return end
