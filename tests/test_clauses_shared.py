"""Clauses that share a subject, clauses joined by a bare "and", and asides that only name a
thing. Sentences written for these tests (other words than any corpus)."""

from __future__ import annotations

import pytest

from factcheck.engine.clauses import ASSERT, DENY, read


def texts(sentence: str) -> list[tuple[str, str]]:
    return [(c.mood, c.text) for c in read(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    # a predicate after "and" with no subject of its own says more of the subject before
    ("Cold sores are common and are often set off by strong sunlight.",
     [(ASSERT, "Cold sores are common"), (ASSERT, "Cold sores are often set off by strong sunlight")]),
    # a run of predicates, the last after ", and"
    ("Chilblains are painful, are mostly harmless, and can be eased by warm socks.",
     [(ASSERT, "Chilblains are painful"), (ASSERT, "Chilblains are mostly harmless"),
      (ASSERT, "Chilblains can be eased by warm socks")]),
    # the frame of the clause before goes on to the second predicate, with its polarity
    ("My uncle says ginger cures gout and is better than any pill.",
     [(ASSERT, "ginger cures gout"), (ASSERT, "ginger is better than any pill")]),
    ("I doubt that ginger cures gout and is better than pills.",
     [(DENY, "ginger cures gout"), (DENY, "ginger is better than pills")]),
])
def test_a_predicate_with_no_subject_shares_the_subject_before(sentence, expected):
    assert texts(sentence) == expected


def test_a_shared_subject_keeps_the_span_of_what_is_written():
    sentence = "Cold sores are common and are often set off by strong sunlight."
    second = read(sentence)[1]
    assert sentence[second.start:second.end] == "are often set off by strong sunlight"


def test_a_list_after_a_shared_subject_is_read_item_by_item():
    (_, second) = read("Cold sores are common and are often set off by sunlight, stress or a fever.")
    assert second.parts == ("Cold sores are often set off by sunlight", "Cold sores are often set off by stress",
                            "Cold sores are often set off by a fever")


@pytest.mark.parametrize("sentence, expected", [
    ("Is it true and is it safe?", ["Is it true and is it safe?"]),  # each half has its own subject
    ("Ginger and a lemon drink can ease nausea.", ["Ginger and a lemon drink can ease nausea"]),  # a list
    ("My aunt laughed and told me that zinc cures colds.", ["zinc cures colds"]),  # one frame, read as one
    ("Zinc can heal wounds and it's cheap.", ["Zinc can heal wounds and it's cheap"]),  # a subject of its own
])
def test_no_shared_subject_where_the_words_do_not_share_one(sentence, expected):
    assert [c.text for c in read(sentence)] == expected


def test_a_second_predicate_is_no_item_of_a_list():
    (first, second) = read("Ginger settled my stomach and reduced my nausea.")
    assert (first.text, second.text) == ("Ginger settled my stomach", "Ginger reduced my nausea")


@pytest.mark.parametrize("sentence, expected", [
    # "and" with no comma between two whole clauses, the second with its own subject and frame
    ("My dad has gout and a man at his gym swears ginger would cure it.",
     [(ASSERT, "My dad has gout"), (ASSERT, "ginger would cure it")]),
    ("My dad has gout and a man at his gym doubts that ginger would cure it.",
     [(ASSERT, "My dad has gout"), (DENY, "ginger would cure it")]),
])
def test_two_whole_clauses_joined_by_and_are_read_apart(sentence, expected):
    assert texts(sentence) == expected


def test_a_frame_in_the_second_of_two_joined_clauses_frames_only_that_one():
    first, second = read("My dad has gout and a man at his gym swears ginger would cure it.")
    assert first.frame == "" and second.frame == "a man at his gym swears"


@pytest.mark.parametrize("sentence, expected", [
    ("Cold sores, also called fever blisters, are caused by a virus.", "Cold sores are caused by a virus"),
    ("Chilblains, known as pernio, are itchy and are eased by warmth.", "Chilblains are itchy"),
])
def test_an_aside_that_only_names_a_thing_is_set_aside(sentence, expected):
    clauses = read(sentence)
    assert clauses[0].text == expected
    assert not any("called" in p or "known" in p for c in clauses for p in c.parts)


def test_a_naming_word_that_opens_no_aside_is_kept():
    (c,) = read("Chilblains are also called pernio.")
    assert c.text == "Chilblains are also called pernio"


@pytest.mark.parametrize("sentence, expected", [
    # a frame that denies covers both halves: no half is read as asserted
    ("It is false that zinc and a hot drink can cure a cold.", [(DENY, "zinc and a hot drink can cure a cold")]),
    ("It is false that ginger cures gout and is better than pills.",
     [(DENY, "ginger cures gout"), (DENY, "ginger is better than pills")]),
    ("I don't believe ginger cures gout and a nurse agrees.", [(DENY, "ginger cures gout and a nurse agrees")]),
])
def test_a_denying_frame_is_not_lost_when_the_clause_is_cut(sentence, expected):
    assert texts(sentence) == expected
