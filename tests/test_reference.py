"""Reference across sentences (engine/reference.py, scan/scanner.py): a pronoun, or a short
definite noun phrase, read as the one thing the sentence before named; and, above all, left
alone when that is not clear. Sentences invented for these tests."""

from __future__ import annotations

import io

import pytest

from factcheck.engine import clauses
from factcheck.engine.checker import FactChecker
from factcheck.engine.reference import Referents
from factcheck.scan.scanner import Finding, Target, scan


def read(referents: Referents, before: str, sentence: str):
    return referents.reading(sentence, [(before, referents.mentions(before))])


def scanned(checker: FactChecker, text: str) -> list[Finding]:
    events = scan([Target("t.txt", None)], checker, stdin=io.BytesIO(text.encode()))
    return [e for e in events if isinstance(e, Finding)]


@pytest.mark.parametrize("before, sentence, words, meaning", [
    ("My uncle was told he has hemifacial spasm.", "His friend insists zinc cured it.", "it", "hemifacial spasm"),
    ("Has anybody tried potassium for their spasms?", "A neighbour said it ended her HFS.", "it", "potassium"),
    ("My cousin was diagnosed with hemifacial spasm.", "That condition is caused by an artery.",
     "That condition", "hemifacial spasm"),
    ("Grandad has hemifacial spasm.", "The neurologist says it's caused by an artery.", "it's", "hemifacial spasm"),
    ("Botox injections are common now.", "They relieve hemifacial spasm for a few months.", "They",
     "Botox injections"),
])
def test_a_pronoun_is_read_as_the_one_thing_of_its_kind_named_before(referents, before, sentence, words, meaning):
    r = read(referents, before, sentence)
    assert r is not None
    assert (r.words, r.meaning) == (words, meaning)
    assert r.text == sentence[:r.start] + r.replacement + sentence[r.end:]
    assert meaning in r.note and words in r.note


@pytest.mark.parametrize("before, sentence", [
    # two things of the kind wanted: which one is not clear
    ("I take magnesium and potassium every morning.", "It cured my hemifacial spasm."),
    # "it" is the weather, the time, or stands for a clause
    ("It rained for a week.", "It cured my hemifacial spasm."),
    ("My aunt takes magnesium.", "It seems she has hemifacial spasm."),
    ("My aunt takes magnesium.", "It is true that calcium cures hemifacial spasm."),
    # "it" is the act, not the thing ("gave up coffee": what helped was giving it up)
    ("Last spring I gave up coffee.", "It cured my hemifacial spasm."),
    ("I had a month without caffeine.", "It cured my hemifacial spasm."),
    # "they" after people: the people, most likely
    ("My doctors recommended Botox injections.", "They cure hemifacial spasm."),
    ("Neurologists talk about Botox injections.", "They cure hemifacial spasm."),
    # a person is never "it", and nothing else of the kind wanted is there
    ("My grandmother is a retired nurse.", "It cured my hemifacial spasm."),
    # the thing is named in the same sentence before the pronoun: not read across sentences
    ("Magnesium is cheap.", "An artery presses on the facial nerve and irritates it."),
    ("Zinc is cheap.", "Does calcium work better than potassium? My friend swore it does."),
    # number: "they" is not one substance
    ("Magnesium is cheap.", "They cure hemifacial spasm."),
    # nothing named before
    ("I was tired all week.", "She swears it cured her hemifacial spasm."),
])
def test_nothing_is_read_when_the_thing_is_not_clear(referents, before, sentence):
    assert read(referents, before, sentence) is None


def test_a_knowledge_base_without_concepts_reads_no_pronoun(archive):
    imported = archive([("Zinc cures hemifacial spasm.", "false")])
    r = Referents(imported.lexicon)
    assert r.mentions("Zinc cures hemifacial spasm.") == ()
    assert r.reading("She swears it cured her hemifacial spasm.", [("Zinc is cheap.", ())]) is None


def test_a_place_in_the_reading_is_a_place_in_the_sentence(referents):
    sentence = "His friend insists zinc cured it completely."
    r = read(referents, "My uncle has hemifacial spasm.", sentence)
    assert r is not None
    k = r.text.index("completely")
    assert r.place(k) == sentence.index("completely")
    assert r.place(r.start) == r.start
    assert r.place(r.start + 3) == r.start and r.place(r.start + 3, end=True) == r.end


def test_scan_checks_the_sentence_with_its_pronoun_read_and_reports_it_where_it_stands(checker):
    text = "My uncle was told he has hemifacial spasm.\nHis friend insists magnesium cured it.\n"
    found = scanned(checker, text)
    assert len(found) == 1
    f = found[0]
    assert f.sentence == "His friend insists magnesium cured it."
    assert (f.line, f.column, f.end_column) == (2, 1, f.sentence.index("it.") + 3)  # the clause: up to "it"
    clause = f.to_dict()["clause"]
    assert "magnesium cured hemifacial spasm" in clause["text"]
    assert "read 'it' as 'hemifacial spasm' (named in a sentence before)" in clause["notes"]
    assert f.verdict != "no-match"


def test_explain_says_what_the_pronoun_was_read_as(checker):
    text = "My uncle was told he has hemifacial spasm.\nHis friend insists magnesium cured it.\n"
    events = scan([Target("t.txt", None)], checker, explain=True, stdin=io.BytesIO(text.encode()))
    found = [e for e in events if isinstance(e, Finding)]
    notes = found[0].to_dict(explain=True)["explanation"]["notes"]
    assert any("read 'it' as 'hemifacial spasm'" in n for n in notes)


@pytest.mark.parametrize("text", [
    # a blank line ends the paragraph: the sentence after it starts afresh
    "My uncle was told he has hemifacial spasm.\n\nHis friend insists magnesium cured it.\n",
    # two sentences back is too far
    "My uncle was told he has hemifacial spasm.\nHe lives in Leeds with two cats.\nHis friend insists magnesium cured it.\n",
    # a heading is no sentence of the paragraph
    "# Hemifacial spasm\n\nHis friend insists magnesium cured it.\n",
])
def test_scan_reads_a_pronoun_only_after_the_sentence_just_before_in_its_paragraph(checker, text):
    for f in scanned(checker, text):
        assert not any("named in a sentence before" in n for n in (f.result.clause.notes if f.result.clause else ()))


@pytest.mark.parametrize("sentence, parts", [
    ("No vitamin or diet fixes hemifacial spasm.", ("No vitamin fixes hemifacial spasm", "No diet fixes hemifacial spasm")),
    ("No zinc, iron or folate has been shown to cure it.",
     ("No zinc has been shown to cure it", "No iron has been shown to cure it", "No folate has been shown to cure it")),
    ("Zinc and no sleep cause twitching.", ("Zinc cause twitching", "no sleep cause twitching")),
])
def test_a_determiner_before_a_list_belongs_to_every_item(sentence, parts):
    (c,) = clauses.read(sentence)
    assert c.parts == parts


def test_a_list_under_no_is_not_read_as_asserting_its_later_items(checker):
    # "diet fixes hemifacial spasm" alone would be refuted: the list denies it
    found = scanned(checker, "No vitamin or diet fixes hemifacial spasm.\n")
    assert found and all(f.verdict in ("true", "mostly-true") for f in found)
