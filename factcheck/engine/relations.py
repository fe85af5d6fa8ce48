"""Relation classes: which words relate things in the same way, for every knowledge base.

The table lives in ``data/relations.tsv`` (see its header for the format). A knowledge base's own
lexicon is matched first and wins; the classes here read the words it leaves, so an imported
knowledge base with no lexicon still tells "treats" from "causes" and reads "leads to" as
"causes".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..records import NamedTuple
from . import language, wordnet
from .text import STOPWORDS, stem

DATA = Path(__file__).parent.parent / "data" / "relations.tsv"
GAP_MAX = 6  # words a "*" in a phrase may stand for
_CLAUSE_BREAKS = language.words("clause-break")  # a "*" gap never crosses one (data/english.tsv)
VERB = "[verb]"  # in a phrase: a word WordNet knows as a verb, which stays a word of its own
AMOUNT = "[amount]"  # in a phrase: a word for how much ("anything", "nothing"), kept as a word
OBJECT = "[object]"  # in a phrase: a word that opens an object ("your", "the", "you"), kept as a word
# Words skipped inside a phrase: "reduce the risk of" is "reduce your risk of".
SKIPPABLE = frozenset("the a an your my their his her its our one".split())
_DETERMINERS = language.words("determiner")


class Span(NamedTuple):
    start: int
    end: int  # the relation's own words are [start, end)
    cls: str
    drop: tuple[int, ...] = ()  # positions after a gap that belong to the phrase ("worse")
    inverse: bool = False  # the phrase names its patient first ("Y comes from X": X causes Y)


class Table(NamedTuple):
    kinds: dict[str, str]  # class -> "relation" | "symmetric relation"
    phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]]  # first stem -> [(stems, class, inverse)]
    entails: frozenset[tuple[str, str]]  # (narrower, broader), transitively closed
    converse: frozenset[tuple[str, str]]  # (narrower, broader) with the two sides swapped, closed too
    light: frozenset[str]  # stems of light words
    purpose: dict[str, frozenset[str]]  # class -> the words that open its purpose ("need X *for* Y")
    source: dict[str, str]  # a causative verb's stem -> the class it reads as before a substance


@lru_cache(maxsize=1)
def table() -> Table:
    kinds: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    pairs: set[tuple[str, str, bool]] = set()
    light: set[str] = set()
    purpose: dict[str, frozenset[str]] = {}
    source: dict[str, str] = {}
    for raw in DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith((">", "~")):
            a, b = line[1:].split()
            pairs.add((a, b, line[0] == "~"))
            continue
        cls, kind, words = line.split("\t")
        if kind == "light":
            light.update(stem(w.strip()) for w in words.split(";") if w.strip())
            continue
        if kind == "purpose":
            purpose[cls] = frozenset(w.strip() for w in words.split(";") if w.strip())
            continue
        if kind == "source":
            source.update((stem(w.strip()), cls) for w in words.split(";") if w.strip())
            continue
        kinds[cls] = kind
        for phrase in words.split(";"):
            phrase = phrase.strip().lower()
            inverse = phrase.startswith("<")
            # (a skippable word is kept when it ends the phrase: "give her" is not "give")
            words_ = phrase.lstrip("<").split()
            key = tuple(w if w in ("*", VERB, AMOUNT, OBJECT) else stem(w) for k, w in enumerate(words_)
                        if w not in SKIPPABLE or k == len(words_) - 1)
            if key:
                phrases.setdefault(key[0], []).append((key, cls, inverse))
    for v in phrases.values():
        v.sort(key=lambda p: (-len(p[0]), VERB in p[0]))  # longest, then the most specific
    closed = set(pairs)
    changed = True
    while changed:  # (two swaps of the sides make none)
        changed = False
        for a, b, x in list(closed):
            for c, d, y in list(closed):
                if b == c and a != d and (a, d, x != y) not in closed:
                    closed.add((a, d, x != y))
                    changed = True
    return Table(kinds, phrases, frozenset((a, b) for a, b, x in closed if not x),
                 frozenset((a, b) for a, b, x in closed if x), frozenset(light), purpose, source)


def kind(cls: str) -> str | None:
    return table().kinds.get(cls)


@lru_cache(maxsize=1)
def plain_phrases() -> dict[str, list[tuple[str, ...]]]:
    """Each class's phrases that are plain words (no gap, no slot) read the usual way round."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for entries in table().phrases.values():
        for key, cls, inverse in entries:
            if not inverse and not any(w in ("*", VERB, AMOUNT, OBJECT) for w in key):
                out.setdefault(cls, []).append(key)
    return out


@lru_cache(maxsize=1)
def _amounts() -> frozenset[str]:
    from . import language

    return language.words("amount")


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    from . import language

    return language.words("object-opener")


def names_patient_first(stems: list[str], cls: str) -> bool:
    """A phrase of relation ``cls`` that general knowledge marks as naming its patient first
    ("needed for": "calcium is needed for contraction" is "contraction needs calcium"), in
    whatever lexicon it was matched. The class must agree: "comes from" names the patient first
    as a cause ("twitching comes from stress"), not as a source ("B12 comes from meat")."""
    key = tuple(s for s in stems if s not in SKIPPABLE)
    # (a phrase that opens with one: "essential for maintaining" names its patient first as "essential for" does)
    return any(key[:len(k)] == k and inverse and c == cls
               for k, c, inverse in table().phrases.get(key[0], ())) if key else False


def purpose_words(cls: str) -> frozenset[str]:
    """The words after which relation ``cls`` names what its object is for ("you need calcium
    *for* your muscles to contract": the muscles' contraction needs calcium); empty for most."""
    return table().purpose.get(cls, frozenset())


def may_open(first_stem: str, classes: frozenset[str]) -> bool:
    """Whether some phrase of one of ``classes`` starts with this stem (a cheap test first)."""
    return any(cls in classes for _, cls, _ in table().phrases.get(first_stem, ()))


def as_source(word: str) -> str | None:
    """The class a causative verb ("give", "gave") reads as when what it gives is a substance
    ("eggs give you B12": eggs contain B12; "stress gives you twitches" stays a cause), or None."""
    src = table().source
    return src.get(stem(word)) or next((src[stem(b)] for b in wordnet.irregular(word) if stem(b) in src), None)


def light(word_stem: str) -> bool:
    """A word for the act or form of taking a thing ("drinking", "supplements")."""
    return word_stem in table().light


def entails(narrower: str, broader: str) -> bool:
    """Whatever stands in the first relation stands in the second ("cure" entails "treat")."""
    return (narrower, broader) in table().entails


def converse(narrower: str, broader: str) -> bool:
    """Whatever stands in the first relation stands in the second the other way round ("Y needs
    X": X benefits Y)."""
    return (narrower, broader) in table().converse


def match(stems: list[str], taken: set[int], tokens: list[str] | None = None) -> list[Span]:
    """Relation phrases among ``stems``, left to right, longest first, avoiding ``taken``.

    ``tokens`` (the words the stems came from) lets a phrase ask for a verb ("make * [verb]").
    """
    phrases = table().phrases
    out: list[Span] = []
    i, n = 0, len(stems)
    # An irregular form matches a phrase written in base form ("gave me cramps": "give you").
    bases = list(map(_bases, tokens)) if tokens is not None else None
    while i < n:
        found: Span | None = None
        if i not in taken:
            candidates = phrases.get(stems[i], ())
            if bases is not None and bases[i]:
                candidates = [p for f in (stems[i], *bases[i]) for p in phrases.get(f, ())]
            for key, cls, inverse in candidates:
                at = _at(stems, i, key, taken, tokens, bases)
                if at is not None:
                    found = Span(i, at[0], cls, at[1], inverse)
                    break
        if found is None:
            i += 1
            continue
        out.append(found)
        taken = taken | set(found.drop)
        i = found.end
    return out


@lru_cache(maxsize=50_000)
def _bases(token: str) -> frozenset[str]:
    """The stems of the base forms of an irregular form ("gave": the stem of "give"); empty for
    a regular one (most words)."""
    return frozenset(stem(b) for b in wordnet.irregular(token))


def _at(stems: list[str], i: int, key: tuple[str, ...], taken: set[int],
        tokens: list[str] | None, bases: list[frozenset[str]] | None = None) -> tuple[int, tuple[int, ...]] | None:
    """(end of the phrase's first part, positions after a gap) when ``key`` matches at ``i``."""
    j, n = i, len(stems)
    end = None
    drop: list[int] = []
    k = 0
    while k < len(key):
        part = key[k]
        if part == "*":
            end = j if end is None else end
            nxt = key[k + 1] if k + 1 < len(key) else None
            for g in range(j + 1, min(n, j + GAP_MAX + 1)):
                if (tokens[g - 1] if tokens is not None else stems[g - 1]) in _CLAUSE_BREAKS:
                    return None  # (a gap never crosses into another clause; it may cross a concept)
                if nxt == VERB:
                    # (not after a determiner: "made in *your skin*" names a thing, not what it does)
                    if tokens is not None and tokens[g] not in STOPWORDS and tokens[g - 1] not in _DETERMINERS \
                            and wordnet.verb(tokens[g]):
                        j = g  # the verb stays a word of the statement ("make your face twitch")
                        k += 2
                        break
                elif (stems[g] == nxt or (bases is not None and nxt in bases[g])) and g not in taken:
                    drop.append(g)
                    j = g + 1
                    k += 2
                    break
            else:
                return None
            continue
        if part == OBJECT:  # (asked before the skippable words, which it may be)
            if j >= n or j in taken or tokens is None or tokens[j] not in _openers():
                return None
            end = j if end is None else end  # (the object stays words of the statement)
            j += 1
            k += 1
            continue
        while k and j < n and stems[j] in SKIPPABLE and stems[j] != part and j not in taken:
            j += 1
        if part == VERB:  # (right after the phrase's words: "help you [relax]"; it stays a word)
            if j >= n or tokens is None or tokens[j] in STOPWORDS or not wordnet.verb(tokens[j]):
                return None
            end = j if end is None else end
            j += 1
            k += 1
            continue
        if part == AMOUNT:
            if j >= n or tokens is None or tokens[j] not in _amounts():
                return None
            end = j if end is None else end  # (the amount stays a word of its own)
            j += 1
            k += 1
            continue
        if j >= n or j in taken or (stems[j] != part and (bases is None or part not in bases[j])):
            return None
        if end is not None:
            drop.append(j)
        j += 1
        k += 1
    return (end if end is not None else j), tuple(drop)
