"""Placeholders, URLs and code in a message: what must be kept, and what is not language.

printf (``%s``, ``%1$d``), Python (``%(name)s``) and brace (``{name}``) placeholders
are found with or without a format flag, but only in forms that ordinary prose does
not produce (``50% off`` is not a placeholder).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import regex

_PYTHON = r"%\([^()\s]{1,40}\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
_PRINTF = r"%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcspa]\b"
_BRACE = r"\{[A-Za-z_0-9][\w.\[\]]{0,40}(?:![rsa])?(?::[^{}\s]{0,20})?\}"
# A template variable (Jinja, Django, Angular, Vue): "{{ ticket.title }}" is the
# same variable as "{{ticket.title}}"; spaces inside the braces do not count.
_TEMPLATE = r"\{\{-?[ \t]*[\p{L}_$][\w.$\[\]'\"|: -]{0,60}?[ \t]*-?\}\}"
PLACEHOLDER = regex.compile(f"{_PYTHON}|{_PRINTF}|{_TEMPLATE}|{_BRACE}")
_SPACES = regex.compile(r"\s+")

_URL = r"(?:https?|ftp|mailto):[^\s<>()\]]+|www\.[^\s<>()\]]+"
_LINK_TARGET = r"\]\([^)]*\)"
_CODE = r"`[^`]*`"
_TAG = r"</?[A-Za-z][^<>]*>"
_ENTITY = r"&#?\w+;"
_EMAIL = r"[\w.+-]+@[\w-]+\.[\w.-]+"
_NUMBER_UNIT = r"\d[\d.,:/–-]*(?:%|\s?[A-Za-z]{1,3}\b)?"
# A template expression (TAL's "${python:round(size/1024, 1)}") and a dotted name
# ("plone.app.event", "conf.py"): code, not words.
_EXPRESSION = r"\$\{[^{}\n]*\}"
_DOTTED = r"(?<![\w.])[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+"
# A snake_case identifier ("floating_ip_id", "os_hash_algo"): a name a program reads.
_IDENTIFIER = r"(?<!\w)[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?!\w)"
NON_WORDS = regex.compile(
    "|".join(
        [_URL, _LINK_TARGET, _CODE, _TAG, _ENTITY, _EMAIL, _EXPRESSION, _DOTTED, _IDENTIFIER]
        + [PLACEHOLDER.pattern, _NUMBER_UNIT]
    )
)


def placeholders(text: str, flags: Iterable[str] = ()) -> Counter[str]:
    """The placeholders of ``text``, counted (order may change in a translation).

    With a format flag the flag's own directive syntax is used, as msgfmt does;
    without one, only forms that prose does not produce count.
    """
    return Counter(placeholder_list(text, flags))


def placeholder_list(text: str, flags: Iterable[str] = ()) -> list[str]:
    """:func:`placeholders` as a sorted list: equal lists, equal counts, and cheaper."""
    directives = format_directives(text, flags)
    if directives is not None:
        return directives
    found = PLACEHOLDER.findall(text)
    if "{{" in text:
        found = [_template_name(f) if f.startswith("{{") else f for f in found]
    if "{" in text and _AUTOMATIC.search(text):
        # str.format numbers "{}" fields in order: "{}" and "{0}" are the same field.
        found = [f for f in found if not f.startswith("{")]
        found += _numbered(_ANY_BRACE.findall(text))
    return sorted(found)


def _template_name(variable: str) -> str:
    """``{{ a | b }}`` as ``{{a|b}}``: what the template engine reads."""
    return "{{" + _SPACES.sub("", variable[2:-2].strip("-")) + "}}"


_AUTOMATIC = regex.compile(r"\{(?:![rsa])?(?::[^{}\s]{0,20})?\}")
_ANY_BRACE = regex.compile(f"{_BRACE}|{_AUTOMATIC.pattern}")


_HOST = regex.compile(
    r"(?i)(?<![A-Za-z0-9.+-])(?:(?:https?|ftp)://([\w-]+(?:\.[\w-]+)*)|(www(?:\.[\w-]+)+))"
)
#: Names reserved for examples and tests (RFC 2606, RFC 6761): a translation may
#: localise an illustration ("mon.evenement.example.org"); it leads nowhere.
_RESERVED = regex.compile(
    r"(?i)(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$"
)


def web_hosts(text: str) -> list[str]:
    """The sites the web addresses in ``text`` point to, sorted and lower-cased.

    ``visit https://www.sphinx-doc.org/pt-br/master/.`` gives ``www.sphinx-doc.org``:
    a translation may point to a localised page, never to another site.
    """
    hosts = {(a or b).lower() for a, b in _HOST.findall(text)}
    return sorted(h for h in hosts if not _RESERVED.search(h))


def address_count(text: str) -> int:
    """How many web addresses ``text`` holds, those reserved for examples included."""
    return len(_HOST.findall(text))


def strip_non_words(text: str) -> str:
    """``text`` with URLs, link targets, code, tags, placeholders and numbers blanked out.

    Each removed span becomes spaces of the same length, so offsets stay valid.
    """
    return NON_WORDS.sub(lambda m: " " * len(m.group()), text)


_C_FORMAT = re.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]"
)
_PYTHON_FORMAT = re.compile(
    r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]"
)
_BRACE_FORMAT = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")


def format_directives(text: str, flags: Iterable[str]) -> list[str] | None:
    """The format directives of ``text`` under the entry's format flag, or None."""
    if not isinstance(flags, (set, frozenset)):
        flags = set(flags)
    if "c-format" in flags:
        pattern = _C_FORMAT
    elif "python-format" in flags:
        pattern = _PYTHON_FORMAT
    elif "python-brace-format" in flags:
        pattern = _BRACE_FORMAT
    else:
        return None
    raw = [d for d in pattern.findall(text) if d != "%%"]
    if pattern is _BRACE_FORMAT:
        return sorted(_numbered(raw))
    found = [_PRINTF_PARTS.sub(_printf_type, d) for d in raw]
    if pattern is _PYTHON_FORMAT:
        # msgfmt compares a Python directive's type, not its letter: "%o" for "%d" and
        # "%r" for "%s" pass ``msgfmt -c``, "%s" for "%d" does not. Not with a space
        # flag: there the letter is as often the next word's, taken by a directive that
        # lost its own ("%(count) items" reads "% i", and prints "3tems").
        found = [
            d if _SPACE_FLAG.match(r) else d[:-1] + _PYTHON_TYPE.get(d[-1], d[-1])
            for d, r in zip(found, raw, strict=True)
        ]
    return sorted(found)


#: Python directives by the argument type msgfmt checks (gettext's format-python.c):
#: each stands for its type's first letter.
_PYTHON_TYPE = dict.fromkeys("iouxX", "d") | dict.fromkeys("eEFgG", "f") | dict.fromkeys("ra", "s")
_SPACE_FLAG = re.compile(r"%(?:\([^)]*\))?[-+#0]* ")


# A printf directive's parts: argument, flags, width, precision, length, conversion.
_PRINTF_PARTS = re.compile(
    r"%(\d+\$|\([^)]*\))?[-+ #0']*(\d+|\*)?(?:\.(\d+|\*))?((?:hh|h|ll|l|L|q|j|z|t)?[A-Za-z])"
)


def _printf_type(match: re.Match[str]) -> str:
    """A printf directive as msgfmt compares it: which argument, of which type.

    Flags, width and precision only lay the value out ("%-d" pads a day as "%d"
    does not; "%5.2f" is a float all the same), and ``msgfmt -c`` accepts a
    translation that changes them; a ``*`` stays, since it takes an argument.
    """
    argument, width, precision, conversion = match.groups()
    star = ("*" if width == "*" else "") + (".*" if precision == "*" else "")
    return f"%{argument or ''}{star}{conversion}"


def _numbered(fields: list[str]) -> list[str]:
    """Brace fields with the numbers str.format gives automatic ones: ``{}`` is ``{0}``,
    the next ``{}`` is ``{1}`` (and ``{:>4}`` is ``{0:>4}``)."""
    if not any(f.startswith(("{}", "{:", "{!")) for f in fields):
        return fields
    numbered, n = [], 0
    for f in fields:
        if f.startswith(("{}", "{:", "{!")):
            f = "{" + str(n) + f[1:]
            n += 1
        numbered.append(f)
    return numbered
