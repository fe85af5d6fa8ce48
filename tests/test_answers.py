"""A statement its writer answers with a denial ("X? Not a chance.", "X. Yeah, right.") is checked
as denied, in `check` and in `scan` (where the answer is a sentence of its own on the same line).
The sentences are written for these tests."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app
from factcheck.engine import answers
from factcheck.engine.checker import FactChecker


@pytest.mark.parametrize(("text", "denial"), [
    ("Not a chance.", True), ("nope 🙄", True), ("Yeah, right.", True), ("lol no", True),
    ("Of course not!", True), ("It didn't.", True), ("short answer: no", True),
    ("not a chance of it working for everyone", False), ("No vitamin cures HFS", False),
    ("Yes.", False), ("Maybe.", False),
    # who gave the answer may follow it; "not one" and "none" answer "is there any"
    ('"Not one," she said.', True), ("None, my pharmacist says.", True),
    ("Not one of them works for everyone", False), ("No, she said it works.", False),
])
def test_is_denial(text: str, denial: bool) -> None:
    assert answers.is_denial(text) is denial


@pytest.mark.parametrize(("text", "body"), [
    ("Does zinc cure gout? Nope.", "Does zinc cure gout?"),
    ("Zinc supposedly cures gout. Yeah, right.", "Zinc supposedly cures gout."),
    ("does zinc cure gout? no lol", "does zinc cure gout?"),
    ("Zinc cures gout. It does not.", "Zinc cures gout."),  # a pronoun's denial answers it
    ("Zinc cures gout. It does not help colds.", None),  # a sentence of its own, not an answer
    ("Is it true? No, but it helps", None),
    ("Zinc cures gout", None),
    ("Zinc cures gout \u2013 wrong!", "Zinc cures gout"),
    ("Does zinc cure gout? The evidence says no.", "Does zinc cure gout?"),
    ('Is there a zinc pill that cures gout? "Not one," she said.', "Is there a zinc pill that cures gout?"),
])
def test_denied_body(text: str, body: str | None) -> None:
    assert answers.denied_body(text) == body


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker.load()


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Magnesium cures hemifacial spasm? Not a chance.", "true"),
    ("Does magnesium cure HFS? Nope.", "true"),
    ("Magnesium supposedly cures hemifacial spasm. Yeah, right.", "true"),
    # a statement that denies already may be agreed with by "No": left as it stands
    ("Magnesium doesn't cure HFS? No.", "true"),
    # a label that denies is no label to set aside ("Myth: X" denies X)
    ("Myth: magnesium cures hemifacial spasm.", "true"),
    # a pronoun's denial answers the sentence before ("... It didn't.")
    ("My sister was told magnesium would cure her HFS. It didn't.", "true"),
    # "hardly" denies
    ("Hardly anyone's hemifacial spasm is cured by magnesium.", "true"),
])
def test_check_reads_the_answer(checker: FactChecker, statement: str, verdict: str) -> None:
    assert checker.check(statement).verdict == verdict


def test_scan_hands_a_sentence_the_answer_on_its_line(tmp_path) -> None:
    doc = tmp_path / "post.txt"
    doc.write_text("Magnesium cures hemifacial spasm? Not a chance.\n"
                   "Magnesium cures hemifacial spasm?\nNot a chance.\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["scan", "--format", "jsonl", str(doc)])
    found = [json.loads(x) for x in out.stdout.splitlines() if x.strip()]
    by_line = {f["line"]: f["verdict"] for f in found if "verdict" in f}
    assert by_line[1] == "true"  # answered on its own line: denied
    assert by_line[2] == "false"  # the answer on the next line is not taken (it may answer anything)


@pytest.fixture(scope="module")
def remedies(archive):
    return archive([("Garlic cures the flu.", "false"), ("Ginger eases nausea.", "true")])


@pytest.mark.parametrize(("statement", "verdict"), [
    # an answer that restates the thing speaks of it, whatever the frame before it made of it
    ("I used to think garlic cured the flu. Turns out it doesn't.", "true"),
    ("I used to think ginger eased nausea. Turns out it does.", "true"),
    ("I used to believe ginger eased nausea, but it doesn't.", "false"),
    ("I used to believe garlic cured the flu, and it does.", "false"),
    ("My aunt said garlic cures the flu. She was wrong.", "true"),
    ("Ginger eases nausea? It does.", "true"),
    ("Garlic cures the flu? It doesn't.", "true"),
    # a judgement after a frame is of what the frame reports: no double denial
    ("I used to think garlic cured the flu, but that turned out to be a myth.", "true"),
    # without a frame, a judgement of a denied clause still turns it round
    ("Ginger doesn't ease nausea, which is false.", "true"),
])
def test_an_answer_or_judgement_after_a_frame_speaks_of_what_it_reports(remedies, statement: str,
                                                                         verdict: str) -> None:
    result = remedies.check(statement)
    assert result.verdict == verdict, (result.reason, result.clause)
    assert result.statement == statement  # (the result is the whole statement's, its clause marked)


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Garlic cures the flu, or so I thought.", "true"),
    ("Ginger eases nausea, or so I thought.", "false"),
    ("Ginger eases nausea\u2026 or so I believed", "false"),
    # a report is no retraction
    ("Ginger eases nausea, or so I was told.", "true"),
])
def test_words_that_take_a_statement_back_deny_it(remedies, statement: str, verdict: str) -> None:
    assert remedies.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Garlic was once thought to cure the flu.", "true"),  # a belief given up denies it
    ("Garlic used to be thought to cure the flu.", "true"),
    ("Ginger was once believed to ease nausea.", "false"),
])
def test_a_belief_given_up_denies_what_was_believed(remedies, statement: str, verdict: str) -> None:
    assert remedies.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # the writer asks it first, then answers: the answer speaks of the thing
    ("Ginger eases nausea. Or does it? No, it doesn't.", "false"),
    ("Garlic cures the flu. Or does it? Yes, it does.", "false"),
    ("Garlic cures the flu? No, it doesn't.", "true"),
])
def test_a_statement_asked_again_and_answered(remedies, statement: str, verdict: str) -> None:
    assert remedies.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a closing sentence that calls the statement what someone wants you to believe rejects it
    ("Garlic cures the flu. That's what the supplement sellers want you to believe anyway.", "true"),
    ("Ginger eases nausea. That is what they want you to think.", "false"),
    # ... not one that says the writer thinks so
    ("Ginger eases nausea. That's what I think.", "true"),
])
def test_a_closing_sentence_that_steers_rejects_the_statement(remedies, statement: str, verdict: str) -> None:
    assert remedies.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a cross before a piece of a post labels that piece false, as "Myth: X" does
    ("❌ Garlic cures the common cold", "true"),
    ("❌ Garlic cures the common cold ✅ Rest helps you recover from a cold", "true"),
    ("✅ Rest helps you recover from a cold ❌ Garlic cures the common cold", "true"),
    # a tick labels nothing false; a cross before a denial is only a bullet
    ("✅ Garlic cures the common cold", "false"),
    ("❌ Garlic doesn't cure the common cold", "true"),
])
def test_a_cross_before_a_piece_calls_it_false(archive, statement: str, verdict: str) -> None:
    checker = archive([("Garlic cures the common cold.", "false"), ("Handwashing prevents colds.", "true")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # a label that calls what follows false, though not only of a denying word ("so-called cure:")
    ("So-called cure: garlic cures the common cold", "true"),
    ("Myth: garlic cures the common cold", "true"),
    # a label that only introduces leaves the claim asserted
    ("Hot take: garlic cures the common cold", "false"),
])
def test_a_label_with_a_denying_word_denies(archive, statement: str, verdict: str) -> None:
    checker = archive([("Garlic cures the common cold.", "false")])
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("statement", "verdict"), [
    # quotation marks around the words of a relation doubt it (scare quotes)
    ('Garlic "cures" the common cold', "true"),
    ('Handwashing "prevents" colds', "false"),
    # not around other words, and not in a denial
    ('Garlic cures the "common cold"', "false"),
    ('Garlic doesn\'t "cure" the common cold', "true"),
])
def test_scare_quotes_around_a_relation_doubt_it(archive, statement: str, verdict: str) -> None:
    checker = archive([("Garlic cures the common cold.", "false"), ("Handwashing prevents colds.", "true")])
    assert checker.check(statement).verdict == verdict
