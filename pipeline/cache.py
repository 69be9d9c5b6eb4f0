"""Derived data kept between runs: where it lives, and how it is read and written.

``l10n check`` derives three tables from its dependencies' data: CLDR's language
autonyms and plural rules (from Babel's locale files, about 0.15 s and 0.35 s) and
langdetect's profiles as log-probabilities (about 1 ms a language). All are kept in
the user's cache
directory, under names that carry the dependency's version, so that a new version
is a new file. A file is written whole (temporary file, then rename) or not at
all; one that cannot be read or does not check out is built again. Nothing here
is ever code: the formats are JSON and plain numbers, never pickle.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "read", "read_json", "write", "write_json"]


def cache_dir() -> Path:
    """``$L10N_CACHE_DIR``, else ``$XDG_CACHE_HOME/l10n``, else ``~/.cache/l10n``."""
    explicit = os.environ.get("L10N_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "l10n"


def read(name: str) -> bytes | None:
    """The cached file ``name``, or None when there is none or it cannot be read."""
    try:
        return (cache_dir() / name).read_bytes()
    except OSError:
        return None


def read_json(name: str) -> object | None:
    """The cached JSON file ``name``, parsed; None when there is none or it does not
    parse (the caller checks its shape, and builds the data again if it is wrong)."""
    data = read(name)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def write_json(name: str, value: object) -> None:
    """Store ``value`` as the JSON file ``name`` (see :func:`write`)."""
    write(name, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def write(name: str, data: bytes) -> None:
    """Store ``data`` as ``name``, whole or not at all; a cache that cannot be written
    is not an error (the next run builds the data again)."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
