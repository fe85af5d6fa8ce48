"""Reference inside one sentence (engine/reference.py ``Referents.within``, used by the checker,
so ``check`` and ``scan`` both read it): an object pronoun, or "that" ending a clause, read as
the one thing of the kind its clause wants that an earlier clause of the sentence named; and
left alone whenever two readings are possible. Sentences invented for these tests."""

from __future__ import annotations

import io

import pytest

from factcheck.engine import clauses
from factcheck.engine.checker import FactChecker
from factcheck.engine.reference import Referents
from factcheck.scan.scanner import Finding, Target, scan


@pytest.mark.parametrize("sentence, words, meaning", [
    ("Grandpa was diagnosed with hemifacial spasm, and his pharmacist claims zinc will cure it.", "it",
     "hemifacial spasm"),
    ("My neighbour takes carbamazepine, so she asked whether supplements could interact with it.", "it",
     "carbamazepine"),
    # "that" ending a clause whose agent says an affliction is wanted; the noun phrase after "is"
    # renames the subject and is no second candidate
    ("Hemifacial spasm is usually a nerve problem, and no diet cures that.", "that", "Hemifacial spasm"),
    # a kind noun says the kind itself
    ("Uncle Ray has hemifacial spasm, and a chiropractor told him magnesium would fix that condition.",
     "that condition", "hemifacial spasm"),
])
def test_an_object_pronoun_is_read_as_the_one_thing_of_its_kind_named_earlier(referents, sentence, words, meaning):
    r = referents.within(sentence)
    assert r is not None
    assert (r.words, r.meaning) == (words, meaning)
    assert r.text == sentence[:r.start] + r.replacement + sentence[r.end:]
    assert sentence[r.start:r.end] == words
    assert "earlier in the sentence" in r.note


@pytest.mark.parametrize("sentence", [
    # two things of the kind wanted
    "My aunt has hemifacial spasm and eyelid twitching, and her GP thinks magnesium fixes it.",
    "I take carbamazepine and omeprazole now, and my pharmacist says zinc may interact with it.",
    # a body part named before: "it" may be the nerve
    "An artery presses on the facial nerve of people with HFS, and Botox calms it.",
    # a thing of the kind wanted in the pronoun's own clause: it may stand for that one
    "Hemifacial spasm is rare, but magnesium for eyelid twitching fixes it.",
    # "that" where the clause names no thing: what was said, not a thing
    "Magnesium is a cheap mineral, and nobody believes that.",
    "My aunt has hemifacial spasm, and she told me that.",
    # a subject pronoun is the clause reader's; none before the pronoun's clause
    "Hemifacial spasm is rare, and it affects one side of the face.",
    "Magnesium fixes it.",
    # never across a sentence stop (the scan reads the sentence before on its own terms)
    "Hemifacial spasm is rare. My doctor says magnesium fixes it.",
    # the thing was part of an act ("gave up coffee": what helped may be the giving up)
    "I gave up coffee in May, and my neurologist says magnesium never replaced it.",
    # "them" after people
    "My doctors prescribed Botox injections, and the nurses give them weekly.",
    # another pronoun in the pronoun's own clause: its reading is not known yet
    "I take carbamazepine, and they say it interacts with it.",
])
def test_nothing_is_read_when_two_readings_are_possible(referents, sentence):
    assert referents.within(sentence) is None


@pytest.mark.parametrize("sentence, i, opening", [
    ("Magnesium helps, and because zinc interacts with it, ask first.", "it", "zinc"),
    ("My GP said magnesium would fix it.", "it", "magnesium"),
    ("Magnesium would fix it.", "it", "Magnesium"),
])
def test_a_clause_opens_after_the_nearest_mark_conjunction_or_report(sentence, i, opening):
    toks = clauses.tokens(sentence)
    k = next(j for j, t in enumerate(toks) if t.text == i)
    assert toks[clauses.opening(toks, k)].text == opening


def test_check_reads_the_pronoun_and_says_so(checker):
    sentence = "My aunt has hemifacial spasm, and her GP said magnesium would fix it."
    result = checker.check(sentence)
    assert result.matched and result.verdict in ("false", "mostly-false")
    assert result.statement == sentence
    assert result.clause is not None
    assert any("read 'it' as 'hemifacial spasm'" in n for n in result.clause.notes)
    # the clause is placed in the sentence as written: it ends where "it" ends
    assert sentence[result.clause.start:result.clause.end].endswith("fix it")


def test_check_without_a_clear_reading_reads_nothing(checker):
    result = checker.check("My aunt has hemifacial spasm and eyelid twitching, and her GP thinks magnesium fixes it.")
    notes = result.clause.notes if result.clause is not None else ()
    assert not any(n.startswith("read 'it'") for n in notes)


def test_scan_finds_the_claim_and_marks_the_clause_as_written(checker):
    text = "Intro line here.\n\nHemifacial spasm is usually a nerve problem, and no diet cures that.\n"
    events = scan([Target("t.txt", None)], checker, stdin=io.BytesIO(text.encode()))
    found = [e for e in events if isinstance(e, Finding)]
    read = [f for f in found if f.result.clause is not None
            and any("read 'that'" in n for n in f.result.clause.notes)]
    assert read, [f.result for f in found]
    f = read[0]
    line = text.splitlines()[f.line - 1]
    assert f.result.statement == line
    assert line[f.column - 1:f.end_column - 1].endswith("cures that")
