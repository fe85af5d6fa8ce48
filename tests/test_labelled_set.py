"""The labelled set (`tests/cases.jsonl`) run against the shipped knowledge base.

The cases are the yardstick: each expected verdict was decided from the knowledge base's claims
and the source documents, never copied from the engine. These tests hold the engine to at least
95% accuracy and to no polarity flip (a supported verdict where a refuted one is expected, or the
reverse), and check that the set itself stays well formed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.engine.checker import FactChecker
from factcheck.cli.app import app
from factcheck.evaluate import Case, Outcome, Report, polarity, read_cases, run

CASES_FILE = Path(__file__).with_name("cases.jsonl")
MIN_ACCURACY = 0.95
MIN_CASES = 150
MIN_PER_CATEGORY = 20
CATEGORIES = frozenset({
    "paraphrase", "negation", "typo", "question", "entity-swap",
    "near-domain", "unrelated", "twitching-vs-hfs", "style",
})


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return read_cases(CASES_FILE)


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker.load()


@pytest.fixture(scope="module")
def report(checker: FactChecker, cases: list[Case]) -> Report:
    return run(checker, cases)


def _describe(o: Outcome) -> str:
    want = "/".join(o.case.expect) + (f" on {o.case.claim}" if o.case.claim else "")
    got = o.verdict + (f" on {o.claim}" if o.claim else "")
    flip = "FLIP " if o.flip else ""
    return (f"  {flip}line {o.case.line} [{o.case.category}] {o.case.statement!r}\n"
            f"      expected {want}; got {got} (score {o.confidence:.1f})")


def _misses(report: Report) -> str:
    by_category = ", ".join(f"{c.category} {c.passed}/{c.total}" for c in report.by_category)
    lines = [f"accuracy {report.passed}/{report.total} = {report.accuracy:.1%}, "
             f"polarity flips {report.flips} ({by_category}); misses, worst first:"]
    lines += [_describe(o) for o in report.misses]
    return "\n".join(lines)


# --------------------------------------------------------------------------- the set itself


def test_set_is_large_enough(cases: list[Case]) -> None:
    assert len(cases) >= MIN_CASES


def test_every_category_is_known_and_has_enough_cases(cases: list[Case]) -> None:
    counts = Counter(c.category for c in cases)
    assert set(counts) == CATEGORIES
    thin = {category: n for category, n in counts.items() if n < MIN_PER_CATEGORY}
    assert not thin, f"categories with fewer than {MIN_PER_CATEGORY} cases: {thin}"


def test_every_named_claim_exists(checker: FactChecker, cases: list[Case]) -> None:
    unknown = [(c.line, c.claim) for c in cases if c.claim and checker.kb.claim(c.claim) is None]
    assert not unknown, f"cases naming claims the knowledge base does not have: {unknown}"


def test_every_claim_is_covered(checker: FactChecker, cases: list[Case]) -> None:
    named = {c.claim for c in cases}
    uncovered = [claim.id for claim in checker.kb.claims if claim.id not in named]
    assert not uncovered, f"claims no case names (add a case for each): {uncovered}"


def test_no_case_accepts_both_polarities(cases: list[Case]) -> None:
    both = [(c.line, c.expect) for c in cases if {polarity(e) for e in c.expect} >= {1, -1}]
    assert not both, f"cases accepting a supported and a refuted verdict at once: {both}"


def test_statements_are_distinct(cases: list[Case]) -> None:
    seen = Counter(" ".join(c.statement.lower().split()) for c in cases)
    assert [s for s, n in seen.items() if n > 1] == []


# --------------------------------------------------------------------------- the engine against it


def test_no_polarity_flips(report: Report) -> None:
    assert report.flips == 0, _misses(report)


def test_accuracy(report: Report) -> None:
    assert report.accuracy >= MIN_ACCURACY, _misses(report)


def test_cli_eval_passes_the_threshold() -> None:
    result = CliRunner().invoke(
        app, ["eval", str(CASES_FILE), "--min-accuracy", str(MIN_ACCURACY), "--no-flips"],
        env={"NO_COLOR": "1", "COLUMNS": "120"},
    )
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1].startswith("accuracy ")
    assert result.exit_code == 0, result.stdout
