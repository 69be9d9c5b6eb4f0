"""`l10n check`: every code on a small fixture, the JSON contract, formats and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import report
from pipeline.checks import REGISTRY, Finding
from pipeline.cli import cli
from tests.conftest import DATA, ROOT, SEED

FIXTURE = DATA / "check" / "fr" / "LC_MESSAGES" / "guide.po"
BROKEN = DATA / "check" / "broken" / "de.po"


def check(*args: str, code: int | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(ROOT / "pyproject.toml"), "check", *args])
    if code is not None:
        assert result.exit_code == code, result.output + result.stderr
    return result.exit_code, result.output


def findings(*args: str) -> list[dict[str, object]]:
    _, output = check("--format", "json", *args)
    return json.loads(output)["findings"]


def by_msgid(items: list[dict[str, object]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in items:
        found.setdefault(str(item["msgid"])[:30], set()).add(str(item["code"]))
    return found


def catalogue(tmp_path: Path, language: str, body: str, plural_forms: str = "") -> Path:
    """A catalogue of ``body`` entries at ``<language>/LC_MESSAGES/x.po`` under tmp_path."""
    target = tmp_path / language / "LC_MESSAGES" / "x.po"
    target.parent.mkdir(parents=True)
    header = f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n'
    if plural_forms:
        header += f'"Plural-Forms: {plural_forms}\\n"\n'
    target.write_text(header + "\n" + body, encoding="utf-8")
    return target


def test_seed_guide_reports_exactly_its_two_arabic_fragments() -> None:
    items = findings(str(SEED))
    assert [(f["line"], f["code"]) for f in items] == [(48, "wrong-script"), (69, "wrong-script")]
    line_69 = SEED.read_text(encoding="utf-8").splitlines()[68]
    assert items[1]["column"] == line_69.index("دكتور") + 1
    assert items[1]["fragment"] == "دكتور. قلم"
    assert items[0]["fragment"] == "اضطرابات تخثر الدم"
    assert items[0]["expected"] == "en" and items[0]["detected"] == "ar"
    assert items[0]["msgid"] is None


def test_every_code_fires_on_the_fixture() -> None:
    found = by_msgid(findings(str(FIXTURE)))
    assert found == {
        "Mild swelling or tightness": {"untranslated"},
        "Temporary dryness or flaking": {"fuzzy"},
        "Disinfect the treatment area w": {"unchanged"},
        "%(count)d cartridges left in t": {"placeholders"},
        "**Warning signs that are not n": {"markup"},
        "See the [Dr Pen guide](https:/": {"links"},
        "Use only sealed, single-use Dr": {"glossary"},
        "Pinpoint bleeding during treat": {"wrong-script"},
        "Skin preparation is equally im": {"wrong-language"},
        "Proper aftercare significantly": {"mixed-language"},
        "Avoid direct sun exposure for ": {"numbers"},
    }
    assert {f["code"] for f in findings(str(BROKEN))} == {"syntax"}
    fired = {c for codes in found.values() for c in codes} | {"syntax"}
    kazakh = Path(__file__).parent / "data" / "whole" / "kk"  # a catalogue as a whole
    fired |= {f["code"] for f in findings(str(kazakh)) if f["code"] == "catalogue-language"}
    arabic = Path(__file__).parent / "data" / "plurals"  # a header CLDR disagrees with
    assert [(f["code"], f["line"]) for f in findings(str(arabic))] == [("plural-forms", 3)]
    fired.add("plural-forms")
    # "internal" fires only on a bug; test_whole makes a check fail to see it fire.
    assert fired | {"internal"} == set(REGISTRY)


def test_json_contract() -> None:
    _, output = check("--format", "json", str(FIXTURE))
    payload = json.loads(output)
    assert set(payload) == {"findings", "summary"}
    keys = {"path", "line", "column", "code", "severity", "message"}
    keys |= {"msgid", "expected", "detected", "fragment"}
    for item in payload["findings"]:
        assert set(item) == keys
        assert item["severity"] in ("error", "warning")
        assert item["expected"] == "fr"
        assert item["path"] == str(FIXTURE.relative_to(Path.cwd())) or item["path"] == str(FIXTURE)
    script = next(f for f in payload["findings"] if f["code"] == "wrong-script")
    assert script["fragment"] == "траитемент" and script["detected"] == "ru"
    assert script["column"] == "Saignement ponctuel pendant le траитемент".index("т") + 1
    language = next(f for f in payload["findings"] if f["code"] == "wrong-language")
    assert language["detected"] == "es"
    summary = payload["summary"]
    assert summary["errors"] == 8 and summary["warnings"] == 3  # a mixed-language warning
    assert summary["unmodelled_languages"] == []


def test_text_and_github_formats() -> None:
    _, text = check(str(FIXTURE))
    first = text.splitlines()[0]
    assert first.startswith(f"{FIXTURE.relative_to(ROOT)}:") or ": warning: [" in first
    assert any(": error: [wrong-script] " in line for line in text.splitlines())
    _, github = check("--format", "github", str(FIXTURE))
    assert any(
        line.startswith("::error file=") and ",title=wrong-script::" in line
        for line in github.splitlines()
    )


def test_select_ignore_strict_and_exit_codes() -> None:
    check("--select", "untranslated,fuzzy", str(FIXTURE), code=0)
    check("--select", "untranslated,fuzzy", "--strict", str(FIXTURE), code=1)
    check("--ignore", "unchanged", str(FIXTURE), code=1)
    only = findings("--select", "links", str(FIXTURE))
    assert [f["code"] for f in only] == ["links"]
    code, output = check("--select", "nonsense", str(FIXTURE))
    assert code == 2 and "unknown check code 'nonsense'" in output
    code, _ = check(str(DATA / "does-not-exist.po"))
    assert code == 2


def test_list_shows_every_code_with_severity_and_doc() -> None:
    _, output = check("--list")
    lines = output.splitlines()
    assert len(lines) == len(REGISTRY)
    for line in lines:
        code, severity, doc = line.split(maxsplit=2)
        assert REGISTRY[code].severity == severity and doc == REGISTRY[code].doc


def test_readme_lists_every_check() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for check_ in REGISTRY.values():
        assert f"| `{check_.code}` | {check_.severity} | {check_.doc} |" in readme


def test_expected_language_from_path_when_no_header(tmp_path: Path) -> None:
    target = tmp_path / "de" / "LC_MESSAGES" / "x.po"
    target.parent.mkdir(parents=True)
    target.write_text(
        'msgid ""\nmsgstr ""\n\n'
        'msgid "Apply broad-spectrum SPF once redness subsides"\n'
        'msgstr "Apply broad-spectrum SPF once redness subsides"\n',
        encoding="utf-8",
    )
    [item] = findings(str(tmp_path))
    assert item["expected"] == "de" and item["code"] == "unchanged"


def test_project_is_clean() -> None:
    code, output = check("--strict")
    assert code == 0, output


@pytest.mark.parametrize(
    ("code", "entry"),
    [
        (
            "wrong-script",
            'msgid "Strict hygiene standards apply"\nmsgstr "Strenge Hygiene стандарты gelten"\n',
        ),
        (
            "wrong-language",
            'msgid "Consistent aftercare reduces inflammation and shortens downtime."\n'
            'msgstr "Consistent aftercare reduces inflammation and shortens downtime, always."\n',
        ),
        ("glossary", 'msgid "Apply broad-spectrum SPF"\nmsgstr "Breitband-LSF auftragen"\n'),
        (
            "unchanged",
            'msgid "Wear sterile gloves at all times"\nmsgstr "Wear sterile gloves at all times"\n',
        ),
        (
            "mixed-language",
            'msgid "Wash your hands thoroughly before every treatment session."\n'
            'msgstr "Waschen Sie sich vor jeder Behandlung gründlich die Hände, '
            'and always wear sterile gloves when you touch the skin."\n',
        ),
        ("placeholders", 'msgid "%(count)d cartridges left"\nmsgstr "Kartuschen übrig"\n'),
        ("markup", 'msgid "Never **reuse** cartridges"\nmsgstr "Kartuschen nie wiederverwenden"\n'),
        (
            "links",
            'msgid "See the [guide](https://example.org/guide)"\n'
            'msgstr "Siehe den [Leitfaden](https://evil.example/guide)"\n',
        ),
        ("untranslated", 'msgid "A new sentence about aftercare"\nmsgstr ""\n'),
        ("fuzzy", '#, fuzzy\nmsgid "A changed sentence"\nmsgstr "Ein geänderter Satz"\n'),
        ("syntax", 'msgid "Broken entry"\nmsgstr "Kaputt\n'),
    ],
)
def test_planted_faults_in_a_copy_of_a_project_catalogue_fail(
    tmp_path: Path, code: str, entry: str
) -> None:
    copy = tmp_path / "de" / "LC_MESSAGES" / "safety-guide.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(ROOT / "locales/de/LC_MESSAGES/safety-guide.po", copy)
    clean_code, _ = check(str(copy))
    assert clean_code == 0
    with copy.open("a", encoding="utf-8") as stream:
        stream.write("\n" + entry)
    items = findings(str(copy))
    assert code in {f["code"] for f in items}
    failed, _ = check("--strict", str(copy))
    assert failed == 1


def test_project_glossary_applies_to_other_files_only_with_explicit_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "de" / "LC_MESSAGES" / "x.po"
    other.parent.mkdir(parents=True)
    other.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        'msgid "Apply broad-spectrum SPF"\nmsgstr "Breitband-LSF auftragen"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(ROOT)
    implicit = CliRunner().invoke(cli, ["check", "--format", "json", str(other)])
    assert implicit.exit_code == 0 and json.loads(implicit.output)["findings"] == []
    assert {f["code"] for f in findings(str(other))} == {"glossary"}


def test_unchanged_severity_follows_the_number_of_source_words(tmp_path: Path) -> None:
    target = catalogue(
        tmp_path,
        "de",
        'msgid "Wear sterile gloves at all times"\nmsgstr "Wear sterile gloves at all times"\n\n'
        'msgid "Sterile gloves"\nmsgstr "Sterile gloves"\n\n'
        'msgid "Warning"\nmsgstr "Warning"\n\n'
        'msgid "Dr Pen"\nmsgstr "Dr Pen"\n\n'
        'msgid "SPF 30, %(count)d × 5 ml"\nmsgstr "SPF 30, %(count)d × 5 ml"\n\n'
        'msgid "https://example.org/guide"\nmsgstr "https://example.org/guide"\n\n'
        'msgid "floating_ip_id"\nmsgstr "floating_ip_id"\n',  # a field name shown as it is
    )
    items = findings(str(target))
    assert [(f["msgid"], f["severity"]) for f in items] == [
        ("Wear sterile gloves at all times", "error"),
        ("Sterile gloves", "warning"),
        ("Warning", "warning"),
    ]
    assert {f["code"] for f in items} == {"unchanged"}
    assert check(str(target))[0] == 1
    target.write_text(
        target.read_text(encoding="utf-8").replace(
            'msgstr "Wear sterile gloves at all times"', 'msgstr "Immer sterile Handschuhe tragen"'
        )
    )
    assert check(str(target))[0] == 0  # warnings alone pass
    assert check("--strict", str(target))[0] == 1


def test_unchanged_name_in_title_case_is_only_a_warning(tmp_path: Path) -> None:
    target = catalogue(
        tmp_path,
        "fr",
        'msgid "Python Enhancement Proposals; PEP %s"\n'
        'msgstr "Python Enhancement Proposals; PEP %s"\n\n'
        'msgid "Common Vulnerabilities and Exposures"\n'
        'msgstr "Common Vulnerabilities and Exposures"\n\n'
        'msgid "Source code for this module"\nmsgstr "Source code for this module"\n\n'
        'msgid "Do not use it"\nmsgstr "Do not use it"\n',
    )
    items = findings(str(target))
    assert [(f["msgid"][:20], f["severity"]) for f in items] == [
        ("Python Enhancement P", "warning"),
        ("Common Vulnerabiliti", "warning"),
        ("Source code for this", "error"),
        ("Do not use it", "error"),  # short words only: a sentence, not a title
    ]


def test_an_unchanged_msgid_that_is_no_english_is_a_name(tmp_path: Path) -> None:
    # django-localflavor's Romanian legal forms and transliterated Russian regions:
    # every catalogue keeps them, and they are not English left untranslated.
    target = catalogue(
        tmp_path,
        "it",
        'msgid "Societate cu răspundere limitată"\nmsgstr "Societate cu răspundere limitată"\n\n'
        'msgid "Evreyskaya avtonomnaja oblast\'"\nmsgstr "Evreyskaya avtonomnaja oblast\'"\n\n'
        'msgid "Enter a valid business registry code."\n'
        'msgstr "Enter a valid business registry code."\n',
    )
    items = findings(str(target), "--select", "unchanged")
    assert [(f["msgid"][:12], f["severity"], f["message"].split("(")[-1]) for f in items] == [
        ("Societate cu", "warning", "4 words, which read as Romanian: a name?)"),
        ("Evreyskaya a", "warning", "3 words, which read as Slovenian: a name?)"),
        ("Enter a vali", "error", "5 words of en)"),
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_catalogue_of_unknown_language_is_one_warning_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    from pipeline.checks import runner

    monkeypatch.setattr(runner, "_PARALLEL_THRESHOLD", 0)  # workers even for small files
    good = tmp_path / "de" / "LC_MESSAGES" / "guide.po"
    good.parent.mkdir(parents=True)
    shutil.copy(ROOT / "locales/de/LC_MESSAGES/safety-guide.po", good)
    with good.open("a", encoding="utf-8") as stream:
        stream.write('\nmsgid "Wash your hands"\nmsgstr "Wash your hands"\n')
    loose = tmp_path / "loose.po"
    loose.write_text('msgid "Wash your hands"\nmsgstr "Hände waschen"\n', encoding="utf-8")
    code, output = check("--jobs", jobs, str(tmp_path))
    assert code == 1  # the German catalogue's own error: it was checked
    lines = output.strip().splitlines()
    assert f"{loose.as_posix()}:1: warning: [catalogue-language] no Language header" in "\n".join(
        lines
    )
    assert any(line.startswith(f"{good.as_posix()}:") and "[unchanged]" in line for line in lines)


def test_placeholders_of_a_plural_entry_may_follow_the_plural_msgid(tmp_path: Path) -> None:
    entry = (
        "#, python-brace-format\n"
        'msgid "Found one page."\nmsgid_plural "Found {count} pages."\n'
        'msgstr[0] "找到 {count} 个页面。"\n\n'
        "#, python-brace-format\n"
        'msgid "Removed one file."\nmsgid_plural "Removed {count} files."\n'
        'msgstr[0] "删除了 {total} 个文件。"\n'
    )
    items = findings(str(catalogue(tmp_path, "zh_Hans", entry, "nplurals=1; plural=0;")))
    assert [(f["msgid"], f["code"]) for f in items] == [("Removed one file.", "placeholders")]


def test_program_messages_may_link_to_a_localised_page_but_not_another_site(
    tmp_path: Path,
) -> None:
    entry = (
        "#: sphinx/cmd/build.py:40\n"
        'msgid "For more information, visit <https://www.sphinx-doc.org/>."\n'
        'msgstr "Para obter máis información, visite https://www.sphinx-doc.org/."\n\n'
        "#: sphinx/cmd/build.py:41\n"
        'msgid "Report bugs at <https://github.com/sphinx-doc/sphinx/issues>."\n'
        'msgstr "Informe dos erros en https://evil-mirror.net/issues."\n\n'
        "#: sphinx/cmd/build.py:42\n"
        'msgid "See https://www.sphinx-doc.org/en/master/man/."\n'
        'msgstr "Véxase https://www.sphinx-doc.org/gl/master/man/。"\n'  # a localised page
    )
    items = findings(str(catalogue(tmp_path, "gl", entry)))
    # One site for another is a warning (it is most often an example localised,
    # "domain.com" as "domini.com"), so that --strict still fails on it.
    assert [(f["code"], f["severity"], f["fragment"]) for f in items] == [
        ("links", "warning", "evil-mirror.net")
    ]


def test_program_messages_that_drop_or_add_a_site_are_errors(tmp_path: Path) -> None:
    entry = (
        "#: pretix/control/views/orders.py:10\n"
        'msgid "Log in to the <a href=\\"https://dashboard.stripe.com\\">Stripe dashboard</a>."\n'
        'msgstr "Đăng nhập vào <a href=\\"\\">bảng điều khiển Stripe</a>."\n\n'
        "#: weblate/machinery/forms.py:455\n"
        'msgid "Endpoint URL of the instance, e.g: https://my-instance.openai.azure.com."\n'
        'msgstr "URL điểm cuối của phiên bản, ví dụ: https://phien-ban.openai.azure.com."\n\n'
        "#: pretix/base/email.py:20\n"
        'msgid "Contact the organiser."\n'
        'msgstr "Liên hệ với ban tổ chức tại https://cheap-tickets.example.net.ru."\n'
    )
    items = findings(str(catalogue(tmp_path, "vi", entry)), "--select", "links")
    assert [(f["line"] > 0, f["severity"], f["fragment"]) for f in items] == [
        (True, "error", "dashboard.stripe.com"),
        (True, "warning", "phien-ban.openai.azure.com"),
        (True, "error", "cheap-tickets.example.net.ru"),
    ]


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_MAYBE_TEXT = st.none() | _TEXT


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            Finding,
            _TEXT,
            st.integers(min_value=1, max_value=10**7),
            st.none() | st.integers(min_value=1, max_value=10**4),
            _TEXT,
            st.sampled_from(["error", "warning"]),
            _TEXT,
            _MAYBE_TEXT,
            _TEXT,
            _MAYBE_TEXT,
            _MAYBE_TEXT,
        ),
        max_size=4,
    )
)
def test_json_rows_are_what_json_dumps_writes(items: list[Finding]) -> None:
    expected = [json.dumps(f._asdict(), ensure_ascii=False) for f in items]
    assert report.json_rows(items) == expected


def test_allow_accepts_a_name_the_translator_added(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "ru",
        'msgid "Convert the files with makeinfo."\n'
        'msgstr "Преобразуйте файлы Texinfo с помощью makeinfo."\n',
    )
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.l10n]\nsource_language = "en"\nlocales = ["ru"]\n', encoding="utf-8"
    )

    def codes() -> list[tuple[str, str | None]]:
        result = CliRunner().invoke(
            cli, ["--config", str(pyproject), "check", "--format", "json", str(path)]
        )
        return [(f["code"], f["fragment"]) for f in json.loads(result.output)["findings"]]

    assert codes() == [("wrong-script", "Texinfo")]
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + '\n[tool.l10n.check]\nallow = ["Texinfo"]\n',
        encoding="utf-8",
    )
    assert codes() == []


def test_a_catalogue_cldr_has_no_script_for_is_a_warning_a_bad_source_language_exit_2(
    tmp_path: Path,
) -> None:
    path = catalogue(tmp_path, "tlh", 'msgid "Search"\nmsgstr "nej"\n')
    code, output = check(str(path))
    assert code == 0
    assert output.splitlines()[0] == (
        f"{path.as_posix()}:1: warning: [catalogue-language] no script known for 'tlh': "
        "language checks skipped; set Language to a code with a script, such as tlh_Latn"
    )
    code, output = check("--source-lang", "en_Blah", str(SEED))
    assert code == 2
    assert output.strip() == "source language: 'Blah' in 'en_Blah' is not a Unicode script code"


def test_program_messages_may_localise_an_example_address(tmp_path: Path) -> None:
    # Hosts reserved for examples (RFC 2606) lead nowhere: a translation may adapt them.
    entry = (
        "#: pretix/control/forms.py:10\n"
        'msgid "For example https://my.event.example.org/ or www.example.com"\n'
        'msgstr "Par exemple https://mon.evenement.example.org/ ou www.exemple.example.com"\n\n'
        "#: pretalx/mail.py:3\n"
        'msgid "Report it at https://github.com/pretalx/pretalx/issues/new or by mail"\n'
        'msgstr "请在https://github.com/pretalx/pretalx/issues/new 或通过邮件报告"\n'
    )
    items = findings(str(catalogue(tmp_path, "fr", entry)), "--select", "links")
    assert items == []


def test_an_example_address_mangled_is_a_warning(tmp_path: Path) -> None:
    # pretalx's Swedish catalogue: "https://" typed as "https;\\".
    entry = (
        "#: pretalx/orga/forms/event.py:120\n"
        'msgid "Enter a custom domain, such as https://my.event.example.org"\n'
        'msgstr "Fyll i en egen domän, exempelvis https;\\\\my.event.example.org"\n'
    )
    items = findings(str(catalogue(tmp_path, "sv", entry)), "--select", "links")
    assert [(f["severity"], f["message"]) for f in items] == [
        ("warning", "0 web addresses where the msgid has 1: an example address dropped or mangled?")
    ]


def test_english_words_are_an_error_only_when_they_are_the_msgid_s_own(tmp_path: Path) -> None:
    entry = (
        'msgid "Proper aftercare improves safety. Always follow the instructions you were given."\n'
        'msgstr "Des soins appropriés améliorent la sécurité. '
        'Always follow the instructions you were given."\n\n'
        'msgid "Supported browsers are the latest versions of Microsoft Edge, Mozilla Firefox, '
        'Google Chrome and Safari."\n'
        'msgstr "Les navigateurs pris en charge sont les dernières versions de Microsoft Edge, '
        'Mozilla Firefox, Google Chrome et Safari."\n'
    )
    items = findings(str(catalogue(tmp_path, "fr", entry)), "--select", "mixed-language")
    severities = {str(f["msgid"])[:10]: f["severity"] for f in items}
    assert severities.get("Proper aft") == "error"  # the source left in, word for word
    assert severities.get("Supported ") == "warning"  # names only, though the msgid's


def test_commands_values_and_names_kept_from_the_msgid_are_no_prose(tmp_path: Path) -> None:
    # OpenStack Horizon: a command in <tt>, and option values quoted beside the names
    # of the services they stand for, kept in Indonesian as they must be.
    entry = (
        'msgid "This is equivalent to the <tt>openstack volume qos associate</tt> command."\n'
        'msgstr "Ini setara dengan perintah <tt>openstack volume qos associate</tt>."\n\n'
        'msgid "This value can be \\"front-end\\" (Nova Compute), \\"back-end\\" '
        '(Cinder back-end), or \\"both\\"."\n'
        'msgstr "Nilai ini bisa \\"front-end\\" (Nova Compute), \\"back-end\\" '
        '(Cinder back-end), atau \\"both\\"."\n\n'
        'msgid "External network expected but not found for the router."\n'
        'msgstr "Jaringan eksternal expected but not found for the router."\n'
    )
    items = findings(str(catalogue(tmp_path, "id", entry)), "--select", "mixed-language")
    assert [(str(f["msgid"])[:8], f["severity"]) for f in items if f["severity"] == "error"] == [
        ("External", "error")
    ]


def test_a_repeated_run_is_reported_once_and_language_codes_are_values(tmp_path: Path) -> None:
    # Postorius's Bulgarian help text: the languages a list offers, as codes.
    entry = (
        'msgid "$language: the list\'s languages, such as fr, en, de. See Manual."\n'
        'msgstr "$language: езиците на списъка, например bg, fr, en, de. Виж Manaul и '
        'Manaul."\n'
    )
    items = findings(str(catalogue(tmp_path, "bg", entry)), "--select", "wrong-script")
    assert [f["message"] for f in items] == ["Latin letters in Bulgarian text: 'Manaul' (2 times)"]


def test_the_catalogue_s_own_language_code_is_a_value(tmp_path: Path) -> None:
    # deform's message key "language-code": each catalogue answers with its own code.
    entry = 'msgid "language-code"\nmsgstr "ja"\n\nmsgid "Language"\nmsgstr "ru"\n'
    items = findings(str(catalogue(tmp_path, "ja", entry)), "--select", "wrong-script")
    assert [f["message"] for f in items] == ["Latin letters in Japanese text: 'ru'"]


def test_code_kept_from_the_msgid_is_no_third_language(tmp_path: Path) -> None:
    # Mailman's Russian catalogue keeps the msgid's Python example, as it must; trigram
    # profiles call "def listaddr(mlist): print" French. Words the msgid has, in its
    # order, can only show the source language left in, never a third language.
    code = (
        "def listaddr(mlist):\\n    print(mlist.posting_address)\\n\\n"
        "def requestaddr(mlist):\\n    print(mlist.request_address)\\n\\n"
    )
    entry = (
        f'msgid "Say you have a file called listaddr.py, with the following two functions:'
        f"\\n\\n{code}Run methods take at least one argument, the mailing list object to operate "
        'on."\n'
        f'msgstr "Допустим, у вас есть файл listaddr.py со следующими двумя функциями:'
        f'\\n\\n{code}Методы запуска принимают как минимум один аргумент."\n\n'
    )
    items = findings(str(catalogue(tmp_path, "ru", entry)), "--select", "mixed-language")
    assert items == []
    # The same code around an English sentence the msgid has is still the source left in.
    left = entry.replace(
        "Методы запуска принимают как минимум один аргумент.",
        "Run methods take at least one argument, the mailing list object to operate on.",
    )
    items = findings(str(catalogue(tmp_path / "left", "ru", left)), "--select", "mixed-language")
    assert [(f["severity"], str(f["fragment"])[-20:]) for f in items][-1:] == [
        ("error", "object to operate on")
    ]


def test_low_quoted_literals_are_names_not_english(tmp_path: Path) -> None:
    # Hebrew (and German) quote with ‚…’: the quoted option values are literals.
    entry = (
        "msgid \"The role: one of 'any', 'member', 'nonmember', 'owner' or 'moderator'.\"\n"
        'msgstr "התפקיד: אחד מהבאים ‚any’, ‚member’, ‚nonmember’, ‚owner’ או ‚moderator’."\n'
    )
    items = findings(str(catalogue(tmp_path, "he", entry)))
    assert items == []


def test_program_messages_compare_html_tags_and_styling_is_a_warning(tmp_path: Path) -> None:
    entry = (
        "#: humanize/templatetags/humanize.py:36\n"
        'msgctxt "ordinal 1"\nmsgid "{}st"\nmsgstr "{}<sup>er</sup>"\n\n'
        "#: admin/templates/base.html:3\n"
        'msgid "Welcome, <strong>%(user)s</strong>."\nmsgstr "Bienvenue, %(user)s."\n\n'
        "#: admin/templates/base.html:7\n"
        'msgid "Codes are assigned.<br> You may edit them."\n'
        'msgstr "Les codes sont attribués. Vous pouvez les modifier."\n\n'
        "#: admin/templates/base.html:8\n"
        'msgid "No documents match \\"<em>%(q)s</em>\\""\n'
        'msgstr "Cap document coincideix amb \\"<em>%(q)s</em\\""\n\n'
        "#: admin/templates/base.html:9\n"
        'msgid "Read the <a href=\\"/docs/\\">documentation</a> first."\n'
        'msgstr "Lisez d\'abord la documentation."\n\n'
        "#: admin/templates/base.html:12\n"
        'msgid "Read the release notes first."\n'
        'msgstr "Lisez d\'abord les <a href=\\"/notes/\\">notes de version</a>."\n\n'
        "#: admin/templates/delete.html:4\n"  # the msgid leaves <p> open, the msgstr closes it
        'msgid "<p>The band was deleted from <strong>%(name)s</strong>."\n'
        'msgstr "<p>La tranche a été supprimée de <strong>%(name)s</strong>.</p>"\n\n'
        # Words in angle brackets (djangocms-frontend, django-allauth) are no tag.
        "#: admin/templates/link.html:2\n"
        'msgid "<link is missing>"\nmsgstr "<lien manquant>"\n\n'
        "#: admin/templates/link.html:3\n"
        'msgid "<Link a new account>"\nmsgstr "<Associer un nouveau compte>"\n'
    )
    items = findings(str(catalogue(tmp_path, "fr", entry)), "--select", "markup")
    assert [(f["severity"], f["fragment"]) for f in items] == [
        ("warning", "</sup> <sup>"),  # French ordinals are superscript: typography
        ("warning", "</strong> <strong>"),  # emphasis lost, not function
        ("warning", "<br>"),  # lines wrapped otherwise
        ("error", "</em>"),  # emphasis left open: it runs on through the page
        ("error", "</a> <a>"),  # a link lost
        ("error", "</a> <a>"),  # a link the msgid does not have
        ("warning", "</p>"),  # the translation repairs the msgid
    ]


def test_the_source_left_after_a_translated_opening_is_an_error(tmp_path: Path) -> None:
    # pretix's Danish catalogue: the first words translated, the rest left in English.
    entry = (
        'msgid "Reverse Charge: According to Article 194, 196 of Council Directive '
        '2006/112/EEC, VAT liability rests with the service recipient."\n'
        'msgstr "Omvendt betalingspligt (reverse charge): Ift. Article 194, 196 of Council '
        'Directive 2006/112/EEC, VAT liability rests with the service recipient."\n'
    )
    items = findings(str(catalogue(tmp_path, "da", entry)), "--select", "mixed-language")
    assert [(f["severity"], f["fragment"][-32:]) for f in items] == [
        ("error", "rests with the service recipient")
    ]


def test_chinese_variants_are_the_wrong_language(tmp_path: Path) -> None:
    hant = catalogue(
        tmp_path / "a",
        "zh_Hant",
        'msgid "Settings"\nmsgstr "设置"\n\nmsgid "Delete"\nmsgstr "刪除"\n\n'
        'msgid "Password"\nmsgstr "密碼"\n',
    )
    items = findings(str(hant), "--select", "wrong-language")
    message = "Simplified Chinese in a Traditional Chinese catalogue: 设置 (Traditional: 設置)"
    assert [(f["msgid"], f["message"]) for f in items] == [("Settings", message)]
    ja = catalogue(
        tmp_path / "b",
        "ja",
        'msgid "Cannot connect to the server, try again later."\n'
        'msgstr "无法连接到服务器，请稍后再试。"\n\n'
        'msgid "Search"\nmsgstr "検索"\n',
    )
    items = findings(str(ja), "--select", "wrong-language")
    assert [(f["msgid"][:6], f["detected"]) for f in items] == [("Cannot", "zh_Hans")]


def test_a_homoglyph_is_named_with_the_letter_meant(tmp_path: Path) -> None:
    entry = 'msgid "Electronic payment"\nmsgstr "Paiement électrоnique"\n'
    items = findings(str(catalogue(tmp_path, "fr", entry)), "--select", "wrong-script")
    assert [(f["message"], f["column"]) for f in items] == [
        (
            "Cyrillic 'о' (U+043E) inside the Latin word 'électrоnique'; "
            "the Latin 'o' looks the same",
            len("Paiement électr") + 1,
        )
    ]


def test_names_kept_from_the_msgid_are_a_warning_not_english_left_in(tmp_path: Path) -> None:
    # pretix's Swedish catalogue: the licences' own names, kept as the msgid has them.
    entry = (
        'msgid "Plugins are available under a non-copyleft license (Apache License, '
        'MIT License, BSD license, or similar)."\n'
        'msgstr "Insticksprogram finns under en icke-copyleft-licens (Apache License, '
        'MIT License, BSD license eller liknande)."\n'
    )
    items = findings(str(catalogue(tmp_path, "sv", entry)), "--select", "mixed-language")
    assert [f["severity"] for f in items] in ([], ["warning"])


def test_zope_message_keys_are_not_source_text(tmp_path: Path) -> None:
    # Plone's catalogues: the msgid is a key, its English in a "Default:" comment.
    entry = (
        '#. Default: "by ${creator}, last updated: ${date}"\n'
        'msgid "text_creator_date"\nmsgstr "von ${creator}, zuletzt geändert: ${date}"\n\n'
        'msgid "plone.app.event"\nmsgstr "plone.app.event"\n\n'
        'msgid "${python:round(size/1024, 1)} KB"\nmsgstr "${python:round(size/1024, 1)} KB"\n'
    )
    assert findings(str(catalogue(tmp_path / "de", "de", entry))) == []
    japanese = 'msgid "label_plone_site"\nmsgstr "Plone サイトの設定を変更します"\n'
    assert findings(str(catalogue(tmp_path / "ja", "ja", japanese))) == []


def test_a_message_key_is_checked_against_its_default_text(tmp_path: Path) -> None:
    # i18ndude's catalogues: the key's English in "#. Default:", even for a key such
    # as "front-text" that looks like no identifier.
    entry = (
        '#. Default: "Welcome to ${site}: <a href=\\"${url}\\">start here</a>"\n'
        'msgid "front-text"\nmsgstr "Willkommen bei ${site}: <a href=\\"${url}\\">hier</a>"\n\n'
        '#. Default: "Search results for ${term}"\n'
        'msgid "heading_search_results"\nmsgstr "Suchergebnisse für ${item}"\n\n'
        '#. Default: "Your changes have been saved in the database"\n'
        'msgid "info_changes_saved"\nmsgstr "Your changes have been saved in the database"\n\n'
        '#. Default: "Log in to add comments"\n'
        'msgid "label_login_to_comment"\nmsgstr "label_login_to_comment"\n'
    )
    items = findings(str(catalogue(tmp_path, "de", entry)))
    assert [(f["msgid"], f["code"], f["severity"]) for f in items] == [
        ("heading_search_results", "placeholders", "error"),
        ("info_changes_saved", "unchanged", "error"),
        ("label_login_to_comment", "unchanged", "error"),
    ]
    assert items[1]["message"].startswith("msgstr is identical to the Default: text")


def test_an_enumeration_the_msgid_has_is_no_untranslated_prose(tmp_path: Path) -> None:
    # calibre-web's catalogues keep the file formats as items of a list; the same
    # words run together as a phrase are the msgid left untranslated (kiwitcms, hi).
    entry = (
        'msgid "Only jpg/jpeg/png/webp/bmp files are supported as coverfile"\n'
        'msgstr "В якості файлів обкладинки підтримуються лише формати jpg, jpeg, png, webp, '
        'bmp"\n\n'
    )
    items = findings(str(catalogue(tmp_path, "uk", entry)), "--select", "mixed-language")
    assert [f["severity"] for f in items] in ([], ["warning"])
    left = (
        'msgid "the leading open source test case management system"\n'
        'msgstr "open source test case management system में प्रमुख"\n\n'
    )
    items = findings(str(catalogue(tmp_path / "left", "hi", left)), "--select", "mixed-language")
    assert [(f["severity"], f["fragment"]) for f in items] == [
        ("error", "open source test case management system")
    ]


def test_a_term_the_catalogue_keeps_where_its_msgid_has_it_is_its_vocabulary(
    tmp_path: Path,
) -> None:
    # privacyIDEA's and Django's Chinese catalogues write "email" where the msgid says
    # "mail" too, as they do where it says "email". A misspelt word is no such term.
    entry = (
        'msgid "Email address"\nmsgstr "email 地址"\n\n'
        'msgid "The mail body that will be sent"\nmsgstr "将要发送的 email 正文"\n\n'
        'msgid "The stateless mode is on"\nmsgstr "statelass 模式已开启"\n\n'
    )
    items = findings(str(catalogue(tmp_path, "zh_CN", entry)), "--select", "wrong-script")
    assert [f["fragment"] for f in items] == ["statelass"]
    # Not when the only entry that keeps it is the msgid copied whole, left untranslated.
    copied = entry.replace('msgstr "email 地址"', 'msgstr "Email address"')
    items = findings(str(catalogue(tmp_path / "c", "zh_CN", copied)), "--select", "wrong-script")
    assert [f["fragment"] for f in items] == ["email", "statelass"]


def test_latin_words_other_languages_write_too_are_a_term_not_a_stray(tmp_path: Path) -> None:
    # horizon writes "Ethernet" for "Ether Type" in Japanese, Georgian and German alike;
    # a misspelt word only one catalogue has stays an error.
    ether = {
        "ja": "Ethernet タイプ",
        "ka": "Ethernet-ის ტიპი",
        "ko": "Ethernet 유형",
        "de": "Ethernet-Typ",
        "fr": "Type Ethernet",
    }
    stray = {"ja": "statelass モード", "ka": "უმდგომარეო რეჟიმი", "ko": "상태 비저장 모드"}
    for language, text in ether.items():
        body = f'msgid "Ether Type"\nmsgstr "{text}"\n\n'
        if language in stray:
            body += f'msgid "Stateless mode"\nmsgstr "{stray[language]}"\n\n'
        catalogue(tmp_path, language, body)
    items = findings(str(tmp_path), "--select", "wrong-script")
    found = {(str(f["path"]).split("/")[-3], f["fragment"], f["severity"]) for f in items}
    assert found == {
        ("ja", "Ethernet", "warning"),
        ("ka", "Ethernet", "warning"),
        ("ko", "Ethernet", "warning"),
        ("ja", "statelass", "error"),
    }
    assert "4 other languages write it so too" in str(items[0]["message"])


def test_a_value_most_languages_keep_as_the_msgid_writes_it_is_a_warning(tmp_path: Path) -> None:
    # privacyIDEA's translations keep the default value "usb ble nfc internal" as it is.
    msgid = "Default: usb ble nfc internal (All standard transports)"
    kept = {
        "uk": "За замовчуванням: usb ble nfc internal (усі стандартні транспорти)",
        "ru": "По умолчанию: usb ble nfc internal (все стандартные транспорты)",
        "zh_Hans": "默认值：usb ble nfc internal（所有标准传输）",
        "de": "Standard: usb ble nfc internal (alle Standardtransporte)",
    }
    for language, text in kept.items():
        catalogue(tmp_path, language, f'msgid "{msgid}"\nmsgstr "{text}"\n\n')
    items = findings(str(tmp_path), "--select", "mixed-language")
    assert items and {f["severity"] for f in items} == {"warning"}
    assert all("other languages write it so too" in str(f["message"]) for f in items)
    # One catalogue alone: nothing to compare with, the msgid's words left in.
    alone = tmp_path / "alone"
    catalogue(alone, "uk", f'msgid "{msgid}"\nmsgstr "{kept["uk"]}"\n\n')
    assert [f["severity"] for f in findings(str(alone), "--select", "mixed-language")] == ["error"]


def test_runs_of_one_script_in_an_entry_are_one_finding(tmp_path: Path) -> None:
    # z3c.form's Traditional Chinese catalogue holds Japanese: one finding per script
    # of each entry, not one per stretch of kana between the kanji.
    entry = (
        'msgid "A flag set when at least one field is marked as required"\n'
        'msgstr "フィールドが一つでも必須としてマークされると、このフラッグはセットされます"\n\n'
    )
    items = findings(str(catalogue(tmp_path, "zh_TW", entry)), "--select", "wrong-script")
    assert [str(f["message"]).split(" letters")[0] for f in items] == ["Katakana", "Hiragana"]
    assert str(items[0]["message"]).endswith("'フィールド', 'マーク', 'フラッグ' and 1 more")


def test_locales_of_one_language_are_one_language_writing_a_term(tmp_path: Path) -> None:
    # Sphinx's Catalan "versió del projecte" pasted into the Japanese catalogue: ca,
    # ca@valencia and ca_ES writing it are one language's translation, not a name.
    for locale in ("ca", "ca@valencia", "ca_ES", "de"):
        text = "Projektversion" if locale == "de" else "versió del projecte"
        catalogue(tmp_path, locale, f'msgid "version of project"\nmsgstr "{text}"\n\n')
    catalogue(tmp_path, "ja", 'msgid "version of project"\nmsgstr "versió del projecte"\n\n')
    items = findings(str(tmp_path), "--select", "wrong-script")
    assert [(str(f["path"]).split("/")[-3], f["severity"]) for f in items] == [("ja", "error")]
