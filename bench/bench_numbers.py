"""The numbers check on real catalogues: recall on one changed digit, false alarms, time.

Usage::

    .venv/bin/python bench/bench_numbers.py
    .venv/bin/python bench/bench_numbers.py --sample 3000 --seed 20240613 --examples 40 --runs 3

Data: the catalogues real projects ship in their pinned wheels (:mod:`corpora`), in
two splits: **tuning** (sphinx, django, django-allauth, mailman, indico: read while
changing the check) and **reporting** (weblate, wagtail, pretix, pretalx,
django-oscar: only scored). The locale is the ``<lang>`` of the
``<lang>/LC_MESSAGES/`` path (files elsewhere are skipped, and so are English
catalogues: ``en``, ``en_GB``, ...). Entries are read with polib; fuzzy, obsolete,
untranslated and plural entries are skipped (the check skips plural entries: their
msgid's numbers are examples of n). The exclusions of the check itself
(:mod:`pipeline.checks.numbers`) are applied: message keys
(:func:`pipeline.checks.is_message_key`) are not compared, and
:func:`~pipeline.language.numbers.difference` is only called when the msgid or the
msgstr has a digit.

* **recall**, per split: a seeded sample (``--sample``) of entries whose msgid and
  msgstr both hold a number and whose translation agrees today (``difference`` is
  None). ONE digit of one number of the msgstr, as the msgstr writes it (ASCII,
  Arabic-Indic, Persian, full-width, ...), is replaced by a different digit of the
  same script. A *number* here is a run of ``Nd`` digits outside the markup
  :func:`mask_markup` hides (placeholders, URLs, code) and not inside a word that
  starts with letters of an alphabet ("mp3", "IPv6"). A hit is an error:
  ``missing`` non-empty and not ``examples_only``; *any finding* also counts a
  warning. Target: error recall >= 0.99; it is also given on the trials whose msgid
  has no example marker ("e.g.", "eg", "for example", "such as"), where a changed number
  in an example is a warning by design. Misses are printed, those without any
  finding first.
* **probes**, per split: the same mutation on digits the sample cannot reach by its
  definition of a number: numbers joined by slashes ("3/4", "2015/2366", dates),
  the second number of "200x200", digits right after a combining mark.
* **false positives**, per split: ``difference`` on every untouched entry; errors
  and warnings as a share of entries, errors per 10,000 entries, the most frequent
  locales, and ``--examples`` seeded error cases to be judged by reading them: a
  number a catalogue really changed or dropped is a defect found, not a false alarm.
* **time**: the whole false-positive pass (the digit test on every entry, then
  ``difference`` on those with a digit, timed apart and summed), median of
  ``--runs`` interleaved runs, with the content caches of
  :mod:`pipeline.language.numbers` emptied before each run, beside a pofilter-like
  baseline given the same digit test and the same entries:
  translate-toolkit's ``StandardChecker().numbers(msgid, msgstr)`` (what
  ``pofilter -t numbers`` runs) when ``translate`` is importable, else a comparison
  of the sorted lists of ``re.findall(r"\\d+", ...)`` of msgid and msgstr. The
  baseline's recall on the same mutations and its flag rate on untouched entries
  are reported too.

Output is Markdown, deterministic except for the times.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib
import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpora  # noqa: E402  (sibling module)

from pipeline.checks import is_message_key  # noqa: E402
from pipeline.language import numbers as numbers_module  # noqa: E402
from pipeline.language.numbers import Difference, difference  # noqa: E402
from pipeline.language.scripts import mask_markup  # noqa: E402

RECALL_TARGET = 0.99
SEED = 20240613
#: A digit run inside a word that starts with letters of an alphabet is a name's.
_LETTER_BEFORE = regex.compile(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}\p{M}]")
_DIGIT_RUN = regex.compile(r"\p{Nd}+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One translated, non-plural entry the check compares with its msgid."""

    project: str
    split: str
    path: str
    line: int
    locale: str
    source: str
    text: str


def is_english(locale: str) -> bool:
    return re.split(r"[_@.\-]", locale, maxsplit=1)[0].lower() == "en"


def has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def load(projects: tuple[str, ...]) -> tuple[list[Entry], Counter[str]]:
    """The entries of ``projects`` the check compares, and counts of what was left out."""
    entries: list[Entry] = []
    counts: Counter[str] = Counter()
    for project in projects:
        split = corpora.split_of(project)
        root = corpora.corpus_dir(project)
        for path in corpora.catalogues(project):
            rel = os.path.relpath(path, os.path.dirname(root))
            locale = corpora.locale_of(path)
            if locale is None:
                counts["catalogues not under <lang>/LC_MESSAGES"] += 1
                continue
            if is_english(locale):
                counts["English catalogues"] += 1
                continue
            try:
                po = polib.pofile(path)
            except (OSError, ValueError, UnicodeDecodeError):
                counts["catalogues polib cannot read"] += 1
                continue
            counts["catalogues read"] += 1
            for e in po:
                if e.obsolete or "fuzzy" in e.flags or not e.msgid or not e.translated():
                    continue
                if e.msgid_plural:
                    counts["plural entries (skipped)"] += 1
                    continue
                if is_message_key(e.msgid, e.msgstr):
                    counts["message keys (skipped)"] += 1
                    continue
                entries.append(Entry(project, split, rel, e.linenum, locale, e.msgid, e.msgstr))
    return entries, counts


# ---------------------------------------------------------------------------
# Verdicts
# ---------------------------------------------------------------------------


def severity(found: Difference | None) -> str | None:
    """What the check would report: "error", "warning" or None (pipeline/checks/numbers.py)."""
    if found is None:
        return None
    return "error" if found.missing and not found.examples_only else "warning"


def checked(entry_source: str, entry_text: str, locale: str) -> Difference | None:
    """The check's own path: no digit on either side, nothing to compare."""
    if not has_digit(entry_text) and not has_digit(entry_source):
        return None
    return difference(entry_source, entry_text, locale)


def make_baseline() -> tuple[str, Callable[[str, str], bool]]:
    """(name, flagged(msgid, msgstr)) of the pofilter-like baseline."""
    try:
        from translate.filters.checks import FilterFailure, StandardChecker
    except ImportError:
        digits = re.compile(r"\d+")

        def flagged_regex(source: str, text: str) -> bool:
            return sorted(digits.findall(source)) != sorted(digits.findall(text))

        return 'sorted(re.findall(r"\\d+")) comparison', flagged_regex

    checker = StandardChecker()

    def flagged_translate(source: str, text: str) -> bool:
        try:
            checker.numbers(source, text)
        except FilterFailure:
            return True
        return False

    return "translate-toolkit StandardChecker().numbers (pofilter -t numbers)", flagged_translate


# ---------------------------------------------------------------------------
# Mutations
# ---------------------------------------------------------------------------


def number_runs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each digit run of ``text`` that is a number's, not markup's
    nor inside a word that starts with letters."""
    if not has_digit(text):
        return []
    masked = mask_markup(text, units=False)
    runs = []
    for m in _DIGIT_RUN.finditer(masked):
        if m.start() > 0 and _LETTER_BEFORE.match(masked[m.start() - 1]):
            continue
        runs.append(m.span())
    return runs


def digit_script(char: str) -> str:
    """ "ASCII", "ARABIC-INDIC", "FULLWIDTH", ...: the block a digit's name gives."""
    name = unicodedata.name(char, "")
    return name.split(" DIGIT ")[0] if " DIGIT " in name else "ASCII"


def other_digit(char: str, rng: random.Random) -> str:
    """A different digit of ``char``'s script: ٣ -> ٧, ３ -> ８, 3 -> 0."""
    value = unicodedata.digit(char)
    zero = ord(char) - value
    new = rng.choice([d for d in range(10) if d != value])
    replacement = chr(zero + new)
    assert unicodedata.digit(replacement) == new, (char, replacement)
    return replacement


def mutate(text: str, rng: random.Random) -> tuple[str, int, str, str] | None:
    """(mutated text, offset, digit before, digit after): one digit of one number changed."""
    runs = number_runs(text)
    if not runs:
        return None
    start, end = rng.choice(runs)
    at = rng.randrange(start, end)
    new = other_digit(text[at], rng)
    return text[:at] + new + text[at + 1 :], at, text[at], new


#: Digits the sample above cannot reach, each with the msgstr spans a probe mutates:
#: numbers joined by slashes (dates, fractions: "31/05/2017", "1/2"), the second
#: number of a dimension written without spaces ("1920x1080"), and digits right
#: after a combining mark (Myanmar, Devanagari, Thai: "မနက်၆နာရီ").
PROBES: dict[str, regex.Pattern[str]] = {
    "N/N (dates, fractions)": regex.compile(
        r"(?<![\p{L}\p{N}/.:%_\\-])(\p{Nd}{1,4}(?:/\p{Nd}{1,4})+)(?![\p{L}\p{N}/])"
    ),
    "NxN, second number": regex.compile(r"(?<![\p{L}\p{N}])\p{Nd}+[xX](\p{Nd}+)(?![\p{L}\p{N}])"),
    # Mostly a name's digits, by the module's rule ("IPv4" as "आइ.पी.भी४"), which a
    # source's "IPv4" also has: shown for what the rule costs, not as misses.
    "digits after a combining mark": regex.compile(r"(?<=\p{M})(\p{Nd}+)"),
}
#: Where an English msgid gives an example (the marker the check's specification uses;
#: "eg" without its dots is the same abbreviation: "eg. 2012-06-05", "eg 2018-01-30").
EXAMPLE_MARKER = regex.compile(
    r"(?i)e\.\s?g\.|\beg\b\.?(?=[,:]?\s)|\bexample:|\bfor (?:example|instance)\b|\bsuch as\b"
)


def probe_mutate(text: str, pattern: regex.Pattern[str], rng: random.Random):
    """Like :func:`mutate`, on a digit of group 1 of a match of ``pattern``."""
    spans = [m.span(1) for m in pattern.finditer(text)]
    if not spans:
        return None
    start, end = rng.choice(spans)
    at = rng.choice(
        [
            i
            for i in range(start, end)
            if text[i].isdigit() and unicodedata.category(text[i]) == "Nd"
        ]
    )
    new = other_digit(text[at], rng)
    return text[:at] + new + text[at + 1 :], at, text[at], new


@dataclass(frozen=True, slots=True)
class Trial:
    entry: Entry
    mutated: str
    at: int
    before: str
    after: str
    found: Difference | None
    baseline: bool


def recall_trials(
    entries: list[Entry],
    sample: int,
    rng: random.Random,
    baseline: Callable[[str, str], bool],
    probe: regex.Pattern[str] | None = None,
) -> tuple[list[Trial], int]:
    """Trials on a seeded sample of the eligible entries, and how many were eligible.

    Without ``probe``: entries whose msgid and msgstr both hold a number; with it,
    entries whose msgid has a digit and whose msgstr matches ``probe``. Either way
    the translation agrees today."""
    if probe is None:
        eligible = [
            e
            for e in entries
            if number_runs(e.source)
            and number_runs(e.text)
            and checked(e.source, e.text, e.locale) is None
        ]
    else:
        eligible = [
            e
            for e in entries
            if has_digit(e.source)
            and probe.search(e.text)
            and checked(e.source, e.text, e.locale) is None
        ]
    chosen = rng.sample(eligible, min(sample, len(eligible)))
    trials = []
    for e in chosen:
        mutation = mutate(e.text, rng) if probe is None else probe_mutate(e.text, probe, rng)
        assert mutation is not None
        mutated, at, before, after = mutation
        found = difference(e.source, mutated, e.locale)
        trials.append(Trial(e, mutated, at, before, after, found, baseline(e.source, mutated)))
    return trials, len(eligible)


# ---------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------


def cell(text: object, limit: int = 0) -> str:
    """``text`` fit for a Markdown table cell."""
    s = str(text)
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "⏎")


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.4f}" if whole else "n/a"


def describe(found: Difference | None) -> str:
    if found is None:
        return "None"
    parts = []
    if found.missing:
        parts.append("missing " + ", ".join(repr(m) for m in found.missing))
    if found.added:
        parts.append("added " + ", ".join(repr(a) for a in found.added))
    if found.examples_only:
        parts.append("examples only")
    return "; ".join(parts)


def miss_kind(trial: Trial) -> str:
    found = trial.found
    if found is None:
        return "no finding"
    if found.examples_only:
        return "examples only (warning)"
    if not found.missing:
        return "added only (warning)"
    return "error"


def clear_caches() -> None:
    """Empty the content-keyed caches of the numbers module (not the per-language ones)."""
    for name in ("_values", "_spelled_numbers"):
        getattr(numbers_module, name).cache_clear()


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=3000, help="mutated entries per split")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--examples", type=int, default=40, help="error cases shown per split")
    parser.add_argument("--misses", type=int, default=30, help="misses shown per split")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median reported)")
    parser.add_argument("--splits", nargs="*", default=list(corpora.SPLITS))
    args = parser.parse_args()

    baseline_name, baseline = make_baseline()
    print("# The numbers check on real catalogues\n")
    print(f"Seed {args.seed}; baseline: {baseline_name}.\n")

    data: dict[str, list[Entry]] = {}
    load_rows = []
    for split in args.splits:
        t0 = time.perf_counter()
        entries, counts = load(corpora.SPLITS[split])
        data[split] = entries
        load_rows.append(
            [
                split,
                counts["catalogues read"],
                counts["English catalogues"],
                counts["catalogues not under <lang>/LC_MESSAGES"],
                len(entries),
                sum(1 for e in entries if has_digit(e.source) or has_digit(e.text)),
                counts["plural entries (skipped)"],
                counts["message keys (skipped)"],
                f"{time.perf_counter() - t0:.1f}",
            ]
        )
    print("## Data\n")
    print(
        table(
            [
                "split",
                "catalogues read",
                "English (skipped)",
                "not <lang>/LC_MESSAGES (skipped)",
                "entries checked",
                "with a digit",
                "plural (skipped)",
                "message keys (skipped)",
                "load s",
            ],
            load_rows,
        )
    )
    print()

    # -- recall ---------------------------------------------------------------
    print("## Recall on one changed digit\n")
    print(
        "*no example*: only the trials whose msgid has no example marker (e.g., for "
        "example, for instance, such as), where the specification wants an error; with "
        "one, a changed number is a warning by design.\n"
    )
    recall_rows = []
    all_trials: dict[str, list[Trial]] = {}
    for split in args.splits:
        rng = random.Random(f"{args.seed}:recall:{split}")
        trials, eligible = recall_trials(data[split], args.sample, rng, baseline)
        all_trials[split] = trials
        plain = [t for t in trials if not EXAMPLE_MARKER.search(t.entry.source)]
        hits = sum(1 for t in trials if severity(t.found) == "error")
        recall = hits / len(trials) if trials else 0.0
        scripts = Counter(digit_script(t.before) for t in trials)
        non_ascii = sum(v for k, v in scripts.items() if k != "ASCII")
        recall_rows.append(
            [
                split,
                eligible,
                len(trials),
                hits,
                ratio(hits, len(trials)),
                ratio(sum(1 for t in trials if t.found is not None), len(trials)),
                ratio(sum(1 for t in trials if t.baseline), len(trials)),
                len(plain),
                ratio(sum(1 for t in plain if severity(t.found) == "error"), len(plain)),
                ratio(sum(1 for t in plain if t.baseline), len(plain)),
                "yes" if recall >= RECALL_TARGET else "NO",
                non_ascii,
                ", ".join(f"{k} {v}" for k, v in scripts.most_common() if k != "ASCII"),
            ]
        )
    print(
        table(
            [
                "split",
                "eligible",
                "mutated",
                "errors",
                "error recall",
                "any-finding recall",
                "baseline recall",
                "no example: mutated",
                "no example: error recall",
                "no example: baseline recall",
                f"error recall >= {RECALL_TARGET}",
                "non-ASCII digits changed",
                "their scripts",
            ],
            recall_rows,
        )
    )
    print()
    order = {"no finding": 0, "added only (warning)": 1, "examples only (warning)": 2}
    for split in args.splits:
        trials = all_trials[split]
        misses = sorted(
            (t for t in trials if severity(t.found) != "error"), key=lambda t: order[miss_kind(t)]
        )
        kinds = Counter(miss_kind(t) for t in misses)
        by_kind = ", ".join(f"{k}: {kinds[k]}" for k in order if kinds[k])
        print(f"### Misses, {split}: {len(misses)} of {len(trials)} ({by_kind})\n")
        if misses:
            print(f"Up to {args.misses}, those without a finding first, then warnings.\n")
            rows = [
                [
                    i,
                    miss_kind(t),
                    t.entry.project,
                    t.entry.locale,
                    t.entry.source,
                    t.entry.text,
                    f"{t.before}→{t.after} @{t.at}",
                    t.mutated,
                    describe(t.found),
                    "flagged" if t.baseline else "-",
                ]
                for i, t in enumerate(misses[: args.misses], 1)
            ]
            print(
                table(
                    [
                        "#",
                        "kind",
                        "project",
                        "locale",
                        "msgid",
                        "msgstr",
                        "change",
                        "mutated",
                        "difference",
                        "baseline",
                    ],
                    rows,
                )
            )
            print()
        base_misses = [t for t in trials if not t.baseline]
        print(f"Baseline misses, {split}: {len(base_misses)} of {len(trials)} (up to 10 shown).\n")
        if base_misses:
            rows = [
                [
                    i,
                    t.entry.locale,
                    t.entry.source,
                    t.mutated,
                    f"{t.before}→{t.after}",
                    severity(t.found) or "-",
                ]
                for i, t in enumerate(base_misses[:10], 1)
            ]
            print(
                table(["#", "locale", "msgid", "mutated msgstr", "change", "difference says"], rows)
            )
            print()

    print("### Probes: digits the sample above cannot reach\n")
    print(
        "Entries whose msgid has a digit, whose msgstr holds the pattern and whose "
        "translation agrees today; one digit inside the pattern changed.\n"
    )
    probe_rows = []
    probe_examples = []
    for split in args.splits:
        for name, pattern in PROBES.items():
            rng = random.Random(f"{args.seed}:probe:{name}:{split}")
            trials, eligible = recall_trials(data[split], args.sample, rng, baseline, pattern)
            n = len(trials)
            errors = sum(1 for t in trials if severity(t.found) == "error")
            probe_rows.append(
                [
                    split,
                    name,
                    eligible,
                    n,
                    ratio(errors, n),
                    ratio(sum(1 for t in trials if t.found is not None), n),
                    ratio(sum(1 for t in trials if t.baseline), n),
                ]
            )
            probe_examples += [(split, name, t) for t in trials if t.found is None][:3]
    print(
        table(
            [
                "split",
                "probe",
                "eligible",
                "mutated",
                "error recall",
                "any-finding recall",
                "baseline recall",
            ],
            probe_rows,
        )
    )
    print()
    if probe_examples:
        print("Probe trials with no finding at all (up to 3 per probe and split):\n")
        rows = [
            [i, split, name, t.entry.locale, t.entry.source, t.entry.text, t.mutated]
            for i, (split, name, t) in enumerate(probe_examples, 1)
        ]
        print(table(["#", "split", "probe", "locale", "msgid", "msgstr", "mutated"], rows))
        print()

    # -- false positives ------------------------------------------------------
    print("## Findings on untouched entries\n")
    fp_rows = []
    results: dict[str, list[tuple[Entry, Difference]]] = {}
    base_flags: dict[str, int] = {}
    for split in args.splits:
        entries = data[split]
        found_here = []
        for e in entries:
            found = checked(e.source, e.text, e.locale)
            if found is not None:
                found_here.append((e, found))
        results[split] = found_here
        flagged_entries = {
            id(e)
            for e in entries
            if (has_digit(e.source) or has_digit(e.text)) and baseline(e.source, e.text)
        }
        flagged = len(flagged_entries)
        base_flags[split] = flagged
        both = sum(1 for e, f in found_here if id(e) in flagged_entries)
        n = len(entries)
        errors = sum(1 for _, f in found_here if severity(f) == "error")
        warnings = len(found_here) - errors
        examples = sum(1 for _, f in found_here if f.examples_only)
        fp_rows.append(
            [
                split,
                n,
                errors,
                ratio(errors, n),
                f"{errors / n * 10000:.1f}" if n else "n/a",
                warnings,
                ratio(warnings, n),
                f"{warnings / n * 10000:.1f}" if n else "n/a",
                examples,
                f"{len(found_here) / n * 10000:.1f}" if n else "n/a",
                flagged,
                ratio(flagged, n),
                f"{flagged / n * 10000:.1f}" if n else "n/a",
                both,
            ]
        )
    print(
        table(
            [
                "split",
                "entries",
                "errors",
                "error share",
                "errors /10k",
                "warnings",
                "warning share",
                "warnings /10k",
                "of which examples only",
                "findings /10k",
                "baseline flags",
                "baseline share",
                "baseline /10k",
                "findings the baseline flags too",
            ],
            fp_rows,
        )
    )
    print()
    for split in args.splits:
        per_project = Counter()
        per_project_errors = Counter()
        for e in data[split]:
            per_project[e.project] += 1
        for e, f in results[split]:
            if severity(f) == "error":
                per_project_errors[e.project] += 1
        rows = [
            [
                p,
                per_project[p],
                per_project_errors[p],
                f"{per_project_errors[p] / per_project[p] * 10000:.1f}",
            ]
            for p in corpora.SPLITS[split]
            if per_project[p]
        ]
        print(f"### Errors per project, {split}\n")
        print(table(["project", "entries", "errors", "errors /10k"], rows))
        print()
        locales = Counter(e.locale for e, f in results[split] if severity(f) == "error")
        print(
            f"Most frequent locales of errors, {split}: "
            + ", ".join(f"{k} {v}" for k, v in locales.most_common(12))
            + "\n"
        )

    for split in args.splits:
        errors = [(e, f) for e, f in results[split] if severity(f) == "error"]
        rng = random.Random(f"{args.seed}:examples:{split}")
        shown = rng.sample(errors, min(args.examples, len(errors)))
        print(f"### Sample of {len(shown)} errors of {len(errors)}, {split}\n")
        rows = [
            [i, e.project, e.locale, f"{e.path}:{e.line}", e.source, e.text, describe(f)]
            for i, (e, f) in enumerate(shown, 1)
        ]
        print(table(["#", "project", "locale", "where", "msgid", "msgstr", "difference"], rows))
        print()

    # -- time -----------------------------------------------------------------
    print(
        f"## Time (median of {args.runs}, runs interleaved; the content caches of "
        "pipeline.language.numbers emptied before each run)\n"
    )
    print(
        "The whole pass is the digit test the check makes on every entry, then the "
        "comparison on the entries with a digit; the two are timed apart (the "
        "comparison over the list of entries with a digit), and the pass is their sum. "
        "The baseline is given the same digit test.\n"
    )
    time_rows = []
    for split in args.splits:
        entries = data[split]
        compared = [e for e in entries if has_digit(e.source) or has_digit(e.text)]

        def digit_test(entries: list[Entry] = entries) -> None:
            for e in entries:
                if has_digit(e.source) or has_digit(e.text):
                    pass

        def ours(compared: list[Entry] = compared) -> None:
            for e in compared:
                difference(e.source, e.text, e.locale)

        def theirs(compared: list[Entry] = compared) -> None:
            for e in compared:
                baseline(e.source, e.text)

        times: dict[str, list[float]] = {"digit test": [], "ours": [], "baseline": []}
        for _ in range(args.runs):
            for name, function in (
                ("digit test", digit_test),
                ("ours", ours),
                ("baseline", theirs),
            ):
                clear_caches()
                t0 = time.perf_counter()
                function()
                times[name].append(time.perf_counter() - t0)
        test_s = statistics.median(times["digit test"])
        ours_s = statistics.median(times["ours"])
        theirs_s = statistics.median(times["baseline"])
        n, m = len(entries), len(compared)

        def runs(name: str, times: dict[str, list[float]] = times) -> str:
            return ", ".join(f"{t:.2f}" for t in times[name])

        time_rows.append(
            [
                split,
                n,
                m,
                f"{test_s:.2f} ({runs('digit test')})",
                f"{ours_s:.2f} ({runs('ours')})",
                f"{(test_s + ours_s) / n * 1e6:.2f}",
                f"{ours_s / m * 1e6:.0f}" if m else "n/a",
                f"{theirs_s:.2f} ({runs('baseline')})",
                f"{(test_s + theirs_s) / n * 1e6:.2f}",
                f"{theirs_s / m * 1e6:.0f}" if m else "n/a",
                f"{(test_s + ours_s) / (test_s + theirs_s):.2f}×",
                f"{ours_s / theirs_s:.2f}×" if theirs_s else "n/a",
            ]
        )
    print(
        table(
            [
                "split",
                "entries",
                "compared (a digit)",
                "digit test s (runs)",
                "difference s (runs)",
                "whole pass µs/entry",
                "difference µs/compared",
                "baseline s (runs)",
                "baseline whole pass µs/entry",
                "baseline µs/compared",
                "ratio ours/baseline, whole pass",
                "ratio ours/baseline, comparison",
            ],
            time_rows,
        )
    )
    print()

    # -- summary ---------------------------------------------------------------
    print("## Side by side\n")
    rows = []
    for split in args.splits:
        trials = all_trials[split]
        n = len(trials)
        entries = len(data[split])
        errors = sum(1 for _, f in results[split] if severity(f) == "error")
        findings = len(results[split])
        base_rate = base_flags[split] / entries * 10000
        rows.append(
            [
                split,
                ratio(sum(1 for t in trials if severity(t.found) == "error"), n),
                ratio(sum(1 for t in trials if t.found is not None), n),
                ratio(sum(1 for t in trials if t.baseline), n),
                f"{errors / entries * 10000:.1f}",
                f"{findings / entries * 10000:.1f}",
                f"{base_rate:.1f}",
                f"{base_flags[split] / errors:.1f}×" if errors else "n/a",
                f"{base_flags[split] / findings:.1f}×" if findings else "n/a",
            ]
        )
    print(
        table(
            [
                "split",
                "error recall",
                "any-finding recall",
                "baseline recall",
                "errors /10k untouched",
                "findings /10k untouched",
                "baseline flags /10k untouched",
                "baseline flags / our errors",
                "baseline flags / our findings",
            ],
            rows,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
