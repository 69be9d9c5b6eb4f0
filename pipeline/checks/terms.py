"""Glossary checks: do-not-translate terms kept, and key terms rendered as agreed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from pipeline.checks import Context, Finding, Unit, finding, register
from pipeline.glossary import Term


@register(
    "glossary",
    "error",
    "A do-not-translate glossary term is missing, or a term is not rendered as the glossary says.",
)
def glossary_check(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text or unit.source is None or unit.text == unit.source:
        return
    if not ctx.glossary:
        return
    anywhere, terms = _terms_for(ctx.glossary, unit.expected)
    if anywhere is None or not _mentions(anywhere, unit.source):
        return  # one search for all the terms: most entries name none of them
    for term, accepted in terms:
        if not term.source_pattern.search(unit.source):
            continue
        if term.rendered_in(unit.text, unit.expected):
            continue
        if term.do_not_translate:
            message = f"{term.term!r} must stay as it is in every language"
        else:
            message = f"{term.term!r} should be rendered as {' or '.join(map(repr, accepted))}"
        yield finding(unit, "glossary", message, fragment=term.term)


@lru_cache(maxsize=16384)
def _mentions(anywhere: regex.Pattern[str], source: str) -> bool:
    """Whether ``source`` names a term: asked once per msgid, not once per language (a
    project's msgids come back in each of its catalogues)."""
    return anywhere.search(source) is not None


_Rules = tuple[regex.Pattern[str] | None, tuple[tuple[Term, tuple[str, ...]], ...]]
_RULES: dict[tuple[int, str], tuple[tuple[Term, ...], _Rules]] = {}


def _terms_for(glossary: tuple[Term, ...], locale: str) -> _Rules:
    """:func:`_rules_for`, kept by the glossary's identity: every unit of a run asks with
    the same tuple, and hashing its terms for a cache key cost more than the check."""
    key = (id(glossary), locale)
    kept = _RULES.get(key)
    if kept is not None and kept[0] is glossary:
        return kept[1]
    if len(_RULES) > 64:
        _RULES.clear()
    rules = _rules_for(glossary, locale)
    _RULES[key] = (glossary, rules)
    return rules


def _rules_for(glossary: tuple[Term, ...], locale: str) -> _Rules:
    """The terms with a rule for ``locale``, with their renderings, and one pattern
    that finds any of them in a msgid."""
    terms = tuple((t, a) for t in glossary if (a := t.accepted(locale)))
    if not terms:
        return None, ()
    either = "|".join(f"(?:{t.source_pattern.pattern})" for t, _ in terms)
    return regex.compile(either, regex.IGNORECASE), terms
