"""``l10n check`` on untouched real catalogues: error rates, adjudicated precision, time.

Data: the catalogues that real projects ship in their pinned PyPI wheels
(:mod:`corpora`), in two splits: **tuning** (their output may be read while the
check is changed) and **reporting** (only scored). Nothing is injected: every
error is a claim that a shipped translation is broken.

For each project, ``l10n check --format json`` runs on its whole tree, from
``bench/.cache/corpora`` so that paths read ``<project>/...``. Then:

* **errors per 10,000 translated entries**, per code and per project, with the
  share of entries that get any error (target: at most 0.3 %);
* **precision**: error findings are matched to the labels in ``bench/labels/``
  (one TSV per project: ``code``, ``path``, ``line``, ``verdict``, ...), kept in the
  repository and judged by people who read the language. ``real`` is a defect a
  maintainer would thank us for; ``false`` and ``debatable`` count against
  precision. Precision per code, from the labelled findings of the current run
  (targets: 0.95 overall, 0.90 per code); labelled real defects the run no longer
  reports are counted too, as lost;
* with ``--timing``, wall and CPU time of l10n against ``dennis-cmd lint`` on the
  same tree, interleaved, medians of ``--runs``.

``--sample N`` draws N error findings at random (``--seed``) among those without a
label, from the ``--split`` given, and writes them with their msgid, msgstr and
message to ``bench/labels/todo/<project>.tsv`` for adjudication; copy the judged
rows into ``bench/labels/<project>.tsv``.

Usage::

    .venv/bin/python bench/bench_real.py [--split reporting] [--timing --runs 3]
    .venv/bin/python bench/bench_real.py --split reporting --sample 250 --seed 11
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = ROOT / ".venv" / "bin"
LABELS = HERE / "labels"
OUT = HERE / ".cache" / "real"

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpora  # noqa: E402  (sibling module)

from pipeline.catalogue import read_entries  # noqa: E402

ERROR_SHARE_TARGET = 0.003
PRECISION_TARGET = 0.95
CODE_PRECISION_TARGET = 0.90
#: Labelled error findings of the reporting split needed before precision counts.
MIN_LABELLED = 200
LABEL_FIELDS = ("code", "path", "line", "verdict", "language", "msgid", "msgstr", "message", "note")
VERDICTS = ("real", "false", "debatable")


@dataclass
class Result:
    """One project's run."""

    project: str
    split: str
    catalogues: int = 0
    languages: int = 0
    unmodelled: int = 0
    unmodelled_codes: set[str] = field(default_factory=set)
    entries: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: int = 0
    entries_with_error: int = 0
    returncode: int = 0
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    dennis_wall: list[float] = field(default_factory=list)
    dennis_cpu: list[float] = field(default_factory=list)


def translated_entries(project: str) -> int:
    """Translated, non-fuzzy, non-obsolete entries of the project's catalogues."""
    total = 0
    for path in corpora.catalogues(project):
        try:
            entries, _ = read_entries(Path(path))
        except Exception:  # a catalogue that does not parse has no entries to count
            continue
        for e in entries:
            if e.obsolete or not e.msgid or "fuzzy" in e.flags:
                continue
            if e.msgstr or any(e.msgstr_plural.values()):
                total += 1
    return total


def timed(command: list[str], cwd: Path, stdout: Path | None = None) -> tuple[int, float, float]:
    """Run ``command``; its return code, wall time and CPU time (children's user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        done = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.returncode, wall, cpu


def run_project(
    project: str, l10n: list[str], timing: bool, runs: int, reuse: bool = False
) -> Result:
    """Check one project (``runs`` times with ``timing``, dennis interleaved); read its report."""
    result = Result(project, corpora.split_of(project))
    corpora.corpus_dir(project)
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / f"{project}.json"
    for _ in range(runs if timing else 1):
        if reuse and report.exists():
            break
        code, wall, cpu = timed(
            [*l10n, "check", "--format", "json", project], corpora_root(), report
        )
        result.returncode = code
        result.wall.append(wall)
        result.cpu.append(cpu)
        if timing:
            dennis = [str(VENV_BIN / "dennis-cmd"), "lint", "--reporter", "line", project]
            _, wall, cpu = timed(dennis, corpora_root())
            result.dennis_wall.append(wall)
            result.dennis_cpu.append(cpu)
    data = json.loads(report.read_text(encoding="utf-8"))
    result.catalogues = len(corpora.catalogues(project))
    result.unmodelled_codes = set(data["summary"].get("unmodelled_languages", ()))
    result.unmodelled = len(result.unmodelled_codes)
    result.errors = [f for f in data["findings"] if f["severity"] == "error"]
    result.warnings = sum(1 for f in data["findings"] if f["severity"] == "warning")
    result.entries_with_error = len({(f["path"], f["line"]) for f in result.errors if f["msgid"]})
    result.languages = len(languages_of(project))
    result.entries = translated_entries(project)
    return result


def corpora_root() -> Path:
    """Where the checks run: a folder outside this repository, holding a link to each
    project, so that the paths read ``<project>/...`` and no ``[tool.l10n]`` table of
    ours (its glossary, its allowed words) reaches another project's catalogues, as
    none would in that project's own CI."""
    root = Path(tempfile.gettempdir()) / f"l10n-bench-corpora-{os.getuid()}"
    root.mkdir(exist_ok=True)
    for project in Path(corpora.CORPORA).iterdir():
        link = root / project.name
        if not link.is_symlink():
            link.symlink_to(project.resolve(), target_is_directory=True)
    return root


def languages_of(project: str) -> set[str]:
    """The locales of a project's catalogues, from their ``<lang>/LC_MESSAGES`` paths."""
    found = set()
    for path in corpora.catalogues(project):
        parts = Path(path).parts
        found.add(parts[-3] if len(parts) >= 3 and parts[-2] == "LC_MESSAGES" else Path(path).stem)
    return found


# -- labels ----------------------------------------------------------------------


def label_key(finding: dict) -> tuple[str, int, str]:
    return (finding["path"], int(finding["line"]), finding["code"])


def load_labels() -> dict[tuple[str, int, str], dict[str, str]]:
    """Every judged finding in ``bench/labels/*.tsv``."""
    labels: dict[tuple[str, int, str], dict[str, str]] = {}
    for path in sorted(LABELS.glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("verdict") not in VERDICTS:
                    continue
                labels[(row["path"], int(row["line"]), row["code"])] = row
    return labels


def msgstr_at(path: str, line: int) -> str:
    """The msgstr of the entry at ``line``: the last one that starts at or before it
    (polib counts an entry from its first comment line, the check from its msgid)."""
    import polib

    best = None
    for entry in polib.pofile(str(corpora_root() / path)):
        if entry.linenum <= line and (best is None or entry.linenum > best.linenum):
            best = entry
    if best is None:
        return ""
    return best.msgstr or " | ".join(v for _, v in sorted(best.msgstr_plural.items()))


def tsv(text: str | None) -> str:
    return (text or "").replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def write_sample(results: list[Result], labels: dict, size: int, seed: int) -> int:
    """Draw about ``size`` unlabelled error findings, the same number from each code
    (all of a code that has fewer), and write them to ``labels/todo/`` to be judged.

    Stratified by code, so that every code's precision rests on enough findings;
    :func:`report_precision` weighs each code by its share of the errors.
    """
    by_code: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        for f in r.errors:
            if label_key(f) not in labels:
                by_code[f["code"]].append(f)
    rng = random.Random(seed)
    picked: list[dict] = []
    left, codes = size, sorted(by_code, key=lambda c: len(by_code[c]))
    for i, code in enumerate(codes):
        pool = sorted(by_code[code], key=lambda f: (f["path"], f["line"]))
        take = min(len(pool), left // (len(codes) - i))
        picked += rng.sample(pool, take)
        left -= take
    by_project: dict[str, list[dict]] = defaultdict(list)
    for f in picked:
        by_project[f["path"].split("/", 1)[0]].append(f)
    todo = LABELS / "todo"
    todo.mkdir(parents=True, exist_ok=True)
    for project, findings in sorted(by_project.items()):
        with open(todo / f"{project}.tsv", "w", encoding="utf-8") as handle:
            handle.write("\t".join(LABEL_FIELDS) + "\n")
            for f in sorted(findings, key=lambda f: (f["expected"] or "", f["path"], f["line"])):
                row = {
                    "code": f["code"],
                    "path": f["path"],
                    "line": str(f["line"]),
                    "verdict": "",
                    "language": f["expected"] or "",
                    "msgid": tsv(f["msgid"]),
                    "msgstr": tsv(msgstr_at(f["path"], f["line"])) if f["msgid"] else "",
                    "message": tsv(f["message"]),
                    "note": "",
                }
                handle.write("\t".join(row[k] for k in LABEL_FIELDS) + "\n")
    return len(picked)


# -- report ----------------------------------------------------------------------


def per10k(count: int, entries: int) -> str:
    return f"{1e4 * count / entries:7.1f}" if entries else "    n/a"


def wilson(real: int, n: int) -> tuple[float, float]:
    """95 % Wilson interval of a proportion."""
    if n == 0:
        return (float("nan"), float("nan"))
    z = 1.96
    p = real / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def report_rates(results: list[Result]) -> bool:
    codes = sorted({f["code"] for r in results for f in r.errors})
    print("\n## Errors on untouched catalogues, per 10,000 translated entries\n")
    print(
        "| split | project | catalogues | locales | unmodelled | entries | errors/10k "
        f"| entries with an error | {' | '.join(codes)} |"
    )
    print("|" + "---|" * (8 + len(codes)))
    ok = True
    for split in corpora.SPLITS:
        rows = [r for r in results if r.split == split]
        if not rows:
            continue
        for r in rows + [_total(split, rows)]:
            by = Counter(f["code"] for f in r.errors)
            share = r.entries_with_error / r.entries if r.entries else 0.0
            cells = " | ".join(per10k(by[c], r.entries).strip() for c in codes)
            print(
                f"| {r.split} | {r.project} | {r.catalogues} | {r.languages} | {r.unmodelled} "
                f"| {r.entries} | "
                f"{per10k(len(r.errors), r.entries).strip()} | {100 * share:.2f} % | {cells} |"
            )
            if r.project.startswith("all ") and split == "reporting":
                ok = share <= ERROR_SHARE_TARGET
        print(f"|{'|'.join(' ' for _ in range(8 + len(codes)))}|")
    aborted = [r.project for r in results if r.returncode not in (0, 1)]
    print(f"\nruns that aborted (exit not 0 or 1): {', '.join(aborted) or 'none'}")
    locales = {(r.project, x) for r in results for x in languages_of(r.project)}
    print(f"locales over all projects: {len({x for _, x in locales})}")
    unmodelled = {x for r in results for x in r.unmodelled_codes}
    print(
        f"languages no langdetect profile models: {len(unmodelled)} "
        f"({', '.join(sorted(unmodelled))})"
    )
    return ok and not aborted


def _total(split: str, rows: list[Result]) -> Result:
    total = Result(f"all {split}", split)
    for r in rows:
        total.catalogues += r.catalogues
        total.entries += r.entries
        total.errors += r.errors
        total.entries_with_error += r.entries_with_error
        total.unmodelled_codes |= r.unmodelled_codes
    total.unmodelled = len(total.unmodelled_codes)
    total.languages = len({x for r in rows for x in languages_of(r.project)})
    return total


def report_precision(results: list[Result], labels: dict) -> bool:
    print("\n## Precision of error findings, from the labels in bench/labels/\n")
    print("The sample is drawn per code: 'all' weighs each code's precision by its errors.\n")
    print(
        "| split | code | errors | labelled | real | false | debatable | precision "
        "| 95 % interval |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    ok = True
    measured = False
    current = {label_key(f) for r in results for f in r.errors}
    for split in corpora.SPLITS:
        findings = [f for r in results if r.split == split for f in r.errors]
        if not findings:
            continue
        by_code: dict[str, Counter] = defaultdict(Counter)
        judged: set[tuple[str, int, str]] = set()
        for f in findings:
            key = label_key(f)
            label = labels.get(key)
            by_code[f["code"]]["errors"] += 1
            by_code["all"]["errors"] += 1
            if label and key not in judged:  # one verdict per entry and code
                judged.add(key)
                for group in (f["code"], "all"):
                    by_code[group][label["verdict"]] += 1
                    by_code[group]["labelled"] += 1
        weighted = 0.0
        # Codes with no labelled finding are left out of the weights, not counted as 0.
        weight = sum(c["errors"] for k, c in by_code.items() if k != "all" and c["labelled"])
        for code in sorted(by_code, key=lambda c: (c == "all", c)):
            c = by_code[code]
            n, real = c["labelled"], c["real"]
            precision = real / n if n else float("nan")
            low, high = wilson(real, n)
            if code == "all":
                # The sample is stratified by code: weigh each code by its share of errors.
                precision = weighted
                low = high = float("nan")
            elif n:
                weighted += precision * c["errors"] / weight
            print(
                f"| {split} | {code} | {c['errors']} | {n} | {real} | {c['false']} "
                f"| {c['debatable']} | {precision:.2f} | {low:.2f}-{high:.2f} |"
            )
            if split == "reporting" and n >= 10:
                target = PRECISION_TARGET if code == "all" else CODE_PRECISION_TARGET
                ok = ok and precision >= target
            if split == "reporting" and code == "all":
                measured = n >= MIN_LABELLED
    projects = {r.project for r in results}
    lost = [
        k
        for k, row in labels.items()
        if row["verdict"] == "real" and k not in current and k[0].split("/", 1)[0] in projects
    ]
    gone = sum(
        1
        for k, row in labels.items()
        if row["verdict"] != "real" and k not in current and k[0].split("/", 1)[0] in projects
    )
    print(
        f"\nlabelled real defects no longer reported: {len(lost)}; "
        f"labelled false alarms no longer reported: {gone}"
    )
    for k in sorted(lost):
        print(f"  lost: {k[0]}:{k[1]} [{k[2]}]")
    if not measured:
        print(f"fewer than {MIN_LABELLED} labelled reporting errors: precision not measured")
    return ok and measured


def report_timing(results: list[Result]) -> None:
    timed_results = [r for r in results if r.dennis_wall]
    if not timed_results:
        return
    print("\n## Time against dennis-cmd lint, same tree, interleaved (medians)\n")
    print(
        "| project | runs | l10n wall s | dennis wall s | wall ratio | l10n CPU s | dennis CPU s |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in timed_results:
        w, d = statistics.median(r.wall), statistics.median(r.dennis_wall)
        print(
            f"| {r.project} | {len(r.wall)} | {w:.2f} | {d:.2f} | {w / d:.2f}x | "
            f"{statistics.median(r.cpu):.2f} | {statistics.median(r.dennis_cpu):.2f} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*corpora.SPLITS, "all"], default="all")
    parser.add_argument("--project", action="append", help="only this project (repeatable)")
    parser.add_argument("--timing", action="store_true", help="time l10n against dennis")
    parser.add_argument("--runs", type=int, default=3, help="runs per tool with --timing")
    parser.add_argument("--sample", type=int, help="write this many unlabelled errors to judge")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--reuse", action="store_true", help="score the last run's reports")
    parser.add_argument("--l10n", default=str(VENV_BIN / "l10n"), help="the l10n command")
    args = parser.parse_args(argv)
    projects = args.project or [
        p for s, ps in corpora.SPLITS.items() if args.split in ("all", s) for p in ps
    ]
    l10n = [os.path.abspath(a) if os.path.exists(a) else a for a in shlex.split(args.l10n)]
    results = []
    for project in projects:
        start = time.perf_counter()
        results.append(run_project(project, l10n, args.timing, args.runs, args.reuse))
        print(f"  {project}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    labels = load_labels()
    rates_ok = report_rates(results)
    precise = report_precision(results, labels)
    report_timing(results)
    if args.sample:
        n = write_sample(results, labels, args.sample, args.seed)
        print(f"\n{n} unlabelled error findings written to {LABELS / 'todo'}")
    print(
        f"\nerror share target met (reporting): {'yes' if rates_ok else 'no'}; "
        f"precision targets met (reporting): {'yes' if precise else 'no'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
