"""Which script and which language a text is in, and which ones a locale expects.

``scripts`` reads CLDR (expected scripts, autonyms) and finds runs of letters of
another script; ``profiles`` scores words with langdetect's profiles; ``decide``
and ``runs`` are the hypothesis tests built on those scores.
"""

from pipeline.language.decide import (
    COPY_HINT_LLR,
    COPY_LLR,
    COPY_MAX_SHARED,
    COPY_MIN_WORDS,
    MIN_LETTERS,
    MIN_WORDS,
    SOURCE_LLR,
    THIRD_LLR,
    THIRD_LLR_PER_GRAM,
    THIRD_MIN_WORDS,
    LanguageVerdict,
    beats_own_profile,
    copy_preference,
    not_the_source,
    plain_words,
    wrong_language,
)
from pipeline.language.profiles import (
    OwnProfile,
    are_relatives,
    is_modelled,
    load_profiles,
    modelled_languages,
    models,
    profile_code,
)
from pipeline.language.runs import RUN_LLR, RUN_MIN_WORDS, foreign_runs

__all__ = [
    "COPY_HINT_LLR",
    "COPY_LLR",
    "COPY_MAX_SHARED",
    "COPY_MIN_WORDS",
    "MIN_LETTERS",
    "MIN_WORDS",
    "RUN_LLR",
    "RUN_MIN_WORDS",
    "SOURCE_LLR",
    "THIRD_LLR",
    "THIRD_LLR_PER_GRAM",
    "THIRD_MIN_WORDS",
    "LanguageVerdict",
    "OwnProfile",
    "beats_own_profile",
    "are_relatives",
    "copy_preference",
    "foreign_runs",
    "is_modelled",
    "load_profiles",
    "modelled_languages",
    "models",
    "not_the_source",
    "plain_words",
    "profile_code",
    "wrong_language",
]
