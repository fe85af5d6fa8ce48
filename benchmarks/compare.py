"""Before and after: two commits measured side by side, runs interleaved, medians reported.

On a shared machine a figure measured now and one measured an hour ago differ by whatever else
ran in between. Here every measurement alternates between the two snapshots (``git archive`` of
each commit, put first on ``PYTHONPATH`` as ``run.py --at`` does), so both see the same load.

Measured, for each commit:
  - start-up: ``factcheck check`` on the shipped knowledge base against the import floor;
  - for each knowledge-base size (generated as ``scale.py`` does): the first run (empty cache),
    a repeated check (median), a batch of statements (per statement = (batch - repeated single
    run) / statements) and the peak RSS of each;
  - scan of the generated 5 MB prose file (``scan_throughput.py``): sentences/s, and for a
    commit that has ``scan --jobs``, with ``--jobs 1`` and the default (all cores).

    python benchmarks/compare.py BEFORE AFTER [--claims 100000,300000] [--rounds 5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402
import retrieval  # noqa: E402
import run as runner  # noqa: E402
import scale  # noqa: E402
import scan_throughput  # noqa: E402

FLOOR = [sys.executable, "-c", "import typer, rich.console, rapidfuzz.process"]
STATEMENT = "Magnesium cures hemifacial spasm"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--claims", default="100000,300000")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--scan-mb", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="20,000 claims, 3 rounds, 1 MB scan")
    args = ap.parse_args(argv)
    if args.quick:
        args.claims, args.rounds, args.batch, args.scan_mb = "20000", 3, 300, 1
    sizes = [int(c) for c in args.claims.split(",") if c.strip()]
    out_dir = common.ensure_dirs(args.quick)
    fc = common.factcheck_command()
    revs = {"before": args.before, "after": args.after}
    envs = {}
    for tag, rev in revs.items():
        snap = runner.snapshot_env(rev)
        envs[tag] = common.bench_env(common.fresh_cache_dir(f"cmp-{tag}"), PYTHONPATH=snap["PYTHONPATH"])
        revs[tag] = snap["FACTCHECK_BENCH_COMMIT"]
    order = list(envs)
    results: dict[str, dict] = {t: {} for t in envs}
    rows = []

    def both(rounds: int, fn) -> None:
        for i in range(rounds):  # alternate which goes first
            for tag in (order if i % 2 == 0 else order[::-1]):
                fn(tag)

    # start-up
    cold: dict[str, list[float]] = {"floor": [], **{t: [] for t in envs}}

    def startup(tag: str) -> None:
        cold["floor"].append(common.run(FLOOR).seconds)
        cold[tag].append(common.run([*fc, "check", STATEMENT], env=envs[tag]).check().seconds)

    for tag in envs:  # untimed: builds each one's cache of the shipped knowledge base
        common.run([*fc, "check", STATEMENT], env=envs[tag]).check()
    both(max(args.rounds * 2, 7), startup)
    floor = common.median(cold["floor"])
    for tag in envs:
        m = common.median(cold[tag])
        results[tag]["startup_ms"] = round(m * 1000, 1)
        results[tag]["startup_x_floor"] = round(m / floor, 3)
    rows.append(("start-up: factcheck check / import floor", *(f"{results[t]['startup_x_floor']:.2f}x "
                 f"({results[t]['startup_ms']:.0f} ms; floor {floor * 1000:.0f} ms)" for t in order)))

    # knowledge bases
    claims = retrieval.read_claims(retrieval.default_data_dir())
    posts = [t for _, t in retrieval.read_posts(retrieval.default_data_dir(), "train")]
    for n in sizes:
        kb_path = common.DATA / f"scale-kb-{n}-g{scale.GENERATOR}.json"
        if not kb_path.is_file():
            retrieval.write_kb(scale.generate_kb(claims, n), kb_path)
        kb = json.loads(kb_path.read_text(encoding="utf-8"))
        batch = scale.statements(kb, posts, args.batch)
        statement = scale.perturb(kb["claims"][len(kb["claims"]) * 7 // 10]["text"], random.Random(scale.SEED + 2))
        del kb
        single = [*fc, "--kb", str(kb_path), "check", statement]
        payload = ("\n".join(t for t, _ in batch) + "\n").encode("utf-8")
        got: dict[str, dict[str, list]] = {t: {"first": [], "repeat": [], "batch": [], "rss": []} for t in envs}
        for i, tag in enumerate(order if n % 2 else order[::-1]):
            r = common.run(single, env=envs[tag]).check()
            got[tag]["first"].append(r)

        def repeat(tag: str) -> None:
            got[tag]["repeat"].append(common.run(single, env=envs[tag]).check())

        def batched(tag: str) -> None:
            got[tag]["batch"].append(common.run([*fc, "--kb", str(kb_path), "check", "--format", "jsonl", "-"],
                                                stdin=payload, env=envs[tag]).check())

        both(args.rounds, repeat)
        both(max(args.rounds // 2, 1), batched)
        outputs = {tag: got[tag]["batch"][0].stdout for tag in envs}
        for tag in envs:
            g = got[tag]
            rep = common.median(r.seconds for r in g["repeat"])
            per = max(common.median(r.seconds for r in g["batch"]) - rep, 0.0) * 1000 / len(batch)
            results[tag][f"kb{n}"] = {
                "first_s": round(g["first"][0].seconds, 2), "first_rss_mb": round(g["first"][0].peak_rss_mb),
                "repeat_s": round(rep, 3), "repeat_rss_mb": round(common.median(r.peak_rss_mb for r in g["repeat"])),
                "per_statement_ms": round(per, 2),
                "batch_rss_mb": round(max(r.peak_rss_mb for r in g["batch"])),
            }
        same = outputs["before"] == outputs["after"]
        label = f"{n // 1000}k claims"
        for key, name in (("first_s", "first run (s)"), ("first_rss_mb", "first run peak RSS (MB)"),
                          ("repeat_s", "repeat check (s)"), ("repeat_rss_mb", "repeat check peak RSS (MB)"),
                          ("per_statement_ms", "per statement (ms)"), ("batch_rss_mb", "batch peak RSS (MB)")):
            rows.append((f"{label}: {name}", *(results[t][f"kb{n}"][key] for t in order)))
        rows.append((f"{label}: batch output identical", "", "yes" if same else "**NO**"))

    # scan
    seeds = scan_throughput.seed_sentences(common.SHARED / "seeds")
    others = scan_throughput.other_sentences(retrieval.default_data_dir())
    path, sentences = scan_throughput.ensure_file(args.scan_mb, seeds, others)
    variants = [("before", []), ("after", ["--jobs", "1"]), ("after", [])]
    scans: dict[int, list] = {i: [] for i in range(len(variants))}
    for r in range(max(args.rounds // 2, 2)):
        for i in (range(len(variants)) if r % 2 == 0 else reversed(range(len(variants)))):
            tag, extra = variants[i]
            scans[i].append(common.run([*fc, "scan", str(path), "--format", "jsonl", *extra], env=envs[tag]).check())
    rates = [sentences / common.median(x.seconds for x in scans[i]) for i in scans]
    same = len({scans[i][0].stdout for i in scans}) == 1
    results["before"]["scan_sentences_per_s"] = round(rates[0])
    results["after"]["scan_sentences_per_s_jobs1"] = round(rates[1])
    results["after"]["scan_sentences_per_s"] = round(rates[2])
    results["after"]["scan_rss_mb"] = round(max(x.peak_rss_mb for x in scans[2]))
    rows.append((f"scan {args.scan_mb} MB ({sentences:,} sentences): sentences/s", round(rates[0]),
                 f"{round(rates[2])} (all cores); {round(rates[1])} with --jobs 1"))
    rows.append(("scan: peak RSS (MB)", round(max(x.peak_rss_mb for x in scans[0])), results["after"]["scan_rss_mb"]))
    rows.append(("scan: findings identical", "", "yes" if same else "**NO**"))

    notes_goals = goal_notes(results["after"])
    table = common.Table(["measurement", f"before ({revs['before']})", f"after ({revs['after']})"],
                         title="Before and after, interleaved runs (medians)")
    for row in rows:
        table.add(*row)
    notes = [f"{args.rounds} rounds for repeated checks, alternating which commit runs first; "
             f"batch of {len(batch):,} statements; per statement = (batch - repeat check) / statements.",
             "Peak RSS of the scan is the largest process (the parent, or one worker)."]
    print(table.text())
    for line in notes_goals:
        print(f"- {line}")
    common.save("compare", out_dir, common.header("Before and after"), [table],
                {"commits": revs, "results": results}, notes + notes_goals)
    return 0


def goal_notes(after: dict) -> list[str]:
    """The goals of issue 15, for the 'after' commit."""
    out = []
    if "startup_x_floor" in after:
        out.append(common.goal_line("start-up / import floor", after["startup_x_floor"], 1.2, "×")[0])
    if "kb100000" in after:
        k = after["kb100000"]
        out += [common.goal_line("100k claims, repeat check", k["repeat_s"], 0.25, "s")[0],
                common.goal_line("100k claims, per statement", k["per_statement_ms"], 2.0, "ms")[0],
                common.goal_line("100k claims, peak RSS", max(k["first_rss_mb"], k["batch_rss_mb"]), 400, "MB")[0]]
    if "kb300000" in after:
        k = after["kb300000"]
        out += [common.goal_line("300k claims, first run", k["first_s"], 40, "s")[0],
                common.goal_line("300k claims, repeat check", k["repeat_s"], 0.5, "s")[0],
                common.goal_line("300k claims, per statement", k["per_statement_ms"], 4.0, "ms")[0],
                common.goal_line("300k claims, first-run peak RSS", k["first_rss_mb"], 600, "MB")[0]]
    if "scan_sentences_per_s" in after:
        out.append(common.goal_line("scan on all cores", after["scan_sentences_per_s"], 8000, "sentences/s",
                                    at_least=True)[0])
    return out


def resave() -> int:
    """Recompute the goal lines of the saved results (after a change to goal_notes)."""
    path = common.RESULTS / "compare.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["notes"] = [n for n in data.get("notes", []) if "(goal" not in n] + goal_notes(data["results"]["after"])
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(resave() if sys.argv[1:] == ["--resave"] else main())
