"""Properties of normalisation and matching, on arbitrary text and on every shipped claim.

Hypothesis runs derandomised (a fixed sequence of examples) with modest counts, so CI on two
cores stays quick and cannot flake; the example database is not used.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.engine.checker import FactChecker
from factcheck.errors import InputError
from factcheck.kb.knowledge import Claim, Verdict
from factcheck.result import LABELS
from factcheck.engine.text import normalise, stem, tokenise

FAST = settings(max_examples=400, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=150, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_CHECKER: FactChecker | None = None


def checker() -> FactChecker:
    """The shipped knowledge base's checker, built once ($FACTCHECK_KB may not choose it)."""
    global _CHECKER
    if _CHECKER is None:
        from factcheck.kb.knowledge import load, shipped_path

        _CHECKER = FactChecker(load(shipped_path()))
    return _CHECKER


# --------------------------------------------------------------------------- strategies

# Text that reaches deep into the engine: the knowledge base's own words and terms, negation
# and question words, contractions, numbers, tags, links, and odd Unicode, in random order.
_TRICKY = [
    "not", "no", "never", "doesn't", "isn't", "can't", "cannot", "dont", "It is false that",
    "Is it true that", "?", "!", ".", ",", ";", "-", "--", "'", '"', "\u201c", "\u2019", "#HashTag",
    "@handle", "http://example.com/a?b=c", "www.example.org", "50%", "1,000", "5\u00b5g", "B-12",
    "600-800", "hemi-facial", "\u0301", "\u200b", "\ufeff", "\x00", "\x1b[31m", "\u202e", "\u0130",
    "\u00df", "\ufb01", "\u2163", "\uff21", "\U0001f600", "\u05d0", "\u0627", "\u4e2d",
]


def _vocabulary() -> list[str]:
    kb = checker().kb
    words = {w for c in kb.claims for p in c.phrasings for w in p.split()}
    terms = {t for c in kb.concepts for t in c.terms}
    return sorted(words | terms)


def statements() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(_vocabulary()), st.sampled_from(_TRICKY), st.text(max_size=10))
    separator = st.sampled_from([" ", " ", "  ", "", "\t", "\n", "-", ", "])
    return st.tuples(st.lists(piece, max_size=20), separator).map(lambda t: t[1].join(t[0]))


any_text = st.text(max_size=300)  # every code point hypothesis can draw, surrogates aside


# --------------------------------------------------------------------------- normalisation


@FAST
@given(any_text)
def test_normalise_never_raises_is_deterministic_and_idempotent(text):
    once = normalise(text)
    assert isinstance(once, str)
    assert normalise(text) == once
    assert normalise(once) == once


@FAST
@given(statements())
def test_normalise_is_idempotent_on_tricky_text(text):
    once = normalise(text)
    assert normalise(once) == once


@FAST
@given(st.one_of(any_text, statements()))
def test_tokens_are_the_words_of_the_normalised_text(text):
    tokens = tokenise(text)
    assert tokens == tokenise(text)
    assert " ".join(tokens) == normalise(text)
    for t in tokens:
        assert t and not any(ch.isspace() for ch in t)
        assert t == t.casefold()


@FAST
@given(st.one_of(st.text(max_size=40), st.sampled_from(_TRICKY)))
def test_stem_never_raises_and_is_deterministic(word):
    s = stem(word)
    assert isinstance(s, str)
    assert stem(word) == s
    for token in tokenise(word):
        assert stem(token) == stem(token)
        assert stem(token)  # a word never stems to nothing


def test_idempotence_and_tokens_on_known_hard_cases():
    # Cases that break naive normalisers: case folding that changes length, compatibility
    # forms, combining marks, contractions with typographic apostrophes, tags and links.
    for text in ["\u0130stanbul", "Stra\u00dfe", "\ufb01ne", "\u2163", "\uff2d\uff47", "cafe\u0301",
                 "doesn\u2019t", "Can't", "#DefundTheCBC", "@realDonaldTrump", "www.x.org/a b",
                 "5 \u00b5g", "1,000,000", "B-12", "600-800 mg", "\u00bd", "x\u200by"]:
        once = normalise(text)
        assert normalise(once) == once, text
    assert normalise("Doesn\u2019t CURE") == normalise("does not cure") == "does not cure"


# --------------------------------------------------------------------------- matching


def _result_ok(statement: str, top: int, explain: bool) -> dict:
    try:
        r = checker().check(statement, top=top, explain=explain)
    except InputError:
        assert not statement.strip(), "InputError is only for blank statements"
        return {}
    assert statement.strip()
    d = r.to_dict(top=top, explain=explain)
    assert d["statement"] == statement  # the original text, exactly
    assert d["verdict"] in LABELS
    assert (d["claim"] is None) == (d["verdict"] == "no-match")
    if d["claim"] is None:  # no verdict, no confidence; perhaps how near the nearest claim came
        assert d["score"] is None and (d["nearest_score"] is None or 0 <= d["nearest_score"] <= 100)
    else:
        assert 0 <= d["score"] <= 100 and d["nearest_score"] is None
    if top:
        assert len(d["candidates"]) <= top
    return d


@SLOW
@given(any_text, st.integers(0, 8), st.booleans())
def test_check_never_raises_on_arbitrary_text_and_is_deterministic(text, top, explain):
    first = _result_ok(text, top, explain)
    assert _result_ok(text, top, explain) == first


@SLOW
@given(statements(), st.integers(0, 8), st.booleans())
def test_check_never_raises_on_tricky_text_and_is_deterministic(text, top, explain):
    first = _result_ok(text, top, explain)
    assert _result_ok(text, top, explain) == first


@settings(max_examples=40, derandomize=True, deadline=None, database=None)
@given(statements())
def test_two_checkers_on_the_same_knowledge_base_agree(text):
    """No hidden state: a fresh checker answers exactly as one that has seen other statements."""
    if not text.strip():
        return
    fresh = FactChecker(checker().kb)
    assert fresh.check(text, top=5).to_dict(top=5) == checker().check(text, top=5).to_dict(top=5)


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u3000", "\u2003 \u2029"])
def test_only_blank_statements_raise(blank):
    with pytest.raises(InputError):
        checker().check(blank)


# --------------------------------------------------------------------------- every shipped claim

# Negating a claim by general rules of English, the same for every claim (never per claim):
#   1. "It is false that" / "It is not true that" before the claim;
#   2. "not" after the first auxiliary or modal verb ("can cause" -> "can not cause");
#   3. with no auxiliary, "does not"/"do not" before the first verb that the knowledge base's own
#      lexicon knows as a relation ("cures" -> "does not cure", "reduce" -> "do not reduce"), or
#      before the verb that governs it ("helps relieve" -> "does not help relieve").
# Claims that are already negative are denied only by the prefix forms.
_AUXILIARIES = frozenset("is are was were can could may might will would should must does do did has have had".split())
_NEGATIVE = frozenset("not no never none nothing neither nor cannot".split())
_CATENATIVE = frozenset(stem(w) for w in "help seem tend appear".split())  # verbs taking a bare verb


def _lowered(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def _relation_stems() -> frozenset[str]:
    """One-word relation terms: the knowledge base's own and the general relation classes'."""
    from factcheck.engine import relations

    general = {key[0] for entries in relations.table().phrases.values() for key, cls, _ in entries
               if len(key) == 1 and relations.kind(cls) == "relation"}
    return frozenset(
        stem(t.lower()) for c in checker().kb.concepts if c.kind == "relation"
        for t in c.terms if " " not in t
    ) | general


def _base_form(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"),
                         ("zes", "z"), ("oes", "o")):
        if word.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def negations(text: str) -> list[str]:
    """Denials of a claim's text, built by the rules above."""
    body = text.rstrip(".")
    out = [f"It is false that {_lowered(body)}.", f"It is not true that {_lowered(body)}."]
    words = body.split()
    if any(w.lower().strip(",;") in _NEGATIVE or w.lower().endswith("n't") for w in words):
        return out  # already negative: only the prefix forms deny it in plain English
    for i, w in enumerate(words):
        if w.lower() in _AUXILIARIES and i > 0 and words[i + 1:i + 2] != ["not"]:
            out.append(" ".join(words[:i + 1] + ["not"] + words[i + 1:]) + ".")
            return out
    relations = _relation_stems()
    for i, w in enumerate(words[1:], 1):
        lw = w.lower()
        if lw.isalpha() and stem(lw) in relations:
            if i > 1 and stem(words[i - 1].lower()) in _CATENATIVE:  # "helps relieve": deny "helps"
                i, lw = i - 1, words[i - 1].lower()
            third_person = lw.endswith("s") and not lw.endswith("ss")
            verb = ["does", "not", _base_form(lw)] if third_person else ["do", "not", lw]
            out.append(" ".join(words[:i] + verb + words[i + 1:]) + ".")
            break
    return out


def _claims() -> list[Claim]:
    return list(checker().kb.claims)


def test_the_negation_rules_are_general():
    """The rules give a second, verb-level form for most claims, not only the prefix forms."""
    with_verb_rule = sum(len(negations(c.text)) > 2 for c in _claims())
    assert with_verb_rule >= 0.75 * len(_claims())
    assert negations("Magnesium cures hemifacial spasm.")[2] == "Magnesium does not cure hemifacial spasm."
    assert negations("Stress can trigger facial twitching.")[2] == "Stress can not trigger facial twitching."
    assert negations("Magnesium supplements reduce cramps.")[2] == "Magnesium supplements do not reduce cramps."
    assert negations("Zinc helps relieve cramps.")[2] == "Zinc does not help relieve cramps."
    assert negations("There is no cure for hemifacial spasm.") == [
        "It is false that there is no cure for hemifacial spasm.",
        "It is not true that there is no cure for hemifacial spasm."]


@pytest.mark.parametrize("claim", _claims(), ids=lambda c: c.id)
def test_every_claim_text_gets_its_own_verdict(claim):
    r = checker().check(claim.text)
    assert (r.verdict, r.claim.id if r.claim else None) == (claim.verdict.value, claim.id)
    assert r.negated is False


@pytest.mark.parametrize("claim", _claims(), ids=lambda c: c.id)
def test_every_claim_denied_gets_the_flipped_verdict(claim):
    expected = claim.verdict.flipped()
    for denial in negations(claim.text):
        r = checker().check(denial)
        assert (r.verdict, r.claim.id if r.claim else None) == (expected.value, claim.id), denial
        assert r.negated is True, denial


@SLOW
@given(st.sampled_from(_claims()), st.sampled_from(["lower", "upper", "spaces", "question-mark",
                                                       "no-period", "curly-quotes"]))
def test_claims_survive_changes_of_case_spacing_and_punctuation(claim, change):
    text = claim.text
    if change == "lower":
        text = text.lower()
    elif change == "upper":
        text = text.upper()
    elif change == "spaces":
        text = "  " + re.sub(" ", "   ", text) + "  "
    elif change == "question-mark":
        text = text.rstrip(".") + "?"
    elif change == "no-period":
        text = text.rstrip(".")
    else:
        text = text.replace("'", "\u2019")
    r = checker().check(text)
    assert (r.verdict, r.claim.id if r.claim else None) == (claim.verdict.value, claim.id), text


def test_flipping_is_an_involution_on_verdicts():
    for v in Verdict:
        assert v.flipped().flipped() is v
        assert v.flipped().supported == v.refuted
