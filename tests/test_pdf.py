"""A PDF per language, printed by headless Chromium and read back with poppler's tools.

Built once from a copy of the project whose Arabic catalogue has one entry emptied,
so the Arabic PDF has an English segment to mark. Page 1 of the Arabic and Chinese
PDFs is rendered to build/screenshots/pdf-<lang>.png, to be looked at.
Chromium and poppler-utils are required (`make test` installs them): without them
the tests fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.document.pdf import build_pdfs, find_engine
from tests.conftest import ROOT
from tests.test_site import CODES, SHORT_PARAGRAPH, copy_project, set_translations

SCREENSHOTS = ROOT / "build" / "screenshots"
# Words each language's PDF must hold in its text layer, with its running title and
# its translated page numbers.
WORDS = {
    "en": ("Microneedling", "Safety Guide", "Page 1 of"),
    "ar": ("الوخز بالإبر الدقيقة", "سلامة", "الصفحة 1 من"),
    "de": ("Microneedling", "Sicherheitsleitfaden", "Seite 1 von"),
    "es": ("micropunción", "seguridad", "Página 1 de"),
    "fr": ("microneedling", "sécurité", "Page 1 sur"),
    "ru": ("микронидлинга", "безопасности", "Страница 1 из"),
    "zh_Hans": ("微针", "安全指南", "第 1 页，共"),
}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found: apt-get install poppler-utils (or run `make test`)")
    return found


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def _text(pdf: Path) -> str:
    """The PDF's text layer in reading order, with no white space at all.

    pdftotext marks right-to-left runs with bidi embedding controls and spaces
    Arabic marks apart from their letters' line; both are its own doing, so they
    are taken out, and words are compared without spaces.
    """
    raw = _run(_tool("pdftotext"), str(pdf), "-")
    return re.sub(r"[\u202a-\u202e\s]", "", raw)


def _has(text: str, words: str) -> bool:
    return re.sub(r"\s", "", words) in text


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    engine = find_engine()
    if engine is None:
        pytest.fail("Chromium not found: apt-get install chromium (or run `make test`)")
    root = tmp_path_factory.mktemp("project")
    config = copy_project(root, lambda r: set_translations(r, "ar", {SHORT_PARAGRAPH: ""}))
    report = build_pdfs(config, root / "build", engine)
    assert len(report.written) == len(CODES)
    return root / "build"


def _pdf(printed: Path, code: str) -> Path:
    return printed / code / "safety-guide.pdf"


@pytest.mark.parametrize("code", CODES)
def test_a4_with_every_font_embedded(printed: Path, code: str) -> None:
    info = _run(_tool("pdfinfo"), str(_pdf(printed, code)))
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None
    assert abs(float(size.group(1)) - 595.28) < 1 and abs(float(size.group(2)) - 841.89) < 1
    fonts = _run(_tool("pdffonts"), str(_pdf(printed, code))).splitlines()[2:]
    assert fonts, "no fonts at all: the text layer is missing"
    for line in fonts:
        # name, type…, encoding, then emb sub uni as yes/no, then the object id
        emb, _sub, uni = line.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), line


@pytest.mark.parametrize("code", CODES)
def test_the_text_layer_reads_in_the_language(printed: Path, code: str) -> None:
    text = _text(_pdf(printed, code))
    for words in (*WORDS[code], "Dr Pen", "SPF"):
        assert _has(text, words), (code, words)


def test_arabic_is_shaped_and_in_logical_order(printed: Path) -> None:
    text = _text(_pdf(printed, "ar"))
    # Presentation forms would mean the layer holds shaped glyphs, not letters.
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufefe]", text)
    assert text.startswith("دليلسلامةالوخزبالإبرالدقيقة")  # the title, first word first
    assert _has(text, SHORT_PARAGRAPH)  # the English segment, still English
    assert _has(text, "بعض الأقسام") and _has(text, "وتظهر باللغة الإنجليزية")  # the notice


def test_chinese_lines_break_between_characters(printed: Path) -> None:
    lines = _run(_tool("pdftotext"), str(_pdf(printed, "zh_Hans")), "-").splitlines()
    han = [line for line in lines if len(re.findall("[\u4e00-\u9fff]", line)) > 20]
    assert len(han) > 10
    # CJK text wraps anywhere between characters, so long lines end mid-sentence
    # without a space; no line starts with closing punctuation (the kinsoku rule).
    assert not any(line.lstrip().startswith(("，", "。", "、", "；", "：", "）")) for line in lines)


def test_page_one_of_arabic_and_chinese_renders(printed: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for code in ("ar", "zh_Hans"):
        target = SCREENSHOTS / f"pdf-{code}"
        _run(
            _tool("pdftoppm"),
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(_pdf(printed, code)),
            str(target),
        )
        png = target.with_suffix(".png")
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 20_000, "page 1 is nearly blank"


def test_printing_again_with_nothing_changed_prints_nothing(printed: Path) -> None:
    engine = find_engine()
    assert engine is not None
    config = copy_project(printed.parent / "again")
    first = build_pdfs(config, printed.parent / "again" / "build", engine, ["de"])
    again = build_pdfs(config, printed.parent / "again" / "build", engine, ["de"])
    assert [p.parent.name for p in first.written] == ["en", "de"]
    assert again.written == [] and len(again.unchanged) == 2
