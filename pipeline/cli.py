"""The ``l10n`` command line: parse options, call one stage, print, set the exit code.

Errors a user can cause end as one line on stderr with exit status 2 (1 for a
catalogue that cannot compile, or a check that found errors); never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from pipeline import catalogue
from pipeline.config import Config, find_project, load_config, with_overrides
from pipeline.errors import UserError, shown


class _Group(click.Group):
    """A group that turns a :class:`UserError` into one line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as error:
            click.echo(error.message, err=True)
            ctx.exit(error.exit_code)


class _Project:
    """The configuration, loaded on first use so commands on loose files need none."""

    def __init__(self, config_path: Path | None, lock_timeout: float = 30.0) -> None:
        self._path = config_path
        self.explicit = config_path is not None
        self._config: Config | None = None
        self.lock_timeout = lock_timeout

    def lock(self, folder: Path) -> contextlib.AbstractContextManager[None]:
        """The lock that keeps two l10n runs from writing the same catalogues at once."""
        return catalogue.locked(folder, self.lock_timeout)

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self._path)
        return self._config

    @property
    def wrap(self) -> int:
        """The project's line width for written catalogues; msgcat's 79 outside a project."""
        config = self.optional_config
        return config.wrap if config is not None else 79

    @property
    def optional_config(self) -> Config | None:
        """The configuration if there is a project here, else None."""
        if self._path is None and find_project() is None:
            return None
        return self.config


pass_project = click.make_pass_decorator(_Project)

WRAP_HELP = "Wrap long strings at this width, like msgcat --width (0: no wrapping)."


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="The pyproject.toml holding [tool.l10n] (default: found from the current directory).",
)
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds to wait for another l10n writing the same catalogues.",
)
@click.version_option(package_name="l10n")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, lock_timeout: float) -> None:
    """Localise Markdown documentation with gettext catalogues.

    \b
    The usual cycle:
      l10n extract            source/*.md  -> locales/<domain>.pot
      l10n init --locale fr   start a new language
      l10n update             merge the template into every catalogue
      l10n check              find untranslated, broken or wrong-language text
      l10n compile            catalogues -> .mo files
      l10n build              translated Markdown and a website under build/

    Settings come from [tool.l10n] in pyproject.toml; options override them.
    """
    ctx.obj = _Project(config_path, lock_timeout)


# -- extract ---------------------------------------------------------------


@cli.command()
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Where to write the POT.")
@click.option("--wrap", type=click.IntRange(min=0), help=WRAP_HELP)
@pass_project
def extract(project: _Project, output: Path | None, wrap: int | None) -> None:
    """Extract every message of the Markdown sources into the template (POT).

    One message per heading, paragraph, list item, table cell, image alt text and
    front-matter title or description. Each entry names its file and line, the kind
    of block and the headings it sits under. Extracting again from unchanged
    sources leaves the POT byte for byte as it was.

    The website's interface words are extracted from its Jinja2 templates, by
    Babel, into a second template: locales/<site_domain>.pot. --output names the
    documents' template only.
    """
    from pipeline.document import segments
    from pipeline.document.site.interface import interface_messages, template_files

    config = with_overrides(project.config, wrap=wrap)
    target = output or config.template_path
    documents = []
    for path in config.source_files():
        try:
            documents.append(
                (config.relative(path), segments.segment(segments.read_document(path)))
            )
        except ValueError as exc:
            raise UserError(f"{path}: {exc}") from None
    templates = [(config.relative(p), list(interface_messages(p))) for p in template_files()]
    jobs = [(target, config.domain, documents, "the Markdown sources")]
    if output is None:
        jobs.append(
            (
                config.template_path_of(config.site_domain),
                config.site_domain,
                templates,
                "the site's templates",
            )
        )
    with project.lock(target.parent):
        for path, domain, found, edit in jobs:
            previous = catalogue.read_catalogue(path) if path.exists() else None
            pot = catalogue.build_template(found, domain, previous, edit=edit)
            changed = catalogue.save_catalogue(pot, path, config.wrap)
            state = "wrote" if changed else "unchanged:"
            click.echo(f"{state} {shown(path)} ({len(pot)} messages from {len(found)} files)")


# -- init ------------------------------------------------------------------


@cli.command()
@click.option(
    "--locale", "-l", "locale", required=True, help="The new language, e.g. fr or zh_Hans."
)
@click.option("--template", type=click.Path(path_type=Path), help="The POT to start from.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Where to write the .po.")
@pass_project
def init(project: _Project, locale: str, template: Path | None, output: Path | None) -> None:
    """Start a catalogue for a new language from the template.

    Creates the language's catalogue of every domain: the documents' and the
    site's. The header gets Language, Plural-Forms from CLDR and UTF-8. An existing
    catalogue is never overwritten: use `l10n update` for that.
    """
    catalogue.validate_locale(locale)
    config = project.config
    if template is not None or output is not None:
        pot = template if template is not None else config.template_path
        jobs = [(pot, output if output is not None else config.catalogue_path(locale))]
    else:
        jobs = [
            (config.template_path_of(d), config.catalogue_path(locale, d)) for d in config.domains
        ]
    with project.lock(jobs[0][0].parent):
        if all(target.exists() for _, target in jobs):
            raise UserError(
                f"{shown(jobs[0][1])}: already exists; run `l10n update` to merge into it"
            )
        for pot_path, target in jobs:
            if target.exists():
                click.echo(f"kept {shown(target)}: it already exists")
                continue
            po = catalogue.new_catalogue(catalogue.read_catalogue(pot_path), locale)
            catalogue.save_catalogue(po, target, project.wrap)
            click.echo(
                f"created {shown(target)} ({len(po)} messages, {po.metadata['Plural-Forms']})"
            )


# -- update ----------------------------------------------------------------


@cli.command()
@click.argument("catalogues", nargs=-1, type=click.Path(path_type=Path))
@click.option("--template", type=click.Path(path_type=Path), help="The POT to merge from.")
@click.option("--wrap", type=click.IntRange(min=0), help=WRAP_HELP)
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Processes (0: auto).")
@pass_project
def update(
    project: _Project,
    catalogues: tuple[Path, ...],
    template: Path | None,
    wrap: int | None,
    jobs: int,
) -> None:
    """Merge the template into catalogues, keeping every translation.

    With no CATALOGUES, updates every catalogue of the project. Each merges the
    template named like it (site.po from site.pot); large projects are merged on
    every core. A message that changed
    a little keeps its old translation, marked fuzzy with the old msgid in `#|`
    lines; a message that is gone becomes obsolete (`#~`) and comes back if its text
    does. Running it twice changes nothing.
    """
    config = project.config if not catalogues or template is None else None
    paths = list(catalogues) or project.config.catalogue_paths()
    width = wrap if wrap is not None else project.wrap
    for path in paths:
        if not path.exists():
            raise UserError(f"{shown(path)}: no such catalogue; create it with `l10n init`")
    # Each catalogue merges the template of its own domain, named like the file.
    templates = {p: template or _template_of(config, p) for p in paths}
    with project.lock(next(iter(templates.values())).parent):
        from pipeline.catalogue.update import read_template, update_catalogues

        for pot_path in dict.fromkeys(templates.values()):
            if not pot_path.exists():
                raise UserError(f"{shown(pot_path)}: no such template; run `l10n extract`")
            read_template(pot_path)  # a broken template stops the run here, read once

        for path, changed, stats in update_catalogues(list(templates.items()), width, jobs):
            state = "updated" if changed else "unchanged:"
            click.echo(
                f"{state} {shown(path)} (kept {stats.kept}, fuzzy {stats.fuzzy}, "
                f"revived {stats.revived}, obsolete {stats.obsoleted}, new {stats.added})"
            )


def _template_of(config: Config | None, catalogue_path: Path) -> Path:
    """The template a catalogue merges: its domain's (site.po: site.pot), else the documents'."""
    assert config is not None
    own = config.template_path_of(catalogue_path.stem)
    return own if catalogue_path.stem in config.domains else config.template_path


# -- compile ---------------------------------------------------------------


@cli.command("compile")
@click.argument("catalogues", nargs=-1, type=click.Path(path_type=Path))
@pass_project
def compile_(project: _Project, catalogues: tuple[Path, ...]) -> None:
    """Write a .mo beside every catalogue, leaving fuzzy entries out.

    A catalogue whose format strings or plural forms are broken is refused with
    `path:line` and exit status 1.
    """
    paths = list(catalogues) or project.config.catalogue_paths()
    for path in paths:
        target, count = catalogue.compile_catalogue(path)
        click.echo(f"compiled {shown(target)} ({count} messages)")


# -- stats -----------------------------------------------------------------


@cli.command()
@click.argument("catalogues", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "svg"]),
    default="text",
    show_default=True,
    help="text: a table. json: one object per catalogue. svg: the status chart, a bar per "
    "language (all its catalogues together), to embed in a README.",
)
@pass_project
def stats(project: _Project, catalogues: tuple[Path, ...], fmt: str) -> None:
    """How far each catalogue is translated: messages, fuzzy, untranslated, words.

    With no CATALOGUES, every catalogue of the project: the documents' and the
    site's, for every locale.

    \b
    Write the chart for a README:
      l10n stats --format svg > docs/status.svg
    """
    config = project.config if not catalogues else project.optional_config
    paths = list(catalogues) if catalogues else config.catalogue_paths()  # type: ignore[union-attr]
    rows = []
    for path in paths:
        po = catalogue.read_catalogue(path)
        locale = catalogue.locale_of(path, po.metadata)
        rows.append((path.stem, catalogue.catalogue_stats(locale, po)))
    if fmt == "svg":
        from pipeline.document.site.status import chart_of_catalogues

        source = config.source_language if config else "en"
        click.echo(chart_of_catalogues(source, [r for _, r in rows]), nl=False)
        return
    if fmt == "json":
        payload = catalogue.stats_records(rows)
        click.echo(json.dumps({"catalogues": payload}, indent=2, ensure_ascii=False))
        return
    for line in catalogue.stats_table(rows):
        click.echo(line)


# -- build -----------------------------------------------------------------


@cli.command()
@click.option("--locale", "-l", "locales", multiple=True, help="Build only these locales.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="The output directory.")
@click.option(
    "--pdf/--no-pdf",
    default=None,
    help="Print a PDF per language with headless Chromium. Default: when Chromium is "
    "installed ($L10N_CHROMIUM names another).",
)
@pass_project
def build(
    project: _Project, locales: tuple[str, ...], output: Path | None, pdf: bool | None
) -> None:
    """Write the translated Markdown, the website and the PDFs for every locale.

    \b
    <output>/<lang>/<document>.md    translated Markdown
    <output>/site/<lang>/index.html  the website, one page per language, with
                                     a language chooser at <output>/site/index.html
    <output>/site/<lang>/status.html translation status, and the chart status.svg
    <output>/<lang>/<domain>.pdf     A4, for English and every published locale

    Untranslated and fuzzy segments fall back to English, and so does a translation
    that breaks its segment's markup or links (with a warning naming path:line).
    A language below publish_threshold percent translated is not published.
    """
    from pipeline.document.build import build_markdown
    from pipeline.document.pdf import ENGINE_VARIABLE, build_pdfs, find_engine
    from pipeline.document.site import build_site

    config = project.config
    target = output or config.output_dir
    engine = find_engine() if pdf is not False else None
    if pdf and engine is None:
        raise UserError(
            f"--pdf: no Chromium found (set ${ENGINE_VARIABLE}, or run `make pdf`, which "
            "installs it)"
        )
    sources = [(p, p.name) for p in config.source_files()]
    for locale in config.chosen_locales(locales):
        po_path = config.catalogue_path(locale)
        po = catalogue.read_catalogue(po_path) if po_path.exists() else None
        written, rejected = build_markdown(sources, po, _shown_path(po_path), target / locale)
        for problem in rejected:
            click.echo(str(problem), err=True)
        click.echo(f"{locale}: {len(written)} written, {len(sources) - len(written)} unchanged")
    site = build_site(config, target, list(locales) or None, site_url=config.site_url)
    for skipped in site.skipped:
        click.echo(str(skipped), err=True)
    for path in site.removed:
        click.echo(f"removed {shown(path)}")
    click.echo(f"site: {len(site.written)} written, {len(site.unchanged)} unchanged")
    if engine is None:
        click.echo("pdf: skipped, no Chromium installed (`make pdf` installs it)", err=True)
        return
    printed = build_pdfs(config, target, engine, list(locales) or None)
    for path in printed.removed:
        click.echo(f"removed {shown(path)}")
    click.echo(f"pdf: {len(printed.written)} printed, {len(printed.unchanged)} unchanged")


# -- check -----------------------------------------------------------------


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="text: path:line:col: severity: [code] message. json: the stable contract. "
    "github: workflow annotations. sarif: SARIF 2.1.0 for code scanning dashboards.",
)
@click.option("--select", help="Only these check codes, comma-separated.")
@click.option("--ignore", help="Skip these check codes, comma-separated.")
@click.option("--list", "list_checks", is_flag=True, help="List every check code and exit.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--source-lang", help="The language of source documents (default: config, else en).")
@click.option(
    "--check-fuzzy",
    is_flag=True,
    help="Check fuzzy entries' content too, reporting what is found as warnings "
    "(by default they get only the fuzzy warning: msgfmt leaves them out).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Processes (0: auto).")
@pass_project
def check(
    project: _Project,
    paths: tuple[Path, ...],
    fmt: str,
    select: str | None,
    ignore: str | None,
    list_checks: bool,
    strict: bool,
    source_lang: str | None,
    check_fuzzy: bool,
    jobs: int,
) -> None:
    """Lint sources and catalogues: wrong script or language, and broken translations.

    \b
    With no PATHS, checks the project: every source document and every catalogue.
    PATHS may be .md/.txt sources, .po/.pot catalogues, or directories of them,
    anywhere on disk. A catalogue's language comes from its Language header, else
    from its <lang>/LC_MESSAGES/ path.

    \b
    Exit status: 0 no errors, 1 errors found (or any finding with --strict),
    2 bad usage or unreadable input.

    Silence a check on one entry with a flag, `#, ignore-<code>` or
    `#, ignore-all-checks`; project-wide, with select, ignore and allow in
    [tool.l10n.check].
    """
    from pipeline import report
    from pipeline.checks import Context
    from pipeline.checks.runner import Outcome, Target, expand, run_files, select_checks
    from pipeline.glossary import load_glossary
    from pipeline.language.scripts import expected_scripts

    if list_checks:
        listed = select_checks()
        width = max(len(item.code) for item in listed) + 2
        for item in listed:
            click.echo(f"{item.code:<{width}}{item.severity:<9}{item.doc}")
        return
    config = project.config if not paths else project.optional_config
    settings = config.check if config else None
    checks = select_checks(
        _codes(select) or (settings.select if settings else ()),
        _codes(ignore) or (settings.ignore if settings else ()),
    )
    source_language = source_lang or (config.source_language if config else "en")
    try:
        expected_scripts(source_language)
    except ValueError as error:
        raise UserError(f"source language: {error}") from None
    glossary_path = config.root / config.locales_dir / "glossary.csv" if config else None
    glossary = load_glossary(glossary_path) if glossary_path and glossary_path.exists() else ()
    ctx = Context(
        source_language=source_language,
        glossary=glossary,
        allow=frozenset(w.casefold() for w in (settings.allow if settings else ())),
        # An explicit --config applies the project's glossary to every path given.
        glossary_scope=str(config.root.resolve()) if config and not project.explicit else None,
        check_fuzzy=check_fuzzy,
    )
    if paths:
        targets = expand(list(paths))
    else:
        assert config is not None
        files = [*config.source_files(), *config.catalogue_paths()]
        targets = [Target(p, shown(p)) for p in files]
    machine = fmt in ("json", "sarif")
    progress = _progress(len(targets)) if not machine and sys.stderr.isatty() else None
    # Each file's findings are formatted where they were found, in the worker; the
    # chunks are put in path order at the end.
    output = report.output_format(fmt)
    outcome = Outcome(files=len(targets))
    results = run_files(targets, checks, ctx, output, jobs, progress)
    if progress is not None:
        click.echo("\r\033[K", nl=False, err=True)  # the bar gives way to the findings
    for result in results:
        outcome.add(result)
    results.sort(key=lambda result: (result.shown, result.index))
    chunks = [result.rendered.data for result in results if result.rendered.data]
    totals = report.summary(outcome.counts, outcome.files, outcome.units, outcome.unmodelled)
    if fmt == "json":
        _write([*report.json_pieces(chunks, totals), b"\n"])
    elif fmt == "sarif":
        rules = [(c.code, c.severity, c.doc) for c in select_checks()]
        import importlib.metadata

        version = importlib.metadata.version("l10n")
        _write(report.sarif_pieces(chunks, rules, version, Path.cwd()))
    else:
        if chunks:
            separator = output.separator.encode()
            _write(p for i, chunk in enumerate(chunks) for p in (separator * bool(i), chunk))
            _write([b"\n"])
        if fmt == "text":
            click.echo(
                f"checked {totals['units']} segments in {totals['files']} files: "
                f"{totals['errors']} errors, {totals['warnings']} warnings",
                err=bool(chunks),
            )
    sys.exit(report.exit_status(outcome.counts, strict))


def _progress(total: int) -> Callable[[int, int], None] | None:
    """A one-line progress report on a terminal's stderr, for runs over many files."""
    if total < 2:
        return None

    def show(done: int, found: int) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        click.echo(f"\r[{bar}] {done}/{total} files, {found:,} findings", nl=False, err=True)

    return show


# -- shared by the commands ------------------------------------------------


def _write(pieces: Iterable[bytes]) -> None:
    """Write output piece by piece: a report of many megabytes is never joined first."""
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)  # None: a text stream stands in for stdout
    for piece in pieces:
        out.write(piece) if out is not None else sys.stdout.write(piece.decode("utf-8"))
    sys.stdout.flush() if out is None else out.flush()


def _shown_path(path: Path) -> Path:
    return Path(shown(path))


def main() -> None:
    """The console-script entry point."""
    cli(prog_name="l10n")
