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
  days of the month, counts and list markers, and they collide with the claims' own.

Speed does not grow with the knowledge base the way postings do: keys are read rarest first, and
a key found in more than 1% of the claims is only looked up for the best candidates so far (see
``search``). Measured on the CLEF 2020 claim-retrieval data (10,375 claims; train/dev posts):
MAP@5 0.881/0.831, against 0.873/0.825 for the plain claim-level BM25 this started from.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from operator import itemgetter
from typing import Sequence

from .analysis import Analysis, Term
from .lexicon import Lexicon
from .matching import Doc, Judgement
from .text import STOPWORDS, stem

CONCEPT_BOOST = 1.0  # added to a concept's rarity weight
K1, B = 1.2, 0.75
RANK_BLEND = 0.5  # weight of the judged score (vs retrieval) in the order of candidates
BROADER_RECALL = 0.3  # weight of a statement concept's broader concepts in retrieval
SMALL_NUMBER = 0.5  # retrieval weight of a one- or two-digit number, relative to its rarity
PART_MIN = 3  # letters in each part of a run-together word
PART_MAX = 3  # parts a run-together word is split into, at most
PART_DF = 2  # claims that must use a part for it to count as a word
PART_LONGEST = 30  # letters in a part, at most: a longer run is no word, and searching it is O(n^2)
PART_WEIGHT = 1.0  # retrieval weight of a part, relative to its rarity
_MEMO_MAX = 100_000  # entries in each of the per-index memos (rarities, word splits)
COMMON = 0.01  # a key in more than this share of the claims is common...
COMMON_MIN = 200  # ...and in more than this many
POOL = 200  # claims a common key is looked up for, once that many are in play
_first = itemgetter(0)


class Index:
    """An inverted index from term keys to claims, with BM25 weights precomputed."""

    def __init__(self, docs: Sequence[Doc], n_claims: int, lexicon: Lexicon) -> None:
        self.docs = docs
        self.lexicon = lexicon
        self.n_claims = max(n_claims, 1)
        self.phrasings: list[list[int]] = [[] for _ in range(n_claims)]
        counts: list[dict[str, int]] = [{} for _ in range(n_claims)]
        for i, d in enumerate(docs):
            self.phrasings[d.claim].append(i)
            tf = counts[d.claim]
            for k in d.analysis.keys:
                tf[k] = tf.get(k, 0) + 1
        lengths = [sum(tf.values()) for tf in counts]
        avgdl = (sum(lengths) / len(lengths) if lengths else 0.0) or 1.0
        df: dict[str, int] = {}
        postings: dict[str, list[tuple[int, float]]] = {}
        for c, tf in enumerate(counts):
            norm = K1 * (1 - B + B * lengths[c] / avgdl)
            for k, f in tf.items():
                df[k] = df.get(k, 0) + 1
                postings.setdefault(k, []).append((c, f * (K1 + 1) / (f + norm)))
        self.df = df
        self.postings = postings
        self._setup()

    @classmethod
    def restore(cls, *, docs: Sequence[Doc], n_claims: int, lexicon: Lexicon, phrasings,
                df, postings) -> Index:
        """An index from precomputed parts (the on-disk cache in ``cache.py``), without rebuilding.

        ``df`` and ``postings`` need only ``.get(key, default)``; ``phrasings[claim]`` lists the
        claim's doc indices. Keep this in step with ``__init__``: a test compares the two.
        """
        self = cls.__new__(cls)
        self.docs = docs
        self.lexicon = lexicon
        self.n_claims = max(n_claims, 1)
        self.phrasings = phrasings
        self.df = df
        self.postings = postings
        self._setup()
        return self

    def _setup(self) -> None:
        self.max_idf = self._idf(0)
        self._parts: dict[str, tuple[str, ...]] = {}
        self._idfs: dict[str, float] = {}  # the judge asks for the same keys' rarity many times

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
        memo = self.__dict__.setdefault("_weights", {})
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
            elif t.kind == "number":
                add(t.key, t.factor * (SMALL_NUMBER if len(t.key) <= 2 else 1.0))
            else:
                add(t.key, t.factor)
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
        candidates once POOL claims are in play: it is looked up only for the POOL best so far,
        so a long post full of common words costs little even over 100,000 claims.
        """
        if limit <= 0:
            return []
        keys = self.query_keys(query)
        df = self.df
        scores: dict[int, float] = {}
        deferred: list[tuple[float, str]] = []
        common = max(COMMON * self.n_claims, COMMON_MIN)
        pool_size = max(POOL, limit)
        for key in sorted(keys, key=lambda k: (df.get(k, 0), k)):
            n = df.get(key, 0)
            if not n:
                continue
            w = self.idf(key) * keys[key]
            if n > common and len(scores) >= pool_size:
                deferred.append((w, key))
                continue
            plist = self.postings.get(key, ())
            if not scores:
                scores = {claim: w * tfw for claim, tfw in plist}
                continue
            get = scores.get
            for claim, tfw in plist:
                scores[claim] = get(claim, 0.0) + w * tfw
        if deferred:
            scores = _best(scores, pool_size)
            pool = list(scores)
            for w, key in deferred:
                plist = self.postings.get(key, ())
                for claim in pool:
                    i = bisect_left(plist, claim, key=_first)
                    if i < len(plist) and plist[i][0] == claim:
                        scores[claim] += w * plist[i][1]
        return sorted(_best(scores, limit).items(), key=_best_first)[:limit]

    def order(self, query: Analysis, hits: list[tuple[int, float]],
              judged: list[Judgement]) -> list[tuple[float, Judgement]]:
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
            for n, ((_claim, bm25), j) in enumerate(zip(hits, judged))
        ]
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [(score, j) for score, _, j in ranked]


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
    floor = heapq.nlargest(n, scores.values())[-1]
    return {c: s for c, s in scores.items() if s >= floor}
