"""From a judged match to a verdict: polarity, the evidence split, the one-line reason."""

from __future__ import annotations

from collections.abc import Sequence

from ..kb.knowledge import Claim, KnowledgeBase, Stance
from ..result import NO_MATCH, Candidate, CheckResult, Excerpt, Explanation
from . import exclusive
from .analysis import Analysis
from .lexicon import Lexicon
from .matching import Judgement

AMBIGUITY_MARGIN = 4.0  # two claims this close with opposite verdicts: abstain
RELATED = 3  # candidates kept even without --top, to show as related claims


def decide(
    statement: str, query: Analysis, ranked: Sequence[tuple[float, Judgement]], kb: KnowledgeBase, *,
    top: int = 0, explain: bool = False, lexicon: Lexicon | None = None,
    others: Sequence[Judgement] = (),
) -> CheckResult:
    """The result for one statement, from its ranked, judged candidates (best first).

    The verdict comes from the accepted judgement with the highest match score; the order of
    candidates (``--top``) is the ranking's. ``others`` are further judgements an exclusive
    statement may be refuted by (engine/exclusive.py).
    """
    # (only the candidates shown are read from the knowledge base; an explanation lists more)
    candidates = _candidates(ranked if explain else ranked[:max(top, RELATED)], kb)
    judged = sorted((j for _, j in ranked), key=lambda j: -j.score)
    best = next((j for j in judged if j.accepted and usable(j, kb)), None)
    notes: list[str] = []
    ambiguous = False  # two claims match almost equally with opposite verdicts
    denied = exclusive.focus(query) if lexicon is not None and query.negated else None
    if denied is not None and denied.denied:
        best = None  # ("not every Y is caused by X" says others cause Y too: no claim of X alone settles it)
    if query.truncated:
        notes.append("the statement was long; only its beginning was read")

    if best is not None:
        rival = _rival(query, best, judged, kb)
        if rival is not None:
            notes.append(f"two claims match almost equally with opposite verdicts: "
                         f"{kb.claims[best.doc.claim].id}, {kb.claims[rival.doc.claim].id}")
            best = None
            ambiguous = True

    if best is None and not ambiguous and lexicon is not None:
        f = exclusive.focus(query)
        # (``others``: claims found by what the statement does not rule out, see checker._decided)
        alt = exclusive.alternative(f, [*judged, *others], lambda j: kb.claims[j.doc.claim].verdict.supported,
                                    lexicon) if f is not None else None
        if f is not None and alt is not None:
            return _refuted_by(statement, query, f, alt, candidates, notes, ranked, kb, top, explain)

    if best is None:
        reason = _no_match_reason(query, judged, kb, ambiguous)
        return CheckResult(
            statement=statement, verdict=NO_MATCH, score=None, negated=False, claim=None,
            reason=reason, candidates=tuple(candidates[:max(top, RELATED)]),
            explanation=_explain(query, candidates, None, notes, [j for _, j in ranked], kb) if explain else None,
            nearest_score=judged[0].score if judged else None,
        )

    claim = kb.claims[best.doc.claim]
    negated = (query.negated != best.doc.analysis.negated) != best.flipped
    verdict = claim.verdict.flipped() if negated else claim.verdict
    supporting, contradicting = _split_evidence(claim, negated)
    notes.extend(best.notes)
    reason = _reason(claim, verdict, negated)
    return CheckResult(
        statement=statement, verdict=verdict.value, score=best.score, negated=negated, claim=claim,
        reason=reason, supporting=supporting, contradicting=contradicting,
        candidates=tuple(candidates[:max(top, RELATED)]),
        explanation=_explain(query, candidates, claim.id, notes, [j for _, j in ranked], kb, best) if explain else None,
    )


def _reason(claim: Claim, verdict, negated: bool) -> str:
    """Why the statement gets ``verdict`` through ``claim``: the claim's summary, and what a denial did."""
    if not negated:
        return claim.summary
    if verdict is claim.verdict:
        return f"The statement denies this claim, which is rated {claim.verdict.value}: {claim.summary}"
    return (f"The statement denies this claim, rated {claim.verdict.value}, so it is "
            f"{verdict.value}: {claim.summary}")


def _rival(query: Analysis, best: Judgement, judged: Sequence[Judgement], kb: KnowledgeBase) -> Judgement | None:
    """Another claim that matches almost as well as the best with the opposite verdict, or None."""
    rival = next((j for j in judged if j.accepted and j.doc.claim != best.doc.claim), None)
    if rival is None or best.score - rival.score >= AMBIGUITY_MARGIN:
        return None
    v1 = _effective(kb.claims[best.doc.claim], query, best)
    v2 = _effective(kb.claims[rival.doc.claim], query, rival)
    return rival if (v1.supported and v2.refuted) or (v1.refuted and v2.supported) else None


def _refuted_by(statement: str, query: Analysis, f: exclusive.Focus, alt: Judgement,
                candidates: list[Candidate], notes: list[str], ranked: Sequence[tuple[float, Judgement]],
                kb: KnowledgeBase, top: int, explain: bool) -> CheckResult:
    """"Only X causes Y" against a supported "Z causes Y": the statement is refuted, as far as
    the other claim is supported, and that claim's evidence contradicts it."""
    claim = kb.claims[alt.doc.claim]
    verdict = claim.verdict if f.denied else claim.verdict.flipped()
    supporting, contradicting = _split_evidence(claim, not f.denied)
    what = "nothing else does this" if f.side == "agent" else "it does nothing else of the kind"
    if f.denied:  # ("not every Y is caused by X": supported by another cause of Y)
        reason = (f"'not {f.word}' says others do this too, and the knowledge base holds that "
                  f"{_unpunctuated(claim.text)} (rated {claim.verdict.value}): {claim.summary}")
        notes = [*notes, f"'not {f.word}' leaves room for others; supported by another claim (natural logic)"]
    else:
        reason = (f"'{f.word}' says {what}, but the knowledge base holds that "
                  f"{_unpunctuated(claim.text)} (rated {claim.verdict.value}): {claim.summary}")
        notes = [*notes, f"'{f.word}' rules out others; refuted by another claim (natural logic)"]
    return CheckResult(
        statement=statement, verdict=verdict.value, score=alt.score, negated=not f.denied, claim=claim,
        reason=reason, supporting=supporting, contradicting=contradicting,
        candidates=tuple(candidates[:max(top, RELATED)]),
        explanation=_explain(query, candidates, claim.id, notes, [j for _, j in ranked], kb, alt) if explain else None,
    )


def _unpunctuated(text: str) -> str:
    text = text.rstrip(" .!")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def usable(j: Judgement, kb: KnowledgeBase) -> bool:
    """A claim about a broader concept settles a narrower statement only when it denies in general.

    "No supplement cures HFS" (or "supplements cure HFS", rated false) settles "zinc cures
    HFS"; "deficiencies can cause twitching" does not settle "a lack of vitamin C causes it".
    """
    if not j.broader and not j.general:
        return True
    if j.broader and j.general:
        return False  # narrower in one respect, broader in another: neither settles the other
    claim = kb.claims[j.doc.claim]
    negated = j.doc.analysis.negated
    core_refuted = (claim.verdict.refuted and not negated) or (claim.verdict.supported and negated)
    core_supported = (claim.verdict.supported and not negated) or (claim.verdict.refuted and negated)
    # A narrower statement is settled by a broader claim that is false; a broader statement
    # by a narrower claim that is true ("X cures Y" is true, so "X treats Y" is).
    return core_refuted if j.broader else core_supported


def _effective(claim: Claim, query: Analysis, j: Judgement):
    return claim.verdict.flipped() if (query.negated != j.doc.analysis.negated) != j.flipped else claim.verdict


def _split_evidence(claim: Claim, negated: bool) -> tuple[tuple[Excerpt, ...], tuple[Excerpt, ...]]:
    """Evidence relative to the user's statement: a denial swaps the sides."""
    for_claim = tuple(Excerpt(e.source, e.excerpt) for e in claim.evidence if e.stance is Stance.SUPPORTS)
    against = tuple(Excerpt(e.source, e.excerpt) for e in claim.evidence if e.stance is Stance.CONTRADICTS)
    order = {"high": 0, "medium": 1, "low": 2}
    for_claim = tuple(sorted(for_claim, key=lambda e: order[e.source.reliability.value]))
    against = tuple(sorted(against, key=lambda e: order[e.source.reliability.value]))
    return (against, for_claim) if negated else (for_claim, against)


def _candidates(ranked: Sequence[tuple[float, Judgement]], kb: KnowledgeBase) -> list[Candidate]:
    return [
        Candidate(kb.claims[j.doc.claim].id, kb.claims[j.doc.claim].text, score) for score, j in ranked
    ]


def _no_match_reason(query: Analysis, judged: Sequence[Judgement], kb: KnowledgeBase, ambiguous: bool) -> str:
    if not query.terms:
        return "The statement has no words to check (only common words or none)."
    if ambiguous:
        return "Two claims match almost equally but disagree, so no verdict is given."
    if not judged or judged[0].score < 25:
        return "No claim in the knowledge base covers this statement."
    nearest = judged[0]
    if nearest.accepted and nearest.stronger:  # the statement claims more than a claim not refuted
        why = (f"says less: '{nearest.stronger}' claims more than the claim does, and only a refuted "
               f"claim settles a stronger statement")
    elif nearest.accepted:  # matched, but only through a broader concept that does not settle it
        why = "is about something broader, and does not settle this narrower statement"
    elif nearest.why_not.strip():
        why = f"differs: {nearest.why_not}"
    else:
        why = "is not close enough to be the same claim"
    return (f"No claim in the knowledge base makes this statement; the nearest, "
            f"'{kb.claims[nearest.doc.claim].id}', {why}.")


def _explain(query: Analysis, candidates: list[Candidate], matched: str | None,
             notes: list[str], judged: Sequence[Judgement], kb: KnowledgeBase,
             best: Judgement | None = None) -> Explanation:
    refused: list[tuple[str, str]] = []
    for j in judged:
        cid = kb.claims[j.doc.claim].id
        if cid == matched or any(cid == r[0] for r in refused):
            continue
        if not j.accepted:
            refused.append((cid, j.why_not or "too little in common"))
        elif not usable(j, kb) and j.stronger:
            refused.append((cid, f"'{j.stronger}' claims more than the claim does, and only a refuted "
                                  "claim settles a stronger statement (natural logic)"))
        elif not usable(j, kb):
            refused.append((cid, "it is more general or more particular than the statement, and "
                                  "its verdict does not carry over (natural logic)"))
        if len(refused) >= 5:
            break
    return Explanation(
        links=best.links if best is not None else (),
        refused=tuple(refused),
        normalised=query.normalised,
        terms=tuple(t.key for t in query.terms),
        concepts=query.concepts,
        corrections=query.corrections,
        negation_cues=query.cues,
        question=query.question,
        runners_up=tuple(c for c in candidates if c.id != matched)[:5],
        notes=tuple(notes),
    )
