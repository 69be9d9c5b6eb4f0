"""Homoglyphs on real catalogues: recall on planted look-alikes, false alarms, time.

Data: the catalogues real projects ship in their pinned wheels (:mod:`corpora`), in
two splits: **tuning** (read while changing the rule) and **reporting** (only
scored). Catalogues are read with polib; fuzzy, obsolete and untranslated entries are
skipped; the locale is the ``<lang>`` of the ``<lang>/LC_MESSAGES/`` path (files
elsewhere, e.g. test data, are skipped, and so are locales CLDR gives no script).
Every form of a plural entry is a text of that entry, checked against msgid and
msgid_plural together.

* **recall**: a seeded sample of translated entries (``--sample`` per split) of
  catalogues written in Latin, Cyrillic or Greek. In each, ONE letter of one prose
  word (three letters or more, all of the catalogue's script, outside the markup
  that :func:`mask_markup` hides) is replaced by a same-case letter of another of
  those scripts that Unicode's confusables data gives the same prototype (Latin o
  -> Cyrillic о, Cyrillic і -> Latin i, Latin H -> Greek Η; letters with marks by
  their base letter, ї -> ï). Substitutes are ordinary letters (a case partner, no
  compatibility form): what another keyboard or alphabet really puts there. A hit
  is a Homoglyph at that offset whose ``meant`` is the letter replaced; *found* is
  one at that offset whatever it says was meant. Target: recall >= 0.99.
* **false positives**: :func:`homoglyphs` on every untouched translated entry of
  every catalogue; entries with a finding, their share, the most frequent
  (letter -> meant, locale) pairs and up to ``--examples`` seeded examples per
  split, to be judged by reading them: a homoglyph the catalogue really ships is
  a defect found, not a false alarm.
* **time**: :func:`homoglyphs` over all entries, per entry, median of ``--runs``.

Output is deterministic except for the times.

Usage::

    .venv/bin/python bench/bench_homoglyphs.py
    .venv/bin/python bench/bench_homoglyphs.py --sample 2000 --seed 7 --examples 40 --runs 3
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpora  # noqa: E402  (sibling module)

from pipeline.language.confusables import homoglyphs  # noqa: E402
from pipeline.language.scripts import expected_scripts, mask_markup, script_of  # noqa: E402

RECALL_TARGET = 0.99
#: The scripts whose letters are planted and replaced: the alphabets that share glyphs.
PLANT_SCRIPTS = ("Latn", "Cyrl", "Grek")
WORD = regex.compile(r"[\p{L}\p{M}]+")


@dataclass(frozen=True)
class Entry:
    """One translated entry: its forms (msgstr, or the plural forms) and its msgid."""

    project: str
    split: str
    path: str
    locale: str
    source: str
    texts: tuple[str, ...]


def load(projects: list[str]) -> tuple[list[Entry], Counter[str]]:
    """Every translated entry of ``projects``, and why catalogues were skipped."""
    entries: list[Entry] = []
    skipped: Counter[str] = Counter()
    for project in projects:
        split = corpora.split_of(project)
        root = corpora.corpus_dir(project)
        for path in corpora.catalogues(project):
            rel = os.path.relpath(path, os.path.dirname(root))
            locale = corpora.locale_of(path)
            if locale is None:
                skipped["not under <lang>/LC_MESSAGES"] += 1
                continue
            try:
                expected_scripts(locale)
            except ValueError:
                skipped["no CLDR script for the locale"] += 1
                continue
            try:
                po = polib.pofile(path)
            except (OSError, ValueError):
                skipped["polib cannot read it"] += 1
                continue
            for e in po:
                if e.obsolete or "fuzzy" in e.flags or not e.msgid or not e.translated():
                    continue
                if e.msgid_plural:
                    forms = tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
                    source = f"{e.msgid}\n{e.msgid_plural}"
                else:
                    forms, source = (e.msgstr,), e.msgid
                entries.append(Entry(project, split, rel, locale, source, forms))
    return entries, skipped


# ---------------------------------------------------------------------------
# Substitutes, from the confusables data (independently of the module under test)
# ---------------------------------------------------------------------------


def _ordinary(char: str) -> bool:
    """A letter of an alphabet's ordinary repertoire: cased pair, no compatibility form."""
    return (
        char.isalpha()
        and not unicodedata.decomposition(char).startswith("<")
        and (char.upper() != char or char.lower() != char)
    )


def substitutes_table(linked_only: bool) -> dict[str, tuple[str, ...]]:
    """letter -> same-case ordinary letters of the other planted scripts that look like it.

    ``linked_only``: only letters the data links with it directly, one being the
    other's prototype (one line of confusables.txt: Latin o and Cyrillic о, Cyrillic
    і and Latin i). Otherwise every letter of its prototype class (UTS #39 skeleton
    equivalence), which also pairs letters that merely fold to the same prototype:
    Greek ο and Cyrillic о (both o), but also Turkish ı and Cyrillic і (both i,
    though one has a dot) and Cyrillic ү and Latin ɣ (both y).
    """
    from confusable_homoglyphs.confusables import confusables_data as data

    def step(char: str) -> set[str]:
        return {e["c"] for e in data.get(char, ()) if len(e["c"]) == 1}

    def prototype_class(char: str) -> set[str]:
        near = step(char)
        if linked_only:
            return near - {char}
        return near.union(*(step(c) for c in near)) - {char}

    table: dict[str, tuple[str, ...]] = {}
    ranges = [(0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x52F), (0x1E00, 0x1FFF)]
    for low, high in ranges:
        for code in range(low, high + 1):
            x = chr(code)
            script = script_of(x)
            if script not in PLANT_SCRIPTS or not _ordinary(x):
                continue
            found: set[str] = set()
            nfd = unicodedata.normalize("NFD", x)
            for base, marks in sorted({(x, ""), (nfd[0], nfd[1:])}):
                for y in prototype_class(base):
                    if script_of(y) in PLANT_SCRIPTS and script_of(y) != script:
                        z = unicodedata.normalize("NFC", y + marks)
                        if len(z) == 1 and _ordinary(z) and z.isupper() == x.isupper():
                            found.add(z)
            if found:
                table[x] = tuple(sorted(found))
    return table


def plant(entry: Entry, table: dict[str, tuple[str, ...]], rng: random.Random):
    """(form index, text with one letter replaced, offset, letter replaced), or None."""
    (script,) = expected_scripts(entry.locale)
    choices = []
    for index, text in enumerate(entry.texts):
        masked = mask_markup(text)
        for word in WORD.finditer(masked):
            letters = [c for c in word.group() if unicodedata.category(c)[0] == "L"]
            if len(letters) < 3 or any(script_of(c) != script for c in letters):
                continue
            spots = [word.start() + i for i, c in enumerate(word.group()) if c in table]
            if spots:
                choices.append((index, spots))
    if not choices:
        return None
    index, spots = rng.choice(choices)
    at = rng.choice(spots)
    text = entry.texts[index]
    original = text[at]
    planted = text[:at] + rng.choice(table[original]) + text[at + 1 :]
    return index, planted, at, original


def recall(entries: list[Entry], sample: int, seed: int, linked_only: bool) -> dict[str, object]:
    """Plant one homoglyph in each of ``sample`` entries; how many are named right."""
    table = substitutes_table(linked_only)
    pool = [e for e in entries if len(expected_scripts(e.locale)) == 1]
    pool = [e for e in pool if next(iter(expected_scripts(e.locale))) in PLANT_SCRIPTS]
    rng = random.Random(seed)
    rng.shuffle(pool)
    planted = hits = found = 0
    misses: Counter[tuple[str, str, str]] = Counter()
    examples: list[str] = []
    for entry in pool:
        if planted >= sample:
            break
        done = plant(entry, table, rng)
        if done is None:
            continue
        _, text, at, original = done
        planted += 1
        reported = {h.start: h for h in homoglyphs(text, entry.locale, entry.source)}
        h = reported.get(at)
        if h is not None:
            found += 1
        if h is not None and h.meant == original:
            hits += 1
            continue
        misses[(original, text[at], h.meant if h else "-")] += 1
        if h is None or len(examples) < 10:
            context = text[max(0, at - 40) : at + 40]
            examples.append(f"    {entry.locale:8} {original}->{text[at]} {context!r}")
    return {
        "planted": planted,
        "hits": hits,
        "found": found,
        "misses": misses,
        "examples": examples,
        "pairs": sum(len(v) for v in table.values()),
    }


def false_positives(entries: list[Entry]) -> tuple[list[tuple[Entry, list]], int]:
    """(entries with a finding and their findings, entries checked)."""
    flagged = []
    for entry in entries:
        found = [h for text in entry.texts for h in homoglyphs(text, entry.locale, entry.source)]
        if found:
            flagged.append((entry, found))
    return flagged, len(entries)


def examples(flagged: list[tuple[Entry, list]], count: int, seed: int) -> list[tuple[Entry, list]]:
    """Up to ``count`` flagged entries, seeded, one catalogue after another in turn, so
    that one catalogue with a thousand findings does not hide all the others."""
    rng = random.Random(seed)
    by_catalogue: dict[str, list[tuple[Entry, list]]] = {}
    for item in flagged:
        by_catalogue.setdefault(item[0].path, []).append(item)
    queues = []
    for path in sorted(by_catalogue):
        items = by_catalogue[path]
        rng.shuffle(items)
        queues.append(items)
    chosen: list[tuple[Entry, list]] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop())
    return sorted(chosen, key=lambda item: (item[0].path, item[0].source))


def timing(entries: list[Entry], runs: int) -> float:
    """Median over ``runs`` of the time :func:`homoglyphs` takes per entry (µs)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for entry in entries:
            for text in entry.texts:
                homoglyphs(text, entry.locale, entry.source)
        times.append((time.perf_counter() - start) / max(1, len(entries)) * 1e6)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=2000, help="planted entries per split")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--examples", type=int, default=40, help="flagged examples per split")
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    parser.add_argument("--split", choices=sorted(corpora.SPLITS), help="only this split")
    args = parser.parse_args()

    splits = [args.split] if args.split else list(corpora.SPLITS)
    projects = [p for s in splits for p in corpora.SPLITS[s]]
    entries, skipped = load(projects)
    print(f"{len(entries)} translated entries; catalogues skipped: {dict(sorted(skipped.items()))}")

    for split in splits:
        mine = [e for e in entries if e.split == split]
        print(f"\n== {split} ({', '.join(corpora.SPLITS[split])}): {len(mine)} entries")

        for linked_only, label in ((True, "linked pairs"), (False, "skeleton class")):
            r = recall(mine, args.sample, args.seed, linked_only)
            planted = r["planted"] or 1
            target = f"; target {RECALL_TARGET}" if linked_only else ""
            print(
                f"recall, {label} ({r['pairs']} substitutions): "
                f"{r['hits']}/{r['planted']} = {r['hits'] / planted:.4f}{target} "
                f"(found at the offset: {r['found'] / planted:.4f})"
            )
            misses = sorted(r["misses"].items(), key=lambda kv: (-kv[1], kv[0]))
            for (original, sub, meant), n in misses:
                print(f"  missed {n:4}  {original} -> {sub} (U+{ord(sub):04X}), named {meant}")
            for line in r["examples"]:
                print(line)

        flagged, checked = false_positives(mine)
        print(
            f"flagged: {len(flagged)}/{checked} entries = {len(flagged) / max(1, checked):.5f} "
            f"({sum(len(f) for _, f in flagged)} findings)"
        )
        pairs: Counter[tuple[str, str, str]] = Counter()
        per_catalogue: Counter[str] = Counter()
        for entry, found in flagged:
            per_catalogue[entry.path] += 1
            for h in found:
                pairs[(entry.locale, h.char, h.meant)] += 1
        print("  most frequent (locale, letter -> meant):")
        for (locale, char, meant), n in pairs.most_common(25):
            print(f"    {n:5}  {locale:8} {char} (U+{ord(char[0]):04X}) -> {meant}")
        print("  catalogues with most flagged entries:")
        for path, n in sorted(per_catalogue.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
            print(f"    {n:5}  {path}")
        shown = examples(flagged, args.examples, args.seed)
        print(f"  {len(shown)} examples (seeded, taken in turn from each catalogue):")
        for entry, found in shown:
            print(f"  - {entry.path} [{entry.locale}]")
            print(f"      msgid:  {entry.source[:110]!r}")
            for h in found[:3]:
                print(f"      {h.message}")

        print(f"time: {timing(mine, args.runs):.2f} µs per entry (median of {args.runs})")


if __name__ == "__main__":
    main()
