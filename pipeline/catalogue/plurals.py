"""Plural forms: the Plural-Forms header a locale gets, and what a catalogue's says.

Babel's plural tables are imported by the functions that use them: `l10n check`
reads catalogues and needs none of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import polib

from pipeline.catalogue.fastread import Entry


def plural_forms(locale: str) -> str:
    """The Plural-Forms header value for a locale, derived from CLDR's plural rules.

    Babel's own table (``babel.messages.plurals``) was hand-kept before 2.19 and
    swapped Arabic's "many" and "other" (python-babel issue 816): its formula is used
    only when it groups and orders the numbers exactly as CLDR does, and otherwise
    one is compiled from CLDR's rules. A locale CLDR lacks gets Babel's default.
    """
    derived = cldr_plural_forms(locale)
    if derived is not None:
        return derived
    from babel.messages.plurals import get_plural

    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


#: CLDR's plural categories, in the order translators and CLDR-based tools fill the
#: forms: form 0 is the first category a language uses, and so on.
CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")
#: Integers a plural rule is derived on: SAMPLE_NUMBERS, and the round millions that
#: French, Spanish, Italian and Portuguese put in "many" ("1 million de fichiers").
_DERIVATION_NUMBERS = (*range(1001), 10**6, 2 * 10**6, 10**9)


@lru_cache(maxsize=256)
def cldr_categories(locale: str) -> tuple[str, ...] | None:
    """CLDR's plural category of each n in SAMPLE_NUMBERS for ``locale``'s language,
    or None if CLDR has no plural rules for it."""
    rule = _cldr_rule(locale)
    return (
        None if rule is None else _categories_of(tuple(sorted(rule.rules.items())), SAMPLE_NUMBERS)
    )


@lru_cache(maxsize=128)
def _categories_of(rules: tuple[tuple[str, str], ...], numbers: Iterable[int]) -> tuple[str, ...]:
    """The category of each number under CLDR rules given as text: languages that share
    rules (CLDR has some fifty rule sets for hundreds of locales) share the work, and
    each rule set's categories are kept in the derived-data cache (:mod:`pipeline.cache`):
    Babel takes ~5 ms to evaluate one for a thousand numbers."""
    import hashlib
    import json

    numbers = tuple(numbers)
    key = hashlib.sha256(json.dumps([rules, numbers]).encode("utf-8")).hexdigest()
    known = _known_categories()
    code = known.get(key)
    if isinstance(code, str) and len(code) == len(numbers) and set(code) <= _CODES:
        return tuple(CATEGORY_ORDER[int(c)] for c in code)
    from babel.plural import PluralRule

    rule = PluralRule(dict(rules))
    categories = tuple(rule(n) for n in numbers)
    known[key] = "".join(str(CATEGORY_ORDER.index(c)) for c in categories)
    from pipeline import cache

    cache.write_json(_categories_name(), known)
    return categories


_CODES = frozenset("012345")


def _categories_name() -> str:
    import babel

    return f"plural-categories-babel-{babel.__version__}-{_PLURALS_FORMAT}.json"


@lru_cache(maxsize=1)
def _known_categories() -> dict[str, str]:
    """The cached categories of the rule sets evaluated before, by a hash of rules and
    numbers; empty when there is no cache or it does not read."""

    from pipeline import cache

    known = cache.read_json(_categories_name())
    return known if isinstance(known, dict) else {}


@lru_cache(maxsize=256)
def _cldr_rule(locale: str):  # type: ignore[no-untyped-def]
    """CLDR's cardinal plural rule for ``locale``, or None when CLDR gives none for its
    language: Babel then hands down the root locale's rule ("everything is other"),
    which is no rule of the language's (Abkhaz, Haitian Creole, Māori, Occitan).
    Japanese's own "everything is other" is a rule of its own.

    The rules come from :func:`_plural_table`, read along Babel's chain of parent
    locales (de_DE, then de): loading a locale's whole data for them cost ~4 ms a
    catalogue.
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global
    from babel.plural import PluralRule

    try:
        name = str(Locale.parse(locale.split(".")[0].split("@")[0]))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    table, parents = _plural_table(), get_global("parent_exceptions")
    while name and name != "root":
        if name in table:
            return PluralRule(table[name])
        name = parents.get(name) or ("_".join(name.split("_")[:-1]) if "_" in name else "")
    return None


_PLURALS_FORMAT = 1  # bump when _plural_table changes what it returns


@lru_cache(maxsize=1)
def _plural_table() -> dict[str, dict[str, str]]:
    """Every Babel locale that states plural rules of its own (about 270 of 1,150),
    with them; kept in the derived-data cache (:mod:`pipeline.cache`)."""
    import pickle

    import babel
    from babel import localedata

    from pipeline import cache

    name = f"plurals-babel-{babel.__version__}-{_PLURALS_FORMAT}.json"
    table = cache.read_json(name)
    if isinstance(table, dict) and all(isinstance(v, dict) for v in table.values()):
        return table
    table = {}
    for identifier in localedata.locale_identifiers():
        if identifier == "root":
            continue
        with open(localedata.resolve_locale_filename(identifier), "rb") as handle:
            rule = pickle.load(handle).get("plural_form")
        if rule is not None:
            table[identifier] = dict(rule.rules)
    cache.write_json(name, table)
    return table


@lru_cache(maxsize=256)
def cldr_plural_forms(locale: str) -> str | None:
    """The Plural-Forms value CLDR gives ``locale``: one form per category that whole
    numbers take, in CLDR's order. None if CLDR has no rules for the language."""
    rule = _cldr_rule(locale)
    if rule is None:
        return None
    from babel.messages.plurals import get_plural
    from babel.plural import PluralRule, to_gettext

    categories = _categories_of(tuple(sorted(rule.rules.items())), _DERIVATION_NUMBERS)
    used = [c for c in CATEGORY_ORDER if c in categories]
    wanted = tuple(used.index(c) for c in categories)
    # Babel's table, when it agrees with CLDR: its formulas are the readable ones.
    table = get_plural(locale)
    if _forms_of(table.plural_expr, _DERIVATION_NUMBERS) == wanted:
        return f"nplurals={len(used)}; plural={table.plural_expr};"
    # Compiled from CLDR. When whole numbers never reach "other" (Russian: it is for
    # fractions), the last category they do reach takes its place as the default.
    rules = dict(rule.rules)
    if "other" not in used:
        rules.pop(used[-1], None)
    compiled = to_gettext(PluralRule({c: rules[c] for c in used if c in rules}))
    return compiled.strip().rstrip(";") + ";"


def _forms_of(expression: str, numbers: Iterable[int]) -> tuple[int, ...] | None:
    import gettext

    try:
        function = gettext.c2py(expression)
        return tuple(int(function(n)) for n in numbers)
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError):
        return None


class CldrMismatch(NamedTuple):
    """How a Plural-Forms header differs from CLDR's rules for its language."""

    severity: str  # "error": numbers CLDR tells apart share a form; "warning": the rest
    message: str


@lru_cache(maxsize=1024)
def cldr_mismatch(value: str, locale: str) -> CldrMismatch | None:
    """Whether a catalogue's Plural-Forms groups the numbers 0 to 1000 as CLDR's rules
    for ``locale`` do, and in CLDR's category order (None: it does, or there is nothing
    to compare: no CLDR rules, or a header gettext cannot read, which ``syntax``
    reports).

    gettext sees whole numbers only, so only the categories they take count: Russian's
    "other" (fractions) may be left out, or kept as a form no number uses.
    """
    expected = cldr_categories(locale)
    if expected is None:
        return None
    try:
        rule = parse_plural_forms(value)
    except ValueError:
        return None
    paste = _Paste(locale)
    used = [c for c in CATEGORY_ORDER if c in expected]
    # Merged: a form that numbers of two CLDR categories share. One text cannot be
    # right for both, so some numbers read wrongly at run time: an error. Unless only
    # zero is at stake (French "n != 1", Portuguese "n > 1" in pt_PT): whether zero
    # takes the singular is where gettext's own table and CLDR part, and interfaces
    # mostly say "No files" anyway, so that is a warning.
    category_of: dict[int, str] = {}
    first_of: dict[int, int] = {}
    for n, form, category in zip(SAMPLE_NUMBERS, rule.forms, expected, strict=True):
        if n == 0:
            continue
        first_of.setdefault(form, n)
        if category_of.setdefault(form, category) != category:
            # A formula the gettext tools ship for the language is its translators'
            # convention, not the catalogue's mistake (see _convention).
            convention = _convention(rule, locale)
            return CldrMismatch(
                "warning" if convention else "error",
                f"Plural-Forms gives n = {first_of[form]} and n = {n} the same form {form}, "
                f"but CLDR puts them in different categories ({category_of[form]}, {category})"
                + (f" ({convention} has this formula)" if convention else "")
                + f"; use: {paste}",
            )
    zero_form, zero_category = rule.forms[0], expected[0]
    shares = category_of.setdefault(zero_form, zero_category)
    if shares != zero_category:
        return CldrMismatch(
            "warning",
            f"Plural-Forms gives n = 0 the form of n = {first_of[zero_form]} ({zero_form}), "
            f"but CLDR puts 0 in '{zero_category}' and {first_of[zero_form]} in '{shares}'; "
            f"use: {paste}",
        )
    first_of[zero_form] = 0
    # Split: one CLDR category spread over several forms (Hebrew's older four forms).
    # Every number still gets a form of its own category; translators fill the forms
    # alike, so it is a warning, as are forms no number reaches.
    forms_of: dict[str, list[int]] = {}
    for form in sorted(category_of, key=first_of.__getitem__):
        forms_of.setdefault(category_of[form], []).append(form)
    for category, forms in forms_of.items():
        if len(forms) > 1:
            numbers = ", ".join(f"n = {first_of[f]} form {f}" for f in forms[:2])
            return CldrMismatch(
                "warning",
                f"Plural-Forms splits CLDR's '{category}' over {len(forms)} forms ({numbers}), "
                f"which translators must fill alike; use: {paste}",
            )
    all_categories = len(_cldr_rule(locale).tags | {"other"})
    if rule.nplurals not in (len(used), all_categories):
        return CldrMismatch(
            "warning",
            f"Plural-Forms says nplurals={rule.nplurals}, but whole numbers take "
            f"{len(category_of)} of its forms and CLDR has {len(used)}; use: {paste}",
        )
    order = [category_of[f] for f in sorted(category_of)]
    if order != used:
        return CldrMismatch(
            "warning",
            f"Plural-Forms has CLDR's groups in another order ({', '.join(order)}) than "
            f"CLDR's ({', '.join(used)}), which translators and CLDR-based tools assume; "
            f"use: {paste}",
        )
    return None


def _convention(rule: PluralRule, locale: str) -> str | None:
    """Which tool's table gives ``locale`` a formula that groups the numbers as ``rule``
    does, if one does:

    * Babel's gettext table, what ``pybabel init`` writes (Vietnamese's nplurals=1,
      where CLDR has since added "one");
    * Weblate's language data (the ``weblate-language-data`` package): its formula for
      the language and the variants it knows in use (Welsh's older four forms, GNU
      gettext's Latvian rule, Macedonian's ``n%10==1``).
    """
    grouping = _grouping(rule.forms)
    if grouping in _known_groupings(locale, "babel"):
        return "Babel's gettext table"
    if grouping in _known_groupings(locale, "weblate"):
        return "Weblate's language data"
    return None


@lru_cache(maxsize=256)
def _known_groupings(locale: str, table: str) -> frozenset[tuple[int, ...]]:
    """How the formulas ``table`` gives ``locale`` (or its language) group the numbers."""
    if table == "babel":
        from babel.messages.plurals import get_plural

        try:
            formulas = [get_plural(locale).plural_expr]
        except (ValueError, TypeError):
            formulas = []
    else:
        known = _weblate_formulas()
        language = locale.split("_")[0]
        formulas = known.get(locale, []) or known.get(language, [])
    groupings = (_forms_of(f, SAMPLE_NUMBERS) for f in formulas)
    return frozenset(_grouping(g) for g in groupings if g is not None)


@lru_cache(maxsize=1)
def _weblate_formulas() -> dict[str, list[str]]:
    """Weblate's plural formulas by language code: its default and known variants."""
    try:
        from weblate_language_data.languages import LANGUAGES
        from weblate_language_data.plurals import EXTRAPLURALS
    except ImportError:  # pragma: no cover - a dependency, but the check does without
        return {}
    formulas: dict[str, list[str]] = {}
    for code, _name, _count, formula in (*LANGUAGES, *EXTRAPLURALS):
        formulas.setdefault(code, []).append(formula)
    return formulas


def _grouping(forms: Iterable[int]) -> tuple[int, ...]:
    """Forms renumbered by first use: two rules group alike when these are equal."""
    seen: dict[int, int] = {}
    return tuple(seen.setdefault(f, len(seen)) for f in forms)


class _Paste:
    """The formula to paste, derived only when a message needs it."""

    def __init__(self, locale: str) -> None:
        self._locale = locale

    def __format__(self, spec: str) -> str:
        return format(cldr_plural_forms(self._locale), spec)


def plural_count(po: polib.POFile) -> int | None:
    """nplurals from the catalogue's Plural-Forms header, if it has one."""
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else None


_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)
#: Numbers a plural expression is evaluated on to see which forms it uses.
SAMPLE_NUMBERS = range(1001)


@dataclass(frozen=True)
class PluralRule:
    """A Plural-Forms header, parsed and evaluated as gettext evaluates it."""

    nplurals: int
    expression: str
    forms: tuple[int, ...]  # the form of each n in SAMPLE_NUMBERS

    def numbers_of(self, form: int) -> list[int]:
        """The sampled n that take ``form``."""
        return [n for n, f in zip(SAMPLE_NUMBERS, self.forms, strict=True) if f == form]

    @property
    def single_number_forms(self) -> frozenset[int]:
        """Forms used for exactly one n (Hebrew's form for n == 1): they may omit the number."""
        counts = Counter(self.forms)
        return frozenset(form for form, count in counts.items() if count == 1)


@lru_cache(maxsize=256)
def parse_plural_forms(value: str) -> PluralRule:
    """The rule of a Plural-Forms value; ValueError, saying why, if gettext would refuse it."""
    import gettext

    found = _PLURAL_FORMS.match(value)
    if found is None:
        raise ValueError(f"Plural-Forms {value!r} is not 'nplurals=N; plural=EXPRESSION;'")
    nplurals, expression = int(found.group(1)), found.group(2)
    if nplurals < 1:
        raise ValueError(f"Plural-Forms says nplurals={nplurals}: there must be at least one form")
    try:
        function = gettext.c2py(expression)  # gettext's own parser of the C expression
        forms = tuple(int(function(n)) for n in SAMPLE_NUMBERS)
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError) as error:
        raise ValueError(f"the plural expression {expression!r} does not parse: {error}") from None
    beyond = sorted({f for f in forms if not 0 <= f < nplurals})
    if beyond:
        raise ValueError(f"the plural expression gives form {beyond[0]} but nplurals is {nplurals}")
    return PluralRule(nplurals, expression, forms)


class PluralProblem(NamedTuple):
    """One plural problem: where, what, and whether a reader of the ``.mo`` meets it."""

    line: int
    reason: str
    at_run_time: bool = True


def plural_problems(
    entries: Iterable[polib.POEntry | Entry], metadata: dict[str, str], header_line: int
) -> list[PluralProblem]:
    """What makes plural entries unusable at run time: a header gettext cannot evaluate,
    or translated entries whose number of msgstr forms is not nplurals.

    Fewer forms than nplurals: the numbers that take a missing form get the msgid at
    run time (Python's gettext) or form 0 (GNU's). More: ``msgfmt --check-header``
    refuses the catalogue, though the extra forms are never used at run time (plain
    ``msgfmt`` and ``--check-format`` accept it): ``at_run_time`` is False.
    Untranslated and fuzzy entries are left out, as msgfmt leaves them out of the
    ``.mo``. Every entry with the same count is one problem, reported at the first
    such entry, with how many there are: one stale header is one finding.
    """
    value = metadata.get("Plural-Forms")
    if value is None:
        return []
    try:
        rule = parse_plural_forms(value)
    except ValueError as error:
        return [PluralProblem(header_line, str(error))]
    nplurals = rule.nplurals
    wrong: dict[int, list[int]] = {}
    for entry in entries:
        if entry.obsolete or not entry.msgid_plural or "fuzzy" in entry.flags:
            continue
        if not any(entry.msgstr_plural.values()):
            continue
        forms = len(entry.msgstr_plural)
        if forms != nplurals:
            wrong.setdefault(forms, []).append(entry.linenum)
    problems = []
    for forms, lines in sorted(wrong.items()):
        what = f"{forms} plural forms, but Plural-Forms says nplurals={nplurals}"
        if forms < nplurals:
            missing = [n for n, f in zip(SAMPLE_NUMBERS, rule.forms, strict=True) if f >= forms]
            shown = ", ".join(str(n) for n in missing[:4]) + (", ..." if len(missing) > 4 else "")
            what += (
                f": n = {shown} find no form at run time"
                if missing
                else " (its expression never uses the missing forms)"
            )
        else:
            what += ": msgfmt -c refuses the catalogue; the extra forms are never used"
        if len(lines) > 1:
            what += f" ({len(lines)} entries; the others from line {lines[1]})"
        problems.append(PluralProblem(lines[0], what, forms < nplurals))
    return problems
