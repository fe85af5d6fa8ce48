"""The general-English data files agree with each other: no entry that could never take effect,
no word in two classes that contradict each other, every file loads."""

from __future__ import annotations

import pytest

from factcheck.engine import clauses, language, relations, wordnet
from factcheck.engine.text import STOPWORDS, stem


def test_every_class_the_code_reads_is_in_the_file() -> None:
    for cls in ("stopword", "negator", "negating-phrase", "non-negating", "complementary", "contrary",
                "directional", "intensifier", "major", "majority", "link", "reporting", "auxiliary",
                "be", "participle", "phrase-start"):
        assert language.entries(cls), f"class {cls!r} is missing or empty in data/english.tsv"


def test_entries_are_lower_case_and_unique_within_a_class() -> None:
    seen: dict[str, set[str]] = {}
    for cls, rest in language.table("english.tsv"):
        for e in (x.strip() for x in rest.split(";") if x.strip()):
            assert e == e.lower(), (cls, e)
            assert e not in seen.setdefault(cls, set()), f"{e!r} twice in {cls}"
            seen[cls].add(e)


@pytest.mark.parametrize("cls", ["intensifier", "directional", "link"])
def test_words_that_must_take_effect_are_not_stop_words(cls: str) -> None:
    # A stop word is dropped before the judge looks for it, so it could never take effect.
    clash = language.words(cls) & STOPWORDS
    assert not clash, f"{cls} words that are also stop words: {sorted(clash)}"


def test_antonym_pairs_are_single_words_that_are_not_stop_words_and_not_both_kinds() -> None:
    complementary = {frozenset(p) for p in language.pairs("complementary")}
    contrary = {frozenset(p) for p in language.pairs("contrary")}
    assert not complementary & contrary, "a pair cannot be both complementary and contrary"
    for a, b in language.pairs("complementary") + language.pairs("contrary"):
        for w in (a, b):
            assert w and " " not in w, f"{w!r}: the judge compares one-word terms only"
            assert w not in STOPWORDS, f"{w!r} is a stop word, so the pair never takes effect"
        assert stem(a) != stem(b), (a, b)


def test_negators_and_phrases_do_not_overlap() -> None:
    negating = language.phrases("negating-phrase")
    non_negating = language.phrases("non-negating")
    assert not set(negating) & set(non_negating)
    assert all(p[0] in language.words("negator") for p in non_negating if len(p) == 2 and p[0] in ("not", "no")), \
        "a non-negating phrase starts with a negator it excuses"


def test_the_other_data_files_load_and_agree() -> None:
    table = relations.table()
    assert table.kinds and table.entails and table.light
    light = table.light
    assert not (light & {stem(w) for w in language.words("negator")})
    lang = clauses.lang()
    assert lang is not None
    assert wordnet.known("magnesium") and wordnet.same("cure", "heal")


def test_wordnet_categories_are_its_classes_of_things() -> None:
    # (the class of a noun's first sense, through its inflected forms)
    assert wordnet.category("horses") == "animal"
    assert wordnet.category("newborns") == wordnet.category("children") == "person"
    assert wordnet.category("lips") == "body"
    assert wordnet.category("quickly") == ""  # (no noun sense)
    # every category the data names is one of WordNet's noun classes, and scope-kind names some
    classes = set(language.words("scope-kind"))
    assert classes <= {wordnet.category(w) for w in ("horse", "child", "tree", "lip", "minute")}
