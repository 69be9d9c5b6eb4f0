"""Format checks: placeholders, inline markup and link targets kept from the msgid."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.catalogue.placeholders import (
    address_count,
    placeholder_list,
    placeholders,
    web_hosts,
)
from pipeline.checks import Context, Finding, Unit, finding, register
from pipeline.document.segments import EMPHASIS_ELEMENTS, html_tags, inline_markup


@register(
    "placeholders",
    "error",
    "printf, Python-format or brace placeholders differ between msgid and msgstr.",
)
def placeholder_check(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text or not unit.compares_to_source:
        return
    if not _may_hold_placeholder(unit.text) and not _may_hold_placeholder(unit.source):
        return  # every placeholder form has "%" or "{"
    got = placeholder_list(unit.text, unit.flags)
    if got == placeholder_list(unit.source, unit.flags):
        return
    if unit.source_plural is not None and got == placeholder_list(unit.source_plural, unit.flags):
        # msgstr[0] also serves every count in a language with one plural form
        # ("找到 {n} 个页面" for "found one page"): the plural msgid's placeholders do.
        return
    want, got = placeholders(unit.source, unit.flags), placeholders(unit.text, unit.flags)
    for token in want.keys() - got.keys():
        # Glued to a word of any script ("%sを選択", Esperanto "%sn"), a printf
        # placeholder of the msgid is still there.
        if token.startswith("%"):
            got[token] = min(want[token], unit.text.count(token))
    got = +got
    for token in want.keys() & got.keys():
        if _named(token):  # a name may be used once or thrice: the value is the same
            want[token] = got[token] = 1
    if unit.single_number and not got - want:
        return  # a form for one number only ("egy perc", Hebrew n == 1) may leave it out
    if want != got:
        missing = sorted((want - got).elements())
        extra = sorted((got - want).elements())
        parts = [f"missing {', '.join(missing)}" if missing else ""]
        parts.append(f"unexpected {', '.join(extra)}" if extra else "")
        yield finding(
            unit,
            "placeholders",
            "placeholders differ from the msgid: " + "; ".join(p for p in parts if p),
            fragment=" ".join(missing + extra) or None,
        )


@register(
    "markup",
    "error",
    "Inline Markdown or HTML tags differ in count or kind (program messages: HTML tags; "
    "a dropped emphasis tag alone, or a tag paired that the msgid leaves open, is a warning).",
)
def markup_check(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text or not unit.compares_to_source:
        return
    if not unit.markdown:
        yield from _html_check(unit)
        return
    want, got = inline_markup(unit.source).kinds, inline_markup(unit.text).kinds
    if want != got:
        yield finding(
            unit,
            "markup",
            f"inline markup {list(got)} differs from the msgid's {list(want)}",
        )


def _html_check(unit: Unit) -> Iterator[Finding]:
    """A program message's HTML tags against its msgid's (``*`` there is prose)."""
    if "<" not in unit.source and "<" not in unit.text:
        return
    want, got = html_tags(unit.source), html_tags(unit.text)
    if want == got:
        return
    changed = {tag for tag in want.keys() | got.keys() if want.get(tag) != got.get(tag)}
    # Styling a translation drops or adds is a warning; styling it leaves open (or
    # closes without opening: "<em>%(q)s</em" for "<em>%(q)s</em>") runs on through
    # the rest of the page, and is an error.
    names = sorted({tag.strip("</>") for tag in changed})
    unpaired = [n for n in names if _balanced(want, n) and not _balanced(got, n)]
    # A translation that pairs a tag its msgid leaves open ("<p>…" rendered "<p>…</p>")
    # repairs the message: the msgid is to fix, which a warning says.
    repaired = all(not _balanced(want, n) and _balanced(got, n) for n in names)
    styling = repaired or (not unpaired and all(name in EMPHASIS_ELEMENTS for name in names))
    missing = sorted(t for t in changed if want.get(t, 0) > got.get(t, 0))
    extra = sorted(t for t in changed if got.get(t, 0) > want.get(t, 0))
    parts = [
        f"missing {' '.join(missing)}" if missing else "",
        f"unexpected {' '.join(extra)}" if extra else "",
        f"<{'>, <'.join(unpaired)}> not paired" if unpaired else "",
        "the msgid leaves it unpaired" if repaired else "",
    ]
    yield finding(
        unit,
        "markup",
        "HTML tags differ from the msgid: " + "; ".join(p for p in parts if p),
        fragment=" ".join(missing + extra),
        severity="warning" if styling else None,
    )


#: Elements with no end tag: a lone ``<br>`` is whole.
_VOID_ELEMENTS = frozenset("br wbr hr img input meta link area base col embed source track".split())


def _balanced(tags: dict[str, int], name: str) -> bool:
    """Whether ``name``'s start and end tags pair up in a message's tag counts."""
    return name in _VOID_ELEMENTS or tags.get(f"<{name}>", 0) == tags.get(f"</{name}>", 0)


@register(
    "links",
    "error",
    "A link or image target differs from the source; in program messages, a site is dropped "
    "or added (a warning when only an example address differs, or one address stands in for "
    "another).",
)
def links_check(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text or not unit.compares_to_source:
        return
    if not unit.markdown:
        # Text from program code is not Markdown: "<https://…>" there is an address
        # in angle brackets, not a link. Its addresses may lead to a localised page
        # (/pt-br/ for /en/), but on the msgid's sites only.
        if not _may_hold_address(unit.text) and not _may_hold_address(unit.source):
            return
        want, got = tuple(web_hosts(unit.source)), tuple(web_hosts(unit.text))
        wanted, found = address_count(unit.source), address_count(unit.text)
        if want == got and wanted != found:
            # Only addresses reserved for examples differ (my.event.example.org):
            # they lead nowhere, but one dropped is often one mangled ("https;\\").
            yield finding(
                unit,
                "links",
                f"{found} web address{'es' if found != 1 else ''} where the msgid has "
                f"{wanted}: an example address dropped or mangled?",
                severity="warning",
            )
            return
        if want != got and wanted == found:
            # As many addresses, one site for another: "e.g. https://my-instance.
            # openai.azure.com" becomes "https://moje-instance…", an illustration
            # localised. A maintainer should look, but it breaks nothing.
            changed = sorted(set(got) - set(want)) or sorted(set(want) - set(got))
            yield finding(
                unit,
                "links",
                f"addresses {list(got)} stand where the msgid has {list(want)}: "
                "a localised example, or a wrong site?",
                fragment=changed[0] if changed else None,
                severity="warning",
            )
            return
    elif not _may_link(unit.text) and not _may_link(unit.source):
        return  # neither has a link, image or autolink: nothing to parse
    else:
        want, got = inline_markup(unit.source).targets, inline_markup(unit.text).targets
    if want != got:
        changed = sorted(set(got) - set(want)) or sorted(set(want) - set(got))
        yield finding(
            unit,
            "links",
            f"link targets {list(got)} differ from the msgid's {list(want)}",
            fragment=changed[0] if changed else None,
        )


def _may_link(text: str) -> bool:
    """Whether ``text`` could hold a link target: every form has "[", "<" or "](".

    ("](javascript:…)" counts without its "[": see
    :func:`pipeline.document.segments.inline_markup`.)
    """
    return "[" in text or "<" in text or "](" in text


def _named(token: str) -> bool:
    """Whether a placeholder names its argument (``%(count)d``, ``{name}``): Python looks
    it up by name, so a translation may use it any number of times."""
    return token.startswith("%(") or (token.startswith("{") and not token[1:2].isdigit())


def _may_hold_placeholder(text: str) -> bool:
    return "%" in text or "{" in text


def _may_hold_address(text: str) -> bool:
    """Whether ``text`` could hold a web address: "https://…", "ftp://…" or "www.…"."""
    return "://" in text or "www." in text.lower()
