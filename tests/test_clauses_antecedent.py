"""Which noun a relative clause (", which ...") takes as its subject: the noun phrase before the
comma, past a time phrase, only when the verb agrees with it in number, and never a pronoun or a
word that names no thing (then "which" stands for the clause before as a whole, and nothing is
read). Sentences written for these tests."""

from __future__ import annotations

from factcheck.engine.clauses import read


def relatives(sentence: str) -> list[str]:
    return [c.text for c in read(sentence) if c.kind == "relative"]


def test_a_time_phrase_after_the_noun_is_not_its_subject():
    assert relatives("She got zinc lozenges every two weeks, which are sold in any chemist.") == \
        ["zinc lozenges are sold in any chemist"]
    assert relatives("He drank green tea twice a day, which contains caffeine.") == \
        ["green tea contains caffeine"]


def test_the_verb_must_agree_with_the_noun_in_number():
    # "are" cannot have "cold" as its subject: nothing is read rather than "cold are cheap"
    assert relatives("He tried zinc sprays for his cold, which are cheap.") == []
    assert relatives("He tried a zinc spray for his colds, which is cheap.") == []
    assert relatives("He tried zinc sprays for his colds, which are cheap.") == ["colds are cheap"]


def test_a_pronoun_or_a_word_that_names_no_thing_is_no_subject():
    assert relatives("She takes iron tablets for it, which are cheap.") == []
    assert relatives("A virus is often responsible, which is one reason rest helps.") == []
    assert relatives("Zinc lozenges are expensive, which is why people skip them.") == []


def test_adverbs_before_the_verb_are_no_subject_of_their_own():
    assert relatives("Her cousin buys fish oil, which supposedly prevents colds.") == \
        ["fish oil supposedly prevents colds"]
    # ... and they do not hide a verb that disagrees: nothing is read
    assert relatives("I had six coffees a day, which apparently doesn't help.") == []


def test_the_subject_does_not_run_back_over_the_main_verb():
    assert relatives("My brother drinks green tea, which contains caffeine.") == ["green tea contains caffeine"]
