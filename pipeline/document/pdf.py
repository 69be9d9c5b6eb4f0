"""A PDF per language, ``<output>/<lang>/<domain>.pdf``, for clinics to print and hand out.

The content is the site's: the same rendered documents, with untranslated segments
marked the same way, laid out by the ``print.html`` template (A4, the title in the
running header, "Page 2 of 5" in the reader's language). Headless Chromium prints
it: the tests need Chromium already, its text shaping is the browser's own (Arabic
joined and right to left, Chinese broken by the CJK line-breaking rules), and it
embeds every font it uses.

Next to each PDF, ``<domain>.print.html`` is the page it was printed from; a PDF is
printed again only when that page changed or the PDF is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.catalogue import write_if_changed
from pipeline.config import Config
from pipeline.document.build import segment_texts
from pipeline.document.segments import read_document
from pipeline.document.site import language, print_page, render_document
from pipeline.document.site.pages import pages
from pipeline.document.site.publish import STYLESHEET_TEXT, language_interface, publishable
from pipeline.errors import UserError

ENGINE_VARIABLE = "L10N_CHROMIUM"
_ENGINES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# As root, Chromium needs --no-sandbox; the other flags keep it off the network.
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=10000",
)


def find_engine() -> str | None:
    """The Chromium to print with: $L10N_CHROMIUM, else the first one on PATH."""
    named = os.environ.get(ENGINE_VARIABLE)
    if named:
        return named if Path(named).is_file() else None
    return next((found for name in _ENGINES if (found := shutil.which(name))), None)


@dataclass
class PdfReport:
    """What one PDF build did."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def build_pdfs(
    config: Config, output: Path, engine: str, locales: Sequence[str] | None = None
) -> PdfReport:
    """Print the source language and every published locale (or those of ``locales``)."""
    wanted = config.chosen_locales(locales)
    catalogues, skipped = publishable(config)
    source = language(config.source_language)
    codes = [source.code, *(c for c in config.locales if c in catalogues and c in wanted)]
    site_pages = pages(config)
    texts = [read_document(page.source) for page in site_pages if page.source]
    report = PdfReport()
    to_print: list[tuple[Path, Path]] = []
    for code in codes:
        lang = language(code)
        po, po_path = catalogues.get(code, (None, None))
        documents = []
        for text in texts:
            shown, _ = segment_texts(text, po, po_path)
            documents.append(render_document(text, shown, lang, source))
        ui = language_interface(config, lang, source)
        page = print_page(documents, lang, ui, STYLESHEET_TEXT)
        folder = output / code
        html_path = folder / f"{config.domain}.print.html"
        pdf_path = folder / f"{config.domain}.pdf"
        if write_if_changed(html_path, page) or not pdf_path.is_file():
            to_print.append((html_path, pdf_path))
        else:
            report.unchanged.append(pdf_path)
    with ThreadPoolExecutor(max_workers=max(1, min(2, len(to_print)))) as pool:
        for pdf_path in pool.map(lambda job: _print(engine, *job), to_print):
            report.written.append(pdf_path)
    for gone in skipped:
        for stale in (output / gone.locale).glob(f"{config.domain}.p*"):
            if stale.suffix in (".pdf", ".html"):
                stale.unlink()
                report.removed.append(stale)
    return report


def _print(engine: str, html_path: Path, pdf_path: Path) -> Path:
    """Print ``html_path`` to ``pdf_path`` whole: written beside it, then moved into place."""
    with tempfile.TemporaryDirectory(prefix="l10n-pdf-") as scratch:
        partial = Path(scratch) / "out.pdf"
        command = [
            engine,
            *_FLAGS,
            f"--user-data-dir={Path(scratch) / 'profile'}",
            f"--print-to-pdf={partial}",
            html_path.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=180)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise UserError(f"{pdf_path}: {engine} could not print: {error}") from None
        if not partial.is_file() or partial.read_bytes()[:5] != b"%PDF-":
            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise UserError(f"{pdf_path}: {engine} printed no PDF: {' '.join(tail)}")
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(partial, pdf_path.with_suffix(".pdf.partial"))
        os.replace(pdf_path.with_suffix(".pdf.partial"), pdf_path)
    return pdf_path
