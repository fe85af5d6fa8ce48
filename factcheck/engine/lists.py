"""Lists in a claim: "X can cause A, B and C" says "X can cause A" (natural logic).

A claim that relates a list of things distributes over it: "diuretics and proton pump inhibitors
can deplete magnesium" says that each can; "high doses of magnesium can cause diarrhoea, nausea
and stomach cramps" says that each can follow. A statement that names some of the members is
then more general than the claim (it says less), and a supported claim settles it
(``matching._cover_listed``); a member the claim does not name is still another claim.

A list is read from the phrasing's own text: the term just before "and"/"or" and the one just
after it are members, and so is each term that runs on before them across a comma ("diarrhoea,
nausea and stomach cramps"). Only the last word of a member counts as the member: in "stomach
cramps, nausea and rashes" the member is "cramps", and "stomach" only narrows it.

Not every "and" makes a list that distributes: a claim of two relations joins clauses ("magnesium
relaxes muscles and calcium contracts them"), and collective words ("the same", "between",
"together", "interact") relate the members to each other (``data/english.tsv``: ``collective``).
Such claims have no lists here.
"""

from __future__ import annotations

import re

from . import language, relations
from .analysis import Analysis, Term
from .text import stem, tokenise

_CONJUNCTIONS = frozenset(e for e in language.entries("list-joiner", "clauses.tsv") if " " not in e)
_ARTICLES = language.words("list-article")
_COLLECTIVE = frozenset(stem(w) for w in language.words("collective"))


_COMMA = re.compile(r",\s+")


def commas(text: str) -> frozenset[int]:
    """The token positions (as :func:`tokenise` counts them) that a comma comes just before."""
    out: set[int] = set()
    at = 0
    for piece in _COMMA.split(text)[:-1]:
        at += len(tokenise(piece))
        out.add(at)
    return frozenset(out)


def members(text: str, a: Analysis, lexicon) -> dict[str, frozenset[str]]:
    """term key -> the keys of the other members of its list, for each list member of ``a``,
    the analysis of ``text`` (a claim's phrasing, read with ``repair=False``)."""
    tokens = a.normalised.split()
    if "and" not in tokens and "or" not in tokens:
        return {}
    relations = [t for t in a.terms if t.relation]
    if len(relations) > 1 or any(lexicon.symmetric(t.key[1:]) for t in relations):
        return {}
    breaks = commas(text)
    if breaks and len(tokenise(text)) != len(tokens):
        return {}  # (the analysis dropped or added words: the commas' places are not known)
    if any(stem(tok) in _COLLECTIVE for tok in tokens):
        return {}
    starts: dict[int, list[Term]] = {}
    ends: dict[int, list[Term]] = {}
    for t in a.terms:
        if t.relation or t.tok < 0 or t.frame or _qualifier(t, lexicon):
            continue
        starts.setdefault(t.tok, []).append(t)
        ends.setdefault(t.tok + len(t.surface.split()), []).append(t)
    out: dict[str, set[str]] = {}
    for c, tok in enumerate(tokens):
        if tok not in _CONJUNCTIONS:
            continue
        group = _group(c, tokens, starts, ends, breaks)
        if group is None or not _one_side(group, relations):
            continue
        keys = {t.key for t in group}
        if len(keys) < 2:
            continue
        for k in keys:
            out.setdefault(k, set()).update(keys - {k})
    return {k: frozenset(v) for k, v in out.items()}


def _group(c: int, tokens: list[str], starts: dict[int, list[Term]], ends: dict[int, list[Term]],
           breaks: frozenset[int]) -> list[Term] | None:
    """The members around the conjunction at token ``c``, or None."""
    j = c + 1
    while j < len(tokens) and tokens[j] in _ARTICLES:
        j += 1
    right, left = starts.get(j), ends.get(c)
    if not right or not left:
        return None
    while all(t.kind == "word" for t in right) and starts.get(right[0].tok + 1):
        right = starts[right[0].tok + 1]  # ("and stomach cramps": the member is "cramps")
    group = [*left, *right]
    start = _phrase_start(min(t.tok for t in left), ends, breaks)
    while start in breaks:  # ", B and C": a member before the comma
        prev = ends.get(start)
        if not prev:
            break
        group.extend(prev)
        start = _phrase_start(min(t.tok for t in prev), ends, breaks)
    return group


def _phrase_start(start: int, ends: dict[int, list[Term]], breaks: frozenset[int]) -> int:
    """Where a member's phrase begins: back over the plain words right before it ("*itchy*
    rashes"), which narrow the member and are none themselves."""
    while start not in breaks and any(t.kind == "word" for t in ends.get(start, ())):
        start = min(t.tok for t in ends[start])
    return start


def _qualifier(t: Term, lexicon) -> bool:
    """A concept for how much there is ("deficiency" in "magnesium, calcium and B12 deficiency"):
    it qualifies every member, and is none."""
    return t.kind == "concept" and "qualifier" in (lexicon.kind(t.key[1:]), relations.kind(t.key[1:]))


def _one_side(group: list[Term], relations: list[Term]) -> bool:
    """All members stand on one side of the claim's relation (in the order written)."""
    return all(len({t.tok < r.tok for t in group}) == 1 for r in relations)
