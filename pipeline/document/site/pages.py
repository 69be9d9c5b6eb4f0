"""Whole pages: a language's page, the language chooser and the sitemap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Config
from pipeline.document.site.languages import Language
from pipeline.document.site.render import RenderedDocument, _e, _isolated

SITE_FOLDER = "site"
STYLESHEET = "site.css"
_ASSETS = Path(__file__).parent
SITEMAP = "sitemap.xml"
HOME_PAGE = "index.html"


# -- pages -----------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One source document's place on the site: ``index.html`` or ``<stem>.html``."""

    source: Path
    name: str

    def url(self, site_url: str, lang: Language) -> str:
        """The page's public address: a folder URL for the home page."""
        return site_url + lang.code + "/" + ("" if self.name == HOME_PAGE else self.name)


def pages(config: Config) -> list[Page]:
    """The site's pages: the document named like the domain (or the first) is the home page."""
    sources = config.source_files()
    home = next((p for p in sources if p.stem == config.domain), sources[0])
    return [Page(p, HOME_PAGE if p == home else f"{p.stem}.html") for p in sources]


def _head_links(page: Page, languages: Sequence[Language], site_url: str, own: str) -> list[str]:
    """Canonical and hreflang links: every published language, and x-default."""
    default = site_url if page.name == HOME_PAGE else page.url(site_url, languages[0])
    lines = [f'<link rel="canonical" href="{_e(own)}">']
    for lang in languages:
        lines.append(
            f'<link rel="alternate" hreflang="{lang.tag}" href="{_e(page.url(site_url, lang))}">'
        )
    lines.append(f'<link rel="alternate" hreflang="x-default" href="{_e(default)}">')
    return lines


# Without an icon link, browsers ask the server for /favicon.ico and log a 404.
_NO_FAVICON = '<link rel="icon" href="data:,">'

_GLOBE = (
    '<svg class="globe" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"'
    ' focusable="false"><circle cx="12" cy="12" r="10"/>'
    '<path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20"/></svg>'
)


def _switcher(page: Page, languages: Sequence[Language], current: Language) -> str:
    """Links to this page in every published language, each named in its own language."""
    items = []
    for lang in languages:
        marker = ' aria-current="page"' if lang == current else ""
        items.append(
            f'<li><a href="../{lang.code}/{page.name}" hreflang="{lang.tag}" lang="{lang.tag}"'
            f' dir="{lang.direction}"{marker}>{_e(lang.name)}</a></li>\n'
        )
    return f'<nav class="languages">\n{_GLOBE}\n<ul>\n{"".join(items)}</ul>\n</nav>\n'


def language_page(
    page: Page,
    document: RenderedDocument,
    current: Language,
    languages: Sequence[Language],
    site_url: str,
) -> str:
    """One document in one language as a complete HTML page."""
    head = [
        "<!doctype html>",
        f'<html lang="{current.tag}" dir="{current.direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        _NO_FAVICON,
        f"<title>{_e(document.title)}</title>",
        f'<meta name="description" content="{_e(document.description)}">',
        *_head_links(page, languages, site_url, page.url(site_url, current)),
        f'<link rel="stylesheet" href="../{STYLESHEET}">',
        "</head>",
        "<body>",
        '<header class="site-header">',
    ]
    return (
        "\n".join(head)
        + "\n"
        + _switcher(page, languages, current)
        + "</header>\n<main>\n<article>\n"
        + document.body
        + "</article>\n</main>\n</body>\n</html>\n"
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
    items = []
    for lang in languages:
        excluded = (
            f' data-not="{" ".join(lang.other_script_tags)}"' if lang.other_script_tags else ""
        )
        items.append(
            f'<li lang="{lang.tag}" dir="{lang.direction}">'
            f'<a href="{lang.code}/{page.name}" hreflang="{lang.tag}"{excluded}>'
            f'<span class="chooser-name">{_e(lang.name)}</span>'
            f'<span class="chooser-title">{_isolated(front[lang.code][0], lang)}</span>'
            "</a></li>\n"
        )
    head = [
        "<!doctype html>",
        f'<html lang="{source.tag}" dir="{source.direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        _NO_FAVICON,
        f"<title>{_e(front[source.code][0])}</title>",
        f'<meta name="description" content="{_e(front[source.code][1])}">',
        *_head_links(page, languages, site_url, site_url),
        f'<link rel="stylesheet" href="{STYLESHEET}">',
        "</head>",
        '<body class="chooser">',
    ]
    return (
        "\n".join(head)
        + "\n<main>\n"
        + _GLOBE
        + '\n<ul class="chooser-list">\n'
        + "".join(items)
        + "</ul>\n</main>\n<script>\n"
        + CHOOSER_SCRIPT
        + "</script>\n</body>\n</html>\n"
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
