"""The per-language website: pages, SEO links, switcher, fallbacks, safety and stability."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from pipeline.catalogue import read_catalogue
from pipeline.config import Config, load_config
from pipeline.document.build import SegmentText, segment_texts
from pipeline.document.segments import Segment
from pipeline.document.site import (
    CHOOSER_SCRIPT,
    STYLESHEET_TEXT,
    RenderedDocument,
    build_site,
    language,
    language_page,
    render_document,
)
from pipeline.document.site import (
    Page as SitePage,
)
from pipeline.errors import UserError
from tests.conftest import ROOT

SITE_URL = load_config(ROOT).site_url  # the project's: build_site's default
CODES = ("en", "ar", "de", "es", "fr", "ru", "zh_Hans")
TAGS = ("en", "ar", "de", "es", "fr", "ru", "zh-Hans")
SHORT_PARAGRAPH = "However, as with any skin-penetrating procedure, safety is the primary concern."


# -- helpers ---------------------------------------------------------------


class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_by_lang: list[tuple[str, str]] = []
        self._lang_stack: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self._lang_stack.append(attributes.get("lang", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "img", "meta", "link", "input", "hr") and self._lang_stack:
            self._lang_stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            lang = next((lang for lang in reversed(self._lang_stack) if lang), "")
            self.text_by_lang.append((lang, data))

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(attrs.get(k.rstrip("_")) == v for k, v in wanted.items())
        ]

    def lang_of(self, fragment: str) -> str | None:
        return next((lang for lang, text in self.text_by_lang if fragment in text), None)


def copy_project(target: Path, edit: Callable[[Path], None] | None = None) -> Config:
    """A copy of the real project (pyproject, source, catalogues) under ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    # Copied without their times, as a fresh clone has them: the status pages give the
    # day each language last changed, which must not depend on when the tree was built.
    shutil.copytree(ROOT / "source", target / "source", copy_function=shutil.copy)
    shutil.copytree(
        ROOT / "locales",
        target / "locales",
        ignore=shutil.ignore_patterns("*.mo"),
        copy_function=shutil.copy,
    )
    if edit is not None:
        edit(target)
    return load_config(target)


def set_translations(root: Path, locale: str, changes: dict[str, str]) -> None:
    """Give entries of one catalogue new msgstrs (an empty one leaves it untranslated)."""
    path = root / "locales" / locale / "LC_MESSAGES" / "safety-guide.po"
    po = read_catalogue(path)
    for msgid, msgstr in changes.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        entry.msgstr = msgstr
    po.save(str(path))


def page(site: Path, code: str) -> str:
    return (site / code / "index.html").read_text(encoding="utf-8")


def assert_inert(markup: str) -> None:
    """No script element, no event handler attribute, no javascript: address."""
    parsed = Page(markup)
    for tag, attrs in parsed.elements:
        assert tag not in ("script", "iframe", "object", "embed"), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert not re.sub(r"\s", "", value).lower().startswith("javascript:"), value


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the real project, built once for the read-only tests."""
    root = tmp_path_factory.mktemp("real")
    config = copy_project(root)
    report = build_site(config, root / "build")
    assert report.skipped == [] and report.rejected == []
    return root / "build" / "site"


# -- languages -------------------------------------------------------------


def test_language_facts_come_from_cldr() -> None:
    arabic, chinese, french = language("ar"), language("zh_Hans"), language("fr")
    assert (arabic.tag, arabic.direction, arabic.name) == ("ar", "rtl", "العربية")
    assert (chinese.tag, chinese.direction, chinese.name) == ("zh-Hans", "ltr", "简体中文")
    assert (french.name, french.direction) == ("Français", "ltr")
    assert "zh-tw" in chinese.other_script_tags and "zh-cn" not in chinese.other_script_tags
    assert french.other_script_tags == ()


# -- pages, html lang and dir ---------------------------------------------


def test_a_page_for_english_and_every_locale(site: Path) -> None:
    assert sorted(p.parent.name for p in site.glob("*/index.html")) == sorted(CODES)
    assert (site / "index.html").is_file()
    assert (site / "site.css").is_file()
    assert (site / "sitemap.xml").is_file()


@pytest.mark.parametrize(("code", "tag"), list(zip(CODES, TAGS, strict=True)))
def test_html_lang_and_dir(site: Path, code: str, tag: str) -> None:
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{tag}" dir="{direction}">' in page(site, code)


def test_title_and_description_come_from_the_translated_front_matter(site: Path) -> None:
    french = read_catalogue(ROOT / "locales" / "fr" / "LC_MESSAGES" / "safety-guide.po")
    english = read_catalogue(ROOT / "locales" / "safety-guide.pot")
    title, description = (
        french.find(e.msgid).msgstr
        for e in english
        if e.comment in ("front matter title\nheading", "front matter description")
    )
    parsed = Page(page(site, "fr"))
    assert f"<title>{title}</title>" in page(site, "fr")
    assert parsed.find("meta", name="description")[0]["content"] == description
    assert "<title>Dr Pen Microneedling Safety Guide</title>" in page(site, "en")


# -- SEO -------------------------------------------------------------------


def test_canonical_and_hreflang_alternates(site: Path) -> None:
    for code, tag in zip(CODES, TAGS, strict=True):
        parsed = Page(page(site, code))
        assert parsed.find("link", rel="canonical") == [
            {"rel": "canonical", "href": f"{SITE_URL}{code}/"}
        ]
        alternates = {a["hreflang"]: a["href"] for a in parsed.find("link", rel="alternate")}
        assert alternates == {
            **{t: f"{SITE_URL}{c}/" for c, t in zip(CODES, TAGS, strict=True)},
            "x-default": SITE_URL,
        }, tag


def test_sitemap_lists_every_page_with_its_alternates(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    assert [u.find("s:loc", ns).text for u in urls] == [f"{SITE_URL}{c}/" for c in CODES] + [
        f"{SITE_URL}{c}/status.html" for c in CODES
    ]
    for url in urls:
        links = {x.get("hreflang"): x.get("href") for x in url.findall("x:link", ns)}
        assert set(links) == {*TAGS, "x-default"}
        own = url.find("s:loc", ns).text.rsplit("/", 1)[1]
        assert links["zh-Hans"] == f"{SITE_URL}zh_Hans/{own}"


def test_site_url_can_be_given(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "p")
    build_site(config, tmp_path / "out", site_url="https://clinic.example/guide")
    html = (tmp_path / "out" / "site" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://clinic.example/guide/de/">' in html
    sitemap = (tmp_path / "out" / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://clinic.example/guide/ar/</loc>" in sitemap


# -- switcher and chooser --------------------------------------------------


def test_switcher_names_languages_natively_and_marks_the_current_one(site: Path) -> None:
    names = ["English", "العربية", "Deutsch", "Español", "Français", "Русский", "简体中文"]
    for code, tag in zip(CODES, TAGS, strict=True):
        html = page(site, code)
        switcher = html[html.index('<nav class="languages"') : html.index("</nav>")]
        parsed = Page(switcher)
        links = parsed.find("a")
        assert [parsed.text_by_lang[i][1] for i in range(len(links))] == names
        current = [a for a in links if a.get("aria-current") == "page"]
        assert current == [a for a in links if a["hreflang"] == tag], code
        for link in links:
            assert (site / code / link["href"]).resolve().is_file(), link["href"]
            assert link["lang"] == link["hreflang"]


def test_chooser_works_without_javascript(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    parsed = Page(html)
    links = parsed.find("a")
    assert [a["href"] for a in links] == [f"{c}/index.html" for c in CODES]
    assert [a["hreflang"] for a in links] == list(TAGS)
    assert all((site / a["href"]).is_file() for a in links)
    assert "navigator.languages" in html
    assert parsed.find("li", lang="ar", dir="rtl")


# -- content ----------------------------------------------------------------


def test_fallback_segments_are_wrapped_as_english(tmp_path: Path) -> None:
    config = copy_project(
        tmp_path / "p", lambda root: set_translations(root, "ar", {SHORT_PARAGRAPH: ""})
    )
    build_site(config, tmp_path / "out")
    html = page(tmp_path / "out" / "site", "ar")
    assert f'<p><span class="untranslated" lang="en" dir="ltr">{SHORT_PARAGRAPH}</span></p>' in html
    assert html.count('lang="en" dir="ltr">') == 2  # the fallback, and English in the menu
    assert 'lang="en" dir="ltr"><' not in page(tmp_path / "out" / "site", "en")


def test_a_refused_translation_falls_back_and_is_reported(tmp_path: Path) -> None:
    bad = "Hygiene is the *single* most critical safety factor in microneedling."
    config = copy_project(
        tmp_path / "p",
        lambda root: set_translations(
            root, "de", {"Hygiene is the single most critical safety factor in microneedling.": bad}
        ),
    )
    report = build_site(config, tmp_path / "out")
    assert [r.reason.startswith("inline markup") for r in report.rejected] == [True]
    html = page(tmp_path / "out" / "site", "de")
    assert (
        '<span class="untranslated" lang="en" dir="ltr">Hygiene is the single most critical'
        " safety factor in microneedling.</span>" in html
    )


def test_ltr_runs_are_isolated_in_right_to_left_text(site: Path) -> None:
    arabic = page(site, "ar")
    assert '<bdi dir="ltr" class="nowrap">Dr Pen</bdi>' in arabic
    assert '<bdi dir="ltr" class="nowrap">24–72</bdi> ساعة' in arabic
    assert '(<bdi dir="ltr" class="nowrap">SPF</bdi>)' in arabic
    assert "<bdi" not in page(site, "de") and "<bdi" not in page(site, "zh_Hans")


def test_anchors_are_the_same_in_every_language(site: Path) -> None:
    def anchors(code: str) -> list[str]:
        elements = Page(page(site, code)).elements
        return [a["id"] for tag, a in elements if tag in ("h1", "h2") and a["id"] != "toc-heading"]

    def contents(code: str) -> list[str]:
        links = Page(page(site, code)).find("a")
        return [a["href"] for a in links if a["href"].startswith("#") and a["href"] != "#content"]

    english = anchors("en")
    assert "aftercare-tips-for-better-results" in english
    assert "conclusion-is-dr-pen-microneedling-safe" in english
    assert len(set(english)) == len(english)
    for code in CODES:
        assert anchors(code) == english, code
        assert contents(code) == [f"#{a}" for a in english[1:]], code


def test_anchors_stay_unique_when_headings_repeat() -> None:
    text = "# Guide\n\n## Notes\n\nOne.\n\n## Notes\n\nTwo.\n\n## Notes 2\n\n## Ünïcode ✓\n\n## ✓\n"
    shown, _ = segment_texts(text, None)
    document = render_document(text, shown, language("en"), language("en"))
    anchors = [h.anchor for h in document.headings]
    assert anchors == ["guide", "notes", "notes-2", "notes-2-2", "unicode", "section"]


# -- untrusted translations ------------------------------------------------


def _translated(source: str, translation: str, locale: str = "fr") -> str:
    """The body of a one-paragraph document whose paragraph is ``translation``."""
    text = f"# Title\n\n{source}\n"
    shown, _ = segment_texts(text, None)
    replaced = [
        SegmentText(s.segment, translation, True) if s.segment.text == source else s for s in shown
    ]
    return render_document(text, replaced, language(locale), language("en")).body


@pytest.mark.parametrize(
    "translation",
    [
        "Lisez <script>alert(1)</script> ceci.",
        'Voir <img src="x" onerror="alert(1)"> ici.',
        "Voir le [guide](javascript:alert(1)).",
        "Voir <a href=\"javascript:alert(1)\" onclick='x()'>ici</a>.",
        "Voir <javascript:alert(1)> et &lt;script&gt;alert(1)&lt;/script&gt;.",
        "<svg onload=alert(1)>",
        '<iframe src="javascript:alert(1)"></iframe>',
    ],
)
def test_html_in_a_translation_is_inert(translation: str) -> None:
    body = _translated("Read the [guide](https://example.org/guide).", translation)
    assert_inert(body)
    assert "<script" not in body and "<img" not in body and "<iframe" not in body


def test_link_targets_always_come_from_the_source() -> None:
    body = _translated(
        "See the [guide](https://example.org/guide) and [faq](https://example.org/faq).",
        "Voir le [guide](https://evil.example/) et la [faq](javascript:alert(1)).",
    )
    assert 'href="https://example.org/guide"' in body
    assert 'href="https://example.org/faq"' in body
    assert "evil.example" not in body


def test_a_link_the_source_does_not_have_keeps_only_its_text() -> None:
    body = _translated("Plain text.", "Texte [simple](https://evil.example/).")
    assert "<a" not in body and "evil.example" not in body
    assert "Texte simple." in body


def test_html_from_the_msgid_is_kept_other_html_is_escaped() -> None:
    assert "un<br>deux" in _translated("one<br>two", "un<br>deux")
    escaped = _translated("one<br>two", "un<br onclick=x>deux")
    assert "&lt;br onclick=x&gt;" in escaped
    assert_inert(escaped)


def test_a_hostile_catalogue_builds_an_inert_site(tmp_path: Path) -> None:
    hostile = {
        SHORT_PARAGRAPH: "<script>alert(1)</script>",
        "Mild swelling or tightness": '<img src=x onerror="alert(1)">',
        "Temporary dryness or flaking": "[clic](javascript:alert(1))",
        "Dr Pen Microneedling Safety Guide": '</title><script>alert(1)</script>"',
    }
    config = copy_project(tmp_path / "p", lambda root: set_translations(root, "fr", hostile))
    report = build_site(config, tmp_path / "out")
    # The build refuses all four: the HTML ones because their markup differs from the
    # msgid's, the javascript: link because its target does.
    assert len(report.rejected) == 4
    site = tmp_path / "out" / "site"
    assert_inert((site / "fr" / "index.html").read_text(encoding="utf-8"))
    chooser = (site / "index.html").read_text(encoding="utf-8")
    assert_inert(chooser.replace(f"<script>\n{CHOOSER_SCRIPT}</script>", ""))
    assert chooser.count("<script") == 1
    french = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert "clic" not in french and "javascript" not in french
    assert "Temporary dryness or flaking" in french


def test_title_and_description_are_escaped() -> None:
    hostile = RenderedDocument(
        title="</title><script>alert(1)</script>",
        description='"><script>alert(1)</script>',
        intro="<p>x</p>\n",
        rest="",
        headings=(),
    )
    markup = language_page(
        SitePage(Path("guide.md"), "index.html"),
        hostile,
        language("fr"),
        [language("en"), language("fr")],
        SITE_URL,
    )
    assert_inert(markup)
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in markup
    assert 'content="&#34;&gt;&lt;script&gt;' in markup


# -- publishing ------------------------------------------------------------


def _half_translated(root: Path) -> None:
    """Empty most of the Russian catalogue, so it falls below any sensible threshold."""
    path = root / "locales" / "ru" / "LC_MESSAGES" / "safety-guide.po"
    po = polib.pofile(str(path))
    for entry in list(po)[: len(po) // 2 + 1]:
        entry.msgstr = ""
    po.save(str(path))


def test_a_language_below_the_threshold_is_not_published(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "p")
    out = tmp_path / "out"
    build_site(config, out)
    assert (out / "site" / "ru" / "index.html").is_file()
    _half_translated(config.root)
    report = build_site(config, out)
    assert [(s.locale, s.percent < 50) for s in report.skipped] == [("ru", True)]
    assert str(report.skipped[0]).startswith("ru: not published: ")
    assert "below the publish threshold of 80%" in str(report.skipped[0])
    assert report.removed == [
        out / "site" / "ru" / "index.html",
        out / "site" / "ru" / "status.html",
    ]
    assert not (out / "site" / "ru").exists()
    for code in ("en", "ar", "zh_Hans"):
        assert 'hreflang="ru"' not in page(out / "site", code)
    assert "/ru/" not in (out / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "ru/index.html" not in (out / "site" / "index.html").read_text(encoding="utf-8")


def test_the_threshold_comes_from_the_config(tmp_path: Path) -> None:
    def strict(root: Path) -> None:
        pyproject = root / "pyproject.toml"
        text = pyproject.read_text(encoding="utf-8")
        pyproject.write_text(
            text.replace('output = "build"', 'output = "build"\npublish_threshold = 100'),
            encoding="utf-8",
        )
        set_translations(root, "es", {SHORT_PARAGRAPH: ""})

    config = copy_project(tmp_path / "p", strict)
    report = build_site(config, tmp_path / "out")
    assert [s.locale for s in report.skipped] == ["es"]
    assert report.skipped[0].threshold == 100


def test_only_the_given_locales_are_rendered(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "p")
    build_site(config, tmp_path / "out")
    edits = {"Mild swelling or tightness": "Léger gonflement ou tiraillement."}
    set_translations(config.root, "fr", edits)
    set_translations(config.root, "ar", {"Mild swelling or tightness": "تورم خفيف أو شد."})
    report = build_site(config, tmp_path / "out", ["fr"])
    site = tmp_path / "out" / "site"
    # Arabic was edited too, but only French was asked for: its page is left alone.
    assert [p.relative_to(site).as_posix() for p in report.written] == ["fr/index.html"]
    assert "تورم خفيف أو شد." not in page(site, "ar")
    assert 'hreflang="ar"' in page(site, "fr")  # the switcher still lists every language
    with pytest.raises(UserError, match="'xx' is not in"):
        build_site(config, tmp_path / "out", ["xx"])


# -- stability --------------------------------------------------------------


def test_the_build_is_deterministic_and_rewrites_nothing(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "p")
    first = build_site(config, tmp_path / "one")
    snapshot = {
        p.relative_to(tmp_path / "one"): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in (tmp_path / "one").rglob("*")
        if p.is_file()
    }
    again = build_site(config, tmp_path / "one")
    assert again.written == [] and sorted(again.unchanged) == sorted(first.written)
    for relative, (content, mtime) in snapshot.items():
        path = tmp_path / "one" / relative
        assert path.read_bytes() == content and path.stat().st_mtime_ns == mtime
    build_site(config, tmp_path / "two")
    for relative, (content, _) in snapshot.items():
        assert (tmp_path / "two" / relative).read_bytes() == content


# -- stylesheet and resources ---------------------------------------------


def test_one_stylesheet_with_logical_properties_and_a_print_section(site: Path) -> None:
    css = (site / "site.css").read_text(encoding="utf-8")
    assert css == STYLESHEET_TEXT
    physical = re.findall(
        r"(?:margin|padding|border)-(?:left|right)|text-align:\s*(?:left|right)|"
        r"(?<![-\w])(?:left|right|float)\s*:",
        css,
    )
    assert physical == []
    assert "margin-inline" in css and "text-align: start" in css
    assert "@media print" in css
    for family in ("Noto Naskh Arabic", "Geeza Pro", "Noto Sans CJK SC", "PingFang SC"):
        assert f'"{family}"' in css


def test_pages_load_nothing_from_elsewhere(site: Path) -> None:
    for path in site.rglob("*.html"):
        parsed = Page(path.read_text(encoding="utf-8"))
        for tag, attrs in parsed.elements:
            if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                continue
            for name in ("src", "href"):
                value = attrs.get(name, "")
                assert "//" not in value, (path, tag, value)
    assert "url(" not in (site / "site.css").read_text(encoding="utf-8")


def test_images_keep_source_targets_and_translated_alt_text() -> None:
    text = "# Title\n\n![A sealed cartridge](img/cartridge.png)\n"
    shown, _ = segment_texts(text, None)
    translated = [
        SegmentText(s.segment, "Une cartouche <b>scellée</b>", True)
        if s.segment.kind == "image alt text"
        else s
        for s in shown
    ]
    body = render_document(text, translated, language("fr"), language("en")).body
    # Markup in alt text is shown as the characters it is, escaped: alt is plain text.
    assert '<img src="img/cartridge.png" alt="Une cartouche &lt;b&gt;scellée&lt;/b&gt;" />' in body


def test_segments_are_all_placed() -> None:
    text = "# T\n\n| a | b |\n|---|---|\n| one | two |\n\n> quote\n\n- item\n"
    shown, _ = segment_texts(text, None)
    fake = [SegmentText(s.segment, s.segment.text.upper(), True) for s in shown]
    body = render_document(text, fake, language("de"), language("en")).body
    for word in ("ONE", "TWO", "QUOTE", "ITEM", "A", "B"):
        assert f">{word}<" in body


def test_segment_texts_report_what_fell_back() -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Hello.", msgstr="Bonjour."))
    po.append(polib.POEntry(msgid="Later.", msgstr="Plus tard.", flags=["fuzzy"]))
    shown, rejected = segment_texts("Hello.\n\nLater.\n\nNew.\n", po)
    assert [(s.text, s.translated) for s in shown] == [
        ("Bonjour.", True),
        ("Later.", False),
        ("New.", False),
    ]
    assert rejected == []
    assert all(isinstance(s.segment, Segment) for s in shown)


def test_a_reserved_character_in_the_source_is_a_one_line_error(tmp_path: Path) -> None:
    def plant(root: Path) -> None:
        guide = root / "source" / "safety-guide.md"
        lines = guide.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[4] = lines[4].rstrip("\n") + " \ue000\n"
        guide.write_text("".join(lines), encoding="utf-8")

    config = copy_project(tmp_path / "p", plant)
    with pytest.raises(UserError) as raised:
        build_site(config, tmp_path / "out")
    assert str(raised.value).startswith(f"{config.root / 'source' / 'safety-guide.md'}:5: U+E000 ")
    assert not (tmp_path / "out").exists()
