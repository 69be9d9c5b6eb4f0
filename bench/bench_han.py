"""Benchmark the Han-variant check (:mod:`pipeline.language.han`) on real catalogues.

Usage::

    .venv/bin/python bench/bench_han.py [--show 40] [--misses 15]

Data: every catalogue of the :mod:`corpora` projects (``bench/.cache/corpora/``,
fetched on first use) whose locale is Chinese, Japanese or Korean, the locale taken
from the ``<lang>/LC_MESSAGES/`` path component (the header's ``Language`` when the
path has none). Entries are read with polib; fuzzy, obsolete and untranslated ones
are skipped. A catalogue's *class* is what it expects: ``zh_Hans``, ``zh_Hant``
(CLDR likely subtags: ``zh_TW`` Hant, bare ``zh`` Hans), ``ja`` or ``ko``.

Reports, per split (``tuning``, ``reporting``) and overall:

* **recall** on swaps. Catalogues of one *family* (same project, same path but for
  the ``<lang>`` component, i.e. the same domain) are paired when their classes
  differ; for each message (msgctxt + msgid) translated in both, the donor's text
  (plural form 0) is put into the receiving catalogue and ``han_problem(donor_text,
  receiving_locale)`` is called. Duplicate (receiver, message, donor text) swaps are
  counted once. Only swaps that *could* be told apart are counted; after masking
  markup (``mask_markup``) the donor text must hold:

  - Hans -> Hant: a character CC-CEDICT (hanzidentifier's tables, unrefined) lists
    as Simplified only; Hant -> Hans: one it lists as Traditional only;
  - zh -> ja: such a Simplified- or Traditional-only character that JIS X 0208
    (``shift_jis``) cannot encode, a character OpenCC's shinjitai table (``t2jp``)
    writes in another form, or no kana and at least ``MIN_HAN_NO_KANA`` Han
    characters (the conditions of the rule: here recall measures the code, and the
    share of swaps that are countable measures the rule);
  - zh -> ko and ja -> ko: at least one Han character and no Hangul.

  Into zh, Japanese (kana) and Korean (Hangul) text is the wrong-script check's
  business, so ja -> zh, ko -> zh and ko -> ja are not swapped. The share of all
  swaps with a Han character that are countable is printed too: the rest (texts
  made only of characters both sides write) no character test can see.

* **flag rate** on every untouched translated entry: ``han_problem(own_text,
  own_locale)`` on each plural form; an entry is flagged if any form is. The
  flagged ones are printed for review (``--show``).

* **time** per entry: the median of 3 passes over all untouched entries (tables
  built before timing), and the one-off cost of building the tables.

Output is deterministic: files and entries are read in sorted order, nothing is
sampled.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import polib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import corpora  # noqa: E402  (sibling module, not a package)

from pipeline.language import han  # noqa: E402
from pipeline.language.han import MIN_HAN_NO_KANA, expectation, han_problem  # noqa: E402
from pipeline.language.scripts import mask_markup  # noqa: E402

SPLITS = tuple(corpora.SPLITS)


@dataclass(frozen=True)
class Catalogue:
    """One zh/ja/ko catalogue: where it is, its locale and class, its entries."""

    project: str
    split: str
    path: str
    locale: str
    klass: str  # "zh_Hans", "zh_Hant", "ja", "ko"
    family: str  # the path with its <lang> component replaced by "*"
    entries: dict[tuple[str | None, str], tuple[str, ...]]  # (msgctxt, msgid) -> forms


def _class_of(locale: str) -> str | None:
    try:
        wanted = expectation(locale)
    except ValueError:
        return None
    if wanted is None:
        return None
    return f"zh_{wanted.script}" if wanted.language == "zh" else wanted.language


def _locale_of(path: str, po: polib.POFile) -> tuple[str | None, tuple[str, ...]]:
    parts = Path(path).parts
    if "LC_MESSAGES" in parts[:-1]:
        index = parts.index("LC_MESSAGES") - 1
        family = parts[:index] + ("*",) + parts[index + 1 :]
        return parts[index], family
    return po.metadata.get("Language") or None, parts


def load() -> list[Catalogue]:
    """Every zh/ja/ko catalogue of every project, with its translated entries."""
    found: list[Catalogue] = []
    for project in corpora.PROJECTS:
        split = corpora.split_of(project)
        for path in corpora.catalogues(project):
            try:
                po = polib.pofile(path)
            except (OSError, ValueError):  # a broken shipped file: nothing to swap from
                continue
            locale, family = _locale_of(path, po)
            klass = _class_of(locale) if locale else None
            if locale is None or klass is None:
                continue
            entries: dict[tuple[str | None, str], tuple[str, ...]] = {}
            for entry in po:
                if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
                    continue
                if entry.msgid_plural:
                    forms = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
                else:
                    forms = (entry.msgstr,)
                entries[(entry.msgctxt, entry.msgid)] = forms
            if entries:
                root = corpora.corpus_dir(project)
                fam = os.path.relpath(os.path.join(*family), root)
                found.append(Catalogue(project, split, path, locale, klass, fam, entries))
    return found


# ---------------------------------------------------------------------------
# What a swap must hold to be counted
# ---------------------------------------------------------------------------


def _cedict_only() -> tuple[frozenset[str], frozenset[str]]:
    return han._cedict_only()  # the raw tables, before the module's OpenCC refinement


def _jis(char: str) -> bool:
    try:
        char.encode("shift_jis")
    except UnicodeEncodeError:
        return False
    return True


def countable(donor_text: str, into: str) -> bool:
    """Whether a donor text carries a character (or shape) that tells it apart."""
    masked = mask_markup(donor_text)
    simplified, traditional = _cedict_only()
    if into == "zh_Hant":
        return not simplified.isdisjoint(masked)
    if into == "zh_Hans":
        return not traditional.isdisjoint(masked)
    hans = sum(1 for c in masked if han._HAN.match(c))
    if into == "ja":
        japanese_forms = han._japanese_forms()  # OpenCC t2jp: 值 -> 値, 號 -> 号
        if any(
            ((c in simplified or c in traditional) and not _jis(c)) or c in japanese_forms
            for c in masked
        ):
            return True
        return hans >= MIN_HAN_NO_KANA and not han._KANA.search(masked)
    if into == "ko":
        return hans >= 1 and not han._HANGUL.search(masked)
    raise ValueError(into)


def _pair_name(donor: str, receiver: str) -> str | None:
    if donor.startswith("zh") and receiver.startswith("zh"):
        return f"{donor[3:]} -> {receiver[3:]}"
    if donor.startswith("zh") and receiver in ("ja", "ko"):
        return f"zh -> {receiver}"
    if donor == "ja" and receiver == "ko":
        return "ja -> ko"
    return None  # into zh from ja/ko, ko -> ja: kana/Hangul, the wrong-script check's


def _agrees(detected: str, donor: str) -> bool:
    """Whether ``detected`` names the donor's variant (or just "Chinese" for a zh one)."""
    return detected == donor or (detected == "zh" and donor.startswith("zh"))


@dataclass
class Tally:
    """Counts for one split."""

    swaps_with_han: Counter[str] = None  # type: ignore[assignment]
    countable: Counter[str] = None  # type: ignore[assignment]
    detected: Counter[str] = None  # type: ignore[assignment]
    right_variant: Counter[str] = None  # type: ignore[assignment]
    misses: list[tuple[str, str, str]] = None  # type: ignore[assignment]
    entries: int = 0
    flagged: list[tuple[str, str, str, str]] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.countable, self.detected, self.right_variant = Counter(), Counter(), Counter()
        self.swaps_with_han = Counter()
        self.misses, self.flagged = [], []


def swaps(catalogues: list[Catalogue], tallies: dict[str, Tally]) -> None:
    """Score every countable swap between catalogues of one family."""
    by_family: dict[tuple[str, str], list[Catalogue]] = defaultdict(list)
    for cat in catalogues:
        by_family[(cat.project, cat.family)].append(cat)
    for (_project, _family), members in sorted(by_family.items()):
        for receiver in members:
            seen: set[tuple[tuple[str | None, str], str]] = set()
            for donor in members:
                pair = _pair_name(donor.klass, receiver.klass)
                if pair is None or donor.klass == receiver.klass:
                    continue
                tally = tallies[receiver.split]
                for key in sorted(donor.entries.keys() & receiver.entries.keys(), key=str):
                    text = donor.entries[key][0]
                    if (key, text) in seen or not han._HAN.search(mask_markup(text)):
                        continue
                    seen.add((key, text))
                    tally.swaps_with_han[pair] += 1
                    if not countable(text, receiver.klass):
                        continue
                    tally.countable[pair] += 1
                    problem = han_problem(text, receiver.locale)
                    if problem is None:
                        tally.misses.append((pair, receiver.locale, text))
                        continue
                    tally.detected[pair] += 1
                    if _agrees(problem.detected, donor.klass):
                        tally.right_variant[pair] += 1


def own(catalogues: list[Catalogue], tallies: dict[str, Tally]) -> None:
    """Flag rate on the untouched entries."""
    for cat in catalogues:
        tally = tallies[cat.split]
        for key in sorted(cat.entries, key=str):
            tally.entries += 1
            for form in cat.entries[key]:
                problem = han_problem(form, cat.locale)
                if problem is not None:
                    where = f"{cat.project}/{cat.locale}"
                    tally.flagged.append((where, key[1][:50], form, problem.message))
                    break


_COLD = """
import sys, time
started = time.perf_counter()
from pipeline.language.han import han_problem
imported = time.perf_counter()
for locale in ("zh_Hant", "zh_TW", "zh_HK", "zh_Hans", "ja", "ko"):
    han_problem("设置設置", locale)
built = time.perf_counter()
print(imported - started, built - imported)
"""


def cold() -> tuple[float, float]:
    """(import seconds, table and converter build seconds) in a fresh interpreter."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run(
        [sys.executable, "-c", _COLD], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def timing(catalogues: list[Catalogue]) -> tuple[float, int, float]:
    """(median µs per entry over 3 passes, entries, µs per entry without Han)."""
    work = [
        (form, cat.locale)
        for cat in catalogues
        for forms in cat.entries.values()
        for form in forms[:1]
    ]
    for text, locale in work:  # warm: tables built, every locale parsed
        han_problem(text, locale)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for text, locale in work:
            han_problem(text, locale)
        runs.append(time.perf_counter() - started)
    plain = [(t, loc) for t, loc in work if not han._HAN.search(t)]
    started = time.perf_counter()
    for text, locale in plain:
        han_problem(text, locale)
    no_han = (time.perf_counter() - started) / max(len(plain), 1) * 1e6
    return statistics.median(runs) / len(work) * 1e6, len(work), no_han


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "0/0"


def report(name: str, tally: Tally, show: int, misses: int) -> None:
    print(f"\n== {name}")
    total_countable = sum(tally.countable.values())
    total_detected = sum(tally.detected.values())
    with_han = sum(tally.swaps_with_han.values())
    print(f"swaps with a Han character: {with_han}; countable: {_ratio(total_countable, with_han)}")
    print(f"recall on countable swaps: {_ratio(total_detected, total_countable)}")
    for pair in sorted(tally.swaps_with_han):
        print(
            f"  {pair:12} recall {_ratio(tally.detected[pair], tally.countable[pair]):22}"
            f" as the donor's variant: {tally.right_variant[pair]:5}"
            f"  countable {tally.countable[pair]:5} of {tally.swaps_with_han[pair]:5} with Han"
        )
    if misses and tally.misses:
        print(f"  first {min(misses, len(tally.misses))} of {len(tally.misses)} misses:")
        for pair, locale, text in tally.misses[:misses]:
            print(f"    [{pair} into {locale}] {text[:70]!r}")
    rate = len(tally.flagged) / tally.entries if tally.entries else 0.0
    print(f"flagged untouched entries: {len(tally.flagged)}/{tally.entries} = {rate:.4%}")
    for where, msgid, form, message in tally.flagged[:show]:
        print(f"  {where:28} {msgid!r}\n      text:  {form[:90]!r}\n      -> {message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=40, help="flagged entries to print")
    parser.add_argument("--misses", type=int, default=15, help="missed swaps to print")
    args = parser.parse_args(argv)

    catalogues = load()
    tallies = {split: Tally() for split in SPLITS}
    print("catalogues (zh/ja/ko) per split and class:")
    counts = Counter((c.split, c.klass) for c in catalogues)
    entries = Counter((c.split, c.klass) for c in catalogues for _ in c.entries)
    for (split, klass), n in sorted(counts.items()):
        print(f"  {split:9} {klass:8} {n:3} catalogues {entries[(split, klass)]:6} entries")

    swaps(catalogues, tallies)
    own(catalogues, tallies)
    overall = Tally()
    for tally in tallies.values():
        overall.swaps_with_han.update(tally.swaps_with_han)
        overall.countable.update(tally.countable)
        overall.detected.update(tally.detected)
        overall.right_variant.update(tally.right_variant)
        overall.misses.extend(tally.misses)
        overall.entries += tally.entries
        overall.flagged.extend(tally.flagged)
    for split in SPLITS:
        report(split, tallies[split], args.show, args.misses)
    report("overall", overall, 0, 0)

    imported, built = cold()
    print(f"\nfresh interpreter: import {imported * 1000:.0f} ms (with pipeline.language),")
    print(f"  character tables and OpenCC converters for all six locales {built * 1000:.0f} ms")
    per_entry, n, no_han = timing(catalogues)
    print(f"time per entry: {per_entry:.2f} µs (median of 3 passes over {n} entries)")
    print(f"  of which entries without a Han character: {no_han:.2f} µs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
