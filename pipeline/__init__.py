"""l10n: a gettext localisation pipeline for Markdown documentation."""
