"""A page language: its tag, name, direction and script, from CLDR."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from pipeline.errors import UserError

# -- languages -------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    """One language of the site, with its facts from CLDR."""

    code: str
    """As in ``[tool.l10n] locales`` and in the site's folder names: ``zh_Hans``."""
    tag: str
    """BCP 47, for ``lang`` and ``hreflang``: ``zh-Hans``."""
    name: str
    """What the language calls itself, as a menu shows it: ``简体中文``."""
    direction: str
    """``ltr`` or ``rtl``."""
    other_script_tags: tuple[str, ...] = ()
    """Browser language tags that mean this language in another script (zh-TW for zh_Hans)."""


def language(code: str) -> Language:
    """The site's facts about the language ``code``, all from Babel's CLDR data."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise UserError(f"locale {code!r} is unknown to CLDR, so the site cannot name it") from None
    parts = (locale.language, locale.script, locale.territory, locale.variant)
    name = locale.languages.get(str(locale)) or locale.get_display_name(locale) or code
    return Language(
        code=code,
        tag="-".join(p for p in parts if p),
        # CLDR capitalises language names that stand alone in a menu (uiListOrMenu)
        # for the cased scripts: "Français", not "français" as in running text.
        name=name[:1].upper() + name[1:],
        direction=locale.text_direction,
        other_script_tags=_other_script_tags(locale),
    )


def _other_script_tags(locale: Locale) -> tuple[str, ...]:
    """Tags of ``locale``'s language whose likely script differs from its own.

    The chooser must not send a reader who asked for zh-TW (Traditional) to zh-Hans.
    """
    if not locale.script:
        return ()
    tags = []
    for key, full in get_global("likely_subtags").items():
        parts, likely = key.split("_"), full.split("_")
        if parts[0] == locale.language and len(parts) > 1 and likely[1] != locale.script:
            tags.append("-".join(parts).lower())
    return tuple(sorted(tags))
