"""A file's findings, formatted in the worker that checked it: rows that go back to
the parent as one UTF-8 string, with where each row is."""

from __future__ import annotations

import array
import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.checks import Finding

if TYPE_CHECKING:
    from pipeline.report import Format  # a type only: report formats what checks find


def position(f: Finding) -> tuple[int, int, str]:
    """Where a finding sorts in its file: line, column, code."""
    return (f.line, f.column or 0, f.code)


@dataclass
class Rendered:
    """A file's findings formatted, as one UTF-8 string, and where each one's row is.

    Encoded in the worker: the parent then only writes the bytes out.
    """

    data: bytes  # the rows, joined by the format's separator, UTF-8
    lines: array.array[int]  # each row's line in the file, in order
    lengths: array.array[int]  # each row's length in characters

    @classmethod
    def of(cls, findings: list[Finding], output: Format) -> Rendered:
        rows = output.rows(findings)
        return cls(
            output.separator.join(rows).encode(),
            array.array("l", [f.line for f in findings]),
            array.array("l", map(len, rows)),
        )

    def add(self, findings: list[Finding], output: Format) -> None:
        """Put findings made outside the worker each after the rows of its line."""
        text, step = self.data.decode(), len(output.separator)
        rows, start = [], 0
        for length in self.lengths:
            rows.append(text[start : start + length])
            start += length + step
        lines = list(self.lines)
        findings = sorted(findings, key=position)
        for finding, row in zip(findings, output.rows(findings), strict=True):
            at = bisect.bisect_right(lines, finding.line)
            lines.insert(at, finding.line)
            rows.insert(at, row)
        self.data = output.separator.join(rows).encode()
        self.lines = array.array("l", lines)
        self.lengths = array.array("l", map(len, rows))
