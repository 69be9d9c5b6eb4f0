"""The numbers check: a translation keeps the msgid's numbers, by value.

"24–72 hours", "3–5 days", "SPF 30": a changed number is the most dangerous defect
a translation of safety text can have. pofilter's ``numbers`` compares digit
strings, so "١٠٠٠" or German "1.000" look like changes to it; this check compares
values (see :mod:`pipeline.language.numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import regex

from pipeline.checks import Context, Finding, Unit, finding, register
from pipeline.checks.copies import Translations
from pipeline.language import numbers


@register(
    "numbers",
    "error",
    "A number of the msgid is missing or changed in the msgstr (a warning when one is only "
    "added, changed in an example or a sample value, or missing and spelled out in words, "
    "as num2words spells it, or up to ten); compared by value: 1,000 = 1.000 in German, "
    "Arabic-Indic digits, 'de 24 a 72'.",
)
def numbers_check(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text or not unit.compares_to_source or unit.source_plural:
        return  # a plural form is for many numbers: its msgid's numbers are examples
    if not numbers.has_digit(unit.text) and not numbers.has_digit(unit.source):
        return
    found = numbers.difference(unit.source, unit.text, unit.expected, ctx.source_language)
    if found is None:
        return
    parts = []
    if found.missing:
        parts.append(f"{', '.join(found.missing)} missing")
    if found.added:
        parts.append(f"{', '.join(found.added)} not in the msgid")
    if found.examples_only:
        parts.append("only in an example, which a translation may localise")
    # Only small whole numbers missing and nothing in their place: style guides spell
    # out numbers up to ten ("a 4 digit code", "une carte à 4 chiffres" -> "fyrsiffrig",
    # "un utilizzo"), so a translation may have written them as words.
    # And any number the translation's words spell out, as num2words spells it in the
    # catalogue's language ("elfstellig" for 11): worth a look, not a changed value.
    small = not found.added and all(_SMALL.fullmatch(n) for n in found.missing)
    if found.spelled:
        parts.append(f"written as a word: {', '.join(repr(w) for w in found.spelled)}")
    elif small:
        parts.append("a number up to ten may be written as a word")
    spelled = small or bool(found.spelled)
    sample = found.missing and _names_replaced(unit.source, unit.text)
    if sample:
        parts.append("its names are replaced too: sample data, localised")
    yield finding(
        unit,
        "numbers",
        "numbers differ from the msgid: " + "; ".join(parts),
        fragment=(found.added or found.missing)[0],
        # A warning: a number added says more than the msgid ("5月" for "May"), an
        # example may be localised ("e.g. +1 for the US" as "+49"), and a msgid of
        # numbers alone ("12345", "2017-05-31 20:00") is a sample value. A number
        # missing or changed otherwise says something else: an error.
        severity=None
        if found.missing
        and not found.examples_only
        and not spelled
        and not sample
        and _LETTER(unit.source)
        else "warning",
    )


_LETTER = re.compile(r"[^\W\d_]").search
_SMALL = re.compile(r"0*(?:\d|10)")
_WORD = regex.compile(r"\p{L}[\p{L}'’-]*")


def _names_replaced(source: str, text: str) -> bool:
    """Whether ``source`` is mostly names (a sample record: "John Doe, Sesame Street 42,
    12345 Any City") and ``text`` keeps none of them but has names of its own: the
    translator wrote a sample of their own country ("Piet Janssen, Sesamstraat 42,
    1234 AB Amsterdam"), whose numbers are its own too."""
    words = _WORD.findall(source)
    names = [w for w in words if w[0].isupper()]
    if len(names) < 2 or 2 * len(names) < len(words):
        return False
    folded = text.casefold()
    if any(name.casefold() in folded for name in names):
        return False
    return sum(1 for w in _WORD.findall(text) if w[0].isupper()) >= 2


#: Other languages' translations a number must be seen changed in, at the least,
#: before the project's translators count as agreeing that it is a sample to localise.
CONSENSUS_MIN = 3


def localised_samples(
    held: Mapping[int, list[Finding]], others: Translations
) -> dict[int, list[Finding]]:
    """The held ``numbers`` errors of each file, as warnings where the project's other
    languages agree that the msgid's numbers are samples to localise.

    "Sesame Street 42, 12345 Any City" is an example address: most translators write
    one of their own country, each with numbers of its own. So when more than half
    of the other languages' translations of the message (at least
    :data:`CONSENSUS_MIN`) change its numbers too, and not all in the same way, the
    finding is a warning. Translations that all change it alike ("150px" everywhere
    for a msgid now saying "140px") are outdated, not localised: those stay errors,
    as do numbers the others keep ("Last 12 months"). ``others``: the held msgids'
    translations in the compared files (copies.translations).
    """
    result: dict[int, list[Finding]] = {}
    for index, found in held.items():
        kept = []
        for f in found:
            if f.code != "numbers":
                kept.append(f)
                continue
            verdict = _consensus(f, index, others.get(f.msgid or "", []))
            kept.append(f if verdict is None else f._replace(severity="warning", message=verdict))
        result[index] = kept
    return result


def _consensus(f: Finding, index: int, translations: list[tuple[int, str, str]]) -> str | None:
    """The warning's message when the other languages localise ``f``'s numbers."""
    source = f.msgid or ""
    elsewhere = [(e, t) for i, e, t in translations if i != index and e != f.expected]
    changed = set()
    count = 0
    for expected, text in elsewhere:
        if numbers.difference(source, text, expected) is not None:
            count += 1
            changed.add(tuple(sorted(n.written for n in numbers.numbers(text, expected))))
    if len(elsewhere) < CONSENSUS_MIN or 2 * count <= len(elsewhere) or len(changed) < 2:
        return None
    return (
        f"{f.message}; {count} of the other {len(elsewhere)} languages change them too, "
        "each its own way: a sample value translators localise"
    )
