"""Benchmark the wrong-script / wrong-language / mixed-language core on real catalogues.

Data: the ~70 ``sphinx/locale/<lang>/LC_MESSAGES/sphinx.po`` catalogues shipped in
the Sphinx 9.0.4 wheel (fetched once with ``pip download`` into
``bench/.cache/sphinx``, or pass ``--locale-dir``). Every translated msgstr is
checked with the expected language from the catalogue's Language header. Data
loading and fault injection live in :mod:`faults` (shared with ``bench_check.py``).

Reports:

* flag rate on the untouched entries (all three checks, and per check). Every
  flagged entry goes to ``flagged.tsv`` (``--out``) for review; those judged by hand
  in ``tests/data/language/sphinx_adjudicated.tsv`` are counted as real errors in
  the shipped catalogues or as debatable, the rest as false positives;
* recall on seeded, injected faults, per kind and per length bucket (misses go to
  ``missed.tsv``). Same-script swaps are only injected into modelled languages:
  an unmodelled one never claims a third language, by design;
* throughput (entries/s), cold and warm, against plain ``langdetect.detect``.

Run: ``.venv/bin/python bench/bench_language_core.py [--seed 7] [--per-kind 3000]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from faults import (  # noqa: E402  (sibling module, not a package)
    Entry,
    Fault,
    load_adjudicated,
    load_entries,
    make_faults,
    sphinx_locale_dir,
)

from pipeline.language import (  # noqa: E402
    foreign_runs,
    is_modelled,
    profile_code,
    wrong_language,
)
from pipeline.language.scripts import foreign_script_runs, language_of  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache", "language_core")
BUCKETS = ((0, 20), (20, 40), (40, 80), (80, 160), (160, 10**9))


# ---------------------------------------------------------------------------
# The checks as the check layer will call them
# ---------------------------------------------------------------------------


def run_checks(text: str, language: str, msgid: str | None) -> dict[str, list]:
    """Findings per check for one segment: wrong-script, wrong-language, mixed."""
    found: dict[str, list] = {"script": [], "language": [], "mixed": []}
    found["script"] = [(r.start, r.end) for r in foreign_script_runs(text, language, msgid)]
    verdict = wrong_language(text, language)
    if verdict is not None:
        found["language"] = [(0, len(text), verdict.detected)]
    else:
        # A run covering the whole segment is a wrong-language finding, not a mix.
        found["mixed"] = foreign_runs(text, language)
    return found


def bucket(text: str) -> str:
    n = len(text)
    for low, high in BUCKETS:
        if low <= n < high:
            return f"{low}-{high - 1}" if high < 10**9 else f"{low}+"
    raise AssertionError


INTENDED = {
    "english: msgid": ("language", "mixed"),
    "english: other text": ("script", "language", "mixed"),
    "swap: same script": ("language",),
    "swap: other script": ("script",),
    "mixed: 4-7 English words": ("mixed", "language"),
    "script: 1-3 words": ("script",),
}


def detected(fault: Fault, found: dict[str, list], checks: Iterable[str]) -> bool:
    for check in checks:
        for finding in found[check]:
            if fault.span is None:
                return True
            start, end = finding[0], finding[1]
            if start < fault.span[1] and end > fault.span[0]:
                return True
    return False


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:6.2f}%" if whole else "    n/a"


def report_clean(
    entries: list[Entry], adjudicated: dict[tuple[str, str], str], out_dir: str
) -> None:
    flagged_by: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    rows = []
    for e in entries:
        found = run_checks(e.msgstr, e.language, e.msgid)
        checks = [c for c, hits in found.items() if hits]
        flagged_by.update(checks)
        if checks:
            verdict = adjudicated.get((e.catalogue, e.msgid), "false positive")
            verdicts[verdict] += 1
            rows.append((e.catalogue, ",".join(checks), verdict, e.msgid, e.msgstr, found))
    n, flagged = len(entries), len(rows)
    catalogues = len({e.catalogue for e in entries})
    print(f"\n## Untouched entries: {n} translated msgstrs in {catalogues} catalogues")
    print(f"flagged (any check)         {flagged:6d}  {pct(flagged, n)}")
    for check in ("script", "language", "mixed"):
        print(f"  {check:<25} {flagged_by[check]:6d}  {pct(flagged_by[check], n)}")
    print(f"real errors in the catalogues {verdicts['real']:4d}  {pct(verdicts['real'], n)}")
    print(
        f"debatable                   {verdicts['debatable']:6d}  {pct(verdicts['debatable'], n)}"
    )
    fp = verdicts["false positive"]
    print(f"false positives             {fp:6d}  {pct(fp, n)}")
    print(
        f"false positives + debatable {fp + verdicts['debatable']:6d}  "
        f"{pct(fp + verdicts['debatable'], n)}"
    )
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "flagged.tsv"), "w", encoding="utf-8") as out:
        for row in rows:
            out.write("\t".join(str(x).replace("\n", "\\n") for x in row) + "\n")
    unmodelled = sorted({e.language for e in entries if not is_modelled(e.language)})
    print("unmodelled (script + English checks only):", " ".join(unmodelled))


def report_faults(faults: list[Fault], out_dir: str) -> None:
    by_kind: dict[str, list[tuple[Fault, bool, bool]]] = defaultdict(list)
    for f in faults:
        found = run_checks(f.text, f.entry.language, f.entry.msgid)
        hit_intended = detected(f, found, INTENDED[f.kind])
        hit_any = detected(f, found, ("script", "language", "mixed"))
        by_kind[f.kind].append((f, hit_intended, hit_any))
    labels = [f"{lo}-{hi - 1}" if hi < 10**9 else f"{lo}+" for lo, hi in BUCKETS]
    print("\n## Injected faults: recall (intended check / any check), by length in characters")
    header = f"{'kind':<26}{'n':>6}{'intended':>10}{'any':>9}  " + "".join(
        f"{label:>16}" for label in labels
    )
    print(header)
    for kind, results in by_kind.items():
        line = f"{kind:<26}{len(results):>6}"
        line += f"{pct(sum(r[1] for r in results), len(results)):>10}"
        line += f"{pct(sum(r[2] for r in results), len(results)):>9}  "
        for label in labels:
            cell = [r for r in results if bucket(r[0].text) == label]
            hits = sum(r[1] for r in cell)
            line += f"{pct(hits, len(cell)).strip() + f' /{len(cell)}':>16}"
        print(line)
    with open(os.path.join(out_dir, "missed.tsv"), "w", encoding="utf-8") as out:
        for kind, results in by_kind.items():
            for f, hit, _ in results:
                if not hit:
                    row = (kind, f.entry.catalogue, f.entry.msgid, f.text)
                    out.write("\t".join(x.replace("\n", "\\n") for x in row) + "\n")


def time_pass(entries: list[Entry]) -> float:
    """Seconds per entry for all three checks over every entry."""
    start = time.perf_counter()
    for e in entries:
        run_checks(e.msgstr, e.language, e.msgid)
    return (time.perf_counter() - start) / len(entries)


def report_speed(entries: list[Entry], cold: float, sample_size: int, seed: int) -> None:
    warm = time_pass(entries)

    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    sample = random.Random(seed).sample(entries, min(sample_size, len(entries)))
    detect("warm up the profiles")
    start = time.perf_counter()
    disagree = 0
    for e in sample:
        try:
            guess = detect(e.msgstr)
        except LangDetectException:
            guess = "unknown"
        disagree += guess != (profile_code(e.language) or language_of(e.language))
    theirs = (time.perf_counter() - start) / len(sample)
    print("\n## Throughput (all three checks per entry, one core)")
    print(
        f"core, first pass (cold caches, incl. loading profiles and CLDR autonyms) "
        f"{1 / cold:8.0f} entries/s  {cold * 1e6:7.1f} µs/entry"
    )
    print(f"core, second pass (warm caches)  {1 / warm:8.0f} entries/s  {warm * 1e6:7.1f} µs/entry")
    print(
        f"langdetect.detect, one call      {1 / theirs:8.0f} entries/s  "
        f"{theirs * 1e6:7.1f} µs/entry  ({len(sample)} sampled msgstrs)"
    )
    print(f"time ratio langdetect / core: {theirs / cold:.0f}x cold, {theirs / warm:.0f}x warm")
    print(
        f"langdetect argmax != catalogue language on {pct(disagree, len(sample)).strip()} "
        "of those msgstrs (its false-positive rate if used as a check)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--locale-dir", help="a sphinx/locale directory (default: fetch)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-kind", type=int, default=3000, help="faults per kind")
    parser.add_argument("--langdetect-sample", type=int, default=3000)
    parser.add_argument("--out", default=CACHE, help="where flagged.tsv and missed.tsv go")
    args = parser.parse_args()

    start = time.perf_counter()
    entries = load_entries(sphinx_locale_dir(args.locale_dir))
    print(f"loaded {len(entries)} entries in {time.perf_counter() - start:.1f}s")
    cold = time_pass(entries)  # first, while every cache is empty
    report_clean(entries, load_adjudicated(), args.out)
    rng = random.Random(args.seed)
    report_faults(make_faults(entries, rng, args.per_kind), args.out)
    report_speed(entries, cold, args.langdetect_sample, args.seed)


if __name__ == "__main__":
    main()
