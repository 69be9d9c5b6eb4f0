"""The per-language website: ``<output>/site/<lang>/index.html`` for English and each locale.

Pages are Jinja2 templates (``templates/``) whose interface words come from the site
catalogue. A status page per language with its chart, a language chooser, one
stylesheet (``site.css``, screen and print) and a sitemap with hreflang alternates
complete the site; :func:`build_site` writes it all.
"""

from pipeline.document.site.languages import Language, language
from pipeline.document.site.pages import (
    CHOOSER_SCRIPT,
    Interface,
    Page,
    chooser_page,
    interface,
    language_page,
    pages,
    print_page,
    sitemap,
    status_page,
)
from pipeline.document.site.publish import (
    STYLESHEET_TEXT,
    SiteReport,
    Skipped,
    build_site,
    normalised_site_url,
)
from pipeline.document.site.render import RenderedDocument, front_matter, render_document

__all__ = [
    "CHOOSER_SCRIPT",
    "STYLESHEET_TEXT",
    "Language",
    "Interface",
    "Page",
    "RenderedDocument",
    "SiteReport",
    "Skipped",
    "build_site",
    "chooser_page",
    "front_matter",
    "interface",
    "language",
    "language_page",
    "normalised_site_url",
    "pages",
    "print_page",
    "render_document",
    "sitemap",
    "status_page",
]
