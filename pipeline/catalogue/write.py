"""Writing files safely: atomic replacement, unchanged files left alone, and the lock.

This is the only module that writes catalogue files. Every write goes to a
temporary file in the same directory, is fsynced, then replaces the old file, and
a file whose content would not change is not touched at all (its mtime stays).
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib

from pipeline.errors import UserError


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Atomically write ``content`` to ``path`` unless it already holds exactly that.

    Returns True when the file was written. The new file keeps the old one's mode.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode if mode is not None else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def save_catalogue(po: polib.POFile, path: Path, width: int = 79) -> bool:
    """Write a catalogue exactly as GNU gettext would; True if the file changed."""
    from pipeline.catalogue.format import format_po

    return write_if_changed(path, format_po(po, width))


@contextmanager
def locked(folder: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the lock on ``folder`` while catalogues in it are read, merged and written.

    Two ``l10n update`` runs at once would each merge into the file the other is
    replacing; the second waits for the first, and gives up after ``timeout``. The
    lock is taken on the directory itself, so no lock file is ever left behind.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError(
                        f"{folder}: another l10n is running on these catalogues; "
                        f"gave up waiting after {timeout:g} s"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)
