"""How the third-language thresholds trade same-script recall for false positives.

Same data as the other language benchmarks (:mod:`faults`: the Sphinx 9.0.4
catalogues and seeded fault injection). For every same-script swap and every
untouched translated entry, the numbers :func:`pipeline.decide._assess` decides on
are computed once, with the short-text limits lifted; then a grid of decision rules
is applied to them:

* ``llr``: the least total evidence (nats) for naming a third language;
* ``per gram``: the least evidence per scored n-gram;
* ``words`` and ``letters``: the least text decided at all (the shipped rule never
  decides one word or fewer than 10 letters: short text is not decided).

It prints, per rule, the recall on the swaps and the entries flagged among the
untouched ones (entries judged real errors of the shipped catalogues are left out).
Only the third-language claim is measured here; ``bench_check.py`` measures every
check together through the command line. The rule in use is marked with ``*``.

Run: ``.venv/bin/python bench/threshold_grid.py [--seed 7] [--per-kind 500]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from faults import load_adjudicated, load_entries, make_faults, sphinx_locale_dir  # noqa: E402

from pipeline import language  # noqa: E402
from pipeline.language import decide  # noqa: E402
from pipeline.language.scripts import foreign_script_runs  # noqa: E402

# (llr, per gram, words, letters): around the rule in use, and looser ones.
GRID = (
    (25.0, 0.1, 3, 10),
    (25.0, 0.1, 2, 10),
    (20.0, 0.1, 2, 10),
    (15.0, 0.15, 2, 10),
    (12.0, 0.2, 2, 10),
    (15.0, 0.2, 2, 8),
    (20.0, 0.2, 1, 8),
    (15.0, 0.2, 1, 8),
    (15.0, 0.3, 1, 6),
)


@dataclass(frozen=True)
class Numbers:
    """What the third-language decision looks at, for one text."""

    llr: float
    over_source: float
    grams: int
    words: int
    letters: int
    length: int


def numbers(text: str, expected: str, msgid: str) -> Numbers | None:
    """The decision's inputs for ``text``, or None when it is never a third language."""
    if text == msgid or foreign_script_runs(text, expected, msgid):
        return None  # the unchanged and wrong-script checks' business
    found = decide._assess(text, expected, "en", None)
    if found is None or found.third is None or not found.may_claim_third:
        return None
    letters = sum(map(len, found.evidence.texts))
    return Numbers(
        found.third.llr,
        found.third_over_source,
        found.grams,
        found.evidence.count,
        letters,
        len(text),
    )


def flagged(n: Numbers | None, rule: tuple[float, float, int, int]) -> bool:
    llr, per_gram, words, letters = rule
    if n is None or n.words < words or n.letters < letters:
        return False
    return n.llr >= llr and n.llr >= per_gram * n.grams and n.over_source > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--locale-dir", help="a sphinx/locale directory (default: fetch)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-kind", type=int, default=500, help="same-script swaps")
    args = parser.parse_args()

    entries = load_entries(sphinx_locale_dir(args.locale_dir))
    swaps = [
        f
        for f in make_faults(entries, random.Random(args.seed), args.per_kind)
        if f.kind == "swap: same script"
    ]
    real = {key for key, verdict in load_adjudicated().items() if verdict == "real"}
    clean = [e for e in entries if (e.catalogue, e.msgid) not in real]
    in_use = (
        language.THIRD_LLR,
        language.THIRD_LLR_PER_GRAM,
        language.THIRD_MIN_WORDS,
        language.MIN_LETTERS,
    )
    # Lift the short-text limits so every rule of the grid can be applied afterwards.
    language.MIN_LETTERS, language.MIN_WORDS, language.THIRD_MIN_WORDS = 1, 1, 1
    faulty = [numbers(f.text, f.entry.language, f.entry.msgid) for f in swaps]
    untouched = [numbers(e.msgstr, e.language, e.msgid) for e in clean]
    short = sum(1 for f in swaps if len(f.text) < 20)
    print(
        f"{len(swaps)} same-script swaps ({short} under 20 characters), "
        f"{len(clean)} untouched translated entries\n"
    )
    print(
        f"{'':2}{'llr':>6}{'per gram':>10}{'words':>7}{'letters':>9}{'recall':>9}"
        f"{'<20 chars':>11}{'flagged':>9}{'share':>9}"
    )
    for rule in sorted({*GRID, in_use}, key=lambda r: (-r[2], -r[0], r[1], -r[3])):
        hits = [flagged(n, rule) for n in faulty]
        short_hits = sum(h for h, f in zip(hits, swaps, strict=True) if len(f.text) < 20)
        false = sum(flagged(n, rule) for n in untouched)
        mark = "*" if rule == in_use else ""
        print(
            f"{mark:2}{rule[0]:>6.0f}{rule[1]:>10.2f}{rule[2]:>7}{rule[3]:>9}"
            f"{sum(hits) / len(swaps):>9.3f}{short_hits / max(short, 1):>11.3f}"
            f"{false:>9}{false / len(clean):>9.2%}"
        )


if __name__ == "__main__":
    main()
