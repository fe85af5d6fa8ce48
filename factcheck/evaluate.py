"""Run labelled statements through a fact-checker and measure how often it gets them right.

A cases file is JSON Lines, one case a line::

    {"statement": "Magnesium cures hemifacial spasm", "expect": "false", "category": "cure"}
    {"statement": "B12 helps HFS", "expect": ["false", "mostly-false"], "claim": "b12-treats-hfs"}

``expect`` is a label or a list of acceptable labels (the verdicts and ``no-match``); with
``claim``, the statement must also be matched to that claim. Other keys are ignored.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import labels
from .errors import InputError
from .result import LABELS, NO_MATCH

if TYPE_CHECKING:
    from .engine.checker import FactChecker
    from .result import CheckResult

UNCATEGORISED = "(none)"
_KEYS = ("statement", "expect", "category", "claim")


@dataclass(frozen=True)
class Case:
    """One labelled statement, and the line of the cases file it came from."""

    statement: str
    expect: tuple[str, ...]
    category: str = UNCATEGORISED
    claim: str | None = None
    line: int = 0
    source: str = field(default="", compare=False)  # the cases file's name, for messages

    @property
    def where(self) -> str:
        """``file:line``, the prefix of every message about this case."""
        return f"{self.source or '<cases>'}:{self.line}"


def polarity(label: str) -> int:
    """+1 for true/mostly-true, -1 for false/mostly-false, 0 for the rest."""
    return int(labels.polarity(label))


def expected_polarity(expect: Iterable[str]) -> int:
    """+1 or -1 when every polar label in ``expect`` leans one way, else 0."""
    signs = {polarity(label) for label in expect} - {0}
    return signs.pop() if len(signs) == 1 else 0


# --------------------------------------------------------------------------- reading cases


def parse_cases(lines: Iterable[str], name: str = "<cases>") -> list[Case]:
    """Parse JSON Lines into cases; a malformed line raises InputError naming ``name:line``."""
    from .files import loads

    cases = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        obj = loads(line, name, line=number)
        cases.append(_case(obj, name, number))
    return cases


def _case(obj: Any, name: str, line: int) -> Case:
    where = f"{name}:{line}"
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a case must be a JSON object with 'statement' and 'expect'")
    for key in ("statement", "expect"):
        if key not in obj:
            raise InputError(f"{where}: missing '{key}'")
    statement = obj["statement"]
    if not isinstance(statement, str) or not statement.strip():
        raise InputError(f"{where}: 'statement' must be a non-empty string")
    expect = obj["expect"]
    if isinstance(expect, str):
        expect = [expect]
    if not isinstance(expect, list) or not expect or not all(isinstance(e, str) for e in expect):
        raise InputError(f"{where}: 'expect' must be a label or a non-empty list of labels")
    unknown = [e for e in expect if e not in LABELS]
    if unknown:
        raise InputError(
            f"{where}: unknown label '{unknown[0]}' in 'expect' (expected: {', '.join(LABELS)})"
        )
    for key in ("category", "claim"):
        if obj.get(key) is not None and (not isinstance(obj[key], str) or not obj[key].strip()):
            raise InputError(f"{where}: '{key}' must be a non-empty string")
    claim = obj.get("claim")
    if claim is not None and expect == [NO_MATCH]:
        raise InputError(f"{where}: 'claim' names a claim to match, but 'expect' is only no-match")
    return Case(
        statement=statement, expect=tuple(dict.fromkeys(expect)),
        category=obj.get("category") or UNCATEGORISED, claim=claim, line=line, source=name,
    )


def read_cases(path: str | os.PathLike[str]) -> list[Case]:
    """Read a cases file (``-`` for standard input)."""
    from .files import read_stdin_text, read_text

    if str(path) == "-":
        return parse_cases(read_stdin_text("<stdin>").splitlines(), "<stdin>")

    p = Path(path)
    text = read_text(p, what="cases file")
    return parse_cases(text.splitlines(), str(p))


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Outcome:
    """What the checker said about one case."""

    case: Case
    verdict: str
    claim: str | None  # id of the matched claim
    score: float | None  # confidence of the verdict given; None for no-match
    nearest_score: float | None = None  # no-match only: how close the nearest claim came

    @property
    def confidence(self) -> float:
        """For ordering misses: the verdict's score, or for a no-match the nearest's."""
        return self.score if self.score is not None else (self.nearest_score or 0.0)

    @property
    def passed(self) -> bool:
        return self.verdict in self.case.expect and (
            self.case.claim is None or self.claim == self.case.claim
        )

    @property
    def flip(self) -> bool:
        """Expected one polarity (true-ish or false-ish) and got the opposite."""
        expected = expected_polarity(self.case.expect)
        return expected != 0 and polarity(self.verdict) == -expected

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.case.line,
            "statement": self.case.statement,
            "category": self.case.category,
            "expect": list(self.case.expect),
            "expect_claim": self.case.claim,
            "verdict": self.verdict,
            "claim": self.claim,
            "score": None if self.score is None else round(self.score, 1),
            "nearest_score": None if self.nearest_score is None else round(self.nearest_score, 1),
            "passed": self.passed,
            "flip": self.flip,
        }


@dataclass(frozen=True)
class CategoryScore:
    category: str
    passed: int
    total: int
    flips: int

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0


@dataclass(frozen=True)
class Report:
    """Every outcome of an evaluation, with accuracy overall and by category."""

    outcomes: tuple[Outcome, ...]

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @property
    def flips(self) -> int:
        return sum(o.flip for o in self.outcomes)

    @property
    def misses(self) -> tuple[Outcome, ...]:
        """The failed cases, worst first: polarity flips, then the most confident wrong answers."""
        failed = [o for o in self.outcomes if not o.passed]
        return tuple(sorted(failed, key=lambda o: (not o.flip, -o.confidence, o.case.line)))

    @property
    def by_category(self) -> tuple[CategoryScore, ...]:
        totals: Counter[str] = Counter()
        passed: Counter[str] = Counter()
        flips: Counter[str] = Counter()
        for o in self.outcomes:
            totals[o.case.category] += 1
            passed[o.case.category] += o.passed
            flips[o.case.category] += o.flip
        return tuple(CategoryScore(c, passed[c], totals[c], flips[c]) for c in sorted(totals))

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "passed": self.passed,
            "accuracy": round(self.accuracy, 4),
            "flips": self.flips,
            "categories": {
                c.category: {"total": c.total, "passed": c.passed,
                             "accuracy": round(c.accuracy, 4), "flips": c.flips}
                for c in self.by_category
            },
            "misses": [o.to_dict() for o in self.misses],
        }


def check_claims(checker: FactChecker, cases: Sequence[Case]) -> None:
    """Raise InputError for a case whose 'claim' is not in the checker's knowledge base."""
    for case in cases:
        if case.claim is not None and checker.kb.claim(case.claim) is None:
            raise InputError(f"{case.where}: unknown claim '{case.claim}' in 'claim'")


def run(checker: FactChecker, cases: Sequence[Case]) -> Report:
    """Check every case's statement and compare the verdict (and claim) with what it expects."""
    check_claims(checker, cases)
    results: Iterable[CheckResult] = checker.check_many(c.statement for c in cases)
    outcomes = tuple(
        Outcome(case, r.verdict, r.claim.id if r.claim is not None else None, r.score, r.nearest_score)
        for case, r in zip(cases, results, strict=True)
    )
    return Report(outcomes)
