"""Retrieval: BM25 over claims, so candidates are found fast whatever the knowledge base's size.

Each claim is one document made of all its phrasings (text and aliases). Term weights are
rarities (IDF) over claims; concepts get a boost, because a curated concept is never noise.
"""

from __future__ import annotations

import math
from typing import Sequence

from .analysis import Analysis, Term
from .lexicon import Lexicon
from .matching import Doc, Judgement

CONCEPT_BOOST = 1.0  # added to a concept's rarity weight
K1, B = 1.2, 0.75
RANK_BLEND = 0.5  # weight of the judged score (vs retrieval) in the order of candidates
BROADER_RECALL = 0.3  # weight of a statement concept's broader concepts in retrieval


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
        self.max_idf = self._idf(0)

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
        self.max_idf = self._idf(0)
        return self

    def _idf(self, df: int) -> float:
        n = self.n_claims
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def idf(self, key: str) -> float:
        return self._idf(self.df.get(key, 0))

    def weight(self, term: Term) -> float:
        w = self.idf(term.key)
        if term.kind == "concept":
            w += CONCEPT_BOOST
        elif term.kind == "number":
            w = max(w, 0.5 * self.max_idf)
        return w

    def search(self, query: Analysis, limit: int = 50) -> list[tuple[int, float]]:
        """(claim index, BM25 score) of the best claims, best first (ties in knowledge-base order)."""
        scores: dict[int, float] = {}
        seen: set[str] = set()
        for t in query.terms:
            keys = [(t.key, 1.0)]
            if t.kind == "concept":
                keys += [(f"@{a}", BROADER_RECALL) for a in self.lexicon.ancestors(t.key[1:])]
            for key, factor in keys:
                if key in seen:
                    continue
                seen.add(key)
                plist = self.postings.get(key)
                if not plist:
                    continue
                w = self.idf(key) * factor * t.factor
                get = scores.get
                for claim, tfw in plist:
                    scores[claim] = get(claim, 0.0) + w * tfw
        if len(scores) > limit:
            import heapq

            return heapq.nsmallest(limit, scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))

    def order(self, query: Analysis, hits: list[tuple[int, float]],
              judged: list[Judgement]) -> list[tuple[float, Judgement]]:
        """Candidates best first, by a blend of retrieval (BM25 relative to the best) and the
        judged match score: a claim that shares the statement's rare words *and* its structure
        comes first. Returns (rank score 0-100, judgement) pairs."""
        if not hits:
            return []
        top = hits[0][1] or 1.0
        ranked = [
            (RANK_BLEND * j.score + (1 - RANK_BLEND) * 100 * bm25 / top, n, j)
            for n, ((_claim, bm25), j) in enumerate(zip(hits, judged))
        ]
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [(score, j) for score, _, j in ranked]
