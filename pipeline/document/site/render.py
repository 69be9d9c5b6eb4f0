"""One document rendered to HTML in one language.

The page keeps the source's Markdown structure and puts each segment's translation
in its place, so markup, link targets and anchors come from the source and a
translation is only ever untrusted text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.document.build import SegmentText
from pipeline.document.segments import markdown_parser as _source_markdown
from pipeline.document.segments import render
from pipeline.document.site.languages import Language

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
    """A document in one language, ready to go into a page.

    ``intro`` is what comes before the first section heading, where a page puts its
    table of contents; ``rest`` is everything from there on.
    """

    title: str
    description: str
    intro: str
    rest: str
    headings: tuple[Heading, ...]
    fell_back: bool = False
    """Some segment shows the source text because its translation is missing or refused."""

    @property
    def body(self) -> str:
        return self.intro + self.rest

    @property
    def contents(self) -> tuple[Heading, ...]:
        """The sections a table of contents lists: none for a document with fewer than two."""
        sections = tuple(h for h in self.headings if h.level in (2, 3))
        return sections if len(sections) >= 2 and self.rest else ()


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
    intro, rest = _split_at_first_section(tokens, env)
    return RenderedDocument(
        title=title,
        description=description,
        intro=intro,
        rest=rest,
        headings=tuple(headings),
        fell_back=inline.fell_back,
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
        self.fell_back = False
        """Whether any segment shown was the source's text standing in for a translation."""

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
            self.fell_back = True
            opening = (
                f'<span class="untranslated" lang="{fallback.tag}" dir="{fallback.direction}">'
            )
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


def _split_at_first_section(tokens: list[Token], env: dict[str, object]) -> tuple[str, str]:
    """The rendered body, cut before its first section heading (h2 or h3)."""
    renderer, options = _source_markdown().renderer, _source_markdown().options
    first = next(
        (i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h2", "h3")),
        len(tokens),
    )
    intro = renderer.render(tokens[:first], options, env).lstrip("\n")
    rest = renderer.render(tokens[first:], options, env) if first < len(tokens) else ""
    return intro, rest


def _e(text: str) -> str:
    return html.escape(text, quote=True)
