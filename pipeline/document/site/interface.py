"""The site's interface words: Jinja2 templates, their catalogue, and their translations.

The pages, the status page, the chart and the print layout are Jinja2 templates in
``templates/``. Their words ("Contents", the language menu's label, the footer) are
marked with the i18n extension's ``_()`` and ``{% trans %}``; Babel extracts them
into the site catalogue (``[tool.l10n] site_domain``), as Sphinx and MkDocs do, and
the catalogue is updated, checked, compiled and counted like the documents' one.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_SUFFIXES = (".html", ".svg")
# Babel's jinja2 extractor, with the same settings the environment renders with.
_EXTRACTOR = "jinja2.ext:babel_extract"
_OPTIONS = {"trimmed": "true", "newstyle_gettext": "true", "silent": "false"}
_COMMENT_TAGS = ("Translators:",)


@dataclass(frozen=True)
class Message:
    """One interface message of a template, as the template catalogue stores it."""

    text: str
    line: int
    comment: str
    plural: str = ""
    flags: tuple[str, ...] = ()


def template_files() -> list[Path]:
    """The site's templates, sorted, so every extraction lists them in one order."""
    return sorted(p for p in TEMPLATES.iterdir() if p.suffix in TEMPLATE_SUFFIXES)


def interface_messages(path: Path) -> Iterator[Message]:
    """The translatable messages of one template, in order, with translator comments."""
    with path.open("rb") as handle:
        found = extract(
            _EXTRACTOR,
            handle,
            keywords=DEFAULT_KEYWORDS,
            comment_tags=_COMMENT_TAGS,
            options=_OPTIONS,
            strip_comment_tags=False,
        )
        for line, message, comments, _context in found:
            singular, plural = (message, "") if isinstance(message, str) else message[:2]
            # Jinja's newstyle gettext formats every message with %, as Python does.
            flags = ("python-format",) if "%(" in singular + (plural or "") else ()
            yield Message(singular, line, " ".join(comments), plural or "", flags)


def translations(po: polib.POFile | None) -> gettext.NullTranslations:
    """gettext's own translations object for a catalogue: fuzzy entries are left out.

    The catalogue goes through its .mo form, so plural forms are chosen by gettext's
    own evaluation of the catalogue's Plural-Forms, exactly as at run time.
    """
    if po is None:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(po.to_binary()))


def environment(words: gettext.NullTranslations) -> Environment:
    """A Jinja2 environment over the site's templates that speaks through ``words``.

    Every page and the chart are autoescaped; an undefined variable is an error, not
    an empty string, so a template never silently loses text.
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "svg", "xml")),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(words, newstyle=True)  # type: ignore[attr-defined]
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal, for the print layout's running header.

    Quotes, backslashes, angle brackets and control characters become CSS escapes,
    so the literal can neither end early nor close the ``<style>`` element.
    """
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\<>&' else f"\\{ord(ch):x} " for ch in str(text)
    )
    return Markup(f'"{escaped}"')
