"""What a claim's phrasing says in its own words, beyond its terms.

Two things are read from the text of a phrasing (its terms alone, as the index keeps them, have
lost the commas and the relative pronouns that show them):

- its lists, which distribute over their members (``lists.py``: "X can cause A, B and C");
- the relations that only qualify a noun, in a relative clause after the claim's own relation:
  "diet cannot relieve the nerve compression *that causes* hemifacial spasm" says what "diet
  cannot relieve the nerve compression *in* hemifacial spasm" says. Such a relation may be left
  out by a statement that names what it relates (``matching._cover_qualifying``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..records import NamedTuple
from . import language, lists, wordnet
from .analysis import Analysis
from .text import STOPWORDS, stem, tokenise

RELATIVE = language.words("relative-pronoun")


class Wording(NamedTuple):
    listed: dict[str, frozenset[str]]  # a member of a list -> the other members
    qualifying: dict[str, str]  # a relation key in a relative clause -> the key of what follows it
    placed: dict[str, int] = {}  # a word's stem -> the group of the placing preposition before it
    modal: int = 0  # FORBIDS | POSSIBLE (:func:`modal`)
    own: str = ""  # the claim's own text, which names the place in the body it speaks of (:func:`region_of`)


NONE = Wording({}, {})


@lru_cache(maxsize=1)
def _placing() -> tuple[dict[tuple[str, ...], int], frozenset[str]]:
    """english.tsv placing: each preposition (as its words) -> its group; and their first words."""
    groups: dict[tuple[str, ...], int] = {}
    for g, entry in enumerate(language.entries("placing")):
        for p in entry.split("/"):
            groups[tuple(p.split())] = g
    return groups, frozenset(k[0] for k in groups)


def may_place(text: str) -> bool:
    """Cheap: the text has a word that may open a placing preposition."""
    return not _placing()[1].isdisjoint(text.lower().split())


@lru_cache(maxsize=1)
def _opposite() -> frozenset[tuple[int, int]]:
    groups = _placing()[0]
    out: set[tuple[int, int]] = set()
    for a, b in language.pairs("placing-opposite"):
        ga, gb = groups[tuple(a.split())], groups[tuple(b.split())]
        out |= {(ga, gb), (gb, ga)}
    return frozenset(out)


def opposite_places(a: int, b: int) -> bool:
    """Two groups of placing prepositions that exclude each other (english.tsv placing-opposite)."""
    return (a, b) in _opposite()


def place_name(group: int) -> str:
    """The first preposition of a group ("before")."""
    return next(" ".join(k) for k, g in _placing()[0].items() if g == group)


def placed(tokens: Sequence[str]) -> dict[str, int]:
    """{stem of the word a placing preposition puts: its group} ("after exercise": exercise ->
    the group of "after"), the first content word after it; a word placed twice keeps the first."""
    groups, firsts = _placing()
    if firsts.isdisjoint(tokens):
        return {}
    out: dict[str, int] = {}
    for i, t in enumerate(tokens):
        if t not in firsts:
            continue
        for n in (2, 1):
            g = groups.get(tuple(tokens[i:i + n]))
            if g is None:
                continue
            word = next((w for w in tokens[i + n:i + n + 4] if w not in STOPWORDS), None)
            if word is not None:
                out.setdefault(stem(word), g)
            break
    return out


#: :func:`modal` flags: says what must not be done ("should not X"); says what can happen ("can").
FORBIDS, POSSIBLE = 1, 2
_DEONTIC = language.words("deontic")
_POSSIBILITY = language.words("possibility")
_NEGATORS = language.words("negator")


def modal(tokens: Sequence[str]) -> int:
    """The modals of a text, as flags: FORBIDS for a modal of obligation before a negator
    ("should not", "must never"), POSSIBLE for a modal of possibility ("can", "may")."""
    flags = POSSIBLE if not _POSSIBILITY.isdisjoint(tokens) else 0
    if any(w in _DEONTIC and tokens[k + 1] in _NEGATORS for k, w in enumerate(tokens[:-1])):
        flags |= FORBIDS
    return flags


EVERYWHERE = language.words("body-everywhere")  # (tissues found all through the body: no place)


@lru_cache(maxsize=1)
def body() -> frozenset[str]:
    """WordNet's senses of the whole whose parts are places in the body (english.tsv body-whole);
    read on first need, not at import."""
    return frozenset().union(*(wordnet.entry(w).senses for w in language.words("body-whole")))


def region(tokens: Sequence[str]) -> frozenset[str]:
    """The WordNet senses of the places in the body a text names: the nouns an adjective of place
    pertains to ("facial": the face) and the parts of the body it names ("eye"), not the tissues
    found all through it ("muscle"; english.tsv body-everywhere)."""
    return frozenset().union(*(wordnet.place(w) for w in tokens), *(
        wordnet.entry(w).senses for w in tokens if w not in EVERYWHERE and wordnet.part_of(w, body(), strict=True)))


@lru_cache(maxsize=4096)
def region_of(text: str) -> frozenset[str]:
    """:func:`region` of a claim's own text (asked only when a statement names a part of the body)."""
    return region(tokenise(text))


def read(text: str, a: Analysis, lexicon, modals: int = 0, own: str = "") -> Wording:
    """The lists and qualifying relations of a claim's phrasing ``text`` (analysed as ``a``),
    with the claim's ``modals`` (:func:`modal`) and ``own`` text."""
    listed = lists.members(text, a, lexicon) if (" and " in text or " or " in text) else {}
    return Wording(listed, _qualifying(a), placed(a.normalised.split()), modals, own)


def _qualifying(a: Analysis) -> dict[str, str]:
    tokens = a.normalised.split()
    if RELATIVE.isdisjoint(tokens):
        return {}
    ordered = sorted(a.terms, key=lambda t: t.pos)
    relations = [t for t in ordered if t.relation]
    out: dict[str, str] = {}
    for t in relations[1:]:  # (never the claim's own, first, relation)
        if 0 < t.tok <= len(tokens) and tokens[t.tok - 1] in RELATIVE:
            after = next((u for u in ordered if u.pos > t.pos and not u.relation), None)
            if after is not None:
                out[t.key] = after.key
    return out
