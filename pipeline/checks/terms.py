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


@lru_cache(maxsize=64)
def _terms_for(
    glossary: tuple[Term, ...], locale: str
) -> tuple[regex.Pattern[str] | None, tuple[tuple[Term, tuple[str, ...]], ...]]:
    """The terms with a rule for ``locale``, with their renderings, and one pattern
    that finds any of them in a msgid."""
    terms = tuple((t, a) for t in glossary if (a := t.accepted(locale)))
    if not terms:
        return None, ()
    either = "|".join(f"(?:{t.source_pattern.pattern})" for t, _ in terms)
    return regex.compile(either, regex.IGNORECASE), terms
