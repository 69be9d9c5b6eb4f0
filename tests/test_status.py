"""Translation status: the chart, the status pages, `l10n stats --format svg`, and publishing."""

from __future__ import annotations

import gettext
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import polib
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.document.site import build_site, interface, language
from pipeline.document.site.status import Progress, chart
from tests.conftest import ROOT
from tests.test_site import CODES, TAGS, Page, copy_project, page

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg: str) -> list[ET.Element]:
    return ET.fromstring(svg).findall(f"{SVG}g")


def _ui(code: str, words: gettext.NullTranslations | None = None):  # noqa: ANN202
    lang = language(code)
    return interface(lang, words or gettext.NullTranslations(), date(2026, 1, 1), language("en"))


def test_the_chart_has_a_stacked_bar_per_language_with_babel_numbers() -> None:
    found = [
        Progress(language("de"), messages=2000, translated=1234, fuzzy=266),
        Progress(language("fr"), messages=1000, translated=999, fuzzy=0),
    ]
    german = chart(found, _ui("de"))
    bars = _bars(german)
    assert len(bars) == 2
    widths = [[float(r.get("width")) for r in bar.findall(f"{SVG}rect")] for bar in bars]
    assert [round(sum(w), 1) for w in widths] == [330.0, 330.0]
    assert widths[0] == [203.6, 43.9, 82.5]  # 1234, 266 and 500 of 2000
    summary = bars[0].find(f"{SVG}title").text
    assert summary == "Deutsch: Translated: 1.234, Needs review: 266, Untranslated: 500"
    percents = [bar.findall(f"{SVG}text")[-1].text for bar in bars]
    assert percents == ["61\xa0%", "99\xa0%"]  # rounded down: 100 % only when all is done
    french = chart(found, _ui("fr"))
    assert "Translated: 1\u202f234" in french  # French groups with a narrow no-break space


def test_the_chart_speaks_the_pages_language_and_mirrors_right_to_left() -> None:
    root = Path(__file__).resolve().parent.parent
    po = polib.pofile(str(root / "locales" / "ar" / "LC_MESSAGES" / "site.po"))
    from pipeline.document.site.interface import translations

    found = [Progress(language("de"), 10, 5, 0)]
    arabic = chart(found, _ui("ar", translations(po)))
    svg = ET.fromstring(arabic)
    assert svg.get("direction") == "rtl"
    assert svg.find(f"{SVG}title").text == "حالة الترجمة"
    assert [t.text for t in svg.findall(f"{SVG}text")][:3] == [
        "مترجمة",
        "بحاجة إلى مراجعة",
        "غير مترجمة",
    ]
    left_to_right = _bars(chart(found, _ui("de")))[0].find(f"{SVG}rect")
    right_to_left = _bars(arabic)[0].find(f"{SVG}rect")
    # The translated part starts at the start edge: the left in German, the right in Arabic.
    assert float(left_to_right.get("x")) == 160
    assert float(right_to_left.get("x")) + float(right_to_left.get("width")) == 600 - 160


def test_stats_writes_the_chart_as_a_self_contained_svg() -> None:
    result = CliRunner().invoke(
        cli, ["--config", str(ROOT / "pyproject.toml"), "stats", "--format", "svg"]
    )
    assert result.exit_code == 0, result.output
    svg = ET.fromstring(result.output)
    assert svg.tag == f"{SVG}svg" and svg.get("width") and svg.get("viewBox")
    names = [bar.findall(f"{SVG}text")[0].text for bar in svg.findall(f"{SVG}g")]
    assert names == ["العربية", "Deutsch", "Español", "Français", "Русский", "简体中文"]
    for element in svg.iter():
        assert element.tag.split("}")[1] not in ("script", "style", "image", "a", "foreignObject")
        assert not any("href" in name for name in element.attrib)


def test_every_language_has_a_status_page_in_its_words(tmp_path: Path) -> None:
    def unfinished(root: Path) -> None:
        path = root / "locales" / "ru" / "LC_MESSAGES" / "safety-guide.po"
        po = polib.pofile(str(path))
        for entry in list(po)[:40]:
            entry.msgstr = ""
        po.save(str(path))

    config = copy_project(tmp_path / "p", unfinished)
    build_site(config, tmp_path / "out")
    site = tmp_path / "out" / "site"
    for code in CODES:
        if code == "ru":
            assert not (site / code / "status.html").exists()
            continue
        status = Page((site / code / "status.html").read_text(encoding="utf-8"))
        rows = [
            attrs for tag, attrs in status.elements if tag == "th" and attrs.get("scope") == "row"
        ]
        assert [r["lang"] for r in rows] == [t for t in TAGS[1:]], code
    german = (site / "de" / "status.html").read_text(encoding="utf-8")
    assert "<h1>Stand der Übersetzung</h1>" in german
    assert '<a href="../fr/index.html">Français</a>' in german
    assert ">Русский</th>" in german  # not published: no link
    assert "sobald mindestens 80\xa0% davon übersetzt sind" in german
    assert "<td>45</td>" in german  # Russian: 71 − 40 of the guide, and all 14 of the site
    assert (site / "status.svg").read_text(encoding="utf-8").startswith("<svg")


def _published_everywhere(site: Path, code: str) -> list[bool]:
    """Whether each published page, the sitemap and the chooser list ``code``."""
    tag = code.replace("_", "-")
    found = []
    for other in CODES:
        if other == code or not (site / other).is_dir():
            continue
        for name in ("index.html", "status.html"):
            html = (site / other / name).read_text(encoding="utf-8")
            found.append(f'hreflang="{tag}"' in html)
    found.append(f"/{code}/" in (site / "sitemap.xml").read_text(encoding="utf-8"))
    found.append(f"{code}/index.html" in (site / "index.html").read_text(encoding="utf-8"))
    return found


def test_crossing_the_threshold_reaches_every_page_in_both_directions(tmp_path: Path) -> None:
    """As make does it: after one catalogue changes, only that language's build runs."""
    root = tmp_path / "p"
    copy_project(root)
    path = root / "locales" / "ru" / "LC_MESSAGES" / "safety-guide.po"
    original = path.read_text(encoding="utf-8")

    def build(*locales: str) -> None:
        args = ["--config", str(root / "pyproject.toml"), "build", "--no-pdf"]
        for code in locales:
            args += ["--locale", code]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output

    for code in CODES[1:]:
        build(code)
    site = root / "build" / "site"
    assert all(_published_everywhere(site, "ru"))
    po = polib.pofile(str(path))
    for entry in list(po)[:40]:
        entry.msgstr = ""
    po.save(str(path))
    build("ru")
    assert not any(_published_everywhere(site, "ru"))
    assert not (site / "ru").exists()
    assert "Русский" not in page(site, "fr")
    path.write_text(original, encoding="utf-8")
    build("ru")
    assert all(_published_everywhere(site, "ru"))
    assert "Русский" in page(site, "de")
