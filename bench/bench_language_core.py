"""Benchmark the wrong-script / wrong-language / mixed-language core on real catalogues.

Data: the ~70 ``sphinx/locale/<lang>/LC_MESSAGES/sphinx.po`` catalogues shipped in
the Sphinx 9.0.4 wheel (fetched once with ``pip download`` into
``bench/.cache/language_core``, or pass ``--locale-dir``). Every translated msgstr
is checked with the expected language from the catalogue's Language header.

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
import glob
import os
import random
import subprocess
import sys
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polib
import regex

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pipeline.language import (  # noqa: E402
    are_relatives,
    foreign_runs,
    is_modelled,
    profile_code,
    wrong_language,
)
from pipeline.scripts import (  # noqa: E402
    expected_scripts,
    foreign_script_runs,
    language_of,
    script_of,
)

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache", "language_core")
ADJUDICATED = os.path.join(HERE, "..", "tests", "data", "language", "sphinx_adjudicated.tsv")
SPHINX = "sphinx==9.0.4"
BUCKETS = ((0, 20), (20, 40), (40, 80), (80, 160), (160, 10**9))


@dataclass(frozen=True)
class Entry:
    catalogue: str  # directory name
    language: str  # Language header
    msgid: str
    msgstr: str


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


def sphinx_locale_dir(explicit: str | None) -> str:
    if explicit:
        return explicit
    target = os.path.join(CACHE, "sphinx")
    locale_dir = os.path.join(target, "sphinx", "locale")
    if os.path.isdir(locale_dir):
        return locale_dir
    os.makedirs(target, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", SPHINX, "-d", target],
        check=True,
    )
    (wheel,) = glob.glob(os.path.join(target, "sphinx-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        members = [n for n in archive.namelist() if n.startswith("sphinx/locale/")]
        archive.extractall(target, members)
    return locale_dir


def load_entries(locale_dir: str) -> list[Entry]:
    entries = []
    for path in sorted(glob.glob(os.path.join(locale_dir, "*", "LC_MESSAGES", "sphinx.po"))):
        catalogue = path.split(os.sep)[-3]
        po = polib.pofile(path)
        language = (po.metadata.get("Language") or catalogue).strip()
        for e in po:
            if e.obsolete or "fuzzy" in e.flags or not e.translated():
                continue
            msgstr = e.msgstr or e.msgstr_plural.get(0, "")
            if msgstr.strip():
                entries.append(Entry(catalogue, language, e.msgid, msgstr))
    return entries


def load_adjudicated() -> dict[tuple[str, str], str]:
    """(catalogue, msgid) -> "real" or "debatable", judged by hand (see the file)."""
    known: dict[tuple[str, str], str] = {}
    if not os.path.exists(ADJUDICATED):
        return known
    with open(ADJUDICATED, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            catalogue, verdict, msgid, _why = line.rstrip("\n").split("\t")
            known[(catalogue, msgid.replace("\\n", "\n"))] = verdict
    return known


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


# ---------------------------------------------------------------------------
# Fault injection
# ---------------------------------------------------------------------------


def scripts_of(language: str) -> frozenset[str]:
    return expected_scripts(language)


def words_of(text: str) -> list[str]:
    return [w for w in text.split() if regex.search(r"\p{L}", w)]


def plain_clauses(text: str) -> list[str]:
    """Stretches of at least 4 plain English words (no placeholders, code or quotes)."""
    clauses, current = [], []
    for token in text.split() + ["%"]:
        word = token.rstrip(".,;:!?")
        if regex.fullmatch(r"[A-Za-z][a-z]*(?:'[a-z]+)?", word) and word == token:
            current.append(word)
            continue
        if regex.fullmatch(r"[A-Za-z][a-z]*", word):
            current.append(word)  # a word that ends the clause with punctuation
        if len(current) >= 4:
            clauses.append(" ".join(current))
        current = []
    return clauses


@dataclass(frozen=True)
class Fault:
    kind: str
    entry: Entry
    text: str
    span: tuple[int, int] | None  # where the injected text is, for insertions


def insert_at_word_boundary(rng: random.Random, host: str, insert: str) -> tuple[str, int]:
    spaces = [m.start() for m in regex.finditer(r"\s", host)]
    if spaces and not regex.search(r"[\p{Han}\p{Hiragana}\p{Katakana}]", host):
        at = rng.choice(spaces)
        return host[:at] + " " + insert + host[at:], at + 1
    at = rng.randrange(len(host) + 1)  # unspaced scripts: any position
    return host[:at] + " " + insert + " " + host[at:], at + 1


def make_faults(entries: list[Entry], rng: random.Random, per_kind: int) -> list[Fault]:
    by_msgid: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_msgid[e.msgid].append(e)
    english = [e.msgid for e in entries if e.catalogue == "fr" and len(words_of(e.msgid)) >= 7]
    english = sorted(set(english))
    clauses = sorted({c for text in english for c in plain_clauses(text)})
    targets = [e for e in entries if language_of(e.language) != "en"]
    faults: list[Fault] = []
    kinds: dict[str, Callable[[Entry], Fault | None]] = {}

    def msgid_left(e: Entry) -> Fault | None:
        if e.msgstr == e.msgid:
            return None
        return Fault("english: msgid", e, e.msgid, None)

    def other_english(e: Entry) -> Fault | None:
        text = rng.choice(english)
        return None if text == e.msgid else Fault("english: other text", e, text, None)

    def swap(e: Entry, same_script: bool) -> Fault | None:
        if same_script and not is_modelled(e.language):
            return None  # by design no third-language claim for unmodelled languages
        mine = scripts_of(e.language)
        options = [
            o
            for o in by_msgid[e.msgid]
            if not are_relatives(o.language, e.language)
            and o.msgstr not in (e.msgstr, e.msgid)
            and language_of(o.language) != "en"
            and (scripts_of(o.language) == mine) == same_script
            and (same_script or not scripts_of(o.language) & mine)
            and (same_script or foreign_letters(o.msgstr, mine))
        ]
        if not options:
            return None
        other = rng.choice(options)
        kind = "swap: same script" if same_script else "swap: other script"
        return Fault(f"{kind}", e, other.msgstr, None)

    def english_words(e: Entry) -> Fault | None:
        source = rng.choice(clauses).split()
        n = rng.randint(4, min(7, len(source)))
        at = rng.randrange(len(source) - n + 1)
        clause = " ".join(source[at : at + n])
        text, start = insert_at_word_boundary(rng, e.msgstr, clause)
        return Fault("mixed: 4-7 English words", e, text, (start, start + len(clause)))

    def foreign_letters(text: str, mine: frozenset[str]) -> bool:
        return any(script_of(c) not in mine | {"Zyyy", "Zinh"} for c in text if c.isalpha())

    def script_words(e: Entry) -> Fault | None:
        mine = scripts_of(e.language)
        if "Latn" in mine:
            pool = [o for o in by_msgid[e.msgid] if not scripts_of(o.language) & mine]
            pool = pool or [
                o for o in rng.sample(entries, 200) if not scripts_of(o.language) & mine
            ]
            if not pool:
                return None
            candidates = [w for w in words_of(rng.choice(pool).msgstr) if foreign_letters(w, mine)]
        else:
            # Latin into a non-Latin catalogue: English words that are not in this
            # msgid (a word the msgid has may legitimately be kept, e.g. a term).
            folded = e.msgid.casefold()
            candidates = [
                w.strip(".,;:()\"'")
                for w in words_of(rng.choice(english))
                if w.strip(".,;:()\"'").casefold() not in folded
            ]
            candidates = [w for w in candidates if regex.fullmatch(r"\p{Latin}+", w)]
        if not candidates:
            return None
        n = min(rng.randint(1, 3), len(candidates))
        at = rng.randrange(len(candidates) - n + 1)
        insert = " ".join(candidates[at : at + n])
        text, start = insert_at_word_boundary(rng, e.msgstr, insert)
        return Fault("script: 1-3 words", e, text, (start, start + len(insert)))

    kinds = {
        "english: msgid": msgid_left,
        "english: other text": other_english,
        "swap: same script": lambda e: swap(e, True),
        "swap: other script": lambda e: swap(e, False),
        "mixed: 4-7 English words": english_words,
        "script: 1-3 words": script_words,
    }
    for make in kinds.values():
        pool = targets[:]
        rng.shuffle(pool)
        made = 0
        for e in pool:
            fault = make(e)
            if fault is not None:
                faults.append(fault)
                made += 1
                if made >= per_kind:
                    break
    return faults


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
