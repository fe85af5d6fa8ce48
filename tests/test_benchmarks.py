"""The benchmark harness's own logic: data parsing, metrics, generators, measuring, reporting.

These run no benchmark; they check the parts whose mistakes would make the figures wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import _common as common  # noqa: E402
import coldstart  # noqa: E402
import report  # noqa: E402
import retrieval  # noqa: E402
import scale  # noqa: E402
import scan_throughput  # noqa: E402

from factcheck.kb import knowledge  # noqa: E402

DATA = retrieval.default_data_dir()
needs_data = pytest.mark.skipif(not (DATA / "verified_claims.docs.tsv").is_file(),
                                reason="claim-retrieval data not present")


# --------------------------------------------------------------------------- metrics


@pytest.mark.parametrize(
    ("ranked", "relevant", "expected"),
    [
        (["a", "b", "c"], {"a"}, 1.0),
        (["b", "a", "c"], {"a"}, 0.5),
        (["x", "y", "z", "w", "a"], {"a"}, 0.2),
        (["x", "y", "z", "w", "v", "a"], {"a"}, 0.0),  # rank 6 is past k=5
        (["a", "x", "b"], {"a", "b"}, (1 + 2 / 3) / 2),
        (["x", "a"], {"a", "b"}, 0.25),  # divided by the number relevant, not found
        ([], {"a"}, 0.0),
        (["a"], set(), 0.0),
        (["a", "a"], {"a"}, 1.0),  # a duplicate in the ranking is not a second hit
    ],
)
def test_average_precision(ranked, relevant, expected):
    assert retrieval.average_precision(ranked, relevant) == pytest.approx(expected)


def test_scores_average_over_posts():
    s = retrieval.Scores.of([["a"], ["x", "b"], ["y"]], [{"a"}, {"b"}, {"c"}])
    assert s.map5 == pytest.approx((1 + 0.5 + 0) / 3)
    assert s.mrr5 == pytest.approx((1 + 0.5 + 0) / 3)
    assert s.recall5 == pytest.approx(2 / 3)


def test_bm25_ranks_the_document_sharing_rare_terms_first():
    docs = [("1", "the cat sat on the mat"), ("2", "the dog chased the cat"),
            ("3", "quantum entanglement of the photons"), ("4", "the the the")]
    bm = retrieval.BM25(docs)
    assert bm.search("photons entangled quantum")[0][0] == "3"
    assert [d for d, _ in bm.search("dog cat")][:2] == ["2", "1"]
    assert bm.search("unknownword") == []
    # "the" is in more than half the documents: its idf is floored, positive, below the rare terms'
    assert 0 < bm.idf["the"] < bm.idf["quantum"]


# --------------------------------------------------------------------------- parsing


def test_read_tsv_handles_quoted_fields_with_newlines_and_doubled_quotes(tmp_path):
    p = tmp_path / "f.tsv"
    p.write_text('\tvclaim\ttitle\n0\tplain\tT0\n1\t"A ""quoted"" claim\nover two lines."\tT1\n2\tit\'s "mid" quoted\tT2\n',
                 encoding="utf-8")
    rows = retrieval.read_tsv(p, 3)
    assert rows == [["0", "plain", "T0"], ["1", 'A "quoted" claim\nover two lines.', "T1"],
                    ["2", 'it\'s "mid" quoted', "T2"]]


def test_read_tsv_rejects_short_rows(tmp_path):
    p = tmp_path / "f.tsv"
    p.write_text("h\th\th\n0\tonly two\n", encoding="utf-8")
    with pytest.raises(common.BenchError, match="without 3 fields"):
        retrieval.read_tsv(p, 3)


@needs_data
def test_real_data_has_the_documented_counts():
    claims = retrieval.read_claims(DATA)
    assert len(claims) == 10_375
    assert claims["3057"][0].startswith("Account describes Pamela Murphy")
    assert "\n" in claims["3057"][0]  # a claim that spans two lines in the file
    assert claims["2"][0].startswith('A "Trump and Obama by the Numbers" meme')
    for split, n in (("train", 800), ("dev", 197), ("test", 200)):
        posts = retrieval.read_posts(DATA, split)
        assert len(posts) == n
        assert not any("\n" in t or "\t" in t for _, t in posts)


def test_one_line_replaces_line_breaks_and_tabs():
    assert retrieval.one_line("a\nb\tc\r\nd\u2028e ") == "a b c d e"


def test_build_kb_is_valid_and_keeps_titles_as_aliases():
    kb = retrieval.build_kb({"1": ("Claim one.", "Headline one"), "2": ("Same.", "Same."), "3": ("Three.", "")})
    assert knowledge.validate(kb) == []
    by_id = {c["id"]: c for c in kb["claims"]}
    assert by_id["vclaim-1"]["aliases"] == ["Headline one"]
    assert "aliases" not in by_id["vclaim-2"] and "aliases" not in by_id["vclaim-3"]
    assert all(c["verdict"] == "unproven" and c["origin"] == {"source": "snopes"} for c in kb["claims"])
    assert kb["sources"] == [retrieval.SOURCE]


def test_parse_jsonl_reads_candidates_and_checks_the_count():
    line = json.dumps({"verdict": "unproven", "claim": {"id": "vclaim-7"}, "score": 80,
                       "candidates": [{"id": "vclaim-7", "score": 80.0}, {"id": "vclaim-9", "score": 50.5}]})
    assert retrieval.parse_jsonl(line + "\n", 1) == [[("7", 80.0), ("9", 50.5)]]
    with pytest.raises(common.BenchError):
        retrieval.parse_jsonl(line + "\n", 2)


# --------------------------------------------------------------------------- generators

CORPUS = {
    str(i): (f"In {place}, {name} said {n} {noun} were {verb} during the storm.",
             f"Did {name} Say {n} {noun.title()} Were {verb.title()} in {place}?")
    for i, (name, n, noun, verb, place) in enumerate(
        (a, b, c, d, e)
        for a in ("Obama", "Trump", "Merkel", "Clinton")
        for b in ("12", "300", "4,000")
        for c in ("soldiers", "farmers", "students")
        for d in ("arrested", "released", "rescued")
        for e in ("Texas", "Ohio"))
}


def test_generated_kb_is_valid_distinct_and_deterministic():
    kb = scale.generate_kb(CORPUS, 400)
    assert knowledge.validate(kb) == []
    texts = [c["text"] for c in kb["claims"]]
    assert len(texts) == 400 and len({t.lower() for t in texts}) == 400
    assert scale.generate_kb(CORPUS, 400) == kb
    assert scale.generate_kb(CORPUS, 400, seed=1) != kb
    assert any(c.get("aliases") for c in kb["claims"][len(CORPUS):])  # some variants carry aliases


def test_variant_swaps_words_consistently_in_claim_and_title():
    import random

    vocab = scale.Vocabulary([t for t, _ in CORPUS.values()])
    text, title = CORPUS["0"]
    rng = random.Random(3)
    renamed = 0
    for _ in range(30):
        vt, vh = scale.variant(text, title, vocab, rng)
        assert vt != text
        names = [n for n in ("Obama", "Trump", "Merkel", "Clinton", "Texas", "Ohio") if n in vt]
        assert names and all(n in vh for n in names)  # the title got the same swaps
        renamed += "Obama" not in vt
    assert renamed > 0


def test_scan_text_is_deterministic_and_has_markdown(tmp_path):
    seeds = ["Magnesium supports nerve function.", "Hemifacial spasm is caused by nerve compression."]
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    scan_throughput.generate(a, 60_000, seeds)
    scan_throughput.generate(b, 60_000, seeds)
    text = a.read_text(encoding="utf-8")
    assert text == b.read_text(encoding="utf-8")
    assert 60_000 <= len(text.encode()) < 70_000
    assert "\n# " in "\n" + text or "\n## " in text
    assert "\n- " in text or "\n* " in text
    assert "Hemifacial spasm is caused by nerve compression." in text
    assert scan_throughput.count_sentences(a) > 500


# --------------------------------------------------------------------------- measuring and reporting


def test_run_reports_exit_status_output_and_peak_rss_of_the_child():
    code = "import sys; x = bytearray(60 * 1024 * 1024); sys.stdout.write(sys.stdin.read().upper()); sys.exit(3)"
    r = common.run([sys.executable, "-c", code], stdin=b"abc")
    assert r.returncode == 3 and r.stdout == b"ABC"
    assert r.peak_rss_mb >= 60
    small = common.run([sys.executable, "-c", "pass"])
    assert small.peak_rss_mb < r.peak_rss_mb  # per child, not a running maximum
    with pytest.raises(common.BenchError, match="exited 3"):
        r.check(allowed=(0,))


def test_peak_rss_is_the_childs_not_the_harness():
    # On Linux a child's own ru_maxrss starts at its parent's RSS; the launcher avoids that.
    ballast = bytearray(150 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])
    r = common.run([sys.executable, "-c", "pass"])
    assert r.returncode == 0
    assert r.peak_rss_mb < 60
    del ballast


def test_table_renders_text_and_markdown():
    t = common.Table(["split", "MAP@5"], title="T")
    t.add("dev", 0.91234)
    assert "0.912" in t.text() and t.text().startswith("T\n")
    assert t.markdown().splitlines() == ["| split | MAP@5 |", "|---|---:|", "| dev | 0.912 |"]


def test_report_renders_the_machine_and_tables():
    meta = {"benchmark": "Scale", "date": "2026-01-01T00:00:00Z", "commit": "abc1234",
            "machine": {"nproc": 2, "cpu": "Test CPU", "memory_gib": 24, "python": "3.11.7", "os": "Linux"},
            "versions": {}}
    res = dict(meta, tables=[{"title": "", "columns": ["a", "b"], "rows": [["x", "1"]]}],
               notes=["one check: 0.5 s (goal <= 1 s)  met", "an aside",
                      common.goal_line("MAP@5 on test", 0.8, 0.9, "", at_least=True)[0],
                      common.goal_line("batch, per statement", 6.7, 5, "ms")[0]])
    assert report.goals({"scale": res}).rows == [
        ["scale", "one check", "0.5 s", "≤ 1 s", "yes"],
        ["scale", "MAP@5 on test", "0.8", "≥ 0.9", "**no**"],
        ["scale", "batch, per statement", "6.7 ms", "≤ 5 ms", "**no**"],
    ]
    md = report.render({"scale": res})
    assert md.startswith("## Performance")
    assert "2 cores of an Test CPU" in md and "Python 3.11.7" in md and "`abc1234`" in md
    assert "| x | 1 |" in md
    assert "goal <= 1 s" in md and "an aside" not in md
    assert "python benchmarks/run.py" in md


def test_parse_importtime_reads_times_and_depth():
    err = ("import time: self [us] | cumulative | imported package\n"
           "import time:       152 |        152 |   _io\n"
           "import time:      1200 |       5300 | typer\n"
           "import time:       800 |        800 |     typer.core\n"
           "some other stderr line\n")
    assert coldstart.parse_importtime(err) == [("_io", 0.152, 0.152, 1), ("typer", 5.3, 1.2, 0),
                                               ("typer.core", 0.8, 0.8, 2)]


# --------------------------------------------------------------------------- retrieval experiments


def test_maxscore_search_returns_exactly_what_the_index_returns():
    """benchmarks/search_maxscore.py (an early stop, measured against the index's own search)
    must give the same claims, order and score bits, also where common keys are deferred."""
    import random

    import search_maxscore

    from factcheck.engine.analysis import Analysis, Term
    from factcheck.engine.index import Doc, Index
    from factcheck.engine.lexicon import Lexicon

    rng = random.Random(15)
    words = [f"w{i:02d}" for i in range(80)]
    freq = [1 / (i + 1) for i in range(80)]  # Zipf: the first few words are in many claims

    def analysis(keys: list[str]) -> Analysis:
        terms = tuple(Term(k, "word", k, n, factor=rng.choice((1.0, 1.0, 0.5))) for n, k in enumerate(keys))
        return Analysis(normalised=" ".join(keys), terms=terms, negated=False, cues=(), question=False)

    n_claims = 3000
    docs = [Doc(c, 0, analysis(rng.choices(words, freq, k=rng.randint(2, 9)))) for c in range(n_claims)]
    index = Index.build(docs, n_claims, Lexicon([]))
    deferred = 0
    for _ in range(300):
        query = analysis(rng.choices(words, freq, k=rng.randint(1, 14)))
        deferred += sum(index.df.get(k) > 200 for k in index.query_keys(query)) > 0
        for limit in (1, 6, 50, 300):
            want = [(c, s.hex()) for c, s in index.search(query, limit)]
            assert [(c, s.hex()) for c, s in search_maxscore.search(index, query, limit)] == want
    assert deferred > 50  # (the case that matters most was exercised)
