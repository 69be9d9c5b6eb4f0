"""Findings to text, JSON, GitHub annotations and SARIF, and the exit status CI acts on.

Exit status: 0 no errors, 1 errors found (or warnings with --strict); usage and
unreadable input exit 2 before any report is written.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from pipeline.checks import Finding


def text_rows(findings: Sequence[Finding]) -> list[str]:
    """One line per finding: ``path:line:col: severity: [code] message``."""
    lines = []
    for f in findings:
        column = f":{f.column}" if f.column is not None else ""
        lines.append(f"{f.path}:{f.line}{column}: {f.severity}: [{f.code}] {f.message}")
    return lines


def github_rows(findings: Sequence[Finding]) -> list[str]:
    """GitHub Actions workflow commands, one annotation per finding."""
    lines = []
    for f in findings:
        where = f"file={_escape_property(f.path)},line={f.line}"
        if f.column is not None:
            where += f",col={f.column}"
        level = "error" if f.severity == "error" else "warning"
        lines.append(f"::{level} {where},title={f.code}::{_escape_data(f.message)}")
    return lines


class Format(NamedTuple):
    """How findings are written: one row each, and what goes between two rows."""

    rows: Callable[[Sequence[Finding]], list[str]]
    separator: str


def output_format(name: str) -> Format:
    """The :class:`Format` for ``--format`` (text, json, github or sarif)."""
    if name == "json":
        return Format(json_rows, JSON_SEPARATOR)
    if name == "sarif":
        return Format(sarif_rows, JSON_SEPARATOR)
    return Format(github_rows if name == "github" else text_rows, "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary(
    counts: Mapping[tuple[str, str], int], files: int, units: int, unmodelled: Sequence[str]
) -> dict[str, object]:
    """The counts every format ends with."""
    by_code: Counter[str] = Counter()
    for (_, code), n in counts.items():
        by_code[code] += n
    return {
        "files": files,
        "units": units,
        "errors": sum(n for (severity, _), n in counts.items() if severity == "error"),
        "warnings": sum(n for (severity, _), n in counts.items() if severity == "warning"),
        "by_code": dict(sorted(by_code.items())),
        "unmodelled_languages": list(unmodelled),
    }


def json_rows(findings: Sequence[Finding]) -> list[str]:
    """The findings as JSON objects, one per finding (:func:`assemble_json` joins them).

    Byte for byte what ``json.dumps`` writes for each finding as a dict (a test holds
    it to that), but filled into a template with the C string encoder ``json.dumps``
    itself uses: three times faster on the tens of thousands of rows a run over many
    catalogues reports.
    """
    return [
        f'{{"path": {_string(f.path)}, "line": {f.line}, "column": {_number(f.column)}, '
        f'"code": {_string(f.code)}, "severity": {_string(f.severity)}, '
        f'"message": {_string(f.message)}, "msgid": {_string(f.msgid)}, '
        f'"expected": {_string(f.expected)}, "detected": {_string(f.detected)}, '
        f'"fragment": {_string(f.fragment)}}}'
        for f in findings
    ]


def _string(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _number(value: int | None) -> str:
    return "null" if value is None else str(value)


JSON_SEPARATOR = ",\n  "


def assemble_json(chunks: Sequence[bytes], totals: dict[str, object]) -> bytes:
    """The whole JSON report, UTF-8, from chunks of :func:`json_rows` rows in order."""
    return b"".join(json_pieces(chunks, totals))


def json_pieces(chunks: Sequence[bytes], totals: dict[str, object]) -> Iterator[bytes]:
    """The JSON report as pieces to write one after another, never joined in memory.

    Bytes, not text: the chunks come from the workers already encoded, and a run
    over many catalogues writes tens of megabytes, which are written as they are.
    """
    yield b'{"findings": '
    yield from _array(chunks)
    yield b',\n "summary": '
    yield json.dumps(totals, ensure_ascii=False).encode()
    yield b"}"


def _array(chunks: Sequence[bytes]) -> Iterator[bytes]:
    """A JSON array of the rows in ``chunks``, one row a line."""
    present = [chunk for chunk in chunks if chunk]
    if not present:
        yield b"[]"
        return
    yield b"[\n  "
    separator = JSON_SEPARATOR.encode()
    for i, chunk in enumerate(present):
        if i:
            yield separator
        yield chunk
    yield b"\n]"


def exit_status(counts: Mapping[tuple[str, str], int], strict: bool = False) -> int:
    """1 when any error was found (any finding at all with ``strict``), else 0."""
    if any(n for (severity, _), n in counts.items() if severity == "error"):
        return 1
    return 1 if strict and any(counts.values()) else 0


# -- SARIF 2.1.0 (GitHub code scanning and other CI dashboards) --------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning"}


def sarif_rows(findings: Sequence[Finding]) -> list[str]:
    """One SARIF ``result`` object per finding (:func:`assemble_sarif` puts them in a run).

    Paths are relative to the working directory, as the run's ``%SRCROOT%`` base says;
    columns count code points, as the run's ``columnKind`` says.
    """
    rows = []
    for f in findings:
        region: dict[str, int] = {"startLine": f.line}
        if f.column is not None:
            region["startColumn"] = f.column
        location = {
            "physicalLocation": {
                "artifactLocation": _artifact(f.path),
                "region": region,
            }
        }
        result: dict[str, object] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        rows.append(json.dumps(result, ensure_ascii=False))
    return rows


def _artifact(path: str) -> dict[str, str]:
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": "%SRCROOT%"}


def assemble_sarif(
    chunks: Sequence[bytes], rules: Sequence[tuple[str, str, str]], version: str, cwd: Path
) -> bytes:
    """The SARIF log: one run of l10n, a rule per check code, the results in order.

    ``rules`` holds each check's (code, severity, one-line doc).
    """
    return b"".join(sarif_pieces(chunks, rules, version, cwd))


def sarif_pieces(
    chunks: Sequence[bytes], rules: Sequence[tuple[str, str, str]], version: str, cwd: Path
) -> Iterator[bytes]:
    """The SARIF log as pieces to write one after another (see :func:`json_pieces`)."""
    driver = {
        "name": "l10n",
        "version": version,
        "informationUri": "https://pypi.org/project/l10n/",
        "rules": [
            {
                "id": code,
                "name": code,
                "shortDescription": {"text": doc},
                "fullDescription": {"text": doc},
                "help": {"text": f"{doc} Silence it on one entry with `#, ignore-{code}`."},
                "defaultConfiguration": {"level": _SARIF_LEVEL[severity]},  # type: ignore[index]
            }
            for code, severity, doc in rules
        ],
    }
    head = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": cwd.resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
    }
    run = json.dumps(head, ensure_ascii=False, indent=None).encode()
    yield b'{"$schema": "' + SARIF_SCHEMA.encode() + b'", "version": "2.1.0", "runs": ['
    yield run[:-1]
    yield b', "results": '
    yield from _array(chunks)
    yield b"}]}\n"
