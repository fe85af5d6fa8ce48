"""Ellipsis: a short sentence that says the claim before it holds of another thing too.

"A lack of B12 can cause twitching. So can low magnesium." says that low magnesium can cause
twitching. :func:`elided` reads such a sentence ("so can X", "neither does X", "the same goes for
X", "X too") as the sentence before with its subject replaced by X, and only when that is the one
reading: the sentence before is one plain claim (no frame, list, question or second clause) whose
subject names one thing, and X names things of a claim's kinds (``engine.reference``). With "the
same goes for X" and "X too" the new thing could stand for the object as well: these are read only
when the rest of the claim names nothing of X's kind. "so" wants the claim before asserted,
"neither" and "nor" want it denied. The words are ``data/ellipsis.tsv``. Pure: no claims, no scoring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..records import NamedTuple
from . import clauses, language
from .clauses import Tok, tokens
from .pieces import pieces
from .reference import AFFLICTION, AGENT, NOTHING, Reading, Referents

DATA = "ellipsis.tsv"
MAX_WORDS = 8  # words in the new subject ("low magnesium and low calcium")
MAX_SENTENCE = 12  # words in an elliptical sentence
NOTE = "the sentence before, said of another thing"
ASSERTED, DENIED, EITHER = "asserted", "denied", "either"


class _Words(NamedTuple):
    so: tuple[tuple[str, ...], ...]
    neither: tuple[tuple[str, ...], ...]
    same: tuple[tuple[str, ...], ...]
    too: tuple[tuple[str, ...], ...]
    opener: frozenset[str]
    auxiliary: dict[str, frozenset[str]]  # an auxiliary -> those that stand for it
    cue: re.Pattern[str]  # how such a sentence starts (matched at its start)
    negated: dict[str, str]  # "can't" -> "can"


@cache
def words() -> _Words:
    """The word lists of ``data/ellipsis.tsv``, read once."""
    def phrases(cls: str) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted((tuple(e.split()) for e in language.entries(cls, DATA)), key=len, reverse=True))

    groups = [frozenset(e.split("|")) for e in language.entries("auxiliary", DATA)]
    so, neither, same, too = (phrases(c) for c in ("so-head", "neither-head", "same-head", "too-tail"))
    opener = frozenset(language.entries("opener", DATA))
    def alternatives(ps: Sequence[tuple[str, ...]]) -> str:
        return "|".join(r"\s+".join(map(re.escape, p)) for p in ps)

    auxiliaries = [(a,) for e in language.entries("auxiliary", DATA) for a in e.split("|")]
    heads = rf"(?:{alternatives(so + neither)})\s+(?:{alternatives(auxiliaries)})\b|(?:{alternatives(same)})\b"
    cue = re.compile(rf"\W*(?:(?:{alternatives([(o,) for o in sorted(opener)])})\W+)*(?:{heads})", re.IGNORECASE)
    pairs = (e.partition(":") for e in language.entries("negated-auxiliary", DATA))
    negated = {k.strip(): v.strip() for k, _, v in pairs}
    return _Words(so, neither, same, too, opener, {a: g for g in groups for a in g}, cue, negated)


class _Shape(NamedTuple):
    """An elliptical sentence: its new subject (the words), the auxiliary it repeats (or ""), the
    polarity it wants of the claim before, and whether the new thing can only be the subject."""

    subject: list[Tok]
    auxiliary: str
    polarity: str
    subject_only: bool


def _starts(lows: list[str], phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the first of ``phrases`` that ``lows`` start with (0: none)."""
    return next((len(p) for p in phrases if tuple(lows[:len(p)]) == p), 0)


def may_be_elided(sentence: str) -> bool:
    """Whether a sentence could be elliptical (cheap: its length, first and last words)."""
    if len(sentence) > MAX_SENTENCE * 12:
        return False
    end = len(sentence)
    while end and not sentence[end - 1].isalnum():
        end -= 1
    if end == 0 or sentence[end:].rstrip().endswith("?"):
        return False
    for tail in (" ".join(t) for t in words().too):
        k = end - len(tail)
        if k > 0 and sentence[k:end].lower() == tail and not sentence[k - 1].isalnum():
            return True
    return words().cue.match(sentence) is not None


def shape(sentence: str) -> _Shape | None:
    """The elliptical shape of a sentence, or None."""
    if not may_be_elided(sentence):
        return None
    toks = [t for t in tokens(sentence) if t.word]
    if not 2 <= len(toks) <= MAX_SENTENCE:
        return None
    w = words()
    while len(toks) > 2 and toks[0].low in w.opener and not _starts([t.low for t in toks], w.so + w.neither):
        toks = toks[1:]
    lows = [t.low for t in toks]
    for heads, polarity in ((w.so, ASSERTED), (w.neither, DENIED)):
        n = _starts(lows, heads)
        if n and n < len(toks) and lows[n] in w.auxiliary:
            return _Shape(toks[n + 1:], lows[n], polarity, True)
    n = _starts(lows, w.same)
    if n:
        return _Shape(toks[n:], "", EITHER, False)
    for tail in w.too:
        if len(tail) < len(toks) and tuple(lows[-len(tail):]) == tail:
            return _Shape(toks[:-len(tail)], "", EITHER, False)
    return None


def elided(sentence: str, before: str, referents: Referents) -> Reading | None:
    """``sentence`` read as the claim of ``before`` (the sentence just before it) said of the
    thing it names, or None when it is no such sentence or more than one reading is possible."""
    sh = shape(sentence)
    if sh is None or not sh.subject or len(sh.subject) > MAX_WORDS \
            or any(clauses._verb_like(t, sh.subject[j - 1] if j else None) for j, t in enumerate(sh.subject)):
        return None
    claim = _claim(before)
    if claim is None:
        return None
    subject, predicate, negated, first = claim
    if sh.polarity == ASSERTED and negated or sh.polarity == DENIED and not negated:
        return None
    if sh.auxiliary and not _agrees(sh.auxiliary, first):
        return None
    np = sentence[sh.subject[0].start:sh.subject[-1].end]
    new = referents.mentions(np)
    old = [m for m in referents.mentions(subject) if m.role != NOTHING]  # (a qualifier goes with it)
    roles = {m.role for m in new}
    if not new or not roles <= {AGENT, AFFLICTION} or len(old) != 1 or old[0].role not in (AGENT, AFFLICTION):
        return None
    if not sh.subject_only and (roles != {old[0].role} or any(m.role in roles for m in referents.mentions(predicate))):
        return None  # ("Magnesium eases cramps. Twitching too.": the new thing may be the object)
    toks = [t for t in tokens(sentence) if t.word]
    a, b = toks[0].start, toks[-1].end
    meaning = f"{np} {predicate}"
    return Reading(sentence[:a] + meaning + sentence[b:], a, b, sentence[a:b], meaning, meaning, NOTE)


def _claim(before: str) -> tuple[str, str, bool, str] | None:
    """(subject, predicate, negated, first word of the predicate) of a sentence that is one
    plain assertion whose subject is a noun phrase before its first verb, or None."""
    spans = pieces(before)  # (without a post's handle, label or hashtags)
    if len(spans) != 1:
        return None
    read = clauses.read(before[spans[0][0]:spans[0][1]])
    if not clauses.plain(read) or read[0].mood != clauses.ASSERT or any(c in read[0].text for c in ",;:()-"):
        return None  # (a clause the reader left whole may still hold a second: "X, but my doctor disagrees")
    text = read[0].text
    toks = tokens(text)
    v = next((j for j, t in enumerate(toks) if clauses._verb_like(t, toks[j - 1] if j else None)), None)
    if not v or not all(t.word for t in toks[:v]) or any(
            t.low in clauses.lang().pronouns or clauses._in("list-joiner", t.low) for t in toks[:v]):
        return None
    rest = toks[v:]
    negated = any(clauses._negator(t.low) for t in rest)
    return text[:toks[v].start].strip(), text[toks[v].start:].strip(), negated, toks[v].low


def _agrees(auxiliary: str, first: str) -> bool:
    """Whether the auxiliary repeats the predicate's first word ("so can X" after "can cause"; "so
    does X" after a verb that is no auxiliary: "causes")."""
    group = words().auxiliary[auxiliary]
    base = words().negated.get(first) or (first[:-3] if first.endswith("n't") else first)
    if base in group:
        return True
    return "do" in group and first == base and base not in words().auxiliary
