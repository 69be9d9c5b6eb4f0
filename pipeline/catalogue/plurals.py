"""Plural forms: the Plural-Forms header a locale gets, and what a catalogue's says.

Babel's plural tables are imported by the functions that use them: `l10n check`
reads catalogues and needs none of them.
"""

from __future__ import annotations

import re

import polib


def plural_forms(locale: str) -> str:
    """The Plural-Forms header value for a locale, from Babel's CLDR data."""
    from babel.messages.plurals import get_plural

    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def plural_count(po: polib.POFile) -> int | None:
    """nplurals from the catalogue's Plural-Forms header, if it has one."""
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else None
