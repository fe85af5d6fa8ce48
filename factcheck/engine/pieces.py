"""Cut a post or a run-on statement into the pieces that can each carry a claim.

Social-media text strings claims together without full stops, or without capitals after them:
an emoji, a "!!!" or a full stop before a lower-case word ("... cause twitches. so can low
magnesium") ends a thought,
"PSA:" or "hot take:" labels one, a comma splices two ("botox is the standard treatment, don't
waste money on vitamins"; the second starts with a new subject or an imperative, never with a
list's next item; a short last one is an aside: "..., change my mind"), and hashtags trail
after. The clause reader (``clauses.py``) then reads
each piece. Words that decide where to cut are data (``data/english.tsv``: ``no-splice``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..lazyre import lazy
from . import language

LABEL_WORDS = 3  # a head of at most this many words before ':' is a label ("PSA:", "hot take:")
_DENYING_LABELS = frozenset(language.entries("deny-label", "clauses.tsv"))
JUDGEMENT_WORDS = 5  # a last part of at most this many words that denies may judge the one before
SPLICE_WORDS = 4  # each side of a comma splice has at least this many words
ASIDE_WORDS = 2  # ... except a last one, an aside ("..., change my mind", "..., trust me")

# (a full stop before a capital is the sentence splitter's; one before a lower-case word ends a
# thought here unless it closes an abbreviation, "e.g. the", or an initial, "vitamin D. levels";
# a contraction may end it: "please don't. there's ...")
_END = lazy(globals(), "_END", r"(?:[!?]+(?=\s+\S)|[!?]{2,}|\s+[|]\s+"
                                r"|(?:(?<=[^\W\d_]{2})|(?<=['\u2019][^\W\d_]))\.(?=\s+[^\W\d_A-Z]))")
_TRAILING_TAGS = lazy(globals(), "_TRAILING_TAGS", r"(?:\s*#\w+)+\s*$")
_MAYBE_CUT = re.compile(r"[!?|:#,@]|\.\s|^\s*\(?\d{1,2}[/)]")
# A post's head: handles, a middle dot and an age ("· 3h"), a dash, the handles it answers.
_POST_HEAD = lazy(globals(), "_POST_HEAD", r"\s*(?:@\w+\s*)+"  # who wrote it
                                           r"(?:[\u00b7\u2022|-]\s*\d+\s*[smhdw]\w*\s*)?"  # "· 3h"
                                           r"[\u2014\u2013:-]?\s*(?:@\w+[\s,]*)*")  # "— @sam": to whom
_LABEL = lazy(globals(), "_LABEL", r"^\s*([^:.!?,]{1,40}):\s+(?=\S)")
# A thread's counter before a post's text: "5/", "2/7", "(3/5)", "1)".
_COUNTER = lazy(globals(), "_COUNTER", r"\s*\(?\d{1,2}(?:/\d{0,2}|\))\)?\s+(?=\S)")


def _symbol(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk") or 0x1F000 <= ord(ch) <= 0x1FAFF


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the pieces of ``text``, in order; one span when it is one
    thought. Trailing hashtags, a label before ':' and separators are left out."""
    if text.isascii() and not _MAYBE_CUT.search(text):
        return [(0, len(text))]  # (most sentences: nothing here could cut them)
    spans: list[tuple[int, int]] = []
    start = 0
    if not text.isascii():
        for i, ch in enumerate(text):
            if ord(ch) > 0x2000 and _symbol(ch):
                spans.append((start, i))
                start = i + 1
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        pos = a
        for m in _END.finditer(text, a, b):
            if text[m.start()] == "." and _abbreviation(text, m.start()):
                continue
            out.append((pos, m.end() if text[m.start()] in "?" else m.start()))
            pos = m.end()
        out.append((pos, b))
    result: list[tuple[int, int]] = []
    for a, b in out:
        for a2, b2 in _splices(text, a, b):
            a2, b2 = _trim(text, a2, b2)
            if len(text[a2:b2].split()) >= 2:
                result.append((a2, b2))
    return result or [(0, len(text))]


def _abbreviation(text: str, dot: int) -> bool:
    """The word before the full stop at ``dot`` is an abbreviation ("approx. three")."""
    from ..sentences import abbreviation  # (here: most statements never ask, and need not import it)

    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return abbreviation(text[start:dot].strip("."))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    m = _POST_HEAD.match(text, a, b)
    if m and m.end() < b:
        a = m.end()  # "@nadia · 3h — @sam ...": who wrote it, when, and to whom
    piece = text[a:b]
    m = _TRAILING_TAGS.search(piece)
    if m and m.start() > 0:
        b = a + m.start()
        piece = text[a:b]
    m = _COUNTER.match(text, a, b)
    if m and m.end() < b:
        a = m.end()  # ("5/ No vitamin cures HFS": the fifth post of a thread)
        piece = text[a:b]
    m = _LABEL.match(piece)
    label = m.group(1).strip().lower() if m else ""
    if m and len(label.split()) <= LABEL_WORDS and len(piece[m.end():].split()) >= 3 \
            and label not in _DENYING_LABELS and _DENYING_LABELS.isdisjoint(label.split()):
        a += m.end()  # ("Myth: X", "So-called cure: X" deny X: the clause reader's)
    while a < b and not (text[a].isalnum() or text[a] in "#@'\""):
        a += 1
    while b > a and text[b - 1] in " ,;:-\u2014\u2013":
        b -= 1
    return a, b


def _bare(word: str) -> str:
    """A word without the quotes and brackets around it, lower case ('"If' -> 'if')."""
    return word.lower().strip("'\"\u201c\u201d\u2018\u2019()[]*_").replace("\u2019", "'")


def _splices(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a comma splice: two clauses joined by a comma alone, each of SPLICE_WORDS words or
    more, the second not opening with a word that ties it to the first ("which", "because")."""
    keep = language.words("no-splice")
    starts = language.words("splice-start")
    out = []
    pos = a
    opened = ""  # the first word after the comma before this one
    for m in re.finditer(r",\s+", text[a:b]):
        cut = a + m.start()
        after = text[a + m.end():b].split()
        before = text[pos:cut].split()
        first = _bare(after[0]) if after else ""
        last = "," not in text[a + m.end():b]
        if (len(before) >= SPLICE_WORDS and len(after) >= (ASIDE_WORDS if last else SPLICE_WORDS)
                and _bare(before[0]) not in keep  # ("If X, Y": the comma closes a subordinate clause)
                and opened not in keep  # ("My wife, who is a nurse, just said X": it closes one)
                and first in starts  # a new subject or an imperative, never a list's next item
                and not (last and _judgement(after))):  # ("X, it doesn't": the clause reader's to judge)
            out.append((pos, cut))
            pos = a + m.end()
        opened = first
    out.append((pos, b))
    return out


def _judgement(words: list[str]) -> bool:
    """A short last part that may only deny the part before ("it doesn't", "that's a myth"): its
    subject "it" or "that" and a denying reply or label among a few words (``clauses.tsv``
    evaluation-subject, deny-reply, deny-label)."""
    if len(words) > JUDGEMENT_WORDS or _bare(words[0]) not in _subjects():
        return False
    low = " " + " ".join(_bare(w).rstrip(".!") for w in words) + " "
    return any(f" {p} " in low for p in _denials())


@cache
def _denials() -> frozenset[str]:
    return frozenset(language.entries("deny-reply", "clauses.tsv")) | _DENYING_LABELS


@cache
def _subjects() -> frozenset[str]:
    return frozenset(language.entries("evaluation-subject", "clauses.tsv"))
