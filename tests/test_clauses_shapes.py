"""Clause shapes of everyday prose (issue 12): a relative clause after a subordinate clause, a
clause after a relative one, a specification in brackets. Sentences written for these tests,
with other words than any corpus."""

from __future__ import annotations

from factcheck.engine.clauses import ASSERT, NONE, plain, read


def texts(sentence: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.mood, c.text) for c in read(sentence)]


def test_a_relative_clause_after_a_reason_takes_the_reasons_last_noun():
    got = texts("I asked the chemist first, because zinc can block copper, which is needed for blood.")
    assert ("relative", ASSERT, "copper is needed for blood") in got
    assert ("reason", ASSERT, "zinc can block copper") in got


def test_a_relative_clause_after_a_condition_is_not_given_its_noun():
    # (a condition asserts nothing: what follows it is not read as said of its noun)
    got = texts("If you take zinc, which is cheap, colds get shorter.")
    assert not any(kind == "relative" for kind, _, _ in got)
    assert ("condition", NONE, "you take zinc") in got


def test_a_clause_after_a_relative_clause_is_a_clause_of_its_own():
    got = texts("I gave the spare iron to my aunt, who is anaemic, and iron comes mostly from red meat.")
    assert ("coordinate", ASSERT, "iron comes mostly from red meat") in got
    assert ("main", ASSERT, "I gave the spare iron to my aunt") in got


def test_a_list_item_after_a_relative_clause_stays_in_the_list():
    # ("and calcium are" is no clause: the relative clause sits inside the subject)
    got = texts("Zinc, which is cheap, and copper are both metals.")
    assert ("main", ASSERT, "Zinc and copper are both metals") in got


def test_a_relative_clause_not_read_leaves_no_stray_comma():
    got = texts("She stopped the tablets, since they upset her stomach, which happens with iron.")
    assert got[0] == ("main", ASSERT, "She stopped the tablets")
    assert ("reason", ASSERT, "they upset her stomach") in got
    # (no verb it knows after "which": not read as a relative clause, and no stray comma is left)
    assert not any(text.startswith(",") for _, _, text in got)


def test_a_number_in_brackets_set_aside_makes_the_clause_no_longer_the_sentence():
    (c,) = read("Zinc (25 mg), a mineral the immune system needs")
    assert c.text == "Zinc, a mineral the immune system needs"
    assert c.notes and not plain((c,))
    # words in brackets may name the thing: kept, and the sentence stays plain
    (c,) = read("Zinc (the metal) is needed by the immune system")
    assert "(the metal)" in c.text


def test_an_attribution_may_end_with_when_or_why_it_was_said():
    (c,) = read("Zinc Will Not Cure Colds, Doctors Warn as Lozenge Sales Soar")
    assert (c.mood, c.text) == (ASSERT, "Zinc Will Not Cure Colds")
    assert c.frame == "Doctors Warn as Lozenge Sales Soar"
    (c,) = read("Zinc cures colds, nobody claimed after the trial.")
    assert (c.mood, c.text) == (NONE, "Zinc cures colds")  # (a negated report still withholds it)


def test_an_aside_without_a_reporting_verb_is_no_attribution():
    # ("as" after a verb that reports nothing: the sentence goes on, nothing is set aside)
    got = read("Zinc shortens colds, lozenges work as well as sprays.")
    assert all(not c.frame for c in got)
