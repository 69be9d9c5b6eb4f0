"""Numbers a reader relies on: the numbers of a text, read by value, as its locale writes them.

A translation may write "1,000" as "1.000" (German) or "1 000" (French), "2.5" as
"2,5", digits as Arabic-Indic or full-width ones, and a range "24–72" as "de 24 a 72"
or "24～72": none of that changes a value. What does is a number changed, dropped or
added: "24–72 hours" rendered "24 à 48 heures".

* Digits of any script (Unicode ``Nd``: Arabic-Indic, Persian, full-width, ...) are
  read as the digits they are.
* A number's value is read with Babel's ``parse_decimal`` under the text's locale
  and under the source language's; a token either reading gives may match. A token
  neither reads ("3.2.1", "1 2 3") is its digit runs, each a number.
* Placeholders, URLs, code and identifiers are masked first
  (:func:`pipeline.language.scripts.mask_markup`); digits inside a word that starts
  with letters ("H2O", "mp3", "IPv6", "Base64") are a name's, not a number.
* A number the translation spells out is no number: "2 weeks" as "deux semaines" is
  reported. A number the translation writes in digits where the source spells it
  ("two weeks", "2 semaines") is accepted, the source's words read with num2words.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

import regex

from pipeline.language.scripts import mask_markup

#: Characters that group digits in one locale or another: a space of any width, an
#: apostrophe (de_CH), a comma or a dot; and Arabic's own separators.
_SPACES = " \u00a0\u202f\u2009"
_ARABIC_GROUP, _ARABIC_DECIMAL = "\u066c", "\u066b"
# A number: digits not inside a word of an alphabet ("H2O", "IPv6"; Chinese and
# Japanese write numbers right against their words: "24～72小时"), then groups
# joined by a separator. A space joins only a group of exactly three digits
# ("1 000", not "1 2"); the others any digits ("2,5", "3.2.1").
_NUMBER = regex.compile(
    r"(?:(?<=\d[xх×])|(?<![\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}\d]))\d+"
    r"(?:[.,'’\u066b\u066c]\d+|[ \u00a0\u202f\u2009]\d{3}(?!\d))*"
)
_DIGIT_RUN = regex.compile(r"\d+")
_ANY_DIGIT = regex.compile(r"\d").search


def has_digit(text: str) -> bool:
    """Whether ``text`` has a decimal digit of any script: one search, at C speed."""
    return _ANY_DIGIT(text) is not None


_GROUPED = regex.compile(r"\d{1,3}(?:([.,'’ \u00a0\u202f\u2009])\d{3})(?:\1\d{3})*")
_WORDS = regex.compile(r"[\p{L}-]+")
_NON_ASCII_DIGIT = regex.compile(r"[^\P{Nd}0-9]")


class Number(NamedTuple):
    """A number as written in a text: where, how, and the values it may stand for."""

    start: int
    written: str
    values: frozenset[Decimal | str]


def numbers(text: str, locale: str, source_language: str = "en") -> list[Number]:
    """The numbers of ``text``, in order, each with the values it may have in ``locale``
    (or, written as the source language writes them, in ``source_language``)."""
    if not has_digit(text):
        return []
    masked = _DIGITS_MASKED.sub(lambda m: _unmask(text, m), mask_markup(text, units=False))
    found = []
    for match in _NUMBER.finditer(_ascii_digits(masked)):
        token, start = match.group(), match.start()
        values = _values(token, locale, source_language)
        scale = _MYRIADS.get(masked[match.end() : match.end() + 1])
        if values and scale:  # "10万" is 100,000: Chinese, Japanese and Korean count in 10^4
            values = frozenset(v * scale for v in values if isinstance(v, Decimal))
        if values:
            found.append(Number(start, text[start : match.end()], values))
            continue
        # Read by no locale ("3.2.1", "31.05.2017"): each digit run is a number.
        for run in _DIGIT_RUN.finditer(token):
            at, value = start + run.start(), frozenset({Decimal(run.group())})
            found.append(Number(at, text[at : start + run.end()], value))
    return found


#: The multipliers that Chinese, Japanese and Korean write after digits: 万 (10^4) and
#: 億 (10^8), in each script's form. "10万" is one hundred thousand, "3억" 300 million.
_MYRIADS = {
    **dict.fromkeys("万萬만", Decimal(10) ** 4),
    **dict.fromkeys("億亿억", Decimal(10) ** 8),
}

#: What a mask hid that is only digits and the marks between them: a date or a
#: fraction the path pattern took for a path ("31/05/2017", "3/4"), which are numbers.
_DIGITS_MASKED = regex.compile(r"\x00+")
_ONLY_DIGITS = regex.compile(r"[\d/.,:\- ]*\d[\d/.,:\- ]*")


def _unmask(text: str, match: regex.Match[str]) -> str:
    original = text[match.start() : match.end()]
    return original if _ONLY_DIGITS.fullmatch(original) else match.group()


def _ascii_digits(text: str) -> str:
    """``text`` with every decimal digit as an ASCII one (same length, same offsets)."""
    if _NON_ASCII_DIGIT.search(text) is None:
        return text
    return _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


@lru_cache(maxsize=8192)
def _values(token: str, locale: str, source_language: str) -> frozenset[Decimal | str]:
    if token.isdigit():  # digits alone read the same in every locale: no CLDR data to load
        return frozenset({Decimal(token).normalize()})
    values: set[Decimal | str] = set()
    for where in dict.fromkeys((locale, source_language)):
        value = _parse(token, where)
        if value is not None:
            values.add(value)
    # Digits grouped by threes with one separator ("100.000", "100 000", "100,000") are a
    # whole number in some convention, whichever the author followed.
    if _GROUPED.fullmatch(token):
        values.add(Decimal("".join(_DIGIT_RUN.findall(token))))
    return frozenset(values)


def _parse(token: str, locale: str) -> Decimal | None:
    """``token``'s value as ``locale`` writes numbers (strict: groups of three)."""
    from babel import UnknownLocaleError
    from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

    try:
        group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    # Arabic's own separators, and any space where the locale groups with a space.
    token = token.replace(_ARABIC_GROUP, group).replace(_ARABIC_DECIMAL, decimal)
    # A space groups digits in any language (the SI's rule), whatever CLDR's group is.
    if any(c in _SPACES for c in token):
        token = "".join(group if c in _SPACES else c for c in token)
    token = token.replace("’", "'")
    try:
        return parse_decimal(token, locale=locale, strict=True).normalize()
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


class Difference(NamedTuple):
    """The numbers of a source that its translation lacks, and those it adds."""

    missing: tuple[str, ...]  # as the source writes them
    added: tuple[str, ...]  # as the translation writes them
    examples_only: bool = False  # every missing number illustrates ("e.g. +1 for the US")
    #: The translation's words that spell out the missing numbers ("elfstellig" for 11),
    #: when every one of them is spelled out there.
    spelled: tuple[str, ...] = ()


#: Where an English source gives an example, up to the end of its clause: a number
#: there illustrates, and a translation may localise it ("+49 für Deutschland"); "eg"
#: without its dots is the same abbreviation ("Use YYYY-MM-DD, eg 2018-01-30").
_PLACEHOLDER = regex.compile(r"%(?:\([^()\s]*\))?[-#0 +']*\d*(?:\.\d+)?[A-Za-z]|\{[^{}\s]*\}")
_EXAMPLE = regex.compile(
    r"(?i)\b(?:e\.\s?g\b\.?|eg\b\.?(?=[,:]?\s)|for (?:example|instance)|such as|example:)"
    r"(?:[^.;)\n]|\.(?=\S))*"
)


def difference(
    source: str, text: str, locale: str, source_language: str = "en"
) -> Difference | None:
    """How the numbers of ``text`` (a translation into ``locale``) differ from those of
    ``source``, by value and count; None when they are the same."""
    # A source may be written with another convention than its language's ("100.000"):
    # its numbers are read as the translation's locale writes them too.
    wanted = numbers(source, locale, source_language)
    if _has_day_period(source, source_language):  # "6 p.m." may be 18:00
        wanted = [n._replace(values=n.values | _on_24_hours(n.values)) for n in wanted]
    got = numbers(text, locale, source_language)
    if not wanted and not got:
        return None
    unmatched = list(got)
    named: frozenset[Decimal | str] | None = None  # read only if a number is unmatched
    lost = []
    for number in wanted:
        match = next((g for g in unmatched if g.values & number.values), None)
        if match is not None:
            unmatched.remove(match)
            continue
        if named is None:
            named = _named(source, text, locale)
        if not number.values & named:
            lost.append(number)
    spelled = _spelled_numbers(source, source_language)
    # A list the translation writes without spaces ("第194,196条" for "194, 196") reads
    # as one grouped number: its digit runs may stand for the numbers still missing, or
    # for a month the source names ("31.5." for "May 31st").
    for got_number in [g for g in unmatched if _SEPARATED.search(g.written)]:
        runs = [Decimal(r) for r in _DIGIT_RUN.findall(_ascii_digits(got_number.written))]
        taken = []
        for run in runs:
            hit = next((n for n in lost if run in n.values and n not in taken), None)
            if hit is None and run not in spelled:
                break
            if hit is not None:
                taken.append(hit)
        else:
            if taken:
                unmatched.remove(got_number)
                lost = [n for n in lost if n not in taken]
    added = [g.written for g in unmatched if not g.values & spelled]
    # "14 h" for "14:00" drops no number; "14:10" for it changes the minutes: the
    # minutes count as missing only when an added number is left to stand for them.
    hours = [n for n in lost if not _full_hour(source, n)]
    if len(added) <= len(hours):
        lost = hours
    missing = [n.written for n in lost]
    if not missing and not added:
        return None
    plain = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), source)  # "%(x)se.g."
    spans = [m.span() for m in _EXAMPLE.finditer(plain)] if source_language == "en" else []
    lacking = [n for n in wanted if n.written in missing]
    examples = bool(spans) and all(any(a <= n.start < b for a, b in spans) for n in lacking)
    words = [_spelled_in(n, text, locale) for n in lost] if lost and not added else []
    return Difference(
        tuple(missing),
        tuple(added),
        examples and bool(missing),
        tuple(w for w in words if w) if words and all(words) else (),
    )


#: Numbers of a power of ten spelled with a leading "one" in some languages
#: ("одна тысяча"): the translation may say just "тысяч".
_ROUND = frozenset({100, 1000, 1000000})


def _spelled_in(number: Number, text: str, locale: str) -> str | None:
    """The word of ``text`` that spells ``number`` out in ``locale``'s language, as
    num2words spells it, allowing for inflection and compounds: "elfstellig" (11 in
    German), "jedenáctimístné" (Czech), "الثلاثين" (30 in Arabic); None if none does.

    The stem of each word of the spelling (all but its last two letters, at least
    three) must occur inside a word of ``text``, which allows for endings, articles
    and compounds; spellings shorter than three letters ("一", "일") are no evidence."""
    whole = [v for v in number.values if isinstance(v, Decimal) and v == v.to_integral_value()]
    if not whole or not 0 <= whole[0] <= 1000000:
        return None
    value = int(whole[0])
    words = _WORDS.findall(text.casefold())
    for language in dict.fromkeys((locale, locale.split("_")[0])):
        for spelled in _spellings(value, language):
            tokens = [t for t in regex.split(r"[\s-]+", spelled) if t]
            if len(tokens) == 2 and value in _ROUND:
                tokens = tokens[1:]
            found = []
            for token in tokens:
                stem = token[: max(3, len(token) - 2)]
                hit = next((w for w in words if stem in w), None) if len(stem) >= 3 else None
                if hit is None:
                    break
                found.append(hit)
            else:
                return " ".join(dict.fromkeys(found))
    return None


@lru_cache(maxsize=4096)
def _spelled_numbers(source: str, language: str) -> frozenset[Decimal | str]:
    """The numbers ``source`` says without writing them as numbers, which a translation
    may write in digits:

    * a number spelled out, cardinal or ordinal ("two weeks", "two-factor", "the
      second day"), as num2words spells it in the source language;
    * a month or a weekday named ("May", "Sat"): Chinese, Japanese, Korean and
      Vietnamese number them (5月, T7), by CLDR's names for the source language; a
      weekday stands for any of 1 to 7, as numbering starts on Sunday or Monday;
    * an hour with a day period ("6 p.m."), which a 24-hour clock writes 18:00;
    * digits inside a word ("EPUB3"), which a translation may set apart ("EPUB 3").
    """
    folded = source.casefold()
    words = _WORDS.findall(folded)
    found: set[Decimal | str] = set()
    phrase = f" {' '.join(words)} "
    parts = f" {' '.join(p for w in words for p in w.split('-') if p)} "
    for number in range(0, 101):
        if any(f" {w} " in phrase or f" {w} " in parts for w in _spellings(number, language)):
            found.add(Decimal(number))
    names = _calendar_names(language)
    months, days, _ = names
    tokens = set(words) | {w.rstrip(".") for w in folded.split()}
    found.update(Decimal(m) for name, m in months.items() if name in tokens)
    if tokens & days:
        found.update(Decimal(d) for d in range(1, 8))
    if _has_day_period(source, language):
        found.add(Decimal(0))  # the minutes of "18:00"
        for number in numbers(source, language, language):
            found.update(_on_24_hours(number.values))
    for run in _EMBEDDED.findall(_ascii_digits(source)):
        found.add(Decimal(int(run)))
    return frozenset(found)


_ALPHABET = r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}]"
_EMBEDDED = regex.compile(rf"(?<={_ALPHABET})(?<!\d[xх×])\d+|\d+(?={_ALPHABET})(?![xх×]\d)")
_PERIOD = regex.compile(r"\b[ap]\.\s?m\.|\b[ap]m\b")


_SEPARATED = regex.compile(r"\d[.,]\d")


def _named(source: str, text: str, locale: str) -> frozenset[Decimal | str]:
    """The numbers ``text`` says otherwise than in digits of their own: a month it names
    in ``locale``'s words ("31 mai 2017" for "2017-05-31"), and digits it sets inside a
    word ("ISO3166") beyond those the msgid does."""
    inside = Counter(_EMBEDDED.findall(_ascii_digits(text)))
    inside.subtract(_EMBEDDED.findall(_ascii_digits(source)))
    embedded = {Decimal(int(run)) for run, count in inside.items() if count > 0}
    return _months_named(text, locale) | embedded


def _full_hour(source: str, number: Number) -> bool:
    """Whether ``number`` is the minutes of a full hour ("14:00"), which many locales
    write as the hour alone ("14 h", "14 Uhr", "14点")."""
    return number.written == "00" and source[number.start - 1 : number.start] == ":"


def _months_named(text: str, locale: str) -> frozenset[Decimal | str]:
    """The months ``text`` names in ``locale``'s words (CLDR), as numbers."""
    months = _calendar_names(locale)[0]
    if not months:
        return frozenset()
    folded = text.casefold()
    tokens = set(_WORDS.findall(folded)) | {w.rstrip(".") for w in folded.split()}
    return frozenset(Decimal(m) for name, m in months.items() if name in tokens)


def _has_day_period(source: str, language: str) -> bool:
    """Whether ``source`` names a period of the day ("a.m.", "PM")."""
    folded = source.casefold()
    if _PERIOD.search(folded):
        return True
    tokens = {w.rstrip(".") for w in folded.split()}
    return bool(tokens & _calendar_names(language)[2])


def _on_24_hours(values: frozenset[Decimal | str]) -> set[Decimal | str]:
    """An hour of a 12-hour clock, as a 24-hour clock may write it: 6 -> 18, 12 -> 0."""
    hours: set[Decimal | str] = set()
    for value in values:
        if isinstance(value, Decimal) and 1 <= value <= 12:
            hours.update({value + 12, value % 12})
    return hours


@lru_cache(maxsize=64)
def _calendar_names(language: str) -> tuple[dict[str, int], frozenset[str], frozenset[str]]:
    """CLDR's month names (name -> month), weekday names and day periods (am, pm) of
    ``language``, casefolded and without a final dot: "may", "sept", "sat", "p.m"."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}, frozenset(), frozenset()
    months: dict[str, int] = {}
    days: set[str] = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in locale.months[context][width].items():
                months[name.casefold().rstrip(".")] = month
            days.update(n.casefold().rstrip(".") for n in locale.days[context][width].values())
    periods = {
        locale.day_periods["format"][width][period].casefold().rstrip(".")
        for width in ("abbreviated", "wide")
        for period in ("am", "pm")
        if period in locale.day_periods["format"][width]
    }
    return months, frozenset(days), frozenset(periods)


@lru_cache(maxsize=4096)
def _spellings(number: int, language: str) -> tuple[str, ...]:
    from num2words import num2words

    spelled = []
    for kind in ("cardinal", "ordinal"):
        try:
            spelled.append(num2words(number, lang=language, to=kind).casefold())
        except Exception:  # noqa: BLE001
            # A converter's own bug (Polish ordinals of 0 raise IndexError) is a word
            # not known, never the end of the run.
            continue
    return tuple(spelled)
