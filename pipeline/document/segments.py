"""Markdown ⇄ segments: the translatable text units of a document and where they sit.

A :class:`Segment` is one heading, paragraph, list item, table cell, image alt text
or front-matter field, cut from markdown-it-py's token stream and its line maps.
:func:`render` puts translated text back in the same places, leaving every byte
around the segments (markers, indentation, tables, code, HTML) as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import UserError

if TYPE_CHECKING:  # markdown-it is imported when a parser is first needed: a run
    from markdown_it import MarkdownIt  # over catalogues of program messages never
    from markdown_it.token import Token  # needs one, and the import costs 30 ms

_NEWLINE = re.compile(r"(\r\n|\r|\n)")
FRONT_MATTER_FIELDS = ("title", "description")
_HARD_BREAK_SPACES = "  "


@dataclass(frozen=True)
class Segment:
    """One translatable unit: its msgid and where it came from.

    ``start``/``end`` are character offsets of the text in the document; ``indent``
    is what a continuation line inside this block starts with (for hard breaks).
    """

    text: str
    kind: str
    line: int
    context: tuple[str, ...]
    start: int
    end: int
    indent: str = ""

    @property
    def comment(self) -> str:
        """The note a translator sees: what kind of block, and under which headings."""
        if not self.context:
            return self.kind
        return f"{self.kind} under: {' › '.join(self.context)}"


@cache
def markdown_parser() -> MarkdownIt:
    """The one CommonMark parser of sources: tables and front matter enabled."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def parse(text: str) -> list[Token]:
    """markdown-it-py's token stream for ``text``, with tables and front matter."""
    return markdown_parser().parse(text)


def segment(text: str) -> list[Segment]:
    """Every translatable segment of a Markdown document, in document order."""
    # markdown-it replaces NUL with U+FFFD; doing the same here keeps every offset.
    text = text.replace("\x00", "\ufffd")
    lines = split_lines(text)
    offsets = _line_offsets(lines)
    found: list[Segment] = []
    headings: list[tuple[int, str]] = []
    block_stack: list[Token] = []
    row = column = 0
    for token in parse(text):
        if token.nesting == 1:
            block_stack.append(token)
        elif token.nesting == -1:
            block_stack.pop()
        if token.type == "front_matter":
            found.extend(_front_matter(token, lines, offsets))
        elif token.type == "table_open":
            row = 0
        elif token.type == "tr_open":
            row, column = row + 1, 0
        elif token.type in ("th_open", "td_open"):
            column += 1
        elif token.type == "inline" and token.map is not None:
            context = tuple(title for _, title in headings)
            parent = block_stack[-1].type if block_stack else ""
            if parent == "heading_open":
                found.extend(_inline_segment(token, lines, offsets, "heading", context))
                level = int(block_stack[-1].tag[1:])
                headings[:] = [h for h in headings if h[0] < level] + [(level, _plain(token))]
            elif parent in ("th_open", "td_open"):
                kind = "table header cell" if parent == "th_open" else "table cell"
                kind = f"{kind} (row {row}, column {column})"
                found.extend(_table_cell(token, lines, offsets, kind, context, column))
            elif _lone_image(token) is not None:
                found.extend(_image_alt(token, lines, offsets, context))
            else:
                kind = _paragraph_kind(block_stack)
                found.extend(_inline_segment(token, lines, offsets, kind, context))
    return found


def _paragraph_kind(block_stack: list[Token]) -> str:
    types = {t.type for t in block_stack}
    if "list_item_open" in types:
        return "list item"
    if "blockquote_open" in types:
        return "blockquote paragraph"
    return "paragraph"


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split where markdown-it splits (LF, CRLF or CR)."""
    parts = _NEWLINE.split(text)
    lines = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def read_document(path: Path) -> str:
    """A Markdown source exactly as stored (line endings kept), or a one-line error."""
    try:
        with open(path, encoding="utf-8", newline="") as stream:
            return stream.read()
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a Markdown file") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None


def _line_offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets


def _plain(token: Token) -> str:
    """The visible text of an inline token: what a heading path shows."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip() or token.content.strip()


def _lone_image(token: Token) -> Token | None:
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def _content_lines(token: Token, lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, column, text) of each line of an inline token's content in the source."""
    assert token.map is not None
    row = token.map[0]
    placed: list[tuple[int, int, str]] = []
    for i, piece in enumerate(token.content.split("\n")):
        source = lines[row].rstrip("\r\n")
        # markdown-it trims a paragraph's content as JavaScript does, so a leading
        # line of form feeds or other blanks that CommonMark does not call blank
        # belongs to the block but not to its content ("- \f" before a list item's
        # text): step over such lines, within the block.
        while i == 0 and piece and piece not in source and row + 1 < token.map[1]:
            row += 1
            source = lines[row].rstrip("\r\n")
        column = source.rfind(piece) if piece else len(source)
        if column < 0 and piece.lstrip(" ") != piece:
            # markdown-it expands a tab in the indentation to spaces ("\t| a |" within a
            # list item reads "  | a |"): the text starts where its first non-blank does.
            piece = piece.lstrip(" ")
            column = source.rfind(piece) if piece else len(source)
        if column < 0:
            raise ValueError(f"line {row + 1}: cannot place {piece!r} in the source")
        placed.append((row, column, piece))
        row += 1
    return placed


def _join(pieces: list[str]) -> str:
    """Join source lines into one msgid: soft breaks become spaces, hard breaks newlines."""
    out: list[str] = []
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        if not last and piece.endswith("\\"):
            out.append(piece[:-1].rstrip() + "\n")
        elif not last and piece.endswith(_HARD_BREAK_SPACES):
            out.append(piece.rstrip() + "\n")
        else:
            out.append(piece.strip() + ("" if last else " "))
    return "".join(out).strip(" ")


def _inline_segment(
    token: Token,
    lines: list[str],
    offsets: list[int],
    kind: str,
    context: tuple[str, ...],
) -> Iterator[Segment]:
    placed = _content_lines(token, lines)
    pieces = [p for _, _, p in placed]
    text = _join(pieces)
    if not text.strip():
        return
    first_line, first_col, first_piece = placed[0]
    last_line, last_col, last_piece = placed[-1]
    lead = len(first_piece) - len(first_piece.lstrip())
    start = offsets[first_line] + first_col + lead
    end = offsets[last_line] + last_col + len(last_piece.rstrip())
    if len(placed) > 1:
        second_line, second_col, _ = placed[1]
        indent = lines[second_line][:second_col]
    else:
        prefix = lines[first_line][:first_col]
        indent = "".join(ch if ch in ">\t" else " " for ch in prefix)
    yield Segment(text, kind, first_line + 1, context, start, end, indent)


def _table_cell(
    token: Token,
    lines: list[str],
    offsets: list[int],
    kind: str,
    context: tuple[str, ...],
    column: int,
) -> Iterator[Segment]:
    assert token.map is not None
    index = token.map[0]
    cells = _cell_spans(lines[index].rstrip("\r\n"))
    if column - 1 >= len(cells):
        return
    a, b = cells[column - 1]
    raw = lines[index][a:b]
    if raw.strip():
        yield Segment(raw, kind, index + 1, context, offsets[index] + a, offsets[index] + b)


def _cell_spans(row: str) -> list[tuple[int, int]]:
    """Column spans of the stripped cell texts of a table row, split at unescaped pipes."""
    bounds: list[int] = []
    escaped = False
    for i, ch in enumerate(row):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            bounds.append(i)
    edges = [-1, *bounds, len(row)]
    spans: list[tuple[int, int]] = []
    for left, right in zip(edges, edges[1:], strict=False):
        cell = row[left + 1 : right]
        if right == len(row) and not cell.strip() and spans:
            break
        if left == -1 and not cell.strip() and bounds:
            continue
        stripped = cell.strip()
        a = left + 1 + (len(cell) - len(cell.lstrip()))
        spans.append((a, a + len(stripped)))
    return spans


def _image_alt(
    token: Token, lines: list[str], offsets: list[int], context: tuple[str, ...]
) -> Iterator[Segment]:
    first_line, column, piece = _content_lines(token, lines)[0]
    opening = piece.find("![")
    close = _matching_bracket(piece, opening + 1)
    if opening < 0 or close < 0:
        return
    alt = piece[opening + 2 : close]
    if alt.strip():
        start = offsets[first_line] + column + opening + 2
        yield Segment(alt, "image alt text", first_line + 1, context, start, start + len(alt))


def _matching_bracket(text: str, opening: int) -> int:
    depth = 0
    escaped = False
    for i in range(opening, len(text)):
        ch = text[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _front_matter(token: Token, lines: list[str], offsets: list[int]) -> Iterator[Segment]:
    """The title and description of a YAML front matter block (plain or quoted scalars)."""
    assert token.map is not None
    for index in range(token.map[0] + 1, token.map[1] - 1):
        line = lines[index].rstrip("\r\n")
        key, sep, rest = line.partition(":")
        if not sep or key.strip() != key or key not in FRONT_MATTER_FIELDS:
            continue
        value = rest.strip()
        a = len(line) - len(rest.lstrip())
        b = len(line.rstrip())
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = _unquote(value)
        if value:
            yield Segment(
                value,
                f"front matter {key}",
                index + 1,
                (),
                offsets[index] + a,
                offsets[index] + b,
            )


def _unquote(value: str) -> str:
    inner = value[1:-1]
    if value[0] == "'":
        return inner.replace("''", "'")
    return inner.replace('\\"', '"').replace("\\\\", "\\")


def render(
    text: str,
    translate: Callable[[Segment], str | None],
    segments: list[Segment] | None = None,
) -> str:
    """The document with each segment replaced by ``translate(segment)``.

    ``translate`` returns None (or the msgid itself) to keep the source text, so an
    empty catalogue reproduces the document byte for byte.
    """
    out: list[str] = []
    position = 0
    for seg in sorted(segments if segments is not None else segment(text), key=lambda s: s.start):
        replacement = translate(seg)
        if replacement is None or replacement == seg.text:
            continue
        out.append(text[position : seg.start])
        out.append(_placed(seg, replacement))
        position = seg.end
    out.append(text[position:])
    return "".join(out)


def _placed(seg: Segment, translation: str) -> str:
    """A translation written the way its segment's place in the source needs it."""
    if seg.kind.startswith("front matter"):
        return _yaml_scalar(translation.replace("\n", " ").strip())
    if seg.kind.startswith("table"):
        return _escape_pipes(translation.replace("\n", " "))
    if seg.kind == "image alt text":
        return translation.replace("\n", " ")
    return ("\\\n" + seg.indent).join(part.strip() for part in translation.split("\n"))


def _yaml_scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain when that is safe, else double-quoted."""
    plain_safe = (
        value
        and value[0] not in "!&*-?:,[]{}#|>@`'\"%"
        and ": " not in value
        and " #" not in value
        and value == value.strip()
    )
    if plain_safe:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _escape_pipes(text: str) -> str:
    out: list[str] = []
    escaped = False
    for ch in text:
        if ch == "|" and not escaped:
            out.append("\\")
        out.append(ch)
        escaped = ch == "\\" and not escaped
    return "".join(out)


def translations_from(mapping: Mapping[str, str]) -> Callable[[Segment], str | None]:
    """A ``translate`` function over a plain msgid → msgstr mapping."""
    return lambda seg: mapping.get(seg.text) or None


@dataclass(frozen=True)
class InlineMarkup:
    """What a translation must keep of a segment: inline markup kinds and link targets."""

    kinds: tuple[str, ...]
    targets: tuple[str, ...]


@cache
def html_elements() -> frozenset[str]:
    """Tag names of HTML elements: a translator must keep these, but text in angle
    brackets that names no element is prose."""
    from markdown_it.common.html_blocks import block_names

    return frozenset(block_names) | frozenset(
        "a abbr acronym applet audio b base big blink bdi bdo br button canvas cite code "
        "data del dfn em embed font i iframe img input ins kbd label link map mark marquee "
        "math meta noscript object picture q rp rt ruby s samp script select slot small "
        "source span strike strong style sub sup svg template textarea time title tt u var "
        "video wbr".split()
    )


# A destination may hold balanced parentheses, as CommonMark's do: alert(document.cookie)
_RAW_TARGET = re.compile(
    r"\]\(\s*<?((?:javascript|vbscript|data|file):"
    r"(?:[^()\s<>]|\((?:[^()\s<>]|\([^()\s<>]*\))*\))*)",
    re.IGNORECASE,
)
_MARKUP_KINDS = {"em_open", "strong_open", "code_inline", "link_open", "image", "html_inline"}


_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)(?=[\s/>])([^<>]*)>")
#: What follows a start tag's name when it is words in angle brackets, not attributes:
#: two bare words or more, no "=" and no "/" ("<link is missing>", "<Link a new
#: account>"). A tag's attributes in a message carry values (href="…").
_BARE_WORDS = re.compile(r"\s+[^\W\d_]+(?:\s+[^\W\d_]+)+\s*")
#: Elements that only style their text: a translation that drops one loses emphasis,
#: not function (the HTML standard's phrasing elements that carry no behaviour).
#: Superscript and subscript are typography a language may need where English has
#: none: French ordinals ("1<sup>er</sup>"), as Django's humanize catalogue has them.
#: Line breaks and inline quotation are typography too: a translation may wrap its
#: lines elsewhere ("<br>") or quote with its own marks instead of ``<q>``.
EMPHASIS_ELEMENTS = frozenset(
    "b i em strong u s small mark span font big tt strike sup sub br wbr q".split()
)


def html_tags(text: str) -> dict[str, int]:
    """The HTML tags of a program message, counted by name (``<a>``, ``</a>``, ``<br>``).

    For text that is not Markdown: there, ``*`` and ``_`` are prose, and only real
    elements' tags are markup ("<original entry>" is text), with attributes, not
    words, after the name ("<link is missing>" is text too).
    """
    if "<" not in text:
        return {}
    counts: dict[str, int] = {}
    elements = html_elements()
    for closing, name, rest in _HTML_TAG.findall(text):
        if not closing and rest and _BARE_WORDS.fullmatch(rest):
            continue  # text in angle brackets
        name = name.lower()
        if name in elements or "-" in name:
            key = f"<{closing}{name}>"
            counts[key] = counts.get(key, 0) + 1
    return counts


@lru_cache(maxsize=8192)
def inline_markup(text: str) -> InlineMarkup:
    """The inline markup of a segment's text, counted by kind, with its link targets."""
    if not any(c in text for c in "*_`[<"):
        return InlineMarkup((), ())  # no emphasis, code, link, image, tag or autolink
    kinds: list[str] = []
    targets: list[str] = []
    for token in markdown_parser().parseInline(text)[0].children or []:
        if token.type not in _MARKUP_KINDS:
            continue
        if token.type == "html_inline":
            tag = re.match(r"</?\s*([A-Za-z][\w-]*)", token.content)
            name = tag.group(1).lower() if tag else ""
            if name not in html_elements() and "-" not in name:  # custom elements have a "-"
                continue  # "<<original entry>>" and the like: text, not a tag
            kinds.append(f"<{name}>")
        else:
            kinds.append(token.type.removesuffix("_open"))
        target = token.attrs.get("href") if token.type == "link_open" else token.attrs.get("src")
        if target is not None:
            targets.append(str(target))
    # A link markdown-it refuses (javascript:, vbscript:) is still a link target in the
    # text: count it, so a translation cannot slip one in as "plain text".
    targets.extend(t for t in _RAW_TARGET.findall(text) if t not in targets)
    return InlineMarkup(tuple(sorted(kinds)), tuple(sorted(targets)))
