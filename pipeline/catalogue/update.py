"""``l10n update`` on one file: read, refuse what a merge would guess about, merge, write.

The merge itself is :mod:`pipeline.catalogue.merge`; rapidfuzz and the writer are
imported only when a catalogue is actually merged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
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


#: Below this many bytes of catalogues, starting worker processes costs more than it saves.
PARALLEL_BYTES = 2_000_000


def update_catalogues(
    jobs: Sequence[tuple[Path, Path]], width: int = 79, workers: int = 0
) -> list[tuple[Path, bool, MergeStats]]:
    """Merge each (catalogue, template) pair, in parallel on every core when it pays.

    Results come back in the order of ``jobs``. Each catalogue is written whole or
    not at all, as :func:`update_catalogue` writes it; the first error (in order) is
    raised once every merge has finished.
    """
    size = sum(path.stat().st_size for path, _ in jobs if path.exists())
    workers = workers or (os.cpu_count() or 1)
    if len(jobs) < 2 or workers < 2 or size < PARALLEL_BYTES:
        return [_update_one(path, template, width) for path, template in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = [pool.submit(_update_one, path, template, width) for path, template in jobs]
        errors = [f.exception() for f in futures]
        for error in errors:
            if error is not None:
                raise error
        return [f.result() for f in futures]


def _update_one(path: Path, template: Path, width: int) -> tuple[Path, bool, MergeStats]:
    changed, stats = update_catalogue(path, read_template(template), width)
    return path, changed, stats


def read_template(path: Path) -> polib.POFile:
    """A template, read once per process (and again only if the file changed).

    The merge never modifies the template it is given, so every catalogue can share it.
    """
    return _template(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _template(path: Path, mtime: int) -> polib.POFile:
    return read_catalogue(path)
