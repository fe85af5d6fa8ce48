"""Meaning without a curated lexicon: does the engine tell one claim from another on its own?

Imported knowledge bases (ClaimReview archives, CSV dumps) carry no concepts and no synonyms, so
whatever the engine knows of English must come from its own general knowledge. Two measurements:

- **generated**: a knowledge base of N imported claims built from a grid of substances,
  relations, modifiers and conditions ("Folate causes childhood cystitis."), and statements of
  three kinds: the claim *restated* in other words (passive, a synonym of the relation, a
  question), the claim *denied*, and *one-slot swaps* (another substance, relation, modifier or
  condition, or the roles reversed) whose combination is NOT in the knowledge base. The right
  answer to a swap is no-match; any verdict on a swap is a wrong verdict.
- **stripped**: the shipped knowledge base with its concepts removed, as an import would have
  it, on the labelled and held-out sets (and the blind set when present).
- **imported**: the 10,375 real fact-checked claims of ``../shared/benchmarks/claim-retrieval``
  imported with no lexicon (verdicts alternate true/false by id, so a flip shows either way),
  and the statements of ``benchmarks/imported/statements.jsonl``, written for them by hand: a
  paraphrase (must find the claim), a negation (must flip it) and a one-slot swap (no-match).

Usage: python benchmarks/meaning.py [--claims 20000] [--statements 600] [--quick]
Writes benchmarks/results/meaning.json and .md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as common  # noqa: E402

SEED = 20261127

SUBSTANCES = """folate zinc iron lutein melatonin turmeric ginger garlic ginseng echinacea selenium
copper iodine biotin niacin riboflavin chromium manganese quercetin resveratrol probiotics
spirulina chlorella collagen creatine glutamine taurine carnitine lycopene astaxanthin
glucosamine chondroitin valerian chamomile lavender peppermint cinnamon honey kombucha
kefir""".split()
MODIFIERS = "childhood adult severe mild chronic acute recurrent seasonal".split()
CONDITIONS = """cystitis sciatica rosacea eczema migraine asthma gout psoriasis acne insomnia
gingivitis tinnitus vertigo bronchitis sinusitis arthritis anemia dermatitis colitis gastritis
tendinitis bursitis conjunctivitis laryngitis tonsillitis otitis shingles hives dandruff
constipation heartburn indigestion bloating nausea fatigue anxiety depression osteoporosis
fibromyalgia neuralgia""".split()

# Each relation: (claim form, restatements, denial). {s} substance, {t} target ("childhood cystitis").
RELATIONS = {
    "cause": ("{S} causes {t}.",
              ["{S} can cause {t}.", "{T} is caused by {s}.", "{S} leads to {t}.",
               "{S} triggers {t}.", "Does {s} cause {t}?", "{S} is a cause of {t}."],
              "{S} does not cause {t}."),
    "treat": ("{S} treats {t}.",
              ["{S} is a treatment for {t}.", "{T} can be treated with {s}.",
               "{S} is used to treat {t}.", "Does {s} treat {t}?", "{S} helps treat {t}."],
              "{S} does not treat {t}."),
    "prevent": ("{S} prevents {t}.",
                ["{S} protects against {t}.", "{S} helps prevent {t}.", "{T} is prevented by {s}.",
                 "Can {s} prevent {t}?", "{S} wards off {t}."],
                "{S} does not prevent {t}."),
    "worsen": ("{S} worsens {t}.",
               ["{S} makes {t} worse.", "{S} aggravates {t}.", "{T} is made worse by {s}.",
                "Does {s} worsen {t}?", "{S} exacerbates {t}."],
               "{S} does not worsen {t}."),
    "cure": ("{S} cures {t}.",
             ["{S} can cure {t}.", "{T} is cured by {s}.", "{S} is a cure for {t}.",
              "Does {s} cure {t}?", "{S} heals {t}."],
             "{S} does not cure {t}."),
    "relieve": ("{S} relieves {t}.",
                ["{S} eases {t}.", "{S} alleviates {t}.", "{T} is relieved by {s}.",
                 "Does {s} relieve {t}?", "{S} soothes {t}."],
                "{S} does not relieve {t}."),
    "reduce-risk": ("{S} reduces the risk of {t}.",
                    ["{S} lowers the risk of {t}.", "{S} cuts the risk of {t}.",
                     "Does {s} reduce the risk of {t}?", "{S} decreases the risk of {t}."],
                    "{S} does not reduce the risk of {t}."),
}
# (narrower, broader): whatever cures a condition treats it, and so on (plain English).
ENTAILS = {("cure", "treat"), ("cure", "relieve"), ("relieve", "treat"), ("prevent", "reduce-risk")}
VERDICTS = ["true", "true", "mostly-true", "false", "false", "mostly-false", "unproven"]
FLIP = {"true": "false", "mostly-true": "mostly-false", "false": "true",
        "mostly-false": "mostly-true"}


def _claim_text(rel: str, s: str, m: str, c: str) -> str:
    return RELATIONS[rel][0].format(S=s.capitalize(), s=s, t=f"{m} {c}", T=f"{m} {c}".capitalize())


def generate(n: int, n_statements: int, seed: int = SEED) -> tuple[dict, list[dict]]:
    """A knowledge base of ``n`` generated claims and labelled statements about it."""
    rng = random.Random(seed)
    grid = [(r, s, m, c) for r in RELATIONS for s in SUBSTANCES for m in MODIFIERS for c in CONDITIONS]
    rng.shuffle(grid)
    chosen = grid[:n]
    present = set(chosen)
    claims = []
    verdict_of: dict[tuple[str, str, str, str], str] = {}
    for i, key in enumerate(chosen):
        v = rng.choice(VERDICTS)
        verdict_of[key] = v
        claims.append({"id": f"g{i:06d}", "text": _claim_text(*key), "verdict": v,
                       "summary": "Generated for the meaning benchmark.", "evidence": [],
                       "origin": {"source": "import"}})
    kb = {"version": 1, "sources": [{"id": "import", "title": "Generated claims", "publisher":
                                     "meaning benchmark", "kind": "claim archive",
                                     "reliability": "medium"}], "claims": claims}

    statements: list[dict] = []
    per_kind = n_statements // 3
    picks = rng.sample(chosen, min(len(chosen), per_kind * 2))
    for rel, s, m, c in picks[:per_kind]:
        v = verdict_of[(rel, s, m, c)]
        t = f"{m} {c}"
        tmpl = rng.choice(RELATIONS[rel][1])
        statements.append({"statement": tmpl.format(S=s.capitalize(), s=s, t=t, T=t.capitalize()),
                           "expect": [v], "category": "restated"})
    for rel, s, m, c in picks[per_kind:per_kind * 2]:
        v = verdict_of[(rel, s, m, c)]
        t = f"{m} {c}"
        statements.append({"statement": RELATIONS[rel][2].format(S=s.capitalize(), s=s, t=t),
                           "expect": [FLIP.get(v, v)], "category": "denied"})
    slots = ["substance", "relation", "modifier", "condition", "roles"]
    made = 0
    attempts = 0
    while made < per_kind and attempts < per_kind * 50:
        attempts += 1
        rel, s, m, c = rng.choice(chosen)
        slot = slots[made % len(slots)]
        if slot == "roles":
            text = f"{m.capitalize()} {c} {RELATIONS[rel][0].split(' ', 1)[1].split('{t}')[0]}{s}."
            text = text.replace(" .", ".")
            statements.append({"statement": text, "expect": ["no-match"], "category": "swap-roles"})
            made += 1
            continue
        new = list((rel, s, m, c))
        pool = {"substance": SUBSTANCES, "relation": list(RELATIONS), "modifier": MODIFIERS,
                "condition": CONDITIONS}[slot]
        idx = slots.index(slot)
        order = [1, 0, 2, 3]  # grid tuple order is (rel, s, m, c)
        pos = order[idx]
        new[pos] = rng.choice([p for p in pool if p != new[pos]])
        key = tuple(new)
        if key in present:
            continue
        expect = ["no-match"]
        # Natural logic: "X cures Y" entails "X treats Y", so a claim that X treats Y is false
        # settles that X cures Y (false), and a true "X cures Y" settles "X treats Y".
        for other in RELATIONS:
            v = verdict_of.get((other, *key[1:]))
            if v is None:
                continue
            if (key[0], other) in ENTAILS and v in ("false", "mostly-false"):
                expect.append(v)
            if (other, key[0]) in ENTAILS and v in ("true", "mostly-true"):
                expect.append(v)
        statements.append({"statement": _claim_text(*key), "expect": expect,
                           "category": f"swap-{slot}"})
        made += 1
    return kb, statements


def evaluate(checker, statements: list[dict]) -> dict:
    from factcheck.evaluate import expected_polarity, polarity

    by: dict[str, Counter] = {}
    wrong_examples: list[str] = []
    t0 = time.perf_counter()
    for st in statements:
        r = checker.check(st["statement"])
        cat = st["category"]
        c = by.setdefault(cat, Counter())
        c["total"] += 1
        ok = r.verdict in st["expect"]
        c["right"] += ok
        if r.verdict != "no-match" and "no-match" in st["expect"] and ok:
            c["entailed"] += 1
        if r.verdict != "no-match":
            c["verdicts"] += 1
            if not ok:
                c["wrong"] += 1
                if len(wrong_examples) < 12:
                    wrong_examples.append(f"{st['statement']!r} -> {r.verdict} via {r.claim.text!r}")
        exp = expected_polarity(st["expect"])
        if exp and polarity(r.verdict) == -exp:
            c["flips"] += 1
    elapsed = time.perf_counter() - t0
    return {"by_category": {k: dict(v) for k, v in sorted(by.items())}, "examples": wrong_examples,
            "ms_per_statement": 1000 * elapsed / max(1, len(statements))}


def stripped(kb_path: Path, sets: list[Path]) -> dict:
    from factcheck import evaluate as ev
    from factcheck.engine.checker import FactChecker
    from factcheck.kb.knowledge import from_dict

    data = json.loads(kb_path.read_text(encoding="utf-8"))
    out = {}
    for label, d in (("with lexicon", data), ("stripped", {**data, "concepts": []})):
        checker = FactChecker(from_dict(d))
        for path in sets:
            if not path.exists():
                continue
            rep = ev.run(checker, ev.read_cases(path))
            out[f"{path.name} {label}"] = {"passed": rep.passed, "total": rep.total,
                                          "accuracy": round(rep.accuracy, 4), "flips": rep.flips}
    return out


def imported(data_dir: Path) -> dict:
    """Real imported claims, paraphrased, negated and swapped by hand."""
    from factcheck.engine.checker import FactChecker
    from factcheck.kb.knowledge import from_dict

    tsv = data_dir / "verified_claims.docs.tsv"
    if not tsv.exists():
        return {}
    claims = []
    verdict_of = {}
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip().isdigit() or not parts[1].strip():
            continue
        v = "true" if int(parts[0]) % 2 == 0 else "false"
        verdict_of[parts[0]] = v
        c = {"id": f"vclaim-{parts[0]}", "text": parts[1].strip().strip('"'), "verdict": v,
             "summary": "Imported for the meaning benchmark.", "evidence": [],
             "origin": {"source": "snopes"}}
        if len(parts) > 2 and parts[2].strip() and parts[2].strip() != c["text"]:
            c["aliases"] = [parts[2].strip()]
        claims.append(c)
    kb = {"version": 1, "sources": [{"id": "snopes", "title": "Snopes", "publisher": "Snopes",
                                     "kind": "fact-checker", "reliability": "medium"}],
          "claims": claims}
    checker = FactChecker(from_dict(kb))
    rows = [json.loads(x) for x in (HERE / "imported" / "statements.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    by: dict[str, Counter] = {}
    wrong: list[str] = []
    for row in rows:
        r = checker.check(row["statement"])
        v = verdict_of[row["claim"]]
        expect = {"paraphrase": v, "negation": FLIP[v], "swap": "no-match"}[row["kind"]]
        c = by.setdefault(row["kind"], Counter())
        c["total"] += 1
        same_claim = r.claim is not None and r.claim.id == f"vclaim-{row['claim']}"
        ok = r.verdict == expect and (row["kind"] == "swap" or same_claim)
        c["right"] += ok
        if r.verdict != "no-match" and not ok:
            c["wrong"] += 1
            wrong.append(f"{row['statement']!r} -> {r.verdict} via {r.claim.text if r.claim else None!r}")
    return {"by_kind": {k: dict(v) for k, v in by.items()}, "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=20000)
    ap.add_argument("--statements", type=int, default=600)
    ap.add_argument("--quick", action="store_true", help="2,000 claims and 150 statements")
    args = ap.parse_args(argv)
    if args.quick:
        args.claims, args.statements = 2000, 150
    from factcheck.engine.checker import FactChecker
    from factcheck.kb.knowledge import from_dict

    kb, statements = generate(args.claims, args.statements)
    t0 = time.perf_counter()
    checker = FactChecker(from_dict(kb))
    build = time.perf_counter() - t0
    gen = evaluate(checker, statements)
    root = HERE.parent
    strip = stripped(root / "knowledge.json",
                     [root / "tests" / "cases.jsonl", root / "tests" / "holdout.jsonl",
                      root / "tests" / "retired-blind.jsonl", root / "tests" / "retired-blind3.jsonl"])
    real = imported(common._shared() / "benchmarks" / "claim-retrieval")
    result = {"claims": args.claims, "statements": len(statements), "build_s": round(build, 2),
              "generated": gen, "stripped": strip, "imported": real, "commit": common.git_commit()}
    swaps = [v for k, v in gen["by_category"].items() if k.startswith("swap")]
    lines = [f"generated knowledge base: {args.claims} claims, {len(statements)} statements, "
             f"built in {build:.1f} s, {gen['ms_per_statement']:.2f} ms a statement"]
    for cat, c in gen["by_category"].items():
        lines.append(f"  {cat:<16} right {c.get('right', 0):>4}/{c['total']:<4} verdicts "
                     f"{c.get('verdicts', 0):>4} wrong {c.get('wrong', 0):>4} flips {c.get('flips', 0)}")
    lines.append(f"  wrong verdicts on swaps: {sum(c.get('wrong', 0) for c in swaps)} "
                 f"of {sum(c['total'] for c in swaps)} (verdicts entailed by a claim, right: "
                 f"{sum(c.get('entailed', 0) for c in swaps)})")
    for ex in gen["examples"]:
        lines.append(f"    wrong: {ex}")
    lines.append("shipped knowledge base with and without its lexicon:")
    for k, v in strip.items():
        lines.append(f"  {k:<34} {v['passed']:>4}/{v['total']:<4} {v['accuracy']:6.1%} flips {v['flips']}")
    if real:
        lines.append("real imported claims (10,375 Snopes claims, no lexicon), hand-written statements:")
        for kind, c in real["by_kind"].items():
            lines.append(f"  {kind:<12} right {c.get('right', 0):>3}/{c['total']:<3} wrong verdicts {c.get('wrong', 0)}")
        for w in real["wrong"][:10]:
            lines.append(f"    wrong: {w}")
    text = "\n".join(lines)
    print(text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "meaning.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    (out / "meaning.md").write_text("```\n" + text + "\n```\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
