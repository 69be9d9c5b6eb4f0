"""Benchmark ``l10n check`` against pofilter and dennis on real catalogues with known faults.

Data (``--corpus``): ``sphinx`` (default), the ``.po`` catalogues shipped in the
pinned Sphinx wheel (see :mod:`faults`; downloaded once into ``bench/.cache/sphinx``),
written to the tree as ``<lang>/LC_MESSAGES/sphinx.po``; or a split of
:mod:`corpora`, ``tuning`` or ``reporting``: for each of its projects and languages,
the project's largest catalogue (at least 20 translated entries, English ones left
out), written as ``<project>/<lang>/LC_MESSAGES/<project>.po``. A catalogue's key
(the ``catalogue`` of an entry and of a finding) is the path of its ``LC_MESSAGES``
directory's parent in the tree: ``<lang>``, ``<project>/<lang>``.

Six kinds of fault (:data:`faults.KINDS`) are injected into a seeded sample of
translated entries of the non-English catalogues, at most one fault per entry
(swaps take the same message's translation in another catalogue of the same
project), and the whole tree is written to a temporary directory, with the ground
truth (file, msgid, fault kind, faulty msgstr) in ``ground_truth.json`` beside it.

Then, on that same tree, interleaved, ``--runs`` times each (median reported):

* ``l10n check --format json <tree>`` (one invocation; it uses both cores itself);
* ``pofilter -i <tree> -o <out>`` (translate-toolkit, every default test);
* ``dennis-cmd lint --reporter line <tree>``.

Each run is timed (wall clock) and its memory measured two ways: the peak of the
summed RSS of the whole process tree (sampled from ``/proc`` every 20 ms: workers
count) and the largest single process's max RSS (``/usr/bin/time -v``).

Scoring, against the ground truth:

* recall per fault kind: a fault is caught when a finding lands on its entry
  (catalogue + msgid). For l10n, any finding (an error, or the warning it gives for
  an unchanged msgid of one or two words), with error-level recall shown beside it;
  for pofilter and dennis,
  their check that corresponds (pofilter ``unchanged``, dennis ``W302``: neither
  has language identification or a script check). Their "any finding" recall is
  shown too, with the false-positive rate that criterion costs;
* l10n recall by length of the faulty msgstr (<20, 20-39, 40-79, 80+ characters:
  short strings are deliberately not decided);
* l10n's false-positive rate at error level on the untouched translated entries
  (and, beside it, the share its warnings flag)
  (non-fuzzy), excluding, for Sphinx, the entries judged real errors of the shipped
  catalogues in ``tests/data/language/sphinx_adjudicated.tsv`` (from numerator and
  denominator); "debatable" ones count as false positives. On the other corpora
  nothing is adjudicated: the rate is that of every error-level finding on an
  untouched entry, real defects of the shipped catalogues included.

Misses and false positives go to ``--out`` (``missed.tsv``, ``false_positives.tsv``)
with a copy of the ground truth.

Usage::

    .venv/bin/python bench/bench_check.py [--quick] [--corpus sphinx|tuning|reporting]
        [--per-kind 500] [--runs 3] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = ROOT / ".venv" / "bin"
OUT = HERE / ".cache" / "check"

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from faults import (  # noqa: E402  (sibling module, not a package)
    KINDS,
    Catalogue,
    Entry,
    Fault,
    catalogue_key,
    corpus_catalogues,
    load_adjudicated,
    make_faults,
    sphinx_corpus,
    sphinx_locale_dir,
)

from pipeline.language.scripts import language_of  # noqa: E402

Key = tuple[str, str]  # (catalogue key, msgid)
KeyOf = Callable[[str], str]  # a path a tool reports -> its catalogue's key

CORPORA = ("sphinx", "tuning", "reporting")

#: Display label and recall target of each fault kind.
KIND_LABELS = {
    "english: msgid": ("1 msgid left as msgstr", 0.95),
    "english: other text": ("2 other English text", 0.95),
    "swap: other script": ("3 other-script language", 0.99),
    "swap: same script": ("4 same-script language", 0.90),
    "mixed: 4-7 English words": ("5 4-7 English words in", 0.80),
    "script: 1-3 words": ("6 1-3 other-script words", 0.99),
}
REPORT_ORDER = (
    "english: msgid",
    "english: other text",
    "swap: other script",
    "swap: same script",
    "mixed: 4-7 English words",
    "script: 1-3 words",
)
BUCKETS = ((0, 20, "<20"), (20, 40, "20-39"), (40, 80, "40-79"), (80, 10**9, "80+"))
LANGUAGE_CODES = frozenset({"wrong-script", "wrong-language", "mixed-language", "unchanged"})
FP_TARGET = 0.005
TIME_RATIO_TARGET = 1.5
MEMORY_TARGET_MB = 500.0
SAMPLE_EVERY_S = 0.02
PSS_EVERY = 5
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
assert sorted(REPORT_ORDER) == sorted(KINDS) == sorted(KIND_LABELS)


# ---------------------------------------------------------------------------
# The faulty tree
# ---------------------------------------------------------------------------


def write_tree(catalogues: list[Catalogue], faults: list[Fault], tree: Path) -> None:
    """Copy every catalogue to ``tree``, with the faults written into their entries."""
    by_catalogue: dict[str, dict[tuple[str | None, str], Fault]] = defaultdict(dict)
    for f in faults:
        by_catalogue[f.entry.catalogue][(f.entry.context, f.entry.msgid)] = f
    for catalogue in catalogues:
        dest = tree / catalogue.file
        dest.parent.mkdir(parents=True, exist_ok=True)
        wanted = by_catalogue.get(catalogue.key)
        if not wanted:
            shutil.copyfile(catalogue.path, dest)
            continue
        po = polib.pofile(catalogue.path)
        written = 0
        for entry in po:
            fault = wanted.get((entry.msgctxt, entry.msgid))
            if fault is not None and not entry.obsolete:
                entry.msgstr = fault.text
                written += 1
        if written != len(wanted):
            raise AssertionError(f"{catalogue.key}: wrote {written} of {len(wanted)} faults")
        po.save(str(dest))


def catalogue_files(tree: Path) -> list[Path]:
    """Every catalogue of a tree (or of pofilter's copy of it), sorted."""
    return sorted(tree.glob("**/LC_MESSAGES/*.po"))


def ground_truth(faults: list[Fault], files: dict[str, str]) -> list[dict[str, str]]:
    """The faults as JSON-ready records: file, msgid, kind, faulty msgstr."""
    return [
        {
            "file": files[f.entry.catalogue],
            "msgid": f.entry.msgid,
            "kind": f.kind,
            "msgstr": f.text,
            "original": f.entry.msgstr,
        }
        for f in faults
    ]


def line_map(tree: Path) -> dict[tuple[str, int], str]:
    """(catalogue, line number polib gives an entry) -> msgid, for dennis's line reports."""
    lines: dict[tuple[str, int], str] = {}
    for path in catalogue_files(tree):
        catalogue = catalogue_key(path, tree)
        for entry in polib.pofile(str(path)):
            lines[(catalogue, entry.linenum)] = entry.msgid
    return lines


# ---------------------------------------------------------------------------
# Running a tool: wall time and memory
# ---------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped.

    RSS (summed over the tree) every :data:`SAMPLE_EVERY_S`; PSS, which counts pages
    shared between a parent and its forked workers once, every
    :data:`PSS_EVERY` samples (reading it costs ~1 ms a process).
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.peak_processes = 0
        self._halt = threading.Event()

    def _tree(self) -> list[int]:
        seen, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            if pid not in seen:
                seen.append(pid)
                todo.extend(_children(pid))
        return seen

    def run(self) -> None:
        tick = 0
        while not self._halt.is_set():
            tree = self._tree()
            rss = sum(_rss_kb(pid) for pid in tree)
            if rss > self.peak_rss_kb:
                self.peak_rss_kb, self.peak_processes = rss, len(tree)
            if tick % PSS_EVERY == 0:
                self.peak_pss_kb = max(self.peak_pss_kb, sum(_pss_kb(pid) for pid in tree))
            tick += 1
            self._halt.wait(SAMPLE_EVERY_S)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# Used when /usr/bin/time is missing: a fresh interpreter runs the command and
# reports the largest max RSS among its descendants and their CPU time.
_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write('User time (seconds): %f\\n' % usage.ru_utime)\n"
    "    out.write('System time (seconds): %f\\n' % usage.ru_stime)\n"
    "    out.write('Maximum resident set size (kbytes): %d\\n' % usage.ru_maxrss)\n"
    "sys.exit(code)\n"
)


@dataclass
class Run:
    """One timed run of a tool."""

    wall_s: float
    cpu_s: float  # user + system, all processes
    max_rss_mb: float  # the largest single process (time -v / getrusage)
    tree_rss_mb: float  # peak of the summed RSS of the whole process tree
    tree_pss_mb: float  # peak of the summed PSS (shared pages counted once)
    processes: int  # processes alive at the RSS peak
    returncode: int


def measure(command: list[str], cwd: Path, stdout: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` once, stdout to a file, and measure it."""
    rusage_file = stdout.with_suffix(".rusage")
    if os.path.exists("/usr/bin/time"):
        wrapped = ["/usr/bin/time", "-v", "-o", str(rusage_file), *command]
    else:
        wrapped = [sys.executable, "-c", _RUSAGE_WRAPPER, str(rusage_file), *command]
    with open(stdout, "wb") as out, open(stdout.with_suffix(".stderr"), "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(process.pid)
        sampler.start()
        returncode = process.wait()
        wall = time.perf_counter() - start
        sampler.stop()
    usage: dict[str, float] = {}
    for line in rusage_file.read_text().splitlines():
        name, _, value = line.strip().rpartition(":")
        if name in ("User time (seconds)", "System time (seconds)"):
            usage[name] = float(value)
        elif name == "Maximum resident set size (kbytes)":
            usage[name] = int(value)
    # The sampled tree includes the time wrapper itself (about 2 MB); not subtracted.
    return Run(
        wall_s=wall,
        cpu_s=usage.get("User time (seconds)", 0.0) + usage.get("System time (seconds)", 0.0),
        max_rss_mb=usage.get("Maximum resident set size (kbytes)", 0) / 1024,
        tree_rss_mb=sampler.peak_rss_kb / 1024,
        tree_pss_mb=sampler.peak_pss_kb / 1024,
        processes=sampler.peak_processes,
        returncode=returncode,
    )


# ---------------------------------------------------------------------------
# The tools and their reports
# ---------------------------------------------------------------------------

Flags = dict[Key, set[str]]  # entry -> codes of its findings


@dataclass
class Tool:
    """A linter under test: how to run it, how to read its report, what counts."""

    name: str
    version: str
    command: Callable[[Path, Path], list[str]]  # (tree, run directory) -> argv
    parse: Callable[[Path, KeyOf], tuple[Flags, Flags, Flags]]  # -> (counted, any, errors)
    counted: str  # what "caught" means for this tool
    ok_returncodes: tuple[int, ...] = (0, 1)
    runs: list[Run] = field(default_factory=list)
    cold: Run | None = None  # l10n: a first run, with an empty cache directory
    counted_flags: Flags = field(default_factory=dict)
    any_flags: Flags = field(default_factory=dict)
    error_flags: Flags = field(default_factory=dict)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(r, attribute) for r in self.runs)


def parse_l10n(run_dir: Path, key_of: KeyOf) -> tuple[Flags, Flags, Flags]:
    """Every finding (counted, and any) and error-level ones, per entry, from the JSON report."""
    report = json.loads((run_dir / "stdout").read_text(encoding="utf-8"))
    errors: Flags = defaultdict(set)
    every: Flags = defaultdict(set)
    for f in report["findings"]:
        if f["msgid"] is None:
            continue
        key = (key_of(f["path"]), f["msgid"])
        every[key].add(f["code"])
        if f["severity"] == "error":
            errors[key].add(f["code"])
    return every, every, errors


def parse_pofilter(run_dir: Path, key_of: KeyOf) -> tuple[Flags, Flags, Flags]:
    """pofilter writes the failing units with ``# (pofilter) <test>: ...`` comments,
    in a copy of the tree under ``out``."""
    counted: Flags = defaultdict(set)
    every: Flags = defaultdict(set)
    for path in catalogue_files(run_dir / "out"):
        catalogue = catalogue_key(path, run_dir / "out")
        for entry in polib.pofile(str(path)):
            tests = {
                line.split(")", 1)[1].split(":", 1)[0].strip()
                for line in entry.tcomment.splitlines()
                if line.startswith("(pofilter)")
            }
            tests.discard("untranslated")  # empty msgstr: never one of ours
            if tests:
                every[(catalogue, entry.msgid)] |= tests
            if "unchanged" in tests:
                counted[(catalogue, entry.msgid)].add("unchanged")
    return counted, every, counted


def dennis_parser(
    lines: dict[tuple[str, int], str],
) -> Callable[[Path, KeyOf], tuple[Flags, Flags, Flags]]:
    """A parser for ``dennis-cmd lint --reporter line``: ``file: line: 0: CODE: message``."""

    def parse(run_dir: Path, key_of: KeyOf) -> tuple[Flags, Flags, Flags]:
        counted: Flags = defaultdict(set)
        every: Flags = defaultdict(set)
        for line in (run_dir / "stdout").read_text(encoding="utf-8").splitlines():
            parts = line.split(": ", 4)
            if len(parts) < 5 or not parts[0].endswith(".po"):
                continue
            path, number, _column, code, _message = parts
            catalogue = key_of(path)
            msgid = lines.get((catalogue, int(number)))
            if msgid is None:
                continue  # the header entry: not a message
            key = (catalogue, msgid)
            every[key].add(code)
            if code == "W302":
                counted[key].add(code)
        return counted, every, counted

    return parse


def version_of(package: str) -> str:
    """An installed distribution's version, or "not installed"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def tools(tree: Path, l10n: list[str]) -> list[Tool]:
    """The three linters, in report order; ``l10n`` is the command that runs l10n."""
    return [
        Tool(
            "l10n check",
            version_of("l10n"),
            lambda tree, run: [*l10n, "check", "--format", "json", str(tree)],
            parse_l10n,
            "any finding (errors, and warnings on unchanged msgids of 1-2 words)",
        ),
        Tool(
            "pofilter",
            version_of("translate-toolkit"),
            lambda tree, run: [
                str(VENV_BIN / "pofilter"),
                "--progress=none",
                "-i",
                str(tree),
                "-o",
                str(run / "out"),
            ],
            parse_pofilter,
            "test 'unchanged'",
            ok_returncodes=(0,),
        ),
        Tool(
            "dennis",
            version_of("dennis"),
            lambda tree, run: [
                str(VENV_BIN / "dennis-cmd"),
                "lint",
                "--reporter",
                "line",
                str(tree),
            ],
            dennis_parser(line_map(tree)),
            "rule W302 (unchanged)",
        ),
    ]


def run_tools(tree: Path, work: Path, linters: list[Tool], runs: int) -> None:
    """Run every tool ``runs`` times, interleaved, and parse each one's last report.

    l10n first runs once more with an empty cache directory (what a fresh machine
    pays for its derived tables); that run is reported apart, not in the medians.
    """
    ours = linters[0]
    cold_dir = work / "l10n-cold"
    cold_dir.mkdir()
    env = {**os.environ, "L10N_CACHE_DIR": str(cold_dir / "cache")}
    ours.cold = measure(ours.command(tree, cold_dir), work, cold_dir / "stdout", env)
    print(f"  cold run  {ours.name:<11} {ours.cold.wall_s:6.2f} s wall (empty cache)")
    for i in range(runs):
        for tool in linters:
            run_dir = work / f"{tool.name.split()[0]}-{i}"
            run_dir.mkdir()
            result = measure(tool.command(tree, run_dir), work, run_dir / "stdout")
            if result.returncode not in tool.ok_returncodes:
                stderr = (run_dir / "stdout.stderr").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{tool.name} exited {result.returncode}:\n{stderr}")
            tool.runs.append(result)
            print(
                f"  run {i + 1}/{runs} {tool.name:<11} {result.wall_s:6.2f} s wall "
                f"{result.cpu_s:6.2f} s cpu  tree RSS {result.tree_rss_mb:6.1f} MB "
                f"PSS {result.tree_pss_mb:6.1f} MB ({result.processes} processes)",
                flush=True,
            )
    for tool in linters:
        last = work / f"{tool.name.split()[0]}-{runs - 1}"
        parsed = tool.parse(last, lambda path: catalogue_key(path, tree, work))
        tool.counted_flags, tool.any_flags, tool.error_flags = parsed


def one_catalogue_at_a_time(tree: Path, work: Path, l10n: list[str]) -> Flags:
    """Entries l10n flags when each catalogue is checked in a run of its own.

    Then no other catalogue can show that a text was copied from it: what is
    caught is what language identification finds on its own. Two runs at a time.
    """
    from concurrent.futures import ThreadPoolExecutor

    def check(path: Path) -> str:
        command = [*l10n, "check", "--format", "json", str(path)]
        done = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr}")
        return done.stdout

    flags: Flags = defaultdict(set)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for output in pool.map(check, catalogue_files(tree)):
            for f in json.loads(output)["findings"]:
                if f["msgid"] is not None:
                    flags[(catalogue_key(f["path"], tree, work), f["msgid"])].add(f["code"])
    return flags


# ---------------------------------------------------------------------------
# Scoring and the report
# ---------------------------------------------------------------------------


def bucket(text: str) -> str:
    """The length bucket of a msgstr, in characters."""
    return next(label for low, high, label in BUCKETS if low <= len(text) < high)


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.2f}%" if whole else "n/a"


def mark(ok: bool) -> str:
    return "ok" if ok else "MISS"


def key_of(fault: Fault) -> Key:
    return (fault.entry.catalogue, fault.entry.msgid)


def recall(faults: Iterable[Fault], flags: Flags, codes: frozenset[str] | None = None) -> float:
    """Share of ``faults`` whose entry has a flag (among ``codes`` when given)."""
    faults = list(faults)
    if not faults:
        return float("nan")
    hits = sum(
        1 for f in faults if flags.get(key_of(f)) and (codes is None or flags[key_of(f)] & codes)
    )
    return hits / len(faults)


def untouched_entries(
    entries: list[Entry], faults: list[Fault], adjudicated: dict[Key, str]
) -> tuple[list[Entry], int]:
    """Untouched entries for the false-positive rate, and how many real errors were left out.

    One entry per (catalogue, msgid): findings name no msgctxt, so the entries of one
    msgid in several contexts count once.
    """
    faulted = {key_of(f) for f in faults}
    kept, real = [], 0
    seen: set[Key] = set()
    for e in entries:
        key = (e.catalogue, e.msgid)
        if key in faulted or key in seen:
            continue
        seen.add(key)
        if adjudicated.get(key) == "real":
            real += 1
            continue
        kept.append(e)
    return kept, real


def report_performance(linters: list[Tool]) -> bool:
    """The time and memory table; whether l10n met both targets."""
    dennis = next(t for t in linters if t.name == "dennis")
    base = dennis.median("wall_s")
    runs = len(dennis.runs)
    print(f"\n## Time and memory (median of {runs} runs each, same tree, interleaved)")
    print(
        f"{'tool':<12}{'version':<9}{'wall s':>8}{'min-max s':>14}{'vs dennis':>11}{'cpu s':>7}"
        f"{'tree RSS MB':>13}{'tree PSS MB':>13}{'max proc MB':>13}"
    )
    for tool in linters:
        walls = [r.wall_s for r in tool.runs]
        print(
            f"{tool.name:<12}{tool.version:<9}{tool.median('wall_s'):>8.2f}"
            f"{f'{min(walls):.2f}-{max(walls):.2f}':>14}"
            f"{tool.median('wall_s') / base:>10.2f}x{tool.median('cpu_s'):>7.2f}"
            f"{tool.median('tree_rss_mb'):>13.1f}{tool.median('tree_pss_mb'):>13.1f}"
            f"{tool.median('max_rss_mb'):>13.1f}"
        )
    ours = linters[0]
    ratio = ours.median("wall_s") / base
    memory = ours.median("tree_rss_mb")
    if ours.cold is not None:
        print(
            f"{ours.name} first run with an empty cache directory (CLDR autonyms and language "
            f"profiles built): {ours.cold.wall_s:.2f} s = {ours.cold.wall_s / base:.2f}x dennis"
        )
    print(
        f"target: l10n wall time <= {TIME_RATIO_TARGET}x dennis: {ratio:.2f}x "
        f"{mark(ratio <= TIME_RATIO_TARGET)}; peak memory (tree RSS) < "
        f"{MEMORY_TARGET_MB:.0f} MB: {memory:.0f} MB {mark(memory < MEMORY_TARGET_MB)}"
    )
    print(
        "(cpu: user+system of all its processes. tree RSS: peak of the RSS summed over the\n"
        f"process and its workers, sampled every {SAMPLE_EVERY_S * 1000:.0f} ms; it counts the "
        "pages forked workers share\nwith their parent once per process. tree PSS: the same "
        "with shared pages split between\nthe processes sharing them. max proc: largest "
        "single process, from /usr/bin/time -v.)"
    )
    return ratio <= TIME_RATIO_TARGET and memory < MEMORY_TARGET_MB


def report_recall(
    faults: list[Fault], linters: list[Tool], untouched: list[Entry], alone: Flags
) -> bool:
    """Recall per fault kind for every tool; whether l10n met every recall target."""
    by_kind: dict[str, list[Fault]] = defaultdict(list)
    for f in faults:
        by_kind[f.kind].append(f)
    ours, *others = linters
    print("\n## Recall per fault kind (a fault is caught when a finding lands on its entry)")
    print(
        f"l10n: {ours.counted}; 'errors': error-level findings only;\n"
        "'lang only': only wrong-script, wrong-language, mixed-language\n"
        "or unchanged findings count; '>=20 chars': faulty msgstrs of 20 characters or more\n"
        "(shorter text is deliberately not decided by language identification);\n"
        "'alone': each catalogue checked in a run of its own, so that no other catalogue\n"
        "shows where a text was copied from (language identification on its own)"
    )
    for tool in others:
        print(f"{tool.name}: {tool.counted} (its only corresponding check)")
    header = f"{'fault kind':<28}{'n':>5}{'l10n':>8}{'target':>8}{'':>6}{'errors':>8}"
    header += f"{'lang only':>11}"
    header += f"{'>=20 chars':>12}{'alone':>8}"
    header += "".join(f"{t.name:>11}" for t in others)
    print(header)
    all_met = True
    for kind in REPORT_ORDER:
        label, target = KIND_LABELS[kind]
        items = by_kind.get(kind, [])
        ours_recall = recall(items, ours.counted_flags)
        met = ours_recall >= target
        all_met &= met
        line = f"{label:<28}{len(items):>5}{ours_recall:>8.3f}{f'>={target:.2f}':>8}"
        line += f"{mark(met):>6}{recall(items, ours.error_flags):>8.3f}"
        line += f"{recall(items, ours.counted_flags, LANGUAGE_CODES):>11.3f}"
        long_enough = [f for f in items if len(f.text) >= 20]
        line += f"{recall(long_enough, ours.counted_flags):>12.3f}{recall(items, alone):>8.3f}"
        line += "".join(f"{recall(items, t.counted_flags):>11.3f}" for t in others)
        print(line)
    print("\nAny finding of the tool at all (incidental hits: startcaps, printf, ...), and the")
    print("share of untouched translated entries that criterion flags (its false-positive rate):")
    print(f"{'fault kind':<28}" + "".join(f"{t.name:>12}" for t in linters))
    for kind in REPORT_ORDER:
        items = by_kind.get(kind, [])
        print(
            f"{KIND_LABELS[kind][0]:<28}"
            + "".join(f"{recall(items, t.any_flags):>12.3f}" for t in linters)
        )
    line = f"{'flags untouched entries':<28}"
    for tool in linters:
        flagged = sum(1 for e in untouched if tool.any_flags.get((e.catalogue, e.msgid)))
        line += f"{pct(flagged, len(untouched)):>12}"
    print(line)
    return all_met


def report_buckets(faults: list[Fault], ours: Tool) -> None:
    """l10n recall per fault kind and length of the faulty msgstr."""
    print("\n## l10n recall by length of the faulty msgstr, in characters (recall / n)")
    print(f"{'fault kind':<28}" + "".join(f"{label:>16}" for _, _, label in BUCKETS))
    for kind in REPORT_ORDER:
        items = [f for f in faults if f.kind == kind]
        line = f"{KIND_LABELS[kind][0]:<28}"
        for _, _, label in BUCKETS:
            cell = [f for f in items if bucket(f.text) == label]
            line += (
                f"{f'{recall(cell, ours.counted_flags):.3f} /{len(cell)}':>16}"
                if cell
                else (f"{'- /0':>16}")
            )
        print(line)


def report_false_positives(
    untouched: list[Entry],
    real: int | None,
    ours: Tool,
    others: list[Tool],
    out: Path,
) -> bool:
    """l10n's error-level false-positive rate on untouched entries; whether it met the target.

    ``real``: how many adjudicated real errors were left out (Sphinx), or None when
    nothing is adjudicated and the rate counts real defects too.
    """
    flagged = [e for e in untouched if ours.error_flags.get((e.catalogue, e.msgid))]
    rate = len(flagged) / len(untouched)
    if real is not None:
        print("\n## l10n false positives at error level on untouched entries")
        print(
            f"untouched translated (non-fuzzy) entries: {len(untouched)} "
            f"({real} adjudicated real errors of the shipped catalogues left out of both "
            "numerator and denominator; 'debatable' ones count as false positives)"
        )
    else:
        print("\n## l10n error findings on untouched entries")
        print(
            f"untouched translated (non-fuzzy) entries: {len(untouched)} (nothing adjudicated: "
            "the rate includes the real defects\nof the shipped catalogues, so it is an upper "
            "bound on the false-positive rate)"
        )
    ok = rate <= FP_TARGET
    print(
        f"flagged at error level: {len(flagged)} = {pct(len(flagged), len(untouched))}  "
        f"target <= {FP_TARGET:.1%} {mark(ok)}"
    )
    codes = Counter(c for e in flagged for c in ours.error_flags[(e.catalogue, e.msgid)])
    by_code = ", ".join(f"{c} {n}" for c, n in codes.most_common())
    print(f"by check (an entry may have several): {by_code}")
    english = [e for e in untouched if language_of(e.language) == "en"]
    english_flagged = [e for e in flagged if language_of(e.language) == "en"]
    rest = len(untouched) - len(english)
    if english:
        print(
            f"of which in English-variant catalogues (en_GB, ...): {len(english_flagged)} of "
            f"{len(english)}; without those catalogues: "
            f"{pct(len(flagged) - len(english_flagged), rest)} of {rest}"
        )
    language_flagged = [
        e for e in flagged if ours.error_flags[(e.catalogue, e.msgid)] & LANGUAGE_CODES
    ]
    print(
        "language checks alone (wrong-script, wrong-language, mixed-language, unchanged): "
        f"{pct(len(language_flagged), len(untouched))}"
    )
    warned = [
        e
        for e in untouched
        if ours.counted_flags.get((e.catalogue, e.msgid))
        and not ours.error_flags.get((e.catalogue, e.msgid))
    ]
    print(
        f"flagged by warnings only (unchanged msgids of 1-2 words, for review): "
        f"{pct(len(warned), len(untouched))}"
    )
    by_catalogue = Counter(e.catalogue for e in flagged)
    worst = ", ".join(f"{c} {n}" for c, n in by_catalogue.most_common(8))
    print(f"most flagged catalogues: {worst}")
    for tool in others:
        hits = sum(1 for e in untouched if tool.counted_flags.get((e.catalogue, e.msgid)))
        print(f"{tool.name} ({tool.counted}) on the same entries: {pct(hits, len(untouched))}")
    with open(out / "false_positives.tsv", "w", encoding="utf-8") as handle:
        for e in flagged:
            codes_here = ",".join(sorted(ours.error_flags[(e.catalogue, e.msgid)]))
            row = (e.catalogue, codes_here, e.msgid, e.msgstr)
            handle.write("\t".join(x.replace("\n", "\\n") for x in row) + "\n")
    return ok


def report_projects(
    catalogues: list[Catalogue], faults: list[Fault], untouched: list[Entry], ours: Tool
) -> None:
    """l10n per project of a corpus: recall (any finding) per fault kind, error findings
    on untouched entries."""
    projects = sorted({c.project for c in catalogues}, key=[c.project for c in catalogues].index)
    print("\n## l10n by project (recall, any finding / n; error findings on untouched entries)")
    print(
        f"{'project':<16}{'cat.':>5}{'untouched':>10}{'errors':>8}"
        + "".join(f"{KIND_LABELS[k][0][0]:>11}" for k in REPORT_ORDER)
    )
    for project in projects:
        mine = [f for f in faults if f.entry.project == project]
        here = [e for e in untouched if e.project == project]
        flagged = sum(1 for e in here if ours.error_flags.get((e.catalogue, e.msgid)))
        line = f"{project:<16}{sum(c.project == project for c in catalogues):>5}"
        line += f"{len(here):>10}{pct(flagged, len(here)):>8}"
        for kind in REPORT_ORDER:
            items = [f for f in mine if f.kind == kind]
            cell = f"{recall(items, ours.counted_flags):.2f}/{len(items)}" if items else "-/0"
            line += f"{cell:>11}"
        print(line)


def write_misses(faults: list[Fault], ours: Tool, out: Path) -> None:
    """Every fault l10n missed, as TSV: kind, catalogue, msgid, faulty msgstr."""
    with open(out / "missed.tsv", "w", encoding="utf-8") as handle:
        for f in faults:
            if not ours.counted_flags.get(key_of(f)):
                row = (f.kind, f.entry.catalogue, f.entry.msgid, f.text)
                handle.write("\t".join(x.replace("\n", "\\n") for x in row) + "\n")


def load_corpus(
    corpus: str, locale_dir: str | None
) -> tuple[list[Catalogue], list[Entry], dict[Key, str]]:
    """The catalogues of ``corpus``, their entries, and the adjudicated Sphinx entries
    under the keys they have there (``sq``; ``sphinx/sq`` in the tuning split)."""
    adjudicated = load_adjudicated()
    if corpus == "sphinx":
        catalogues, entries = sphinx_corpus(sphinx_locale_dir(locale_dir))
        return catalogues, entries, adjudicated
    catalogues, entries, skipped = corpus_catalogues(corpus)
    left_out = "; ".join(f"{why}: {n}" for why, n in skipped.items())
    print(f"catalogues left out of the {corpus} corpus: {left_out}")
    renamed = {(f"sphinx/{c}", msgid): verdict for (c, msgid), verdict in adjudicated.items()}
    return catalogues, entries, renamed


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Build the faulty tree, run the three tools, print the tables.

    Returns 0 whether or not the targets are met (a benchmark reports, it does not
    gate); 2 when a compared tool is not installed.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 faults per kind, 1 run")
    parser.add_argument("--per-kind", type=int, help="faults per kind (default 500)")
    parser.add_argument("--runs", type=int, help="runs per tool (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--corpus",
        choices=CORPORA,
        default="sphinx",
        help="the Sphinx catalogues (default), or a split of bench/corpora.py: the largest "
        "catalogue of each project and language",
    )
    parser.add_argument("--locale-dir", help="a sphinx/locale directory (default: fetch)")
    parser.add_argument("--out", type=Path, help=f"where the TSVs go (default {OUT}[/<corpus>])")
    parser.add_argument("--keep", action="store_true", help="keep the temporary tree")
    parser.add_argument(
        "--l10n",
        default=str(VENV_BIN / "l10n"),
        help="the l10n command, split on spaces (to compare a candidate build)",
    )
    args = parser.parse_args(argv)
    if args.locale_dir and args.corpus != "sphinx":
        parser.error("--locale-dir is for --corpus sphinx")
    per_kind = args.per_kind or (100 if args.quick else 500)
    runs = args.runs or (1 if args.quick else 3)
    out = args.out or (OUT if args.corpus == "sphinx" else OUT / args.corpus)

    missing = [name for name in ("pofilter", "dennis-cmd") if not (VENV_BIN / name).exists()]
    if missing:
        print(
            f"{', '.join(missing)} not found in {VENV_BIN}: install the tools compared with\n"
            f"  {VENV_BIN / 'pip'} install translate-toolkit dennis",
            file=sys.stderr,
        )
        return 2
    start = time.perf_counter()
    catalogues, entries, adjudicated = load_corpus(args.corpus, args.locale_dir)
    # Findings name no msgctxt: a msgid in several contexts of one catalogue is no target.
    keys = Counter((e.catalogue, e.msgid) for e in entries)
    targets = [e for e in entries if not e.plural and keys[(e.catalogue, e.msgid)] == 1]
    faults = make_faults(
        entries,
        random.Random(args.seed),
        per_kind,
        targets=targets,
        exclusive=True,
        # Other English text: msgids of the corpus itself (Sphinx: the fr catalogue's).
        english=None if args.corpus == "sphinx" else sorted({e.msgid for e in entries}),
        adjudicated=adjudicated,
    )
    work = Path(tempfile.mkdtemp(prefix="bench-check-"))
    tree = work / "tree"
    write_tree(catalogues, faults, tree)
    truth = ground_truth(faults, {c.key: c.file for c in catalogues})
    out.mkdir(parents=True, exist_ok=True)
    for where in (work, out):
        (where / "ground_truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    counts = Counter(f.kind for f in faults)
    projects = Counter(c.project for c in catalogues)
    locales = {c.language for c in catalogues}
    print(
        f"corpus {args.corpus}: {len(catalogues)} catalogues of {len(projects)} "
        f"project{'s' if len(projects) > 1 else ''} ("
        + ", ".join(f"{p} {n}" for p, n in projects.items())
        + f"), {len({language_of(x) for x in locales})} languages ({len(locales)} locales)"
    )
    print(
        f"{len(entries)} translated entries in {len(catalogues)} catalogues; "
        f"{len(faults)} faults injected (seed {args.seed}: "
        + ", ".join(f"{KIND_LABELS[k][0][0]}: {counts[k]}" for k in REPORT_ORDER)
        + f") in {time.perf_counter() - start:.1f}s; tree {tree}"
    )
    try:
        # The tools run in the temporary directory: make paths given here absolute.
        l10n = [os.path.abspath(a) if os.path.exists(a) else a for a in shlex.split(args.l10n)]
        linters = tools(tree, l10n)
        run_tools(tree, work, linters, runs)
        # The adjudicated real errors are Sphinx's: elsewhere every error finding counts.
        sphinx = args.corpus == "sphinx"
        untouched, real = untouched_entries(entries, faults, adjudicated if sphinx else {})
        fast = report_performance(linters)
        alone = one_catalogue_at_a_time(tree, work, l10n)
        caught = report_recall(faults, linters, untouched, alone)
        report_buckets(faults, linters[0])
        precise = report_false_positives(
            untouched, real if sphinx else None, linters[0], linters[1:], out
        )
        if not sphinx:
            report_projects(catalogues, faults, untouched, linters[0])
        write_misses(faults, linters[0], out)
        print(f"\nmisses, false positives and ground truth in {out}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    met = fast and caught and precise
    print(f"all targets met: {'yes' if met else 'no'}  (total {time.perf_counter() - start:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
