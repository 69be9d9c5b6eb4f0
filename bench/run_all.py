"""Run every benchmark in turn, as ``make bench`` does; a failing one does not stop the rest.

In order:

1. ``bench_update.py``: catalogue updates against msgmerge and pybabel;
2. ``bench_check.py``: ``l10n check`` against pofilter and dennis, on faulty Sphinx
   catalogues (``--quick`` is passed on);
3. ``bench_check.py --corpus reporting``: the same, on the reporting split of the
   real corpora (:mod:`corpora`), which no threshold was tuned on;
4. ``bench_real.py --timing``: untouched real catalogues: errors per 10,000 entries,
   precision against the labels in ``bench/labels/``, time against dennis;
5. ``bench_language_core.py``: the language-identification core on its own, with
   ``--quick`` when it has that option, else with its defaults;
6. ``threshold_grid.py``: same-script recall against false positives, per decision rule;
7. ``bench_han.py``: Chinese variants (Simplified, Traditional, Chinese in Japanese or
   Korean catalogues): recall on real translations swapped between the corpora's
   zh, ja and ko catalogues, and the share of untouched entries flagged;
8. ``bench_homoglyphs.py``: single look-alike letters planted in real catalogues:
   recall, and the untouched entries flagged;
9. ``bench_numbers.py``: single changed digits in real translations: recall against
   a digit-string comparison, and errors on untouched entries.

Each runs in its own interpreter with the output streamed as it comes. The exit
status is 1 when any benchmark failed (after all have run), else 0.

Usage::

    .venv/bin/python bench/run_all.py [--quick]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def has_option(script: Path, option: str) -> bool:
    """Whether ``script --help`` mentions ``option``."""
    result = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and option in result.stdout


def run(script: str, args: list[str]) -> tuple[int, float]:
    """Run one benchmark script; its exit status and wall time."""
    command = [sys.executable, str(HERE / script), *args]
    print(f"\n{'=' * 78}\n$ {' '.join([Path(sys.executable).name, script, *args])}", flush=True)
    start = time.perf_counter()
    try:
        status = subprocess.run(command, cwd=HERE.parent, check=False).returncode
    except OSError as error:
        print(f"{script}: cannot run: {error}", file=sys.stderr)
        status = 127
    return status, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; 1 if any of them failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="pass --quick where supported")
    args = parser.parse_args(argv)

    core = HERE / "bench_language_core.py"
    steps: list[tuple[str, list[str]]] = [
        ("bench_update.py", []),
        ("bench_check.py", ["--quick"] if args.quick else []),
        ("bench_check.py", ["--corpus", "reporting", *(["--quick"] if args.quick else [])]),
        ("bench_real.py", ["--timing", "--runs", "1" if args.quick else "3"]),
        ("bench_language_core.py", ["--quick"] if has_option(core, "--quick") else []),
        ("threshold_grid.py", []),
        ("bench_han.py", []),
        ("bench_homoglyphs.py", []),
        ("bench_numbers.py", []),
    ]
    results = [(f"{script} {' '.join(a)}".strip(), *run(script, a)) for script, a in steps]

    print(f"\n{'=' * 78}\nbenchmarks:")
    for script, status, seconds in results:
        verdict = "ok" if status == 0 else f"FAILED (exit status {status})"
        print(f"  {script:<46} {seconds:7.0f} s  {verdict}")
    return 1 if any(status != 0 for _, status, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
