"""Han-variant check: Simplified/Traditional, Chinese in Japanese, Chinese in Korean.

The texts are real entries of shipped catalogues (Django, Sphinx, Indico, Weblate,
pretix) unless a comment says otherwise; the catalogue fixture is a handful of them.
"""

from pathlib import Path

import polib
import pytest

from pipeline.language.han import (
    EVIDENCE_MAX,
    MIN_HAN_NO_KANA,
    HanProblem,
    expectation,
    foreign_to,
    han_problem,
    simplified_only,
    traditional_only,
)


def _catalogue(locale: str, pairs: list[tuple[str, str]]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Language": locale, "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return po


def _flagged(po: polib.POFile) -> dict[str, HanProblem]:
    locale = po.metadata["Language"]
    found = {}
    for entry in po.translated_entries():
        problem = han_problem(entry.msgstr, locale)
        if problem is not None:
            found[entry.msgid] = problem
    return found


# Django's zh_Hant admin catalogue, with one Simplified entry ("Settings" -> 设置).
ZH_HANT = [
    ("Delete", "刪除"),
    ("Change my password", "修改我的密碼"),
    ("Page not found", "找不到頁面"),
    ("Please enter your current password.", "請輸入您目前的密碼。"),
    ("Settings", "设置"),
    ("Description", "描述"),
]


def test_simplified_entry_in_a_traditional_catalogue_is_the_only_one_reported():
    found = _flagged(_catalogue("zh_Hant", ZH_HANT))
    assert list(found) == ["Settings"]
    assert found["Settings"] == HanProblem(
        detected="zh_Hans",
        expected="Traditional Chinese",
        evidence="设置",
        suggestion="設置",
        message="Simplified Chinese in a Traditional Chinese catalogue: 设置 (Traditional: 設置)",
    )


@pytest.mark.parametrize(
    "text",
    [
        "刪除",
        "請輸入您目前的密碼。",
        "已結束：一個初始資料夾結構已被建立。",  # Sphinx zh_TW
        "臺灣正體",  # pretalx zh_Hant
        "後台",  # 后 and 台 are written by both variants: they decide nothing
    ],
)
def test_correct_traditional_is_not_reported(text):
    for locale in ("zh_Hant", "zh_TW", "zh_HK"):
        assert han_problem(text, locale) is None


def test_traditional_in_a_simplified_catalogue():
    # Indico's zh_Hans_CN catalogue ships this entry in Traditional.
    problem = han_problem("建立我的 Indico 設定檔", "zh_Hans_CN")
    assert problem is not None
    assert problem.detected == "zh_Hant"
    assert problem.expected == "Simplified Chinese"
    assert problem.evidence == "設定檔"
    assert problem.suggestion == "设定档"
    assert problem.message == (
        "Traditional Chinese in a Simplified Chinese catalogue: 設定檔 (Simplified: 设定档)"
    )


def test_mixed_entry_quotes_the_first_giveaway_run():
    # Sphinx zh_CN: "主题" is Simplified, "內沒有" Traditional.
    problem = han_problem('主题 %r 內沒有 "theme" 表格', "zh_CN")
    assert problem is not None
    assert (problem.evidence, problem.suggestion) == ("內沒有", "内没有")


@pytest.mark.parametrize(
    ("locale", "script"),
    [
        ("zh_Hant", "Hant"),
        ("zh-Hant", "Hant"),
        ("zh_TW", "Hant"),
        ("zh_TW.Big5", "Hant"),
        ("zh_Hant_TW", "Hant"),
        ("zh_HK", "Hant"),
        ("zh_MO", "Hant"),
        ("zh_Hans", "Hans"),
        ("zh_CN", "Hans"),
        ("zh_CN.GB2312", "Hans"),
        ("zh_SG", "Hans"),
        ("zh_Hans_CN", "Hans"),
        ("zh", "Hans"),  # CLDR: zh -> zh_Hans_CN
    ],
)
def test_expected_variant_follows_cldr(locale, script):
    wanted = expectation(locale)
    assert wanted is not None
    assert (wanted.language, wanted.script) == ("zh", script)
    deleted_simplified, deleted_traditional = "删除", "刪除"  # Django, "Delete"
    wrong = deleted_simplified if script == "Hant" else deleted_traditional
    right = deleted_traditional if script == "Hant" else deleted_simplified
    assert han_problem(wrong, locale) is not None
    assert han_problem(right, locale) is None


def test_region_standards_of_traditional():
    # Taiwan writes 著 and 戶; Hong Kong writes 着 and 户. zh_Hant names no region.
    assert han_problem("着", "zh_TW") is not None
    assert han_problem("着", "zh_TW").suggestion == "著"
    assert han_problem("着", "zh_HK") is None
    assert han_problem("客户", "zh_HK") is None
    assert han_problem("客户", "zh_TW").suggestion == "客戶"
    assert han_problem("客户", "zh_Hant").suggestion == "客戶"


def test_japanese_catalogue_with_a_chinese_entry():
    problem = han_problem("无法连接到服务器，请稍后再试。", "ja")
    assert problem is not None
    assert problem.detected == "zh_Hans"
    assert problem.expected == "Japanese"
    assert "连" in problem.evidence and len(problem.evidence) <= EVIDENCE_MAX
    assert problem.suggestion is None
    assert problem.message.startswith("Simplified Chinese in a Japanese catalogue: ")


@pytest.mark.parametrize(
    "text",
    [
        "検索",
        "日本語",
        "国際会議の設定",  # shinjitai 国, 会 count as Simplified in Chinese tables
        "総合索引",  # Sphinx ja, kana-less noun phrases
        "汎用一意識別子",  # Django ja, 7 Han characters and no kana
        "%s 件追加, %s 件更新, %s 件削除",  # Sphinx ja, 9 Han characters and no kana
        "ログイン状態を保持する",  # django-allauth ja
        "入力されたメールアドレスを持つアカウントが存在する場合",  # Django ja
    ],
)
def test_japanese_is_not_reported(text):
    assert han_problem(text, "ja") is None
    assert han_problem(text, "ja_JP") is None


def test_traditional_chinese_in_japanese():
    # Japanese writes 号 and 称: these are Chinese forms.
    problem = han_problem("使用者名稱", "ja")
    assert problem is not None and problem.detected == "zh_Hant"
    assert problem.message.endswith("(Japanese writes 称 for 稱)")
    # Sphinx zh_TW: no giveaway character, but 12 Han characters and no kana.
    long = han_problem("輸出資料夾 (%s) 不是一個資料夾", "ja")
    assert long is not None and long.detected == "zh"
    assert long.evidence == "輸出資料夾"
    assert MIN_HAN_NO_KANA <= 12 and "(12 Han characters, no kana)" in long.message


def test_korean_catalogue_with_hanja_only():
    problem = han_problem("設定", "ko")
    assert problem is not None
    assert (problem.detected, problem.expected) == ("zh", "Korean")
    assert problem.message == "Chinese in a Korean catalogue: 設定 (no Hangul)"
    japanese = han_problem("設定を保存", "ko_KR")
    assert japanese is not None and japanese.detected == "ja"
    assert japanese.message == "Japanese in a Korean catalogue: 設定 (kana, no Hangul)"
    # A Simplified form is not Korean even next to Hangul.
    simplified = han_problem("设定 파일", "ko")
    assert simplified is not None and simplified.detected == "zh_Hans"


@pytest.mark.parametrize("text", ["대한민국 헌법", "漢字 표기", "大韓民國 헌법", "비밀번호 변경"])
def test_korean_with_hangul_is_not_reported(text):
    assert han_problem(text, "ko") is None


@pytest.mark.parametrize(
    "text",
    [
        "請訪問 https://例子.中国/设置 查看",
        "請輸入 %(设置)s 或 {设置}",
        '<a href="/设置">設定</a>',
        "執行 `设置` 指令",
    ],
)
def test_han_in_markup_placeholders_and_urls_is_ignored(text):
    assert han_problem(text, "zh_Hant") is None


def test_text_outside_markup_is_still_checked():
    problem = han_problem("设置 https://example.com/", "zh_Hant")
    assert problem is not None and problem.evidence == "设置"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("设置", "fr"),
        ("设置", "en_US"),
        ("设置", "zh_Latn"),
        ("Settings", "zh_Hant"),
        ("", "ja"),
        ("%s", "ko"),
    ],
)
def test_nothing_to_say(text, locale):
    assert han_problem(text, locale) is None


def test_other_languages_letters_are_left_to_the_script_check():
    assert han_problem("国際会議の設定", "zh_Hant") is None  # kana: Japanese
    assert han_problem("大韓民國 헌법", "zh_Hans") is None  # Hangul: Korean
    assert han_problem("大韓民國 헌법", "ja") is None


def test_evidence_is_cut_around_the_first_giveaway():
    # Made up: one Traditional run of 13 characters; the first giveaway, 請, opens it.
    problem = han_problem("請選擇要上傳的翻譯檔案格式", "zh_Hans")
    assert problem is not None
    assert len(problem.evidence) == EVIDENCE_MAX
    assert problem.evidence in "請選擇要上傳的翻譯檔案格式"
    assert problem.evidence == "請選擇要上傳"


def test_character_tables():
    shared = "后台里干只余云系几范"
    assert not set(shared) & simplified_only()
    assert "着" in simplified_only("s2tw") and "着" not in simplified_only("s2hk")
    assert "设" in simplified_only() and "删" in simplified_only()
    assert "設" in traditional_only() and "窓" not in traditional_only()  # 窓 is Japanese
    assert not set("国会学気図与無設") & foreign_to("ja")
    assert set("连们说值號") <= foreign_to("ja")
    assert "设" in foreign_to("ko") and "設" not in foreign_to("ko")


def test_mixed_sentence_from_pretix():
    # pretix zh_Hans: the second clause was left in Traditional.
    problem = han_problem("退款将以礼品卡的形式发放，您可以將其用於進一步的購買。", "zh_Hans")
    assert problem is not None
    assert (problem.evidence, problem.suggestion) == ("可以將其用於", "可以将其用于")


def test_kanji_names_the_catalogue_writes_elsewhere_are_japanese(tmp_path: Path) -> None:
    from tests.test_checks import catalogue, findings

    # django-countries' Japanese catalogue: country names in kanji only, no kana.
    names = {
        "Korea (the Republic of)": "大韓民国",
        "China": "中華人民共和国",
        "Lao People's Democratic Republic": "ラオス人民民主共和国",
        "Algeria": "アルジェリア民主人民共和国",
        "Korea (the Democratic People's Republic of)": "北朝鮮(朝鮮民主主義人民共和国)",
        "Bangladesh": "バングラデシュ人民共和国",
        "Sri Lanka": "スリランカ民主社会主義共和国",
    }
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in names.items())
    body += 'msgid "Search the site"\nmsgstr "我们建议你先阅读使用指南并且在这里搜索网站内容"\n'
    items = findings(str(catalogue(tmp_path, "ja", body)), "--select", "wrong-language")
    assert [f["msgid"] for f in items] == ["Search the site"]


def test_han_tables_are_kept_on_disk_and_rebuilt_when_a_count_is_off(tmp_path, monkeypatch) -> None:
    import json

    from pipeline.language import han

    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path))
    built = han._kept("test", lambda: frozenset("设删户"))
    (stored,) = tmp_path.iterdir()
    assert json.loads(stored.read_text(encoding="utf-8")) == {"count": 3, "characters": "删户设"}
    assert han._kept("test", lambda: frozenset("never")) == built  # read, not built
    stored.write_text('{"count": 3, "characters": "删"}', encoding="utf-8")  # cut short
    assert han._kept("test", lambda: frozenset("设删户")) == built
    assert json.loads(stored.read_text(encoding="utf-8"))["count"] == 3
