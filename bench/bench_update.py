"""Benchmark catalogue updates: msgmerge vs pybabel vs ours, speed and quality.

For each size N (5,000 and 20,000 messages) it generates (once, cached in
``bench/.cache/N``) a catalogue and an edited template with
:mod:`generate`, then times, as a median of 3 runs on fresh copies:

* ``msgmerge -U --previous --backup=none cat.po new.pot`` (GNU gettext);
* ``pybabel update -i new.pot -o cat.po -l de`` (Babel); at 20k
  skipped when a run exceeds 120 s (at 5k it runs to the end: minutes);
* ours: ``l10n update --template new.pot cat.po`` ("ours-cli") when that
  command exists, and always a Python subprocess doing ``polib.pofile`` +
  ``merge_catalogue`` + ``save()`` ("ours-py"), so start-up and imports are
  counted like for the other tools; "ours-py" also reports how its time
  splits between parsing, merging and writing.

Quality, computed by reading each tool's output with polib against the
generator's ground truth:

* *recovered*: edited messages whose translation came from the right old
  msgid: its ``previous_msgid`` if there is one, else the translation itself
  (the generator's fake translations differ whenever msgids do, barring rare
  collisions of short fake words);
* *wrong src*: edited messages given the translation of another msgid;
* *wrong on new*: genuinely new messages that received any translation;
* *revived*: obsolete messages back in the template that got their
  translation back (not fuzzy).

Usage::

    .venv/bin/python bench/bench_update.py [--sizes 5000 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = ROOT / ".venv" / "bin"
CACHE = HERE / ".cache"
# pybabel's fuzzy matching is an all-pairs difflib scan: at 20k it is given
# 120 s per run and reported as skipped beyond that.  Smaller sizes run to the
# end (at 5k a run takes minutes).
PYBABEL_LIMIT_S = 120.0
PYBABEL_LIMIT_FROM_N = 20000

sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (sibling script, not a package)


@dataclass
class Quality:
    """Fuzzy-matching quality of one tool's output against the ground truth."""

    recovered: int
    wrong_source: int
    edited: int
    wrong_on_new: int
    new: int
    revived: int
    returning: int


@dataclass
class Result:
    tool: str
    n: int
    times: list[float]
    quality: Quality | None
    note: str = ""
    breakdown: dict[str, float] | None = None
    kind: str = "prose"

    @property
    def median(self) -> float:
        return statistics.median(self.times)


# --------------------------------------------------------------------------
# Our merge, run in a subprocess
# --------------------------------------------------------------------------


def run_ours_once(catalogue: Path, template: Path) -> dict[str, float]:
    """Read, merge, write; return the time of each phase (seconds)."""
    from pipeline.catalogue.merge import merge_catalogue

    t0 = time.perf_counter()
    pot = polib.pofile(str(template))
    t1 = time.perf_counter()
    po = polib.pofile(str(catalogue))
    t2 = time.perf_counter()
    merged, _stats = merge_catalogue(po, pot)
    t3 = time.perf_counter()
    merged.save(str(catalogue))
    t4 = time.perf_counter()
    return {"read_pot": t1 - t0, "read_po": t2 - t1, "merge": t3 - t2, "save": t4 - t3}


def _l10n_update_available() -> bool:
    exe = VENV_BIN / "l10n"
    if not exe.exists():
        return False
    probe = subprocess.run([str(exe), "update", "--help"], capture_output=True, check=False)
    return probe.returncode == 0


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------


def _timed(cmd: list[str], timeout: float | None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def _fresh_copy(data: Path, work: Path) -> tuple[Path, Path]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copy(data / "cat.po", work / "cat.po")
    shutil.copy(data / "new.pot", work / "new.pot")
    return work / "cat.po", work / "new.pot"


def bench_tool(
    tool: str,
    make_cmd: Callable[[Path, Path], list[str]],
    data: Path,
    truth: dict,
    runs: int,
    timeout: float | None = None,
    kind: str = "prose",
) -> Result:
    """Time ``runs`` runs of ``make_cmd(cat, pot)``; judge the last output."""
    n = truth["n"]
    times: list[float] = []
    breakdowns: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for run in range(runs):
            cat, pot = _fresh_copy(data, Path(tmp) / f"run{run}")
            try:
                elapsed, stdout = _timed(make_cmd(cat, pot), timeout)
            except subprocess.TimeoutExpired:
                skipped = f"skipped (>{timeout:.0f} s)"
                return Result(tool, n, [timeout or 0.0], None, skipped, kind=kind)
            times.append(elapsed)
            if stdout.strip().startswith("{"):
                breakdowns.append(json.loads(stdout))
            print(f"  {tool:<10} {kind:<5} N={n:>6} run {run + 1}: {elapsed:7.2f} s", flush=True)
        quality = judge(polib.pofile(str(cat)), truth)
    breakdown = None
    if breakdowns:
        breakdown = {k: statistics.median(b[k] for b in breakdowns) for k in breakdowns[0]}
    return Result(tool, n, times, quality, breakdown=breakdown, kind=kind)


# --------------------------------------------------------------------------
# Quality
# --------------------------------------------------------------------------


def _has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def judge(po: polib.POFile, truth: dict) -> Quality:
    """Score an updated catalogue against the generator's ground truth."""
    by_key = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    recovered = wrong_source = 0
    for item in truth["edited"]:
        entry = by_key.get((item["ctxt"], item["new"]))
        if entry is None or not _has_translation(entry):
            continue
        if entry.fuzzy and entry.previous_msgid is not None:
            right = entry.previous_msgid == item["old"]
        else:
            # No "#|" line (carried over, or pybabel without --previous): the
            # fake translation identifies the msgid it was made from.
            right = entry.msgstr == truth["translations"][item["old"]]
        recovered += right
        wrong_source += not right
    wrong_on_new = sum(
        1 for text in truth["new"] if (e := by_key.get((None, text))) and _has_translation(e)
    )
    revived = sum(
        1
        for item in truth["revived"]
        if (e := by_key.get((item["ctxt"], item["msgid"]))) and _has_translation(e) and not e.fuzzy
    )
    return Quality(
        recovered,
        wrong_source,
        len(truth["edited"]),
        wrong_on_new,
        len(truth["new"]),
        revived,
        len(truth["revived"]),
    )


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


OURS_LABELS = {
    "ours-cli": "l10n update --template new.pot cat.po (the project's command)",
    "ours-py": "python subprocess: polib.pofile read + merge_catalogue + po.save()",
}


def _print_table(results: list[Result]) -> None:
    base = {(r.kind, r.n): r.median for r in results if r.tool == "msgmerge" and not r.note}
    print()
    for name, label in OURS_LABELS.items():
        if any(r.tool == name for r in results):
            print(f"{name} = {label}")
    print()
    header = (
        f"| {'tool':<9} | {'text':<5} | {'N':>6} | {'median s':>8} | {'vs msgmerge':>11} "
        f"| {'recovered':>11} | {'wrong src':>9} | {'wrong on new':>12} | {'revived':>7} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for r in results:
        if r.note:
            blank = f"| {'':>11} | {'':>11} | {'':>9} | {'':>12} | {'':>7} |"
            print(f"| {r.tool:<9} | {r.kind:<5} | {r.n:>6} | {r.note:>8} {blank}")
            continue
        key = (r.kind, r.n)
        ratio = f"{r.median / base[key]:.3f}x" if key in base else "-"
        q = r.quality
        assert q is not None
        rec = f"{q.recovered}/{q.edited}"
        new = f"{q.wrong_on_new}/{q.new}"
        back = f"{q.revived}/{q.returning}"
        print(
            f"| {r.tool:<9} | {r.kind:<5} | {r.n:>6} | {r.median:>8.2f} | {ratio:>11} "
            f"| {rec:>11} | {q.wrong_source:>9} | {new:>12} | {back:>7} |"
        )
    for r in results:
        if r.breakdown:
            total = sum(r.breakdown.values())
            parse = r.breakdown["read_pot"] + r.breakdown["read_po"]
            parts = ", ".join(f"{k} {v:.3f}" for k, v in r.breakdown.items())
            print(
                f"\n{r.tool} {r.kind} N={r.n}: in-process {total:.3f} s of {r.median:.3f} s wall "
                f"({parts}); polib parsing {parse:.3f} s = {parse / r.median:.0%} of wall, "
                f"polib save {r.breakdown['save'] / r.median:.0%}, "
                f"merge {r.breakdown['merge'] / r.median:.0%}"
            )


def _dataset(n: int, kind: str = "prose") -> tuple[Path, dict]:
    data = CACHE / (str(n) if kind == "prose" else f"{kind}-{n}")
    if not (data / "truth.json").exists():
        generate.generate(n, seed=1, out=data, kind=kind)
    return data, json.loads((data / "truth.json").read_text("utf-8"))


def msgmerge_cmd(cat: Path, pot: Path) -> list[str]:
    msgmerge = shutil.which("msgmerge") or "/usr/bin/msgmerge"
    return [msgmerge, "-q", "-U", "--previous", "--backup=none", str(cat), str(pot)]


def pybabel_cmd(cat: Path, pot: Path) -> list[str]:
    pybabel = str(VENV_BIN / "pybabel")
    # No --previous: Babel 2.18 writes it as broken "#| msgid" lines that
    # neither msgfmt nor polib can read back.
    return [pybabel, "-q", "update", "-i", str(pot), "-o", str(cat), "-l", "de"]


def l10n_cmd(cat: Path, pot: Path) -> list[str]:
    return [str(VENV_BIN / "l10n"), "update", "--template", str(pot), str(cat)]


def python_ours_cmd(cat: Path, pot: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--run-ours", str(cat), str(pot)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument(
        "--kinds",
        nargs="+",
        choices=["ui", "prose"],
        default=["ui", "prose"],
        help="ui: real short program messages of the bench projects; prose: generated "
        "documentation paragraphs",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-pybabel", action="store_true")
    parser.add_argument("--only-ours", action="store_true", help="profile ours alone")
    parser.add_argument("--run-ours", nargs=2, metavar=("CAT", "POT"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run_ours:  # the subprocess side of "ours"
        print(json.dumps(run_ours_once(Path(args.run_ours[0]), Path(args.run_ours[1]))))
        return

    ours: list[tuple[str, Callable[[Path, Path], list[str]]]] = [("ours-py", python_ours_cmd)]
    if _l10n_update_available():
        ours.insert(0, ("ours-cli", l10n_cmd))

    results: list[Result] = []
    for kind in args.kinds:
        for n in args.sizes:
            data, truth = _dataset(n, kind)
            if not args.only_ours:
                results.append(
                    bench_tool("msgmerge", msgmerge_cmd, data, truth, args.runs, kind=kind)
                )
                if not args.skip_pybabel:
                    limit = PYBABEL_LIMIT_S if n >= PYBABEL_LIMIT_FROM_N else None
                    results.append(
                        bench_tool(
                            "pybabel", pybabel_cmd, data, truth, args.runs, timeout=limit, kind=kind
                        )
                    )
            for name, cmd in ours:
                results.append(bench_tool(name, cmd, data, truth, args.runs, kind=kind))
    _print_table(results)


if __name__ == "__main__":
    main()
