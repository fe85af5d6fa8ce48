"""Claims inside real prose: does `factcheck scan` find what each line of a document claims?

The corpus is `benchmarks/prose/` (five documents: blog, forum, news, social thread, product
page), written and labelled blind from the source documents before the engine first ran on it;
its README gives the label format. Each line's labelled claims are compared with the findings
`factcheck scan --format jsonl` reports on that line:

- a labelled claim is **found** when a finding on its line has a verdict its label accepts;
  recall is over the claims whose label accepts a verdict (not only no-match);
- a finding is **right** when some claim of its line accepts its verdict, a **false alarm** on a
  line with no claim (or only claims the documents do not settle), and a **flip** when its
  verdict has the polarity opposite to what the line's claims expect.

Usage: python benchmarks/prose.py [--json] [--dev | --retired | --retired2 [--misses]]   (runs python -m factcheck)

``--dev`` scores `benchmarks/prose-dev/` instead: written the same way, but for study and tuning,
so only it (and the retired sets) lists its misses. ``--retired`` scores `benchmarks/prose-retired/`,
the first blind set, retired when it was looked at; ``--retired2`` the second, `benchmarks/prose-retired2/`.
Writes benchmarks/results/prose.json and .md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUPPORTED = {"true", "mostly-true"}
REFUTED = {"false", "mostly-false"}


def polarity(label: str) -> int:
    return 1 if label in SUPPORTED else -1 if label in REFUTED else 0


def findings(doc: Path) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "factcheck", "scan", "--format", "jsonl", str(doc)],
                         capture_output=True, text=True, env=None)
    if out.returncode not in (0, 1):
        raise SystemExit(f"scan failed on {doc}: {out.stderr}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def score(labels: list[dict], found: list[dict]) -> dict:
    by_line: dict[int, list[dict]] = defaultdict(list)
    for f in found:
        by_line[f["line"]].append(f)
    c: Counter = Counter()
    misses: list[str] = []
    for row in labels:
        claims = row["claims"]
        checkable = [cl for cl in claims if set(cl["expect"]) - {"no-match"}]
        c["claims"] += len(checkable)
        reported = [f for f in by_line.get(row["line"], []) if f["verdict"] != "no-match"]
        unused = list(reported)
        for cl in checkable:
            hit = next((f for f in unused if f["verdict"] in cl["expect"]), None)
            if hit is not None:
                c["found"] += 1
                unused.remove(hit)
            else:
                misses.append(f"{row['doc']}:{row['line']}: {cl['claim']!r} ({'/'.join(cl['expect'])})")
        for f in reported:
            c["findings"] += 1
            if any(f["verdict"] in cl["expect"] for cl in claims):
                c["right"] += 1
                continue
            if not checkable:
                c["false_alarms"] += 1
            signs = {polarity(e) for cl in claims for e in cl["expect"]} - {0}
            if len(signs) == 1 and polarity(f["verdict"]) == -signs.pop():
                c["flips"] += 1
    return {"counts": dict(c), "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--misses", action="store_true", help="list the claims not found")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--dev", action="store_true",
                       help="score the development corpus (benchmarks/prose-dev/, for study) instead of the blind one")
    which.add_argument("--retired", action="store_true",
                       help="score the retired first blind corpus (benchmarks/prose-retired/, for study)")
    which.add_argument("--retired2", action="store_true",
                       help="score the retired second blind corpus (benchmarks/prose-retired2/, for study)")
    args = ap.parse_args(argv)
    name = "prose-dev" if args.dev else "prose-retired" if args.retired else "prose-retired2" if args.retired2 \
        else "prose"
    corpus = HERE / name
    if name == "prose" and args.misses:
        ap.error("--misses lists the blind corpus's claims: use it with --dev or --retired (the blind corpus "
                 "is not for study)")
    labels = [json.loads(x) for x in (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    docs = sorted({row["doc"] for row in labels})
    result: dict = {"documents": {}}
    total: Counter = Counter()
    for doc in docs:
        r = score([row for row in labels if row["doc"] == doc], findings(corpus / doc))
        result["documents"][doc] = r
        total.update(r["counts"])
    result["total"] = dict(total)
    lines = [f"{'document':<12} {'recall':>14} {'precision':>14} {'false alarms':>13} {'flips':>6}"]
    for doc, r in [*result["documents"].items(), ("all", {"counts": total})]:
        k = r["counts"]
        rec = f"{k.get('found', 0)}/{k.get('claims', 0)} {k.get('found', 0) / max(1, k.get('claims', 0)):5.1%}"
        pre = f"{k.get('right', 0)}/{k.get('findings', 0)} {k.get('right', 0) / max(1, k.get('findings', 0)):5.1%}"
        lines.append(f"{doc:<12} {rec:>14} {pre:>14} {k.get('false_alarms', 0):>13} {k.get('flips', 0):>6}")
    text = "\n".join(lines)
    if args.misses:
        for r in result["documents"].values():
            text += "\n" + "\n".join(r["misses"])
    print(json.dumps(result, indent=1) if args.json else text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    (out / f"{name}.md").write_text("```\n" + "\n".join(lines) + "\n```\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
