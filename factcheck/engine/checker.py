"""The library's front door: a FactChecker holds a knowledge base and its index, and checks text."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import InputError
from ..kb.knowledge import KnowledgeBase
from ..labels import Label, Polarity, polarity
from ..lazyre import lazy
from ..result import NO_MATCH, CheckResult, ClauseRef
from . import answers, exclusive, language, proverb, wording
from . import clauses as clause_reader
from .analysis import Analyzer, Speller
from .index import Index
from .lexicon import Lexicon
from .matching import ClaimSides, Doc, Judgement, judge, statement
from .pieces import pieces
from .recent import Recent
from .reference import Reading, Referents
from .text import stem, tokenise
from .verdict import decide, usable
from .wording import Wording

if TYPE_CHECKING:
    from .reach import Reach

__all__ = ["FactChecker", "CheckResult"]

#: A clause whose nearest claim scored below this is far from every claim: its list items, and
#: a sentence of such clauses as a whole, are not checked again (they would cost time, not find).
NEAR = 30.0
JUDGE = 6  # claims retrieved and judged in full for each statement (more costs time, not accuracy)
RECENT = 4096  # texts whose results are kept: a document repeats sentences, a sentence its clauses
# Sentences whose findings are kept, in full (no-matches too, with their candidates and reasons):
# a scan keeps a longer window of its own, of only what it shows (scan.parallel.KEPT)
RECENT_FINDINGS = RECENT


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
        self._plain = plain
        self.claim_sides = ClaimSides(self.index, self._wording_of)  # each phrasing's side of a judgement, kept
        lexicon_stems: set[str] = set()

        def known_stem(s: str) -> bool:  # (the lexicon's stems are worked out on first need)
            if not lexicon_stems:
                lexicon_stems.update(stem(w) for w in self.lexicon.words)
                lexicon_stems.add("")
            return s in lexicon_stems or s in self.index.df

        self.speller = Speller(set(vocabulary) | self.lexicon.words, known_stem=known_stem)
        self.analyzer = Analyzer(self.lexicon, self.speller)
        self._reach: Reach | None = None  # (built on first use: only a scan asks)
        self._referents = Referents(self.lexicon)
        # Results of the texts and sentences checked last (results are frozen; each is a function
        # of its arguments): a document repeats sentences, and sentences share clauses.
        self._recent_texts: Recent[tuple[str, bool, int, bool], CheckResult] = Recent(RECENT)
        self._recent_checks: Recent[tuple[str, int, bool], CheckResult] = Recent(RECENT)
        self._recent_findings: Recent[tuple[str, int, bool], tuple[CheckResult, ...]] = Recent(RECENT_FINDINGS)

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, *, cache: bool = True) -> FactChecker:
        """Load a knowledge base (``--kb``, ``$FACTCHECK_KB`` or the shipped one) and index it.

        Large knowledge bases reuse an index cached in the user's cache directory, keyed by
        the knowledge base's content; ``cache=False`` always rebuilds.
        """
        from . import cache as index_cache

        return index_cache.load_checker(cls, path, use_cache=cache)

    def _wording_of(self, doc: Doc) -> Wording:
        """What a claim's phrasing says in its own words (its lists, the relations that only
        qualify a noun), read from its text (engine/wording.py)."""
        terms = doc.analysis.terms
        claim = self.kb.claims[doc.claim]
        text = claim.phrasings[doc.phrasing]
        # (cheap tests on the terms first: a list that matters has two things that are concepts or
        # numbers, a qualifying relation is a second relation)
        things = sum(1 for t in terms if t.kind != "word" and not t.relation)
        relations_ = sum(1 for t in terms if t.relation)
        tokens = tokenise(text)
        if not ((things >= 2 and (" and " in text or " or " in text))
                or (relations_ >= 2 and any(f" {w} " in text for w in wording.RELATIVE))):
            # (only where its words place things: "stretching *before* exercise"; or its modals)
            placed = wording.placed(tokens) if wording.may_place(text) else {}
            modal, own = _modal(claim, doc.phrasing, tokens)
            return wording.Wording({}, {}, placed, modal, own)
        return wording.read(text, self._plain.analyse(text, repair=False), self.lexicon,
                            *_modal(claim, doc.phrasing, tokens))

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
        """The verdict on one statement, with evidence; ``top`` adds the K best candidates.

        A statement of one plain clause is checked as it stands. A longer one (several clauses,
        a frame such as "I doubt that", a list) is read clause by clause (``factcheck.engine.clauses``):
        the best clause decides and ``result.clause`` says which (any refuted clause first, and a
        relative clause of its own that no claim settles leaves the whole open); a list's items
        are checked one by one and combined. The whole statement's verdict stands only when no clause gives
        one and nothing in it (a condition, a question, a denying frame) changes what it asserts.
        """
        statement = self._validate(statement)
        # (the results of the last RECENT statements are kept, as for texts: a batch or a
        # document repeats statements, and a result is frozen and a function of these arguments)
        key = (statement, top, explain)
        result = self._recent_checks.get(key)
        if result is None:
            result = self._checked(statement, top, explain)
            self._recent_checks.put(key, result)
        return result

    def _checked(self, statement: str, top: int, explain: bool) -> CheckResult:
        reading = self._referents.within(statement)
        if reading is not None:  # ("HFS is rare, and no vitamin cures it": "it" is HFS)
            return read_back(self.check(reading.text, top=top, explain=explain), statement, reading, explain)
        answered = self._answered(statement, top, explain) or self._cause_named(statement, top, explain) \
            or self._scare_quoted(statement, top, explain)
        if answered is not None:
            return answered
        spans = pieces(statement)
        if len(spans) > 1 or _trimmed(statement, spans):
            # A post that strings several thoughts together: each piece is read on its own, and
            # the statement is as true as its weakest piece that matched. (One piece: the post
            # without its label, hashtags or emoji, "PSA: X #tag" read as X.)
            results = [_shifted(r, statement, spans[k][0])
                       for k in range(len(spans)) for r in self._piece(statement, spans, k, top, explain)]
            matched = _consistent([r for r in results if r.matched])
            if matched:
                refuted = [r for r in matched if polarity(r.verdict) is Polarity.REFUTED]
                return max(refuted or matched, key=lambda r: r.score or 0.0)
            if any(r.matched for r in results):
                return _contradiction(next(r for r in results if r.matched))
        clauses = clause_reader.read(statement)
        if clause_reader.plain(clauses):
            return self._check_text(statement, top=top, explain=explain)
        whole = self._check_text(statement, top=top, explain=explain)
        if _far(whole, clauses):
            return whole
        results = self._clause_results(statement, clauses, top, explain, whole=whole)
        matched = [r for r in results if r.matched]
        consistent = _consistent(matched)
        if consistent:
            # A sentence that makes several claims is as true as its weakest: any refuted clause
            # decides ("Since A, B" with B false is not true because A is).
            refuted = [r for r in consistent if polarity(r.verdict) is Polarity.REFUTED]
            if not refuted:
                open_ = _unsettled_consequence(self.analyzer, clauses, results)
                if open_ is not None:
                    return open_
            return max(refuted or consistent, key=lambda r: r.score or 0.0)
        if matched:
            return _contradiction(matched[0])
        return self._fallback(statement, clauses, results, whole)

    def may_match(self, statement: str) -> bool:
        """False only when no reading of the statement can match a claim (``engine.reach``): then
        neither :meth:`check` nor :meth:`findings` gives a match, and a scan that reports only
        matches skips it."""
        if self._reach is None:
            from .reach import Reach

            self._reach = Reach(self.index, self.speller)
        return self._reach.may_match(statement)

    def findings(self, statement: str, *, top: int = 0, explain: bool = False) -> list[CheckResult]:
        """Every claim a sentence makes, one result each (what ``scan`` reports).

        Like :meth:`check`, but a sentence with several claims gives several results: each clause
        that matched, and each item of a list whose clause as a whole did not; never two opposite
        verdicts on one claim (both are dropped). At least one result, perhaps a no-match.
        """
        statement = self._validate(statement)
        key = (statement, top, explain)
        found = self._recent_findings.get(key)
        if found is None:
            found = tuple(self._findings(statement, top, explain))
            self._recent_findings.put(key, found)
        return list(found)

    def _findings(self, statement: str, top: int, explain: bool) -> list[CheckResult]:
        reading = self._referents.within(statement)
        if reading is not None:
            return [read_back(r, statement, reading, explain)
                    for r in self.findings(reading.text, top=top, explain=explain)]
        answered = self._answered(statement, top, explain)
        if answered is not None:
            return [answered]
        spans = pieces(statement)
        if len(spans) > 1 or _trimmed(statement, spans):
            found = [_shifted(r, statement, spans[k][0]) for k in range(len(spans))
                     for r in self._piece(statement, spans, k, top, explain, every=True) if r.matched]
            consistent = _consistent(found)
            if found and not consistent:
                return [_contradiction(found[0])]
            if consistent:
                return consistent
        clauses = clause_reader.read(statement)
        if clause_reader.plain(clauses):
            return [self._check_text(statement, top=top, explain=explain)]
        whole = self._check_text(statement, top=top, explain=explain)
        if _far(whole, clauses):
            return [whole]
        results = self._clause_results(statement, clauses, top, explain, every_part=True, whole=whole)
        found = []
        for r in results:
            if r.matched:
                found.append(r)
            found.extend(p for p in r.parts if p.matched)
        consistent = _consistent(found)
        if found and not consistent:
            return [_contradiction(found[0])]
        found = consistent
        seen: set[str] = set()
        out = []
        for r in found:
            assert r.claim is not None
            if r.claim.id not in seen:
                seen.add(r.claim.id)
                out.append(r)
        return out or [self._fallback(statement, clauses, results, whole)]

    # ------------------------------------------------------------------ internals

    def _piece(self, statement: str, spans: Sequence[tuple[int, int]], k: int, top: int, explain: bool,
               every: bool = False) -> list[CheckResult]:
        """The result (``every``: the findings) of the ``k``th piece of a statement; a piece that
        only says the piece before holds of another thing ("... can cause twitches. so can low
        calcium") is read as that (``engine.ellipsis``)."""
        a, b = spans[k]
        text = statement[a:b]
        reading = None
        if k:  # (imported here: a statement of one piece, the most common, never needs it)
            from .ellipsis import elided, may_be_elided

            if may_be_elided(text):
                reading = elided(text, statement[spans[k - 1][0]:spans[k - 1][1]], self._referents)
        checked = text if reading is None else reading.text
        if reading is None and answers.labelled_false(statement[spans[k - 1][1] if k else 0:a]) \
                and not self.analyzer.analyse(text).negated:
            # ("❌ magnesium cures HFS ✅ Botox treats HFS": the cross labels the piece after it false)
            r = self._check_text(text, deny=True, top=top, explain=explain)
            if r.matched:
                return [_with_clause(r, text, ClauseRef(text, 0, len(text), clause_reader.DENY,
                                                        notes=("the mark before it calls it false",)), explain)]
        found = self.findings(checked, top=top, explain=explain) if every \
            else [self.check(checked, top=top, explain=explain)]
        return found if reading is None else [read_back(r, text, reading, explain) for r in found]

    def _answered(self, statement: str, top: int, explain: bool) -> CheckResult | None:
        """"Magnesium cures HFS? Not a chance.": a plain statement its writer answers with a
        denial (engine/answers.py) is checked as denied; None when there is no such answer, the
        statement is more than one plain clause, or it denies already ("No" may then agree).
        An answer that restates the thing ("I used to think X. Turns out it doesn't.") denies or
        asserts X itself, whatever frame was around it."""
        found = self._answer(statement)
        if found is None:
            return None
        text, deny = found
        if self.analyzer.analyse(text).negated:
            return None
        result = self._check_text(text, deny=deny, top=top, explain=explain)
        if not result.matched:
            return None
        at = statement.find(text)
        ref = ClauseRef(text, max(at, 0), max(at, 0) + len(text) if at >= 0 else len(statement),
                        clause_reader.DENY if deny else clause_reader.ASSERT,
                        notes=("the writer's answer after it " + ("denies" if deny else "says") + " it",))
        return _with_clause(result, statement, ref, explain)

    def _scare_quoted(self, statement: str, top: int, explain: bool) -> CheckResult | None:
        """'Botox "treats" HFS', 'the "cure" for HFS is magnesium': quotation marks around the
        one or two words of a relation doubt it (scare quotes), so the statement is checked as
        denied; None when there are none, the statement denies already, or nothing matches."""
        m = _SCARE.search(statement)
        if m is None or _SCARE.search(statement, m.end()) is not None:
            return None
        quoted = m.group(2)
        if not any(t.relation for t in self.analyzer.analyse(quoted).terms):
            return None
        text = statement[:m.start()] + m.group(1) + quoted + m.group(3) + statement[m.end():]
        if self.analyzer.analyse(text).negated:
            return None
        result = self._check_text(text, deny=True, top=top, explain=explain)
        if not result.matched:
            return None
        ref = ClauseRef(text, 0, len(statement), clause_reader.DENY,
                        notes=(f"the quotation marks around '{quoted}' doubt it",))
        return _with_clause(result, statement, ref, explain)

    def _cause_named(self, statement: str, top: int, explain: bool) -> CheckResult | None:
        """"My eyelid has been jumping all week. Stress does that.": a pro-verb that names the
        cause of what was said before it (engine/proverb.py) is checked as "<what was said>
        because of <the cause>"; None when there is none or that reading matches nothing."""
        reading = proverb.read(statement)
        if reading is None:
            return None
        result = self._check_text(reading.text, deny=reading.denied, top=top, explain=explain)
        if not result.matched:
            return None
        ref = ClauseRef(reading.text, reading.start, reading.end,
                        clause_reader.DENY if reading.denied else clause_reader.ASSERT,
                        notes=(proverb.NOTE.format(proverb=reading.proverb),))
        return _with_clause(result, statement, ref, explain)

    @staticmethod
    def _answer(statement: str) -> tuple[str, bool] | None:
        """(the text an answer speaks of, whether it denies it), or None."""
        restated = answers.content_answer(statement)
        if restated is not None:
            said = [c for c in clause_reader.read(restated[0]) if c.checked or c.frame]
            if len(said) != 1 or said[0].parts:
                return None
            return said[0].text.rstrip("?"), restated[1]
        body = answers.denied_body(statement)
        if body is None:
            return None
        clauses = clause_reader.read(body)
        if not clause_reader.plain(clauses):
            # ("They say X. They're wrong.": an asserting frame's claim is what the answer denies;
            # "Who says X? Nobody.": so is an asking frame's)
            if len(clauses) != 1 or clauses[0].mood not in (clause_reader.ASSERT, clause_reader.ASK) \
                    or not clauses[0].frame or clauses[0].parts:
                return None
            body = clauses[0].text
        return body, True

    @staticmethod
    def _validate(statement: object) -> str:
        if not isinstance(statement, str):
            raise InputError(f"a statement must be text, not {type(statement).__name__}")
        if not statement.strip():
            raise InputError("empty statement: give a sentence to check")
        return statement

    def _check_text(self, text: str, *, deny: bool = False, top: int = 0,
                    explain: bool = False) -> CheckResult:
        """One claim's text through the engine; ``deny``: a frame around it denies it. The
        results of the last RECENT texts are kept (a result is frozen, and a function of these
        arguments): a text seen again is not analysed and judged again."""
        key = (text, deny, top, explain)
        result = self._recent_texts.get(key)
        if result is None:
            result = self._judged_text(text, deny, top, explain)
            self._recent_texts.put(key, result)
        return result

    def _judged_text(self, text: str, deny: bool, top: int, explain: bool) -> CheckResult:
        query = self.analyzer.analyse(text)
        if query.narrowed:
            # "Nerve symptoms from low B12 ...": the subject's modifier may be what a claim says
            # too; read with it first, and set it aside (a narrower statement) only if no claim
            # matches that way.
            whole = self._decided(text, self.analyzer.analyse(text, narrow=False), deny, top, explain)
            if whole.matched:
                return whole
        return self._decided(text, query, deny, top, explain)

    def _decided(self, text: str, query, deny: bool, top: int, explain: bool) -> CheckResult:
        judged = self.judge(query, depth=max(JUDGE, top))
        others = self._other_members(query) if not deny else []
        if deny:  # (judged as written; only the polarity of the verdict is the frame's)
            query = replace(query, negated=not query.negated)
        return decide(text, query, judged, self.kb, top=top, explain=explain, lexicon=self.index.lexicon,
                      others=others)

    def _other_members(self, query) -> list[Judgement]:
        """For an exclusive statement ("only X causes Y"), the claims retrieved by what it does not
        rule out (the relation and Y): where another cause of Y would be (engine/exclusive.py)."""
        f = exclusive.focus(query)
        if f is None:
            return []
        kept = f.patient if f.side == "agent" else f.agent
        probe = replace(query, terms=(f.relation, *kept))
        st = statement(query, self.index)
        return [judge(st, self.docs[doc_id], self.index, self.claim_sides)
                for claim, _ in self.index.search(probe, limit=JUDGE) for doc_id in self.index.phrasings[claim]]

    def _clause_results(self, statement: str, clauses, top: int, explain: bool,
                        every_part: bool = False, whole: CheckResult | None = None) -> list[CheckResult]:
        """A result for each clause that says something (a list's items combined when the
        clause as a whole matches nothing; ``every_part``: the items are checked anyway)."""
        out = []
        # "Y whenever X", "if X, Y": the main clause holds only in those cases, so it is narrower
        # than Y said alone. A claim that Y is false settles it; one that Y is true does not.
        # ("especially if", "particularly when" only stress a case of what is said in general.)
        limited = _limited(statement, clauses)
        for k, c in enumerate(clauses):
            if not c.checked:
                continue
            deny = c.mood == clause_reader.DENY
            ref = ClauseRef(c.text, c.start, c.end, c.mood, c.frame, c.notes)
            if whole is not None and c.mood == clause_reader.ASSERT and not c.frame \
                    and c.text == statement.strip().rstrip(".!"):
                r = whole  # the clause is the statement as it stands: checked already
            else:
                r = self._check_text(c.text, deny=deny, top=top, explain=explain)
            if c.parts and (every_part or not r.matched) and (r.matched or (r.nearest_score or 0.0) >= NEAR):
                parts = tuple(replace(self._check_text(p, deny=deny, top=top, explain=explain),
                                      statement=statement, clause=replace(ref, text=p))
                              for p in c.parts)
                r = replace(r, parts=parts) if r.matched else _combine(r, parts)
            if k in limited and polarity(r.verdict) is Polarity.SUPPORTED:
                r = replace(r, verdict=NO_MATCH, score=None, negated=False, claim=None, supporting=(),
                            contradicting=(), parts=(), nearest_score=r.score, reason=(
                                "The sentence says this only under a condition or at certain times "
                                "('if', 'when'); the claim it matches is more general, and being true "
                                "in general does not settle the narrower statement."))
            out.append(_with_clause(r, statement, ref, explain))
        return out

    def _fallback(self, statement: str, clauses, results: list[CheckResult],
                  whole: CheckResult) -> CheckResult:
        """No clause gave a verdict: the whole statement's, unless part of it asserts nothing."""
        if not whole.matched:
            lists = [r for r in results if r.parts]
            return lists[0] if lists else whole
        assert whole.claim is not None
        # The claim must not sit in a part that asserts nothing: a condition ("if X, ..."), a
        # negated report ("she never said X"). (Asked or denied clauses were checked already.)
        idle = [c for c in clauses if not c.checked]
        if not any((r := self._check_text(c.text)).matched and r.claim == whole.claim for c in idle):
            return whole
        return replace(
            whole, verdict=NO_MATCH, score=None, negated=False, claim=None, supporting=(),
            contradicting=(), nearest_score=whole.score,
            reason=("The statement matches a claim only as a whole, and part of it does not assert "
                    "what it says (a condition, a question or a frame that denies or only reports "
                    "it), so no verdict is given."),
        )

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


#: A word or two in quotation marks inside a sentence, with a word on each side (scare quotes).
_SCARE = lazy(globals(), "_SCARE", r"(\w\s+)[\"\u201c\u2018']([A-Za-z]+(?:\s[A-Za-z]+)?)[\"\u201d\u2019'](\s+\w)")


def _trimmed(statement: str, spans: list[tuple[int, int]]) -> bool:
    """One piece that leaves words out of the statement (a label, hashtags), not only marks, or
    that a mark before it calls false ("❌ X")."""
    if len(spans) != 1:
        return False
    a, b = spans[0]
    # (the piece's letters and digits are fewer than the statement's when some lie outside it)
    return any(map(str.isalnum, statement[:a])) or any(map(str.isalnum, statement[b:])) \
        or answers.labelled_false(statement[:a])


_loaded: dict[tuple[str, str], FactChecker] = {}


def _reload(path: str, digest: str) -> FactChecker:
    """A checker for the knowledge base at ``path``, loaded once per process (see __reduce__)."""
    checker = _loaded.get((path, digest))
    if checker is None:
        checker = FactChecker.load(path)
        if checker.kb.digest != digest:
            from ..errors import KnowledgeBaseError

            raise KnowledgeBaseError(f"knowledge base {path} changed since the checker was sent")
        _loaded.clear()  # one knowledge base per worker at a time
        _loaded[(path, digest)] = checker
    return checker


def _rebuild(kb: KnowledgeBase) -> FactChecker:
    return FactChecker(kb)


# labels from the strongest to the weakest: true first, no-match (and anything unknown) last
_ORDER = {label.value: i for i, label in enumerate(Label)}


def _combine(whole: CheckResult, parts: tuple[CheckResult, ...]) -> CheckResult:
    """A list's verdict from its items': any refuted -> refuted; all supported -> supported;
    otherwise the weakest (no-match weakest of all)."""
    refuted = [p for p in parts if polarity(p.verdict) is Polarity.REFUTED]
    if refuted:
        base = max(refuted, key=lambda p: p.score or 0.0)
    else:
        base = max(parts, key=lambda p: (_ORDER.get(p.verdict, _ORDER[NO_MATCH]), -(p.score or 0.0)))
    if base.verdict == NO_MATCH:
        return replace(whole, parts=parts)
    return replace(base, parts=parts)


def _with_clause(r: CheckResult, statement: str, ref: ClauseRef, explain: bool) -> CheckResult:
    r = replace(r, statement=statement, clause=ref)
    if explain and r.explanation is not None:
        notes = [f"checked the clause '{ref.text}'" + (f" (frame '{ref.frame}': {ref.mood})" if ref.frame else ""),
                 *ref.notes]
        notes += [f"part '{p.statement if p.clause is None else p.clause.text}': {p.verdict}"
                  + (f" ({p.claim.id})" if p.claim else "") for p in r.parts]
        r = replace(r, explanation=replace(r.explanation, notes=tuple(notes) + r.explanation.notes))
    return r


def _shifted(r: CheckResult, statement: str, offset: int) -> CheckResult:
    """A piece's result as the whole statement's: its clause (or the piece) placed in it."""
    if r.clause is not None:
        ref = replace(r.clause, start=r.clause.start + offset, end=r.clause.end + offset)
    else:
        text = r.statement
        ref = ClauseRef(text, offset, offset + len(text), clause_reader.ASK if text.rstrip().endswith("?")
                        else clause_reader.ASSERT)
    return replace(r, statement=statement, clause=ref)


_STRESS = tuple(language.entries("stressing"))  # ("especially if" stresses a case)


def _limited(statement: str, clauses) -> set[int]:
    """The clauses a time or condition clause limits: every main or coordinate clause after one
    that opens the sentence ("If X, A, and B"); otherwise the one right before it ("A, so B
    before X" limits B, not A)."""
    heads = [k for k, c in enumerate(clauses) if c.kind in ("main", "coordinate")]
    out: set[int] = set()
    for k, c in enumerate(clauses):
        if c.kind not in ("time", "condition") or _stressed(statement, c.start):
            continue
        before = [h for h in heads if h < k]
        out.update(before[-1:] if before else (h for h in heads if h > k))
    return out


def _stressed(statement: str, start: int) -> bool:
    """The clause at ``start`` follows "especially", "particularly": it stresses a case."""
    before = statement[:start].lower().rstrip(" ,")
    head = statement[start:start + 40].lower()
    return before.endswith(_STRESS) or head.startswith(_STRESS)


def _modal(claim, phrasing: int, tokens: list[str]) -> tuple[int, str]:
    """The modals of a claim (wording.modal) and its own text (where wording.region_of reads the
    place in the body it names), as its own text says them: its other phrasings restate it
    ("Stress triggers twitching" for "Stress can trigger twitching", "muscle twitching" for
    "facial twitching") and keep its hedge and place."""
    own = claim.phrasings[0]
    return wording.modal(tokens if phrasing == 0 else tokenise(own)), own


def _unsettled_consequence(analyzer, clauses, results: list[CheckResult]) -> CheckResult | None:
    """"X causes Y, which leads to Z": a relative clause that relates things of its own, which no
    claim settles, leaves the statement open even when the rest is supported (a chain is as true
    as its weakest link): its no-match stands for the statement, or None."""
    for c in clauses:
        if c.kind != "relative" or not c.checked or not any(t.relation for t in analyzer.analyse(c.text).terms):
            continue
        r = next((r for r in results if r.clause is not None and r.clause.text == c.text), None)
        if r is not None and not r.matched:
            return replace(r, reason=f"The statement also says that {c.text[:1].lower() + c.text[1:]}, which no "
                                     f"claim in the knowledge base settles; the rest does not settle the whole. "
                                     + r.reason)
    return None


def _far(whole: CheckResult, clauses) -> bool:
    """The statement as a whole is far from every claim, and nothing in it changes what it says
    (no frame at all, even one that asserts: '"X," said Dr A, a consultant at B' is far as a
    whole for all the words of its attribution): its clauses, which say less, are not checked."""
    near = whole.matched or (whole.nearest_score or 0.0) >= NEAR
    return not near and all(c.mood in (clause_reader.ASSERT, clause_reader.ASK) and not c.frame for c in clauses)


def _contradiction(r: CheckResult) -> CheckResult:
    """No verdict: the statement says a claim and its opposite."""
    return replace(
        r, verdict=NO_MATCH, score=None, negated=False, claim=None, supporting=(), contradicting=(),
        parts=(), nearest_score=r.score,
        reason="The statement both asserts and denies the same claim, so no verdict is given.",
    )


def _consistent(results: list[CheckResult]) -> list[CheckResult]:
    """Drop results that give one claim opposite verdicts (the sentence says both)."""
    verdicts: dict[str, set[str]] = {}
    for r in results:
        if r.claim is not None:
            verdicts.setdefault(r.claim.id, set()).add(r.verdict)
    return [r for r in results if r.claim is None or len(verdicts[r.claim.id]) == 1]


def read_back(result: CheckResult, sentence: str, reading: Reading, explain: bool) -> CheckResult:
    """A result on a sentence checked with a pronoun read (``reading``) as a result on the
    sentence as written: its clause placed in it, and a note of what the pronoun was read as."""
    clause = result.clause
    if clause is None:
        clause = ClauseRef(reading.text, 0, len(reading.text),
                           "ask" if reading.text.rstrip().endswith("?") else "assert")
    # (only a clause that holds the words read says so: the others were checked as written)
    noted = clause.start <= reading.start + len(reading.replacement) and clause.end >= reading.start
    clause = replace(clause, start=reading.place(clause.start), end=reading.place(clause.end, end=True),
                     notes=(reading.note, *clause.notes) if noted else clause.notes)
    result = replace(result, statement=sentence, clause=clause)
    if noted and explain and result.explanation is not None:
        result = replace(result, explanation=replace(
            result.explanation, notes=(reading.note, *result.explanation.notes)))
    return result
