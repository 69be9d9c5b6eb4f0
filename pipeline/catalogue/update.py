"""``l10n update`` on one file: read, refuse what a merge would guess about, merge, write.

The merge itself is :mod:`pipeline.catalogue.merge`; rapidfuzz and the writer are
imported only when a catalogue is actually merged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polib

from pipeline.catalogue.plurals import plural_problems
from pipeline.catalogue.read import CatalogueSyntaxError, read_catalogue
from pipeline.catalogue.write import write_if_changed

if TYPE_CHECKING:
    from pipeline.catalogue.merge import MergeStats


def update_catalogue(
    path: Path, template: polib.POFile, width: int = 79
) -> tuple[bool, MergeStats]:
    """Merge the template into the catalogue at ``path``; True if the file changed.

    A catalogue written with CRLF line endings keeps them.
    """
    catalogue = read_catalogue(path)
    check_mergeable(catalogue, path)
    from pipeline.catalogue.format import format_po
    from pipeline.catalogue.merge import merge_catalogue

    merged, stats = merge_catalogue(catalogue, template)
    text = format_po(merged, width)
    with open(path, "rb") as stream:
        crlf = b"\r\n" in stream.read(4096)
    if crlf:
        text = text.replace("\n", "\r\n")
    return write_if_changed(path, text), stats


def check_mergeable(po: polib.POFile, path: Path) -> None:
    """Refuse a catalogue that a merge would have to guess about: no header, bad plurals."""
    if not po.metadata:
        raise CatalogueSyntaxError(
            path, 1, 'no header entry (msgid ""): start the catalogue with `l10n init`'
        )
    for problem in plural_problems(po, po.metadata, 1):
        raise CatalogueSyntaxError(path, problem.line, problem.reason)
