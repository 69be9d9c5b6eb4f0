"""Translated Markdown: each source document rendered with one locale's catalogue.

Untranslated and fuzzy segments fall back to English. A translation that changes
its segment's inline markup or link targets is not used either: the segment falls
back to English and the build warns, naming the catalogue entry as ``path:line``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.catalogue import write_if_changed
from pipeline.document.segments import Segment, inline_markup, read_document, render, segment


@dataclass(frozen=True)
class Rejected:
    """A translation left out of the build because it breaks its segment."""

    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.reason}; the English text is used"


def markup_problem(source: str, translation: str) -> str | None:
    """Why ``translation`` cannot stand in for ``source``, or None if it can."""
    want, got = inline_markup(source), inline_markup(translation)
    if want.targets != got.targets:
        return f"link targets {list(got.targets)} differ from the source's {list(want.targets)}"
    if want.kinds != got.kinds:
        return f"inline markup {list(got.kinds)} differs from the source's {list(want.kinds)}"
    return None


def translate_document(
    text: str, po: polib.POFile | None, po_path: Path | None = None
) -> tuple[str, list[Rejected]]:
    """The document in the catalogue's language, and the translations that were refused."""
    if po is None:
        return text, []
    translate, rejected = _translator(po, po_path)
    return render(text, translate, segment(text)), rejected


@dataclass(frozen=True)
class SegmentText:
    """One segment as the reader of a translated document sees it.

    ``translated`` is False when the source text stands in: the entry is missing,
    empty or fuzzy, or its translation was refused. The HTML site marks those.
    """

    segment: Segment
    text: str
    translated: bool


def segment_texts(
    text: str, po: polib.POFile | None, po_path: Path | None = None
) -> tuple[list[SegmentText], list[Rejected]]:
    """Every segment of the document with the text shown for it, in document order.

    The same choices as :func:`translate_document`, one segment at a time, for
    renderers that need to know which segments fell back to the source.
    """
    segments = segment(text)
    if po is None:
        return [SegmentText(s, s.text, False) for s in segments], []
    translate, rejected = _translator(po, po_path)
    shown: list[SegmentText] = []
    for seg in segments:
        translation = translate(seg)
        if translation is None:
            shown.append(SegmentText(seg, seg.text, False))
        else:
            shown.append(SegmentText(seg, translation, True))
    return shown, rejected


def _translator(
    po: polib.POFile, po_path: Path | None
) -> tuple[Callable[[Segment], str | None], list[Rejected]]:
    """A ``translate`` function over the usable entries, and the list it fills with refusals."""
    usable = {
        e.msgid: e
        for e in po
        if not e.obsolete and not e.fuzzy and e.msgstr and not e.msgid_plural and not e.msgctxt
    }
    rejected: list[Rejected] = []
    checked: dict[str, str | None] = {}

    def translate(seg: Segment) -> str | None:
        entry = usable.get(seg.text)
        if entry is None:
            return None
        if seg.text not in checked:
            problem = markup_problem(seg.text, entry.msgstr)
            checked[seg.text] = None if problem else entry.msgstr
            if problem:
                rejected.append(Rejected(po_path or Path(po.fpath or "-"), entry.linenum, problem))
        return checked[seg.text]

    return translate, rejected


def build_markdown(
    sources: list[tuple[Path, str]], po: polib.POFile | None, po_path: Path | None, target: Path
) -> tuple[list[Path], list[Rejected]]:
    """Write every source document, translated, under ``target``; return what changed."""
    written: list[Path] = []
    rejected: list[Rejected] = []
    for source_path, name in sources:
        text = read_document(source_path)
        translated, refused = translate_document(text, po, po_path)
        rejected.extend(refused)
        destination = target / name
        if write_if_changed(destination, translated):
            written.append(destination)
    return written, rejected
