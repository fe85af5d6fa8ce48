"""ClaimReview import at scale: ``factcheck kb import`` on a feed of 10,000 reviews.

The feed is generated (seeded, deterministic) from the real Snopes claims of the claim-retrieval
data, so the claim texts, their lengths and vocabulary are those of a real fact-check archive:
  - 9,000 distinct claims, each one ClaimReview with a label drawn from real publishers' labels;
  - 500 re-publications of one of them under the same URL (duplicate url);
  - 500 re-reviews by another publisher with the text lightly changed: case and punctuation
    (exact after normalising) or one typo (only the fuzzy comparison finds those).

Measured, each in a fresh subprocess of the installed CLI, as a user runs it:
  (a) ``kb import FEED -o NEW.json`` (a new knowledge base);
  (b) ``kb import FEED --into NEW.json`` again (every review already there: all skipped);
  (c) ``kb export --format claimreview`` of the result.

    python benchmarks/claimreview_import.py [--reviews 10000] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

SEED = 20_240_701
CLAIMS = common.SHARED / "benchmarks" / "claim-retrieval" / "verified_claims.docs.tsv"
LABELS = ("False", "Mostly False", "Mixture", "Mostly True", "True", "Unproven", "Pants on Fire!",
          "Half-True", "Misleading", "Miscaptioned", "Labeled Satire", "Outdated", "Correct Attribution",
          "Four Pinocchios", "Faux", "Flip-Flop")


def real_claims() -> list[tuple[str, str]]:
    with CLAIMS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return [(row[1].strip(), row[2].strip()) for row in rows[1:] if len(row) >= 3 and row[1].strip()]


def typo(text: str, rnd: random.Random) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha()]
    if not long:
        return text.upper()
    i = rnd.choice(long)
    w = words[i]
    j = rnd.randrange(1, len(w) - 1)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]  # swap two letters
    return " ".join(words)


def feed(n: int) -> dict:
    rnd = random.Random(SEED)
    claims = real_claims()
    distinct = min(len(claims), n - n // 10)
    reviews = []
    for i, (text, title) in enumerate(claims[:distinct]):
        label = rnd.choice(LABELS)
        reviews.append({
            "@type": "ClaimReview", "url": f"https://www.rumorcheck.example/fact-check/{i}/",
            "datePublished": f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "claimReviewed": text, "name": title,
            "author": {"@type": "Organization", "name": "RumorCheck"},
            "reviewRating": {"@type": "Rating", "alternateName": label},
            "ratingExplanation": f"{title}: rated {label} after checking the record.",
        })
    extra = n - len(reviews)
    for k in range(extra):
        i = rnd.randrange(distinct)
        base = reviews[i]
        if k % 2 == 0:  # the same review again
            reviews.append(dict(base, url=base["url"].replace("https://www.", "http://")))
        else:
            text = base["claimReviewed"]
            text = typo(text, rnd) if k % 4 == 1 else text.lower().rstrip(".") + "!"
            reviews.append(dict(base, url=f"https://truthmeter.example/{k}", claimReviewed=text,
                                author={"name": "TruthMeter"}))
    rnd.shuffle(reviews)
    return {"@context": "https://schema.org", "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": r} for r in reviews]}


def timed(args: list[str]) -> tuple[float, str, str]:
    start = time.perf_counter()
    proc = subprocess.run(common.factcheck_command() + args, capture_output=True, text=True,
                          env=common.bench_env())
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n{proc.stderr}")
    return elapsed, proc.stdout, proc.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reviews", type=int, default=10_000)
    ap.add_argument("--keep", action="store_true", help="keep the generated files (printed)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="claimreview-bench-"))
    feed_path, kb_path = work / "feed.json", work / "kb.json"
    feed_path.write_text(json.dumps(feed(args.reviews)), encoding="utf-8")

    t_new, out, _ = timed(["kb", "import", str(feed_path), "-o", str(kb_path), "--format", "json"])
    first = json.loads(out)
    t_again, out, _ = timed(["kb", "import", str(feed_path), "--into", str(kb_path), "--format", "json"])
    again = json.loads(out)
    t_export, out, _ = timed(["--kb", str(kb_path), "kb", "export", "--format", "claimreview"])
    exported = len(json.loads(out))

    print(f"reviews in the feed: {args.reviews:,}")
    print(f"(a) import into a new knowledge base: {t_new:.2f} s  "
          f"(imported {first['imported']:,}, merged {first['merged']:,}, skipped {first['skipped']})")
    print(f"(b) the same feed again, --into it:   {t_again:.2f} s  "
          f"(imported {again['imported']:,}, merged {again['merged']:,}, skipped {again['skipped']})")
    print(f"(c) export of {exported:,} claims:          {t_export:.2f} s")
    if args.keep:
        print(f"files kept in {work}")
    else:
        for p in work.iterdir():
            p.unlink()
        work.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
