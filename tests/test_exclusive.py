"""Exclusive statements ("only X causes Y", "every Y is caused by X") and statements that claim
more than a claim ("X always cures Y"), by natural logic, on an imported knowledge base with no
lexicon. The cases are written for these tests."""

from __future__ import annotations

import pytest

from factcheck.engine.checker import FactChecker

CLAIMS = [
    ("Stress triggers migraines.", "true"),
    ("Dehydration can trigger migraines.", "true"),
    ("Chocolate causes migraines.", "false"),
    ("Stress triggers hives.", "true"),
    ("Ibuprofen relieves migraines.", "true"),
    ("Aspirin cures the common cold.", "false"),
    ("Pollen triggers hay fever.", "true"),
    ("Grass pollen triggers hay fever.", "true"),
]


@pytest.fixture(scope="module")
def imported(archive) -> FactChecker:
    return archive(CLAIMS)


@pytest.mark.parametrize(("statement", "verdict", "claim"), [
    # another cause, supported, refutes "only" and "every case": the other claim is shown
    ("Only stress triggers migraines.", "false", "c1"),
    ("Stress is the only cause of migraines.", "false", "c1"),
    ("Every migraine is caused by stress.", "false", "c1"),
    ("Migraines are always caused by stress.", "false", "c1"),
    ("Only dehydration can trigger migraines.", "false", "c0"),
    # ... and another effect refutes "only" before the effect
    ("Stress triggers only migraines.", "false", "c3"),
])
def test_another_claim_refutes_an_exclusive_statement(imported: FactChecker, statement: str, verdict: str,
                                                      claim: str) -> None:
    result = imported.check(statement)
    assert result.verdict == verdict, result.reason
    assert result.claim is not None and result.claim.id == claim
    assert "knowledge base holds that" in result.reason


@pytest.mark.parametrize("statement", [
    # "always" with the cause first speaks of every case of stress, not of every migraine
    "Stress always triggers migraines.",
    # a refuted claim is no other cause; a narrower one ("grass pollen") is no other cause
    "Only pollen triggers hay fever.",
    # a denied exclusive statement is not refuted by another cause
    "Stress is not the only cause of migraines.",
    # a question about it is answered by the same reading, never inverted
    "Ibuprofen always relieves migraines.",
])
def test_no_other_claim_no_refutation(imported: FactChecker, statement: str) -> None:
    assert imported.check(statement).verdict != "false"


@pytest.mark.parametrize(("statement", "verdict"), [
    # the statement claims more than a refuted claim: it is refuted too
    ("Aspirin always cures the common cold.", "false"),
    ("Aspirin is the only cure for the common cold.", "false"),
    ("Only chocolate causes migraines.", "false"),
    # ... denied, it is supported
    ("Aspirin does not always cure the common cold.", "true"),
    # a true claim does not settle a statement that claims more
    ("Ibuprofen always relieves migraines.", "no-match"),
    ("Stress always triggers migraines.", "no-match"),
])
def test_a_stronger_statement_is_settled_only_by_a_refuted_claim(imported: FactChecker, statement: str,
                                                                  verdict: str) -> None:
    result = imported.check(statement)
    assert result.verdict == verdict, result.reason


def test_explain_says_why_a_stronger_statement_is_left_open(imported: FactChecker) -> None:
    result = imported.check("Ibuprofen always relieves migraines.", explain=True)
    assert "'always' claims more than the claim does" in result.reason
    assert result.explanation is not None
    assert any("natural logic" in why for _, why in result.explanation.refused)


def test_shipped_knowledge_base() -> None:
    checker = FactChecker.load()
    result = checker.check("Only a magnesium deficiency can cause facial twitching.")
    assert result.verdict in ("false", "mostly-false"), result.reason
    assert result.claim is not None and "magnesium" not in result.claim.id
    assert checker.check("Magnesium deficiency always causes facial twitching.").verdict == "no-match"


# --------------------------------------------------------------------------- lists in a claim

LISTED = [
    ("Folate causes headaches, itchy rashes and stomach cramps.", "true"),
    ("Lutein and zeaxanthin protect the retina.", "true"),
    ("Kelp and willow bark cure gout.", "false"),
    ("Iron and zinc are the same mineral.", "false"),
]


# Concepts make every member count: a claim concept the statement lacks is another claim,
# unless a list distributes over it.
CONCEPTS = [("headache", "symptom"), ("rash", "symptom"), ("stomach cramps", "symptom"),
            ("folate", "substance"), ("lutein", "substance"), ("zeaxanthin", "substance"),
            ("kelp", "substance"), ("willow bark", "substance"), ("gout", "condition"),
            ("iron", "substance"), ("zinc", "substance"), ("nosebleed", "symptom")]


@pytest.fixture(scope="module")
def listed(archive) -> FactChecker:
    return archive(LISTED, CONCEPTS, prefix="l")


@pytest.mark.parametrize(("statement", "verdict"), [
    # a claim about a list says the same of each member (and of some of them)
    ("Folate causes headaches.", "true"),
    ("Folate causes stomach cramps and headaches.", "true"),
    ("Zeaxanthin protects the retina.", "true"),
    # ... which only a supported claim settles: a refuted one says nothing of one member alone
    ("Kelp cures gout.", "no-match"),
    # a member the claim does not list is another claim
    ("Folate causes nosebleeds.", "no-match"),
    ("Lutein and iron protect the retina.", "no-match"),
    # collective words relate the members to each other: no member alone
    ("Iron is the same mineral.", "no-match"),
])
def test_a_claim_about_a_list_says_it_of_each_member(listed: FactChecker, statement: str, verdict: str) -> None:
    result = listed.check(statement)
    assert result.verdict == verdict, result.reason


def test_explain_names_the_list(listed: FactChecker) -> None:
    result = listed.check("Folate causes headaches.", explain=True)
    assert result.explanation is not None
    assert any("lists more" in link for link in result.explanation.links), result.explanation.links


@pytest.mark.parametrize("statement", [
    # "only" before "one", a frequency or a degree hedges: it rules nothing out
    "Stress is only one trigger of migraines.",
    "Stress is only one of the causes of migraines.",
    "Stress only sometimes triggers migraines.",
    "Dehydration only occasionally triggers migraines.",
    "Stress only partly explains migraines.",
    # "not only A but also B" says A and more: neither A alone nor A denied
    "Stress triggers not only migraines but also hives.",
    "Stress triggers not only migraines but also back pain.",
    # "only" before how long: a duration, not the only effect
    "Ibuprofen only relieves migraines for a few hours.",
])
def test_an_only_that_hedges_is_not_refuted_by_another_claim(imported: FactChecker, statement: str) -> None:
    result = imported.check(statement)
    assert result.verdict not in ("false", "mostly-false"), (result.reason, result.claim and result.claim.text)


def test_only_before_a_number_says_how_many(checker) -> None:
    """"Only" before the verb before a number word says how many, as before a number: the
    shipped claim that HFS affects one side of the face is what the statement says."""
    assert checker.check("Hemifacial spasm only affects one side of the face.").verdict in ("true", "mostly-true")


def test_a_claim_whose_side_names_the_statements_is_no_other_member(archive) -> None:
    """"Rosacea only affects the face" is not refuted by a claim that it causes redness on the
    face: the claim's side ("redness on the face") names the statement's ("the face")."""
    checker = archive([("Rosacea causes redness on the face.", "true")],
                      concepts=[("redness on the face", "symptom"), ("face", "body part"), ("rosacea", "condition")])
    result = checker.check("Rosacea only affects the face.")
    assert result.verdict not in ("false", "mostly-false"), (result.reason, result.claim and result.claim.text)
