"""Merge a template (POT) into a translated catalogue, like ``msgmerge --previous``.

:func:`merge_catalogue` is a pure function: it never modifies its arguments and
returns a new :class:`polib.POFile` plus :class:`MergeStats`.

How every template entry finds its translation, in order of preference:

1. **kept** - an active catalogue entry with the same ``msgctxt`` + ``msgid``.
   Its translation, fuzzy flag and ``#|`` previous fields are kept as they are.
   (If only ``msgid_plural`` changed, the translation is kept but marked fuzzy,
   as msgmerge does.)
2. **revived** - an *obsolete* (``#~``) entry with the same key that has a
   translation: it becomes active again (msgmerge does this; Babel does not).
3. **carried_over** - a catalogue entry that left the template and whose msgid
   differs only in layout (see :func:`layout_key`).  The translation is carried
   over *without* the fuzzy flag: the rendered text is the same.
4. **fuzzy** - a translated entry that left the template (or an obsolete one)
   whose msgid is very similar (see :data:`FUZZY_MIN_SIMILARITY` and
   :func:`_acceptable`).  The translation is copied, flagged ``fuzzy``, and
   the old msgid goes to ``previous_msgid`` (``#|`` lines).
5. **added** - nothing usable: the message stays untranslated.

Steps 3-4 only search untranslated template entries, and only among catalogue
entries whose msgid is no longer in the template (plus obsolete ones): a
message still in the template keeps its own translation and is never a source
for another message.  Catalogue entries that nothing claims become obsolete;
they are never deleted (msgmerge drops untranslated ones; we do not).

Fuzzy matching is deliberately stricter than msgmerge (which accepts any
candidate whose ``fstrcmp`` similarity is at least 0.6):

* character similarity (rapidfuzz Indel ratio on layout keys) >= 0.80;
* similar length (shorter / longer >= 0.75);
* few changed *words*: a word-level diff may change at most one word in five
  (one word for messages of 3-5 words, only an inflection or typo fix for one
  or two words), so unrelated messages that share boilerplate words do not
  match;
* very short messages (under 5 characters) only match the same words;
* in short messages (up to 8 words), one word inserted or removed with every
  other word kept is a match even though the length changes a lot ("Create
  rule" -> "Create advanced rule"; not "Save" -> "Save all");
* a msgid with the same words (ignoring letter case and punctuation) is a
  fuzzy candidate whatever its length, even under another ``msgctxt``
  (otherwise the search stays within the same ``msgctxt``).

Each old translation is the fuzzy source of **at most one** new message: all
acceptable (new, old) pairs are ranked by similarity and assigned greedily,
best first.  msgmerge reuses one translation for any number of messages; when a
message is split, we prefer one fuzzy guess plus untranslated siblings to
several guesses that all need the same rework.  Assigning over *all*
acceptable pairs (not a per-message top-k) also makes the merge idempotent: a
second merge with the same template finds no pair that the first one left.

Speed: there is no all-pairs Python scan.  The search runs only for the
untranslated template entries against the translated entries that left the
template, usually a few percent of each.  Sources are bucketed by context and
sorted by length, so each query is compared (in C, by
``rapidfuzz.process.extract`` with a score cut-off) only with sources of
compatible length; same-words and one-word-apart candidates come from dict
look-ups.  Everything else is dict look-ups and one pass over the entries.
(The worst case, a complete rewrite of 20,000 messages, costs about 11 s of
C comparisons; msgmerge had not finished the same input after 500 s.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import polib

from pipeline.catalogue.plurals import plural_count
from pipeline.catalogue.similar import (
    FUZZY_MIN_SIMILARITY,
    MIN_LENGTH_RATIO,
    Key,
    _differ_in_layout,
    _fuzzy_assign,
    _Vocabulary,
    layout_key,
)

__all__ = [
    "FUZZY_MIN_SIMILARITY",
    "MIN_LENGTH_RATIO",
    "MergeStats",
    "layout_key",
    "merge_catalogue",
]


@dataclass(frozen=True)
class MergeStats:
    """What happened to each template entry, plus the entries made obsolete.

    ``kept + fuzzy + revived + added + carried_over`` is the number of
    template entries.  ``carried_over`` counts layout-only edits whose
    translation was carried over without the fuzzy flag.
    """

    kept: int
    fuzzy: int
    revived: int
    obsoleted: int
    added: int
    carried_over: int


# --------------------------------------------------------------------------
# Entry helpers
# --------------------------------------------------------------------------


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _has_translation(entry: polib.POEntry) -> bool:
    """True if any form is translated (a partial plural is still useful)."""
    if entry.msgid_plural or entry.msgstr_plural:
        return any(entry.msgstr_plural.values())
    return entry.msgstr != ""


def _translation_for(
    target: polib.POEntry, source: polib.POEntry | None, nplurals: int
) -> tuple[str, dict[int, str]]:
    """``source``'s translation reshaped for ``target``'s (non-)plural form.

    Like msgmerge, a singular translation fills every plural form, and a
    plural translation gives its first form to a singular message.
    """
    if not target.msgid_plural:
        if source is None:
            return "", {}
        if source.msgid_plural or source.msgstr_plural:
            return source.msgstr_plural.get(0, ""), {}
        return source.msgstr, {}
    if source is None:
        return "", dict.fromkeys(range(nplurals), "")
    if source.msgid_plural or source.msgstr_plural:
        forms = {int(i): s for i, s in source.msgstr_plural.items()}
        for i in range(nplurals):
            forms.setdefault(i, "")
        return "", forms
    return "", dict.fromkeys(range(nplurals), source.msgstr)


def _build(
    target: polib.POEntry,
    source: polib.POEntry | None,
    nplurals: int,
    *,
    newly_fuzzy: bool,
) -> polib.POEntry:
    """The merged entry: template text and comments, ``source``'s translation.

    ``newly_fuzzy`` marks a fuzzy match made by this merge; otherwise the
    source's own fuzzy state and ``#|`` lines are carried along unchanged.
    """
    msgstr, msgstr_plural = _translation_for(target, source, nplurals)
    translated = bool(msgstr) or any(msgstr_plural.values())
    entry = polib.POEntry(
        msgid=target.msgid,
        msgctxt=target.msgctxt,
        msgid_plural=target.msgid_plural,
        msgstr=msgstr,
        msgstr_plural=msgstr_plural,
        comment=target.comment,
        tcomment=source.tcomment if source is not None else target.tcomment,
        occurrences=list(target.occurrences),
        flags=[flag for flag in target.flags if flag != "fuzzy"],
    )
    if source is None or not translated:
        return entry  # an untranslated entry is never fuzzy
    if not (source.fuzzy or newly_fuzzy):
        return entry  # a plain translation: stale "#|" lines are dropped, as msgmerge does
    entry.flags.insert(0, "fuzzy")
    previous = _previous_fields(source, newly_fuzzy)
    if previous is not None:
        entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural = previous
    return entry


def _previous_fields(
    source: polib.POEntry, newly_fuzzy: bool
) -> tuple[str | None, str | None, str | None] | None:
    """The ``#|`` msgctxt, msgid and msgid_plural for a fuzzy entry made from ``source``."""
    if source.fuzzy and source.previous_msgid is not None:
        # Keep pointing at the msgid the translation was actually made for.
        return source.previous_msgctxt, source.previous_msgid, source.previous_msgid_plural
    if newly_fuzzy:
        return source.msgctxt, source.msgid, source.msgid_plural or None
    return None


def _as_obsolete(entry: polib.POEntry) -> polib.POEntry:
    """A copy of ``entry`` marked obsolete, without what polib cannot read back.

    ``#.`` and ``#:`` comments are not written for obsolete entries, and polib
    skips ``#~|`` (previous msgid) lines when reading; keeping either would
    make the next merge of the saved file differ from this one.
    """
    return polib.POEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr=entry.msgstr,
        msgstr_plural=dict(entry.msgstr_plural),
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        obsolete=True,
    )


# --------------------------------------------------------------------------
# The merge
# --------------------------------------------------------------------------


class _Outcome(Enum):
    KEPT = "kept"
    REVIVED = "revived"
    CARRIED = "carried_over"
    FUZZY = "fuzzy"
    ADDED = "added"


@dataclass
class _Slot:
    """The decision for one template entry."""

    target: polib.POEntry
    source: polib.POEntry | None = None
    outcome: _Outcome = _Outcome.ADDED
    newly_fuzzy: bool = False


def _first_by_key(entries: Iterable[polib.POEntry]) -> dict[Key, polib.POEntry]:
    """Index entries by key; with duplicates, the first translated one wins."""
    index: dict[Key, polib.POEntry] = {}
    for entry in entries:
        key = _key(entry)
        if key not in index or (_has_translation(entry) and not _has_translation(index[key])):
            index[key] = entry
    return index


def _exact_pass(
    slots: list[_Slot],
    active: dict[Key, polib.POEntry],
    obsolete: dict[Key, polib.POEntry],
) -> None:
    """Steps 1-2: same key in the catalogue, active first, then obsolete."""
    for slot in slots:
        key = _key(slot.target)
        current, old = active.get(key), obsolete.get(key)
        if current is not None and (_has_translation(current) or old is None):
            slot.source, slot.outcome = current, _Outcome.KEPT
        elif old is not None and _has_translation(old):
            slot.source, slot.outcome = old, _Outcome.REVIVED
        elif old is not None or current is not None:
            # Untranslated on both sides: keep its translator comment, stay open
            # to a layout or fuzzy match.
            slot.source = current if current is not None else old
            slot.outcome = _Outcome.KEPT if current is not None else _Outcome.ADDED
            continue
        else:
            continue
        if _differ_in_layout(slot.source.msgid_plural, slot.target.msgid_plural):
            slot.newly_fuzzy = True  # plural text or plural-ness changed
            slot.outcome = _Outcome.FUZZY if _has_translation(slot.source) else slot.outcome


def _open(slot: _Slot) -> bool:
    """Still looking for a translation."""
    return slot.source is None or not _has_translation(slot.source)


def _layout_pass(slots: list[_Slot], pool: list[polib.POEntry], used: set[int]) -> None:
    """Step 3: carry translations over layout-only edits, without fuzzy."""
    by_layout: dict[tuple[str | None, str, str], list[int]] = {}
    for i, entry in enumerate(pool):
        key = (entry.msgctxt, layout_key(entry.msgid), layout_key(entry.msgid_plural))
        by_layout.setdefault(key, []).append(i)
    for slot in slots:
        if not _open(slot):
            continue
        target = slot.target
        key = (target.msgctxt, layout_key(target.msgid), layout_key(target.msgid_plural))
        free = [i for i in by_layout.get(key, ()) if i not in used]
        if free:
            used.add(free[0])
            slot.source, slot.outcome, slot.newly_fuzzy = pool[free[0]], _Outcome.CARRIED, False


def _fuzzy_pass(
    slots: list[_Slot], pool: list[polib.POEntry], used: set[int], vocabulary: _Vocabulary
) -> None:
    """Step 4: similar msgids, one old translation per new message."""
    open_slots = [slot for slot in slots if _open(slot)]
    free = [i for i in range(len(pool)) if i not in used]
    matches = _fuzzy_assign([s.target for s in open_slots], [pool[i] for i in free], vocabulary)
    for qi, si in matches.items():
        used.add(free[si])
        slot = open_slots[qi]
        slot.source, slot.outcome, slot.newly_fuzzy = pool[free[si]], _Outcome.FUZZY, True


def _merged_file(catalogue: polib.POFile, template: polib.POFile) -> polib.POFile:
    """An empty file with the catalogue's header and the template's POT date."""
    out = polib.POFile(
        wrapwidth=catalogue.wrapwidth,
        encoding=catalogue.encoding,
        check_for_duplicates=False,
    )
    out.fpath = catalogue.fpath
    out.header = catalogue.header
    out.metadata = dict(catalogue.metadata)
    out.metadata_is_fuzzy = catalogue.metadata_is_fuzzy
    if "POT-Creation-Date" in template.metadata:
        out.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    return out


def merge_catalogue(
    catalogue: polib.POFile, template: polib.POFile
) -> tuple[polib.POFile, MergeStats]:
    """Merge ``template`` into ``catalogue``; return the new catalogue and stats.

    Entries follow the template's order, obsolete entries come last in the
    catalogue's order.  The header is the catalogue's, with the template's
    ``POT-Creation-Date``.  ``#.``, ``#:`` and format flags come from the
    template, translator comments (``#``) from the catalogue.  Neither
    argument is modified.  Merging the result again with the same template
    changes nothing.
    """
    targets = [entry for entry in template if not entry.obsolete]
    active = _first_by_key(e for e in catalogue if not e.obsolete)
    obsolete = _first_by_key(e for e in catalogue if e.obsolete)

    slots = [_Slot(target) for target in targets]
    _exact_pass(slots, active, obsolete)

    # Only messages that left the template can lend a translation.
    in_template = {_key(t) for t in targets}
    leaving = [e for e in catalogue if _key(e) not in in_template]
    pool = [e for e in leaving if _has_translation(e)]
    used: set[int] = set()
    if any(_open(slot) for slot in slots) and pool:
        _layout_pass(slots, pool, used)
        vocabulary = _Vocabulary([t.msgid for t in targets])
        _fuzzy_pass(slots, pool, used, vocabulary)

    nplurals = plural_count(catalogue) or 2
    out = _merged_file(catalogue, template)
    for slot in slots:
        out.append(_build(slot.target, slot.source, nplurals, newly_fuzzy=slot.newly_fuzzy))

    claimed = {id(pool[i]) for i in used}
    newly_obsolete = 0
    for entry in leaving:
        if id(entry) in claimed:
            continue
        newly_obsolete += not entry.obsolete
        out.append(_as_obsolete(entry))

    counts = {outcome: 0 for outcome in _Outcome}
    for slot in slots:
        counts[slot.outcome] += 1
    stats = MergeStats(
        kept=counts[_Outcome.KEPT],
        fuzzy=counts[_Outcome.FUZZY],
        revived=counts[_Outcome.REVIVED],
        obsoleted=newly_obsolete,
        added=counts[_Outcome.ADDED],
        carried_over=counts[_Outcome.CARRIED],
    )
    return out, stats
