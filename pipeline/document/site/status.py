"""Translation progress as a picture: a bar per language, and the status page's table.

The chart is a self-contained SVG (no script, no stylesheet, no font to fetch), so it
can be embedded in a README as an image, as Weblate's status widgets are. Its words
come from the site catalogue and its numbers are formatted by Babel for the
language it is drawn in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import polib
from babel import Locale
from babel.numbers import format_decimal, format_percent

from pipeline.catalogue import Stats, catalogue_stats, read_catalogue
from pipeline.config import Config
from pipeline.document.site.languages import Language
from pipeline.document.site.pages import Interface
from pipeline.errors import UserError

_COLOURS = {"translated": "#2da44e", "fuzzy": "#d4a72c", "untranslated": "#d0d7de"}
_WIDTH = 600
_NAME_WIDTH = 150
_BAR_WIDTH = 330
_ROW = 30
_TOP = 44


@dataclass(frozen=True)
class Progress:
    """One language's messages, summed over all of its catalogues."""

    lang: Language
    messages: int
    translated: int
    fuzzy: int

    @property
    def untranslated(self) -> int:
        return self.messages - self.translated - self.fuzzy

    @property
    def fraction(self) -> float:
        """Translated share, rounded down to a whole percent: 100 % means every message."""
        if not self.messages:
            return 0.0
        return (100 * self.translated // self.messages) / 100


def progress(
    lang: Language, catalogues: Sequence[polib.POFile | None], template_sizes: Sequence[int]
) -> Progress:
    """``lang``'s progress over its catalogues; a missing one counts as all untranslated."""
    messages = translated = fuzzy = 0
    for po, size in zip(catalogues, template_sizes, strict=True):
        if po is None:
            messages += size
            continue
        stats = catalogue_stats(lang.code, po)
        messages += stats.messages
        translated += stats.translated
        fuzzy += stats.fuzzy
    return Progress(lang, messages, translated, fuzzy)


def project_progress(config: Config, languages: Sequence[Language]) -> list[Progress]:
    """The progress of every language of the project, over all its catalogues."""
    sizes = []
    for domain in config.domains:
        pot = config.template_path_of(domain)
        sizes.append(len([e for e in read_catalogue(pot) if not e.obsolete]) if pot.exists() else 0)
    found = []
    for lang in languages:
        paths = [config.catalogue_path(lang.code, d) for d in config.domains]
        catalogues = [read_catalogue(p) if p.exists() else None for p in paths]
        found.append(progress(lang, catalogues, sizes))
    return found


def status_rows(
    found: Sequence[Progress], ui: Interface, published: Sequence[str]
) -> list[dict[str, object]]:
    """The status table's rows, numbers in ``ui``'s locale; published languages link."""
    number = _number(ui.locale)
    return [
        {
            "lang": p.lang,
            "href": f"../{p.lang.code}/index.html" if p.lang.code in published else "",
            "translated": number(p.translated),
            "fuzzy": number(p.fuzzy),
            "untranslated": number(p.untranslated),
            "percent": format_percent(p.fraction, locale=ui.locale),
        }
        for p in found
    ]


def chart(found: Sequence[Progress], ui: Interface) -> str:
    """The SVG chart: a stacked bar per language, labelled in ``ui``'s language.

    In a right-to-left language the chart is mirrored: names on the right, bars
    growing leftwards.
    """
    rtl = Locale.parse(ui.locale).text_direction == "rtl"
    gettext = ui.words.gettext
    number = _number(ui.locale)
    labels = {
        "translated": gettext("Translated"),
        "fuzzy": gettext("Needs review"),
        "untranslated": gettext("Untranslated"),
    }

    def x(left: float, width: float = 0) -> float:
        """A position measured from the start edge: from the right in a right-to-left chart."""
        return round(_WIDTH - left - width, 1) if rtl else round(left, 1)

    legend = [
        {
            "x": x(10 + 180 * i, 12),
            "text_x": x(10 + 180 * i + 18),
            "colour": _COLOURS[key],
            "label": labels[key],
        }
        for i, key in enumerate(_COLOURS)
    ]
    bars = []
    for row, p in enumerate(found):
        y = _TOP + row * _ROW
        start = 10 + _NAME_WIDTH
        parts = []
        for key, count in (
            ("translated", p.translated),
            ("fuzzy", p.fuzzy),
            ("untranslated", p.untranslated),
        ):
            width = _BAR_WIDTH * count / p.messages if p.messages else 0
            if width:
                parts.append(
                    {"x": x(start, width), "width": round(width, 1), "colour": _COLOURS[key]}
                )
            start += width
        summary = ", ".join(
            f"{labels[key]}: {number(n)}"
            for key, n in (
                ("translated", p.translated),
                ("fuzzy", p.fuzzy),
                ("untranslated", p.untranslated),
            )
        )
        bars.append(
            {
                "lang": p.lang,
                "y": y,
                "parts": parts,
                "percent": format_percent(p.fraction, locale=ui.locale),
                "summary": f"{p.lang.name}: {summary}",
            }
        )
    geometry = {
        "width": _WIDTH,
        "height": _TOP + _ROW * len(found) + 6,
        "anchor": "start",
        "name_x": x(10),
        "percent_x": x(10 + _NAME_WIDTH + _BAR_WIDTH + 10),
        "legend": legend,
        "bars": bars,
    }
    lang = Language(ui.locale, ui.locale.replace("_", "-"), "", "rtl" if rtl else "ltr")
    return ui.env.get_template("chart.svg").render(chart=geometry, lang=lang)


def _number(locale: str) -> Callable[[int], str]:
    return lambda n: format_decimal(n, locale=locale)


def chart_of_catalogues(source_code: str, found: Sequence[Stats]) -> str:
    """The chart for ``l10n stats --format svg``: a bar per locale, in the source's words."""
    from pipeline.document.site.interface import translations
    from pipeline.document.site.languages import language
    from pipeline.document.site.pages import interface

    totals: dict[str, list[int]] = {}
    for stats in found:
        total = totals.setdefault(stats.locale, [0, 0, 0])
        total[0] += stats.messages
        total[1] += stats.translated
        total[2] += stats.fuzzy
    try:
        bars = [Progress(language(code), *numbers) for code, numbers in totals.items()]
        source = language(source_code)
    except UserError as error:
        raise UserError(f"--format svg: {error}") from None
    return chart(bars, interface(source, translations(None), date.today(), source))
