"""Clause reading of everyday prose shapes: attributions after the claim, frames further into a
clause, words that open a reply. Sentences written for these tests (other words than any corpus)."""

from __future__ import annotations

import pytest

from factcheck.engine.clauses import ASSERT, DENY, NONE, read


def texts(sentence: str) -> list[tuple[str, str]]:
    return [(c.mood, c.text) for c in read(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ('"Zinc shortens a cold by a day," the pharmacist said.', [(ASSERT, "Zinc shortens a cold by a day")]),
    ("Iron deficiency causes fatigue, researchers stressed.", [(ASSERT, "Iron deficiency causes fatigue")]),
    ('"Iron deficiency causes fatigue," said the clinic\'s director, Anne Moss.',
     [(ASSERT, "Iron deficiency causes fatigue")]),
    ("Vitamin C, he added, does not prevent colds.", [(ASSERT, "Vitamin C does not prevent colds")]),
    ("Zinc helps wounds heal, she said, and iron is a metal.",
     [(ASSERT, "Zinc helps wounds heal"), (ASSERT, "iron is a metal")]),
    # the attribution keeps its polarity: a denied belief denies, a negated report withholds
    ("Zinc cures colds, I don't think.", [(DENY, "Zinc cures colds")]),
    ("Zinc cures colds, nobody ever claimed.", [(NONE, "Zinc cures colds")]),
])
def test_an_attribution_set_off_by_commas_frames_the_sentence(sentence, expected):
    assert texts(sentence) == expected


def test_an_attribution_keeps_the_span_of_the_claim():
    sentence = "Iron deficiency causes fatigue, researchers stressed."
    (c,) = read(sentence)
    assert sentence[c.start:c.end] == "Iron deficiency causes fatigue"
    assert c.frame == "researchers stressed"


def test_a_clause_that_goes_on_after_a_comma_is_no_attribution():
    assert texts("Zinc cures colds, she said it could.") == [(ASSERT, "Zinc cures colds, she said it could")]


@pytest.mark.parametrize("sentence, mood, content", [
    ("I had to be the grumpy uncle and point out that zinc does not cure colds.", ASSERT,
     "zinc does not cure colds"),
    ("The leaflet the pharmacy printed says quite plainly that iron carries oxygen.", ASSERT,
     "iron carries oxygen"),
    ("My dentist's view is that fluoride protects teeth.", ASSERT, "fluoride protects teeth"),
    ("The big myth is that zinc cures colds.", DENY, "zinc cures colds"),
    # only a noun that vouches for it asserts what follows "is that"
    ("My secret hope is that zinc cures colds.", NONE, "zinc cures colds"),
    ("The rumour on the forum is that zinc cures colds.", NONE, "zinc cures colds"),
    ("The plain truth is that zinc does not cure colds.", ASSERT, "zinc does not cure colds"),
    ("They pulled an advert that claimed the tea could cure gout.", ASSERT, "the tea could cure gout"),
    ("My uncle has never once said that zinc cures colds.", NONE, "zinc cures colds"),
])
def test_a_frame_further_into_the_clause_is_found_by_its_that(sentence, mood, content):
    (c,) = read(sentence)
    assert (c.mood, c.text) == (mood, content)


def test_that_after_a_noun_is_a_relative_pronoun_not_a_frame():
    assert texts("The pill that cures gout is cheap.") == [(ASSERT, "The pill that cures gout is cheap")]


@pytest.mark.parametrize("sentence, content", [
    ("and yes, iron deficiency can cause fatigue", "iron deficiency can cause fatigue"),
    ("Nope, zinc does not cure colds.", "zinc does not cure colds"),
    ("wait, so zinc cures colds?", "zinc cures colds?"),
    ('"Zinc helps wounds heal, trust me.', "Zinc helps wounds heal, trust me"),
])
def test_words_that_open_a_reply_are_dropped(sentence, content):
    assert read(sentence)[0].text == content


def test_a_denying_word_that_is_part_of_the_claim_stays():
    assert read("No, no vitamin cures gout.")[0].text == "no vitamin cures gout"
    assert read("no vitamin cures gout, sadly")[0].text.startswith("no vitamin cures gout")


@pytest.mark.parametrize("sentence, expected", [
    ("Zinc helps colds heal faster, and so does rest.",
     [(ASSERT, "Zinc helps colds heal faster"), (ASSERT, "rest helps colds heal faster")]),
    ("Coffee can keep you awake, and so can strong tea, so skip both at night.",
     [(ASSERT, "Coffee can keep you awake"), (ASSERT, "strong tea can keep you awake"),
      (ASSERT, "skip both at night")]),
    ("Zinc is a metal, so is iron.", [(ASSERT, "Zinc is a metal"), (ASSERT, "iron is a metal")]),
])
def test_so_and_an_auxiliary_borrow_the_predicate_of_the_clause_before(sentence, expected):
    assert texts(sentence) == expected


def test_a_consequence_after_so_is_a_clause_of_its_own():
    assert texts("It rained all week, so we stayed in.") == [(ASSERT, "It rained all week"), (ASSERT, "we stayed in")]


def test_an_adverb_that_is_also_a_subordinator_opens_no_clause():
    assert texts("My aunt has never once said that zinc cures colds.") == [(NONE, "zinc cures colds")]


@pytest.mark.parametrize("sentence, moods", [
    # a clause that only calls the one before false denies it, and is no claim itself
    ("The leaflet said zinc cures colds, which is simply untrue.", [(DENY, "zinc cures colds")]),
    ("I was told that zinc cures colds, but that turned out to be false.", [(DENY, "zinc cures colds")]),
    ("Zinc cures colds, and that's a myth.", [(DENY, "Zinc cures colds")]),
    ("Some people think zinc cures colds; they're mistaken.", [(DENY, "zinc cures colds")]),
    # ... one that agrees with it leaves it as it is
    ("Iron carries oxygen, which is true.", [(ASSERT, "Iron carries oxygen")]),
    # a relative clause that says something of its own is still read
    ("Her doctor prescribed iron tablets, which are a common treatment.",
     [(ASSERT, "Her doctor prescribed iron tablets"), (ASSERT, "iron tablets are a common treatment")]),
])
def test_a_clause_that_judges_the_one_before(sentence, moods):
    assert sorted((c.mood, c.text) for c in read(sentence)) == sorted(moods)


@pytest.mark.parametrize("sentence, mood, content", [
    # a counterfactual wish denies what it wishes ...
    ("If only zinc cured colds!", DENY, "zinc cured colds"),
    ("I really wish zinc cured colds.", DENY, "zinc cured colds"),
    # ... but not what a frame inside it takes as given
    ("I wish I had known that iron carries oxygen.", ASSERT, "iron carries oxygen"),
])
def test_a_wish_denies_what_it_wishes(sentence, mood, content):
    (c,) = read(sentence)
    assert (c.mood, c.text) == (mood, content)


@pytest.mark.parametrize("sentence, mood", [
    # an auxiliary before the frame's verb: the frame still frames ("she is saying X" asserts X)
    ("My aunt is saying zinc cures colds.", ASSERT),
    # ... and denied, it asserts nothing: "I'm not saying X" is no denial of X
    ("I'm not saying zinc cures colds.", NONE),
    ("I am not claiming zinc cures colds.", NONE),
])
def test_an_auxiliary_before_a_frame_verb(sentence, mood):
    (c,) = read(sentence)
    assert (c.mood, c.text) == (mood, "zinc cures colds")


@pytest.mark.parametrize("sentence, expected", [
    # a noun for a claim, "that", the claim, and a verdict on it: the verdict is the frame's
    ("The claim that zinc cures colds is false.", [(DENY, "zinc cures colds")]),
    ("This myth that zinc cures colds is simply wrong.", [(DENY, "zinc cures colds")]),
    ("The idea that iron carries oxygen is true.", [(ASSERT, "iron carries oxygen")]),
    # no verdict at the end: no such frame
    ("The claim that zinc cures colds is everywhere online.",
     [(ASSERT, "The claim that zinc cures colds is everywhere online")]),
])
def test_a_claim_and_a_verdict_on_it(sentence, expected):
    assert texts(sentence) == expected


@pytest.mark.parametrize("sentence, mood", [
    # a rhetorical question denies what it asks about ...
    ("Who still believes zinc cures colds?", DENY),
    ("Does anyone really believe zinc cures colds?", DENY),
    # ... a plain one asks
    ("Does zinc cure colds?", "ask"),
])
def test_a_rhetorical_question_denies(sentence, mood):
    (c,) = read(sentence)
    assert c.mood == mood
