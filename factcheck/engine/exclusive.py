"""Exclusive statements, refuted by another claim: "only X causes Y", "every Y is caused by X".

Natural logic: "only X causes Y" says that nothing other than X causes Y, and "every case of Y is
caused by X" (or "Y is always caused by X") says the same of every case of Y. A supported claim
"Z causes Y", with Z neither X nor a kind of X nor a kind that X belongs to, refutes both. The
claim "X causes Y" itself cannot: it is true whether or not X is the only cause (the judge
accepts the match only as a weaker claim, see ``matching._sides_taken``).

What the exclusive word rules out is its *focus*: the side of the relation it stands before
("*only* magnesium cures ...": the agent; "magnesium cures *only* ...": the patient; "the
*only* cause of Y": the agent). "Every" and "always" rule out other agents only when they
quantify the patient ("*every* case of Y is caused by X", "Y is *always* caused by X"); "X
always causes Y" speaks of every X, and another cause of Y does not contradict it.

The other side must match: the claim's patient is the statement's or a kind of it (a cause of
eyelid twitching is a cause of facial twitching), and the relation is the statement's or
narrower ("Z cures Y" is a treatment of Y other than X). The word lists are data
(``data/english.tsv``: ``exclusive``, ``universal``, ``case-noun``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..records import NamedTuple
from . import language, relations, wordnet
from .analysis import Analysis, Term
from .text import STOPWORDS, stem

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .matching import Judgement

_EXCLUSIVE = frozenset(stem(w) for w in language.words("exclusive"))
_UNIVERSAL = frozenset(stem(w) for w in language.words("universal"))
_CASE_NOUNS = frozenset(stem(w) for w in language.words("case-noun"))
_UNIVERSAL_ADVERBS = frozenset(stem(w) for w in language.words("universal-adverb"))
_ADJUNCT_OPENERS = language.words("adjunct-opener")
# (an exclusive word right before one of these rules out no other agent or patient)
_NOT_RULING_OUT = _ADJUNCT_OPENERS | language.words("exclusive-hedge")


class Focus(NamedTuple):
    word: str  # the exclusive word as written ("only", "every")
    side: str  # "agent" | "patient": the side it rules others out of
    relation: Term
    agent: tuple[Term, ...]
    patient: tuple[Term, ...]
    denied: bool = False  # "not every Y is caused by X", "not only X causes Y": others do too


def _sides(terms: Sequence[Term]) -> tuple[Term, tuple[Term, ...], tuple[Term, ...]] | None:
    """The relation term and the content terms before and after it (in active-voice order)."""
    rel = next((t for t in sorted(terms, key=lambda t: t.pos) if t.relation), None)
    if rel is None:
        return None
    content = [t for t in terms if not t.frame and t is not rel and _content(t)]
    return (rel, tuple(t for t in content if t.pos < rel.pos), tuple(t for t in content if t.pos > rel.pos))


def _content(t: Term) -> bool:
    return t.kind != "word" or (t.key not in _EXCLUSIVE and t.key not in _UNIVERSAL
                                and not relations.light(t.key) and t.surface not in STOPWORDS)


def focus(query: Analysis) -> Focus | None:
    """What the statement's exclusive word rules out, or None (no such word, or it rules out
    nothing another claim could show: "X always causes Y")."""
    if query.question:
        return None
    words = [t for t in query.terms if t.kind == "word" and (t.key in _EXCLUSIVE or t.key in _UNIVERSAL)]
    sides = _sides(query.terms)
    if len(words) != 1 or sides is None:
        return None
    word, (rel, agent, patient) = words[0], sides
    if not agent or not patient or word.tok < 0:
        return None
    tokens = query.normalised.split()
    # (denied, the word must follow the one denial: "*not* every Y", "*not* only X")
    denied = query.negated and len(query.cues) == 1 and word.tok > 0 and tokens[word.tok - 1] == "not"
    if query.negated and not denied:
        return None
    after = sorted((t for t in (rel, *agent, *patient) if t.tok > word.tok), key=lambda t: t.tok)
    if not after:
        return None
    nxt = after[0]
    if word.tok + 1 < len(tokens) and tokens[word.tok + 1] in _NOT_RULING_OUT:
        return None  # ("only in children": where or when, not who or what; "only one of": a hedge)
    if not denied and word.tok > 0 and tokens[word.tok - 1] == "not":
        return None  # ("X causes not only A but also B": A and more, not A alone, not A denied)
    if word.key in _EXCLUSIVE:
        # "the only cause of Y" rules out other agents; "X only causes Y", other patients.
        before = tokens[word.tok - 1] if word.tok > 0 else ""
        side = "patient" if nxt in patient or (nxt is rel and before != "the") else "agent"
    elif word.key in _UNIVERSAL_ADVERBS:
        # "Y is always caused by X": the patient was written before the relation.
        side = "agent" if min(t.tok for t in patient) < rel.tok else ""
    else:
        side = "agent" if nxt in patient else ""
    if not side or any(wordnet.category(t.surface.lower().split()[-1]) == "time"
                       for t in (patient if side == "patient" else agent)):
        return None  # ("only works for a few months": how long, not what else)
    return Focus(word.surface, side, rel, agent, patient, denied)


def alternative(f: Focus, judged: Sequence[Judgement], supported, lexicon: Lexicon) -> Judgement | None:
    """The first judged claim that names another member of the focus, with the same relation
    (or a narrower one) and the same other side: it refutes the statement. ``supported(j)``
    says whether a judgement's claim, as phrased, is supported."""
    for j in judged:
        a = j.doc.analysis
        if a.negated or a.question or not supported(j):
            continue
        sides = _sides(a.terms)
        if sides is None:
            continue
        rel, agent, patient = sides
        if not _relation_within(rel, f.relation):
            continue
        mine, theirs = (f.agent, f.patient) if f.side == "agent" else (f.patient, f.agent)
        other, kept = (agent, patient) if f.side == "agent" else (patient, agent)
        if _same_or_narrower(kept, theirs, lexicon) and _another(other, mine, lexicon):
            return j
    return None


def _relation_within(rel: Term, wanted: Term) -> bool:
    a, b = rel.key.lstrip("@"), wanted.key.lstrip("@")
    return a == b or relations.entails(a, b)


def _related(a: Term, b: Term, lexicon: Lexicon) -> bool:
    """The same thing, or one a kind of the other."""
    if a.key == b.key:
        return True
    if a.kind == "concept" and b.kind == "concept":
        x, y = a.key[1:], b.key[1:]
        # (or the one's terms name the other: "one side of the face" is in the face)
        return y in lexicon.ancestors(x) or x in lexicon.ancestors(y) or lexicon.mentions(x, y) \
            or lexicon.mentions(y, x)
    if a.kind == "word" and b.kind == "word":
        return wordnet.link(a.surface, b.surface) is not None
    return False


def _narrower_or_same(a: Term, b: Term, lexicon: Lexicon) -> bool:
    if a.key == b.key:
        return True
    if a.kind == "concept" and b.kind == "concept":
        return b.key[1:] in lexicon.ancestors(a.key[1:])
    if a.kind == "word" and b.kind == "word":
        return wordnet.link(a.surface, b.surface) in ("synonym", "narrower")
    return False


def _same_or_narrower(claim_side: tuple[Term, ...], statement_side: tuple[Term, ...], lexicon: Lexicon) -> bool:
    """Everything the statement names on this side ("every *case* of" aside) is named by the
    claim, the same or narrower, and the claim names nothing of its own there but kinds of it."""
    wanted = [t for t in statement_side if not (t.kind == "word" and t.key in _CASE_NOUNS)]
    if not wanted or not any(t.kind == "concept" for t in claim_side + tuple(wanted)):
        # (two plain-word sides: the patient must be the same words, nothing looser)
        return bool(wanted) and {t.key for t in wanted} == {t.key for t in claim_side}
    if not all(any(_narrower_or_same(c, s, lexicon) for c in claim_side) for s in wanted):
        return False
    return all(any(_narrower_or_same(c, s, lexicon) for s in wanted) or c.kind == "word" for c in claim_side)


def _another(claim_side: tuple[Term, ...], statement_side: tuple[Term, ...], lexicon: Lexicon) -> bool:
    """The claim names something here that is not the statement's and not of its kind, and the
    statement names something the claim does not ("calcium deficiency" against "magnesium
    deficiency"; "nutrient deficiency" is no other cause than magnesium deficiency)."""
    theirs = [c for c in claim_side if not any(_related(c, s, lexicon) for s in statement_side)]
    mine = [s for s in statement_side if not any(_related(s, c, lexicon) for c in claim_side)]
    strong = [c for c in theirs if c.kind != "word" or wordnet.noun(c.surface)]
    return bool(strong) and bool(mine)
