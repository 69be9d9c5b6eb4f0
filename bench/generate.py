"""Deterministic generator of catalogue/template pairs for the merge benchmark.

It writes, into an output directory:

* ``old.pot``  - the template the catalogue was last merged with;
* ``cat.po``   - a fully translated German-looking catalogue of ``old.pot``
  (the "translation" is a deterministic pseudo-language, one fake word per
  English word, so translations are distinct whenever msgids are), plus 1 %
  obsolete (``#~``) entries;
* ``new.pot``  - the edited template: ~10 % of msgids edited a little
  (word changed/added/removed, punctuation, typo fix, layout only),
  ~2 % removed, ~2 % genuinely new messages, and a third of the obsolete
  messages back unchanged (to be revived);
* ``truth.json`` - the ground truth: for every edited message, the old msgid
  it derives from; the lists of new, removed and revived messages.

The text is English-like documentation prose built from word lists and
sentence frames (short UI labels, sentences, paragraphs, some inline Markdown,
some plural entries and some msgctxt), not lorem ipsum, so that similarity
scores behave as they would on a real catalogue.  Half of the "new" messages
deliberately reuse the opening words of a removed or edited message, the way a
real rewrite reuses boilerplate, to catch fuzzy matchers that are too eager.

Everything derives from ``random.Random(seed)``; no set is ever iterated, so
the output is byte-identical across runs and Python hash seeds.

Usage::

    python bench/generate.py --n 5000 --seed 1 --out bench/.cache/5000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

# --------------------------------------------------------------------------
# Vocabulary.  Kept inline so the generator has no data-file dependency.
# --------------------------------------------------------------------------

NOUNS = """
account address alert application archive attachment backup battery browser
budget buffer button cache calendar camera card certificate channel chart
checkbox client clipboard cluster column command comment computer connection
console contact container content cookie credential cursor customer dashboard
database date default device dialog directory disk display document domain
download draft driver editor email entry error event export extension feature
field file filter folder font form format gateway graph group guide handle
header history host icon image import index input installer interface invoice
item key keyboard label language layer layout license link list location log
login machine mailbox manager map member memory menu message method metric
mode model module monitor mouse network node note notification object option
order owner package page panel parameter partition password path payment
permission picture pipeline plugin policy port preference preview printer
process product profile project property protocol provider proxy query queue
record region release report repository request resource response result role
router rule schedule schema screen script search section server service
session setting share shortcut signature size snapshot socket source space
storage stream subscription summary switch system tab table tag task template
terminal theme thread ticket timeout timestamp token tool topic transaction
trigger update upload user value variable vendor version video view volume
warning webhook widget window wizard workflow workspace zone
""".split()

VERBS = """
add allow apply archive back block browse cancel change check choose clear
close compare configure confirm connect copy create delete disable download
drag edit enable enter export filter find fix follow hide import install keep
launch link load lock manage merge move open paste pause print publish reload
remove rename repeat replace reset restart restore resume review run save scan
schedule search select send set share show sign skip sort start stop submit
switch sync test track type undo unlock update upgrade upload use validate
verify view
""".split()

ADJECTIVES = """
active additional advanced automatic available basic blank broken current
custom damaged default detailed disabled empty encrypted entire existing
external final first full hidden important inactive incorrect initial internal
invalid large last latest local main manual maximum minimum missing new next
old optional original other personal previous primary private public recent
remote required saved secondary secure selected shared short simple single
small specific standard temporary unknown unsaved unused valid visible
""".split()

ADVERBS = """
again automatically carefully completely correctly currently directly easily
first immediately later manually now only quickly really safely still
successfully temporarily usually
""".split()

PREPOSITIONS = "after before between for from in into on to under with without".split()
DETERMINERS = "a the your this each every any another".split()
CONNECTORS = ["and", "but", "or", "so", "because", "while", "unless", "when"]
CONTEXTS = ["button", "menu", "dialog title", "tooltip", "status"]

# Deliberate misspellings present in the *old* catalogue; a "typo fix" edit
# corrects one of them, as happens in real projects.
TYPOS = {
    "receive": "recieve",
    "separate": "seperate",
    "successfully": "succesfully",
    "necessary": "neccessary",
    "occurred": "occured",
    "address": "adress",
    "available": "availble",
    "permission": "permision",
    "password": "pasword",
    "settings": "setings",
    "existing": "exisiting",
    "automatically": "automaticaly",
}


# --------------------------------------------------------------------------
# Sentence construction
# --------------------------------------------------------------------------


def _a(rng: random.Random, words: list[str]) -> str:
    return rng.choice(words)


def _np(rng: random.Random) -> str:
    """A noun phrase: determiner, optional adjective, noun, optional markup."""
    parts = [_a(rng, DETERMINERS)]
    if rng.random() < 0.45:
        parts.append(_a(rng, ADJECTIVES))
    noun = _a(rng, NOUNS)
    roll = rng.random()
    if roll < 0.05:
        noun = f"**{noun}**"
    elif roll < 0.09:
        noun = f"`{noun}`"
    parts.append(noun)
    return " ".join(parts)


def _clause(rng: random.Random) -> str:
    """An independent clause of 4-12 words."""
    kind = rng.randrange(6)
    if kind == 0:
        return f"{_a(rng, VERBS)} {_np(rng)} {_a(rng, PREPOSITIONS)} {_np(rng)}"
    if kind == 1:
        return f"{_np(rng)} is {_a(rng, ADJECTIVES)}"
    if kind == 2:
        adv = f" {_a(rng, ADVERBS)}" if rng.random() < 0.5 else ""
        return f"you can{adv} {_a(rng, VERBS)} {_np(rng)}"
    if kind == 3:
        return f"{_np(rng)} will be {_a(rng, ADJECTIVES)} {_a(rng, PREPOSITIONS)} {_np(rng)}"
    if kind == 4:
        return f"make sure that {_np(rng)} is {_a(rng, ADJECTIVES)}"
    return f"{_a(rng, VERBS)} {_np(rng)} and {_a(rng, VERBS)} {_np(rng)}"


def _sentence(rng: random.Random) -> str:
    """A sentence of roughly 6-30 words, sometimes with a link."""
    text = _clause(rng)
    roll = rng.random()
    if roll < 0.35:
        text = f"{text}, {_a(rng, CONNECTORS)} {_clause(rng)}"
    elif roll < 0.5:
        text = f"if {_np(rng)} is {_a(rng, ADJECTIVES)}, {_clause(rng)}"
    elif roll < 0.6:
        text = f"{text}, {_a(rng, CONNECTORS)} {_clause(rng)} {_a(rng, ADVERBS)}"
    if rng.random() < 0.05:
        noun = _a(rng, NOUNS)
        text += f" (see [{noun} guide](https://example.com/docs/{noun}))"
    end = "." if rng.random() < 0.88 else rng.choice(["!", "?", ":"])
    return text[0].upper() + text[1:] + end


def _label(rng: random.Random) -> str:
    """A short UI label or heading of 1-4 words."""
    kind = rng.randrange(5)
    if kind == 0:
        text = _a(rng, VERBS)
    elif kind == 1:
        text = f"{_a(rng, VERBS)} {_a(rng, NOUNS)}"
    elif kind == 2:
        text = f"{_a(rng, ADJECTIVES)} {_a(rng, NOUNS)}"
    elif kind == 3:
        text = f"{_a(rng, NOUNS)} {_a(rng, rng.choice([NOUNS, ['settings', 'details']]))}"
    else:
        text = f"{_a(rng, VERBS)} {_a(rng, ADJECTIVES)} {_a(rng, NOUNS)}"
    if rng.random() < 0.08:
        text += "..."
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random) -> str:
    """Two to four sentences; some wrapped with soft line breaks like Markdown source."""
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


def make_text(rng: random.Random) -> str:
    """One msgid: 20 % labels, 55 % sentences, 25 % paragraphs."""
    roll = rng.random()
    if roll < 0.20:
        return _label(rng)
    if roll < 0.75:
        return _sentence(rng)
    return _paragraph(rng)


def add_typo(rng: random.Random, text: str) -> str:
    """Misspell one word of ``text`` that has a known misspelling, if any."""
    present = [w for w in TYPOS if re.search(rf"\b{w}\b", text)]
    if not present:
        return text
    word = rng.choice(present)
    return re.sub(rf"\b{word}\b", TYPOS[word], text, count=1)


# --------------------------------------------------------------------------
# Fake translation
# --------------------------------------------------------------------------

_SYLLABLES = "ba be bi da de di ga ge gu ka ke ko la le li ma me mo na ne nu ra re ro "
_SYLLABLES += "sa se so ta te tu ver ung sch ei au ent zen lich keit"
_SYL = _SYLLABLES.split()


def fake_word(word: str) -> str:
    """A stable pseudo-German word for ``word`` (independent of the RNG)."""
    digest = hashlib.blake2b(word.lower().encode(), digest_size=8).digest()
    count = 1 + len(word) // 4
    out = "".join(_SYL[b % len(_SYL)] for b in digest[:count])
    return out.capitalize() if word[:1].isupper() else out


# Kept verbatim by the fake translation: URLs, python-format placeholders and
# code spans, as a translator would (msgfmt -c checks the placeholders).
_TOKEN = re.compile(r"(?P<keep>https?://[^)\s]+|%\(\w+\)[sd]|`[^`]*`)|(?P<word>[A-Za-z]+)")


def fake_translate(text: str) -> str:
    """Translate word by word, keeping punctuation, markup, code and placeholders."""

    def repl(match: re.Match[str]) -> str:
        return match.group("keep") or fake_word(match.group("word"))

    return _TOKEN.sub(repl, text)


# --------------------------------------------------------------------------
# Catalogue model
# --------------------------------------------------------------------------


@dataclass
class Message:
    """One message of the synthetic catalogue."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str = ""
    ref: str = ""
    flags: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def make_messages(rng: random.Random, n: int) -> list[Message]:
    """``n`` distinct messages with references, a few plurals and contexts."""
    seen: dict[tuple[str | None, str], None] = {}
    out: list[Message] = []
    while len(out) < n:
        roll = rng.random()
        if roll < 0.015:
            noun = _a(rng, NOUNS)
            msg = Message(
                msgid=f"%(count)d {noun} was {_a(rng, ['deleted', 'updated', 'found'])}.",
                flags=["python-format"],
            )
            msg.msgid_plural = msg.msgid.replace(f" {noun} was", f" {noun}s were")
        elif roll < 0.04:
            msg = Message(msgid=_label(rng), msgctxt=_a(rng, CONTEXTS))
        else:
            msg = Message(msgid=make_text(rng))
        if rng.random() < 0.03:
            msg.msgid = add_typo(rng, msg.msgid)
        if msg.key in seen:
            continue
        seen[msg.key] = None
        msg.ref = f"source/page-{len(out) // 40:04d}.md:{1 + (len(out) % 40) * 3}"
        out.append(msg)
    return out


def real_ui_messages(n: int) -> list[Message]:
    """``n`` real program messages: the short msgids of the bench projects' catalogues.

    Every one-line msgid of at most 100 characters, without plural, of one catalogue
    per project and language (fetched with :mod:`corpora`), in the order found. When
    the projects hold fewer than ``n``, the rest are made unique by a suffix
    ("Save (2)"), as a program's repeated labels are told apart.
    """
    import corpora

    seen: dict[str, None] = {}
    for project in sorted(corpora.PROJECTS):
        for path in corpora.catalogues(project):
            try:
                po = polib.pofile(path)
            except (OSError, ValueError):
                continue
            for entry in po:
                text = entry.msgid
                if entry.obsolete or entry.msgid_plural or entry.msgctxt or not text:
                    continue
                if len(text) <= 100 and "\n" not in text:
                    seen.setdefault(text, None)
    texts = list(seen)
    out: list[Message] = []
    copy = 1
    while len(out) < n:
        for text in texts:
            if len(out) == n:
                break
            msgid = text if copy == 1 else f"{text} ({copy})"
            ref = f"app/module-{len(out) // 40:04d}.py:{1 + (len(out) % 40) * 3}"
            flags = ["python-format"] if "%(" in msgid or "%s" in msgid else []
            out.append(Message(msgid=msgid, ref=ref, flags=flags))
        copy += 1
    return out


# --------------------------------------------------------------------------
# Edits
# --------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+")


def _edit_word_changed(rng: random.Random, text: str) -> str:
    words = list(_WORD.finditer(text))
    target = rng.choice(words)
    pool = next((p for p in (NOUNS, VERBS, ADJECTIVES, ADVERBS) if target.group(0) in p), NOUNS)
    new = rng.choice(pool)
    if target.group(0)[:1].isupper():
        new = new.capitalize()
    return text[: target.start()] + new + text[target.end() :]


def _edit_word_added(rng: random.Random, text: str) -> str:
    words = list(_WORD.finditer(text))
    target = rng.choice(words)
    extra = rng.choice(ADJECTIVES + ADVERBS)
    if target.start() == 0:
        return extra.capitalize() + " " + text[0].lower() + text[1:]
    return text[: target.start()] + extra + " " + text[target.start() :]


def _edit_word_removed(rng: random.Random, text: str) -> str:
    words = list(_WORD.finditer(text))
    target = rng.choice(words[1:])
    # Drop the word with the space before it, so no double space is left.
    start = target.start() - 1 if text[target.start() - 1] == " " else target.start()
    return text[:start] + text[target.end() :]


def _edit_punctuation(rng: random.Random, text: str) -> str:
    if "," in text and rng.random() < 0.5:
        return text.replace(",", "", 1)
    if text[-1:] in ".!?:":
        return text[:-1] + rng.choice([c for c in ".!?;" if c != text[-1]])
    return text + "."


def _edit_typo_fix(rng: random.Random, text: str) -> str:
    for right, wrong in TYPOS.items():
        if re.search(rf"\b{wrong}\b", text):
            return re.sub(rf"\b{wrong}\b", right, text, count=1)
    # No misspelling to fix: fix a letter-case slip instead (e.g. "Wifi"→"WiFi").
    words = list(_WORD.finditer(text))
    target = rng.choice(words)
    word = target.group(0)
    fixed = word.lower() if word[:1].isupper() else word.capitalize()
    return text[: target.start()] + fixed + text[target.end() :]


def _edit_layout(rng: random.Random, text: str) -> str:
    """Whitespace-only edits: rewrapped soft line break, double space, space before comma."""
    spaces = [m.start() for m in re.finditer(" ", text)]
    pos = rng.choice(spaces)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:pos] + "\n" + text[pos + 1 :]
    if kind == 1:
        return text[:pos] + "  " + text[pos + 1 :]
    comma = text.find(",")
    if comma > 0:
        return text[:comma] + " " + text[comma:]
    return text[:pos] + "\n" + text[pos + 1 :]


EDITS = {
    "word_changed": (_edit_word_changed, 0.30),
    "word_added": (_edit_word_added, 0.15),
    "word_removed": (_edit_word_removed, 0.15),
    "punctuation": (_edit_punctuation, 0.15),
    "typo_fix": (_edit_typo_fix, 0.10),
    "layout": (_edit_layout, 0.15),
}


# Fewest words a message needs for an edit to stay a *small* edit: replacing
# the one word of "Import" gives another message, not an edited one.
MIN_WORDS = {"word_changed": 3, "word_added": 2, "word_removed": 4, "layout": 2}


def _pick_edit(rng: random.Random, text: str) -> str:
    if any(re.search(rf"\b{w}\b", text) for w in TYPOS.values()) and rng.random() < 0.7:
        return "typo_fix"
    n_words = len(_WORD.findall(text))
    names = [k for k in EDITS if n_words >= MIN_WORDS.get(k, 1)]
    if " " not in text:  # a layout edit needs a space to move ("Sign-in", "E-mail:")
        names = [k for k in names if k != "layout"]
    if not names:  # no word at all ("%s", "-"): nothing to edit a little
        return ""
    return rng.choices(names, weights=[EDITS[k][1] for k in names])[0]


def _new_message(rng: random.Random, sibling_of: str | None) -> str:
    """A genuinely new msgid; with ``sibling_of`` it reuses that text's opening words."""
    fresh = make_text(rng)
    if sibling_of is None:
        return fresh
    words = sibling_of.split(" ")
    keep = max(1, int(len(words) * rng.uniform(0.3, 0.5)))
    head = " ".join(words[:keep])
    tail = fresh[0].lower() + fresh[1:]
    return f"{head} {tail}"


# --------------------------------------------------------------------------
# Assembly and output
# --------------------------------------------------------------------------

HEADER_META = {
    "Project-Id-Version": "bench 1.0",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2024-01-01 00:00+0000",
    "PO-Revision-Date": "2024-01-02 00:00+0000",
    "Last-Translator": "Bench <bench@example.com>",
    "Language-Team": "German",
    "Language": "de",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def _to_entry(msg: Message, translate: bool) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=msg.msgid,
        msgctxt=msg.msgctxt,
        occurrences=[tuple(msg.ref.rsplit(":", 1))],
        flags=list(msg.flags),
    )
    if msg.msgid_plural:
        entry.msgid_plural = msg.msgid_plural
        entry.msgstr_plural = (
            {0: fake_translate(msg.msgid), 1: fake_translate(msg.msgid_plural)}
            if translate
            else {0: "", 1: ""}
        )
    elif translate:
        entry.msgstr = fake_translate(msg.msgid)
    return entry


def _write(
    path: Path,
    messages: list[Message],
    translate: bool,
    creation: str,
    obsolete: Sequence[Message] = (),
) -> None:
    po = polib.POFile(wrapwidth=79)
    po.metadata = dict(HEADER_META, **{"POT-Creation-Date": creation})
    if not translate:
        po.metadata = {
            k: v for k, v in po.metadata.items() if k not in ("Language", "Plural-Forms")
        }
    for msg in messages:
        po.append(_to_entry(msg, translate))
    for msg in obsolete:
        entry = _to_entry(msg, translate)
        entry.obsolete, entry.occurrences = True, []
        po.append(entry)
    po.save(str(path))


@dataclass
class _Edits:
    """The edited template and what was done to it."""

    messages: list[Message] = field(default_factory=list)
    edited: list[dict[str, object]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    revived: list[dict[str, str | None]] = field(default_factory=list)
    # Texts leaving the template: "sibling" new messages reuse their opening.
    leaving: list[str] = field(default_factory=list)


def _edit_or_remove(
    rng: random.Random, old: list[Message], taken: set[tuple[str | None, str]]
) -> _Edits:
    """~2 % of messages removed, ~10 % edited a little, the rest unchanged."""
    edits = _Edits()
    for msg in old:
        roll = rng.random()
        if roll < 0.02:
            edits.removed.append(msg.msgid)
            edits.leaving.append(msg.msgid)
            continue
        if roll < 0.12 and not msg.msgid_plural:
            kind = _pick_edit(rng, msg.msgid)
            text = EDITS[kind][0](rng, msg.msgid) if kind else msg.msgid
            if text != msg.msgid and (msg.msgctxt, text) not in taken:
                taken.add((msg.msgctxt, text))
                edits.edited.append(
                    {"old": msg.msgid, "new": text, "ctxt": msg.msgctxt, "kind": kind}
                )
                edits.leaving.append(msg.msgid)
                edits.messages.append(Message(text, msg.msgctxt, "", msg.ref, list(msg.flags)))
                continue
        edits.messages.append(msg)
    return edits


def _add_new(
    rng: random.Random, edits: _Edits, taken: set[tuple[str | None, str]], count: int
) -> None:
    """Insert ``count`` genuinely new messages at random places."""
    while len(edits.added) < count:
        sibling = rng.choice(edits.leaving) if rng.random() < 0.5 else None
        text = _new_message(rng, sibling)
        if (None, text) in taken:
            continue
        taken.add((None, text))
        edits.added.append(text)
        pos = rng.randrange(len(edits.messages) + 1)
        edits.messages.insert(pos, Message(text, ref=f"source/new.md:{len(edits.added)}"))


def _bring_back(rng: random.Random, edits: _Edits, obsolete: list[Message]) -> None:
    """A third of the catalogue's obsolete messages come back unchanged."""
    for msg in obsolete:
        if rng.random() < 1 / 3 and not msg.msgid_plural:
            edits.revived.append({"ctxt": msg.msgctxt, "msgid": msg.msgid})
            pos = rng.randrange(len(edits.messages) + 1)
            edits.messages.insert(pos, Message(msg.msgid, msg.msgctxt, ref="source/back.md:1"))


def generate(n: int, seed: int, out: Path, kind: str = "prose") -> dict[str, object]:
    """Write ``old.pot``, ``cat.po``, ``new.pot`` and ``truth.json`` into ``out``.

    ``kind`` "prose" generates documentation text; "ui" takes real short program
    messages (:func:`real_ui_messages`). Both get the same edits.
    """
    rng = random.Random(seed)
    if kind == "ui":
        messages = real_ui_messages(n + n // 100)
    else:
        messages = make_messages(rng, n + n // 100)
    old, obsolete = messages[:n], messages[n:]  # 1 % obsolete ("#~") entries
    taken = {m.key for m in messages}

    edits = _edit_or_remove(rng, old, taken)
    _add_new(rng, edits, taken, max(1, round(n * 0.02)))
    _bring_back(rng, edits, obsolete)

    out.mkdir(parents=True, exist_ok=True)
    _write(out / "old.pot", old, translate=False, creation="2024-01-01 00:00+0000")
    _write(out / "cat.po", old, True, "2024-01-01 00:00+0000", obsolete=obsolete)
    _write(out / "new.pot", edits.messages, translate=False, creation="2024-06-01 00:00+0000")
    truth: dict[str, object] = {
        "n": n,
        "seed": seed,
        "edited": edits.edited,
        "removed": edits.removed,
        "new": edits.added,
        "revived": edits.revived,
        # What a carried-over (non-fuzzy) edited entry must contain.
        "translations": {e["old"]: fake_translate(e["old"]) for e in edits.edited},
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), "utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="number of messages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench/.cache/5000"))
    args = parser.parse_args()
    truth = generate(args.n, args.seed, args.out)
    print(
        f"{args.out}: {args.n} messages, {len(truth['edited'])} edited, "
        f"{len(truth['removed'])} removed, {len(truth['new'])} new, "
        f"{len(truth['revived'])} obsolete ones back"
    )


if __name__ == "__main__":
    main()
