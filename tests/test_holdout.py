"""The held-out labelled set: does the engine generalise to statements nobody tuned it on?

``tests/holdout.jsonl`` was written and labelled blind to ``tests/cases.jsonl`` and committed
before the engine first ran on it (see docs/readme/holdout.md). It is a measurement, not a
target: do not tune the engine or the knowledge base on its statements, and do not copy them
into the tuned set (a test below fails if one appears there).

The product's first promise is never to be confidently wrong, so every case must be free of a
polarity flip (a supported verdict expected and a refuted one given, or the reverse). The
accuracy floor sits 5 points below the measured accuracy, so it catches regressions without
having been tuned.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from factcheck import evaluate
from factcheck.evaluate import Case, Report, expected_polarity, polarity
from factcheck.result import NO_MATCH

HERE = Path(__file__).parent
HOLDOUT = HERE / "holdout.jsonl"
TUNED = HERE / "cases.jsonl"

CATEGORIES = (
    "paraphrase", "negation", "typo", "question", "entity-swap", "near-domain", "unrelated",
    "twitching-vs-hfs", "style", "adversarial",
)
MIN_CASES = 200
MIN_PER_CATEGORY = 20

# Measured after the knowledge base grew: 198/252 = 78.6%; raised as the engine improved, last
# at 2c35f46 (fifth session): 219/252 = 86.9%. The floor is 5 points below, rounded down to a
# whole percent.
MEASURED_ACCURACY = 219 / 252
ACCURACY_FLOOR = math.floor(MEASURED_ACCURACY * 100 - 5) / 100

# Flips the first run found. Each is an expected failure (strict: once the engine stops
# flipping it, the test fails until the statement is removed from here). Any other flip fails.
# Flips the engine is known to make (each a strict xfail). Empty: the two the set first found
# ("Magnesium deficiency always causes facial twitching." and "You need calcium in order to
# absorb vitamin D.", both answered true) were fixed in the engine, so every flip fails the test.
KNOWN_FLIPS: dict[str, str] = {}

CASES: list[Case] = evaluate.read_cases(HOLDOUT)


@pytest.fixture(scope="module")
def report() -> Report:
    from factcheck.engine.checker import FactChecker

    return evaluate.run(FactChecker.load(), CASES)


def _table(report: Report) -> str:
    rows = [f"  {c.category:<18} {c.passed:>3}/{c.total:<3} {c.accuracy:6.1%}  flips {c.flips}"
            for c in report.by_category]
    rows.append(f"  {'overall':<18} {report.passed:>3}/{report.total:<3} {report.accuracy:6.1%}"
                f"  flips {report.flips}")
    return "\n".join(rows)


def _describe(outcome: evaluate.Outcome) -> str:
    return (f"line {outcome.case.line}: {outcome.case.statement!r} expected "
            f"{'/'.join(outcome.case.expect)}, got {outcome.verdict} "
            f"(claim {outcome.claim or '-'}, score {outcome.confidence:.0f})")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9.%-]+", " ", text.lower())).strip(" .")


# --------------------------------------------------------------------------- well-formedness


def test_enough_cases_in_every_category() -> None:
    counts = Counter(c.category for c in CASES)
    assert len(CASES) >= MIN_CASES, f"{len(CASES)} cases, want at least {MIN_CASES}"
    assert set(counts) == set(CATEGORIES), f"categories {sorted(counts)}, want {sorted(CATEGORIES)}"
    thin = {c: n for c, n in counts.items() if n < MIN_PER_CATEGORY}
    assert not thin, f"categories with fewer than {MIN_PER_CATEGORY} cases: {thin}"


def test_claims_are_known_and_only_set_when_a_match_is_required() -> None:
    from factcheck.kb.knowledge import load

    ids = {claim.id for claim in load().claims}
    unknown = [(c.line, c.claim) for c in CASES if c.claim is not None and c.claim not in ids]
    assert not unknown, f"unknown claim ids: {unknown}"
    loose = [c.line for c in CASES if c.claim is not None and NO_MATCH in c.expect]
    assert not loose, f"lines that name a claim but also accept no-match: {loose}"


def test_no_case_accepts_both_a_supported_and_a_refuted_verdict() -> None:
    both = [c.line for c in CASES if {polarity(e) for e in c.expect} >= {1, -1}]
    assert not both, f"lines accepting both polarities: {both}"


def test_no_statement_twice_and_none_in_the_tuned_set() -> None:
    mine = Counter(_norm(c.statement) for c in CASES)
    twice = [s for s, n in mine.items() if n > 1]
    assert not twice, f"statements listed twice: {twice}"
    tuned = {_norm(json.loads(line)["statement"])
             for line in TUNED.read_text(encoding="utf-8").splitlines() if line.strip()}
    shared = sorted(set(mine) & tuned)
    assert not shared, f"held-out statements also in the tuned set (no longer held out): {shared}"


def test_known_flips_are_held_out_statements_that_expect_a_polarity() -> None:
    by_statement = {c.statement: c for c in CASES}
    missing = [s for s in KNOWN_FLIPS if s not in by_statement]
    assert not missing, f"KNOWN_FLIPS names statements not in the set: {missing}"
    neutral = [s for s in KNOWN_FLIPS if expected_polarity(by_statement[s].expect) == 0]
    assert not neutral, f"KNOWN_FLIPS names statements that cannot flip: {neutral}"


# --------------------------------------------------------------------------- the measurement


def _flip_param(case: Case) -> object:
    marks = ()
    if case.statement in KNOWN_FLIPS:
        marks = (pytest.mark.xfail(strict=True, reason=f"known flip: {KNOWN_FLIPS[case.statement]}"),)
    return pytest.param(case, id=f"line{case.line}", marks=marks)


@pytest.mark.parametrize("case", [_flip_param(c) for c in CASES])
def test_no_polarity_flip(report: Report, case: Case) -> None:
    outcome = next(o for o in report.outcomes if o.case is case)
    assert not outcome.flip, "polarity flip (confidently wrong): " + _describe(outcome)


def test_accuracy_floor(report: Report) -> None:
    print(f"\nheld-out set, accuracy by category:\n{_table(report)}")
    worst = "\n".join("  " + _describe(o) for o in report.misses[:15])
    assert report.accuracy >= ACCURACY_FLOOR, (
        f"held-out accuracy {report.accuracy:.1%} is below the floor {ACCURACY_FLOOR:.0%} "
        f"(measured {MEASURED_ACCURACY:.1%} when the set was written)\n{_table(report)}\n"
        f"worst misses:\n{worst}"
    )
