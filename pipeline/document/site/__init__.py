"""The per-language website: ``<output>/site/<lang>/index.html`` for English and each locale.

A language chooser, one stylesheet (``site.css``, screen and print) and a sitemap
with hreflang alternates complete the site; :func:`build_site` writes it all.
"""

from pipeline.document.site.languages import Language, language
from pipeline.document.site.pages import (
    CHOOSER_SCRIPT,
    Page,
    chooser_page,
    language_page,
    pages,
    sitemap,
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
    "Page",
    "RenderedDocument",
    "SiteReport",
    "Skipped",
    "build_site",
    "chooser_page",
    "front_matter",
    "language",
    "language_page",
    "normalised_site_url",
    "pages",
    "render_document",
    "sitemap",
]
