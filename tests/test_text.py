"""Unit tests of normalisation, stemming, negation cues and questions."""

from __future__ import annotations

import pytest

from factcheck.engine.text import clean, is_question, negation_cues, normalise, stem, tokenise


@pytest.mark.parametrize("raw, expected", [
    ("Magnesium CURES Hemifacial Spasm!", "magnesium cures hemifacial spasm"),
    ("Magnesium doesn't cure HFS", "magnesium does not cure hfs"),
    ("It won't, it can't, it cannot", "it will not it can not it can not"),
    ("hemi-facial spasm", "hemifacial spasm"),
    ("vitamin B-12", "vitamin b12"),
    ("600-800 IU", "600 800 iu"),
    ("2.4 \u00b5g a day", "2.4 mcg a day"),
    ("1,000 mg", "1000 mg"),
    ("10% of people", "10 percent of people"),
    ("\u201cSmart quotes\u201d and \u2018these\u2019", "smart quotes and these"),
    ("caf\u00e9 na\u00efve", "cafe naive"),
    ("the facial nerve's branch", "the facial nerve branch"),
    ("", ""),
])
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent_on_examples() -> None:
    for s in ["Doesn't B-12 help?", "600–800 IU (international units)", "It's 2.4µg!"]:
        assert normalise(normalise(s)) == normalise(s)


@pytest.mark.parametrize("forms", [
    ("cure", "cures", "cured", "curing"),
    ("cause", "causes", "caused", "causing"),
    ("treat", "treats", "treated", "treating", "treatment", "treatments"),
    ("twitch", "twitches", "twitching", "twitched"),
    ("injection", "injections"),
    ("deplete", "depletes", "depleted", "depleting", "depletion"),
    ("stress", "stresses", "stressed"),
    ("deficiency", "deficiencies"),
    ("tumour", "tumours", "tumor", "tumors"),
    ("recognise", "recognised", "recognize", "recognized"),
    ("anaemia", "anemia"),
    ("diarrhoea", "diarrhea"),
    ("centre", "center"),
])
def test_stem_sends_forms_and_spellings_of_a_word_to_one_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1, {f: stem(f) for f in forms}


@pytest.mark.parametrize("a, b", [
    ("cure", "cause"), ("magnesium", "manganese"), ("treat", "threat"), ("nerve", "never"),
    ("need", "ne"), ("supple", "sample"),
])
def test_stem_keeps_different_words_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def cues(text: str) -> list[str]:
    return [c.words for c in negation_cues(tokenise(text), question=is_question(text))]


@pytest.mark.parametrize("text, expected", [
    ("Magnesium cures HFS", []),
    ("Magnesium does not cure HFS", ["not"]),
    ("Magnesium doesn't cure HFS", ["not"]),
    ("Magnesium won't cure HFS", ["not"]),
    ("Magnesium never cures HFS", ["never"]),
    ("No diet has been shown to cure HFS", ["no"]),
    ("It is false that magnesium cures HFS", ["false that"]),
    ("That magnesium cures HFS is a myth", ["a myth"]),
    ("Magnesium fails to cure HFS", ["fails to"]),
    ("Neither diet nor supplements cure HFS", ["neither"]),
    ("Not only stress but also caffeine triggers twitching", []),
    ("Doesn't magnesium cure HFS?", []),
])
def test_negation_cues(text: str, expected: list[str]) -> None:
    assert cues(text) == expected


def test_double_negation_is_two_cues() -> None:
    assert len(cues("It is not true that magnesium does not cure HFS")) == 2


@pytest.mark.parametrize("text, expected", [
    ("Does magnesium cure HFS?", True),
    ("Does magnesium cure HFS", True),
    ("Can stress trigger twitching", True),
    ("Is it true that Botox treats HFS?", True),
    ("Magnesium cures HFS.", False),
    ("Does.", False),
])
def test_is_question(text: str, expected: bool) -> None:
    assert is_question(text) is expected


def test_clean_drops_control_characters() -> None:
    assert clean("a\x1b[31mb\x00c\n d") == "a [31mb c d"


def test_terminal_escape_sequences_are_not_words() -> None:
    pasted = "\x1b[31mMagnesium\x1b[0m cures \x1b]8;;https://example.com\x07HFS\x1b]8;;\x07"
    assert tokenise(pasted) == ["magnesium", "cures", "hfs"]
