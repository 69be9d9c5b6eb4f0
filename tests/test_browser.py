"""The built website in a real browser: headless Chromium, driven by Playwright.

The site is built from a copy of the project whose Arabic catalogue has one entry
emptied, so a fallback segment exists, and served from 127.0.0.1. One browser run
(tests/browser/check_site.mjs) measures everything; the tests below assert on it.
Chromium and Node's playwright-core are required: without them the tests fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pipeline.catalogue import read_catalogue
from pipeline.config import load_config
from pipeline.document.site import build_site
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
HELPER = ROOT / "tests" / "browser" / "check_site.mjs"
SCREENSHOTS = ROOT / "build" / "screenshots"
SHOT_LANGUAGES = ("en", "ar", "zh_Hans")
# An Arabic entry emptied in the test's copy: the page must show it in English, marked.
FALLBACK = "However, as with any skin-penetrating procedure, safety is the primary concern."


def _require_tools() -> str:
    """The node executable; fail (never skip) when the browser stack is missing."""
    node = shutil.which("node")
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: apt-get install chromium chromium-driver")
    if node is None:
        pytest.fail("node not found: install Node.js (apt-get install nodejs npm)")
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        pytest.fail("playwright-core not installed: run `npm ci` in the repository root")
    return node


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from a copy of the project with one Arabic translation removed."""
    project = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(ROOT / "source", project / "source")
    shutil.copytree(ROOT / "locales", project / "locales", ignore=shutil.ignore_patterns("*.mo"))
    po_path = project / "locales" / "ar" / "LC_MESSAGES" / "safety-guide.po"
    po = read_catalogue(po_path)
    entry = po.find(FALLBACK)
    assert entry is not None, "the fallback text is no longer in the guide"
    entry.msgstr = ""
    po.save(str(po_path))
    report = build_site(load_config(project), project / "build")
    assert not report.skipped
    return project / "build" / "site"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the base class names it so
        """Say nothing: a line per request would bury pytest's output."""


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site over HTTP on 127.0.0.1 and a free port, for as long as the module runs."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def seen(server: str, site: Path) -> dict[str, Any]:
    """What the browser saw: one run of the Playwright helper over the whole site."""
    node = _require_tools()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    spec = {
        "chromium": str(CHROMIUM),
        "base": server,
        "pages": sorted(p.parent.name for p in site.glob("*/index.html")),
        "screenshots": {code: str(SCREENSHOTS / f"{code}.png") for code in SHOT_LANGUAGES},
        "findText": FALLBACK,
        "chooser": ["fr-FR", "ar-EG", "zh-CN", "zh-TW", "en-GB", "ja-JP"],
    }
    result = subprocess.run(
        [node, str(HELPER), json.dumps(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(f"the browser run failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout)


def test_every_language_page_loads(seen: dict[str, Any]) -> None:
    assert sorted(seen["pages"]) == sorted(["en", "ar", "de", "es", "fr", "ru", "zh_Hans"])
    for code, page in seen["pages"].items():
        assert page["status"] == 200, code
        assert page["stylesheets"] == 1, code


def test_arabic_is_right_to_left_and_its_heading_right_aligned(seen: dict[str, Any]) -> None:
    arabic, english = seen["pages"]["ar"], seen["pages"]["en"]
    assert (arabic["lang"], arabic["dir"]) == ("ar", "rtl")
    assert arabic["direction"] == arabic["bodyDirection"] == "rtl"
    h1 = arabic["h1"]
    assert h1["direction"] == "rtl"
    assert h1["textAlign"] in ("right", "start")
    # The last line ends flush with the heading's right edge and leaves room on its
    # left; the English heading's mirrors it.
    assert abs(h1["lastLine"]["right"] - h1["box"]["right"]) <= 1
    assert h1["lastLine"]["left"] > h1["box"]["left"] + 20
    assert abs(english["h1"]["lastLine"]["left"] - english["h1"]["box"]["left"]) <= 1
    assert english["h1"]["lastLine"]["right"] < english["h1"]["box"]["right"] - 20
    assert english["direction"] == "ltr"


def test_number_ranges_read_left_to_right_in_arabic(seen: dict[str, Any]) -> None:
    ranges = seen["pages"]["ar"]["ranges"]
    assert {r["text"] for r in ranges} >= {"24–72", "24–48", "3–5"}
    for shown in ranges:
        assert shown["first"] < shown["last"], shown


def test_pages_of_left_to_right_languages(seen: dict[str, Any]) -> None:
    for code in ("en", "de", "es", "fr", "ru", "zh_Hans"):
        assert seen["pages"][code]["direction"] == "ltr", code
    assert seen["pages"]["zh_Hans"]["lang"] == "zh-Hans"


def test_every_switcher_link_resolves(seen: dict[str, Any]) -> None:
    pages = seen["pages"]
    assert len(seen["links"]) == len(pages)
    for href, status in seen["links"].items():
        assert status == 200, href
    for code, page in pages.items():
        current = [link for link in page["switcher"] if link["current"] == "page"]
        assert len(current) == 1, code
        assert urlsplit(current[0]["href"]).path == f"/{code}/index.html"


def test_contents_links_reach_their_sections(seen: dict[str, Any]) -> None:
    anchors = None
    for code, page in seen["pages"].items():
        assert page["toc"], code
        assert all(entry["exists"] for entry in page["toc"]), code
        mine = [entry["anchor"] for entry in page["toc"]]
        assert anchors in (None, mine), code
        anchors = mine
    assert "aftercare-tips-for-better-results" in anchors


def test_fallback_segments_are_marked_english(seen: dict[str, Any]) -> None:
    arabic = seen["pages"]["ar"]
    assert arabic["found"] == {"lang": "en", "dir": "ltr", "direction": "ltr", "tag": "span"}
    assert {"lang": "en", "dir": "ltr", "direction": "ltr"} in arabic["fallbacks"]
    assert seen["pages"]["en"]["fallbacks"] == []
    assert seen["pages"]["fr"]["found"] is None


def test_nothing_is_requested_outside_loopback(seen: dict[str, Any]) -> None:
    assert seen["outside"] == []
    assert seen["requests"], "the route recorded no request at all"
    assert {urlsplit(url).hostname for url in seen["requests"]} == {"127.0.0.1"}
    assert any(url.endswith("/site.css") for url in seen["requests"])


def test_chooser_follows_the_browser_language(seen: dict[str, Any]) -> None:
    assert seen["chooser"] == {
        "fr-FR": "/fr/index.html",
        "ar-EG": "/ar/index.html",
        "zh-CN": "/zh_Hans/index.html",
        "zh-TW": "/",  # Traditional Chinese is not Simplified: let the reader choose
        "en-GB": "/en/index.html",
        "ja-JP": "/",
    }


def test_chooser_without_javascript_lists_every_language(seen: dict[str, Any]) -> None:
    plain = seen["chooserNoScript"]
    assert plain["path"] == "/"
    assert sorted(plain["links"]) == sorted(f"{code}/index.html" for code in seen["pages"])


def test_screenshots_are_saved(seen: dict[str, Any]) -> None:
    for code in SHOT_LANGUAGES:
        shot = SCREENSHOTS / f"{code}.png"
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot


@pytest.mark.parametrize(
    ("lang", "package"), [("ar", "fonts-noto-core"), ("zh-cn", "fonts-noto-cjk")]
)
def test_the_machine_has_fonts_for_the_screenshots(lang: str, package: str) -> None:
    """Without a font for the script, the screenshots show empty boxes where text should be."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.fail("fc-list not found: apt-get install fontconfig")
    families = subprocess.run(
        [fc_list, f":lang={lang}", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto" in families, f"no Noto font for {lang}: apt-get install {package}"
