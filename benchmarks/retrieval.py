"""Claim retrieval on real data: MAP@5 of ``factcheck check --top 5`` against a BM25 baseline.

Data: the CLEF CheckThat! 2020 Task 2 English data (10,375 Snopes claims; 800/197/200 posts in
train/dev/test) from ``../shared/benchmarks/claim-retrieval`` (``--data DIR`` to override).

The claims become a knowledge base (one claim a row, the article headline as an alias, verdict
``unproven``, no concepts); each split's posts go through ONE ``factcheck --kb KB check --format
jsonl --top 5 -`` subprocess, and the candidates it lists are scored with MAP@5 as CLEF defines it
(for each post, the sum over ranks k <= 5 of precision@k at each relevant hit, divided by the
number of relevant claims), next to BM25 (k1 1.2, b 0.75, claim + title, lowercase ``\\w+``
tokens) computed in the same run. ``test`` is reported only with ``--test``: tune on train/dev.

    python benchmarks/retrieval.py [--splits train,dev] [--test] [--quick] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

SPLITS = ("train", "dev", "test")
EXPECTED = {"claims": 10_375, "train": 800, "dev": 197, "test": 200}
K = 5
SOURCE = {"id": "snopes", "title": "Snopes fact-checks", "publisher": "Snopes",
          "kind": "fact-check", "reliability": "medium"}
SUMMARY = "Imported from the CLEF CheckThat! 2020 claim-retrieval data."
BM25_REFERENCE_TEST = 0.838


def default_data_dir() -> Path:
    return common.SHARED / "benchmarks" / "claim-retrieval"


# --------------------------------------------------------------------------- reading the data
#
# The files are tab-separated but were written with CSV quoting: a field that contains a quote
# or a newline is wrapped in double quotes with inner quotes doubled (14 claims span two lines;
# 240 claims and 33 posts are quoted). Reading them with QUOTE_NONE yields 10,389 "claims", some
# cut in half, and leaves the doubled quotes in; csv's default quoting reads exactly 10,375.
# ``strict=True`` makes a malformed quoted field an error instead of a silent misparse.


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    """Rows of a CSV-quoted TSV file, header dropped; every row must have ``columns`` fields."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_MINIMAL, strict=True))
    if not rows:
        raise common.BenchError(f"{path}: empty file")
    body = rows[1:]
    bad = [i + 2 for i, r in enumerate(body) if len(r) != columns]
    if bad:
        raise common.BenchError(f"{path}: {len(bad)} rows without {columns} fields (first at row {bad[0]})")
    return body


def read_claims(data: Path) -> dict[str, tuple[str, str]]:
    """``vclaim_id -> (vclaim, title)``; exactly 10,375 of them, ids unique."""
    rows = read_tsv(data / "verified_claims.docs.tsv", 3)
    claims = {r[0]: (r[1], r[2]) for r in rows}
    if len(claims) != len(rows):
        raise common.BenchError("verified_claims.docs.tsv: duplicate claim ids")
    if len(claims) != EXPECTED["claims"]:
        raise common.BenchError(f"verified_claims.docs.tsv: {len(claims)} claims, expected {EXPECTED['claims']}")
    return claims


def read_posts(data: Path, split: str) -> list[tuple[str, str]]:
    """``(tweet_id, text)`` in file order, with newlines and tabs inside a post made spaces."""
    rows = read_tsv(data / split / "tweets.queries.tsv", 2)
    posts = [(r[0], one_line(r[1])) for r in rows]
    if split in EXPECTED and len(posts) != EXPECTED[split]:
        raise common.BenchError(f"{split}/tweets.queries.tsv: {len(posts)} posts, expected {EXPECTED[split]}")
    return posts


def one_line(text: str) -> str:
    return re.sub(r"[\t\r\n\v\f\u2028\u2029\x85]+", " ", text).strip()


def read_qrels(data: Path, split: str) -> dict[str, set[str]]:
    """``tweet_id -> {vclaim_id, ...}`` from ``tweet_id 0 vclaim_id 1`` lines."""
    qrels: dict[str, set[str]] = defaultdict(set)
    for n, line in enumerate((data / split / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4:
            raise common.BenchError(f"{split}/tweet-vclaim-pairs.qrels:{n}: expected 4 fields")
        if parts[3] != "0":
            qrels[parts[0]].add(parts[2])
    return dict(qrels)


# --------------------------------------------------------------------------- the knowledge base


def claim_id(vclaim_id: str) -> str:
    return f"vclaim-{vclaim_id}"


def build_kb(claims: Mapping[str, tuple[str, str]]) -> dict:
    """A knowledge base in the project's format: one unproven claim a row, the title an alias."""
    out = []
    for vid, (text, title) in claims.items():
        c: dict = {"id": claim_id(vid), "text": text.strip(), "verdict": "unproven", "summary": SUMMARY}
        title = title.strip()
        if title and title != c["text"]:
            c["aliases"] = [title]
        c["evidence"] = []
        c["origin"] = {"source": "snopes"}
        out.append(c)
    return {"version": 1, "sources": [dict(SOURCE)], "claims": out}


def write_kb(kb: dict, path: Path) -> None:
    """Validate with the project's own validator, then write (only if the content changed)."""
    from factcheck.kb import knowledge

    faults = knowledge.validate(kb)
    if faults:
        raise common.BenchError(f"generated knowledge base is invalid: {faults[0]} ({len(faults)} faults)")
    text = json.dumps(kb, ensure_ascii=False, indent=1) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- BM25


TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


class BM25:
    """Okapi BM25 over an inverted index, with the idf of the common ``rank_bm25.BM25Okapi``.

    idf = log((N - df + 0.5) / (df + 0.5)), and a term in more than half the documents (negative
    idf) gets 0.25 x the mean idf instead. This is the variant that reproduces the README's 0.838
    on test (0.837 here; Lucene's always-positive idf gives 0.844, also within 0.01).
    """

    def __init__(self, docs: Sequence[tuple[str, str]], k1: float = 1.2, b: float = 0.75):
        self.ids = [d for d, _ in docs]
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths = []
        for i, (_, text) in enumerate(docs):
            toks = tokens(text)
            lengths.append(len(toks))
            for term, tf in Counter(toks).items():
                self.postings[term].append((i, tf))
        n = len(docs)
        avg = sum(lengths) / n if n else 0.0
        self.norm = [k1 * (1 - b + b * length / avg) for length in lengths]
        idf = {t: math.log((n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        floor = 0.25 * sum(idf.values()) / len(idf) if idf else 0.0
        self.idf = {t: v if v > 0 else floor for t, v in idf.items()}

    def search(self, query: str, k: int = K) -> list[tuple[str, float]]:
        """The ``k`` best documents for a query (each query token counted as often as it occurs)."""
        scores: dict[int, float] = defaultdict(float)
        for term, qtf in Counter(tokens(query)).items():
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i, tf in self.postings[term]:
                scores[i] += qtf * idf * tf * (self.k1 + 1) / (tf + self.norm[i])
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [(self.ids[i], s) for i, s in best]


# --------------------------------------------------------------------------- metrics


def average_precision(ranked: Sequence[str], relevant: set[str], k: int = K) -> float:
    """CLEF's AP@k: sum of precision@i at each relevant hit i <= k, over the number relevant.

    (The brief's variant divides by min(|relevant|, k); the two agree whenever a post has at most
    k relevant claims, which is true of every post in this data: at most 2.)
    """
    if not relevant:
        return 0.0
    hits, total, seen = 0, 0.0, set()
    for i, doc in enumerate(ranked[:k], 1):
        if doc in relevant and doc not in seen:
            seen.add(doc)
            hits += 1
            total += hits / i
    return total / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str], k: int = K) -> float:
    return next((1.0 / i for i, doc in enumerate(ranked[:k], 1) if doc in relevant), 0.0)


def recall(ranked: Sequence[str], relevant: set[str], k: int = K) -> float:
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


@dataclass(frozen=True)
class Scores:
    map5: float
    mrr5: float
    recall5: float

    @classmethod
    def of(cls, rankings: Sequence[Sequence[str]], gold: Sequence[set[str]]) -> Scores:
        n = len(gold)
        if n == 0:
            return cls(0.0, 0.0, 0.0)
        return cls(
            sum(average_precision(r, g) for r, g in zip(rankings, gold)) / n,
            sum(reciprocal_rank(r, g) for r, g in zip(rankings, gold)) / n,
            sum(recall(r, g) for r, g in zip(rankings, gold)) / n,
        )


# --------------------------------------------------------------------------- running factcheck


def parse_jsonl(text: str, expected: int) -> list[list[tuple[str, float]]]:
    """The candidates (claim id without the prefix, score) of each result line, in order."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) != expected:
        raise common.BenchError(f"factcheck printed {len(lines)} JSON lines for {expected} posts")
    out = []
    for ln in lines:
        obj = json.loads(ln)
        cands = obj.get("candidates")
        if cands is None:  # no --top support: fall back on the matched claim alone
            cands = [{"id": obj["claim"]["id"], "score": obj.get("score", 0)}] if obj.get("claim") else []
        out.append([(c["id"].removeprefix("vclaim-"), float(c.get("score", 0.0))) for c in cands])
    return out


def run_split(kb_path: Path, posts: Sequence[str], env: dict[str, str]) -> tuple[common.Run, list[list[tuple[str, float]]]]:
    argv = [*common.factcheck_command(), "--kb", str(kb_path), "check", "--format", "jsonl", "--top", str(K), "-"]
    payload = ("\n".join(posts) + "\n").encode("utf-8")
    r = common.run(argv, stdin=payload, env=env).check()
    return r, parse_jsonl(r.text(), len(posts))


def startup_run(kb_path: Path, env: dict[str, str], repeat: int = 5) -> float:
    """Median wall time (s) of one ``check`` of a one-word statement: start-up + KB load + 1 check."""
    argv = [*common.factcheck_command(), "--kb", str(kb_path), "check", "--format", "jsonl", "hello"]
    return common.median(common.run(argv, env=env).check().seconds for _ in range(repeat))


def save_misses(path: Path, posts: Sequence[tuple[str, str]], gold: Sequence[set[str]],
                ranked: Sequence[Sequence[tuple[str, float]]], claims: Mapping[str, tuple[str, str]]) -> int:
    """Posts whose gold claim is not ranked first, with our top 5 and their scores."""
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for (tid, text), g, cands in zip(posts, gold, ranked):
            ids = [c for c, _ in cands]
            if ids[:1] and ids[0] in g:
                continue
            rank = next((i for i, c in enumerate(ids[:K], 1) if c in g), None)
            rec = {
                "tweet_id": tid, "post": text, "gold_rank": rank,
                "gold": [{"id": claim_id(v), "text": claims[v][0], "title": claims[v][1]} for v in sorted(g) if v in claims],
                "top": [{"id": claim_id(c), "score": s, "text": claims.get(c, ("?", ""))[0]} for c, s in cands[:K]],
            }
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def profile(kb_path: Path, posts: Sequence[str], env: dict[str, str], out: Path) -> str:
    """cProfile of one split's batch in the CLI (``-m cProfile -s cumtime``); top lines saved."""
    argv = [sys.executable, "-m", "cProfile", "-s", "cumtime", "-m", "factcheck", "--kb", str(kb_path),
            "check", "--format", "jsonl", "--top", str(K), "-"]
    r = common.run(argv, stdin=("\n".join(posts) + "\n").encode(), env=env).check()
    text = r.text()
    start = text.find("   Ordered by")
    report = text[start:] if start >= 0 else text[-20000:]
    lines = report.splitlines()[:45]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=default_data_dir(), help="claim-retrieval data directory")
    ap.add_argument("--splits", default="train,dev", help="comma-separated splits (default: train,dev)")
    ap.add_argument("--test", action="store_true", help="also report the test split (report only; do not tune on it)")
    ap.add_argument("--quick", action="store_true", help="dev split only; results to .data/results-quick")
    ap.add_argument("--profile", action="store_true", help="also cProfile the dev batch (saved under .data)")
    args = ap.parse_args(argv)

    splits = ["dev"] if args.quick else [s.strip() for s in args.splits.split(",") if s.strip()]
    if args.test and "test" not in splits:
        splits.append("test")
    if "test" in splits and not args.test:
        return common.fail("the test split is reported only with --test (tune on train and dev)")
    unknown = [s for s in splits if s not in SPLITS]
    if unknown:
        return common.fail(f"unknown split {unknown[0]!r} (expected: {', '.join(SPLITS)})")
    if not (args.data / "verified_claims.docs.tsv").is_file():
        return common.fail(f"no claim-retrieval data in {args.data} (use --data DIR)")

    try:
        out_dir = common.ensure_dirs(args.quick)
        claims = read_claims(args.data)
        kb_path = common.DATA / "clef2020-kb.json"
        write_kb(build_kb(claims), kb_path)
        bm25 = BM25([(vid, f"{text} {title}") for vid, (text, title) in claims.items()])

        cache = common.DATA / "cache-retrieval"
        shutil.rmtree(cache, ignore_errors=True)  # so that the first run below is a cold one
        cache.mkdir(parents=True)
        env = common.bench_env(cache)
        first = common.run([*common.factcheck_command(), "--kb", str(kb_path), "check", "hello"], env=env).check()
        startup = startup_run(kb_path, env)

        table = common.Table(
            ["split", "posts", "MAP@5 factcheck", "MAP@5 BM25", "R@5 factcheck", "R@5 BM25",
             "MRR@5 factcheck", "MRR@5 BM25", "ms/post (wall/posts)", "ms/post (excl. start-up)"],
            title="Claim retrieval, CLEF CheckThat! 2020 Task 2 (English)")
        per_split = {}
        loaded = {split: (read_posts(args.data, split), read_qrels(args.data, split)) for split in splits}
        if len(splits) > 1:  # one more batch of every post: the steadiest per-post time
            allposts = [p for split in splits for p in loaded[split][0]]
            allqrels = {k: v for split in splits for k, v in loaded[split][1].items()}
            loaded["all"] = (allposts, allqrels)
        for split, (posts, qrels) in loaded.items():
            gold = [qrels.get(tid, set()) for tid, _ in posts]
            r, ranked = run_split(kb_path, [t for _, t in posts], env)
            # A post with no relevant claim in the qrels (one in test) cannot be scored: like
            # trec_eval and the CLEF scorer, average over the posts that have one.
            scored = [i for i, g in enumerate(gold) if g]
            ours = Scores.of([[c for c, _ in ranked[i]] for i in scored], [gold[i] for i in scored])
            base = Scores.of([[d for d, _ in bm25.search(posts[i][1])] for i in scored], [gold[i] for i in scored])
            wall_ms = r.ms / len(posts)
            net_ms = (r.seconds - startup) * 1000 / len(posts)
            label = "+".join(splits) if split == "all" else split
            table.add(label, len(posts) if len(scored) == len(posts) else f"{len(posts)} ({len(scored)} scored)",
                      ours.map5, base.map5, ours.recall5, base.recall5,
                      ours.mrr5, base.mrr5, wall_ms, net_ms)
            per_split[split] = {
                "posts": len(posts), "scored_posts": len(scored), "factcheck": ours.__dict__, "bm25": base.__dict__,
                "batch_seconds": round(r.seconds, 3), "peak_rss_mb": round(r.peak_rss_mb, 1),
                "ms_per_post_wall": round(wall_ms, 2), "ms_per_post_excl_startup": round(net_ms, 2),
                "no_candidates": sum(1 for c in ranked if not c),
            }
            if split not in ("test", "all"):
                misses = common.DATA / f"retrieval-misses-{split}.jsonl"
                per_split[split]["misses_file"] = str(misses.relative_to(common.ROOT))
                per_split[split]["misses"] = save_misses(misses, posts, gold, ranked, claims)

        notes = [
            f"Knowledge base: {len(claims):,} claims (claim text + Snopes headline as alias), "
            f"{kb_path.stat().st_size / 1e6:.1f} MB. First run with an empty XDG_CACHE_HOME: "
            f"{first.seconds:.2f} s, peak RSS {first.peak_rss_mb:.0f} MB; the runs measured come after it.",
            f"ms/post (wall/posts) = wall time of the one subprocess per split / posts, start-up and "
            f"KB load included; ms/post (excl. start-up) = (that wall time - the median of 5 "
            f"one-statement runs on the same KB, {startup * 1000:.0f} ms) / posts"
            + (": noisy for a small split, so the last row runs every post in one more subprocess."
               if "all" in per_split else "."),
            "MAP@5 as CLEF defines it (divided by the number of relevant claims; every post here has "
            "1 or 2), averaged over the posts that have a relevant claim (test has one post, 1198, "
            "with none). BM25: k1 1.2, b 0.75, rank_bm25's Okapi idf, lowercase \\w+ tokens of claim + title, "
            f"computed in the same run (README reference on test: {BM25_REFERENCE_TEST}).",
            "Goal: MAP@5 >= 0.90 on test, < 5 ms a post.",
        ]
        if args.profile:
            dev = read_posts(args.data, "dev")
            report = profile(kb_path, [t for _, t in dev], env, common.DATA / "profile-retrieval-dev.txt")
            print(report)
            print()
    except common.BenchError as exc:
        return common.fail(str(exc))

    print(table.text())
    print()
    for n in notes:
        print(f"- {n}")
    goals = []
    timing = "all" if "all" in per_split else splits[0]
    goals.append(common.goal_line(f"ms/post on {'+'.join(splits) if timing == 'all' else timing} (excl. start-up)",
                                  per_split[timing]["ms_per_post_excl_startup"], 5, "ms")[0])
    for split, d in per_split.items():
        if split == "test":
            goals.append(common.goal_line("MAP@5 on test", d["factcheck"]["map5"], 0.90, "", at_least=True)[0])
            goals.append(f"BM25 reproduces the reference: {d['bm25']['map5']:.3f} vs {BM25_REFERENCE_TEST} "
                         f"({'within' if abs(d['bm25']['map5'] - BM25_REFERENCE_TEST) <= 0.01 else 'NOT within'} ±0.01)")
    for g in goals:
        print(f"- {g}")
    for split, d in per_split.items():
        if "misses_file" in d:
            print(f"- {split}: {d['misses']} posts whose gold claim is not first -> {d['misses_file']}")
    name = "retrieval-test" if "test" in per_split else "retrieval"
    common.save(name, out_dir, common.header("Claim retrieval (CLEF 2020 Task 2)"), [table],
                {"splits": per_split, "startup_seconds": round(startup, 3),
                 "first_run_seconds": round(first.seconds, 3)}, notes + goals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
