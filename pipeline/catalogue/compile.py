"""``l10n compile``: what msgfmt -c would refuse, and the .mo file beside the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.catalogue.placeholders import format_directives
from pipeline.catalogue.plurals import plural_count
from pipeline.catalogue.read import read_catalogue
from pipeline.catalogue.write import write_if_changed
from pipeline.errors import UserError


@dataclass(frozen=True)
class Problem:
    """Something that makes a catalogue unfit to compile."""

    line: int
    message: str


def compile_problems(po: polib.POFile) -> list[Problem]:
    """What ``msgfmt -c`` would refuse: plural counts and format directives that differ."""
    problems: list[Problem] = []
    nplurals = plural_count(po)
    for entry in po:
        if entry.obsolete or entry.fuzzy:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if nplurals is not None and len(forms) != nplurals and any(forms.values()):
                problems.append(
                    Problem(
                        entry.linenum,
                        f"has {len(forms)} plural forms, but Plural-Forms says {nplurals}",
                    )
                )
            translations = [v for v in forms.values() if v]
        else:
            translations = [entry.msgstr] if entry.msgstr else []
        expected = format_directives(entry.msgid, entry.flags)
        if expected is None:
            continue
        for translation in translations:
            got = format_directives(translation, entry.flags)
            if got != expected and not (entry.msgid_plural and set(got or []) <= set(expected)):
                problems.append(
                    Problem(
                        entry.linenum,
                        f"format directives {got} do not match the msgid's {expected}",
                    )
                )
    return problems


def compile_catalogue(path: Path) -> tuple[Path, int]:
    """Write ``path`` as a .mo beside it, leaving out fuzzy entries.

    Returns the .mo path and how many messages it holds; refuses a broken catalogue.
    """
    po = read_catalogue(path)
    problems = compile_problems(po)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CompileError(f"{path}:{first.line}: {first.message}{more}")
    target = path.with_suffix(".mo")
    write_if_changed(target, po.to_binary())
    return target, len(po.translated_entries())


class CompileError(UserError):
    """A catalogue whose format strings or plural forms are broken (exit status 1)."""

    exit_code = 1
