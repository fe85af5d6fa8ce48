"""Adversarial statements: does the engine give a confident verdict on something the claim does not say?

``benchmarks/adversarial/statements.jsonl`` holds statements written to trap the engine (negation
in odd places, quantifiers, numbers, scope, swapped roles, sarcasm, reported belief, lists,
near-domain statements), each with the verdicts that are acceptable (``expect``) read from the
source documents, never from the engine: ``no-match`` is acceptable wherever the knowledge base
does not settle the statement. Each row names its knowledge base: ``shipped`` (knowledge.json,
with its lexicon) or ``imported`` (``benchmarks/adversarial/imported.json``, invented claims with
no lexicon, as an imported archive would be).

Counted: verdicts given (not no-match), wrong verdicts (given and not acceptable), polarity flips
(a verdict that leans the opposite way to every polar acceptable verdict), and misses (no-match
where only a verdict is acceptable; not wrong, only unhelpful).

Usage: python benchmarks/adversarial.py [--list] [--kb shipped|imported] [--json]
Writes benchmarks/results/adversarial.json and .md (unless --kb picks one knowledge base).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as common  # noqa: E402

DATA = HERE / "adversarial"


def read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def checkers() -> dict:
    from factcheck.engine.checker import FactChecker
    from factcheck.kb.knowledge import from_dict

    imported = json.loads((DATA / "imported.json").read_text(encoding="utf-8"))
    return {"shipped": FactChecker.load(HERE.parent / "knowledge.json"),
            "imported": FactChecker(from_dict(imported))}


def evaluate(rows: list[dict], by_kb: dict) -> tuple[dict, list[dict]]:
    """Counts by knowledge base and shape, and every wrong verdict."""
    from factcheck.evaluate import expected_polarity, polarity

    counts: dict[str, Counter] = {}
    wrong: list[dict] = []
    for row in rows:
        r = by_kb[row["kb"]].check(row["statement"])
        shape = row["note"].split(":", 1)[0]
        given = r.verdict != "no-match"
        ok = r.verdict in row["expect"]
        exp = expected_polarity(row["expect"])
        flip = bool(given and exp and polarity(r.verdict) == -exp)
        for key in ("all", row["kb"], f"{row['kb']} {shape}"):
            c = counts.setdefault(key, Counter())
            c["statements"] += 1
            c["verdicts"] += given
            c["right"] += ok
            c["wrong"] += given and not ok
            c["flips"] += flip
            c["misses"] += not given and not ok
        if given and not ok:
            wrong.append({**row, "verdict": r.verdict, "flip": flip,
                          "claim": r.claim.id if r.claim else None,
                          "claim_text": r.claim.text if r.claim else None})
    return {k: dict(v) for k, v in counts.items()}, wrong


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list every wrong verdict, flips first")
    ap.add_argument("--kb", choices=["shipped", "imported"], help="only this knowledge base's rows")
    ap.add_argument("--json", action="store_true", help="print the counts and wrong verdicts as JSON")
    args = ap.parse_args(argv)
    rows = read(DATA / "statements.jsonl")
    if args.kb:
        rows = [r for r in rows if r["kb"] == args.kb]
    counts, wrong = evaluate(rows, checkers())
    result = {"counts": counts, "wrong": wrong, "commit": common.git_commit()}
    lines = [f"{'':<28} {'stmts':>5} {'verdicts':>8} {'right':>5} {'wrong':>5} {'flips':>5} {'misses':>6}"]
    for key in sorted(counts, key=lambda k: (k != "all", k.split(" ")[0], " " in k, k)):
        c = counts[key]
        lines.append(f"{key:<28} {c['statements']:>5} {c.get('verdicts', 0):>8} {c.get('right', 0):>5} "
                     f"{c.get('wrong', 0):>5} {c.get('flips', 0):>5} {c.get('misses', 0):>6}")
    listing = []
    for w in sorted(wrong, key=lambda w: (not w["flip"], w["kb"], w["note"])):
        mark = "FLIP " if w["flip"] else "wrong"
        listing.append(f"{mark} [{w['kb']}] {w['statement']!r} -> {w['verdict']} via {w['claim_text']!r}"
                       f"  (expect {'|'.join(w['expect'])}; {w['note']})")
    if not args.kb:
        out = HERE / "results"
        out.mkdir(exist_ok=True)
        (out / "adversarial.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
        (out / "adversarial.md").write_text("```\n" + "\n".join(lines + listing) + "\n```\n",
                                            encoding="utf-8")
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print("\n".join(lines + (listing if args.list else [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
