"""Markdown in and out: source documents to segments, and segments back to documents.

``segments`` reads a document into text units and renders it back with
translations; ``build`` writes the translated Markdown; ``site/`` the website.
"""

from pipeline.document.build import (
    Rejected,
    SegmentText,
    build_markdown,
    segment_texts,
    translate_document,
)
from pipeline.document.segments import (
    InlineMarkup,
    Segment,
    inline_markup,
    read_document,
    render,
    segment,
)

__all__ = [
    "InlineMarkup",
    "Rejected",
    "Segment",
    "SegmentText",
    "build_markdown",
    "inline_markup",
    "read_document",
    "render",
    "segment",
    "segment_texts",
    "translate_document",
]
