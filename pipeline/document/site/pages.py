"""Whole pages: a language's pages, its status page, the language chooser and the sitemap.

The HTML comes from the Jinja2 templates in ``templates/``; this module gathers what
each template is given. Every page but the chooser speaks its own language through
an :class:`Interface`.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment
from markupsafe import Markup

from pipeline.config import Config
from pipeline.document.site.interface import css_string, environment
from pipeline.document.site.languages import Language
from pipeline.document.site.render import RenderedDocument, _isolated

SITE_FOLDER = "site"
STYLESHEET = "site.css"
_ASSETS = Path(__file__).parent
SITEMAP = "sitemap.xml"
HOME_PAGE = "index.html"
STATUS_PAGE = "status.html"

_GLOBE = Markup(
    '<svg class="globe" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"'
    ' focusable="false"><circle cx="12" cy="12" r="10"/>'
    '<path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20"/></svg>'
)
# Where the print layout's page numbers go in the translated "Page … of …".
_PAGE_MARK, _PAGES_MARK = "\ue010", "\ue011"


# -- pages -----------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page's place on the site: ``index.html``, ``<stem>.html`` or the status page."""

    source: Path | None
    name: str

    def url(self, site_url: str, lang: Language) -> str:
        """The page's public address: a folder URL for the home page."""
        return site_url + lang.code + "/" + ("" if self.name == HOME_PAGE else self.name)


STATUS = Page(None, STATUS_PAGE)


def pages(config: Config) -> list[Page]:
    """The site's pages: the document named like the domain (or the first) is the home page."""
    sources = config.source_files()
    home = next((p for p in sources if p.stem == config.domain), sources[0])
    return [Page(p, HOME_PAGE if p == home else f"{p.stem}.html") for p in sources]


@dataclass(frozen=True)
class Interface:
    """A language's interface words (its site catalogue) and the facts its pages show."""

    env: Environment
    words: gettext.NullTranslations
    updated: date
    """The date of the last change to the page's sources or catalogues."""
    source_name: str
    """The source language's name as this language writes it in running text."""
    locale: str

    @property
    def updated_text(self) -> str:
        return format_date(self.updated, format="long", locale=self.locale)


def interface(
    lang: Language,
    words: gettext.NullTranslations,
    updated: date,
    source: Language,
) -> Interface:
    """The :class:`Interface` of ``lang``: its words, and names and dates in its CLDR form."""
    locale = Locale.parse(lang.code)
    source_locale = Locale.parse(source.code)
    name = locale.languages.get(str(source_locale)) or locale.languages.get(
        source_locale.language, source.name
    )
    return Interface(environment(words), words, updated, name, lang.code)


def _head_links(page: Page, languages: Sequence[Language], site_url: str, own: str) -> list[dict]:
    """Canonical and hreflang links: every published language, and x-default."""
    default = site_url if page.name == HOME_PAGE else page.url(site_url, languages[0])
    links = [{"rel": "canonical", "hreflang": "", "href": own}]
    links += [
        {"rel": "alternate", "hreflang": lang.tag, "href": page.url(site_url, lang)}
        for lang in languages
    ]
    links.append({"rel": "alternate", "hreflang": "x-default", "href": default})
    return links


def _menu(page: Page, languages: Sequence[Language], current: Language) -> list[dict]:
    """Links to this page in every published language, each named in its own language."""
    return [
        {"lang": lang, "href": f"../{lang.code}/{page.name}", "current": lang == current}
        for lang in languages
    ]


def _common(
    page: Page, current: Language, languages: Sequence[Language], site_url: str, ui: Interface
) -> dict[str, object]:
    return {
        "lang": current,
        "head_links": _head_links(page, languages, site_url, page.url(site_url, current)),
        "stylesheet": f"../{STYLESHEET}",
        "globe": _GLOBE,
        "menu": _menu(page, languages, current),
        "updated": ui.updated_text,
        "status_href": STATUS_PAGE,
        "source_name": ui.source_name,
    }


def language_page(
    page: Page,
    document: RenderedDocument,
    current: Language,
    languages: Sequence[Language],
    site_url: str,
    ui: Interface | None = None,
) -> str:
    """One document in one language as a complete HTML page."""
    ui = ui or interface(current, gettext.NullTranslations(), date.today(), languages[0])
    return ui.env.get_template("page.html").render(
        _common(page, current, languages, site_url, ui),
        title=document.title,
        description=document.description,
        document=_trusted(document),
    )


def status_page(
    current: Language,
    languages: Sequence[Language],
    site_url: str,
    ui: Interface,
    rows: Sequence[dict[str, object]],
    chart: str,
    threshold: str,
) -> str:
    """The translation status in ``current``'s words: the chart, then the table."""
    title = ui.words.gettext("Translation status")
    return ui.env.get_template("status.html").render(
        _common(STATUS, current, languages, site_url, ui),
        title=title,
        description=title,
        chart=Markup(chart),
        rows=rows,
        unpublished=any(not row["href"] for row in rows),
        threshold=threshold,
    )


def print_page(
    documents: Sequence[RenderedDocument], current: Language, ui: Interface, stylesheet: str
) -> str:
    """The print layout of a language: every document, a running title and page numbers."""
    return ui.env.get_template("print.html").render(
        lang=current,
        title=documents[0].title,
        documents=[_trusted(d) for d in documents],
        fell_back=any(d.fell_back for d in documents),
        source_name=ui.source_name,
        updated=ui.updated_text,
        stylesheet=Markup(stylesheet),
        page_mark=_PAGE_MARK,
        pages_mark=_PAGES_MARK,
        page_numbers=_page_numbers,
    )


def _page_numbers(label: str) -> Markup:
    """A translated "Page %(page)s of %(pages)s" as CSS content with page counters."""
    parts: list[str] = []
    text = str(label)
    while text:
        cut = min(
            (i for i in (text.find(_PAGE_MARK), text.find(_PAGES_MARK)) if i >= 0), default=-1
        )
        if cut < 0:
            parts.append(css_string(text))
            break
        if cut:
            parts.append(css_string(text[:cut]))
        parts.append("counter(page)" if text[cut] == _PAGE_MARK else "counter(pages)")
        text = text[cut + 1 :]
    return Markup(" ".join(parts) or '""')


def _trusted(document: RenderedDocument) -> RenderedDocument:
    """The document with its rendered HTML marked safe: render_document escaped it already."""
    return RenderedDocument(
        title=document.title,
        description=document.description,
        intro=Markup(document.intro),
        rest=Markup(document.rest),
        headings=tuple(type(h)(h.level, h.anchor, Markup(h.label)) for h in document.headings),
        fell_back=document.fell_back,
    )


# The chooser's script: the first of the reader's languages that the site has wins.
# A tag matches a page of the same language unless CLDR says it implies another
# script (zh-TW is Traditional, so it must not land on zh-Hans).
CHOOSER_SCRIPT = (_ASSETS / "chooser.js").read_text(encoding="utf-8")


def chooser_page(
    page: Page,
    front: dict[str, tuple[str, str]],
    languages: Sequence[Language],
    site_url: str,
) -> str:
    """``site/index.html``: sends the reader to their language, or lists every language.

    ``front`` holds each language's (title, description); each entry shows its title.
    """
    source = languages[0]
    choices = [
        {
            "lang": lang,
            "href": f"{lang.code}/{page.name}",
            "title": Markup(_isolated(front[lang.code][0], lang)),
        }
        for lang in languages
    ]
    return (
        environment(gettext.NullTranslations())
        .get_template("chooser.html")
        .render(
            lang=source,
            title=front[source.code][0],
            description=front[source.code][1],
            head_links=_head_links(page, languages, site_url, site_url),
            stylesheet=STYLESHEET,
            globe=_GLOBE,
            choices=choices,
            script=Markup(CHOOSER_SCRIPT),
        )
    )


def sitemap(site_pages: Sequence[Page], languages: Sequence[Language], site_url: str) -> str:
    """``sitemap.xml``: every page in every language, each listing all its alternates."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in site_pages:
        default = site_url if page.name == HOME_PAGE else page.url(site_url, languages[0])
        alternates = [
            f'<xhtml:link rel="alternate" hreflang="{lang.tag}"'
            f' href="{_e(page.url(site_url, lang))}"/>'
            for lang in languages
        ]
        alternates.append(
            f'<xhtml:link rel="alternate" hreflang="x-default" href="{_e(default)}"/>'
        )
        for lang in languages:
            lines += ["<url>", f"<loc>{_e(page.url(site_url, lang))}</loc>", *alternates, "</url>"]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _e(text: str) -> str:
    return str(Markup.escape(text))
