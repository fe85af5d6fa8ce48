"""An exact early stop for ``Index.search`` (a max-score scheme), kept as a measured experiment.

Replay it against the index's own search with ``python benchmarks/search.py --variant
benchmarks/search_maxscore.py``. It returns the very results ``Index.search`` returns (claims,
order, every bit of every score; tests/test_benchmarks.py holds it to that), but on the generated
100,000-claim knowledge base it is no faster: CPU time for the 787 searches of 500 statements of
scale.py's batch, best of interleaved rounds on the shared 2-core machine, was 909 -> 833 ms in
one run (12 rounds) and 767 -> 877 ms in another (8 rounds). So the index does not use it. Why:

- Retrieval's answer is the best ``limit`` (6) claims of a *pool*: when a key in more than 1% of
  the claims is deferred, only the 200 best claims on the other keys are looked up in it. So
  the 200th best score on the other keys must be known exactly, and it is about the score of
  one match of a middling key: every claim that matches one key may matter.
- Per-key bounds are loose: a key's bound is its weight times its best BM25 term weight (short
  claims, about 1.6) where most postings weigh about 1.0, and a statement has ten keys of
  similar rarity. Even with the final threshold known in advance, at most 36% of the postings
  on the keys that are accumulated could be skipped; the stop below skips 27% and pays for the
  tests that decide it.

How it stays exact. Keys are read in the index's order (rarest first), so every claim's score is
the same sum, added in the same order. ``rest[i]`` bounds what keys ``i..`` add to a claim and
``dmax`` what the deferred keys add. A claim can matter only if its score on the accumulated
keys, P, reaches ``x = max(F, T - dmax)``, where F is the pool's floor (the 200th best P) and T
the ``limit``-th best final score: below F it is not in the pool, below ``T - dmax`` it cannot
reach T. Lower bounds of F and T (from the scores so far: they only grow) give a lower bound of
x. Once ``rest[i]`` is below it, no claim not yet seen can matter: no new claims are taken, the
ones that can still reach it are completed (binary searches, or one pass over a long key), and
the others dropped. At the end every claim with P >= x is held with its exact P, so the pool's
floor computed over them is F for each of them (no claim left out scores above them). Bounds
are compared with a relative slack of 1e-9 so that rounding never drops a tie.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import partial
from itertools import compress, islice
from operator import le, lt
from typing import Any

from factcheck.engine.index import COMMON, COMMON_MIN, POOL, _best, _best_first

SLACK = 1e-9  # relative slack on every bound comparison
CHECK = 0.5  # test for the stop before a key with at least this share of the claims seen so far


def search(index: Any, query: Any, limit: int = 50) -> list[tuple[int, float]]:
    """``index.search(query, limit)``, with the early stop."""
    if limit <= 0:
        return []
    keys = index.query_keys(query)
    ids, start, claims, weights = index._ids, index._pstart, index._pclaim, index._pweight
    found = []
    for key in keys:
        t = ids.get(key)
        if t is not None:
            lo, hi = start[t], start[t + 1]
            if hi > lo:
                found.append((hi - lo, key, lo, hi, t))
    found.sort()
    pool_size = max(POOL, limit)
    m = _split(found, max(COMMON * index.n_claims, COMMON_MIN), pool_size, claims)
    w = [index.idf(f[1]) * keys[f[1]] for f in found]
    ub = [w[i] * _max_weight(index, f[4], f[2], f[3]) for i, f in enumerate(found)]
    rest = [0.0] * (m + 1)
    for i in range(m - 1, -1, -1):
        rest[i] = rest[i + 1] + ub[i]
    dmax = sum(ub[m:])
    deferred = m < len(found)
    scores: dict[int, float] = {}
    i = 0
    while i < m:
        n, _key, lo, hi, _t = found[i]
        if n >= CHECK * len(scores) and len(scores) >= limit \
                and _enough(scores, rest[i], limit, pool_size, dmax, deferred):
            break
        wi = w[i]
        get = scores.get
        for c, tfw in zip(claims[lo:hi].tolist(), weights[lo:hi].tolist(), strict=True):
            scores[c] = get(c, 0.0) + wi * tfw
        i += 1
    if i < m:
        scores = _complete(scores, found, w, rest, i, m, limit, pool_size, dmax, deferred, claims, weights)
    if deferred:
        scores = _best(scores, pool_size)
        pool = list(scores)
        for (_n, _key, lo, hi, _t), wj in zip(found[m:], w[m:], strict=True):
            for c in pool:
                k = bisect_left(claims, c, lo, hi)
                if k < hi and claims[k] == c:
                    scores[c] += wj * weights[k]
    return sorted(_best(scores, limit).items(), key=_best_first)[:limit]


def _complete(scores, found, w, rest, i, m, limit, pool_size, dmax, deferred, claims, weights):
    """Keys i..m-1 added to the claims that can still matter; the others dropped."""
    for j in range(i, m + 1):
        x = _floor(scores, limit, pool_size, dmax, deferred)
        y = (x - rest[j]) * (1 - SLACK) - SLACK
        scores = dict(compress(scores.items(), map(partial(le, y), scores.values())))
        if j == m:
            return scores
        _n, _key, lo, hi, _t = found[j]
        wj = w[j]
        if len(scores) * 8 < hi - lo:
            for c in scores:
                k = bisect_left(claims, c, lo, hi)
                if k < hi and claims[k] == c:
                    scores[c] += wj * weights[k]
        else:
            for c, tfw in zip(claims[lo:hi].tolist(), weights[lo:hi].tolist(), strict=True):
                if c in scores:
                    scores[c] += wj * tfw
    return scores


def _max_weight(index: Any, t: int, lo: int, hi: int) -> float:
    """A key's best BM25 term weight (memoised; an index could store it)."""
    memo = index.__dict__.setdefault("_max_weights", {})
    best = memo.get(t)
    if best is None:
        best = memo[t] = max(index._pweight[lo:hi])
    return best


def _enough(scores, r, limit, pool_size, dmax, deferred) -> bool:
    """Whether no claim not seen yet can matter, when the keys left add at most ``r``."""
    v = r * (1 + SLACK) + SLACK
    values = scores.values()
    if deferred and len(scores) >= pool_size and sum(map(partial(lt, v), values)) >= pool_size:
        return True
    return sum(map(partial(lt, v + dmax * (1 + SLACK)), values)) >= limit


def _kth(values, k: int) -> float:
    """The k-th best of ``values`` (at least k of them)."""
    bound = min(islice(values, k))
    return sorted(filter(partial(le, bound), values), reverse=True)[k - 1]


def _floor(scores, limit, pool_size, dmax, deferred) -> float:
    """A lower bound of the least score on the accumulated keys a claim needs to matter."""
    values = scores.values()
    x = _kth(values, limit)
    if not deferred:
        return x
    x -= dmax
    if len(scores) >= pool_size:
        x = max(x, _kth(values, pool_size))
    return x


def _split(found, common, pool_size, claims) -> int:
    """How many of the keys ``Index.search`` accumulates: it defers a common key once
    ``pool_size`` claims are in play (only the union's size up to that many is needed)."""
    seen: set[int] = set()
    size = 0
    for i, f in enumerate(found):
        n = f[0]
        if n > common and size >= pool_size:
            return i
        if size < pool_size:
            if n >= pool_size:
                size = pool_size
            else:
                seen.update(claims[f[2]:f[3]])
                size = len(seen)
    return len(found)
