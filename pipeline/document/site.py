"""The per-language website: ``<output>/site/<lang>/index.html`` for English and each locale.

A page keeps the source's Markdown structure and puts each segment's translation in
its place, so markup, link targets and anchors come from the source and a
translation is only ever untrusted text. A language chooser, one stylesheet (screen
and print) and a sitemap with hreflang alternates complete the site.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polib
import regex
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.catalogue import catalogue_stats, read_catalogue, write_if_changed
from pipeline.config import Config
from pipeline.document.build import Rejected, SegmentText, segment_texts
from pipeline.document.segments import markdown_parser as _source_markdown
from pipeline.document.segments import read_document, render
from pipeline.errors import UserError

SITE_FOLDER = "site"
STYLESHEET = "site.css"
SITEMAP = "sitemap.xml"
HOME_PAGE = "index.html"


# -- languages -------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    """One language of the site, with its facts from CLDR."""

    code: str
    """As in ``[tool.l10n] locales`` and in the site's folder names: ``zh_Hans``."""
    tag: str
    """BCP 47, for ``lang`` and ``hreflang``: ``zh-Hans``."""
    name: str
    """What the language calls itself, as a menu shows it: ``简体中文``."""
    direction: str
    """``ltr`` or ``rtl``."""
    other_script_tags: tuple[str, ...] = ()
    """Browser language tags that mean this language in another script (zh-TW for zh_Hans)."""


def language(code: str) -> Language:
    """The site's facts about the language ``code``, all from Babel's CLDR data."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise UserError(f"locale {code!r} is unknown to CLDR, so the site cannot name it") from None
    parts = (locale.language, locale.script, locale.territory, locale.variant)
    name = locale.languages.get(str(locale)) or locale.get_display_name(locale) or code
    return Language(
        code=code,
        tag="-".join(p for p in parts if p),
        # CLDR capitalises language names that stand alone in a menu (uiListOrMenu)
        # for the cased scripts: "Français", not "français" as in running text.
        name=name[:1].upper() + name[1:],
        direction=locale.text_direction,
        other_script_tags=_other_script_tags(locale),
    )


def _other_script_tags(locale: Locale) -> tuple[str, ...]:
    """Tags of ``locale``'s language whose likely script differs from its own.

    The chooser must not send a reader who asked for zh-TW (Traditional) to zh-Hans.
    """
    if not locale.script:
        return ()
    tags = []
    for key, full in get_global("likely_subtags").items():
        parts, likely = key.split("_"), full.split("_")
        if parts[0] == locale.language and len(parts) > 1 and likely[1] != locale.script:
            tags.append("-".join(parts).lower())
    return tuple(sorted(tags))


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


# -- rendering one document ------------------------------------------------


# The source is trusted, so its parser (the segmenter's) keeps raw HTML; translations
# go through _translation_markdown, and every HTML token they bring is checked
# against the source.
@cache
def _translation_markdown() -> MarkdownIt:
    """A parser for msgstrs that sees every link as a link, whatever its target.

    The target is thrown away and replaced by the source's, so a translator's
    ``[guide](javascript:…)`` still becomes the source's link rather than literal text.
    """
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_PLACEHOLDER = "\ue000{}\ue001"
_PLACEHOLDER_FULL = re.compile("\ue000([0-9]+)\ue001")
_FRONT_MATTER = {"front matter title": "title", "front matter description": "description"}

# A left-to-right run inside right-to-left text: a URL, or Latin words and Western
# digits with the punctuation that joins them ("Dr Pen", "SPF 30", "24–72", "0.5 mm").
_LTR_RUN = regex.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?،؛)\]])"
    r"|[\p{Latin}0-9](?:[\p{Latin}0-9%]|[-–—./:,+×&'’ ](?=[\p{Latin}0-9]))*"
)


@dataclass(frozen=True)
class Heading:
    """A section heading: its level, its anchor (from the English text) and its label HTML."""

    level: int
    anchor: str
    label: str


@dataclass(frozen=True)
class RenderedDocument:
    """A document in one language, ready to go into a page."""

    title: str
    description: str
    body: str
    headings: tuple[Heading, ...]


_RESERVED = re.compile("[\ue000\ue001]")  # the placeholders render_document uses


def render_document(
    text: str, shown: Sequence[SegmentText], page_language: Language, source: Language
) -> RenderedDocument:
    """The HTML body of ``text`` with each segment shown as ``shown`` says.

    The source is rendered once with a placeholder in each segment's place, so the
    block structure is the source's whatever a translation contains; then each
    placeholder becomes the segment's own inline tokens.
    """
    if _RESERVED.search(text):  # build_site says where, for the user
        raise ValueError("the source uses U+E000/U+E001, which the site renderer reserves")
    by_start = {item.segment.start: n for n, item in enumerate(shown)}
    skeleton = render(
        text,
        lambda seg: _PLACEHOLDER.format(by_start[seg.start]),
        [item.segment for item in shown],
    )
    env: dict[str, object] = {}
    tokens = _source_markdown().parse(skeleton, env)
    fallback = source if page_language.code != source.code else None
    inline = _InlineRenderer(shown, page_language, fallback, env)
    anchors = _Anchors()
    headings: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type in ("th_open", "td_open"):
            _logical_alignment(token)
        if token.type != "inline" or token.children is None:
            continue
        token.children = inline.replace_placeholders(token.children)
        opening = tokens[index - 1]
        if opening.type == "heading_open":
            anchor = anchors.new(inline.source_text_of(tokens[index].content))
            opening.attrSet("id", anchor)
            label = _source_markdown().renderer.renderInline(
                [c for c in token.children if c.type not in ("link_open", "link_close")],
                _source_markdown().options,
                env,
            )
            headings.append(Heading(int(opening.tag[1:]), anchor, label))
    inline.check_all_used()
    title, description = front_matter(shown)
    if not title:
        title = next((_plain(h.label) for h in headings if h.level == 1), "")
    return RenderedDocument(
        title=title,
        description=description,
        body=_body_with_contents(tokens, headings, env),
        headings=tuple(headings),
    )


def front_matter(shown: Iterable[SegmentText]) -> tuple[str, str]:
    """The (translated) front-matter title and description, as plain text."""
    found = {"title": "", "description": ""}
    for item in shown:
        key = _FRONT_MATTER.get(item.segment.kind)
        if key and not found[key]:
            found[key] = item.text.replace("\n", " ").strip()
    return found["title"], found["description"]


class _InlineRenderer:
    """Turns each placeholder of the skeleton into its segment's inline tokens."""

    def __init__(
        self,
        shown: Sequence[SegmentText],
        page_language: Language,
        fallback: Language | None,
        env: dict[str, object],
    ) -> None:
        self._shown = shown
        self._rtl = page_language.direction == "rtl"
        self._fallback = fallback
        self._env = env
        self._used: set[int] = set()

    def replace_placeholders(self, children: list[Token]) -> list[Token]:
        out: list[Token] = []
        for child in children:
            number = self._placeholder(child)
            if number is not None:
                out.extend(self._segment_tokens(self._shown[number]))
            elif child.type == "image" and child.children:
                self._image_alt(child)
                out.append(child)
            else:
                out.append(child)
        return out

    def source_text_of(self, content: str) -> str:
        """The source (English) plain text of the segment behind a placeholder."""
        match = _PLACEHOLDER_FULL.fullmatch(content.strip())
        if match is None:
            return _plain_markdown(content, self._env)
        source = self._shown[int(match.group(1))].segment.text
        return _plain_markdown(_as_markdown(source), self._env)

    def check_all_used(self) -> None:
        missing = [
            n for n, item in enumerate(self._shown) if n not in self._used and not _is_meta(item)
        ]
        if missing:
            where = ", ".join(f"line {self._shown[n].segment.line}" for n in missing)
            raise ValueError(f"segments not placed in the HTML: {where}")

    def _placeholder(self, child: Token) -> int | None:
        if child.type != "text":
            return None
        match = _PLACEHOLDER_FULL.fullmatch(child.content)
        if match is None:
            if "\ue000" in child.content:
                raise ValueError(f"a placeholder shares its text: {child.content!r}")
            return None
        self._used.add(int(match.group(1)))
        return int(match.group(1))

    def _segment_tokens(self, item: SegmentText) -> list[Token]:
        markdown = _as_markdown(item.text, item.segment.kind)
        if not item.translated:
            tokens = _parse_inline(markdown, self._env)
            if self._fallback is None:
                return tokens
            # The source text standing in for a missing translation: say what language
            # it is in, and keep it a left-to-right island inside a right-to-left page.
            fallback = self._fallback
            opening = f'<span lang="{fallback.tag}" dir="{fallback.direction}">'
            return [_html(opening), *tokens, _html("</span>")]
        source = _parse_inline(_as_markdown(item.segment.text, item.segment.kind), self._env)
        tokens = _untrusted(_parse_inline(markdown, self._env, _translation_markdown()), source)
        return _isolate_ltr(tokens) if self._rtl else tokens

    def _image_alt(self, image: Token) -> None:
        """An image whose alt text is a segment of its own (a lone image paragraph)."""
        assert image.children is not None
        for child in image.children:
            number = self._placeholder(child)
            if number is None:
                continue
            item = self._shown[number]
            alt = _plain_markdown(item.text.replace("\n", " "), self._env)
            image.children = [_text(alt)]
            image.content = alt
            return


def _is_meta(item: SegmentText) -> bool:
    return item.segment.kind in _FRONT_MATTER


def _as_markdown(text: str, kind: str = "paragraph") -> str:
    """A msgid or msgstr as inline Markdown: a newline in a text block is a hard break."""
    if kind.startswith(("table", "image", "front matter")):
        return text.replace("\n", " ")
    return "\\\n".join(part.strip() for part in text.split("\n"))


def _parse_inline(
    markdown: str, env: dict[str, object], parser: MarkdownIt | None = None
) -> list[Token]:
    return (parser or _source_markdown()).parseInline(markdown, env)[0].children or []


def _plain_markdown(markdown: str, env: dict[str, object]) -> str:
    tokens = _parse_inline(markdown, env)
    return (
        _source_markdown()
        .renderer.renderInlineAsText(tokens, _source_markdown().options, env)
        .strip()
    )


def _plain(label_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", label_html))


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _untrusted(tokens: list[Token], source: list[Token]) -> list[Token]:
    """A translation's tokens made safe: only the source's HTML and link targets survive.

    Raw HTML that is not, byte for byte, in the msgid becomes text (escaped on
    output). Every link and image gets the target of the source's link or image in
    the same position; one the source does not have is dropped, keeping its text.
    """
    allowed_html = Counter(t.content for t in source if t.type == "html_inline")
    hrefs = iter([str(t.attrs["href"]) for t in source if t.type == "link_open"])
    srcs = iter([str(t.attrs["src"]) for t in source if t.type == "image"])
    kept_links: list[bool] = []
    out: list[Token] = []
    for token in tokens:
        if token.type == "html_inline":
            if allowed_html[token.content] > 0:
                allowed_html[token.content] -= 1
                out.append(token)
            else:
                out.append(_text(token.content))
        elif token.type == "link_open":
            href = next(hrefs, None)
            kept_links.append(href is not None)
            if href is not None:
                token.attrSet("href", href)
                out.append(token)
        elif token.type == "link_close":
            if kept_links.pop() if kept_links else False:
                out.append(token)
        elif token.type == "image":
            src = next(srcs, None)
            if src is None:
                out.append(_text(token.content))
            else:
                token.attrSet("src", src)
                out.append(token)
        else:
            out.append(token)
    return out


def _isolate_ltr(tokens: list[Token]) -> list[Token]:
    """Left-to-right runs of right-to-left text, each in its own ``<bdi dir="ltr">``.

    Without the isolate the bidi algorithm reorders "24–72" to read "72–24", and
    moves punctuation next to "Dr Pen" to the wrong side.
    """
    out: list[Token] = []
    for token in tokens:
        if token.type == "code_inline":
            token.attrSet("dir", "ltr")
        if token.type != "text":
            out.append(token)
            continue
        position = 0
        for match in _LTR_RUN.finditer(token.content):
            if match.start() > position:
                out.append(_text(token.content[position : match.start()]))
            # A URL may be longer than a line; a name or a number should not be split.
            opening = '<bdi dir="ltr">' if match.group("url") else '<bdi dir="ltr" class="nowrap">'
            out.extend([_html(opening), _text(match.group()), _html("</bdi>")])
            position = match.end()
        if position < len(token.content):
            out.append(_text(token.content[position:]))
    return out


def _isolated(text: str, lang: Language) -> str:
    """Plain text as HTML, its left-to-right runs isolated when ``lang`` is right-to-left."""
    if lang.direction != "rtl":
        return _e(text)
    return _source_markdown().renderer.renderInline(
        _isolate_ltr([_text(text)]), _source_markdown().options, {}
    )


def _logical_alignment(cell: Token) -> None:
    """Table alignment as start/end, so a column aligned "left" in English mirrors in Arabic."""
    style = cell.attrGet("style")
    if isinstance(style, str):
        cell.attrSet("style", style.replace(":left", ":start").replace(":right", ":end"))


class _Anchors:
    """Section ids from the English heading text: the same in every language, never repeated."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def new(self, english: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"
        anchor, number = base, 1
        while anchor in self._used:
            number += 1
            anchor = f"{base}-{number}"
        self._used.add(anchor)
        return anchor


def _body_with_contents(
    tokens: list[Token], headings: list[Heading], env: dict[str, object]
) -> str:
    """The rendered body with the table of contents before the first section heading."""
    renderer, options = _source_markdown().renderer, _source_markdown().options
    sections = [h for h in headings if h.level in (2, 3)]
    first = next(
        (i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h2", "h3")),
        None,
    )
    if first is None or len(sections) < 2:
        return renderer.render(tokens, options, env).lstrip("\n")
    return (
        renderer.render(tokens[:first], options, env).lstrip("\n")
        + _contents(sections)
        + renderer.render(tokens[first:], options, env)
    )


def _contents(sections: list[Heading]) -> str:
    items = "".join(
        f'<li class="toc-level-{h.level}"><a href="#{h.anchor}">{h.label}</a></li>\n'
        for h in sections
    )
    return f'<nav class="toc">\n<ol>\n{items}</ol>\n</nav>\n'


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


def _e(text: str) -> str:
    return html.escape(text, quote=True)


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
CHOOSER_SCRIPT = """\
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a[hreflang]"));
  var wanted = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || ""];
  function prefixes(tag) {
    var parts = tag.split("-"), out = [];
    for (var i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join("-"));
    return out;
  }
  function score(link, tag) {
    var own = link.getAttribute("hreflang").toLowerCase();
    var not = (link.getAttribute("data-not") || "").split(" ");
    var asked = prefixes(tag);
    if (own === tag) return 3;
    if (asked.some(function (p) { return not.indexOf(p) >= 0; })) return 0;
    if (asked.indexOf(own) >= 0) return 2;
    return own.split("-")[0] === asked[asked.length - 1] ? 1 : 0;
  }
  for (var w = 0; w < wanted.length; w++) {
    var tag = String(wanted[w]).toLowerCase(), best = null, top = 0;
    links.forEach(function (link) {
      var s = score(link, tag);
      if (s > top) { top = s; best = link; }
    });
    if (best) { window.location.replace(best.href); return; }
  }
})();
"""


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


# -- the stylesheet --------------------------------------------------------

# Logical properties only (inline/block, start/end), so one file lays out both
# directions. The font stacks name each platform's own fonts for Latin, Cyrillic,
# Arabic and Simplified Chinese, so nothing is downloaded and nothing shows as tofu.
STYLESHEET_TEXT = """\
:root {
  --text: #1b1f24;
  --muted: #57606a;
  --accent: #0a58a8;
  --rule: #d0d7de;
  --surface: #f4f6f8;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, "Noto Sans Arabic", "Noto Naskh Arabic", "Geeza Pro", "Segoe UI Arabic", Tahoma,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  --arabic: "Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Segoe UI", Tahoma,
    "Noto Sans", system-ui, sans-serif;
  --chinese: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif;
}

html {
  font-family: var(--sans);
  font-size: 100%;
  line-height: 1.6;
  color: var(--text);
  background: #fff;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

/* Each script gets its own fonts wherever it appears (a language name in the menu,
   an English fallback in an Arabic page). Naskh letters are small for their size and
   carry marks above and below, and Chinese reads better with more leading: the page
   as a whole is set larger or looser, never a single link, so the menu stays level. */
:lang(ar) { font-family: var(--arabic); }
:lang(zh) { font-family: var(--chinese); }
:lang(en), :lang(de), :lang(es), :lang(fr), :lang(ru) { font-family: var(--sans); }
html:lang(ar) { font-size: 112.5%; line-height: 1.9; }
html:lang(zh) { line-height: 1.8; }
.languages a:lang(ar) { font-size: 1.125em; line-height: 1; }
.chooser-list li:lang(ar) { font-size: 1.125em; }

body { margin: 0; }

main {
  max-inline-size: 46rem;
  margin-inline: auto;
  padding-inline: 1.25rem;
  padding-block: 1.5rem 4rem;
}

h1, h2, h3, h4 { line-height: 1.3; text-align: start; }
h1 { font-size: clamp(1.6rem, 1.2rem + 2vw, 2rem); margin-block: 0.5rem 1.25rem; }
h2 {
  font-size: 1.4rem;
  margin-block: 2.5rem 0.75rem;
  padding-block-end: 0.3rem;
  border-block-end: 1px solid var(--rule);
}
h3 { font-size: 1.15rem; margin-block: 1.75rem 0.5rem; }
:target { scroll-margin-block-start: 1rem; }

p, li { text-align: start; }
ul, ol { padding-inline-start: 1.6rem; }
li + li { margin-block-start: 0.25rem; }
blockquote {
  margin-inline: 0;
  padding-inline-start: 1rem;
  border-inline-start: 4px solid var(--rule);
  color: var(--muted);
}
a { color: var(--accent); text-underline-offset: 0.15em; }
.nowrap { white-space: nowrap; }
code {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
img { max-inline-size: 100%; block-size: auto; }
table { border-collapse: collapse; margin-block: 1rem; }
th, td {
  border: 1px solid var(--rule);
  padding-block: 0.35rem;
  padding-inline: 0.6rem;
  text-align: start;
}

.site-header { background: var(--surface); border-block-end: 1px solid var(--rule); }
.languages {
  display: flex;
  align-items: center;
  gap: 0.75rem;
  max-inline-size: 46rem;
  margin-inline: auto;
  padding-block: 0.6rem;
  padding-inline: 1.25rem;
}
.languages ul {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 0.25rem 1.1rem;
  margin: 0;
  padding: 0;
  list-style: none;
}
.languages li + li { margin-block-start: 0; }
.languages a { text-decoration: none; }
.languages a:hover, .languages a:focus-visible { text-decoration: underline; }
.languages a[aria-current="page"] {
  color: var(--text);
  font-weight: 700;
  border-block-end: 2px solid var(--accent);
}
.globe {
  flex: none;
  fill: none;
  stroke: var(--muted);
  stroke-width: 1.5;
}

.toc {
  margin-block: 1.75rem;
  padding-block: 0.75rem;
  padding-inline: 1.25rem 1rem;
  background: var(--surface);
  border-inline-start: 4px solid var(--accent);
}
.toc ol { margin: 0; padding-inline-start: 1.4rem; }
.toc .toc-level-3 { margin-inline-start: 1.25rem; list-style-type: circle; }

.chooser main { padding-block-start: 3rem; }
.chooser .globe { inline-size: 2.5rem; block-size: 2.5rem; }
.chooser-list { list-style: none; padding: 0; }
.chooser-list li + li { margin-block-start: 0.5rem; }
.chooser-list a {
  display: block;
  padding-block: 0.75rem;
  padding-inline: 1rem;
  border: 1px solid var(--rule);
  border-radius: 6px;
  text-decoration: none;
  text-align: start;
}
.chooser-list a:hover, .chooser-list a:focus-visible { border-color: var(--accent); }
.chooser-name { display: block; font-weight: 700; color: var(--text); }
.chooser-title { display: block; color: var(--muted); }

/* Clinics print this guide: no menus, black on white, and where the links lead. */
@media print {
  @page { margin: 18mm 16mm; }
  html { font-size: 11pt; line-height: 1.5; color: #000; }
  .site-header, .toc, .globe { display: none; }
  main { max-inline-size: none; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; border-block-end-color: #000; }
  h1, h2, h3 { break-after: avoid; }
  ul, ol, table, blockquote { break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after {
    content: " (" attr(href) ")";
    direction: ltr;
    unicode-bidi: isolate;
    font-size: 90%;
  }
}
"""


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


def _wanted(config: Config, locales: Sequence[str] | None) -> list[str]:
    for code in locales or ():
        if code not in config.locales:
            raise UserError(f"locale {code!r} is not in [tool.l10n] locales")
    return list(locales) if locales else list(config.locales)


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
    wanted = _wanted(config, locales)
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
