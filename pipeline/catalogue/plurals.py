"""Plural forms: the Plural-Forms header a locale gets, and what a catalogue's says.

Babel's plural tables are imported by the functions that use them: `l10n check`
reads catalogues and needs none of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import polib

from pipeline.catalogue.fastread import Entry


def plural_forms(locale: str) -> str:
    """The Plural-Forms header value for a locale, from Babel's CLDR data."""
    from babel.messages.plurals import get_plural

    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def plural_count(po: polib.POFile) -> int | None:
    """nplurals from the catalogue's Plural-Forms header, if it has one."""
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else None


_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)
#: Numbers a plural expression is evaluated on to see which forms it uses.
SAMPLE_NUMBERS = range(1001)


@dataclass(frozen=True)
class PluralRule:
    """A Plural-Forms header, parsed and evaluated as gettext evaluates it."""

    nplurals: int
    expression: str
    forms: tuple[int, ...]  # the form of each n in SAMPLE_NUMBERS

    def numbers_of(self, form: int) -> list[int]:
        """The sampled n that take ``form``."""
        return [n for n, f in zip(SAMPLE_NUMBERS, self.forms, strict=True) if f == form]

    @property
    def single_number_forms(self) -> frozenset[int]:
        """Forms used for exactly one n (Hebrew's form for n == 1): they may omit the number."""
        counts = Counter(self.forms)
        return frozenset(form for form, count in counts.items() if count == 1)


@lru_cache(maxsize=256)
def parse_plural_forms(value: str) -> PluralRule:
    """The rule of a Plural-Forms value; ValueError, saying why, if gettext would refuse it."""
    import gettext

    found = _PLURAL_FORMS.match(value)
    if found is None:
        raise ValueError(f"Plural-Forms {value!r} is not 'nplurals=N; plural=EXPRESSION;'")
    nplurals, expression = int(found.group(1)), found.group(2)
    if nplurals < 1:
        raise ValueError(f"Plural-Forms says nplurals={nplurals}: there must be at least one form")
    try:
        function = gettext.c2py(expression)  # gettext's own parser of the C expression
        forms = tuple(int(function(n)) for n in SAMPLE_NUMBERS)
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError) as error:
        raise ValueError(f"the plural expression {expression!r} does not parse: {error}") from None
    beyond = sorted({f for f in forms if not 0 <= f < nplurals})
    if beyond:
        raise ValueError(f"the plural expression gives form {beyond[0]} but nplurals is {nplurals}")
    return PluralRule(nplurals, expression, forms)


class PluralProblem(NamedTuple):
    """One plural problem: where, what, and whether a reader of the ``.mo`` meets it."""

    line: int
    reason: str
    at_run_time: bool = True


def plural_problems(
    entries: Iterable[polib.POEntry | Entry], metadata: dict[str, str], header_line: int
) -> list[PluralProblem]:
    """What makes plural entries unusable at run time: a header gettext cannot evaluate,
    or translated entries whose number of msgstr forms is not nplurals.

    Fewer forms than nplurals: the numbers that take a missing form get the msgid at
    run time (Python's gettext) or form 0 (GNU's). More: ``msgfmt --check-header``
    refuses the catalogue, though the extra forms are never used at run time (plain
    ``msgfmt`` and ``--check-format`` accept it): ``at_run_time`` is False. Untranslated and fuzzy entries are left out, as msgfmt leaves them out
    of the ``.mo``. Every entry with the same count is one problem, reported at the
    first such entry, with how many there are: one stale header is one finding.
    """
    value = metadata.get("Plural-Forms")
    if value is None:
        return []
    try:
        rule = parse_plural_forms(value)
    except ValueError as error:
        return [PluralProblem(header_line, str(error))]
    nplurals = rule.nplurals
    wrong: dict[int, list[int]] = {}
    for entry in entries:
        if entry.obsolete or not entry.msgid_plural or "fuzzy" in entry.flags:
            continue
        if not any(entry.msgstr_plural.values()):
            continue
        forms = len(entry.msgstr_plural)
        if forms != nplurals:
            wrong.setdefault(forms, []).append(entry.linenum)
    problems = []
    for forms, lines in sorted(wrong.items()):
        what = f"{forms} plural forms, but Plural-Forms says nplurals={nplurals}"
        if forms < nplurals:
            missing = [n for n, f in zip(SAMPLE_NUMBERS, rule.forms, strict=True) if f >= forms]
            shown = ", ".join(str(n) for n in missing[:4]) + (", ..." if len(missing) > 4 else "")
            what += (
                f": n = {shown} find no form at run time"
                if missing
                else " (its expression never uses the missing forms)"
            )
        else:
            what += ": msgfmt -c refuses the catalogue; the extra forms are never used"
        if len(lines) > 1:
            what += f" ({len(lines)} entries; the others from line {lines[1]})"
        problems.append(PluralProblem(lines[0], what, forms < nplurals))
    return problems
