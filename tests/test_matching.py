"""Unit tests of matching: the mechanisms that keep the engine from being confidently wrong.

They run on a small fixture knowledge base (tests/data/mini-kb.json) so that they test the
engine, not the curation of the shipped one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.kb import knowledge
from factcheck.engine.checker import FactChecker

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker(knowledge.load(DATA / "mini-kb.json"))


@pytest.fixture(scope="module")
def bare_checker() -> FactChecker:
    """The same claims with no lexicon at all, as if imported from a fact-check archive."""
    data = json.loads((DATA / "mini-kb.json").read_text())
    data.pop("concepts")
    return FactChecker(knowledge.from_dict(data))


def verdict(checker: FactChecker, statement: str) -> tuple[str, str | None]:
    r = checker.check(statement)
    return r.verdict, r.claim.id if r.claim else None


@pytest.mark.parametrize("statement, expected", [
    # the claim itself, and forms of it
    ("Magnesium cures hemifacial spasm", ("false", "magnesium-cures-hfs")),
    ("MAGNESIUM CURES HEMIFACIAL SPASMS!!", ("false", "magnesium-cures-hfs")),
    ("magnesium cured hemi-facial spasm", ("false", "magnesium-cures-hfs")),
    # synonyms and abbreviations from the lexicon
    ("Mg cures HFS", ("false", "magnesium-cures-hfs")),
    ("Botox shots treat HFS", ("true", "botox-treats-hfs")),
    ("Low magnesium can lead to myokymia", ("true", "mg-deficiency-twitching")),
    ("Hypomagnesemia causes facial twitching", ("true", "mg-deficiency-twitching")),
    # questions are checked as the claim they ask about
    ("Does magnesium cure HFS?", ("false", "magnesium-cures-hfs")),
    ("Is it true that Botox treats hemifacial spasm?", ("true", "botox-treats-hfs")),
    # typos
    ("magnesiun cures hemifacal spasm", ("false", "magnesium-cures-hfs")),
    ("Magensium cures HFS", ("false", "magnesium-cures-hfs")),
    # passive voice keeps roles
    ("HFS is cured by magnesium", ("false", "magnesium-cures-hfs")),
    ("Hemifacial spasm can be treated with botulinum toxin", ("true", "botox-treats-hfs")),
    # a broader concept in a claim covers a narrower one in the statement
    ("Zinc cures hemifacial spasm", ("false", "supplements-cure-hfs")),
])
def test_matches(checker: FactChecker, statement: str, expected: tuple[str, str]) -> None:
    assert verdict(checker, statement) == expected


@pytest.mark.parametrize("statement, expected", [
    ("Magnesium does not cure hemifacial spasm", ("true", "magnesium-cures-hfs")),
    ("magnesium doesn't cure HFS", ("true", "magnesium-cures-hfs")),
    ("Magnesium never cures HFS", ("true", "magnesium-cures-hfs")),
    ("Magnesium won't cure HFS", ("true", "magnesium-cures-hfs")),
    ("It is false that magnesium cures HFS", ("true", "magnesium-cures-hfs")),
    ("It is false that magnesium does not cure HFS", ("false", "magnesium-cures-hfs")),
    ("Botox does not treat HFS", ("false", "botox-treats-hfs")),
    # a claim whose own text is negative
    ("No diet cures hemifacial spasm", ("true", "no-diet-cures-hfs")),
    ("A diet can cure hemifacial spasm", ("false", "no-diet-cures-hfs")),
    ("Diet cures HFS", ("false", "no-diet-cures-hfs")),
])
def test_negation_flips_the_verdict(checker: FactChecker, statement: str, expected: tuple[str, str]) -> None:
    assert verdict(checker, statement) == expected


def test_negation_swaps_the_evidence(checker: FactChecker) -> None:
    plain = checker.check("Magnesium cures HFS")
    denied = checker.check("Magnesium does not cure HFS")
    assert denied.negated and not plain.negated
    assert denied.supporting == plain.contradicting
    assert denied.contradicting == plain.supporting


@pytest.mark.parametrize("statement", [
    "Magnesium cures migraines",  # another condition
    "Calcium cures hemifacial spasm",  # another substance (not in the lexicon)
    "Magnesium causes hemifacial spasm",  # another relation
    "Botox cures HFS",  # treating is not curing
    "Magnesium causes facial twitching",  # the claim is about a deficiency
    "Magnesium deficiency causes hemifacial spasm",  # twitching is not HFS
    "hemifacial spasm cures magnesium",  # roles swapped
    "The Earth is flat",  # not covered at all
    "Vaccines cause autism",
    "magnesium",  # not a claim
])
def test_abstains_on_what_the_kb_does_not_say(checker: FactChecker, statement: str) -> None:
    assert verdict(checker, statement) == ("no-match", None)


@pytest.mark.parametrize("statement, expected", [
    ("Magnesium cures hemifacial spasm", ("false", "magnesium-cures-hfs")),
    ("magnesium does not cure hemifacial spasm", ("true", "magnesium-cures-hfs")),
    ("Does magnesium cure hemifacial spasm?", ("false", "magnesium-cures-hfs")),
    ("Magnesium cures migraines", ("no-match", None)),
    ("hemifacial spasm cures magnesium", ("no-match", None)),
    ("The Earth is flat", ("no-match", None)),
])
def test_same_engine_without_a_lexicon(bare_checker: FactChecker, statement: str, expected) -> None:
    assert verdict(bare_checker, statement) == expected


def test_candidates_are_ranked_and_present_on_no_match(checker: FactChecker) -> None:
    r = checker.check("Magnesium cures migraines", top=3)
    assert r.verdict == "no-match"
    assert len(r.candidates) == 3
    assert r.candidates[0].id == "magnesium-cures-hfs"
    assert [c.score for c in r.candidates] == sorted((c.score for c in r.candidates), reverse=True)


def test_explanation_names_concepts_cues_and_corrections(checker: FactChecker) -> None:
    r = checker.check("Magensium doesn't cure HFS", explain=True)
    ex = r.explanation
    assert ex is not None
    assert ("HFS".lower(), "hfs") in [(t, c) for t, c in ex.concepts]
    assert ex.negation_cues == ("not",)
    assert ("magensium", "magnesium") in ex.corrections


def test_score_is_a_percentage(checker: FactChecker) -> None:
    assert 0 <= checker.check("Magnesium cures HFS").score <= 100
    near = checker.check("Magnesium cures migraines")  # no-match: no score, but a nearest claim
    assert near.score is None and 0 < near.nearest_score <= 100
    assert checker.check("The Earth is flat").score is None


def test_empty_statement_is_an_input_error(checker: FactChecker) -> None:
    from factcheck.errors import InputError

    with pytest.raises(InputError):
        checker.check("   ")


@pytest.fixture(scope="module")
def antonym_checker() -> FactChecker:
    data = json.loads((DATA / "mini-kb.json").read_text())
    src = data["sources"][0]["id"]
    ev = [{"source": src, "stance": "contradicts", "excerpt": "x"}]
    data["claims"] += [
        {"id": "twitching-same-as-hfs", "text": "Facial twitching is the same as hemifacial spasm.",
         "verdict": "false", "summary": "They differ.", "evidence": ev},
        {"id": "magnesium-reduces-spasms", "text": "Magnesium reduces muscle spasms.",
         "verdict": "mostly-true", "summary": "Hedged support.", "evidence": ev},
    ]
    return FactChecker(knowledge.from_dict(data))


@pytest.mark.parametrize("statement, expected", [
    # a complementary antonym denies the claim: the verdict flips
    ("Facial twitching and hemifacial spasm are different", ("true", "twitching-same-as-hfs")),
    ("Facial twitching is the same as hemifacial spasm", ("false", "twitching-same-as-hfs")),
    # a contrary is another claim: increasing is not the denial of reducing
    ("Magnesium increases muscle spasms", ("no-match", None)),
    ("Magnesium reduces muscle spasms", ("mostly-true", "magnesium-reduces-spasms")),
    # a word of the claim that takes a side cannot be dropped for another word ...
    ("Magnesium changes muscle spasms", ("no-match", None)),
    # ... but a relation it entails is said by it: what reduces a thing affects it (relations.tsv;
    # this case expected no-match before the sixth session, when "affect" was no class above "reduce")
    ("Magnesium affects muscle spasms", ("mostly-true", "magnesium-reduces-spasms")),
    # apostrophes left out do not lose a negation
    ("magnesium doesnt cure HFS", ("true", "magnesium-cures-hfs")),
    ("magnesium cant cure HFS", ("true", "magnesium-cures-hfs")),
])
def test_antonyms_and_polar_words(antonym_checker: FactChecker, statement: str, expected) -> None:
    assert verdict(antonym_checker, statement) == expected


def test_a_unit_is_a_unit_only_after_a_number() -> None:
    data = json.loads((DATA / "mini-kb.json").read_text())
    data["concepts"].append({"id": "milligram", "kind": "unit", "terms": ["milligram", "mg"]})
    src = data["sources"][0]["id"]
    data["claims"].append({
        "id": "magnesium-intake", "text": "Adults need 400 mg of magnesium a day.", "verdict": "true",
        "summary": "Reference value.", "evidence": [{"source": src, "stance": "supports", "excerpt": "x"}],
    })
    checker = FactChecker(knowledge.from_dict(data))
    # "Mg" is magnesium in the fixture's lexicon; after a number, "mg" is milligrams.
    assert verdict(checker, "Mg cures HFS") == ("false", "magnesium-cures-hfs")
    assert verdict(checker, "Adults need 400 mg of magnesium a day") == ("true", "magnesium-intake")
    assert verdict(checker, "Adults need 40 mg of magnesium a day") == ("no-match", None)


def test_the_main_cause_meets_a_claim_that_says_usually() -> None:
    data = json.loads((DATA / "mini-kb.json").read_text())
    src = data["sources"][0]["id"]
    ev = [{"source": src, "stance": "supports", "excerpt": "x"}]
    data["claims"] += [
        {"id": "usually", "text": "Hemifacial spasm is usually caused by a blood vessel.", "verdict": "true",
         "summary": "s", "evidence": ev},
        {"id": "can", "text": "Stress can trigger facial twitching.", "verdict": "true", "summary": "s", "evidence": ev},
    ]
    checker = FactChecker(knowledge.from_dict(data))
    assert verdict(checker, "A blood vessel is the main cause of hemifacial spasm") == ("true", "usually")
    assert verdict(checker, "Stress is the main cause of facial twitching") == ("no-match", None)
