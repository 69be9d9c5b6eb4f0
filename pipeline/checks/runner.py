"""Running the checks: files to units, units through the selected checks, in parallel.

Paths may be Markdown or plain-text sources, .po or .pot catalogues, or directories
of them. A catalogue's expected language comes from its Language header, else from
its ``<lang>/LC_MESSAGES/`` path. Entries can opt out of a check with Weblate-style
flags: ``#, ignore-<code>`` or ``#, ignore-all-checks``.
"""

from __future__ import annotations

import bisect
import gc
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

import pipeline.checks.catalogue
import pipeline.checks.format
import pipeline.checks.languages
import pipeline.checks.terms  # noqa: F401  (each module registers its checks)
from pipeline import catalogs, poread, scripts
from pipeline.checks import REGISTRY, Check, Context, Finding, Unit
from pipeline.errors import UserError
from pipeline.language import is_modelled
from pipeline.segments import read_document, segment

_NEWLINE = re.compile("\n")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
SOURCE_SUFFIXES = (".md", ".markdown", ".txt")
CATALOGUE_SUFFIXES = (".po", ".pot")
_FORK = multiprocessing.get_context("fork")
_PARALLEL_THRESHOLD = 4000  # entries: below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Target:
    """One file to check, as the user named it, and the language its text should be in."""

    path: Path
    shown: str
    expected: str | None = None


@dataclass
class Outcome:
    """What the summary of a run reports."""

    files: int = 0
    units: int = 0
    languages: set[str] = field(default_factory=set)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (severity, code)

    def add(self, result: FileResult) -> None:
        self.units += result.units
        self.languages.add(result.expected)
        self.counts.update(result.counts)

    @property
    def unmodelled(self) -> list[str]:
        return sorted(lang for lang in self.languages if not is_modelled(lang.split("_")[0]))


def select_checks(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Check]:
    """The registered checks to run, after --select and --ignore (unknown codes refused)."""
    select, ignore = list(select), list(ignore)
    for code in [*select, *ignore]:
        if code not in REGISTRY:
            raise UserError(f"unknown check code {code!r}; `l10n check --list` shows them all")
    chosen = select or list(REGISTRY)
    return [REGISTRY[c] for c in REGISTRY if c in chosen and c not in ignore]


def expand(paths: Sequence[Path], cwd: Path | None = None) -> list[Target]:
    """The files named by ``paths``: files as given, directories searched recursively."""
    cwd = cwd or Path.cwd()
    targets: list[Target] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix in (*SOURCE_SUFFIXES, *CATALOGUE_SUFFIXES)
            )
            targets.extend(Target(p, shown(p, cwd)) for p in found)
        elif path.is_file() or path.suffix in (*SOURCE_SUFFIXES, *CATALOGUE_SUFFIXES):
            if not path.exists():
                raise UserError(f"{path}: no such file")
            if path.suffix not in (*SOURCE_SUFFIXES, *CATALOGUE_SUFFIXES):
                raise UserError(f"{path}: not a .md, .txt, .po or .pot file")
            targets.append(Target(path, shown(path, cwd)))
        else:
            raise UserError(f"{path}: no such file or directory")
    return targets


def shown(path: Path, cwd: Path) -> str:
    """The path as given, or relative to the cwd."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def language_from_path(path: Path) -> str | None:
    parts = path.resolve().parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3]
    return None


# -- units -------------------------------------------------------------------


def catalogue_units(
    target: Target, source_language: str, report_syntax: bool = True
) -> tuple[list[Unit], list[Finding], str]:
    """Every active entry of a catalogue as a unit, or a syntax finding if it won't parse."""
    try:
        entries, metadata = catalogs.read_entries(target.path)
    except catalogs.CatalogueSyntaxError as error:
        expected = target.expected or language_from_path(target.path) or "und"
        broken = Finding(
            target.shown, error.line, None, "syntax", "error", error.reason, None, expected
        )
        return [], [broken] if report_syntax else [], expected
    if target.path.suffix == ".pot":
        expected = source_language
        units = [
            Unit(target.shown, e.linenum, e.msgid, expected, flags=frozenset(e.flags))
            for e in entries
            if not e.obsolete and e.msgid
        ]
        return units, [], expected
    expected = (
        target.expected
        or metadata.get("Language", "").strip().replace("-", "_")
        or language_from_path(target.path)
    )
    if not expected:
        raise UserError(
            f"{target.shown}:1: no Language header and no <lang>/LC_MESSAGES/ path: "
            "cannot tell which language to expect"
        )
    return (
        [_entry_unit(target.shown, e, expected) for e in entries if not e.obsolete and e.msgid],
        [],
        expected,
    )


def _entry_unit(path: str, entry: polib.POEntry | poread.Entry, expected: str) -> Unit:
    text = entry.msgstr
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        text = forms[0] if forms and all(forms) else ""
    flags = frozenset(entry.flags) if entry.flags else _NO_FLAGS
    # Only the markup and links checks read ``markdown``, and only on translated text.
    markdown = _from_markdown(entry) if text else True
    return Unit(
        path,
        entry.linenum,
        text,
        expected,
        entry.msgid,
        None,
        flags,
        entry.fuzzy,
        _ONE_LINE,
        markdown,
        entry.msgid_plural or None,
    )


_NO_FLAGS: frozenset[str] = frozenset()
_ONE_LINE = (0,)


def _from_markdown(entry: polib.POEntry | poread.Entry) -> bool:
    """Whether an entry's text is Markdown: it has no references, or one to a Markdown file."""
    if not entry.occurrences:
        return True
    for path, _ in entry.occurrences:  # a loop: cheaper than any() over a generator
        if path.endswith(MARKDOWN_SUFFIXES):
            return True
    return False


def source_units(target: Target, source_language: str) -> list[Unit]:
    """A source document's segments (Markdown) or non-empty lines (plain text) as units."""
    text = read_document(target.path)
    if target.path.suffix == ".txt":
        return [
            Unit(target.shown, number, line, source_language, column=1)
            for number, line in enumerate(text.splitlines(), start=1)
            if line.strip()
        ]
    units = []
    line_starts_cache: list[int] = _line_starts(text)
    for seg in segment(text):
        raw = text[seg.start : seg.end]
        first = _line_index(line_starts_cache, seg.start)
        column = seg.start - line_starts_cache[first] + 1
        starts = tuple(_line_starts(raw))
        units.append(
            Unit(target.shown, first + 1, raw, source_language, column=column, line_starts=starts)
        )
    return units


def _line_starts(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` start."""
    return [0, *(match.end() for match in _NEWLINE.finditer(text))]


def _line_index(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


# -- running -----------------------------------------------------------------


def check_units(units: Iterable[Unit], checks: Sequence[Check], ctx: Context) -> Iterator[Finding]:
    """Every finding of ``checks`` on ``units``, honouring each entry's ignore flags."""
    # Which checks apply, and the flag that silences each, worked out once rather
    # than for every unit and check: this loop runs ten times per catalogue entry.
    checks = [c for c in checks if c.per_unit]
    on_translations = [(c.function, f"ignore-{c.code}") for c in checks]
    on_empty = [(c.function, f"ignore-{c.code}") for c in checks if not c.needs_text]
    on_sources = [(c.function, f"ignore-{c.code}") for c in checks if c.applies_to_source]
    for unit in units:
        if unit.is_translation:
            plan = on_translations if unit.text else on_empty
        else:
            plan = on_sources
        flags = unit.flags
        if not flags:  # the common case: nothing to honour
            for function, _ in plan:
                yield from function(unit, ctx)
            continue
        if "ignore-all-checks" in flags:
            continue
        for function, ignore in plan:
            if ignore not in flags:
                yield from function(unit, ctx)


Render = Callable[[list[Finding]], str]


def _check_file(
    args: tuple[Target, tuple[str, ...], Context, Render],
) -> tuple[int, str, Counter[tuple[str, str]], str | None]:
    target, codes, ctx, render = args
    checks = [REGISTRY[c] for c in codes]
    if ctx.glossary_scope and not target.path.resolve().is_relative_to(ctx.glossary_scope):
        ctx = replace(ctx, glossary=())  # another project's files: our terms are not theirs
    if target.path.suffix in CATALOGUE_SUFFIXES:
        units, findings, expected = catalogue_units(target, ctx.source_language, "syntax" in codes)
    else:
        units, findings, expected = (
            source_units(target, ctx.source_language),
            [],
            ctx.source_language,
        )
    findings.extend(check_units(units, checks, ctx))
    findings.sort(key=_position)  # here, in the worker, not in the parent
    counts = Counter((f.severity, f.code) for f in findings)
    # Formatted here too: a string goes back to the parent far cheaper than findings.
    return len(units), expected, counts, render(findings) if findings else None


@dataclass(frozen=True)
class FileResult:
    """One file's findings, formatted in position order, and what the summary counts."""

    index: int  # the file's place among the targets
    shown: str
    units: int
    expected: str
    counts: Counter[tuple[str, str]]  # findings by (severity, code)
    rendered: str | None  # None: no findings


def run_files(
    targets: Sequence[Target],
    checks: Sequence[Check],
    ctx: Context,
    render: Render,
    jobs: int = 0,
) -> Iterator[FileResult]:
    """Check every target on ``jobs`` processes (0: one per core when it pays).

    Results come as files finish, not in order (``index`` says which target), each
    file's findings formatted by ``render`` (a module-level function, so that
    workers can be sent it) where they were found.
    """
    codes = tuple(c.code for c in checks)
    work = [(t, codes, ctx, render) for t in targets]
    jobs = jobs or min(os.cpu_count() or 1, len(work))
    big = sum(_size_hint(t) for t in targets) > _PARALLEL_THRESHOLD
    if jobs > 1 and big and len(work) > 1:
        _warm_up()
        # Largest files first, handed out one at a time, so no worker idles at the end.
        order = sorted(range(len(work)), key=lambda i: -_size_hint(work[i][0]))
        # Workers live for one run and make no reference cycles worth collecting:
        # without the cyclic collector they spend ~8% less time.
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=_FORK, initializer=gc.disable
        ) as pool:
            futures = {pool.submit(_check_file, work[i]): i for i in order}
            try:
                for future in as_completed(futures):
                    yield _result(futures[future], targets, future.result())
            finally:  # an unreadable file ends the run: do not wait for the rest
                for future in futures:
                    future.cancel()
    else:
        for i, item in enumerate(work):
            yield _result(i, targets, _check_file(item))


def _result(
    index: int,
    targets: Sequence[Target],
    checked: tuple[int, str, Counter[tuple[str, str]], str | None],
) -> FileResult:
    return FileResult(index, targets[index].shown, *checked)


def _position(f: Finding) -> tuple[int, int, str]:
    return (f.line, f.column or 0, f.code)


def _warm_up() -> None:
    """Build the shared tables once in the parent; forked workers then share the pages."""
    scripts.autonyms()
    gc.freeze()  # keep the collector from touching (and so copying) inherited objects


def _size_hint(target: Target) -> int:
    """Roughly how many entries a file holds, from its size, to decide on parallelism."""
    try:
        return target.path.stat().st_size // 120
    except OSError:
        return 0
