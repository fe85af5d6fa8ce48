"""Ellipsis (engine/ellipsis.py, scan/scanner.py): "So can X.", "Neither does X.", "The same goes
for X.", "X too." read as the claim of the sentence before said of X; and left alone whenever the
sentence before is not one plain claim or X could stand for something else. Sentences invented
for these tests."""

from __future__ import annotations

import io

import pytest

from factcheck.engine.checker import FactChecker
from factcheck.engine.ellipsis import elided, may_be_elided, shape
from factcheck.engine.reference import Referents
from factcheck.scan.scanner import Finding, Target, scan


@pytest.mark.parametrize("before, sentence, meaning", [
    ("Low magnesium can cause facial twitching.", "So can low calcium.", "low calcium can cause facial twitching"),
    ("Too much caffeine can trigger eyelid twitching.", "And so can stress.", "stress can trigger eyelid twitching"),
    ("Magnesium causes diarrhoea.", "So do diuretics.", "diuretics causes diarrhoea"),
    ("Magnesium is needed for muscle contraction.", "As is calcium.", "calcium is needed for muscle contraction"),
    # a denial carried on: the claim before must be denied, and stays so
    ("Potassium doesn't cure hemifacial spasm.", "Neither does vitamin D.", "vitamin D doesn't cure hemifacial spasm"),
    ("Potassium can't cure hemifacial spasm.", "Nor can magnesium.", "magnesium can't cure hemifacial spasm"),
    # the new thing alone: read when the rest of the claim names nothing of its kind
    ("Potassium cures hemifacial spasm.", "The same goes for calcium.", "calcium cures hemifacial spasm"),
    ("Potassium cures hemifacial spasm.", "Calcium too.", "Calcium cures hemifacial spasm"),
    ("Potassium cures hemifacial spasm.", "Oh and calcium as well!", "calcium cures hemifacial spasm"),
])
def test_an_elliptical_sentence_is_the_claim_before_said_of_another_thing(referents, before, sentence, meaning):
    r = elided(sentence, before, referents)
    assert r is not None
    assert r.meaning == meaning
    assert r.text == sentence[:r.start] + meaning + sentence[r.end:]
    assert "sentence before" in r.note


@pytest.mark.parametrize("before, sentence", [
    # polarity: "so" after a denial, "neither" after an assertion
    ("Potassium doesn't cure hemifacial spasm.", "So does vitamin D."),
    ("Potassium cures hemifacial spasm.", "Neither does vitamin D."),
    # the auxiliary does not repeat the claim's verb
    ("Magnesium can cause diarrhoea.", "So does calcium."),
    ("Magnesium causes diarrhoea.", "So can calcium."),
    # the sentence before is no plain claim: a frame, a question, a list, two clauses, a pronoun
    ("My neighbour says potassium cures hemifacial spasm.", "So does calcium."),
    ("Does potassium cure hemifacial spasm?", "So does calcium."),
    ("Potassium and zinc cure hemifacial spasm.", "So does calcium."),
    ("Potassium cures hemifacial spasm, but my doctor disagrees.", "So does calcium."),
    ("It cures hemifacial spasm.", "So does calcium."),
    # the new thing alone may be the object: "eases twitching too"
    ("Potassium eases muscle cramps.", "The same goes for twitching."),
    ("Potassium eases muscle cramps.", "Twitching too."),
    # ... or is of another kind than the subject
    ("Potassium cures hemifacial spasm.", "Twitching too."),
    # nothing the knowledge base knows, or no noun phrase
    ("Potassium cures hemifacial spasm.", "Me too."),
    ("Potassium cures hemifacial spasm.", "So can my cousin's dog."),
    ("Potassium cures hemifacial spasm.", "So it goes."),
    # a question is not an ellipsis that asserts
    ("Low magnesium can cause facial twitching.", "So can low calcium?"),
])
def test_nothing_is_read_when_two_readings_are_possible(referents, before, sentence):
    assert elided(sentence, before, referents) is None


@pytest.mark.parametrize("sentence", [
    "Magnesium cures hemifacial spasm.",
    "So I bought a big jar of magnesium last week and took it every single morning before work.",
    "The doctor was kind.",
])
def test_ordinary_sentences_have_no_elliptical_shape(sentence):
    assert shape(sentence) is None


def test_the_cue_is_cheap_and_lets_the_shapes_through():
    assert may_be_elided("So can low calcium.") and may_be_elided("Calcium too!")
    assert not may_be_elided("Magnesium cures hemifacial spasm.")


def _scanned(checker: FactChecker, text: str) -> list[Finding]:
    events = scan([Target("t.txt", None)], checker, stdin=io.BytesIO(text.encode()))
    return [e for e in events if isinstance(e, Finding)]


def test_scan_reads_an_elliptical_sentence_and_marks_it(checker):
    text = "Low magnesium can cause facial twitching. So can low calcium.\n"
    found = _scanned(checker, text)
    elliptical = [f for f in found if f.column > 1]
    assert elliptical, [f.result for f in found]
    f = elliptical[0]
    assert f.result.matched and f.result.verdict in ("true", "mostly-true")
    assert f.result.statement == "So can low calcium."
    assert text[f.column - 1:f.end_column - 1].rstrip(".") == "So can low calcium"
    assert any("sentence before" in n for n in f.result.clause.notes)


def test_scan_reads_no_ellipsis_across_a_paragraph(checker):
    found = _scanned(checker, "Low magnesium can cause facial twitching.\n\nSo can low calcium.\n")
    assert all(f.line == 1 for f in found)


def test_check_reads_an_elliptical_piece_of_a_run_on_post(checker):
    post = "omg a lack of vitamin B12 can cause facial twitching. so can low calcium"
    found = checker.findings(post)
    read = [r for r in found if r.clause is not None and any("sentence before" in n for n in r.clause.notes)]
    assert read and all(r.matched and r.verdict in ("true", "mostly-true") for r in read)
    r = read[0]
    assert r.statement == post
    assert post[r.clause.start:r.clause.end] == "so can low calcium"


def test_check_reads_no_ellipsis_after_a_piece_that_is_no_plain_claim(checker):
    found = checker.findings("does a lack of vitamin B12 cause facial twitching?? so can low calcium")
    assert not any(r.clause is not None and any("sentence before" in n for n in r.clause.notes) for r in found)
