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
from typing import TYPE_CHECKING, NamedTuple

import polib

import pipeline.checks.catalogue as catalogue_check
import pipeline.checks.format
import pipeline.checks.languages
import pipeline.checks.numbers
import pipeline.checks.terms  # noqa: F401  (each module registers its checks)
from pipeline import catalogue, language
from pipeline.catalogue import fastread as poread
from pipeline.checks import REGISTRY, Check, CheckFunction, Context, Finding, Unit, copies, whole
from pipeline.checks import languages as languages_check
from pipeline.checks import numbers as numbers_check
from pipeline.checks.copies import FileCandidates
from pipeline.checks.rendered import Rendered, position
from pipeline.document.segments import read_document, segment
from pipeline.errors import UserError
from pipeline.language import is_modelled, scripts

if TYPE_CHECKING:
    from pipeline.report import Format  # a type only: report formats what checks find

_NEWLINE = re.compile("\n")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
SOURCE_SUFFIXES = (".md", ".markdown", ".txt")
CATALOGUE_SUFFIXES = (".po", ".pot")
_FORK = multiprocessing.get_context("fork")
_PARALLEL_THRESHOLD = 4000  # entries: below this, starting workers costs more than it saves
#: The checks that need to know the file's language and script.
LANGUAGE_CODES = frozenset({"wrong-script", "wrong-language", "mixed-language"})


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
            if not found:
                raise UserError(f"{path}: a directory with no .po, .pot, .md or .txt file in it")
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


# -- units -------------------------------------------------------------------


class Loaded(NamedTuple):
    """A file read into units, what was found while reading it, and its language."""

    units: list[Unit]
    findings: list[Finding]
    expected: str
    language_checks: bool = True  # False: the file's language is unknown or not its own


def catalogue_units(target: Target, ctx: Context, report_syntax: bool = True) -> Loaded:
    """Every active entry of a catalogue as a unit, or a syntax finding if it won't parse."""
    source_language = ctx.source_language
    try:
        entries, metadata, defaults = catalogue.read_entries_and_defaults(target.path)
    except catalogue.CatalogueSyntaxError as error:
        expected = target.expected or catalogue.language_from_path(target.path) or "und"
        broken = Finding(
            target.shown, error.line, None, "syntax", "error", error.reason, None, expected
        )
        return Loaded([], [broken] if report_syntax else [], expected)
    if target.path.suffix == ".pot":
        expected = source_language
        units = [
            Unit(target.shown, e.linenum, e.msgid, expected, flags=frozenset(e.flags))
            for e in entries
            if not e.obsolete and e.msgid
        ]
        return Loaded(units, [], expected)
    header = metadata.get("Language", "").strip().replace("-", "_")
    path_language = catalogue.language_from_path(target.path)
    if not path_language and whole.placeable(target.path.stem.replace("-", "_")):
        path_language = target.path.stem.replace("-", "_")  # gettext's po/<lang>.po layout
    expected = target.expected or whole.catalogue_locale(header, path_language)
    header_line = _header_line(target.path)
    single = _first_form_is_single(metadata)
    unreferenced = _unreferenced_markdown(entries)
    units = [
        _entry_unit(target.shown, e, expected or "und", single, unreferenced, defaults)
        for e in entries
        if not e.obsolete and e.msgid
    ]
    if not expected:
        # One catalogue that cannot say its language is a warning, never the end of the run.
        return Loaded(units, [whole.unknown_language(target.shown, header_line)], "und", False)
    units, found = whole.pseudo_translations(target.shown, units, expected, header_line)
    if report_syntax:
        found.extend(
            Finding(
                target.shown,
                problem.line,
                None,
                "syntax",
                "error" if problem.at_run_time else "warning",
                problem.reason,
                None,
                expected,
            )
            for problem in catalogue.plural_problems(entries, metadata, header_line)
        )
    found.extend(whole.plural_forms(target.shown, header_line, metadata, expected, units))
    assessment = whole.assess(
        target.shown,
        units,
        expected,
        path_language if not target.expected else None,
        header_line,
        ctx,
    )
    found.extend(assessment.findings)
    if assessment.expected != expected:
        units = [u._replace(expected=assessment.expected) for u in units]
    return Loaded(units, found, assessment.expected, assessment.language_checks)


def _header_line(path: Path) -> int:
    """The line of the header's ``msgid ""``: where findings on the whole file go."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(65536)
    except OSError:
        return 1
    at = head.find(b'msgid ""')
    return head.count(b"\n", 0, at) + 1 if at >= 0 else 1


def _first_form_is_single(metadata: dict[str, str]) -> bool:
    """Whether Plural-Forms uses msgstr[0] for exactly one number (n == 1 in most)."""
    try:
        rule = catalogue.parse_plural_forms(metadata.get("Plural-Forms") or "")
    except ValueError:
        return False
    return rule.nplurals > 1 and 0 in rule.single_number_forms


def _entry_unit(
    path: str,
    entry: polib.POEntry | poread.Entry,
    expected: str,
    single: bool = False,
    unreferenced: bool = True,
    defaults: dict[int, str] | None = None,
) -> Unit:
    text = entry.msgstr
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        text = forms[0] if forms and all(forms) else ""
    flags = frozenset(entry.flags) if entry.flags else _NO_FLAGS
    # Only the markup and links checks read ``markdown``, and only on translated text.
    markdown = _from_markdown(entry, unreferenced) if text else True
    # A message key's English, from its "#. Default:" comment, is what it translates.
    source, key = entry.msgid, None
    default = defaults.get(entry.linenum) if defaults else None
    if default and default != entry.msgid and " " not in entry.msgid:
        source, key = default, entry.msgid
    return Unit(
        path,
        entry.linenum,
        text,
        expected,
        source,
        None,
        flags,
        entry.fuzzy,
        _ONE_LINE,
        markdown,
        entry.msgid_plural or None,
        entry.msgctxt,
        single and bool(entry.msgid_plural),
        key,
    )


_NO_FLAGS: frozenset[str] = frozenset()
_ONE_LINE = (0,)


def _from_markdown(entry: polib.POEntry | poread.Entry, unreferenced: bool = True) -> bool:
    """Whether an entry's text is Markdown: it references a Markdown file, or it has no
    reference and ``unreferenced`` (see :func:`_unreferenced_markdown`) says so."""
    if not entry.occurrences:
        return unreferenced
    for path, _ in entry.occurrences:  # a loop: cheaper than any() over a generator
        if path.endswith(MARKDOWN_SUFFIXES):
            return True
    return False


def _unreferenced_markdown(entries: Sequence[polib.POEntry | poread.Entry]) -> bool:
    """What an entry without references is: Markdown when other entries of its
    catalogue reference Markdown files, or when no entry has a reference but the
    catalogue is too small to tell; program text when the catalogue's references
    are all to code, or when it has none at all (``msgmerge --no-location``), as
    most catalogues are programs'."""
    referenced = False
    for entry in entries:
        for path, _ in entry.occurrences:
            if path.endswith(MARKDOWN_SUFFIXES):
                return True
            referenced = True
    return not referenced and len(entries) < _UNREFERENCED_PROGRAM


#: A catalogue this large with no reference at all is a program's, stripped of them.
_UNREFERENCED_PROGRAM = 20


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
    # A fuzzy entry differs from its msgid by definition, and msgfmt leaves it out:
    # it gets the fuzzy warning, and content checks only when asked for, as warnings.
    on_fuzzy = on_translations if ctx.check_fuzzy else on_empty
    for unit in units:
        if unit.fuzzy and unit.is_translation:
            found = _planned(unit, on_fuzzy if unit.text else on_empty, ctx)
            yield from (f if f.code == "fuzzy" else f._replace(severity="warning") for f in found)
            continue
        plan = (on_translations if unit.text else on_empty) if unit.is_translation else on_sources
        if not unit.flags:  # the common case: nothing to honour
            for function, _ in plan:
                yield from function(unit, ctx)
        else:
            yield from _planned(unit, plan, ctx)


def _planned(unit: Unit, plan: list[tuple[CheckFunction, str]], ctx: Context) -> Iterator[Finding]:
    flags = unit.flags
    if "ignore-all-checks" in flags:
        return
    for function, ignore in plan:
        if ignore not in flags:
            yield from function(unit, ctx)


_Checked = tuple[int, str, Counter[tuple[str, str]], Rendered, FileCandidates | None, list[Finding]]


def _check_file(args: tuple[Target, tuple[str, ...], Context, Format, bool]) -> _Checked:
    try:
        return _check_one(args)
    except UserError:
        raise  # bad input: the run ends, with status 2
    except Exception as error:  # noqa: BLE001  (a bug, reported on its file)
        target, output = args[0], args[3]
        found = catalogue_check.failed(target.shown, target.expected or "und", error)
        return (
            0,
            found.expected,
            Counter({("error", "internal"): 1}),
            Rendered.of([found], output),
            None,
            [],
        )


def _check_one(args: tuple[Target, tuple[str, ...], Context, Format, bool]) -> _Checked:
    target, codes, ctx, output, compare = args
    checks = [REGISTRY[c] for c in codes]
    if ctx.glossary_scope and not target.path.resolve().is_relative_to(ctx.glossary_scope):
        ctx = replace(ctx, glossary=())  # another project's files: our terms are not theirs
    language_checks = True
    if target.path.suffix in CATALOGUE_SUFFIXES:
        loaded = catalogue_units(target, ctx, "syntax" in codes)
        units, expected, language_checks = loaded.units, loaded.expected, loaded.language_checks
        findings = [f for f in loaded.findings if f.code in codes]
    else:
        units, findings, expected = (
            source_units(target, ctx.source_language),
            [],
            ctx.source_language,
        )
    if not language_checks:
        checks = [c for c in checks if c.code not in LANGUAGE_CODES]
    elif target.path.suffix == ".po":
        # The rest of the catalogue is the alternative to "it is another language".
        ctx = replace(ctx, catalogue_profile=whole.CatalogueProfile(units))
    findings.extend(check_units(units, checks, ctx))
    findings.sort(key=position)  # here, in the worker, not in the parent
    shared, held = None, []
    if compare and language_checks and target.path.suffix == ".po" and units:
        shared = copies.candidates(target.shown, expected, units, findings)
        held = copies.to_hold(units, findings)
        if held:
            waiting = set(held)
            findings = [f for f in findings if f not in waiting]
    counts = Counter((f.severity, f.code) for f in findings)
    # Formatted here too: a string goes back to the parent far cheaper than findings.
    return len(units), expected, counts, Rendered.of(findings, output), shared, held


@dataclass
class FileResult:
    """One file's findings, formatted in position order, and what the summary counts."""

    index: int  # the file's place among the targets
    shown: str
    units: int
    expected: str
    counts: Counter[tuple[str, str]]  # findings by (severity, code)
    rendered: Rendered
    shared: FileCandidates | None  # entries to compare with other languages' catalogues
    held: list[Finding]  # numbers errors the other languages' translations may soften

    def add(self, findings: list[Finding], output: Format) -> None:
        """Findings made outside the worker (copies across catalogues)."""
        self.rendered.add(findings, output)
        self.counts.update((f.severity, f.code) for f in findings)


#: The checks whose findings the other languages' catalogues confirm or soften.
_COMPARED = frozenset({"wrong-language", "wrong-script", "mixed-language", "numbers", "unchanged"})


def run_files(
    targets: Sequence[Target],
    checks: Sequence[Check],
    ctx: Context,
    output: Format,
    jobs: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Check every target on ``jobs`` processes (0: one per core when it pays).

    Each file's findings are formatted as ``output`` says, where they were found.
    Then, when the run has catalogues of several languages, entries copied from
    another language's catalogue are looked for across them
    (:mod:`pipeline.checks.copies`). Results come in the targets' order.
    ``progress`` is told the files done and the findings so far as each file finishes.
    """
    codes = tuple(c.code for c in checks)
    catalogues = sum(1 for t in targets if t.path.suffix == ".po")
    # Across catalogues: copies of another language's text, numbers others localise,
    # msgids and words others keep.
    compare = catalogues > 1 and not _COMPARED.isdisjoint(codes)
    work = [(t, codes, ctx, output, compare) for t in targets]
    finished: dict[int, FileResult] = {}
    found = 0
    for index, checked in _checked(work, jobs):
        finished[index] = result = FileResult(index, targets[index].shown, *checked)
        if progress is not None:
            found += sum(result.counts.values())
            progress(len(finished), found)
    results = [finished[index] for index in range(len(work))]
    if compare:
        shared = {r.index: r.shared for r in results if r.shared is not None}
        held, copied = {r.index: r.held for r in results if r.held}, "wrong-language" in codes
        if len({s.expected for s in shared.values()}) > 1:
            for index, found in copies.find_copies(shared).items() if copied else ():
                results[index].add(found, output)
            # The other languages' translations of the held msgids, read once for all.
            others = copies.translations(
                shared, {f.msgid for found in held.values() for f in found if f.msgid}
            )
            held = languages_check.shared_terms(
                numbers_check.localised_samples(held, others), others
            )
            held = catalogue_check.kept_elsewhere(held, shared)
        for index, found in held.items():
            results[index].add(found, output)
    return results


def _checked(
    work: list[tuple[Target, tuple[str, ...], Context, Format, bool]], jobs: int
) -> Iterator[tuple[int, tuple]]:
    """Each work item's index and result, as the items finish."""
    jobs = jobs or min(os.cpu_count() or 1, len(work))
    big = sum(_size_hint(item[0]) for item in work) > _PARALLEL_THRESHOLD
    if jobs > 1 and big and len(work) > 1:
        _warm_up()
        # Largest files first, handed out one at a time, so no worker idles at the end.
        order = sorted(range(len(work)), key=lambda i: -_size_hint(work[i][0]))
        # Workers live for one run and make no reference cycles worth collecting:
        # without the cyclic collector they spend ~8% less time.
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_FORK) as pool:
            futures = {pool.submit(_check_file, work[i]): i for i in order}
            try:
                for future in as_completed(futures):
                    yield futures[future], future.result()
            finally:  # an unreadable file ends the run: do not wait for the rest
                for future in futures:
                    future.cancel()
    else:
        for i, item in enumerate(work):
            yield i, _check_file(item)


def _warm_up() -> None:
    """Build the shared tables once in the parent; forked workers then share the pages."""
    scripts.autonyms()
    scripts.script_of("a")  # compiles the pattern of every script (45 ms), once
    language.load_profiles()  # every worker needs most; the copy comparison too
    gc.freeze()  # keep the collector from touching (and so copying) inherited objects


def _size_hint(target: Target) -> int:
    """Roughly how many entries a file holds, from its size, to decide on parallelism."""
    try:
        return target.path.stat().st_size // 120
    except OSError:
        return 0
