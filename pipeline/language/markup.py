"""Masking inline markup: code, links, URLs, placeholders and identifiers, whose
letters are no language's words, blanked out at the same length and offsets so that
the script, language and numbers checks read only the text."""

from __future__ import annotations

import functools
import re

#: Replacement for masked markup. It is not a letter (so it never counts as text),
#: langdetect normalises it to a space, and runs never join across it.
MASK = "\x00"

_UNITS = r"(?:[mckµn]?m|mg|kg|µg|g|m[lL]|[lL]|px|pt|r?em|ms|s|min|h|[kMG]?Hz|[kKMGT]i?B|dpi|°[CF])"

# Markup and code whose letters are not language, as (trigger, pattern) pairs in
# priority order. Masking them keeps URLs, placeholders and identifiers out of the
# script and language checks. A pattern only runs when its trigger occurs in the
# text: one big alternation cost ~50 µs per msgstr, mostly on patterns that could
# not match (e-mail, paths), and this is the per-entry hot path.
_MARKUP_STEPS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (trigger, re.compile(pattern, re.VERBOSE | re.MULTILINE))
    for trigger, pattern in (
        ("`", r"(`+)(?s:.+?)(?<!`)\1(?!`)"),  # `code`, ``literal``
        ("<!--", r"<!--(?s:.*?)-->"),  # HTML comment
        (
            "]",
            r"""\]\(\s*<?[^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*>?
                  (?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)""",
        ),  # ](link target "title")
        ("]", r"\]\[[^\]\n]*\]"),  # ][reference]
        ("]:", r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$"),  # [ref]: url "title"
        ("<", r"<(?:https?|ftp|mailto):[^>\s]*>"),  # <autolink>
        # HTML's elements for code, whole: <tt>openstack volume create</tt>, <kbd>Ctrl</kbd>.
        ("<", r"<(code|tt|kbd|samp|pre|var)(?:\s[^<>]*)?>(?s:.*?)</\1\s*>"),
        (
            "<",
            # An attribute may be a placeholder ("<a {a_attr}>", "<a %(attr)s>"), and a
            # value's quotes escaped as in the C-style string it came from.
            r"""</?[A-Za-z][A-Za-z0-9-]*
                  (?:\s+(?:[A-Za-z_:][-\w:.]*
                          (?:\s*=\s*(?:\\?"[^"]*"|\\?'[^'\\]*\\?'|[^\s"'>\\]+))?
                          |\{[^{}\s]*\}|%(?:\([^()\s]*\))?[A-Za-z]))*\s*/?>""",
        ),
        # An address with its display name, as a mail header writes one: "John Doe"
        # <jdoe@example.com>, Ivan Ivanov &lt;iivanov@example.ru&gt; (before entities).
        (
            "@",
            r"""(?:"[^"\n]*"|\b[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,3})[ \t]*"""
            r"(?:<|&lt;)[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:>|&gt;)"
            r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+[ \t]*\([^()\n]{1,40}\)",  # jdoe@x.org (John Doe)
        ),
        ("&", r"&(?:\#\d+|\#[xX][0-9a-fA-F]+|[A-Za-z]\w*);"),  # entity
        ("://", r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"'`)\]]+"),  # bare URL, any scheme
        ("www.", r"\bwww\.[^\s<>\"'`)\]]+"),
        ("@", r"[\w.+-]+@[\w.-]+[:#][^\s<>\"'`)\]]+"),  # user@host:/path, host@backend#pool
        ("@", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail
        # Template tags, before printf's "% t" can take a piece: {% tag %}, {# comment #},
        # and AngularJS's {$ expression $} (as OpenStack Horizon sets its delimiters).
        ("{", r"\{([%$#])(?s:.*?)\1\}"),
        # "%%23" in a format string is "%23", a percent-encoded byte of a URL ("#").
        (
            "%",
            r"%%[0-9A-Fa-f]{2}"
            r"|%(?:\d+\$)?(?:\([^()\s]*\))?[-\#0 +']*(?:\d+|\*)?(?:\.(?:\d+|\*))?[A-Za-z%]",
        ),
        ("{", r"\{\{(?s:.*?)\}\}|\{[^{}\s]*\}"),  # {name}, {{ jinja }}
        ("$", r"\$\{[^}\s]*\}|\$[A-Za-z_]\w*"),  # ${x}, $x
        (":", r":[\w-]+(?::[\w-]+)?:(?=`)"),  # reST :role:`...`
        ("-", r"(?<![\w-])--?[A-Za-z][\w-]*"),  # --option, -a
        (".", r"(?<![\w.])[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+(?:\(\))?"),
        (".", r"(?<![\w.])\.[A-Za-z][A-Za-z0-9_-]*"),  # .dotfile
        # A name of three parts or more joined by colons: list:member:regular:footer.
        (":", r"(?<![\w:])[A-Za-z_][\w-]*(?::[A-Za-z_][\w-]*){2,}(?![\w:])"),
        ("_", r"(?<!\w)[A-Za-z0-9]*_[A-Za-z0-9_]*(?:\(\))?(?![A-Za-z0-9])"),  # snake_case
        ("()", r"(?<!\w)[A-Za-z0-9]+\(\)"),  # call()
        # A date or time format ("dddd, dd mmmm yyyy", "HH:MM"): tokens of one letter
        # repeated, which no language writes as words.
        ("dd", r"(?<!\w)([A-Za-z])\1+(?!\w)"),
        ("yy", r"(?<!\w)([A-Za-z])\1+(?!\w)"),
        # call(arg), def f(mlist): code, whose names are no language's words. The name
        # is lowercase ASCII and the arguments identifiers (masked ones too), so that
        # "Datei(en)" and "Nutzer(innen)" stay words.
        (
            "(",
            r"(?<![\w.])[a-z_][A-Za-z0-9_]*\([A-Za-z_\x00][\w.\x00]{2,}(?:,\s*[\w.\x00]+)*\)(?!\w)",
        ),
        ("/", r"(?<![\w/])(?:\.{1,2}/|/)?(?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_.-]*"),  # a/path
        ("", r"\d(?:[\d.,]*\d)?\s?" + _UNITS + r"\b"),  # 5 mm, 10px (last: see units=)
    )
)
_DIGIT = re.compile(r"\d")

# A short quoted literal: an option, a file, a UI label (“lines”, «sphinx-build»,
# "-opt args", ‚member’). Single quotes only when they cannot be apostrophes.
_QUOTED = re.compile(
    r"""["“„«‹「『][^"“”„«»‹›「」『』\n]{1,30}?["”»›」』]"""
    r"""|(?<![\w])['‘‚`][^'‘‚’`\s][^'‘‚’`\n]{0,28}?['’‘](?!\w)"""
)


def _blank(match: re.Match[str]) -> str:
    return MASK * len(match.group())


@functools.lru_cache(maxsize=8192)
def mask_markup(text: str, quotes: bool = False, units: bool = True) -> str:
    """``text`` with inline code, links, URLs, placeholders and identifiers masked.

    Masked characters become :data:`MASK`: same length, same offsets. ``quotes`` also
    masks short quoted literals, which name things rather than say something in a
    language; ``units=False`` keeps numbers with units ("0.5 mm") for the numbers check.
    """
    if quotes:
        return _QUOTED.sub(_blank, mask_markup(text, units=units))
    masked = text
    for trigger, pattern in _MARKUP_STEPS if units else _MARKUP_STEPS[:-1]:
        if (trigger in masked) if trigger else _DIGIT.search(masked):
            masked = pattern.sub(_blank, masked)
    return masked
