"""Errors a user can cause, each ending as one line ``path:line: what is wrong``.

The CLI prints them without a traceback and exits with status 2. Bugs still raise.
"""

from __future__ import annotations

import os
from pathlib import Path


class UserError(Exception):
    """Bad input, a bad option or an unreadable file: the message says what and where."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the cwd when it is inside it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
