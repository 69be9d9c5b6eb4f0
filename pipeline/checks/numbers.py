"""The numbers check: a translation keeps the msgid's numbers, by value.

"24–72 hours", "3–5 days", "SPF 30": a changed number is the most dangerous defect
a translation of safety text can have. pofilter's ``numbers`` compares digit
strings, so "١٠٠٠" or German "1.000" look like changes to it; this check compares
values (see :mod:`pipeline.language.numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.checks import Context, Finding, Unit, finding, register
from pipeline.language import numbers


@register(
    "numbers",
    "error",
    "A number of the msgid is missing or changed in the msgstr (a warning when one is only "
    "added, changed in an example or a sample value, or a number up to ten is missing, which "
    "may be spelled out); compared by value: 1,000 = 1.000 in German, Arabic-Indic digits, "
    "'de 24 a 72'.",
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
    spelled = not found.added and all(_SMALL.fullmatch(n) for n in found.missing)
    if spelled:
        parts.append("a number up to ten may be written as a word")
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
        if found.missing and not found.examples_only and not spelled and _LETTER(unit.source)
        else "warning",
    )


_LETTER = re.compile(r"[^\W\d_]").search
_SMALL = re.compile(r"0*(?:\d|10)")
