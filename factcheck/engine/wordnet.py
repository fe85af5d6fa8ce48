"""General English knowledge from WordNet 3.0: lemmas, synonyms, is-a links, antonyms.

The data (``data/wordnet.tsv``, built by ``scripts/build_wordnet.py``) is one sorted text file,
a line a lemma. It is memory-mapped on first use and searched by bisection, so start-up reads
nothing and a lookup costs a few microseconds. See ``data/WORDNET-LICENSE`` for WordNet's notice.

Every question here is about two words in their frequent senses:

- :func:`same` — synonyms (a shared sense) or derivationally related (compress / compression);
- :func:`narrower` — the first is a kind of the second (artery / blood vessel);
- :func:`opposite` — WordNet marks them antonyms (increase / decrease);
- :func:`category` — the broad class of thing a noun names (animal, person, body part).
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from pathlib import Path

from ..records import NamedTuple

DATA = Path(__file__).parent.parent / "data" / "wordnet.tsv"


class Entry(NamedTuple):
    senses: frozenset[str]
    ancestors: frozenset[str]
    derived: frozenset[str]
    antonyms: frozenset[str]
    more: frozenset[str]  # its rarer verb senses
    category: str = ""  # WordNet's class of its first noun sense ("animal", "person", "body")
    wholes: frozenset[str] = frozenset()  # what its noun senses are part of (eyelid: eye, face)
    pertains: frozenset[str] = frozenset()  # the nouns its adjective senses pertain to (facial: face)


# One empty set for every field WordNet leaves empty (most entries lack antonyms, rarer senses or
# derived forms): a kept entry then costs its contents, not five empty sets of its own.
_NONE: frozenset[str] = frozenset()
_EMPTY = Entry(_NONE, _NONE, _NONE, _NONE, _NONE)
_map: mmap.mmap | None = None
_unavailable = False


def _data() -> mmap.mmap | None:
    global _map, _unavailable
    if _map is None and not _unavailable:
        try:
            with open(DATA, "rb") as f:
                _map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            _unavailable = True  # (an installation without the data: the matcher works without it)
    return _map


# How many answers are kept: per word form (its entry, lemmas, union of readings) and per pair of
# forms. A scan meets new words for as long as it reads, so these bound its memory; a long text's
# words come back within a few thousand (Zipf), and a miss costs a few microseconds.
_WORDS = 8192
_PAIRS = 16_384

_SWITCH = 512  # lookups by bisection before the whole table is indexed (a long scan pays off)
_lookups = 0
_table: dict[bytes, bytes] | None = None


def _line(key: bytes) -> bytes | None:
    """The line whose first field is ``key``: by bisection over the sorted file for the first
    lookups (a single check needs a handful), from a dict of every line once there were many."""
    global _lookups, _table
    if _table is not None:
        return _table.get(key)
    m = _data()
    if m is None:
        return None
    _lookups += 1
    if _lookups > _SWITCH:
        _table = {line.split(b"\t", 1)[0]: line for line in m[:].split(b"\n") if line}
        return _table.get(key)
    lo, hi = 0, len(m)
    while lo < hi:
        mid = (lo + hi) // 2
        start = m.rfind(b"\n", 0, mid) + 1
        end = m.find(b"\n", start)
        if end < 0:
            end = len(m)
        tab = m.find(b"\t", start, end)
        field = m[start:tab if tab >= 0 else end]
        if field == key:
            return m[start:end]
        if field < key:
            lo = end + 1
        else:
            hi = start
    return None


@lru_cache(maxsize=_WORDS)
def entry(lemma: str) -> Entry:
    """What WordNet says of one lemma (empty when it does not know it)."""
    if not lemma.isascii():
        return _EMPTY
    line = _line(lemma.encode())
    if line is None:
        return _EMPTY
    parts = line.decode().split("\t")
    parts += [""] * (9 - len(parts))
    senses, ancestors, derived, antonyms, more, wholes, pertains = (
        frozenset(p.split()) if p else _NONE for p in (*parts[1:6], *parts[7:9]))
    return Entry(senses, ancestors, derived, antonyms, more, parts[6], wholes, pertains)


_RULES = (
    ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
    ("men", "man"), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
    ("ing", "e"), ("ing", ""), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)


@lru_cache(maxsize=_WORDS)
def lemmas(word: str) -> tuple[str, ...]:
    """The WordNet lemmas a (lower-case) word form may be: "worse" -> ("worse", "bad"); a
    phrasal verb (:func:`phrasal`) is its own lemma."""
    if "_" in word:
        return (word,) if entry(word).senses else ()
    if not word.isascii() or not word.isalpha():
        return ()
    out: list[str] = []
    if entry(word).senses:
        out.append(word)
    exc = _line(b"=" + word.encode())
    if exc is not None:
        out.extend(w for w in exc.decode().split("\t")[1].split() if w not in out)
    for suffix, repl in _RULES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            base = word[: -len(suffix)] + repl
            if base not in out and entry(base).senses:
                out.append(base)
    # doubled consonant before -ed/-ing ("stopped" -> "stop")
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            if base[-1] == base[-2] and base[:-1] not in out and entry(base[:-1]).senses:
                out.append(base[:-1])
    return tuple(out)


@lru_cache(maxsize=_PAIRS)
def phrasal(verb: str, particle: str) -> str | None:
    """The phrasal verb a verb form and a particle make, as WordNet names it ("threw", "up" ->
    "throw_up", whose senses are those of "vomit"), or None."""
    for lemma in (verb, *lemmas(verb)):
        name = f"{lemma}_{particle}"
        if entry(name).senses:
            return name
    return None


@lru_cache(maxsize=_WORDS)
def irregular(word: str) -> tuple[str, ...]:
    """The base forms WordNet's exception lists give an irregular form: "gave" -> ("give",),
    "brought" -> ("bring",); empty for a regular form."""
    if not word.isascii() or not word.isalpha():
        return ()
    exc = _line(b"=" + word.encode())
    return tuple(w for w in exc.decode().split("\t")[1].split() if w != word) if exc is not None else ()


class _Word(NamedTuple):
    """What WordNet says of a word form: the union over the lemmas it may be."""

    lemmas: frozenset[str]
    senses: frozenset[str]
    ancestors: frozenset[str]
    derived: frozenset[str]
    antonyms: frozenset[str]
    more: frozenset[str]  # rarer verb senses


@lru_cache(maxsize=_WORDS)
def _word(word: str) -> _Word:
    """Each question about two words asks whether some lemma of one relates to some lemma of
    the other; over the unions of their entries that is one set intersection, worked out once
    per word instead of once per pair of lemmas of every pair of words."""
    names = lemmas(word)
    entries = [entry(lemma) for lemma in names]
    return _Word(frozenset(names) if names else _NONE,
                 *(_union([getattr(e, f) for e in entries])
                   for f in ("senses", "ancestors", "derived", "antonyms", "more")))


def _union(sets: list[frozenset[str]]) -> frozenset[str]:
    """The union of the sets (the set itself when there is one; the shared empty set for none)."""
    if len(sets) == 1:
        return sets[0]
    return frozenset().union(*sets) or _NONE


@lru_cache(maxsize=_PAIRS)
def same(a: str, b: str) -> bool:
    """Two word forms that mean the same in a frequent sense, or are forms of one idea. For verbs,
    a frequent sense of one that is a rarer sense of the other counts ("earn" / "make")."""
    return a == b or _same(_word(a), _word(b))


@lru_cache(maxsize=_WORDS)
def category(word: str) -> str:
    """WordNet's class of the thing a (lower-case) noun form names in its most frequent sense
    ("horses": "animal", "newborn": "person", "lips": "body"), or ""."""
    return next((c for c in (entry(lemma).category for lemma in lemmas(word)) if c), "")


@lru_cache(maxsize=_WORDS)
def place(word: str) -> frozenset[str]:
    """The noun senses an adjective of place pertains to ("facial": the face), or empty."""
    return frozenset().union(*(entry(lemma).pertains for lemma in lemmas(word)))


@lru_cache(maxsize=_PAIRS)
def part_of(part: str, whole: frozenset[str], strict: bool | None = None) -> bool:
    """Some frequent noun sense of ``part`` is one of the senses ``whole``, or part of one (the
    eyelid, the cheek and the face itself are in the face). ``strict=True``: part of one only;
    ``strict=False``: one of them only."""
    entries = [entry(lemma) for lemma in lemmas(part)]
    return any((strict is not True and not whole.isdisjoint(e.senses))
               or (strict is not False and not whole.isdisjoint(e.wholes)) for e in entries)


@lru_cache(maxsize=_PAIRS)
def narrower(a: str, b: str) -> bool:
    """``a`` names a kind of what ``b`` names (in frequent noun senses): artery / vessel."""
    return not _word(a).ancestors.isdisjoint(_word(b).senses)


@lru_cache(maxsize=_PAIRS)
def opposite(a: str, b: str) -> bool:
    """WordNet marks the two as antonyms (in any of their frequent senses)."""
    wa, wb = _word(a), _word(b)
    return not (wb.lemmas.isdisjoint(wa.antonyms) and wa.lemmas.isdisjoint(wb.antonyms))


def link(a: str, b: str) -> str | None:
    """How ``a`` relates to ``b``: 'synonym' (:func:`same`), 'narrower' (``a`` is a kind of
    ``b``), 'broader' (``b`` is a kind of ``a``), or None; asked in that order. (Not kept per
    pair: the judge asks about many pairs once each, and per word it is a few intersections.)"""
    if a == b:
        return "synonym"
    wa, wb = _word(a), _word(b)
    if _same(wa, wb):
        return "synonym"
    if not wa.ancestors.isdisjoint(wb.senses):
        return "narrower"
    if not wb.ancestors.isdisjoint(wa.senses):
        return "broader"
    return None


@lru_cache(maxsize=_WORDS)
def reach(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(what the word is, what it reaches): its lemmas and senses, and those with its derived
    forms, rarer verb senses and is-a ancestors. Two words :func:`link` relates share something
    between one's first set and the other's second, so a pair that shares nothing is not asked."""
    w = _word(word)
    own = w.lemmas | w.senses
    return own, own | w.derived | w.more | w.ancestors


def opposable(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the lemmas a word form may be, their antonyms): :func:`opposite` holds of two words only
    when the lemmas of one meet the antonyms of the other."""
    w = _word(word)
    return w.lemmas, w.antonyms


def opposes(word: str) -> bool:
    """WordNet gives the word form an antonym (else it is the opposite of no word)."""
    return bool(_word(word).antonyms)


def _same(wa: _Word, wb: _Word) -> bool:
    return not (wa.lemmas.isdisjoint(wb.lemmas) and wa.senses.isdisjoint(wb.senses)
                and wb.lemmas.isdisjoint(wa.derived) and wa.lemmas.isdisjoint(wb.derived)
                and wa.senses.isdisjoint(wb.more) and wa.more.isdisjoint(wb.senses))


@lru_cache(maxsize=_WORDS)
def noun(word: str) -> bool:
    """The word form can name a thing: a frequent sense of one of its lemmas is a noun."""
    return any(s[0] == "n" for s in _word(word).senses)


@lru_cache(maxsize=_WORDS)
def verb(word: str) -> bool:
    """The word form can be a verb ("twitch", "spasms"): a sense of one of its lemmas is."""
    return any(s[0] == "v" for s in _word(word).senses)


def known(word: str) -> bool:
    """WordNet has the word (as a form of one of its lemmas)."""
    return bool(lemmas(word))
