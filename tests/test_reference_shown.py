"""A noun for what a condition shows ("the spasms", "his symptoms") read as the symptoms of the
one condition named before it in the same sentence (never across sentences). Left alone when
the thing named before is a symptom (it has no symptoms), when "the spasms" would be those of a
condition whose name says nothing of spasms, when two conditions fit, and when the noun is part
of a longer name ("muscle spasms", "the symptoms of a cold"). Sentences invented for these tests."""

from __future__ import annotations

import pytest

from factcheck.engine.checker import FactChecker
from factcheck.engine.reference import Referents


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker.load()


@pytest.fixture(scope="module")
def referents(checker) -> Referents:
    return Referents(checker.lexicon)


@pytest.mark.parametrize("sentence, words", [
    ("My uncle has hemifacial spasm, and his neighbour swears zinc eases the spasms.", "the spasms"),
    ("My uncle has hemifacial spasm, and his neighbour swears zinc eases his symptoms.", "his symptoms"),
])
def test_what_a_condition_shows_is_read_as_its_symptoms_inside_a_sentence(referents, sentence, words):
    r = referents.within(sentence)
    assert r is not None
    assert (r.words, r.meaning, r.replacement) == (words, "hemifacial spasm", "hemifacial spasm symptoms")
    assert sentence[r.start:r.end] == words


def test_what_a_condition_shows_is_not_read_across_sentences(referents):
    before = "Grandpa was diagnosed with hemifacial spasm last year."
    assert referents.reading("Some sellers claim zinc calms the spasms.", [(before, referents.mentions(before))]) is None


def test_a_pronoun_is_still_read_across_sentences_beside_such_a_noun(referents):
    before = "Grandpa was diagnosed with hemifacial spasm last year."
    r = referents.reading("His sister claims zinc calms it and the spasms.", [(before, referents.mentions(before))])
    assert r is not None and r.words == "it"


@pytest.mark.parametrize("sentence", [
    "She gets muscle cramps, and her sister swears zinc eases the symptoms.",  # a symptom has none
    "Grandpa has stress, and his sister swears zinc calms the spasms.",  # stress is no spasm
    "Grandpa has hemifacial spasm, and his sister swears zinc eases the symptoms of a cold.",  # of another thing
    "Grandpa has hemifacial spasm and blepharospasm, and zinc eases the spasms.",  # two conditions fit
    "Grandpa has hemifacial spasm, and his sister swears zinc eases muscle spasms.",  # a longer name
])
def test_what_a_condition_shows_is_left_alone_when_it_may_be_something_else(referents, sentence):
    assert referents.within(sentence) is None


@pytest.mark.parametrize("sentence, verdict", [
    ("My uncle has hemifacial spasm, and a man at his gym swears vitamin B12 reduces the spasms.", "false"),
    # the denial is kept
    ("My uncle has hemifacial spasm, and his neurologist says vitamin B12 does not reduce his spasms.", "true"),
])
def test_the_checker_reads_the_symptoms_of_the_condition_named(checker, sentence, verdict):
    r = checker.check(sentence)
    assert r.claim is not None and r.claim.id == "vitamin-b12-relieves-hfs"
    assert r.verdict == verdict
