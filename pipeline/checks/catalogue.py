"""Catalogue-state checks: entries left untranslated, fuzzy, or copied from the msgid."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import regex

from pipeline import language
from pipeline.catalogue.placeholders import strip_non_words
from pipeline.checks import Context, Finding, Unit, finding, register
from pipeline.checks.copies import FileCandidates
from pipeline.checks.languages import language_name
from pipeline.language.scripts import language_of

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*\p{L}")
_ACRONYM = regex.compile(r"^[\p{Lu}\d]+$")


@register(
    "syntax",
    "error",
    "The catalogue does not parse, or gettext cannot use its plural forms; reported at the "
    "line where it breaks (a warning for extra forms that are never used).",
    per_unit=False,
)
def syntax(unit: Unit, ctx: Context) -> Iterator[Finding]:
    # A catalogue that does not parse has no units: the runner reports it while
    # loading the file. The entry here makes the code listable and selectable.
    return iter(())


@register(
    "plural-forms",
    "error",
    "The Plural-Forms header gives one form to numbers 0-1000 that CLDR's rules for the "
    "language tell apart (a warning when only zero's form differs, or it only splits a "
    "category, has unused forms or orders them otherwise); the message gives the formula to paste.",
    per_unit=False,
)
def plural_forms(unit: Unit, ctx: Context) -> Iterator[Finding]:
    # Reported by the runner once per catalogue, on the header (see
    # pipeline.catalogue.plurals.cldr_mismatch); the entry makes the code listable.
    return iter(())


@register(
    "internal",
    "error",
    "The check itself failed on this file (a bug: please report it, with the message); "
    "every other file is still checked.",
    per_unit=False,
)
def internal(unit: Unit, ctx: Context) -> Iterator[Finding]:
    # Reported by the runner (see failed) when checking a file raises.
    return iter(())


def failed(shown: str, expected: str, error: Exception) -> Finding:
    """The finding for a file whose check raised ``error``: one file's bug is an error
    on that file, never the end of a run over hundreds of catalogues."""
    where = error.__traceback__
    while where is not None and where.tb_next is not None:
        where = where.tb_next
    at = (
        f" at {where.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{where.tb_lineno}"
        if where
        else ""
    )
    return Finding(
        shown,
        1,
        None,
        "internal",
        "error",
        f"the check failed on this file: {type(error).__name__}: {error}{at}; please report it",
        None,
        expected,
    )


@register("untranslated", "warning", "The entry has no translation yet.", needs_text=False)
def untranslated(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if not unit.text and not unit.fuzzy:
        yield finding(unit, "untranslated", "not translated")


@register(
    "fuzzy",
    "warning",
    "The translation is marked fuzzy: it needs review before use.",
    needs_text=False,
)
def fuzzy(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if unit.fuzzy:
        yield finding(unit, "fuzzy", "marked fuzzy: review the translation and remove the flag")


@register(
    "unchanged",
    "error",
    "The translation is identical to the msgid (or a message key's Default: text, or is the "
    "key itself): an error with at least 3 words of the source language, a warning with 1 "
    "or 2 or for a name in title case.",
)
def unchanged(unit: Unit, ctx: Context) -> Iterator[Finding]:
    if unit.key is not None and unit.text == unit.key:
        # Zope shows a message key translated as itself: the reader sees "label_title".
        yield finding(unit, "unchanged", "msgstr is the message key itself, not its text")
        return
    same_language = language_of(unit.expected) == language_of(ctx.source_language)
    if unit.text and unit.text == unit.source and not same_language:
        # Names, numbers with their units, acronyms, placeholders and URLs are not
        # words: "%s", "Dr Pen" and "SPF 30" stay as they are in every language.
        words = source_words(unit.text, ctx)
        if words:
            count = f"{len(words)} word{'s' if len(words) > 1 else ''}"
            # One or two words may be a term the language borrows ("Index", "Browser"),
            # and words all capitalised are a name or a title ("Python Enhancement
            # Proposals"): worth a look, but not proof of an untranslated entry.
            long_words = [w for w in words if len(w) > 3]  # "and", "of" stay lower case
            title = bool(long_words) and all(w[0].isupper() for w in long_words)
            severity = "error" if len(words) >= 3 and not title else "warning"
            claim = f"{count} of {ctx.source_language}"
            if severity == "error":
                # A msgid that is no source-language text ("Societate cu răspundere
                # limitată" in django-localflavor) is a name every language keeps.
                other = language.not_the_source(unit.text, ctx.source_language)
                if other is not None:
                    severity = "warning"
                    claim = f"{count}, which read as {language_name(other.detected)}: a name?"
            yield finding(
                unit,
                "unchanged",
                f"msgstr is identical to the {'Default: text' if unit.key else 'msgid'} ({claim})",
                detected=ctx.source_language,
                fragment=unit.text,
                severity=severity,
            )


def source_words(text: str, ctx: Context) -> list[str]:
    """The words of ``text`` that count as language: not names, acronyms, codes or URLs."""
    plain = strip_non_words(text)
    for term in ctx.protected_terms:
        plain = plain.replace(term, " ")
    words = []
    for match in _WORD.finditer(plain):
        word = match.group()
        if _ACRONYM.match(word) or word.casefold() in ctx.allow:
            continue
        words.append(word)
    return words


#: Other languages that must keep a msgid as it is before it counts as a name.
KEPT_MIN = 3


def kept_elsewhere(
    held: Mapping[int, list[Finding]], files: Mapping[int, FileCandidates]
) -> dict[int, list[Finding]]:
    """The held ``unchanged`` errors of each file, as warnings where most of the
    project's other languages keep the msgid as it is too (at least :data:`KEPT_MIN`):
    a name the translators agree on ("Societate pe acţiuni", "Na h-Eileanan Siar" in
    django-localflavor), not English one of them forgot. Copying the msgid is a
    deliberate act; when most languages do it, the msgid is no English to translate."""
    wanted = {f.msgid for found in held.values() for f in found if f.code == "unchanged"}
    kept: dict[str, set[str]] = {}
    translated: dict[str, set[str]] = {}
    for file in files.values():
        for into, joined in ((kept, file.kept), (translated, file.sources)):
            for msgid in joined.split("\0") if joined else ():
                if msgid in wanted:
                    into.setdefault(msgid, set()).add(file.expected)
    result: dict[int, list[Finding]] = {}
    for index, found in held.items():
        result[index] = []
        for f in found:
            if f.code == "unchanged" and f.msgid:
                same = kept.get(f.msgid, set()) - {f.expected}
                other = translated.get(f.msgid, set()) - {f.expected}
                if len(same) >= KEPT_MIN and len(same) > len(other):
                    f = f._replace(
                        severity="warning",
                        message=f"{f.message}; {len(same)} of the other "
                        f"{len(same) + len(other)} languages keep it as it is: a name?",
                    )
            result[index].append(f)
    return result
