"""What a clause is read without or as: a noun phrase set after its last noun (", an anti-seizure
drug often prescribed for it"), "there is no X that ..." as "no X ...", and "its" before a noun read
as the one thing an earlier clause of the sentence named. Sentences written for these tests (other
words than any corpus)."""

from __future__ import annotations

import pytest

from factcheck.engine.clauses import ASSERT, DENY, read
from factcheck.engine.reference import Referents


def texts(sentence: str) -> list[tuple[str, str]]:
    return [(c.mood, c.text) for c in read(sentence)]


@pytest.mark.parametrize("sentence, clause", [
    ("Grapefruit can interact with statins, a class of drugs often prescribed for cholesterol.",
     "Grapefruit can interact with statins"),
    ("Iron tablets can upset the stomach, the organ most people blame first.", "Iron tablets can upset the stomach"),
    ("My aunt swears ginger can settle nausea, an old family remedy.", "ginger can settle nausea"),
])
def test_a_noun_phrase_set_after_the_clause_is_left_out(sentence, clause):
    assert texts(sentence)[0] == (ASSERT, clause)


@pytest.mark.parametrize("sentence", [
    "Garlic prevents colds, a claim nobody has tested.",  # judges the clause: kept for the judgement
    "Garlic prevents colds, a total myth.",
    "Garlic prevents colds, the doctor that I saw agrees.",
    "Garlic prevents colds, the cheapest remedy isn't it.",
    "Garlic prevents colds, the most common one.",
])
def test_a_noun_phrase_that_judges_or_says_more_is_not_dropped_as_an_apposition(sentence):
    (first, *_) = read(sentence)
    assert first.mood == DENY or first.text != "Garlic prevents colds"


@pytest.mark.parametrize("sentence, clause", [
    ("There is no herb and no vitamin that has been shown to prevent colds.",
     "no herb and no vitamin has been shown to prevent colds"),
    ("There's no pill that cures baldness.", "no pill cures baldness"),
    ("There are no foods which reverse ageing.", "no foods reverse ageing"),
])
def test_there_is_no_x_that_reads_x_as_the_denied_subject(sentence, clause):
    assert texts(sentence)[0] == (ASSERT, clause)


def test_there_is_no_x_that_reads_each_item_of_a_list():
    (c,) = read("There is no herb and no vitamin that has been shown to prevent colds.")
    assert c.parts == ("no herb has been shown to prevent colds", "no vitamin has been shown to prevent colds")


@pytest.mark.parametrize("sentence", [
    "There is no evidence that garlic prevents colds.",  # "that" opens what the evidence is of
    "There is no cure for baldness.",
    "There is a pill that cures baldness.",
])
def test_other_there_is_sentences_are_left_as_they_are(sentence):
    assert all("there" in c.text.lower() or c.mood == DENY for c in read(sentence))


@pytest.fixture(scope="module")
def referents(checker) -> Referents:
    return Referents(checker.lexicon)


def test_its_before_a_noun_is_read_as_the_thing_named_earlier(referents):
    sentence = "Hemifacial spasm is rare, and some sellers say zinc relieves its symptoms."
    r = referents.within(sentence)
    assert r is not None and (r.words, r.meaning) == ("its", "Hemifacial spasm")
    assert r.text == "Hemifacial spasm is rare, and some sellers say zinc relieves Hemifacial spasm symptoms."


@pytest.mark.parametrize("sentence", [
    "Magnesium and Botox are both popular, and people praise its effect.",  # two things it could be
    "Some sellers say zinc relieves its symptoms.",  # nothing named before it
])
def test_its_is_left_alone_when_two_readings_or_none_are_possible(referents, sentence):
    assert referents.within(sentence) is None


def test_its_is_not_read_across_sentences(referents):
    before = "My neighbour has hemifacial spasm."
    mentions = referents.mentions(before)
    assert referents.reading("Zinc relieves its symptoms, she says.", [(before, mentions)]) is None


@pytest.mark.parametrize("sentence, first, second", [
    ("Ginseng can boost energy, our readers can vouch for it.", "Ginseng can boost energy", "our readers can vouch for it"),
    ("Zinc can shorten colds, the studies are clear on that.", "Zinc can shorten colds", "the studies are clear on that"),
])
def test_two_clauses_joined_by_a_comma_alone_are_read_apart(sentence, first, second):
    assert [t for _, t in texts(sentence)] == [first, second]


@pytest.mark.parametrize("sentence", [
    "People say that zinc shortens colds, that garlic prevents flu, and that nothing works.",  # "that": a report
    "Zinc, the cheapest mineral, shortens colds.",  # no clause before the comma
    "Zinc and iron, both minerals, are cheap.",
])
def test_a_comma_before_no_new_subject_is_no_splice(sentence):
    assert all(c.kind != "coordinate" or c.text.startswith(("garlic", "nothing")) for c in read(sentence))


@pytest.mark.parametrize("sentence, clause", [
    ("The nurse found I was short of iron because of my diet.", "I was short of iron because of my diet"),
    ("My dentist found it was caused by grinding.", "it was caused by grinding"),
])
def test_found_takes_a_bare_clause_that_opens_with_a_pronoun_and_its_verb(sentence, clause):
    assert texts(sentence)[0] == (ASSERT, clause)


def test_found_before_a_noun_is_no_frame():
    assert texts("She found the jar of zinc in the kitchen.") == [(ASSERT, "She found the jar of zinc in the kitchen")]


@pytest.mark.parametrize("sentence, parts", [
    ("Children need 7 mg of iron and 5 mg of zinc a day.",
     ("Children need 7 mg of iron a day", "Children need 5 mg of zinc a day")),
    ("Teenagers need 1.3 mg of copper and 0.9 mg of manganese daily.",
     ("Teenagers need 1.3 mg of copper daily", "Teenagers need 0.9 mg of manganese daily")),
])
def test_a_list_of_amounts_is_read_item_by_item_with_what_holds_for_each(sentence, parts):
    (c,) = read(sentence)
    assert c.parts == parts


def test_a_plural_noun_and_of_before_a_list_still_belong_to_every_item():
    (c,) = read("Shortages of iron or zinc can cause fatigue.")
    assert c.parts == ("Shortages of iron can cause fatigue", "Shortages of zinc can cause fatigue")
