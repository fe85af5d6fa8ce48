"""Retrieval: BM25 over claims, so candidates are found fast whatever the knowledge base's size.

Each claim is one document made of all its phrasings (text and aliases). Term weights are
rarities (IDF) over claims; concepts get a boost, because a curated concept is never noise.

Noisy statements (social-media posts) bring words the claims spell differently. Two general
mechanisms meet them half way, in retrieval only (the judged match in ``matching.py`` stays
strict):

- a word no claim uses is read as the run-together words it may be made of ("cornflakes",
  "#capetownstorm", "@SpeakerPelosi" typed in lower case), when every part is a word the claims
  do use: the split with the most common parts wins;
- a one- or two-digit number counts for less than a rarer key: in posts such numbers are mostly
  days of the month, counts and list markers, and they collide with the claims' own; so does
  a one-letter word (an initial, the "s" of "U.S.", the "k" of "$78k"), which names nothing;
- a verb read as a relation class ("reverse" as cure) is also looked up as itself, at half
  weight: the class's key is shared by every claim that uses any of its verbs, and a claim that
  uses the post's very verb is nearer.

Speed does not grow with the knowledge base the way postings do: keys are read rarest first, and
a key found in more than 1% of the claims is only looked up for the best candidates so far (see
``search``). Measured on the CLEF 2020 claim-retrieval data (10,375 claims; train/dev posts):
MAP@5 0.881/0.831, against 0.873/0.825 for the plain claim-level BM25 this started from.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import compress, islice
from operator import le
from typing import Any, Protocol, TypeVar

from ..records import NamedTuple
from .analysis import Analysis, Term
from .lexicon import Lexicon
from .text import STOPWORDS, stem


class Doc(NamedTuple):
    """One phrasing of one claim, analysed."""

    claim: int  # index into the knowledge base's claims
    phrasing: int  # 0 for the claim's text, 1.. for its aliases
    analysis: Analysis


class Judged(Protocol):
    """What ordering needs of a judged candidate (matching.Judgement; the index does not judge)."""

    @property
    def score(self) -> float: ...
    @property
    def accepted(self) -> bool: ...


J = TypeVar("J", bound=Judged)

CONCEPT_BOOST = 1.0  # added to a concept's rarity weight
K1, B = 1.2, 0.75
RANK_BLEND = 0.5  # weight of the judged score (vs retrieval) in the order of candidates
BROADER_RECALL = 0.3  # weight of a statement concept's broader concepts in retrieval
SMALL_NUMBER = 0.5  # retrieval weight of a one- or two-digit number, relative to its rarity
SMALL_WORD = 0.5  # retrieval weight of a one-letter word (an initial, the "s" of "U.S.", "k" of "$78k")
RELATION_WORD = 0.5  # retrieval weight of the very verb a relation concept was read from
PART_MIN = 3  # letters in each part of a run-together word
PART_MAX = 3  # parts a run-together word is split into, at most
PART_DF = 2  # claims that must use a part for it to count as a word
PART_LONGEST = 30  # letters in a part, at most: a longer run is no word, and searching it is O(n^2)
PART_WEIGHT = 1.0  # retrieval weight of a part, relative to its rarity
_MEMO_MAX = 100_000  # entries in each of the per-index memos (rarities, word splits)
COMMON = 0.01  # a key in more than this share of the claims is common...
COMMON_MIN = 200  # ...and in more than this many
POOL = 200  # claims a common key is looked up for, once that many are in play


class IndexData(NamedTuple):
    """What the builder makes and the cache saves: analysed phrasings and postings as flat arrays.

    Claims, phrasings ("docs") and postings are laid out CSR-style: ``claim_first_doc[c]`` to
    ``claim_first_doc[c + 1]`` are claim ``c``'s docs; ``doc_start[d]`` to ``doc_start[d + 1]``
    index doc ``d``'s terms in ``doc_term``/``doc_surf``; ``post_start[t]`` to
    ``post_start[t + 1]`` index term ``t``'s postings in ``post_claim`` (ascending) and
    ``post_weight`` (BM25 term-frequency weights). Arrays are ``array.array`` when built and
    read-only ``memoryview`` casts of a mapped file when loaded: both only need indexing,
    slicing, ``len`` and iteration.
    """

    n_claims: int
    terms: Sequence[str]  # term id -> key
    surfaces: Sequence[str]  # surface id -> the words a term came from
    arrays: dict[str, Any]  # name -> array (ARRAYS below)


#: The arrays of an IndexData, with their typecodes (the cache stores them in this order).
ARRAYS = (
    ("claim_first_doc", "q"), ("doc_claim", "i"), ("doc_phrasing", "i"), ("doc_flags", "b"),
    ("doc_start", "q"), ("doc_term", "i"), ("doc_surf", "i"),
    ("post_start", "q"), ("post_claim", "i"), ("post_weight", "d"),
)
_NEGATED, _MAJORITY, _RARITY, _FREQUENT, _COMPARED = 1, 2, 4, 8, 16  # doc_flags bits


class IndexBuilder:
    """The one way an index is made: every phrasing of every claim, added in order.

    ``FactChecker`` feeds it the docs it analysed; the cache feeds it one claim at a time while
    streaming a large knowledge base, and saves what :meth:`finish` returns. Memory holds only
    compact arrays: a claim's term counts are kept as (term id, count) runs until the postings
    are laid out by a counting sort at the end.
    """

    def __init__(self, first: int = 0) -> None:
        self.first = first  # the first claim this builder is given (a part of a parallel build)
        self.terms: dict[str, int] = {}
        self.surfaces: dict[str, int] = {}
        self.a: dict[str, array] = {name: array(code) for name, code in ARRAYS}
        self.a["doc_start"].append(0)
        self._tf_start, self._tf_term, self._tf_count = array("q", [0]), array("i"), array("i")
        self._lengths = array("i")
        self._claim = first - 1
        self._open = False  # a claim is being added (its term counts are not laid out yet)
        self._counts: dict[int, int] = {}
        self._words: dict[int, int] = {}  # a claim's relation words (RELATION_WORD), apart from its length

    def add(self, claim: int, phrasing: int, analysis: Analysis) -> None:
        """One phrasing (0 the claim's text, 1.. its aliases); claims in order, from ``first``."""
        a = self.a
        if claim != self._claim:
            if claim != self._claim + 1:
                raise ValueError(f"claims must be added in order: {claim} after {self._claim}")
            self._end_claim()
            self._claim, self._open = claim, True
            a["claim_first_doc"].append(len(a["doc_claim"]))
        a["doc_claim"].append(claim)
        a["doc_phrasing"].append(phrasing)
        a["doc_flags"].append((_NEGATED if analysis.negated else 0) | (_MAJORITY if analysis.majority else 0)
                              | (_RARITY if analysis.rarity else 0) | (_FREQUENT if analysis.frequent else 0)
                              | (_COMPARED if analysis.compared else 0))
        terms, surfaces, counts = self.terms, self.surfaces, self._counts
        doc_term, doc_surf = a["doc_term"], a["doc_surf"]
        for t in analysis.terms:
            tid = terms.setdefault(t.key, len(terms))
            doc_term.append(tid)
            doc_surf.append(surfaces.setdefault(t.surface, len(surfaces)))
            counts[tid] = counts.get(tid, 0) + 1
            if t.relation:
                for key in relation_words(t):
                    wid = terms.setdefault(key, len(terms))
                    self._words[wid] = self._words.get(wid, 0) + 1
        a["doc_start"].append(len(doc_term))

    def _end_claim(self) -> None:
        if not self._open:
            return
        self._open = False
        counts = self._counts
        for tid, f in (*counts.items(), *self._words.items()):
            self._tf_term.append(tid)
            self._tf_count.append(f)
        self._tf_start.append(len(self._tf_term))
        self._lengths.append(sum(counts.values()))
        self._counts, self._words = {}, {}

    def extend(self, part: IndexBuilder) -> None:
        """Append the claims another builder was given (it started at this one's next claim), as
        if they had been added here: terms and surfaces new to this builder get their ids in
        the order ``part`` first met them, which is the order adding them here would give."""
        part._end_claim()
        if part._claim < part.first:
            return  # (it was given nothing)
        if part.first != self._claim + 1:
            raise ValueError(f"a part starting at claim {part.first} cannot follow claim {self._claim}")
        self._end_claim()
        terms, surfaces = self.terms, self.surfaces
        tmap = [terms.setdefault(k, len(terms)) for k in part.terms]
        smap = [surfaces.setdefault(k, len(surfaces)) for k in part.surfaces]
        a, b = self.a, part.a
        docs, n_terms, n_tf = len(a["doc_claim"]), len(a["doc_term"]), len(self._tf_term)
        # (through iterators, not lists: a list of millions of ids would weigh more than the index)
        a["claim_first_doc"].extend(d + docs for d in b["claim_first_doc"])
        for name in ("doc_claim", "doc_phrasing", "doc_flags"):
            a[name].extend(b[name])
        a["doc_start"].extend(s + n_terms for s in b["doc_start"][1:])
        a["doc_term"].extend(map(tmap.__getitem__, b["doc_term"]))
        a["doc_surf"].extend(map(smap.__getitem__, b["doc_surf"]))
        self._tf_start.extend(s + n_tf for s in part._tf_start[1:])
        self._tf_term.extend(map(tmap.__getitem__, part._tf_term))
        self._tf_count.extend(part._tf_count)
        self._lengths.extend(part._lengths)
        self._claim = part._claim

    def export(self) -> tuple[dict[str, Any], list[array]]:
        """What another process needs to make this builder again (:meth:`restore`): a small
        header and the arrays, which can be sent one at a time."""
        self._end_claim()
        arrays = [*self.a.values(), self._tf_start, self._tf_term, self._tf_count, self._lengths]
        return {"first": self.first, "claim": self._claim, "terms": list(self.terms),
                "surfaces": list(self.surfaces)}, arrays

    @classmethod
    def restore(cls, head: dict[str, Any], arrays: Iterator[bytes]) -> IndexBuilder:
        """The builder :meth:`export` gave ``head`` and the bytes of the arrays of."""
        b = cls(head["first"])
        b._claim = head["claim"]
        b.terms = {k: i for i, k in enumerate(head["terms"])}
        b.surfaces = {k: i for i, k in enumerate(head["surfaces"])}
        for arr in [*b.a.values(), b._tf_start, b._tf_term, b._tf_count, b._lengths]:
            del arr[:]
            arr.frombytes(next(arrays))
        return b

    def finish(self, n_claims: int) -> IndexData:
        """The index of the ``n_claims`` claims added (a claim with no phrasing has no docs)."""
        self._end_claim()
        a = self.a
        while len(a["claim_first_doc"]) < n_claims + 1:
            a["claim_first_doc"].append(len(a["doc_claim"]))
            if len(self._lengths) < n_claims:
                self._lengths.append(0)
                self._tf_start.append(len(self._tf_term))
        tf_start, tf_term, tf_count, lengths = self._tf_start, self._tf_term, self._tf_count, self._lengths
        # Postings grouped by term (a counting sort), claims ascending within a term.
        n_terms = len(self.terms)
        start = array("q", bytes(8 * (n_terms + 1)))
        for tid in tf_term:
            start[tid + 1] += 1
        for t in range(n_terms):
            start[t + 1] += start[t]
        fill = array("q", start[:-1])
        total = len(tf_term)
        post_claim = array("i", bytes(4 * total))
        post_weight = array("d", bytes(8 * total))
        avgdl = (sum(lengths) / len(lengths) if lengths else 0.0) or 1.0
        for c in range(len(lengths)):
            norm = K1 * (1 - B + B * lengths[c] / avgdl)
            for i in range(tf_start[c], tf_start[c + 1]):
                tid, f = tf_term[i], tf_count[i]
                slot = fill[tid]
                fill[tid] += 1
                post_claim[slot] = c
                post_weight[slot] = f * (K1 + 1) / (f + norm)
        a["post_start"], a["post_claim"], a["post_weight"] = start, post_claim, post_weight
        del self._tf_start, self._tf_term, self._tf_count, self._lengths
        return IndexData(n_claims, list(self.terms), list(self.surfaces), a)


class DocFreq:
    """term key -> number of claims that use it (a read-only mapping over the postings)."""

    def __init__(self, ids: dict[str, int], start: Sequence[int]) -> None:
        self._ids, self._start = ids, start

    def get(self, key: str, default: int = 0) -> int:
        t = self._ids.get(key)
        return default if t is None else self._start[t + 1] - self._start[t]

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)


class Phrasings:
    """claim -> the range of its docs."""

    def __init__(self, first: Sequence[int]) -> None:
        self._first = first

    def __getitem__(self, claim: int) -> range:
        return range(self._first[claim], self._first[claim + 1])

    def __len__(self) -> int:
        return len(self._first) - 1


class StoredDocs(Sequence[Doc]):
    """Analysed phrasings rebuilt from an IndexData's arrays when the matcher asks for one.

    What is kept of an analysis: each term's key, surface and order, the negation and majority
    flags; the rest (cues, normalised text) is the statement side's business, not a claim's.
    """

    def __init__(self, data: IndexData, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._terms = data.terms
        self._surfaces = data.surfaces
        self._a = data.arrays
        self._memo: dict[int, Doc] = {}
        self._kinds: dict[int, tuple[str, str, bool]] = {}

    def __len__(self) -> int:
        return len(self._a["doc_claim"])

    def __getitem__(self, i):
        doc = self._memo.get(i)
        if doc is not None:
            return doc
        a = self._a
        lo, hi = a["doc_start"][i], a["doc_start"][i + 1]
        terms = []
        kinds, surfaces = self._kinds, self._surfaces
        for pos, (tid, sid) in enumerate(zip(a["doc_term"][lo:hi], a["doc_surf"][lo:hi], strict=True)):
            known = kinds.get(tid)
            if known is None:  # (a term's key, kind and relation, worked out once per term id)
                key = self._terms[tid]
                if key.startswith("@"):
                    kind = "concept"
                    relation = self._lexicon.kind(key[1:]) == "relation" or self._lexicon.symmetric(key[1:])
                else:
                    kind, relation = ("number" if key[:1].isdigit() else "word"), False
                known = (key, kind, relation)
                if len(kinds) < _MEMO_MAX:
                    kinds[tid] = known
            terms.append(Term(known[0], known[1], surfaces[sid], pos, known[2]))
        flags = a["doc_flags"][i]
        analysis = Analysis(normalised="", terms=tuple(terms), negated=bool(flags & _NEGATED),
                            cues=(), question=False, majority=bool(flags & _MAJORITY),
                            rarity=bool(flags & _RARITY), frequent=bool(flags & _FREQUENT),
                            compared=bool(flags & _COMPARED))
        doc = Doc(a["doc_claim"][i], a["doc_phrasing"][i], analysis)
        if len(self._memo) < 100_000:
            self._memo[i] = doc
        return doc


class Index:
    """An inverted index from term keys to claims, with BM25 weights precomputed.

    Made from an :class:`IndexData` (see :class:`IndexBuilder`, the only builder); ``docs`` are
    the analysed phrasings when the caller has them, else they are rebuilt from the data.
    """

    def __init__(self, data: IndexData, lexicon: Lexicon, docs: Sequence[Doc] | None = None) -> None:
        self.data = data
        self.lexicon = lexicon
        self.n_claims = max(data.n_claims, 1)
        a = data.arrays
        self._pstart, self._pclaim, self._pweight = a["post_start"], a["post_claim"], a["post_weight"]
        self._ids = {t: i for i, t in enumerate(data.terms)}
        self.df = DocFreq(self._ids, self._pstart)
        self.phrasings = Phrasings(a["claim_first_doc"])
        self.docs = docs if docs is not None else StoredDocs(data, lexicon)
        self.max_idf = self._idf(0)
        self._parts: dict[str, tuple[str, ...]] = {}
        self._idfs: dict[str, float] = {}  # the judge asks for the same keys' rarity many times
        self._weights: dict[str, float] = {}  # (and for their weights: see weight)

    @classmethod
    def build(cls, docs: Sequence[Doc], n_claims: int, lexicon: Lexicon) -> Index:
        """The index of analysed docs (grouped by claim, claims in order), keeping the docs."""
        builder = IndexBuilder()
        for d in docs:
            builder.add(d.claim, d.phrasing, d.analysis)
        return cls(builder.finish(n_claims), lexicon, docs)

    def seldom(self, claim: int) -> bool:
        """Whether the claim's own text says its thing happens seldom ("rarely", "occasionally"):
        an alias that leaves the word out says no more than the claim."""
        a = self.data.arrays
        first = a["claim_first_doc"][claim]
        return first < len(a["doc_flags"]) and bool(a["doc_flags"][first] & _RARITY)

    def _idf(self, df: int) -> float:
        n = self.n_claims
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def idf(self, key: str) -> float:
        w = self._idfs.get(key)
        if w is None:
            w = self._idf(self.df.get(key, 0))
            if len(self._idfs) < _MEMO_MAX:
                self._idfs[key] = w
        return w

    def weight(self, term: Term) -> float:
        """A term's weight in judging: its rarity, more for concepts, at least half for numbers."""
        memo = self._weights
        w = memo.get(term.key)
        if w is None:
            w = self.idf(term.key)
            if term.kind == "concept":
                w += CONCEPT_BOOST
            elif term.kind == "number":
                w = max(w, 0.5 * self.max_idf)
            if len(memo) < 200_000:
                memo[term.key] = w
        return w

    def postings(self, key: str) -> list[tuple[int, float]]:
        """(claim, BM25 term-frequency weight) of every claim using ``key``, claims ascending."""
        t = self._ids.get(key)
        if t is None:
            return []
        a, b = self._pstart[t], self._pstart[t + 1]
        return list(zip(self._pclaim[a:b], self._pweight[a:b], strict=True))

    # ------------------------------------------------------------------ retrieval

    def query_keys(self, query: Analysis) -> dict[str, float]:
        """The keys retrieval looks up for a statement, each with its weight factor."""
        keys: dict[str, float] = {}

        def add(key: str, factor: float) -> None:
            if factor > keys.get(key, 0.0):
                keys[key] = factor

        for t in query.terms:
            if t.kind == "concept":
                add(t.key, t.factor)
                for a in self.lexicon.ancestors(t.key[1:]):
                    add(f"@{a}", BROADER_RECALL * t.factor)
                if t.relation:
                    for key in relation_words(t):
                        add(key, RELATION_WORD * t.factor)
            elif t.kind == "number":
                add(t.key, t.factor * (SMALL_NUMBER if len(t.key) <= 2 else 1.0))
            else:
                add(t.key, t.factor * (SMALL_WORD if len(t.key) == 1 else 1.0))
                if not self.df.get(t.key, 0):
                    for part in self.parts(t.surface):
                        add(part, PART_WEIGHT * t.factor)
        return keys

    def parts(self, word: str) -> tuple[str, ...]:
        """The keys of the words a run-together word is made of ("cornflakes" -> corn, flake),
        or () when it is not made of words the claims use."""
        found = self._parts.get(word)
        if found is None:
            found = split_words(word, self.df)
            if len(self._parts) < _MEMO_MAX:
                self._parts[word] = found
        return found

    def search(self, query: Analysis, limit: int = 50) -> list[tuple[int, float]]:
        """(claim index, BM25 score) of the best claims, best first (ties in knowledge-base order).

        Keys are read rarest first. A common key (in more than COMMON of the claims) adds no new
        candidates once POOL claims are in play: it is looked up only for the POOL best so far
        (a binary search in its postings for each), so a long post full of common words costs
        little even over 300,000 claims. Postings are read in place from the arrays, never
        copied into lists.
        """
        if limit <= 0:
            return []
        keys = self.query_keys(query)
        ids, start, claims, weights = self._ids, self._pstart, self._pclaim, self._pweight
        found = []
        for key in keys:
            t = ids.get(key)
            if t is not None:
                lo, hi = start[t], start[t + 1]
                if hi > lo:
                    found.append((hi - lo, key, lo, hi))
        found.sort()
        scores: dict[int, float] = {}
        deferred: list[tuple[float, int, int]] = []
        common = max(COMMON * self.n_claims, COMMON_MIN)
        pool_size = max(POOL, limit)
        for n, key, lo, hi in found:
            w = self.idf(key) * keys[key]
            if n > common and len(scores) >= pool_size:
                deferred.append((w, lo, hi))
                continue
            # (as lists: a mapped array's items are unpacked one by one when iterated)
            if not scores:
                scores = {claim: w * tfw for claim, tfw in zip(claims[lo:hi].tolist(), weights[lo:hi].tolist(),
                                                               strict=True)}
                continue
            get = scores.get
            for claim, tfw in zip(claims[lo:hi].tolist(), weights[lo:hi].tolist(), strict=True):
                scores[claim] = get(claim, 0.0) + w * tfw
        if deferred:
            scores = _best(scores, pool_size)
            pool = list(scores)
            for w, lo, hi in deferred:
                for claim in pool:
                    i = bisect_left(claims, claim, lo, hi)
                    if i < hi and claims[i] == claim:
                        scores[claim] += w * weights[i]
        return sorted(_best(scores, limit).items(), key=_best_first)[:limit]

    def order(self, query: Analysis, hits: list[tuple[int, float]],
              judged: list[J]) -> list[tuple[float, J]]:
        """Candidates best first, by a blend of retrieval (BM25 relative to the best) and the
        judged match score: a claim that shares the statement's rare words *and* its structure
        comes first. A rejected judgement adds nothing to the blend: its score measures how much
        of a *different* claim the statement covers, which on long, noisy statements says less
        about relevance than retrieval does. Returns (rank score 0-100, judgement) pairs."""
        if not hits:
            return []
        top = hits[0][1] or 1.0
        ranked = [
            (RANK_BLEND * (j.score if j.accepted else 0.0) + (1 - RANK_BLEND) * 100 * bm25 / top, n, j)
            for n, ((_claim, bm25), j) in enumerate(zip(hits, judged, strict=False))  # (judged may stop short)
        ]
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [(score, j) for score, _, j in ranked]


def relation_words(term: Term) -> tuple[str, ...]:
    """Retrieval keys of the words a relation concept was read from ("reverse" read as @cure:
    ``~revers``). A relation class joins many verbs, so its key is common and says little about
    which claim a post is about; the verb itself, when a claim uses that same verb, says more.
    Kept apart from plain words (``~``), so that no word's rarity in judging changes."""
    return tuple(f"~{stem(w)}" for w in term.surface.split() if w not in STOPWORDS and w.isalpha())


def split_words(word: str, df) -> tuple[str, ...]:
    """Split ``word`` into 2..PART_MAX words whose keys name at least PART_DF claims in ``df``
    (a mapping from key to document frequency); the split whose parts are most common (highest
    geometric mean of their frequencies) wins. () when there is none.

    Parts are at least PART_MIN letters and never stop words, so "therapist" is not "the rapist".
    """
    n = len(word)
    if n < 2 * PART_MIN or n > PART_MAX * PART_LONGEST or not word.isalpha():
        return ()
    known: dict[tuple[int, int], float] = {}

    def logdf(i: int, j: int) -> float:
        span = (i, j)
        if span not in known:
            part = word[i:j]
            f = 0 if part in STOPWORDS else df.get(stem(part), 0)
            known[span] = math.log(f) if f >= PART_DF else -1.0
        return known[span]

    best: tuple[float, tuple[tuple[int, int], ...]] | None = None
    longest = PART_LONGEST
    for i in range(PART_MIN, min(n - PART_MIN, longest) + 1):
        a = logdf(0, i)
        if a < 0:
            continue
        if n - i <= longest:
            b = logdf(i, n)
            if b >= 0 and (best is None or (a + b) / 2 > best[0]):
                best = ((a + b) / 2, ((0, i), (i, n)))
        if PART_MAX >= 3:
            for j in range(max(i + PART_MIN, n - longest), min(n - PART_MIN, i + longest) + 1):
                b = logdf(i, j)
                if b < 0:
                    continue
                c = logdf(j, n)
                if c >= 0 and (best is None or (a + b + c) / 3 > best[0]):
                    best = ((a + b + c) / 3, ((0, i), (i, j), (j, n)))
    if best is None:
        return ()
    return tuple(dict.fromkeys(stem(word[i:j]) for i, j in best[1]))


def _best_first(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


def _best(scores: dict[int, float], n: int) -> dict[int, float]:
    """The ``n`` best-scored entries of ``scores`` (more when several tie with the n-th)."""
    if len(scores) <= n:
        return scores
    # The n-th best score is at least the lowest of any n scores: the first n, which came from
    # the rarest keys and are mostly high. Only the scores above that are ranked (filter and
    # compress keep the loops over every entry in C).
    values = scores.values()
    bound = min(islice(values, n))
    above = list(filter(partial(le, bound), values))
    floor = sorted(above, reverse=True)[n - 1] if len(above) > n else bound
    return dict(compress(scores.items(), map(partial(le, floor), values)))
