"""Blind sets: statements written from the five source documents alone, by someone who never saw
the knowledge base, the tests or the engine, each committed before the engine first ran on it.

- ``blind4.jsonl`` (3cb098c) is the live one: a measurement, not a target. Do not tune the engine
  or the knowledge base on its statements, and do not copy them into the tuned sets. Its first
  run (engine of 3364b5e) gave 184/285 = 64.6% with 1 polarity flip.
- ``retired-blind3.jsonl`` (a2f3ea3, then ``blind3.jsonl``) was the third; its first run (engine
  of 21b1704) gave 184/289 = 63.7% with 2 polarity flips, its last live figure 214/289 with 0.
  At the end of the sixth session the first words of its misses were printed once by mistake and
  then studied, so it is retired into the tuned material: it must keep 0 flips.
- ``retired-blind.jsonl`` (6f428e8) was the second; its first run (engine of f051075) gave
  187/320 = 58.4% with 2 polarity flips. It was then looked at closely (its flips and misses
  guided general mechanisms), so it is retired into the tuned material: it must keep 0 flips.

Each floor sits 5 points below the accuracy measured when the floor was set, so a test catches
regressions without having been tuned.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from factcheck import evaluate
from factcheck.evaluate import Report

HERE = Path(__file__).parent
# file -> (measured passed, total, flips allowed, where measured)
SETS = {
    "blind4.jsonl": (184, 285, 1, "first run, engine of 3364b5e: 64.6%, 1 flip"),
    "retired-blind3.jsonl": (217, 289, 0, "retired at 282c65f+: 75.1%, 0 flips"),
    "retired-blind.jsonl": (244, 320, 0, "retired at 735a119+; floor raised at 7eb3fca, then at 2c35f46"),
}


def _floor(passed: int, total: int) -> float:
    return math.floor(passed / total * 100 - 5) / 100


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    from factcheck.engine.checker import FactChecker

    checker = FactChecker.load()
    return {name: evaluate.run(checker, evaluate.read_cases(HERE / name)) for name in SETS}


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_set_is_well_formed(name: str) -> None:
    cases = evaluate.read_cases(HERE / name)
    assert len(cases) >= 250
    assert all(c.expect for c in cases)
    assert len({c.statement.lower() for c in cases}) == len(cases)


@pytest.mark.parametrize("name", sorted(SETS))
def test_accuracy_floor(reports: dict[str, Report], name: str) -> None:
    passed, total, _, _ = SETS[name]
    report = reports[name]
    assert report.total == total
    assert report.accuracy >= _floor(passed, total), f"{name}: {report.passed}/{report.total}"


@pytest.mark.parametrize("name", sorted(SETS))
def test_polarity_flips_do_not_grow(reports: dict[str, Report], name: str) -> None:
    report = reports[name]
    assert report.flips <= SETS[name][2], [(o.case.statement, o.verdict) for o in report.outcomes if o.flip]
