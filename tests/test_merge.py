"""Tests for pipeline.catalogue.merge: one small real example per merge semantic."""

from __future__ import annotations

import random
import textwrap
import time

import polib
import pytest
from rapidfuzz.distance import Indel

from pipeline.catalogue.merge import MergeStats, layout_key, merge_catalogue

HEADER = r"""
msgid ""
msgstr ""
"Project-Id-Version: guide 1.0\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\n"
"PO-Revision-Date: 2024-02-01 10:00+0100\n"
"Last-Translator: Anna <anna@example.com>\n"
"Language: de\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"""

POT_HEADER = r"""
msgid ""
msgstr ""
"Project-Id-Version: guide 2.0\n"
"POT-Creation-Date: 2024-06-01 00:00+0000\n"
"Content-Type: text/plain; charset=UTF-8\n"
"""


def catalogue(body: str, header: str = HEADER) -> polib.POFile:
    return polib.pofile(textwrap.dedent(header) + textwrap.dedent(body))


def template(*msgids: str | tuple[str | None, str]) -> polib.POFile:
    pot = polib.pofile(textwrap.dedent(POT_HEADER))
    for item in msgids:
        ctxt, msgid = item if isinstance(item, tuple) else (None, item)
        pot.append(polib.POEntry(msgid=msgid, msgctxt=ctxt))
    return pot


def entry(po: polib.POFile, msgid: str, msgctxt: str | None = None) -> polib.POEntry:
    found = [e for e in po if e.msgid == msgid and e.msgctxt == msgctxt and not e.obsolete]
    assert len(found) == 1, f"{msgid!r}: {found}"
    return found[0]


def obsolete(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po if e.obsolete}


def total(stats: MergeStats) -> int:
    return stats.kept + stats.fuzzy + stats.revived + stats.added + stats.carried_over


# --------------------------------------------------------------------------
# Order, header, comments
# --------------------------------------------------------------------------


def test_output_follows_template_order_and_keeps_catalogue_header() -> None:
    cat = catalogue(
        """
        msgid "First"
        msgstr "Erstens"

        msgid "Second"
        msgstr "Zweitens"
        """
    )
    merged, stats = merge_catalogue(cat, template("Second", "Brand new", "First"))

    assert [e.msgid for e in merged if not e.obsolete] == ["Second", "Brand new", "First"]
    assert merged.metadata["Project-Id-Version"] == "guide 1.0"
    assert merged.metadata["Last-Translator"] == "Anna <anna@example.com>"
    assert merged.metadata["Language"] == "de"
    assert merged.metadata["POT-Creation-Date"] == "2024-06-01 00:00+0000"
    assert stats == MergeStats(kept=2, fuzzy=0, revived=0, obsoleted=0, added=1, carried_over=0)


def test_comments_from_template_translator_comments_from_catalogue() -> None:
    cat = catalogue(
        """
        # Anna: keep it short
        #. old extracted comment
        #: old.md:1
        #, no-wrap
        msgid "Save %(name)s"
        msgstr "%(name)s speichern"
        """
    )
    pot = template()
    pot.append(
        polib.POEntry(
            msgid="Save %(name)s",
            comment="new extracted comment",
            occurrences=[("docs/new.md", "7")],
            flags=["python-format"],
        )
    )
    merged, _ = merge_catalogue(cat, pot)

    e = entry(merged, "Save %(name)s")
    assert e.tcomment == "Anna: keep it short"
    assert e.comment == "new extracted comment"
    assert e.occurrences == [("docs/new.md", "7")]
    assert e.flags == ["python-format"]
    assert e.msgstr == "%(name)s speichern"


def test_inputs_are_not_modified() -> None:
    cat = catalogue(
        """
        msgid "Open the settings page."
        msgstr "Öffnen Sie die Einstellungsseite."

        msgid "Gone"
        msgstr "Weg"
        """
    )
    pot = template("Open the settings pages.")
    before = (str(cat), str(pot))
    merge_catalogue(cat, pot)
    assert (str(cat), str(pot)) == before


# --------------------------------------------------------------------------
# Exact matches
# --------------------------------------------------------------------------


def test_exact_match_is_kept_including_its_fuzzy_flag() -> None:
    cat = catalogue(
        """
        msgid "Plain"
        msgstr "Schlicht"

        #, fuzzy
        #| msgid "Close the windw"
        msgid "Close the window"
        msgstr "Schließen Sie das Fenstr"
        """
    )
    merged, stats = merge_catalogue(cat, template("Plain", "Close the window"))

    assert entry(merged, "Plain").msgstr == "Schlicht"
    assert not entry(merged, "Plain").fuzzy
    kept_fuzzy = entry(merged, "Close the window")
    assert kept_fuzzy.fuzzy
    assert kept_fuzzy.msgstr == "Schließen Sie das Fenstr"
    assert kept_fuzzy.previous_msgid == "Close the windw"
    assert stats.kept == 2 and stats.fuzzy == 0


def test_stale_previous_msgid_is_dropped_from_a_translated_entry() -> None:
    cat = catalogue(
        """
        #| msgid "Old text"
        msgid "New text"
        msgstr "Neuer Text"
        """
    )
    merged, _ = merge_catalogue(cat, template("New text"))
    assert entry(merged, "New text").previous_msgid is None


# --------------------------------------------------------------------------
# Fuzzy matches
# --------------------------------------------------------------------------


def test_small_change_becomes_fuzzy_with_previous_msgid() -> None:
    cat = catalogue(
        """
        # Anna: formal register
        msgid "Make sure that the device is switched off before cleaning it."
        msgstr "Stellen Sie sicher, dass das Gerät vor der Reinigung ausgeschaltet ist."
        """
    )
    new = "Make sure that the device is switched off before you clean it."
    merged, stats = merge_catalogue(cat, template(new))

    e = entry(merged, new)
    assert e.fuzzy
    assert e.msgstr.startswith("Stellen Sie sicher")
    assert e.previous_msgid == "Make sure that the device is switched off before cleaning it."
    assert e.tcomment == "Anna: formal register"
    assert "#| msgid " in str(e)
    assert stats.fuzzy == 1 and stats.obsoleted == 0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Pleas enter your pasword to continue.", "Please enter your password to continue."),
        ("Save file", "Save files"),
        ("Lock", "Lock."),
        ("OK", "Ok"),
        ("Delete the selected item permanently.", "Delete the selected items permanently!"),
        # One word inserted or removed in a short message: the length changes a
        # lot, but every other word is kept.
        ("Create rule", "Create advanced rule"),
        ("Every error is invalid.", "Every error is."),
    ],
)
def test_typo_inflection_punctuation_and_case_fixes_are_fuzzy(old: str, new: str) -> None:
    cat = catalogue(f'msgid "{old}"\nmsgstr "Übersetzung"\n')
    merged, stats = merge_catalogue(cat, template(new))
    e = entry(merged, new)
    assert (e.fuzzy, e.previous_msgid, e.msgstr) == (True, old, "Übersetzung")
    assert stats.fuzzy == 1


def test_untranslated_catalogue_entry_is_not_a_fuzzy_source() -> None:
    cat = catalogue(
        """
        msgid "Make sure that the device is switched off before cleaning it."
        msgstr ""
        """
    )
    new = "Make sure that the device is switched off before you clean it."
    merged, stats = merge_catalogue(cat, template(new))

    e = entry(merged, new)
    assert not e.fuzzy and e.msgstr == "" and e.previous_msgid is None
    assert stats.added == 1 and stats.fuzzy == 0


def test_already_fuzzy_source_keeps_the_msgid_it_was_translated_from() -> None:
    cat = catalogue(
        """
        #, fuzzy
        #| msgid "Remove the cartridge carefuly."
        msgid "Remove the cartridge carefully."
        msgstr "Entfernen Sie die Kartusche vorsichtig."
        """
    )
    new = "Remove the cartridge very carefully."
    merged, _ = merge_catalogue(cat, template(new))
    assert entry(merged, new).previous_msgid == "Remove the cartridge carefuly."


def test_message_still_in_template_is_never_a_fuzzy_source() -> None:
    cat = catalogue(
        """
        msgid "Clean the needle cartridge after every treatment."
        msgstr "Reinigen Sie die Nadelkartusche nach jeder Behandlung."
        """
    )
    pot = template(
        "Clean the needle cartridge after every treatment.",
        "Clean the needle cartridges after every treatment.",
    )
    merged, stats = merge_catalogue(cat, pot)
    assert entry(merged, "Clean the needle cartridges after every treatment.").msgstr == ""
    assert stats == MergeStats(kept=1, fuzzy=0, revived=0, obsoleted=0, added=1, carried_over=0)


def test_each_old_translation_is_reused_for_at_most_the_best_new_message() -> None:
    cat = catalogue(
        """
        msgid "Disinfect the skin before the treatment starts."
        msgstr "Desinfizieren Sie die Haut, bevor die Behandlung beginnt."
        """
    )
    best = "Disinfect the skin before the treatment starts!"
    second = "Disinfect the skin before the treatment session starts."
    merged, stats = merge_catalogue(cat, template(second, best))

    assert entry(merged, best).fuzzy
    assert entry(merged, best).previous_msgid == "Disinfect the skin before the treatment starts."
    assert entry(merged, second).msgstr == ""
    assert stats.fuzzy == 1 and stats.added == 1


# --------------------------------------------------------------------------
# No wrong guesses for new messages
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # Same boilerplate frame, different content words.
        (
            "Click **Save** to store your changes.",
            "Click **Cancel** to discard your changes.",
        ),
        (
            "If the skin is irritated, stop the treatment and contact your doctor.",
            "If the device is damaged, stop using it and contact your supplier.",
        ),
        (
            "For more information, see the section on needle depth.",
            "For more information, see the section on aftercare.",
        ),
        # Short strings: one letter apart, different words.
        ("Remove tag", "Remove tab"),
        ("Open file", "Open folder"),
        ("Undo", "Redo"),
        ("Cut", "Cat"),
        ("Save", "Save all"),  # one word added to a one-word label
        ("Cancel new topic", "Cancel new key"),  # a third of the message replaced
    ],
)
def test_new_message_sharing_boilerplate_gets_no_fuzzy_guess(old: str, new: str) -> None:
    cat = catalogue(f'msgid "{old}"\nmsgstr "Alte Übersetzung"\n\nmsgid "tab"\nmsgstr "Tab"\n')
    # Keep "tag" and "tab" known words of the project, as they would be.
    pot = template(new, "tab", "tag")
    merged, stats = merge_catalogue(cat, pot)

    e = entry(merged, new)
    assert e.msgstr == "" and not e.fuzzy
    assert stats.fuzzy == 0
    assert old in obsolete(merged)


def test_boilerplate_negatives_would_fool_msgmerge_threshold() -> None:
    """The negative examples above are real traps: msgmerge's 0.6 accepts them."""
    pairs = [
        ("Click **Save** to store your changes.", "Click **Cancel** to discard your changes."),
        ("Remove tag", "Remove tab"),
        (
            "For more information, see the section on needle depth.",
            "For more information, see the section on aftercare.",
        ),
    ]
    for old, new in pairs:
        assert Indel.normalized_similarity(old, new) >= 0.6


# --------------------------------------------------------------------------
# Layout-only edits
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Wash your hands\nbefore the treatment.", "Wash your hands before the treatment."),
        ("Wash your hands  before the treatment.", "Wash your hands before the treatment."),
        ("Hello , world", "Hello, world"),
        (
            "Use a sterile cartridge ( never reuse one ) .",
            "Use a sterile cartridge (never reuse one).",
        ),
        ("Run `make  test` to\ncheck.", "Run `make  test` to check."),
    ],
)
def test_layout_only_edit_carries_translation_over_without_fuzzy(old: str, new: str) -> None:
    cat = polib.pofile(textwrap.dedent(HEADER))
    cat.append(polib.POEntry(msgid=old, msgstr="Übersetzt", tcomment="checked"))
    merged, stats = merge_catalogue(cat, template(new))

    e = entry(merged, new)
    assert (e.msgstr, e.fuzzy, e.previous_msgid, e.tcomment) == (
        "Übersetzt",
        False,
        None,
        "checked",
    )
    assert stats.carried_over == 1 and stats.obsoleted == 0
    assert not obsolete(merged)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Apply **only** once.", "Apply *only* once."),  # markup is content
        ("Hello world", "Hello World"),  # letter case is content
        ("Run `make  test` now.", "Run `make test` now."),  # spacing in code is content
        ("Done", "Done\n"),  # msgfmt checks a trailing newline
        ("Price:\u00a0€10", "Price: €10"),  # a non-breaking space is typography
    ],
)
def test_non_layout_edits_have_different_keys(old: str, new: str) -> None:
    assert layout_key(old) != layout_key(new)


def test_layout_key_examples() -> None:
    assert layout_key("a\n b\t\tc  d") == "a b c d"
    assert layout_key("Hello , world !") == "Hello, world!"
    assert layout_key("( see below )") == "(see below)"
    assert layout_key("Line\n") == "Line\n"
    assert layout_key("`a  b` ,x") == "`a  b`,x"


def test_markup_change_is_fuzzy_not_carried_over() -> None:
    cat = catalogue(
        'msgid "Apply the serum **only** once a day."\nmsgstr "Serum **nur** einmal."\n'
    )
    new = "Apply the serum *only* once a day."
    merged, stats = merge_catalogue(cat, template(new))
    assert entry(merged, new).fuzzy
    assert stats.fuzzy == 1 and stats.carried_over == 0


# --------------------------------------------------------------------------
# Obsolete entries
# --------------------------------------------------------------------------


def test_removed_messages_become_obsolete_and_old_obsolete_stay() -> None:
    cat = catalogue(
        """
        msgid "Keep me"
        msgstr "Behalte mich"

        # reviewed
        #: a.md:3
        msgid "Remove me"
        msgstr "Entferne mich"

        msgid "Untranslated and removed"
        msgstr ""

        #~ msgid "Long gone"
        #~ msgstr "Längst weg"
        """
    )
    merged, stats = merge_catalogue(cat, template("Keep me"))

    gone = obsolete(merged)
    assert set(gone) == {"Remove me", "Untranslated and removed", "Long gone"}
    assert gone["Remove me"].msgstr == "Entferne mich"
    assert gone["Remove me"].tcomment == "reviewed"
    assert gone["Long gone"].msgstr == "Längst weg"
    assert stats.obsoleted == 2  # "Long gone" was obsolete already
    # Obsolete entries are written last, as "#~".
    assert str(merged).rstrip().endswith('#~ msgstr "Längst weg"')


def test_obsoleted_fuzzy_entry_round_trips_through_a_file(tmp_path) -> None:
    """polib skips "#~|" lines on reading, so obsolete entries carry none."""
    cat = catalogue(
        """
        #, fuzzy
        #| msgid "Skin skin."
        msgid "Skin skin skin."
        msgstr "Haut Haut."
        """
    )
    pot = template("Something else entirely")
    once, _ = merge_catalogue(cat, pot)
    gone = obsolete(once)["Skin skin skin."]
    assert gone.fuzzy and gone.msgstr == "Haut Haut." and gone.previous_msgid is None
    path = tmp_path / "de.po"
    once.save(str(path))
    twice, _ = merge_catalogue(polib.pofile(str(path)), pot)
    assert str(twice) == path.read_text("utf-8")


def test_obsolete_entry_is_revived_when_its_msgid_comes_back() -> None:
    cat = catalogue(
        """
        msgid "Other"
        msgstr "Andere"

        # Anna: checked
        #~ msgid "Come back"
        #~ msgstr "Komm zurück"
        """
    )
    merged, stats = merge_catalogue(cat, template("Other", "Come back"))

    e = entry(merged, "Come back")
    assert (e.msgstr, e.fuzzy, e.obsolete, e.tcomment) == (
        "Komm zurück",
        False,
        False,
        "Anna: checked",
    )
    assert "Come back" not in obsolete(merged)
    assert stats.revived == 1 and stats.kept == 1


def test_obsolete_entry_is_a_fuzzy_candidate_when_it_comes_back_changed() -> None:
    cat = catalogue(
        """
        #~ msgid "Store the device in a cool, dry place."
        #~ msgstr "Lagern Sie das Gerät an einem kühlen, trockenen Ort."
        """
    )
    new = "Store the device in a clean, dry place."
    merged, stats = merge_catalogue(cat, template(new))

    e = entry(merged, new)
    assert e.fuzzy and e.previous_msgid == "Store the device in a cool, dry place."
    assert not obsolete(merged)
    assert stats.fuzzy == 1


# --------------------------------------------------------------------------
# Plurals and contexts
# --------------------------------------------------------------------------

PLURAL_CAT = """
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d Datei"
msgstr[1] "%d Dateien"

msgid "Apple"
msgstr "Apfel"

msgid "%d needle"
msgid_plural "%d needles"
msgstr[0] "%d Nadel"
msgstr[1] "%d Nadeln"
"""


def _plural_template() -> polib.POFile:
    pot = template()
    pot.append(
        polib.POEntry(msgid="%d file", msgid_plural="%d files", msgstr_plural={0: "", 1: ""})
    )
    pot.append(polib.POEntry(msgid="Apple", msgid_plural="Apples", msgstr_plural={0: "", 1: ""}))
    pot.append(polib.POEntry(msgid="%d needle", msgid_plural="%d needle units"))
    pot.append(polib.POEntry(msgid="%d cartridge", msgid_plural="%d cartridges"))
    return pot


def test_plural_entries_are_kept_and_reshaped() -> None:
    merged, stats = merge_catalogue(catalogue(PLURAL_CAT), _plural_template())

    files = entry(merged, "%d file")
    assert files.msgstr_plural == {0: "%d Datei", 1: "%d Dateien"} and not files.fuzzy

    apple = entry(merged, "Apple")  # became plural: like msgmerge, fill every form
    assert apple.msgstr_plural == {0: "Apfel", 1: "Apfel"}
    assert apple.fuzzy and apple.previous_msgid == "Apple"

    needle = entry(merged, "%d needle")  # msgid_plural changed
    assert needle.fuzzy and needle.previous_msgid_plural == "%d needles"
    assert needle.msgstr_plural == {0: "%d Nadel", 1: "%d Nadeln"}

    new = entry(merged, "%d cartridge")
    assert new.msgstr_plural == {0: "", 1: ""} and not new.fuzzy
    assert stats == MergeStats(kept=1, fuzzy=2, revived=0, obsoleted=0, added=1, carried_over=0)


def test_new_plural_entry_gets_one_empty_form_per_nplurals() -> None:
    header = HEADER.replace("nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n==1 ? 0 : 1);")
    pot = template()
    pot.append(polib.POEntry(msgid="%d day", msgid_plural="%d days"))
    merged, _ = merge_catalogue(catalogue("", header=header), pot)
    assert entry(merged, "%d day").msgstr_plural == {0: "", 1: "", 2: ""}


def test_plural_becoming_singular_keeps_first_form_as_fuzzy() -> None:
    cat = catalogue(PLURAL_CAT)
    merged, _ = merge_catalogue(cat, template("%d file"))
    e = entry(merged, "%d file")
    assert (e.msgstr, e.msgstr_plural, e.fuzzy) == ("%d Datei", {}, True)
    assert e.previous_msgid_plural == "%d files"


def test_plural_fuzzy_match_copies_all_forms() -> None:
    pot = template()
    pot.append(polib.POEntry(msgid="%d needles was found", msgid_plural="%d needles were found"))
    cat = catalogue(
        """
        msgid "%d needle was found"
        msgid_plural "%d needles were found"
        msgstr[0] "%d Nadel gefunden"
        msgstr[1] "%d Nadeln gefunden"
        """
    )
    merged, _ = merge_catalogue(cat, pot)
    e = entry(merged, "%d needles was found")
    assert e.fuzzy and e.msgstr_plural == {0: "%d Nadel gefunden", 1: "%d Nadeln gefunden"}
    assert e.previous_msgid_plural == "%d needles were found"


def test_msgctxt_is_part_of_the_key() -> None:
    cat = catalogue(
        """
        msgctxt "menu"
        msgid "Open"
        msgstr "Öffnen"

        msgctxt "state"
        msgid "Open"
        msgstr "Offen"
        """
    )
    merged, stats = merge_catalogue(cat, template(("state", "Open"), ("menu", "Open")))
    assert entry(merged, "Open", "menu").msgstr == "Öffnen"
    assert entry(merged, "Open", "state").msgstr == "Offen"
    assert stats.kept == 2


def test_changed_msgctxt_with_same_msgid_is_fuzzy_with_previous_context() -> None:
    cat = catalogue('msgctxt "menu"\nmsgid "Open"\nmsgstr "Öffnen"\n')
    merged, stats = merge_catalogue(cat, template(("button", "Open")))
    e = entry(merged, "Open", "button")
    assert (e.msgstr, e.fuzzy, e.previous_msgctxt, e.previous_msgid) == (
        "Öffnen",
        True,
        "menu",
        "Open",
    )
    assert stats.fuzzy == 1


def test_similar_msgids_match_only_within_their_msgctxt() -> None:
    cat = catalogue(
        """
        msgctxt "tooltip"
        msgid "Remove the used cartridge from the pen."
        msgstr "Entfernen Sie die gebrauchte Kartusche aus dem Stift."
        """
    )
    new = ("dialog", "Remove the used cartridges from the pen.")
    merged, stats = merge_catalogue(cat, template(new))
    assert entry(merged, new[1], "dialog").msgstr == ""
    assert stats.fuzzy == 0


# --------------------------------------------------------------------------
# Idempotence, stats, speed
# --------------------------------------------------------------------------

MIXED_CAT = """
# translator note
msgid "Wash your hands before the treatment."
msgstr "Waschen Sie sich vor der Behandlung die Hände."

msgid "Make sure that the device is switched off before cleaning it."
msgstr "Stellen Sie sicher, dass das Gerät ausgeschaltet ist."

msgid "Hello , world"
msgstr "Hallo, Welt"

msgid "Removed for good"
msgstr "Für immer entfernt"

msgid "Never translated"
msgstr ""

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d Datei"
msgstr[1] "%d Dateien"

#~ msgid "Come back"
#~ msgstr "Komm zurück"
"""

MIXED_POT = (
    "Come back",
    "Wash your hands before the treatment.",
    "Make sure that the device is switched off before you clean it.",
    "Hello, world",
    "A completely different sentence about aftercare.",
    "Never translated",
)


def test_merge_is_idempotent() -> None:
    pot = template(*MIXED_POT)
    pot.append(polib.POEntry(msgid="%d file", msgid_plural="%d file(s)"))
    once, first = merge_catalogue(catalogue(MIXED_CAT), pot)
    twice, second = merge_catalogue(once, pot)

    assert str(twice) == str(once)
    assert second == MergeStats(
        kept=len(pot), fuzzy=0, revived=0, obsoleted=0, added=0, carried_over=0
    )
    assert first == MergeStats(kept=2, fuzzy=2, revived=1, obsoleted=1, added=1, carried_over=1)
    assert total(first) == len(pot)


def test_merge_is_idempotent_through_a_saved_file(tmp_path) -> None:
    pot = template(*MIXED_POT)
    once, _ = merge_catalogue(catalogue(MIXED_CAT), pot)
    path = tmp_path / "de.po"
    once.save(str(path))
    twice, _ = merge_catalogue(polib.pofile(str(path)), pot)
    assert str(twice) == path.read_text("utf-8")


def test_first_merge_greedy_choice_is_stable_on_remerge() -> None:
    """A new message that lost its best source to a better pair stays open."""
    cat = catalogue(
        """
        msgid "Disinfect the skin before the treatment starts."
        msgstr "Desinfizieren Sie die Haut."

        msgid "Disinfect the pen before the treatment starts."
        msgstr "Desinfizieren Sie den Stift."
        """
    )
    pot = template(
        "Disinfect the skin before the treatment begins.",
        "Disinfect the skin before each treatment starts.",
        "Disinfect the skin before every treatment starts.",
    )
    once, _ = merge_catalogue(cat, pot)
    twice, stats = merge_catalogue(once, pot)
    assert str(twice) == str(once)
    assert stats.fuzzy == 0


def _sentence(rng: random.Random) -> str:
    words = "the a device skin needle pen cartridge clean store open close check your each".split()
    return " ".join(rng.choice(words) for _ in range(rng.randint(4, 14))).capitalize() + "."


def test_many_unmatched_messages_merge_quickly() -> None:
    """1,000 new x 1,000 removed sentences: an all-pairs Python scan would take minutes."""
    rng = random.Random(7)
    cat = polib.pofile(textwrap.dedent(HEADER))
    seen: set[str] = set()
    while len(cat) < 1000:
        text = _sentence(rng)
        if text not in seen:
            seen.add(text)
            cat.append(polib.POEntry(msgid=text, msgstr=text.upper()))
    pot = template()
    while len(pot) < 1000:
        text = _sentence(rng)
        if text not in seen:
            seen.add(text)
            pot.append(polib.POEntry(msgid=text))
    start = time.perf_counter()
    merged, stats = merge_catalogue(cat, pot)
    assert time.perf_counter() - start < 10
    assert total(stats) == 1000
    assert stats.obsoleted + stats.fuzzy == 1000
