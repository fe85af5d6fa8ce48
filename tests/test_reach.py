"""The scan's cheap test (factcheck/engine/reach.py): it may let through a sentence that matches
nothing, but must never stop one that matches a claim, however the sentence is cut or misspelt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.engine.checker import FactChecker
from factcheck.kb.knowledge import from_dict

HERE = Path(__file__).parent
SETS = ("cases.jsonl", "holdout.jsonl", "retired-blind.jsonl", "retired-blind3.jsonl", "blind4.jsonl")


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker.load()


def _statements() -> list[str]:
    out = []
    for name in SETS:
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["statement"])
    return out


def _matches(checker: FactChecker, s: str) -> bool:
    return checker.check(s).matched or any(r.matched for r in checker.findings(s))


def test_never_stops_a_match_in_the_labelled_and_blind_sets(checker: FactChecker) -> None:
    statements = _statements()
    missed = [s for s in statements if not checker.may_match(s) and _matches(checker, s)]
    assert missed == []
    # and it does stop something: unrelated statements are skipped
    assert sum(not checker.may_match(s) for s in statements) > 20


@pytest.mark.parametrize("text", [
    "Magnesium cures hemifacial spasm.",
    "magnesium cures hemi-facial spasm",  # a hyphen the analyser joins
    "magnesium cures hemi facial spasm",  # split words the speller joins
    "magnesium curs hemifacial spsm",  # typos
    "Mаgnesium cures hemifacial spasm",  # a Cyrillic 'а'
    "PSA: magnesium cures #HemifacialSpasm",  # a hashtag read as words
    "My doctor told me that magnesium cures hemifacial spasm, lol",
    "Zinc, magnesium and iron cure hemifacial spasm.",  # a list read item by item
])
def test_the_ways_a_claim_is_written_all_pass(checker: FactChecker, text: str) -> None:
    assert _matches(checker, text)
    assert checker.may_match(text)


@pytest.mark.parametrize("text", [
    "The train to the coast was delayed by the heavy snow last week.",
    "Our neighbour's garden hosted a workshop about a bake sale.",
])
def test_small_talk_is_skipped(checker: FactChecker, text: str) -> None:
    assert not checker.may_match(text)


def test_a_claim_with_no_concept_or_number_lets_every_sentence_through() -> None:
    kb = from_dict({"version": 1, "sources": [{"id": "s", "title": "t", "publisher": "p", "kind": "k",
                                               "reliability": "low"}],
                    "claims": [{"id": "c", "text": "The moon is made of cheese.", "verdict": "false",
                                "summary": "No.", "evidence": [{"source": "s", "stance": "contradicts",
                                                                "excerpt": "e"}]}]})
    checker = FactChecker(kb)
    assert checker.may_match("The train was late.")
    assert checker.check("the moon is made of cheese").matched


def test_a_statement_more_general_than_the_claim_passes() -> None:
    """The claim's "facial flushing" is settled by the statement's "flushing" (the statement is
    more general in what the relation acts on): the statement has no "facial flushing"."""
    kb = from_dict({"version": 1, "sources": [{"id": "s", "title": "t", "publisher": "p", "kind": "k",
                                               "reliability": "low"}],
                    "concepts": [{"id": "facial-flushing", "label": "facial flushing", "kind": "symptom",
                                  "terms": ["facial flushing"], "broader": ["flushing"]},
                                 {"id": "flushing", "label": "flushing", "kind": "symptom", "terms": ["flushing"]},
                                 {"id": "alcohol", "label": "alcohol", "kind": "substance", "terms": ["alcohol"]}],
                    "claims": [{"id": "c", "text": "Alcohol causes facial flushing.", "verdict": "true",
                                "summary": "Yes.", "evidence": [{"source": "s", "stance": "supports",
                                                                 "excerpt": "e"}]}]})
    checker = FactChecker(kb)
    assert checker.check("Alcohol causes flushing.").matched
    assert checker.may_match("Alcohol causes flushing.")


_WORDS = ("magnesium", "cures", "hemifacial", "spasm", "hemi-facial", "hfs", "not", "botox",
          "treats", "twitching", "eyelid", "stress", "caffeine", "vitamin", "b12", "b-12", "the",
          "and", ",", "if", "doctor", "says", "that", "400", "mg", "!!", "😅", "#blessed", "?")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_never_stops_a_match_in_random_word_salad(words: list[str]) -> None:
    checker = _shipped()
    text = " ".join(words)
    if text.strip() and not checker.may_match(text):
        assert not _matches(checker, text)


_checker: FactChecker | None = None


def _shipped() -> FactChecker:
    global _checker
    if _checker is None:
        _checker = FactChecker.load()
    return _checker
