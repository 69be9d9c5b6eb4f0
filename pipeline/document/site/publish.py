"""``l10n build``'s website: which languages are published, and every file written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline.catalogue import catalogue_stats, read_catalogue, write_if_changed
from pipeline.config import Config
from pipeline.document.build import Rejected, segment_texts
from pipeline.document.segments import read_document
from pipeline.document.site.languages import language
from pipeline.document.site.pages import (
    _ASSETS,
    HOME_PAGE,
    SITE_FOLDER,
    SITEMAP,
    STYLESHEET,
    Page,
    chooser_page,
    language_page,
    pages,
    sitemap,
)
from pipeline.document.site.render import _RESERVED, front_matter, render_document
from pipeline.errors import UserError


@dataclass(frozen=True)
class Skipped:
    """A locale left off the site because too little of it is translated."""

    locale: str
    percent: float
    threshold: float

    def __str__(self) -> str:
        return (
            f"{self.locale}: not published: {self.percent:g}% translated, "
            f"below the publish threshold of {self.threshold:g}%"
        )


@dataclass
class SiteReport:
    """What one site build did: files written and left alone, and languages left out."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    """Pages of a language that is no longer published, deleted so nobody deploys them."""
    rejected: list[Rejected] = field(default_factory=list)
    """Translations refused for breaking their segment (the English text is shown)."""


# -- the stylesheet (site.css) --------------------------------------------------------

# Logical properties only (inline/block, start/end), so one file lays out both
# directions. The font stacks name each platform's own fonts for Latin, Cyrillic,
# Arabic and Simplified Chinese, so nothing is downloaded and nothing shows as tofu.
STYLESHEET_TEXT = (_ASSETS / "site.css").read_text(encoding="utf-8")


# -- building the site -----------------------------------------------------


def normalised_site_url(url: str) -> str:
    """``url`` as a base that page paths are appended to: with a trailing slash."""
    return url if url.endswith("/") else url + "/"


def _catalogues(
    config: Config,
) -> tuple[dict[str, tuple[polib.POFile, Path]], list[Skipped]]:
    """The catalogues of the publishable locales, and the locales that fall short."""
    found: dict[str, tuple[polib.POFile, Path]] = {}
    skipped: list[Skipped] = []
    for code in config.locales:
        path = config.catalogue_path(code)
        po = read_catalogue(path) if path.exists() else None
        percent = catalogue_stats(code, po).percent if po is not None else 0.0
        if po is None or percent < config.publish_threshold:
            skipped.append(Skipped(code, percent, config.publish_threshold))
        else:
            found[code] = (po, path)
    return found, skipped


def build_site(
    config: Config,
    output: Path,
    locales: Sequence[str] | None = None,
    site_url: str | None = None,
) -> SiteReport:
    """Write the website under ``output/site``; return what was written, kept and left out.

    ``locales`` limits which translated pages are rendered (the English page, the
    chooser, the stylesheet and the sitemap are always brought up to date). Every
    page's language switcher, hreflang links and the sitemap list all published
    languages whichever are rendered. Files whose content would not change are not
    touched, and pages of a language that fell below the threshold are removed.
    """
    site_url = normalised_site_url(site_url or config.site_url)
    wanted = config.chosen_locales(locales)
    folder = output / SITE_FOLDER
    site_pages = pages(config)
    texts = {page: read_document(page.source) for page in site_pages}
    for page, text in texts.items():
        reserved = _RESERVED.search(text)
        if reserved:
            line = text.count("\n", 0, reserved.start()) + 1
            raise UserError(
                f"{page.source}:{line}: U+{ord(reserved.group()):04X} is a private-use "
                "character the site renderer reserves; remove it from the source"
            )
    catalogues, skipped = _catalogues(config)
    source = language(config.source_language)
    languages = [source, *(language(code) for code in config.locales if code in catalogues)]
    report = SiteReport(skipped=skipped)
    files: dict[Path, str] = {folder / STYLESHEET: STYLESHEET_TEXT}
    front: dict[str, tuple[str, str]] = {}
    for lang in languages:
        po, po_path = catalogues.get(lang.code, (None, None))
        rendered = lang.code == source.code or lang.code in wanted
        for page in site_pages:
            if not rendered and page.name != HOME_PAGE:
                continue  # of a language not rendered, only the chooser's title is needed
            shown, rejected = segment_texts(texts[page], po, po_path)
            if page.name == HOME_PAGE:
                front[lang.code] = front_matter(shown)
            if not rendered:
                continue
            report.rejected.extend(rejected)
            document = render_document(texts[page], shown, lang, source)
            html_page = language_page(page, document, lang, languages, site_url)
            files[folder / lang.code / page.name] = html_page
    files[folder / HOME_PAGE] = chooser_page(
        next(p for p in site_pages if p.name == HOME_PAGE), front, languages, site_url
    )
    files[folder / SITEMAP] = sitemap(site_pages, languages, site_url)
    for path, content in files.items():
        (report.written if write_if_changed(path, content) else report.unchanged).append(path)
    report.removed = _remove_unpublished(folder, site_pages, skipped)
    return report


def _remove_unpublished(
    folder: Path, site_pages: Sequence[Page], skipped: Sequence[Skipped]
) -> list[Path]:
    """Delete the pages a previous build wrote for languages that are no longer published."""
    removed: list[Path] = []
    for locale in skipped:
        for page in site_pages:
            stale = folder / locale.locale / page.name
            if stale.is_file():
                _remove(stale, stale.unlink)
                removed.append(stale)
        with_nothing_left = folder / locale.locale
        if with_nothing_left.is_dir() and not any(with_nothing_left.iterdir()):
            _remove(with_nothing_left, with_nothing_left.rmdir)
    return removed


def _remove(path: Path, remove: Callable[[], None]) -> None:
    try:
        remove()
    except OSError as exc:
        raise UserError(f"{path}: cannot remove: {exc.strerror}") from None
