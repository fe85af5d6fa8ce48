"""A kind and the example that names it ("anti-seizure drugs such as carbamazepine",
"carbamazepine or any other medicine") are one thing to a pronoun after them: it is read as the
example. Two things named side by side, with nothing that makes one an example of the other, are
still two, and the pronoun is left alone. Sentences invented for these tests."""

from __future__ import annotations

import pytest

from factcheck.engine.checker import FactChecker
from factcheck.engine.reference import Referents


@pytest.fixture(scope="module")
def referents() -> Referents:
    return Referents(FactChecker.load().lexicon)


@pytest.mark.parametrize("sentence", [
    "Grandma is on anti-seizure drugs such as carbamazepine, so her nurse warned that supplements may interact "
    "with it.",
    "Grandma is on carbamazepine or some other prescription drug, so her nurse warned that supplements may "
    "interact with it.",
    "Grandma is on an anti-seizure drug like carbamazepine, so her nurse warned that supplements may interact "
    "with it.",
])
def test_a_pronoun_after_a_kind_and_its_example_is_the_example(referents, sentence):
    r = referents.within(sentence)
    assert r is not None and r.words == "it" and r.meaning == "carbamazepine"


@pytest.mark.parametrize("sentence", [
    # two things side by side: either could be meant
    "Grandma is on carbamazepine and magnesium, so her nurse warned that supplements may interact with it.",
    "Grandma is on carbamazepine as well as magnesium, so her nurse warned that supplements may interact with it.",
    # "like" that compares two things does not make one the example of the other
    "Grandma takes magnesium like her sister takes carbamazepine, so her nurse warned that supplements may "
    "interact with it.",
])
def test_two_things_that_are_not_kind_and_example_leave_the_pronoun_alone(referents, sentence):
    assert referents.within(sentence) is None


def test_the_checker_reads_the_example_for_the_pronoun():
    checker = FactChecker.load()
    r = checker.check("Anyone on anti-seizure drugs such as carbamazepine should ask first, since supplements "
                      "may interact with them.")
    assert r.verdict == "no-match" or r.claim is not None and r.claim.id == "supplements-interact-with-carbamazepine"
    r = checker.check("Anyone on carbamazepine or any other prescription drug should ask first, since supplements "
                      "may interact with it.")
    assert r.claim is not None and r.claim.id == "supplements-interact-with-carbamazepine"
    assert r.verdict in ("true", "mostly-true")
