"""gettext catalogues: reading, writing, the template, init, update, compile and stats.

The merge (:mod:`.merge`, rapidfuzz) and the writer's formatter (:mod:`.format`) are
imported by path where they are needed, so that reading a catalogue loads neither.
"""

from pipeline.catalogue.compile import CompileError, Problem, compile_catalogue, compile_problems
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
