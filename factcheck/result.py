"""What a check returns: frozen result objects, their JSON form, and the exit status they imply."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from .kb.knowledge import Claim, Source
from .labels import ExitStatus as ExitStatus  # (re-exported: the home of verdict meaning is labels)
from .labels import Label
from .labels import exit_status as exit_status
from .records import dataclass

NO_MATCH = Label.NO_MATCH.value
#: Every label a result can carry, from the claim verdicts to ``no-match``.
LABELS = tuple(label.value for label in Label)


@dataclass(frozen=True)
class Excerpt:
    """A verbatim quote from a source, for or against the user's statement."""

    source: Source
    excerpt: str

    def to_dict(self) -> dict[str, Any]:
        s = self.source
        return {
            "source": {"id": s.id, "title": s.title, "publisher": s.publisher,
                       "reliability": s.reliability.value},
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True)
class Candidate:
    """A claim the statement was compared with, and how well it matched (0-100)."""

    id: str
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "score": round(self.score, 1)}


@dataclass(frozen=True)
class Explanation:
    """How a verdict was reached, for ``--explain``."""

    normalised: str
    terms: tuple[str, ...]
    concepts: tuple[tuple[str, str], ...]  # (words in the statement, concept id)
    corrections: tuple[tuple[str, str], ...]  # (typed word, vocabulary word it was read as)
    negation_cues: tuple[str, ...]
    question: bool
    runners_up: tuple[Candidate, ...]
    notes: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # general-knowledge links the match used (synonym, is-a, relation class)
    refused: tuple[tuple[str, str], ...] = ()  # (claim id, why it is not the statement's claim)

    def to_dict(self) -> dict[str, Any]:
        return {
            "normalised": self.normalised,
            "terms": list(self.terms),
            "concepts": [{"text": t, "concept": c} for t, c in self.concepts],
            "corrections": [{"typed": a, "read_as": b} for a, b in self.corrections],
            "negation_cues": list(self.negation_cues),
            "question": self.question,
            "runners_up": [c.to_dict() for c in self.runners_up],
            "notes": list(self.notes),
            "links": list(self.links),
            "refused": [{"id": i, "why": w} for i, w in self.refused],
        }


@dataclass(frozen=True)
class ClauseRef:
    """The clause of a longer statement that was checked, and where it stands in it."""

    text: str  # as checked: frame removed, a pronoun read as its noun
    start: int  # character offsets in the statement, frame included
    end: int
    mood: str  # assert, deny or ask (see factcheck.engine.clauses)
    frame: str = ""  # "My cousin swears that", "I doubt that"
    notes: tuple[str, ...] = ()  # how it was read ("read 'it' as 'hemifacial spasm'", an anecdote)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "mood": self.mood,
                "frame": self.frame, "notes": list(self.notes)}


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one statement, with the evidence for and against it."""

    statement: str
    verdict: str  # one of LABELS
    score: float | None  # confidence of the verdict given, 0-100; None for no-match
    negated: bool
    claim: Claim | None
    reason: str
    supporting: tuple[Excerpt, ...] = ()
    contradicting: tuple[Excerpt, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    explanation: Explanation | None = field(default=None, compare=False)
    #: no-match only: the match score of the nearest claim, which was judged not the same claim
    nearest_score: float | None = None
    #: the clause that decided, when the statement was read clause by clause (None: read whole)
    clause: ClauseRef | None = None
    #: the items of a list ("stress and fatigue trigger twitching"), each checked on its own
    parts: tuple[CheckResult, ...] = ()

    @property
    def matched(self) -> bool:
        return self.verdict != NO_MATCH

    def to_dict(self, *, top: int = 0, explain: bool = False) -> dict[str, Any]:
        """The JSON object documented in the README (``candidates`` with ``top`` > 0)."""
        d: dict[str, Any] = {
            "statement": self.statement,
            "verdict": self.verdict,
            "score": _round(self.score),
            "nearest_score": _round(self.nearest_score),
            "negated": self.negated,
            "claim": (
                {"id": self.claim.id, "text": self.claim.text, "verdict": self.claim.verdict.value}
                if self.claim else None
            ),
            "reason": self.reason,
            "supporting": [e.to_dict() for e in self.supporting],
            "contradicting": [e.to_dict() for e in self.contradicting],
            "clause": self.clause.to_dict() if self.clause is not None else None,
            "parts": [
                {"text": p.clause.text if p.clause is not None else p.statement, "verdict": p.verdict,
                 "score": _round(p.score), "claim": p.claim.id if p.claim else None}
                for p in self.parts
            ],
        }
        if top > 0:
            d["candidates"] = [c.to_dict() for c in self.candidates[:top]]
        if explain and self.explanation is not None:
            d["explanation"] = self.explanation.to_dict()
        return d


def _round(score: float | None) -> float | None:
    return None if score is None else round(score, 1)

