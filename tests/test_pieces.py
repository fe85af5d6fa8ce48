"""Posts and run-on statements cut into pieces (factcheck/engine/pieces.py), and checked piece by piece."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.engine.checker import FactChecker
from factcheck.engine.pieces import pieces


def _texts(s: str) -> list[str]:
    return [s[a:b] for a, b in pieces(s)]


@pytest.mark.parametrize(("text", "expected"), [
    ("my eyelid twitched all week 😅 caffeine makes it twitch",
     ["my eyelid twitched all week", "caffeine makes it twitch"]),
    ("PSA: botox is the standard treatment for hemifacial spasm",
     ["botox is the standard treatment for hemifacial spasm"]),
    ("is that real?? my aunt says it worked", ["is that real??", "my aunt says it worked"]),
    ("b12 supplements won't cure your HFS, it's a nerve thing for sure",
     ["b12 supplements won't cure your HFS", "it's a nerve thing for sure"]),
    ("vitamin D cured my back pain #blessed #health", ["vitamin D cured my back pain"]),
    # a full stop before a lower-case word ends a thought, after a contraction too
    ("please don't. there's no proof that zinc cures colds",
     ["please don't", "there's no proof that zinc cures colds"]),
    # one thought stays whole: lists, relative clauses, abbreviations, a short head
    ("Stress, caffeine and lack of sleep can all trigger eyelid twitching.",
     ["Stress, caffeine and lack of sleep can all trigger eyelid twitching."]),
    ("Her neurologist recommended Botox shots, which are a standard treatment for HFS.",
     ["Her neurologist recommended Botox shots, which are a standard treatment for HFS."]),
    ("Dr. Smith says magnesium cures it.", ["Dr. Smith says magnesium cures it."]),
    # a list under a denying frame is never cut (the cut would assert what the frame denies)
    ("It is false that whole grains, legumes, meat, fish and dairy are rich in B vitamins.",
     ["It is false that whole grains, legumes, meat, fish and dairy are rich in B vitamins."]),
    ("Magnesium cures hemifacial spasm.", ["Magnesium cures hemifacial spasm."]),
    # a short last part that opens like a new thought is an aside
    ("zinc cures tinnitus in adults, change my mind", ["zinc cures tinnitus in adults", "change my mind"]),
    ("there is no diet that treats gout, sorry to the influencers",
     ["there is no diet that treats gout", "sorry to the influencers"]),
    # a post's head (handles, its age, the handles it answers) is no part of what it says
    ("@nadia_rd · 3h — @sam_k zinc cures tinnitus in adults", ["zinc cures tinnitus in adults"]),
    # a thread's counter opens nothing ("5/", "(2/7)", "3)")
    ("5/ No vitamin cures tinnitus.", ["No vitamin cures tinnitus."]),
    ("@nadia_rd · 3h — (2/7) zinc cures tinnitus", ["zinc cures tinnitus"]),
    ("3) zinc cures tinnitus", ["zinc cures tinnitus"]),
    ("Write to me at a@b.com if zinc cures tinnitus", ["Write to me at a@b.com if zinc cures tinnitus"]),
    # ... but a list's last item is not
    ("Zinc cures tinnitus in adults, teens and babies", ["Zinc cures tinnitus in adults, teens and babies"]),
    # a full stop before a lower-case word ends a thought, unless it closes an abbreviation
    ("zinc can shorten a cold. so can rest and fluids", ["zinc can shorten a cold", "so can rest and fluids"]),
    ("take it with food, e.g. after lunch", ["take it with food, e.g. after lunch"]),
    ("approx. two tablets a day is plenty", ["approx. two tablets a day is plenty"]),
    # the comma that closes a relative clause opened by ", who" splices nothing
    ("My uncle, who is a pharmacist, just told me that zinc cures colds",
     ["My uncle, who is a pharmacist, just told me that zinc cures colds"]),
])
def test_pieces(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@given(st.text(max_size=200))
def test_pieces_are_ordered_spans_inside_the_text(text: str) -> None:
    last = 0
    for a, b in pieces(text):
        assert last <= a <= b <= len(text)
        last = b


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker.load()


def test_a_post_is_checked_piece_by_piece(checker: FactChecker) -> None:
    r = checker.check("hot take: b12 supplements won't cure your HFS, it's a nerve thing")
    assert r.verdict in ("true", "mostly-true") and r.negated
    assert r.clause is not None and r.clause.text.startswith("b12 supplements")
    found = checker.findings("lol my eyelid twitched all week 😅 pretty sure caffeine can trigger eyelid twitching")
    assert [f.claim.id for f in found if f.claim] == ["caffeine-triggers-facial-twitching"]


def test_a_post_that_is_one_piece_is_checked_without_its_label_and_tags(checker: FactChecker) -> None:
    """One piece, but not the whole text: the label, the emoji and the hashtags are left out of
    what is checked (they only diluted the match before)."""
    r = checker.check("friendly reminder: hemifacial spasm is NOT caused by a vitamin deficiency 🙏 #HFSawareness")
    assert r.verdict in ("true", "mostly-true") and r.negated
    assert r.clause is not None and r.clause.text == "hemifacial spasm is NOT caused by a vitamin deficiency"
    (f,) = checker.findings("magnesium deficiency causes hemifacial spasm, change my mind 💪 #wellness")
    assert f.claim is not None and f.claim.id == "magnesium-deficiency-causes-hfs"


def test_a_quoted_condition_is_not_spliced_off():
    """'"If X, we would have noticed," she said': the comma closes the "if" clause inside the
    quote; cutting there asserted X."""
    text = '"If zinc cured tinnitus, we would have noticed by now," she said.'
    assert _texts(text) == [text.rstrip(".") + "."] or len(pieces(text)) == 1


def test_a_short_last_part_that_denies_the_one_before_is_not_cut_off():
    # ("X, it doesn't": the clause reader judges X with it; cut apart, X would read as asserted)
    from factcheck.engine.pieces import pieces as cut
    for text in ("garlic prevents the flu, it doesn't", "zinc shortens every cold, it really does not",
                 "ginseng cures fatigue, that's a myth"):
        assert cut(text) == [(0, len(text))]
    # (a last part that says something of its own is still cut off)
    text = "garlic prevents the flu, don't waste money on pills"
    assert len(cut(text)) == 2


def test_a_claim_denied_by_a_short_last_part_gets_the_opposite_verdict(checker):
    asserted = checker.check("vitamin B12 cures hemifacial spasm, it's worth a try")
    denied = checker.check("vitamin B12 cures hemifacial spasm, it doesn't")
    assert asserted.matched and denied.matched and asserted.claim == denied.claim
    assert asserted.verdict in ("false", "mostly-false") and denied.verdict in ("true", "mostly-true")
