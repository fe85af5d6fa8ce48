"""The library's front door: a FactChecker holds a knowledge base and its index, and checks text."""

from __future__ import annotations

import os
from typing import Iterable, Iterator, Sequence

from .analysis import Analyzer, Speller
from .errors import InputError
from .knowledge import KnowledgeBase
from .lexicon import Lexicon
from .index import Index
from .matching import ClaimSides, Doc, Judgement, judge, statement
from .result import CheckResult
from .text import stem
from .verdict import decide, usable

__all__ = ["FactChecker", "CheckResult"]

JUDGE = 6  # claims retrieved and judged in full for each statement (more costs time, not accuracy)


class FactChecker:
    """Checks statements against one knowledge base.

    >>> checker = FactChecker.load()            # $FACTCHECK_KB or the shipped knowledge base
    >>> checker.check("Does magnesium cure HFS?").verdict
    'false'
    """

    def __init__(self, kb: KnowledgeBase, *, docs: Sequence[Doc] | None = None,
                 vocabulary: Iterable[str] | None = None, index: Index | None = None,
                 lexicon: Lexicon | None = None) -> None:
        self.kb = kb
        self.lexicon = lexicon if lexicon is not None else Lexicon(kb.concepts)
        plain = Analyzer(self.lexicon)
        if docs is None:
            docs = [
                Doc(ci, pi, plain.analyse(text, repair=False))
                for ci, claim in enumerate(kb.claims)
                for pi, text in enumerate(claim.phrasings)
            ]
        self.docs = docs
        if vocabulary is None:
            vocabulary = {w for d in docs for w in d.analysis.normalised.split()}
        self.index = index if index is not None else Index.build(docs, len(kb.claims), self.lexicon)
        self.claim_sides = ClaimSides(self.index)  # each phrasing's side of a judgement, kept
        lexicon_stems: set[str] = set()

        def known_stem(s: str) -> bool:  # (the lexicon's stems are worked out on first need)
            if not lexicon_stems:
                lexicon_stems.update(stem(w) for w in self.lexicon.words)
                lexicon_stems.add("")
            return s in lexicon_stems or s in self.index.df

        self.speller = Speller(set(vocabulary) | self.lexicon.words, known_stem=known_stem)
        self.analyzer = Analyzer(self.lexicon, self.speller)

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, cache: bool = True) -> FactChecker:
        """Load a knowledge base (``--kb``, ``$FACTCHECK_KB`` or the shipped one) and index it.

        Large knowledge bases reuse an index cached in the user's cache directory, keyed by
        the knowledge base's content; ``cache=False`` always rebuilds.
        """
        from . import cache as index_cache

        return index_cache.load_checker(cls, path, use_cache=cache)

    def __reduce__(self):
        """Pickled as its knowledge base's path (and digest), so it is cheap to send to worker
        processes (``scan --jobs``, Dask): unpickling loads it again, from the index cache, once
        per process. A checker made from an in-memory knowledge base pickles that instead."""
        path, digest = self.kb.path, self.kb.digest
        if path and digest:
            return _reload, (path, digest)
        return _rebuild, (self.kb,)

    # ------------------------------------------------------------------ checking

    def check(self, statement: str, *, top: int = 0, explain: bool = False) -> CheckResult:
        """The verdict on one statement, with evidence; ``top`` adds the K best candidates."""
        if not isinstance(statement, str):
            raise InputError(f"a statement must be text, not {type(statement).__name__}")
        if not statement.strip():
            raise InputError("empty statement: give a sentence to check")
        query = self.analyzer.analyse(statement)
        judged = self.judge(query, depth=max(JUDGE, top))
        return decide(statement, query, judged, self.kb, top=top, explain=explain)

    def check_many(self, statements: Iterable[str], *, top: int = 0,
                   explain: bool = False) -> Iterator[CheckResult]:
        """Check statements one by one, yielding each result as soon as it is ready."""
        for s in statements:
            yield self.check(s, top=top, explain=explain)

    def judge(self, query, *, depth: int = JUDGE) -> list[tuple[float, Judgement]]:
        """(rank score, judgement of the best phrasing) for each retrieved claim, best first."""
        if not query.terms:
            return []
        hits = self.index.search(query, limit=depth)
        judged: list[Judgement] = []
        st = statement(query, self.index)
        for claim, _bm25 in hits:
            best: Judgement | None = None
            for doc_id in self.index.phrasings[claim]:
                j = judge(st, self.docs[doc_id], self.index, self.claim_sides)
                # (a phrasing that gives a verdict beats one that only scores higher)
                if best is None or (j.accepted and usable(j, self.kb), j.score) > (
                    best.accepted and usable(best, self.kb), best.score
                ):
                    best = j
            assert best is not None
            judged.append(best)
        return self.index.order(query, hits, judged)


_loaded: dict[tuple[str, str], FactChecker] = {}


def _reload(path: str, digest: str) -> FactChecker:
    """A checker for the knowledge base at ``path``, loaded once per process (see __reduce__)."""
    checker = _loaded.get((path, digest))
    if checker is None:
        checker = FactChecker.load(path)
        if checker.kb.digest != digest:
            from .errors import KnowledgeBaseError

            raise KnowledgeBaseError(f"knowledge base {path} changed since the checker was sent")
        _loaded.clear()  # one knowledge base per worker at a time
        _loaded[(path, digest)] = checker
    return checker


def _rebuild(kb: KnowledgeBase) -> FactChecker:
    return FactChecker(kb)
