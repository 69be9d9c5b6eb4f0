"""Checks on a catalogue as a whole, made before any entry is judged.

A catalogue is read as a whole first: which language its header and its path
name, which script its translations are actually written in, and which language
they are in. One finding on the header then replaces thousands on the entries
(a Kazakh catalogue written in Latin letters, a ``pt`` catalogue that is Spanish),
and the entries are checked against what the catalogue really is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from pipeline import catalogue, language
from pipeline.catalogue.placeholders import strip_non_words
from pipeline.checks import Context, Finding, Unit, register
from pipeline.checks.languages import language_name, script_name
from pipeline.language import scripts

_LETTER = regex.compile(r"\p{L}")
_NOT_LETTER = regex.compile(r"\P{L}+")
_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
#: How much of a catalogue is read to tell its script and language: enough text for
#: a clear decision, a bounded cost per catalogue.
SAMPLE_ENTRIES = 200
SAMPLE_LETTERS = 4_000
#: A catalogue needs this many translated entries before it is judged as a whole.
MIN_ENTRIES = 20
#: ... and this many different words before its language is judged as a whole.
MIN_VOCABULARY = 40
#: At most this many of them are scored: ample evidence, at a bounded cost (each new word
#: costs a score against every language of its script).
MAX_VOCABULARY = 120


@register(
    "catalogue-language",
    "error",
    "The catalogue as a whole: a Language header that contradicts its path, or text in "
    "another language (errors); a language CLDR cannot place, a script other than "
    "CLDR's default, or in-context placeholders (crwdns…) in place of translations "
    "(warnings, once on the header).",
    per_unit=False,
)
def catalogue_language(unit: Unit, ctx: Context) -> Iterator[Finding]:
    # Reported by the runner once per catalogue (see :func:`assess`); the entry
    # here makes the code listable and selectable.
    return iter(())


@dataclass(frozen=True)
class Assessment:
    """What a catalogue is, and how its entries are to be checked."""

    expected: str  # the locale its entries are checked against
    language_checks: bool  # False: wrong-script and language ID are skipped
    findings: tuple[Finding, ...] = ()


def _header(path: str, line: int, expected: str, message: str, severity: str) -> Finding:
    return Finding(path, line, None, "catalogue-language", severity, message, None, expected)


def unknown_language(path: str, header_line: int) -> Finding:
    """The warning for a catalogue with no Language header, no ``<lang>/LC_MESSAGES/`` path
    and no ``<lang>.po`` name: its entries get every check but the language checks."""
    return _header(
        path,
        header_line,
        "und",
        "no Language header, and neither the path (<lang>/LC_MESSAGES/) nor the file name "
        "(<lang>.po) names a language: language checks skipped; set the Language header",
        "warning",
    )


def placeable(locale: str) -> bool:
    """Whether CLDR can tell which script ``locale`` is written in."""
    try:
        scripts.expected_scripts(locale)
    except ValueError:
        return False
    return True


def catalogue_locale(header: str, path: str | None) -> str:
    """The locale a catalogue is for: its Language header, or its path where the path
    says more of the same language. gettext picks the catalogue by its path, so a
    ``zh_HK/`` catalogue whose header says only ``zh`` is read by Hong Kong's readers:
    Traditional Chinese, not the Simplified that ``zh`` alone stands for."""
    if not header or not path:
        return header or path or ""
    try:
        said, meant = scripts.parse_locale(header), scripts.parse_locale(path)
    except ValueError:
        return header
    same = said[0] == meant[0] and all(
        a is None or a == b for a, b in zip(said, meant, strict=True)
    )
    return path if same and meant != said else header


def assess(
    path: str,
    units: list[Unit],
    expected: str,
    path_language: str | None,
    header_line: int,
    ctx: Context,
) -> Assessment:
    """Read the catalogue at ``path`` as a whole: its languages, its script, its language."""
    found: list[Finding] = []
    contradiction = None  # where the finding on a header that contradicts the path is
    if path_language and not placeable(expected) and placeable(path_language):
        found.append(
            _header(
                path,
                header_line,
                path_language,
                f"the Language header {expected!r} is not a language code CLDR knows; "
                f"checked as {path_language!r} ({language_name(path_language)}), from its path",
                "warning",
            )
        )
        expected = path_language
    elif path_language and _contradicts(expected, path_language):
        contradiction = len(found)
        found.append(
            _header(
                path,
                header_line,
                expected,
                f"the Language header says {expected!r} ({language_name(expected)}), but the "
                f"catalogue's path says {path_language!r} ({language_name(path_language)})",
                "error",
            )
        )
    if not placeable(expected):
        found.append(
            _header(
                path,
                header_line,
                expected,
                f"no script known for {expected!r}: language checks skipped; set Language to a "
                f"code with a script, such as {scripts.language_of(expected)}_Latn",
                "warning",
            )
        )
        return Assessment(expected, False, tuple(found))
    sample = _sample(units)
    if len(sample) < MIN_ENTRIES:
        return Assessment(expected, True, tuple(found))
    text = "\n".join(sample)
    written = _dominant_script(text, scripts.expected_scripts(expected))
    if written is not None:
        base = scripts.language_of(expected)
        found.append(
            _header(
                path,
                header_line,
                expected,
                f"written in {script_name(written)}; CLDR's default for {base} is "
                f"{_default_script_name(expected)}; set Language: {base}_{written}",
                "warning",
            )
        )
        expected = f"{base}_{written}"
    # Each word once: a catalogue that repeats "Mensaje número %d" a hundred times
    # has the evidence of two words, not of two hundred.
    vocabulary = list(dict.fromkeys(_WORDS.findall(text)))[:MAX_VOCABULARY]
    verdict = None
    # Only a language that a profile models can be told from another as a whole: for
    # the others, English beating the stand-ins proves nothing about the catalogue.
    if len(vocabulary) >= MIN_VOCABULARY and language.models(expected):
        verdict = language.wrong_language(" ".join(vocabulary), expected, ctx.source_language)
    if (
        verdict is not None
        and contradiction is not None
        and path_language
        and scripts.language_of(verdict.detected) == scripts.language_of(path_language)
    ):
        # The entries are in the path's language: the header is what is wrong, and it
        # is reported already; the entries are checked as the path's language.
        wrong = found[contradiction]
        found[contradiction] = wrong._replace(
            message=f"{wrong.message}; the entries are {language_name(path_language)}"
        )
        return Assessment(path_language, True, tuple(found))
    if verdict is not None:
        found.append(
            _header(
                path,
                header_line,
                expected,
                f"the catalogue is in {language_name(verdict.detected)}, not "
                f"{language_name(expected)}: its entries are not checked for language",
                "error",
            )
        )
        return Assessment(expected, False, tuple(found))
    return Assessment(expected, True, tuple(found))


#: Crowdin's in-context placeholders: the pseudo-language a project ships so that
#: translators can edit on the live site. Each msgstr stands for the string's id
#: ("crwdns1076:0crwdne1076:0"), with the msgid's placeholders between the markers.
_IN_CONTEXT = regex.compile(r"crwdns\d+:\d+.*crwdne\d+:\d+", regex.DOTALL)


def pseudo_translations(
    path: str, units: list[Unit], expected: str, header_line: int
) -> tuple[list[Unit], list[Finding]]:
    """Entries whose msgstr is an in-context placeholder, not text, are left out of
    every check; a catalogue with any says so once, as a warning on its header."""
    if not any(u.text.startswith("crwdns") for u in units):
        return units, []  # the common case: one cheap pass, no copy
    kept = [u for u in units if not (u.text.startswith("crwdns") and _IN_CONTEXT.fullmatch(u.text))]
    found = len(units) - len(kept)
    if not found:
        return units, []
    units = kept
    message = (
        f"{found} entries are Crowdin in-context placeholders (crwdns…crwdne…), not "
        "translations: not checked"
    )
    return units, [_header(path, header_line, expected, message, "warning")]


def _sample(units: list[Unit]) -> list[str]:
    """Translations that say something about the catalogue: not fuzzy, not the msgid."""
    sample, letters = [], 0
    for unit in units:
        text = unit.text
        if not text or unit.fuzzy or text == unit.source:
            continue
        sample.append(strip_non_words(text))  # not placeholders' names: %(value)s
        letters += len(text)
        if len(sample) >= SAMPLE_ENTRIES or letters >= SAMPLE_LETTERS:
            break
    return sample


@lru_cache(maxsize=64)
def _not_letters(expected: frozenset[str]) -> regex.Pattern[str]:
    return regex.compile("[^" + "".join(rf"\p{{sc={s}}}" for s in sorted(expected)) + "]+")


def _dominant_script(text: str, expected: frozenset[str]) -> str | None:
    """The script most of the letters are in, when it is not one the language expects."""
    letters = _NOT_LETTER.sub("", text)
    if len(_not_letters(expected).sub("", letters)) * 2 >= len(letters):
        return None  # the common case, decided by two passes in C
    counts: Counter[str] = Counter()
    for match in _LETTER.finditer(text):
        counts[scripts.script_of(match.group())] += 1
    if not counts:
        return None
    top, top_count = counts.most_common(1)[0]
    if top in expected or top_count * 2 <= sum(counts.values()):
        return None
    return top


def _default_script_name(locale: str) -> str:
    return " and ".join(script_name(s) for s in sorted(scripts.expected_scripts(locale)))


def _contradicts(header: str, path: str) -> bool:
    """Whether a Language header and a ``<lang>/LC_MESSAGES`` path name different languages.

    Only the language subtags are compared, as gettext looks catalogues up: ``pt``
    in ``pt_BR/`` and ``sr@latin`` in ``sr/`` agree; ``es`` in ``fr/`` does not.
    """
    a, b = scripts.language_of(header), scripts.language_of(path)
    return a != b and not language.are_relatives(a, b)


class CatalogueProfile:
    """The catalogue's own profile, learnt on first use from its translations.

    Most catalogues never need it: it is built only when an entry is about to be
    called another language.
    """

    def __init__(self, units: list[Unit]) -> None:
        self._units = units
        self._profile: language.OwnProfile | None = None
        self._texts: list[str] | None = None
        self._counts: dict[str, tuple[int, int]] = {}

    def entries_with(self, words: str) -> tuple[int, int]:
        """How many of the catalogue's translations contain ``words`` as whole words,
        case aside; and in how many of them the msgid has the words too, where the
        translation is not the msgid itself: the words kept as the msgid writes them."""
        if self._texts is None:
            self._texts = [
                (u.text.casefold(), u.source.casefold() if u.source and u.source != u.text else "")
                for u in self._units
                if u.text and not u.fuzzy
            ]
        needle = words.casefold()
        count = self._counts.get(needle)
        if count is None:
            pattern = regex.compile(rf"(?<!\w){regex.escape(needle)}(?!\w)")
            having = [s for t, s in self._texts if needle in t and pattern.search(t)]
            kept = sum(1 for s in having if needle in s and pattern.search(s))
            count = self._counts[needle] = (len(having), kept)
        return count

    def vouches_for(self, text: str, detected: str, entry: str, llr: float) -> bool:
        """Whether the rest of the catalogue explains ``text`` about as well as
        ``detected`` does: less than ``llr`` nats worse."""
        if self._profile is None:
            self._profile = language.OwnProfile(
                u.text for u in self._units if u.text and not u.fuzzy and u.text != u.source
            )
        return not language.beats_own_profile(text, detected, self._profile, entry, llr)


def plural_forms(
    shown: str, line: int, metadata: Mapping[str, str], expected: str, units: Sequence[Unit]
) -> list[Finding]:
    """The ``plural-forms`` finding on the header, if its formula is not CLDR's.

    With no plural entry translated (Zope's catalogues keep a boilerplate header, and
    a new catalogue its template's), no text depends on the formula yet: a warning,
    for the day one is.
    """
    header = metadata.get("Plural-Forms")
    mismatch = catalogue.cldr_mismatch(header, expected) if header else None
    if mismatch is None:
        return []
    if any(u.source_plural and u.text and not u.fuzzy for u in units):
        severity, message = mismatch.severity, mismatch.message
    else:
        severity = "warning"
        message = f"{mismatch.message} (no entry has plural forms translated yet)"
    return [Finding(shown, line, None, "plural-forms", severity, message, None, expected)]
