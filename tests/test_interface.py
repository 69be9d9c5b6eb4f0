"""The site's interface words: templates, the site catalogue, and pages in their language."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import polib
from babel.dates import format_date
from click.testing import CliRunner

from pipeline import catalogue
from pipeline.catalogue.format import format_po
from pipeline.cli import cli
from pipeline.config import load_config
from pipeline.document.site import build_site
from pipeline.document.site.interface import interface_messages, template_files, translations
from pipeline.document.site.publish import last_change
from tests.conftest import ROOT
from tests.test_site import CODES, SHORT_PARAGRAPH, Page, copy_project, page, set_translations

CONFIG = load_config(ROOT)
LOCALES = CODES[1:]
# The interface's English words: none may appear on a page of another language.
ENGLISH_WORDS = ("Contents", "Languages", "Skip to content", "Last updated", "Translation status")


def _site_catalogue(root: Path, locale: str) -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / "site.po"


def test_the_committed_site_template_is_what_extract_writes() -> None:
    pot_path = CONFIG.template_path_of(CONFIG.site_domain)
    committed = catalogue.read_catalogue(pot_path)
    found = [(CONFIG.relative(p), list(interface_messages(p))) for p in template_files()]
    fresh = catalogue.build_template(
        found, CONFIG.site_domain, committed, edit="the site's templates"
    )
    assert format_po(fresh, CONFIG.wrap) == pot_path.read_text(encoding="utf-8")
    msgids = {e.msgid for e in fresh}
    assert {"Contents", "Languages", "Skip to content", "Last updated: %(date)s"} <= msgids
    dated = fresh.find("Last updated: %(date)s")
    assert dated is not None and "python-format" in dated.flags
    assert "date is the date of the page's last change" in dated.comment  # translator note
    assert {ref for ref, _ in dated.occurrences} >= {
        "pipeline/document/site/templates/base.html",
        "pipeline/document/site/templates/print.html",
    }


def test_every_locale_translates_every_interface_word() -> None:
    template = {e.msgid for e in catalogue.read_catalogue(CONFIG.template_path_of("site"))}
    for locale in LOCALES:
        po = catalogue.read_catalogue(CONFIG.catalogue_path(locale, "site"))
        assert {e.msgid for e in po if not e.obsolete} == template, locale
        for entry in po:
            assert entry.msgstr and not entry.fuzzy, (locale, entry.msgid)
            for name in ("%(date)s", "%(language)s", "%(page)s", "%(pages)s", "%(threshold)s"):
                assert (name in entry.msgid) == (name in entry.msgstr), (locale, entry.msgid)


def test_no_page_but_the_english_one_shows_the_english_interface_words(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "p")
    build_site(config, tmp_path / "out")
    site = tmp_path / "out" / "site"
    english = page(site, "en")
    for word in ENGLISH_WORDS:
        assert word in english, word
    for code in LOCALES:
        for name in ("index.html", "status.html"):
            html = (site / code / name).read_text(encoding="utf-8")
            for word in ENGLISH_WORDS:
                assert word not in html, (code, name, word)
    german = Page(page(site, "de"))
    assert german.find("nav", **{"aria-label": "Sprachen", "class": "languages"})
    assert '<h2 id="toc-heading">Inhalt</h2>' in page(site, "de")
    assert '<a class="skip-link" href="#content">Перейти к содержимому</a>' in page(site, "ru")
    assert '<nav class="languages" aria-label="اللغات">' in page(site, "ar")
    assert '<h2 id="toc-heading">目录</h2>' in page(site, "zh_Hans")


def test_the_footer_date_is_the_last_change_in_the_pages_locale(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "p")
    when = date(2026, 3, 14)
    stamp = 1773489600  # 2026-03-14 12:00 UTC
    for path in (tmp_path / "p").rglob("*"):
        os.utime(path, (stamp, stamp))
    build_site(config, tmp_path / "out")
    site = tmp_path / "out" / "site"
    assert "Last updated: March 14, 2026" in page(site, "en")
    assert "Zuletzt aktualisiert: 14. März 2026" in page(site, "de")
    assert "最后更新：2026年3月14日" in page(site, "zh_Hans")
    for code in CODES:
        assert format_date(when, "long", locale=code) in page(site, code), code
    assert '<a href="status.html">Stand der Übersetzung</a>' in page(site, "de")


def test_the_last_change_comes_from_git_when_the_files_are_committed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.md").write_text("# A\n", encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-05-06T10:00:00Z",
        "GIT_COMMITTER_DATE": "2025-05-06T10:00:00Z",
    }
    for command in (
        ["git", "init", "-q"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "a.md"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "a"],
    ):
        subprocess.run(command, cwd=repo, env=env, check=True)
    assert last_change(repo, [repo / "a.md"]) == date(2025, 5, 6)  # not the file's time
    (repo / "a.md").write_text("# A, edited\n", encoding="utf-8")
    assert last_change(repo, [repo / "a.md"]) == date.today()  # uncommitted: the file's time


def test_a_page_with_english_segments_says_so_in_its_language(tmp_path: Path) -> None:
    config = copy_project(
        tmp_path / "p", lambda root: set_translations(root, "ar", {SHORT_PARAGRAPH: ""})
    )
    build_site(config, tmp_path / "out")
    site = tmp_path / "out" / "site"
    assert (
        '<p class="fallback-notice" role="note">'
        "بعض الأقسام لم تُترجم بعد وتظهر باللغة الإنجليزية.</p>" in page(site, "ar")
    )
    for code in ("en", "de", "fr"):
        assert "fallback-notice" not in page(site, code), code


def test_a_fuzzy_interface_word_falls_back_to_english(tmp_path: Path) -> None:
    def fuzzy_contents(root: Path) -> None:
        path = _site_catalogue(root, "fr")
        po = polib.pofile(str(path))
        entry = po.find("Contents")
        assert entry is not None
        entry.flags.append("fuzzy")
        po.save(str(path))

    config = copy_project(tmp_path / "p", fuzzy_contents)
    build_site(config, tmp_path / "out")
    french = page(tmp_path / "out" / "site", "fr")
    assert '<h2 id="toc-heading">Contents</h2>' in french  # as msgfmt leaves it out
    assert 'aria-label="Langues"' in french
    assert translations(None).gettext("Contents") == "Contents"


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(root / "pyproject.toml"), *args])
    return result.exit_code, result.output


def test_the_site_catalogue_is_checked_counted_and_compiled(tmp_path: Path) -> None:
    def broken(root: Path) -> None:
        path = _site_catalogue(root, "de")
        po = polib.pofile(str(path))
        entry = po.find("Last updated: %(date)s")
        assert entry is not None
        entry.msgstr = "Zuletzt aktualisiert: %(datum)s"
        po.save(str(path))

    root = tmp_path / "p"
    copy_project(root, broken)
    code, output = _run(root, "check", "--format", "json")
    findings = json.loads(output)["findings"]
    assert code == 1
    assert [(Path(f["path"]).name, f["code"]) for f in findings if f["severity"] == "error"] == [
        ("site.po", "placeholders")
    ]
    code, output = _run(root, "stats", "--format", "json")
    rows = json.loads(output)["catalogues"]
    assert {(r["domain"], r["locale"]) for r in rows} == {
        (d, loc) for d in ("safety-guide", "site") for loc in LOCALES
    }
    site_rows = [r for r in rows if r["domain"] == "site"]
    assert all(r["messages"] == 14 and r["translated"] == 14 for r in site_rows)
    code, output = _run(root, "compile", str(_site_catalogue(root, "fr")))
    assert code == 0 and _site_catalogue(root, "fr").with_suffix(".mo").is_file()


def test_init_and_update_manage_the_site_catalogue_too(tmp_path: Path) -> None:
    root = tmp_path / "p"
    copy_project(root)
    code, output = _run(root, "init", "--locale", "pt_BR")
    assert code == 0, output
    assert "created" in output and _site_catalogue(root, "pt_BR").is_file()
    po = catalogue.read_catalogue(_site_catalogue(root, "pt_BR"))
    assert po.metadata["Language"] == "pt_BR" and po.find("Contents") is not None
    code, output = _run(root, "init", "--locale", "pt_BR")
    assert code == 2 and "already exists" in output
    # A new interface word in the template reaches every site catalogue on update.
    pot_path = root / "locales" / "site.pot"
    pot = catalogue.read_catalogue(pot_path)
    pot.append(polib.POEntry(msgid="Print this page", msgstr=""))
    pot.save(str(pot_path))
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml")
        .read_text(encoding="utf-8")
        .replace('"zh_Hans"]', '"zh_Hans", "pt_BR"]'),
        encoding="utf-8",
    )
    code, output = _run(root, "update")
    assert code == 0, output
    for locale in (*LOCALES, "pt_BR"):
        merged = catalogue.read_catalogue(_site_catalogue(root, locale))
        assert merged.find("Print this page") is not None, locale
        guide = catalogue.read_catalogue(
            root / "locales" / locale / "LC_MESSAGES" / "safety-guide.po"
        )
        assert guide.find("Print this page") is None, locale
    french = catalogue.read_catalogue(_site_catalogue(root, "fr"))
    assert french.find("Contents").msgstr == "Sommaire"  # kept
