"""gettext catalogues: reading, writing, the template, init, update, compile and stats.

The merge (:mod:`.merge`, rapidfuzz) and the writer's formatter (:mod:`.format`) are
imported by path where they are needed, so that reading a catalogue loads neither.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.catalogue.compile import (
        CompileError,
        Problem,
        compile_catalogue,
        compile_problems,
    )
    from pipeline.catalogue.plurals import (
        CldrMismatch,
        PluralRule,
        cldr_mismatch,
        parse_plural_forms,
        plural_count,
        plural_forms,
        plural_problems,
    )
    from pipeline.catalogue.read import (
        MAX_CATALOGUE_BYTES,
        CatalogueSyntaxError,
        language_from_path,
        locale_of,
        read_catalogue,
        read_entries,
        read_entries_and_defaults,
    )
    from pipeline.catalogue.stats import (
        Stats,
        catalogue_stats,
        stats_records,
        stats_table,
        translations,
    )
    from pipeline.catalogue.template import build_template, new_catalogue, validate_locale
    from pipeline.catalogue.update import check_mergeable, update_catalogue
    from pipeline.catalogue.write import locked, save_catalogue, write_if_changed

# Where each name lives: a module is imported when one of its names is first used,
# so that `l10n check` does not load the compiler, the merge or the writer.
_HOME = {
    "CatalogueSyntaxError": "pipeline.catalogue.read",
    "CldrMismatch": "pipeline.catalogue.plurals",
    "CompileError": "pipeline.catalogue.compile",
    "MAX_CATALOGUE_BYTES": "pipeline.catalogue.read",
    "PluralRule": "pipeline.catalogue.plurals",
    "Problem": "pipeline.catalogue.compile",
    "Stats": "pipeline.catalogue.stats",
    "build_template": "pipeline.catalogue.template",
    "catalogue_stats": "pipeline.catalogue.stats",
    "check_mergeable": "pipeline.catalogue.update",
    "cldr_mismatch": "pipeline.catalogue.plurals",
    "compile_catalogue": "pipeline.catalogue.compile",
    "compile_problems": "pipeline.catalogue.compile",
    "language_from_path": "pipeline.catalogue.read",
    "locale_of": "pipeline.catalogue.read",
    "locked": "pipeline.catalogue.write",
    "new_catalogue": "pipeline.catalogue.template",
    "parse_plural_forms": "pipeline.catalogue.plurals",
    "plural_count": "pipeline.catalogue.plurals",
    "plural_forms": "pipeline.catalogue.plurals",
    "plural_problems": "pipeline.catalogue.plurals",
    "read_catalogue": "pipeline.catalogue.read",
    "read_entries": "pipeline.catalogue.read",
    "read_entries_and_defaults": "pipeline.catalogue.read",
    "save_catalogue": "pipeline.catalogue.write",
    "stats_records": "pipeline.catalogue.stats",
    "stats_table": "pipeline.catalogue.stats",
    "translations": "pipeline.catalogue.stats",
    "update_catalogue": "pipeline.catalogue.update",
    "validate_locale": "pipeline.catalogue.template",
    "write_if_changed": "pipeline.catalogue.write",
}

__all__ = [
    "MAX_CATALOGUE_BYTES",
    "CatalogueSyntaxError",
    "CldrMismatch",
    "CompileError",
    "Problem",
    "Stats",
    "build_template",
    "catalogue_stats",
    "stats_records",
    "stats_table",
    "cldr_mismatch",
    "check_mergeable",
    "compile_catalogue",
    "compile_problems",
    "language_from_path",
    "locale_of",
    "locked",
    "new_catalogue",
    "PluralRule",
    "parse_plural_forms",
    "plural_count",
    "plural_problems",
    "plural_forms",
    "read_catalogue",
    "read_entries",
    "read_entries_and_defaults",
    "save_catalogue",
    "translations",
    "update_catalogue",
    "validate_locale",
    "write_if_changed",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:  # a submodule, as ``pipeline.catalogue.write``
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise  # the submodule exists; something it needs does not
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
