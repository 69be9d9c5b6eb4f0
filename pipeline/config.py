"""The project's settings: the ``[tool.l10n]`` table of ``pyproject.toml``.

Every command reads one :class:`Config`; command-line options override it.
Unknown keys are refused by name, so a typo never silently does nothing.
"""

from __future__ import annotations

import glob
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from pipeline.errors import UserError, shown


@dataclass(frozen=True)
class CheckSettings:
    """The ``[tool.l10n.check]`` table: project-wide code selection and allowed words."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """Where sources and catalogues live, and how they are written."""

    root: Path
    source_language: str = "en"
    domain: str = "messages"
    site_domain: str = "site"
    """The catalogue of the website's interface words, extracted from its templates."""
    locales: tuple[str, ...] = ()
    sources: tuple[str, ...] = ("source/*.md",)
    output: str = "build"
    locales_dir: str = "locales"
    wrap: int = 79
    publish_threshold: float = 80.0
    site_url: str = "https://example.org/safety-guide/"
    check: CheckSettings = field(default_factory=CheckSettings)

    @property
    def domains(self) -> tuple[str, ...]:
        """Every catalogue a language has: the documents', then the site's."""
        return (self.domain, self.site_domain)

    @property
    def template_path(self) -> Path:
        return self.template_path_of(self.domain)

    def template_path_of(self, domain: str) -> Path:
        return self.root / self.locales_dir / f"{domain}.pot"

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    def catalogue_path(self, locale: str, domain: str | None = None) -> Path:
        name = domain or self.domain
        return self.root / self.locales_dir / locale / "LC_MESSAGES" / f"{name}.po"

    def catalogue_paths(self) -> list[Path]:
        """Every catalogue of every configured locale, by locale; each must exist."""
        paths = [self.catalogue_path(loc, d) for loc in self.locales for d in self.domains]
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise UserError(f"{shown(missing[0])}: no such catalogue; create it with `l10n init`")
        return paths

    def chosen_locales(self, locales: Sequence[str] | None) -> list[str]:
        """``locales`` if each is configured (all the configured ones when empty)."""
        for code in locales or ():
            if code not in self.locales:
                raise UserError(f"locale {code!r} is not in [tool.l10n] locales")
        return list(locales) if locales else list(self.locales)

    def source_files(self) -> list[Path]:
        """The source documents, sorted, so every run sees them in one order."""
        found: set[Path] = set()
        for pattern in self.sources:
            found.update(Path(p) for p in glob.glob(str(self.root / pattern), recursive=True))
        if not found:
            raise UserError(
                f"{self.root / 'pyproject.toml'}: sources {list(self.sources)} match no file"
            )
        return sorted(found)

    def relative(self, path: Path) -> str:
        """A path as written in references: relative to the project root, with slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


_STRING_LISTS = {"locales", "sources"}
_KNOWN = {f.name for f in fields(Config)} - {"root"}
_CHECK_KNOWN = {f.name for f in fields(CheckSettings)}


def find_project(start: Path | None = None) -> Path | None:
    """The nearest directory at or above ``start`` with a pyproject.toml holding [tool.l10n]."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                table = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
            if "l10n" in table.get("tool", {}):
                return folder
    return None


def load_config(path: Path | None = None) -> Config:
    """Read ``[tool.l10n]`` from ``path`` (a pyproject.toml or its folder), or find it."""
    if path is None:
        folder = find_project()
        if folder is None:
            raise UserError(
                "pyproject.toml: no [tool.l10n] table found here or in any parent directory"
            )
        path = folder / "pyproject.toml"
    elif path.is_dir():
        path = path / "pyproject.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}:{getattr(exc, 'lineno', 1)}: not valid TOML: {exc}") from None
    table = document.get("tool", {}).get("l10n")
    if table is None:
        raise UserError(f"{path}: missing [tool.l10n] table")
    return _from_table(table, path)


def _from_table(table: dict[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KNOWN:
            raise UserError(f"{path}: unknown key {key!r} in [tool.l10n]")
        if key == "check":
            values[key] = _check_settings(value, path)
        elif key in _STRING_LISTS:
            values[key] = _string_list(key, value, path)
        else:
            values[key] = value
    if isinstance(values.get("site_url"), str) and not values["site_url"].endswith("/"):
        values["site_url"] += "/"  # pages are addressed as site_url + "fr/"
    config = Config(root=path.parent, **values)
    _validate(config, path)
    return config


def _check_settings(table: Any, path: Path) -> CheckSettings:
    if not isinstance(table, dict):
        raise UserError(f"{path}: [tool.l10n.check] must be a table")
    for key in table:
        if key not in _CHECK_KNOWN:
            raise UserError(f"{path}: unknown key {key!r} in [tool.l10n.check]")
    return CheckSettings(**{k: _string_list(f"check.{k}", v, path) for k, v in table.items()})


def _string_list(key: str, value: Any, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"{path}: [tool.l10n] {key} must be a list of strings")
    return tuple(value)


def _validate(config: Config, path: Path) -> None:
    if not isinstance(config.wrap, int) or isinstance(config.wrap, bool) or config.wrap < 0:
        raise UserError(f"{path}: [tool.l10n] wrap must be a whole number (0 for no wrapping)")
    for key in ("domain", "site_domain"):
        value = getattr(config, key)
        if not isinstance(value, str) or not value.replace("-", "").replace("_", "").isalnum():
            raise UserError(f"{path}: [tool.l10n] {key} must be a plain name like 'safety-guide'")
    if config.domain == config.site_domain:
        raise UserError(f"{path}: [tool.l10n] domain and site_domain must differ")
    if not isinstance(config.site_url, str) or not config.site_url.startswith(
        ("https://", "http://")
    ):
        raise UserError(f"{path}: [tool.l10n] site_url must be an http(s) URL")
    for key in ("source_language", "output", "locales_dir"):
        if not isinstance(getattr(config, key), str) or not getattr(config, key):
            raise UserError(f"{path}: [tool.l10n] {key} must be a non-empty string")
    threshold = config.publish_threshold
    if not isinstance(threshold, int | float) or not 0 <= threshold <= 100:
        raise UserError(f"{path}: [tool.l10n] publish_threshold must be a percentage, 0 to 100")


def with_overrides(config: Config, **overrides: Any) -> Config:
    """The config with the given command-line options applied (None means not given)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(config, **given) if given else config
