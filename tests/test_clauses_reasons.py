"""Reasons and judgements further into a sentence: ", as X" after a plea or advice, ", and because
X, Y", and ", which it does not" that denies the clause before. Sentences written for these tests
(other words than any corpus)."""

from __future__ import annotations

import pytest

from factcheck.engine.clauses import ASSERT, DENY, read


def texts(sentence: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.mood, c.text) for c in read(sentence)]


@pytest.mark.parametrize("sentence, reason", [
    # "as" after a comma, at the last part of a sentence, opens a reason
    ("Drink more water, as dehydration can cause cramps.", "dehydration can cause cramps"),
    ("Skip the second espresso, as caffeine keeps you awake.", "caffeine keeps you awake"),
    # "because" and "since" after a comma give a reason for a plea too, not only for a clause
    ("Ask your dentist first, because fluoride can stain teeth.", "fluoride can stain teeth"),
    ("Please wear a hat, since sunburn can damage the skin.", "sunburn can damage the skin"),
])
def test_a_reason_after_a_comma_is_a_clause_of_its_own(sentence, reason):
    assert ("reason", ASSERT, reason) in texts(sentence)


@pytest.mark.parametrize("sentence", [
    "Zinc shortens colds, as well as sore throats.",  # "as well as": a list
    "Zinc shortens colds, as a rule.",
    "Zinc shortens colds, as far as I know.",
    "Zinc shortens colds, as is well known.",
    "Iron is vital, as is zinc.",
])
def test_as_that_opens_no_reason_is_left_in_its_clause(sentence):
    assert all(c.kind != "reason" for c in read(sentence))


def test_as_in_an_aside_between_commas_is_no_reason():
    # (", as I learned later, it is not": an aside; the denial after it still belongs to the clause)
    assert all(c.kind != "reason" for c in read("He says iron cures colds, which, as I learned later, it does not."))


def test_a_reason_after_and_is_cut_out_of_the_coordination():
    got = texts("My uncle drinks green tea, and because tea contains caffeine, his doctor worries.")
    assert ("reason", ASSERT, "tea contains caffeine") in got
    assert ("coordinate", ASSERT, "his doctor worries") in got


def test_a_list_before_and_is_no_reason_to_cut():
    # ("and" with no subordinator after it joins the list as before)
    assert all(c.kind != "reason" for c in read("Zinc, iron and vitamin C support the immune system."))


@pytest.mark.parametrize("sentence, denied", [
    ("Some say zinc cures colds, which it does not.", "zinc cures colds"),
    ("My neighbour thinks garlic prevents flu, which it doesn't.", "garlic prevents flu"),
    ("Plenty of blogs claim vitamin C cures colds, which it simply doesn't.", "vitamin C cures colds"),
    ("People believe carrots improve night vision, which they don't.", "carrots improve night vision"),
])
def test_which_it_does_not_denies_the_clause_before(sentence, denied):
    assert (DENY, denied) in [(c.mood, c.text) for c in read(sentence)]


@pytest.mark.parametrize("sentence", [
    "Zinc shortens colds, which it does.",  # agrees: the clause stands as it is
    "Zinc shortens colds, which it does not always.",  # a hedge, not a denial
    "Zinc shortens colds, which it does not cure.",  # an object relative with a verb of its own
])
def test_which_it_with_more_to_say_denies_nothing(sentence):
    assert all(c.mood != DENY for c in read(sentence))


def test_a_denial_by_which_it_does_not_turns_the_verdict(checker):
    asserted = checker.check("Some forums say vitamin E cures hemifacial spasm.")
    denied = checker.check("Some forums say vitamin E cures hemifacial spasm, which it does not.")
    assert asserted.matched and denied.matched
    assert asserted.claim == denied.claim
    assert asserted.verdict in ("false", "mostly-false") and denied.verdict in ("true", "mostly-true")


def test_a_reason_after_advice_is_checked(checker):
    found = checker.findings("Tell your neurologist first, as supplements can interact with carbamazepine.")
    assert [(r.verdict, r.claim.id) for r in found if r.matched] \
        == [("mostly-true", "supplements-interact-with-carbamazepine")]


@pytest.mark.parametrize("sentence", ["Zinc helps, and", "Zinc helps, as", "Zinc helps, and because", ", as",
                                      "There is no", "Adults need 2.4 mg of", "Zinc shortens colds, which it"])
def test_a_sentence_that_stops_short_reads_without_error(sentence):
    read(sentence)
