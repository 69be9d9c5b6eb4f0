"""``l10n build``'s website: which languages are published, and every file written."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polib
from babel.numbers import format_percent

from pipeline.catalogue import catalogue_stats, read_catalogue, write_if_changed
from pipeline.config import Config
from pipeline.document.build import Rejected, segment_texts
from pipeline.document.segments import read_document
from pipeline.document.site.interface import translations
from pipeline.document.site.languages import Language, language
from pipeline.document.site.pages import (
    _ASSETS,
    HOME_PAGE,
    SITE_FOLDER,
    SITEMAP,
    STATUS,
    STATUS_PAGE,
    STYLESHEET,
    Interface,
    Page,
    chooser_page,
    interface,
    language_page,
    pages,
    sitemap,
    status_page,
)
from pipeline.document.site.render import _RESERVED, front_matter, render_document
from pipeline.document.site.status import chart, project_progress, status_rows
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


def publishable(
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

    ``locales`` limits which translated pages are rendered; the English pages, the
    chooser, the status pages, the chart, the stylesheet and the sitemap are always
    brought up to date. When the set of published languages differs from the last
    build's, every language is rendered, so that every page's menu and hreflang links
    follow a language that crossed the threshold, in either direction. Files whose
    content would not change are not touched, and pages of a language that fell below
    the threshold are removed.
    """
    site_url = normalised_site_url(site_url or config.site_url)
    folder = output / SITE_FOLDER
    site_pages = pages(config)
    texts = {page: read_document(page.source) for page in site_pages if page.source}
    for page, text in texts.items():
        reserved = _RESERVED.search(text)
        if reserved:
            line = text.count("\n", 0, reserved.start()) + 1
            raise UserError(
                f"{page.source}:{line}: U+{ord(reserved.group()):04X} is a private-use "
                "character the site renderer reserves; remove it from the source"
            )
    catalogues, skipped = publishable(config)
    source = language(config.source_language)
    languages = [source, *(language(code) for code in config.locales if code in catalogues)]
    published = [lang.code for lang in languages[1:]]
    record = output / PUBLISHED_RECORD
    previous = record.read_text(encoding="utf-8").split() if record.is_file() else None
    wanted = config.chosen_locales(locales if previous == published else None)
    report = SiteReport(skipped=skipped)
    files: dict[Path, str] = {folder / STYLESHEET: STYLESHEET_TEXT}
    front: dict[str, tuple[str, str]] = {}
    interfaces: dict[str, Interface] = {}
    for lang in languages:
        po, po_path = catalogues.get(lang.code, (None, None))
        rendered = lang.code == source.code or lang.code in wanted
        ui = interfaces[lang.code] = language_interface(config, lang, source)
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
            html_page = language_page(page, document, lang, languages, site_url, ui)
            files[folder / lang.code / page.name] = html_page
    files.update(_status_files(config, folder, languages, interfaces, site_url))
    files[folder / HOME_PAGE] = chooser_page(
        next(p for p in site_pages if p.name == HOME_PAGE), front, languages, site_url
    )
    files[folder / SITEMAP] = sitemap([*site_pages, STATUS], languages, site_url)
    for path, content in files.items():
        (report.written if write_if_changed(path, content) else report.unchanged).append(path)
    report.removed = _remove_unpublished(folder, [*site_pages, STATUS], skipped)
    write_if_changed(record, " ".join(published) + "\n")
    return report


# The languages the last build published, so the next one knows when the set changed.
PUBLISHED_RECORD = ".site-languages"
STATUS_CHART = "status.svg"


def language_interface(config: Config, lang: Language, source: Language) -> Interface:
    """``lang``'s interface: its site catalogue's words, and the date of its last change."""
    if lang.code == source.code:
        words = translations(None)
        inputs = [p for p in config.source_files()]
    else:
        path = config.catalogue_path(lang.code, config.site_domain)
        words = translations(read_catalogue(path) if path.exists() else None)
        inputs = [
            *config.source_files(),
            *(config.catalogue_path(lang.code, d) for d in config.domains),
        ]
    return interface(lang, words, last_change(config.root, inputs), source)


def _status_files(
    config: Config,
    folder: Path,
    languages: Sequence[Language],
    interfaces: dict[str, Interface],
    site_url: str,
) -> dict[Path, str]:
    """Every language's status page with its own chart, and the chart in the source language."""
    everyone = project_progress(config, [language(code) for code in config.locales])
    published = [lang.code for lang in languages]
    threshold = config.publish_threshold / 100
    files: dict[Path, str] = {}
    for lang in languages:
        ui = interfaces[lang.code]
        svg = chart(everyone, ui)
        rows = status_rows(everyone, ui, published)
        percent = format_percent(threshold, locale=ui.locale)
        files[folder / lang.code / STATUS_PAGE] = status_page(
            lang, languages, site_url, ui, rows, svg, percent
        )
        if lang == languages[0]:
            files[folder / STATUS_CHART] = svg
    return files


def last_change(root: Path, paths: Sequence[Path]) -> date:
    """The day ``paths`` last changed: their last commit, or the file's time if uncommitted.

    Git's dates, not the files' times, where they can be had: a fresh clone gives
    every file the time of the clone.
    """
    days: list[date] = []
    committed: set[Path] = set()
    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain", "--", *map(str, paths)],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        if listed.stdout.strip() == "":
            log = subprocess.run(
                ["git", "log", "-1", "--format=%cs", "--", *map(str, paths)],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=30,
                check=True,
            )
            if log.stdout.strip():
                days.append(date.fromisoformat(log.stdout.strip()))
                committed = set(paths)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    for path in paths:
        if path not in committed and path.exists():
            days.append(datetime.fromtimestamp(path.stat().st_mtime, UTC).date())
    return max(days, default=date(1970, 1, 1))


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
