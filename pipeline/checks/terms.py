"""Glossary checks: do-not-translate terms kept, and key terms rendered as agreed."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.checks import Context, Finding, Unit, finding, register


@register(
    "glossary",
    "error",
    "A do-not-translate glossary term is missing, or a term is not rendered as the glossary says.",
)
def glossary_check(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text or unit.source is None or unit.text == unit.source:
        return
    for term in ctx.glossary:
        accepted = term.accepted(unit.expected)
        if not accepted or not term.source_pattern.search(unit.source):
            continue
        if term.rendered_in(unit.text, unit.expected):
            continue
        if term.do_not_translate:
            message = f"{term.term!r} must stay as it is in every language"
        else:
            message = f"{term.term!r} should be rendered as {' or '.join(map(repr, accepted))}"
        yield finding(unit, "glossary", message, fragment=term.term)
