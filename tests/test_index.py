"""Unit tests of retrieval and candidate ordering (``factcheck/engine/index.py``).

They use small knowledge bases made here, with no lexicon, as if imported from a fact-check
archive: what is tested is the index's mechanics, not the curation of a knowledge base.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.kb import knowledge
from factcheck.engine.checker import FactChecker
from factcheck.engine.index import RANK_BLEND, Index, split_words
from factcheck.engine.matching import Judgement
from factcheck.engine.text import stem

SOURCE = {"id": "s", "title": "Archive", "publisher": "Archive", "kind": "fact-check", "reliability": "medium"}


def make_checker(*texts: str | tuple[str, ...]) -> FactChecker:
    """A checker over one claim per argument (a tuple: the claim's text, then its aliases)."""
    claims = []
    for n, t in enumerate(texts):
        text, *aliases = (t,) if isinstance(t, str) else t
        c = {"id": f"c{n}", "text": text, "verdict": "unproven", "summary": "Imported.", "evidence": [],
             "origin": {"source": "s"}}
        if aliases:
            c["aliases"] = list(aliases)
        claims.append(c)
    return FactChecker(knowledge.from_dict({"version": 1, "sources": [SOURCE], "claims": claims}))


def ids(checker: FactChecker, statement: str, limit: int = 10) -> list[str]:
    query = checker.analyzer.analyse(statement)
    return [checker.kb.claims[c].id for c, _ in checker.index.search(query, limit=limit)]


FILLER = [
    "A photograph shows a bowl of cereal on a kitchen table.",
    "Kellogg's sold breakfast cereal to hospitals in the 1900s.",
    "A video shows a storm over a small town in Texas.",
    "Bed sheets in hotels are washed once a week.",
    "A mayor in Ohio banned the sale of corn syrup.",
    "Bugs were found in a famous brand of flour.",
    "Flakes of paint fell on the crowd at a stadium.",
    "Cape Cod beaches were closed because of sharks.",
]


# --------------------------------------------------------------------------- splitting words


def test_split_words_finds_the_parts_the_claims_use() -> None:
    df = {"corn": 3, stem("flakes"): 2, "bed": 5, stem("bugs"): 4}
    assert split_words("cornflakes", df) == ("corn", stem("flakes"))
    assert split_words("bedbugs", df) == ("bed", stem("bugs"))


def test_split_words_into_three_parts() -> None:
    df = {stem("cape"): 4, "town": 9, "storm": 3}
    assert split_words("capetownstorm", df) == (stem("cape"), "town", "storm")


def test_split_words_needs_every_part_known_in_enough_claims() -> None:
    assert split_words("cornflakes", {"corn": 3, stem("flakes"): 1}) == ()  # a part in one claim only
    assert split_words("cornflakes", {"corn": 3}) == ()
    assert split_words("cornflakesx", {"corn": 3, stem("flakes"): 3}) == ()  # letters left over


def test_split_words_never_makes_a_stop_word_a_part() -> None:
    assert split_words("therapist", {"the": 100, stem("rapist"): 5}) == ()


def test_split_words_prefers_the_most_common_parts() -> None:
    # "penisland" reads as "pen island" or "penis land": the commoner parts win.
    df = {"pen": 2, "island": 40, stem("penis"): 2, "land": 3}
    assert split_words("penisland", df) == ("pen", "island")


def test_split_words_leaves_short_and_non_alphabetic_words_alone() -> None:
    df = {"abc": 5, "def": 5, "b12": 5}
    assert split_words("abcde", df) == ()
    assert split_words("abc12def", df) == ()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghij", min_size=0, max_size=20))
def test_split_words_parts_spell_the_word(word: str) -> None:
    vocabulary = {w: 3 for w in ("abc", "defg", "hij", "aab", "cde", "fgh", "iij")}
    parts = split_words(word, vocabulary)
    assert len(parts) in (0, 2, 3)
    if parts:
        assert "".join(parts) == word
        assert all(p in vocabulary for p in parts)


# --------------------------------------------------------------------------- retrieval


def test_run_together_word_finds_the_claim_written_apart() -> None:
    checker = make_checker(
        *FILLER,
        ("Kellogg's Corn Flakes were invented to stop masturbation.", "Were Corn Flakes Invented to Curb Lust?"),
    )
    assert ids(checker, "Google why were cornflakes invented")[0] == f"c{len(FILLER)}"
    assert ids(checker, "#cornflakes lol")[0] == f"c{len(FILLER)}"


def test_lower_case_hashtag_of_several_words_is_split() -> None:
    checker = make_checker(*FILLER, "Videos show tornadoes in Cape Town, South Africa.", "A tornado hit a school.")
    assert ids(checker, "All #capetowntornado videos are fake")[0] == f"c{len(FILLER)}"
    # every part must be a word of at least two claims: with one tornado claim, no split
    checker = make_checker(*FILLER, "Videos show tornadoes in Cape Town, South Africa.")
    query = checker.analyzer.analyse("All #capetowntornado videos are fake")
    assert "town" not in checker.index.query_keys(query)


def test_known_words_are_not_split() -> None:
    checker = make_checker(*FILLER, "Bedbugs were found in a hotel in Paris.")
    query = checker.analyzer.analyse("bedbugs in my hotel")
    keys = checker.index.query_keys(query)
    assert stem("bedbugs") in keys
    assert "bed" not in keys  # the claims know the word: it is not read as two


def test_small_numbers_count_for_less_than_words() -> None:
    # "19" (a day of the month in a post) is rarer here than "candy", but it is a small number:
    # the claim that shares the post's word comes first, not the one that shares its date.
    checker = make_checker(
        "Police found 19 bodies in a freezer.",
        "Police found heroin disguised as candy.",
        "A photograph shows 19 puppies.",
        "Candy corn was invented in Ohio.",
        "A candy shop sold fake money.",
        *FILLER,
    )
    assert ids(checker, "Warning: narcotics made to look like candy. Police Dept. May 19")[0] == "c1"


def test_a_word_that_only_stresses_still_names_things() -> None:
    # "super" stresses ("super low"), so the judge takes it lightly; but it is no stop word: it
    # names "Super Tuesday" and "Super Bowl", and a post that says "Super Tuesday" finds that claim
    # first, not the claim that shares only "Tuesday".
    checker = make_checker(
        *FILLER,
        "A website crashed on Tuesday after the results.",
        "The immigration website of Canada crashed when many Americans read the results of Super Tuesday.",
    )
    assert ids(checker, "The website is overloaded after Super Tuesday results.")[0] == f"c{len(FILLER) + 1}"


def test_the_very_verb_of_a_relation_class_counts_in_retrieval() -> None:
    # "reverse" and "heal" are both read as the relation class cure, whose key many claims share;
    # the claim that uses the post's own verb comes first.
    checker = make_checker(
        *FILLER,
        "Trump said that prayer heals a broken marriage.",
        "Trump plans to reverse the ruling on marriage equality as president.",
    )
    query = checker.analyzer.analyse("Trump says he'll reverse gay marriage laws")
    assert "@cure" in checker.index.query_keys(query)
    assert ids(checker, "Trump says he'll reverse gay marriage laws")[0] == f"c{len(FILLER) + 1}"


def test_one_letter_words_count_for_less_than_words() -> None:
    # The "k" of "$78k" is as rare here as "salary" (J.K.), but a one-letter word (a unit, an initial)
    # names nothing: the claim that shares the post's word comes first.
    checker = make_checker(
        *FILLER,
        "J.K. Rowling donated money.",
        "President Trump donated his salary to the Department of Veterans Affairs.",
    )
    assert ids(checker, "Proud to accept a $78k donation of his salary")[0] == f"c{len(FILLER) + 1}"


def test_ties_are_broken_in_knowledge_base_order() -> None:
    checker = make_checker(*FILLER, "Sharks were seen in a flooded street.", "Sharks were seen in a flooded street.")
    got = ids(checker, "sharks in a flooded street")
    assert got[:2] == [f"c{len(FILLER)}", f"c{len(FILLER) + 1}"]


def test_search_is_best_first_and_respects_the_limit() -> None:
    checker = make_checker(*FILLER)
    query = checker.analyzer.analyse("cereal corn flakes bugs storm town")
    hits = checker.index.search(query, limit=3)
    assert len(hits) == 3
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert checker.index.search(checker.analyzer.analyse("zzzz qqqq"), limit=3) == []


def test_the_cached_index_is_the_built_one(tmp_path, monkeypatch) -> None:
    """The cache saves and maps back what the one builder made: same postings, same docs, same
    search results and checks as the index built in memory from the same knowledge base."""
    import json

    from factcheck.engine import cache

    claims = [*FILLER, ("Kellogg's Corn Flakes were invented to stop masturbation.", "Corn flakes and lust"),
              "Magnesium does not cure hemifacial spasm in most cases.", "Cape Cod: 19 sharks, 2019."]
    built = make_checker(*claims)
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(knowledge.to_dict(built.kb), ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(cache, "CACHE_MIN_BYTES", 0)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    plain = FactChecker.load(path, cache=False)
    first = FactChecker.load(path)  # builds and writes the cache
    again = FactChecker.load(path)  # maps it back
    assert list((tmp_path / "cache").glob("*.idx"))
    for cached in (first, again):
        assert type(cached.kb.claims).__name__ == "LazyClaims"
        assert [c.id for c in cached.kb.claims] == [c.id for c in plain.kb.claims]
        assert cached.kb.claims[-1] == plain.kb.claims[-1]
        for key in ("corn", "19", stem("sharks"), "nothing"):
            assert cached.index.postings(key) == plain.index.postings(key)
            assert cached.index.df.get(key) == plain.index.df.get(key)
        assert [cached.index.phrasings[c] for c in range(len(claims))] == \
            [plain.index.phrasings[c] for c in range(len(claims))]
        for d in range(len(plain.docs)):
            assert cached.docs[d].analysis.keys == plain.docs[d].analysis.keys
            assert cached.docs[d].analysis.negated == plain.docs[d].analysis.negated
        for s in ("cornflakes invented", "storm over a town 19", "capecod sharks", "magnesium cures hfs"):
            q = plain.analyzer.analyse(s)
            assert cached.index.search(q, limit=5) == plain.index.search(q, limit=5)
            assert cached.check(s, top=3).to_dict(top=3) == plain.check(s, top=3).to_dict(top=3)


@pytest.mark.parametrize("share", [0.0, 0.3, 0.5, 0.9, 1.0])
def test_an_index_built_by_two_processes_is_the_one_built_by_one(tmp_path, monkeypatch, share: float) -> None:
    """A large knowledge base is indexed by two processes (the second takes the claims after a
    split point): the cache file's bytes are those of the one-process build, wherever it splits."""
    import hashlib
    import json

    from factcheck.engine import cache

    claims = [*FILLER, ("Kellogg's Corn Flakes were invented to stop masturbation.", "Corn flakes and lust"),
              "Magnesium does not cure hemifacial spasm in most cases.", "Cape Cod: 19 sharks, 2019.",
              ("Stress causes facial twitching.", "Twitching in your face comes from stress")]
    kb = knowledge.to_dict(make_checker(*claims).kb)
    raw = json.dumps(kb, ensure_ascii=False, indent=1).encode("utf-8")
    text, digest = raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()
    path = tmp_path / "kb.json"
    monkeypatch.setattr(cache, "PARALLEL_MIN_CHARS", 10**12)
    one = cache._build(path, text, digest, 0)
    monkeypatch.setattr(cache, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(cache, "WORKER_SHARE", share)
    monkeypatch.setattr(cache, "_cores", lambda: 2)
    started = []
    start = cache._Worker.start
    monkeypatch.setattr(cache._Worker, "start", lambda *a: started.append(1) or start(*a))
    two = cache._build(path, text, digest, 0)
    assert started and one is not None and two is not None
    assert b"".join(two) == b"".join(one)


def test_a_failed_second_process_leaves_the_work_to_the_first(tmp_path, monkeypatch) -> None:
    import hashlib
    import json

    from factcheck.engine import cache

    kb = knowledge.to_dict(make_checker(*FILLER, "Magnesium cures hemifacial spasm.").kb)
    raw = json.dumps(kb).encode("utf-8")
    text, digest = raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()
    monkeypatch.setattr(cache, "PARALLEL_MIN_CHARS", 10**12)
    one = cache._build(tmp_path / "kb.json", text, digest, 0)
    monkeypatch.setattr(cache, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(cache, "_cores", lambda: 2)
    monkeypatch.setattr(cache, "_index_part", _fails_in_a_child(cache._index_part))
    assert b"".join(cache._build(tmp_path / "kb.json", text, digest, 0)) == b"".join(one)


def _fails_in_a_child(fn):
    import os

    parent = os.getpid()

    def wrapped(*args):
        if os.getpid() != parent:
            raise RuntimeError("the second process fails")
        return fn(*args)

    return wrapped


# --------------------------------------------------------------------------- ordering


def test_order_is_best_first_with_scores_between_0_and_100() -> None:
    checker = make_checker(*FILLER, "Bugs were found in corn flakes.")
    r = checker.check("bugs found in cornflakes", top=5)
    scores = [c.score for c in r.candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 100.0 for s in scores)
    assert r.candidates[0].id == f"c{len(FILLER)}"


def test_a_rejected_judgement_adds_nothing_to_the_order() -> None:
    checker = make_checker(*FILLER)
    index, docs = checker.index, checker.docs
    query = checker.analyzer.analyse("bugs in flour at a stadium")
    hits = [(0, 10.0), (1, 9.0), (2, 5.0)]
    judged = [Judgement(docs[0], 20.0, False), Judgement(docs[1], 60.0, False), Judgement(docs[2], 80.0, True)]
    ranked = index.order(query, hits, judged)
    # the accepted claim first; the rejected ones by retrieval alone, whatever their judged score
    assert [j.doc.claim for _, j in ranked] == [2, 0, 1]
    scores = [s for s, _ in ranked]
    assert scores == sorted(scores, reverse=True)
    assert scores[1] == 100 * (1 - RANK_BLEND)  # the best retrieval, with no judged part
    assert index.order(query, [], []) == []


def test_common_keys_are_looked_up_for_the_best_candidates_only(monkeypatch) -> None:
    import factcheck.engine.index as index

    claims = [f"A photograph shows a video of item {n}." for n in range(30)]
    claims += ["A photograph shows a purple giraffe.", "A purple car was seen in Ohio.",
               "A video shows a giraffe in a photograph of a video."]
    checker = make_checker(*claims)
    query = checker.analyzer.analyse("photograph video of a purple giraffe")
    monkeypatch.setattr(index, "COMMON_MIN", 10**9)
    full = checker.index.search(query, limit=3)
    # every key is "common" here, and only the 3 best after the rare keys are looked up for them
    monkeypatch.setattr(index, "COMMON", 0.0)
    monkeypatch.setattr(index, "COMMON_MIN", 0)
    monkeypatch.setattr(index, "POOL", 3)
    assert checker.index.search(query, limit=3) == full
    assert checker.kb.claims[full[0][0]].id == "c30"


_WORDS = ["storm", "town", "cereal", "bugs", "flour", "sharks", "paint", "crowd", "mayor", "corn", "19", "2019"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=8), st.integers(min_value=-1, max_value=12))
def test_search_is_best_first_with_ties_in_knowledge_base_order(words: list[str], limit: int) -> None:
    checker = _SHARED
    hits = checker.index.search(checker.analyzer.analyse(" ".join(words) or "nothing"), limit=limit)
    assert len(hits) <= max(limit, 0)
    assert len({c for c, _ in hits}) == len(hits)
    assert hits == sorted(hits, key=lambda h: (-h[1], h[0]))


_SHARED = make_checker(*FILLER, *FILLER[:3])  # exact duplicates: ties to break
