"""Language checks: text in a script, or a language, that the catalogue is not in.

The cheap certain signal (script) runs first; language identification only runs on
text that passed it, and is a hypothesis test against the expected language rather
than an argmax (see :mod:`pipeline.language.profiles`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex
from babel import Locale, UnknownLocaleError
from babel.core import get_global

from pipeline import language
from pipeline.checks import Context, Finding, Unit, finding, register
from pipeline.language import confusables, han, scripts
from pipeline.language.markup import mask_markup
from pipeline.language.scripts import script_name

if TYPE_CHECKING:
    from pipeline.checks.copies import Translations

_HAS_HAN = regex.compile(r"\p{Han}").search


@cache
def language_name(code: str) -> str:
    """The English name of a language code, from CLDR (pt_BR → Portuguese (Brazil))."""
    base, script, _ = scripts.parse_locale(code)
    try:
        parsed = Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        parsed = None
    if parsed is not None and (script is None or parsed.script == script):
        return parsed.get_display_name("en") or code
    # A script CLDR has no locale for (kk_Latn): the language's name and the script's.
    name = Locale("en").languages.get(base, base)
    return f"{name} ({script_name(script)})" if script else name


@cache
def language_of_script(code: str) -> str | None:
    """The language CLDR thinks most likely for text in a script (Arab → ar), if any."""
    likely = get_global("likely_subtags").get(f"und_{code}")
    return likely.split("_")[0] if likely else None


@lru_cache(maxsize=4096)
def _foreign_scripts(text: str, expected: str, source: str | None) -> tuple[scripts.ScriptRun, ...]:
    return tuple(scripts.foreign_script_runs(text, expected, source))


@lru_cache(maxsize=1024)
def _verdict(
    text: str, expected: str, source_language: str, source: str | None
) -> language.LanguageVerdict | None:
    # wrong-language and mixed-language both need it for every unit: compute it once.
    return language.wrong_language(text, expected, source_language, source_text=source)


def _language_applies(unit: Unit) -> bool:
    """Whether language ID should look at the unit: scripts fine and not a copy of the msgid."""
    if not unit.text or unit.text == unit.source:
        return False
    return not _foreign_scripts(unit.text, unit.expected, _msgid_text(unit))


def _msgid_text(unit: Unit) -> str | None:
    """The msgid as the text it translates; None when it is a message key
    ("label_plone_site"), which says nothing of the names a translation may keep."""
    return unit.source if unit.compares_to_source else None


#: A whole foreign-script word in this many of a catalogue's entries is its vocabulary.
CATALOGUE_WORD_ENTRIES = 3


def _catalogue_word(text: str, start: int, length: int, ctx: Context) -> bool:
    """Whether a run of another script is whole words that the catalogue writes that
    way in other entries too: "E-mail" in a Bulgarian catalogue, "Mailman" in a Hebrew
    one; or keeps as they are where another entry's msgid has them ("email" in a
    Chinese catalogue whose "Email address" is "email 地址"). Letters of another
    script inside a word ("zapіs" with a Cyrillic і) never are.
    """
    own = ctx.catalogue_profile
    if own is None:
        return False
    end = start + length
    if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
        return False
    entries, kept = own.entries_with(text[start:end])
    return entries >= CATALOGUE_WORD_ENTRIES or kept > 0


def _own(unit: Unit, ctx: Context, text: str, detected: str, llr: float) -> bool:
    """Whether the catalogue's own profile vouches for ``text`` (see checks.whole)."""
    own = ctx.catalogue_profile
    return own is not None and own.vouches_for(text, detected, unit.text, llr)


@register(
    "wrong-script",
    "error",
    "Letters of a script the expected language does not use (e.g. Arabic in English text); "
    "a look-alike letter inside a word is named with the letter meant "
    "(Cyrillic о in 'électrоnique').",
    source=True,
)
def wrong_script(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text:
        return
    source = _msgid_text(unit)
    runs = _foreign_scripts(unit.text, unit.expected, source)
    reported: set[str] = set()
    # Runs of one script are one finding: a Japanese sentence in a Chinese catalogue
    # is one defect, not one per stretch of kana between its kanji.
    by_script: dict[str, list[scripts.ScriptRun]] = {}
    for run in runs:
        if run.text.casefold() in ctx.allow or run.text in reported:
            continue  # a run the entry repeats is reported once, with its count
        if _catalogue_word(unit.text, run.start, len(run.text), ctx):
            continue
        if _LANGUAGE_CODES.fullmatch(run.text) and _are_language_codes(run.text):
            continue  # "fr, en, he": the values of a language setting, in any script
        if run.text == unit.text.strip() and _is_own_code(run.text, unit.expected):
            continue  # "ja" for msgid "language-code": the catalogue names its language
        reported.add(run.text)
        # A letter inside a word of the expected script that looks like one of its own
        # (Cyrillic о in "électrоnique") is named precisely, with the letter meant.
        glyph = confusables.homoglyph_at(unit.text, run.start, run.end, unit.expected, source)
        if glyph is None:
            by_script.setdefault(run.script, []).append(run)
            continue
        yield finding(
            unit,
            "wrong-script",
            glyph.message,
            offset=run.start,
            detected=language_of_script(run.script),
            fragment=run.text,
        )
    for script, found in by_script.items():
        texts = [r.text for r in found]
        if len(texts) == 1:
            repeats = sum(1 for r in runs if r.text == texts[0])
            shown = f"{texts[0]!r}" + (f" ({repeats} times)" if repeats > 1 else "")
        else:
            shown = ", ".join(map(repr, texts[:3])) + (
                f" and {len(texts) - 3} more" if len(texts) > 3 else ""
            )
        yield finding(
            unit,
            "wrong-script",
            f"{script_name(script)} letters in {language_name(unit.expected)} text: {shown}",
            offset=found[0].start,
            detected=language_of_script(script),
            fragment=" ".join(texts),
        )


_LANGUAGE_CODES = regex.compile(r"[a-z]{2,3}(?:[,/][ \t]*[a-z]{2,3})+")


@cache
def _known_languages() -> frozenset[str]:
    from babel import localedata

    return frozenset(i.split("_")[0] for i in localedata.locale_identifiers())


def _is_own_code(text: str, locale: str) -> bool:
    """Whether ``text`` is the code of the catalogue's own language or locale
    ("ja", "zh-CN" or "zh_Hans" in a zh_Hans catalogue), in any case and separator."""
    code = text.replace("-", "_").casefold()
    own = locale.replace("-", "_").casefold()
    return code == own or code == own.split("_")[0] or own.startswith(code + "_")


def _are_language_codes(text: str) -> bool:
    """Whether every item of a list ("bg, fr, en, de") is a language code CLDR knows."""
    known = _known_languages()
    return all(code.strip() in known for code in regex.split(r"[,/]", text))


@register(
    "wrong-language",
    "error",
    "The segment is in another language of the same script (e.g. Spanish in the French file), "
    "or is word for word another language's translation of the message, or Chinese of the "
    "other variant (设置 in zh_Hant) or in a Japanese or Korean catalogue.",
    source=True,
)
def wrong_language(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not _language_applies(unit):
        return
    # Han characters are Chinese, Japanese and Korean alike: which variant a text is in
    # shows in the characters only one of them writes (设置 and 設置).
    variant = han.han_problem(unit.text, unit.expected) if _HAS_HAN(unit.text) else None
    if variant is not None and variant.detected == "zh":
        # Counted, not proven: Han characters without kana or Hangul. Kanji-only names
        # (北朝鮮(朝鮮民主主義人民共和国)) are the catalogue's own when its other entries
        # explain them about as well as Chinese does.
        if _own(unit, ctx, unit.text, "zh", language.SOURCE_LLR):
            return
    if variant is not None:
        yield finding(
            unit,
            "wrong-language",
            variant.message,
            detected=variant.detected,
            fragment=variant.evidence,
        )
        return
    verdict = _verdict(unit.text, unit.expected, ctx.source_language, _msgid_text(unit))
    if verdict is not None and not _own(
        unit, ctx, unit.text, verdict.detected, language.SOURCE_LLR
    ):
        yield finding(
            unit,
            "wrong-language",
            f"text is in {language_name(verdict.detected)}, not {language_name(unit.expected)}",
            detected=verdict.detected,
            fragment=unit.text,
        )


@register(
    "mixed-language",
    "error",
    "A run of at least 4 words inside the segment is in another language (in a "
    "translation, an error when the run is the msgid's own words left in; else a warning).",
    source=True,
)
def mixed_language(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not _language_applies(unit):
        return
    source = _msgid_text(unit)
    if _verdict(unit.text, unit.expected, ctx.source_language, source) is not None:
        return
    for start, end, detected in language.foreign_runs(
        unit.text, unit.expected, ctx.source_language
    ):
        fragment = unit.text[start:end]
        if _own(unit, ctx, fragment, detected, language.RUN_LLR):
            continue
        if (
            source is not None
            and language.profile_code(detected) != language.profile_code(ctx.source_language)
            and _in_source_order(fragment, source)
        ):
            continue  # the msgid's own words, kept: code or names, not a third language
        # A source document's run is the author's; behind a message key, who can tell.
        if source is None:
            kept = unit.source is None
        else:
            kept = _left_from_source(fragment, source, unit.text, start)
        yield finding(
            unit,
            "mixed-language",
            f"{language_name(detected)} words in {language_name(unit.expected)} text: {fragment!r}"
            + ("" if kept else " (names, or not the msgid's own words: perhaps a loanword)"),
            offset=start,
            detected=detected,
            fragment=fragment,
            severity=None if kept else "warning",
        )


_WORD = regex.compile(r"\w+")
#: Words each set off from the next by a list separator: a comma, slash, bar, semicolon.
_LIST = regex.compile(r"\w+(?:[-.]\w+)*(?:\s*[,/|;、，；]\s*\w+(?:[-.]\w+)*)+")
_COMPOUND = regex.compile(r"\p{L}+(?:[-‐']\p{L}+)*")


def _left_from_source(fragment: str, source: str, text: str = "", start: int = 0) -> bool:
    """Whether ``fragment`` holds the source left untranslated, which is evidence: its
    words are, in order, words of the msgid, or a stretch of them as long as a run
    must be is ("Article 194, 196 of Council Directive ... rests with the service
    recipient" after a translated opening). A run that language identification calls
    English but that the msgid lacks is as often a loanword or a name as a mistake; so
    is a run of mostly capitalised words, the msgid's too ("Mozilla Firefox, Google
    Chrome")."""
    # Words as the text has them: a compound is one ("back-end"), and a quoted literal
    # ("front-end", "both": a value to type) is no prose, as the language checks mask it.
    lettered = _COMPOUND.findall(mask_markup(fragment, quotes=True))
    if 2 * sum(1 for w in lettered if not w[:1].isupper()) <= len(lettered):
        # Mostly capitalised words are names and titles kept as the msgid has them
        # ("Microsoft Edge, Mozilla Firefox", "Apache License, MIT License, BSD
        # license"); prose left untranslated is mostly lowercase words.
        return False
    if _LIST.fullmatch(fragment.replace("(", "").replace(")", "")):
        # An enumeration ("jpg, jpeg, png, webp, bmp"; "(c)haracters, (n)umeric") is of
        # items: file formats, values, option letters and names as often as words.
        return False
    if _in_source_order(fragment, source):
        return True
    # A stretch counts on a line the translator rewrote: a line the msgid has word for
    # word is an example or a command kept as it is ("% mailman withlist [options]").
    kept_lines = {line.strip() for line in source.split("\n")}
    source_words = _WORD.findall(source)
    first = text.rfind("\n", 0, start) + 1 if text else 0
    last = text.find("\n", start + len(fragment)) if text else -1
    around = text[first : last if last >= 0 else len(text)] if text else fragment
    for line in around.split("\n"):
        if line.strip() in kept_lines:
            continue
        line_words = _WORD.findall(line)
        if _shares_a_stretch(line_words, source_words, language.RUN_MIN_WORDS):
            return True
    return False


def _shares_a_stretch(words: list[str], source: list[str], length: int) -> bool:
    """Whether ``length`` consecutive ``words`` occur consecutively in ``source``
    (casefolded), a word of letters that is not capitalised among them. Longest
    common substring by dynamic programming over the two word lists."""
    folded = [w.casefold() for w in source]
    previous = [(0, -1)] * (len(folded) + 1)  # (stretch length, last plain word's index)
    for i, word in enumerate(words):
        key, plain = word.casefold(), word.isalpha() and not word[:1].isupper()
        current = [(0, -1)]
        for j, other in enumerate(folded):
            if key != other:
                current.append((0, -1))
                continue
            run, last = previous[j]
            run, last = run + 1, (i if plain else last)
            if run >= length and last > i - run:
                return True
            current.append((run, last))
        previous = current
    return False


def _in_source_order(fragment: str, source: str) -> bool:
    """Whether ``fragment``'s words are, in order, words of the msgid."""
    words = _WORD.findall(fragment)
    if not words:
        return False
    kept = " ".join(words).casefold()
    return f" {kept} " in f" {' '.join(_WORD.findall(source)).casefold()} "


#: Other languages whose translations of a message must write the same words too
#: before they count as the project's name, term or value rather than a stray.
TERM_MIN = 3


def _language(locale: str) -> str:
    """The language of a locale ("ca" for "ca@valencia", "pt" for "pt_BR")."""
    return scripts.language_of(locale.split("@")[0])


def may_be_shared(f: Finding) -> bool:
    """Whether an error is words that other languages' translations may write too, as
    a name or a value: a wrong-script error of Latin words (not one letter, not a
    look-alike letter inside a word), or a mixed-language one."""
    if f.severity != "error" or f.fragment is None:
        return False
    if f.code == "mixed-language":
        return True
    return (
        f.code == "wrong-script"
        and len(f.fragment) > 1
        and f.message.startswith(f"{script_name('Latn')} letters in ")
        and f.message.endswith(f"{f.fragment!r}")  # one run, not several
    )


def shared_terms(
    held: Mapping[int, list[Finding]], others: Translations
) -> dict[int, list[Finding]]:
    """The held Latin ``wrong-script`` and the ``mixed-language`` errors of each file, as
    warnings where at least :data:`TERM_MIN` other languages' translations of the
    message write the same words: "Ethernet" in horizon's Japanese, Georgian and German
    "Ether Type", Slovak town names in the Bulgarian and Greek catalogues, the default
    value "usb ble nfc internal" in privacyIDEA's. Words the translators agree to keep
    as they are belong to the project, not to one catalogue's slip; a misspelt or
    forgotten word ("statelass", "Edited") is one catalogue's own. Languages, not
    locales, are counted: Catalan in ca and ca@valencia is one language's word, and
    it is no name in the Japanese catalogue. ``others``: the held
    msgids' translations in the compared files (copies.translations)."""
    flagged: dict[tuple[str | None, str], set[str]] = {}
    for found in held.values():
        for f in found:
            if may_be_shared(f):
                flagged.setdefault((f.msgid, str(f.fragment).casefold()), set()).add(
                    _language(f.expected)
                )
    result: dict[int, list[Finding]] = {}
    for index, found in held.items():
        result[index] = []
        for f in found:
            if may_be_shared(f) and f.msgid:
                word = str(f.fragment).casefold()
                pattern = regex.compile(rf"(?<!\w){regex.escape(word)}(?!\w)")
                writing = {
                    _language(e)
                    for _, e, t in others.get(f.msgid, ())
                    if pattern.search(t.casefold())
                }
                writing = (writing | flagged[(f.msgid, word)]) - {_language(f.expected)}
                if len(writing) >= TERM_MIN:
                    f = f._replace(
                        severity="warning",
                        message=f"{f.message}; {len(writing)} other languages write it so too: "
                        "a name or term?",
                    )
            result[index].append(f)
    return result
