"""Real catalogues and seeded fault injection, shared by the language benchmarks.

Data: the ~70 ``sphinx/locale/<lang>/LC_MESSAGES/sphinx.po`` catalogues shipped in
the pinned Sphinx wheel, downloaded once with ``pip download`` into
``bench/.cache/sphinx`` (gitignored) and only when missing (the copy
:mod:`corpora` extracts is used when it is there). Or a split of
:mod:`corpora` (``tuning``, ``reporting``): for each project and language, the
project's largest catalogue (:func:`corpus_catalogues`).

Faults, six kinds, each injected into a seeded sample of translated entries of
non-English catalogues:

1. ``english: msgid``: the msgstr replaced by its msgid;
2. ``english: other text``: the msgstr replaced by other English text (a msgid);
3. ``swap: other script``: the same message's translation in a language written
   in another script;
4. ``swap: same script``: its translation in a clearly different language of the
   same script (modelled languages only: an unmodelled one never claims a third
   language, by design);
5. ``mixed: 4-7 English words``: a run of 4-7 English words inserted;
6. ``script: 1-3 words``: a run of 1-3 words in another script inserted.

A swap's text has a word in it ("%s-%s" and "OK" are no language), and when the
faults are written into catalogues the entry it came from is left intact: text
pasted from another catalogue is still in that catalogue, as in real life, where
faults are rare; here one entry in six gets one.

Used by ``bench_language_core.py`` (the core functions) and ``bench_check.py`` (the
real ``l10n check`` command).
"""

from __future__ import annotations

import glob
import os
import random
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib
import regex

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pipeline.checks.whole import placeable as _known  # noqa: E402
from pipeline.language import are_relatives, is_modelled  # noqa: E402
from pipeline.language.scripts import expected_scripts, language_of, script_of  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SPHINX = "sphinx==9.0.4"
SPHINX_CACHE = os.path.join(HERE, ".cache", "sphinx")
#: The same wheel's catalogues as :mod:`corpora` extracts them (``corpora.corpus_dir``).
SPHINX_CORPUS = os.path.join(HERE, ".cache", "corpora", "sphinx")
#: A catalogue of a corpus needs this many translated, non-fuzzy entries to be used.
MIN_ENTRIES = 20
ADJUDICATED = os.path.join(HERE, "..", "tests", "data", "language", "sphinx_adjudicated.tsv")

#: Fault kinds in injection order (earlier kinds pick their entries first when
#: every entry may carry only one fault).
KINDS = (
    "english: msgid",
    "english: other text",
    "swap: same script",
    "swap: other script",
    "mixed: 4-7 English words",
    "script: 1-3 words",
)


@dataclass(frozen=True)
class Entry:
    """One translated, non-fuzzy entry of a shipped catalogue."""

    catalogue: str  # its catalogue's key (:attr:`Catalogue.key`)
    language: str  # Language header (else the path's <lang>)
    msgid: str
    msgstr: str
    plural: bool = False  # msgstr is msgstr[0] of a plural entry
    project: str = ""  # swaps pair catalogues of one project only
    context: str | None = None  # msgctxt


@dataclass(frozen=True)
class Catalogue:
    """A shipped catalogue, and where it goes in a tree of catalogues.

    In a tree it is ``<key>/LC_MESSAGES/<domain>.po``: the key is the path of its
    ``LC_MESSAGES`` directory's parent, relative to the tree (:func:`catalogue_key`).
    Sphinx: ``<lang>`` and ``sphinx``; a :mod:`corpora` split: ``<project>/<lang>``
    and ``<project>``.
    """

    key: str
    path: str  # the shipped file
    domain: str
    project: str
    language: str  # Language header if CLDR knows it, else the path's <lang>

    @property
    def file(self) -> str:
        """Its path inside a tree."""
        return f"{self.key}/LC_MESSAGES/{self.domain}.po"


@dataclass(frozen=True)
class Fault:
    """A fault injected into ``entry``: its msgstr becomes ``text``."""

    kind: str
    entry: Entry
    text: str
    span: tuple[int, int] | None  # where the injected text is, for insertions


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


def sphinx_locale_dir(explicit: str | None = None, cache: str = SPHINX_CACHE) -> str:
    """The ``sphinx/locale`` directory: ``explicit``, else the cached wheel's.

    The wheel is downloaded with ``pip download --no-deps`` only when neither the
    extracted catalogues nor the wheel are in ``cache``.
    """
    if explicit:
        return explicit
    locale_dir = os.path.join(cache, "sphinx", "locale")
    if os.path.isdir(locale_dir):
        return locale_dir
    extracted = os.path.join(SPHINX_CORPUS, "sphinx", "locale")
    if cache == SPHINX_CACHE and os.path.exists(os.path.join(SPHINX_CORPUS, ".complete")):
        return extracted  # the same wheel's catalogues, extracted by corpora.py
    os.makedirs(cache, exist_ok=True)
    wheels = glob.glob(os.path.join(cache, "sphinx-*.whl"))
    if not wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", SPHINX, "-d", cache],
            check=True,
        )
        wheels = glob.glob(os.path.join(cache, "sphinx-*.whl"))
    (wheel,) = wheels
    with zipfile.ZipFile(wheel) as archive:
        members = [n for n in archive.namelist() if n.startswith("sphinx/locale/")]
        archive.extractall(cache, members)
    return locale_dir


def catalogue_paths(locale_dir: str) -> list[str]:
    """Every ``<lang>/LC_MESSAGES/sphinx.po`` under ``locale_dir``, sorted."""
    return sorted(glob.glob(os.path.join(locale_dir, "*", "LC_MESSAGES", "sphinx.po")))


def catalogue_key(path: str | Path, root: str | Path, cwd: str | Path | None = None) -> str:
    """The key of the catalogue at ``path`` in the tree ``root``: the path of its
    ``LC_MESSAGES`` directory's parent relative to ``root``, ``/``-separated
    (``fr``, ``django/fr``). A relative ``path`` is taken from ``cwd`` (default: the
    current directory), as a tool run there reports it."""
    where = Path(path)
    if not where.is_absolute():
        where = Path(cwd or os.getcwd()) / where
    parts = where.resolve().relative_to(Path(root).resolve()).parts
    return "/".join(parts[: parts.index("LC_MESSAGES")])


def _language(header: str, path_language: str) -> str | None:
    """The Language header if CLDR knows it (not 'Estonian'), else the path's."""
    return next((x for x in (header.strip(), path_language) if x and _known(x)), None)


def _translated(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and "fuzzy" not in e.flags and e.translated()]


def _entries(catalogue: Catalogue, units: Iterable[polib.POEntry]) -> list[Entry]:
    entries = []
    for e in units:
        msgstr = e.msgstr or e.msgstr_plural.get(0, "")
        if msgstr.strip():
            entries.append(
                Entry(
                    catalogue.key,
                    catalogue.language,
                    e.msgid,
                    msgstr,
                    bool(e.msgid_plural),
                    catalogue.project,
                    e.msgctxt,
                )
            )
    return entries


def sphinx_corpus(locale_dir: str) -> tuple[list[Catalogue], list[Entry]]:
    """The Sphinx catalogues, keyed by their ``<lang>`` directory, and their entries."""
    catalogues, entries = [], []
    for path in catalogue_paths(locale_dir):
        lang = path.split(os.sep)[-3]
        po = polib.pofile(path)
        language = (po.metadata.get("Language") or lang).strip()
        catalogue = Catalogue(lang, path, "sphinx", "sphinx", language)
        catalogues.append(catalogue)
        entries.extend(_entries(catalogue, _translated(po)))
    return catalogues, entries


def load_entries(locale_dir: str) -> list[Entry]:
    """Every translated, non-fuzzy, non-obsolete entry of every Sphinx catalogue."""
    return sphinx_corpus(locale_dir)[1]


def _english(lang: str) -> bool:
    """Whether a ``<lang>`` directory is English (``en``, ``en_GB``): the source."""
    return language_of(lang) == "en" if _known(lang) else lang.lower().startswith("en")


def corpus_catalogues(
    split: str, min_entries: int = MIN_ENTRIES
) -> tuple[list[Catalogue], list[Entry], Counter[str]]:
    """The catalogues of a :mod:`corpora` split, their entries, and what was skipped.

    For each project and ``<lang>`` of its ``.../<lang>/LC_MESSAGES/*.po`` files, the
    project's largest catalogue for that language (most translated, non-fuzzy
    entries), if it has at least ``min_entries``; English ones (``en``, ``en_GB``:
    the source language) and those whose language neither the header nor the path
    names in a way CLDR knows (``ber``) are left out. Key ``<project>/<lang>``.
    """
    import corpora  # the sibling module; imported only when a split is wanted

    catalogues: list[Catalogue] = []
    entries: list[Entry] = []
    skipped: Counter[str] = Counter()
    for project in corpora.SPLITS[split]:
        by_language: dict[str, list[str]] = defaultdict(list)
        for path in corpora.catalogues(project):
            parts = Path(path).parts
            if "LC_MESSAGES" in parts[:-1]:
                by_language[parts[parts.index("LC_MESSAGES") - 1]].append(path)
            else:
                skipped["not in <lang>/LC_MESSAGES/"] += 1
        for lang in sorted(by_language):
            if _english(lang):
                skipped["English"] += len(by_language[lang])
                continue
            best: tuple[int, str, polib.POFile, list[polib.POEntry]] | None = None
            for path in by_language[lang]:
                try:
                    po = polib.pofile(path)
                except (OSError, ValueError):  # a broken shipped file: nothing to inject into
                    skipped["not readable by polib"] += 1
                    continue
                units = _translated(po)
                if best is None or len(units) > best[0]:
                    best = (len(units), path, po, units)
            if best is None:
                continue
            count, path, po, units = best
            skipped["not the largest of its language"] += len(by_language[lang]) - 1
            language = _language(po.metadata.get("Language") or "", lang)
            if count < min_entries:
                skipped[f"under {min_entries} translated entries"] += 1
                continue
            if language is None:
                skipped["language unknown to CLDR"] += 1
                continue
            catalogue = Catalogue(f"{project}/{lang}", path, project, project, language)
            catalogues.append(catalogue)
            entries.extend(_entries(catalogue, units))
    return catalogues, entries, skipped


def load_adjudicated(path: str = ADJUDICATED) -> dict[tuple[str, str], str]:
    """(catalogue, msgid) -> "real" or "debatable", judged by hand (see the file)."""
    known: dict[tuple[str, str], str] = {}
    if not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            catalogue, verdict, msgid, _why = line.rstrip("\n").split("\t")
            known[(catalogue, msgid.replace("\\n", "\n"))] = verdict
    return known


# ---------------------------------------------------------------------------
# Fault injection
# ---------------------------------------------------------------------------


def scripts_of(language: str) -> frozenset[str]:
    """The scripts a language is written in."""
    return expected_scripts(language)


def words_of(text: str) -> list[str]:
    """Whitespace-separated tokens that contain a letter."""
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


def insert_at_word_boundary(rng: random.Random, host: str, insert: str) -> tuple[str, int]:
    """``host`` with ``insert`` at a random word boundary, and where it starts."""
    spaces = [m.start() for m in regex.finditer(r"\s", host)]
    if spaces and not regex.search(r"[\p{Han}\p{Hiragana}\p{Katakana}]", host):
        at = rng.choice(spaces)
        return host[:at] + " " + insert + host[at:], at + 1
    at = rng.randrange(len(host) + 1)  # unspaced scripts: any position
    return host[:at] + " " + insert + " " + host[at:], at + 1


_NOT_WORDS = regex.compile(r"%\([^)]*\)[a-zA-Z]|%[a-zA-Z]|\{[^}]*\}|<[^>]*>|&#?\w+;")


def has_a_word(text: str) -> bool:
    """Whether ``text`` has a word (three letters, or two Han or kana) outside
    placeholders and markup: without one ("%s-%s", "OK") a swap is not text in
    another language."""
    words = _NOT_WORDS.sub(" ", text)
    return regex.search(r"\p{L}{3}|[\p{Han}\p{Hiragana}\p{Katakana}]{2}", words) is not None


def foreign_letters(text: str, mine: frozenset[str]) -> bool:
    """Whether ``text`` has a letter outside the scripts ``mine``."""
    return any(script_of(c) not in mine | {"Zyyy", "Zinh"} for c in text if c.isalpha())


def make_faults(
    entries: list[Entry],
    rng: random.Random,
    per_kind: int,
    *,
    targets: Sequence[Entry] | None = None,
    exclusive: bool = False,
    english: Sequence[str] | None = None,
    adjudicated: Mapping[tuple[str, str], str] | None = None,
) -> list[Fault]:
    """Up to ``per_kind`` seeded faults of each kind in :data:`KINDS`.

    ``entries`` supply the swaps (the same msgid's translation in another catalogue
    of the same project) and the English text (``english``, default: the msgids of
    7 words or more of the ``fr`` catalogue); faults go into ``targets`` (default:
    every entry of a non-English catalogue). With ``exclusive`` an entry receives at
    most one fault, as when the faults are written into catalogues. The entries
    ``adjudicated`` "real" errors (default: the Sphinx ones) give no swap.
    """
    # A swap donor must be in its catalogue's language: the entries judged wrong in
    # the shipped catalogues (Portuguese text in the Albanian one) are not.
    if adjudicated is None:
        adjudicated = load_adjudicated()
    broken = {key for key, verdict in adjudicated.items() if verdict == "real"}
    by_msgid: dict[tuple[str, str | None, str], list[Entry]] = defaultdict(list)
    for e in entries:
        if (e.catalogue, e.msgid) not in broken:
            by_msgid[(e.project, e.context, e.msgid)].append(e)
    if english is None:
        english = [e.msgid for e in entries if e.catalogue == "fr"]
    english = sorted({text for text in english if len(words_of(text)) >= 7})
    clauses = sorted({c for text in english for c in plain_clauses(text)})
    if targets is None:
        targets = [e for e in entries if language_of(e.language) != "en"]
    else:
        targets = [e for e in targets if language_of(e.language) != "en"]
    faults: list[Fault] = []
    used: set[Entry] = set()

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
            for o in by_msgid[(e.project, e.context, e.msgid)]
            if not (exclusive and o in used)  # its text stays where it came from
            and has_a_word(o.msgstr)
            and not are_relatives(o.language, e.language)
            and o.msgstr not in (e.msgstr, e.msgid)
            and language_of(o.language) != "en"
            and (scripts_of(o.language) == mine) == same_script
            and (same_script or not scripts_of(o.language) & mine)
            and (same_script or foreign_letters(o.msgstr, mine))
        ]
        if not options:
            return None
        other = rng.choice(options)
        used.add(other)  # with ``exclusive``, no later fault breaks the donor's entry
        kind = "swap: same script" if same_script else "swap: other script"
        return Fault(kind, e, other.msgstr, None)

    def english_words(e: Entry) -> Fault | None:
        source = rng.choice(clauses).split()
        n = rng.randint(4, min(7, len(source)))
        at = rng.randrange(len(source) - n + 1)
        clause = " ".join(source[at : at + n])
        text, start = insert_at_word_boundary(rng, e.msgstr, clause)
        return Fault("mixed: 4-7 English words", e, text, (start, start + len(clause)))

    def script_words(e: Entry) -> Fault | None:
        mine = scripts_of(e.language)
        if "Latn" in mine:
            pool = [
                o
                for o in by_msgid[(e.project, e.context, e.msgid)]
                if not scripts_of(o.language) & mine
            ]
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

    kinds: dict[str, Callable[[Entry], Fault | None]] = {
        "english: msgid": msgid_left,
        "english: other text": other_english,
        "swap: same script": lambda e: swap(e, True),
        "swap: other script": lambda e: swap(e, False),
        "mixed: 4-7 English words": english_words,
        "script: 1-3 words": script_words,
    }
    assert tuple(kinds) == KINDS
    for make in kinds.values():
        pool = list(targets)
        rng.shuffle(pool)
        made = 0
        for e in pool:
            if exclusive and e in used:
                continue
            fault = make(e)
            if fault is not None:
                faults.append(fault)
                used.add(e)
                made += 1
                if made >= per_kind:
                    break
    return faults
