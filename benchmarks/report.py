"""Rebuild ``docs/readme/performance.md`` (the source of docs/performance.md) from the results.

Reads the JSON files under ``benchmarks/results/`` that the benchmark scripts wrote and lays
their tables out with the machine they came from and how to reproduce them. Nothing here
measures anything: run the benchmarks first (``python benchmarks/run.py``).

    python benchmarks/report.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

OUT = common.ROOT / "docs" / "readme" / "performance.md"

SECTIONS = [
    ("retrieval-test", "Finding the right claim in real posts",
     "The CLEF CheckThat! 2020 claim-retrieval data: tweets to be matched against 10,375 "
     "claims fact-checked by Snopes, imported as a knowledge base of unproven claims. "
     "`factcheck check --top 5` ranks the claims for each post; MAP@5 is the lab's official "
     "measure, next to a BM25 baseline computed in the same run."),
    ("retrieval", "Finding the right claim in real posts (train and dev)",
     "The same data, the splits used to develop and tune the matcher."),
    ("scale", "A knowledge base of 100,000 claims",
     "Generated from the real Snopes claims (names, numbers and words swapped for others from "
     "the same corpus), so the vocabulary is that of a real fact-check archive."),
    ("scale-300k", "A knowledge base of 300,000 claims",
     "The same generator, three times the claims: the index stays sublinear per statement, and "
     "the first run (which builds the index) streams the claims instead of holding them, on two "
     "processes when two cores are free (peak RSS: the larger of the two)."),
    ("coldstart", "Start-up",
     "One `factcheck check` on the shipped knowledge base against the time Python takes just to "
     "import Typer, Rich and RapidFuzz (the floor), interleaved runs; the minimal Typer app is a "
     "do-nothing app with the same kinds of options, to show what Typer's own parsing costs. "
     "Below, the slowest imports of one run (`python -X importtime`)."),
    ("compare", "Before and after (interleaved)",
     "Two commits measured side by side by `benchmarks/compare.py`: every measurement alternates "
     "between snapshots of the two, so both see the same load on a shared machine; medians."),
    ("scan_throughput", "Scanning files",
     "`factcheck scan` over generated prose: sentences of the seed documents, paraphrases of "
     "them, claim-like sentences (about one in ten), real Snopes claims on other subjects and "
     "everyday filler, partly hard-wrapped Markdown. Sentences per second include start-up; "
     "memory should not grow with the file."),
]


GOAL = re.compile(r"^(?P<name>.+?): (?P<value>\S+)\s*(?:(?P<unit>[^(\s][^(]*?)\s*)?\(goal (?P<target>[^)]+?)\s*\)\s+(?P<met>met|NOT MET)$")


def goals(results: dict[str, dict[str, Any]]) -> common.Table:
    """Every goal line of every benchmark, in one table: what, measured, target, met."""
    t = common.Table(["benchmark", "goal", "measured", "target", "met"])
    for name, _, _ in SECTIONS:
        r = results.get(name)
        if r is None or (name == "retrieval" and _superseded(results)):
            continue
        for note in r.get("notes", []):
            m = GOAL.match(note)
            if m:
                unit = f" {m['unit']}" if m["unit"] else ""
                t.add(name, m["name"], f"{m['value']}{unit}", m["target"].replace("<=", "≤").replace(">=", "≥"),
                      "yes" if m["met"] == "met" else "**no**")
    return t


def _superseded(results: dict[str, dict[str, Any]]) -> bool:
    """A train/dev retrieval run no newer than the run with --test (which has them too)."""
    held_out, plain = results.get("retrieval-test"), results.get("retrieval")
    return bool(held_out and plain and held_out["date"] >= plain["date"])


def _table(t: dict[str, Any]) -> str:
    table = common.Table(t["columns"], [list(r) for r in t["rows"]], t.get("title", ""))
    return table.markdown()


def render(results: dict[str, dict[str, Any]]) -> str:
    """The Markdown of the section, from the loaded results files."""
    lines = ["## Performance", ""]
    machines = {json.dumps(r["machine"], sort_keys=True) for r in results.values()}
    if results:
        m = next(iter(results.values()))["machine"]
        commits = sorted({r["commit"] for r in results.values()})
        lines += [
            f"Measured on {m['nproc']} cores of an {m['cpu']}"
            + (f" with {m['memory_gib']:g} GiB of memory" if m.get("memory_gib") else "")
            + f", Python {m['python']} ({m['os']}), at commit{'s' if len(commits) > 1 else ''} "
            + ", ".join(f"`{c}`" for c in commits) + ". Every figure is the installed `factcheck` "
            "command run in a subprocess, as you would run it; peak memory is each process's "
            "maximum resident set size.",
            "",
        ]
        if len(machines) > 1:
            lines += ["(Not every table came from the same machine: see each results file.)", ""]
        summary = goals(results)
        if summary.rows:
            lines += ["The project's goals, and where it stands:", "", summary.markdown(), ""]
    for name, title, blurb in SECTIONS:
        r = results.get(name)
        if r is None:
            continue
        if name == "retrieval" and _superseded(results):
            continue  # the run with --test has train and dev too, and is as recent
        lines += [f"### {title}", "", blurb, ""]
        for t in r["tables"]:
            lines += [_table(t), ""]
        goal_notes = [n for n in r.get("notes", []) if "(goal" in n or "±0.01" in n or "flat" in n]
        if goal_notes:
            lines += [f"- {g}" for g in goal_notes] + [""]
        lines += [f"<sub>{r['date']}, commit `{r['commit']}`; details in "
                  f"`benchmarks/results/{name}.md`.</sub>", ""]
    lines += [
        "### Reproducing",
        "",
        "From a checkout with the package installed (`pip install -e .`) and the shared data "
        "beside it (`../shared/benchmarks/claim-retrieval`, `../shared/seeds`):",
        "",
        "```sh",
        "python benchmarks/run.py            # everything (about 10 minutes on 2 cores)",
        "python benchmarks/run.py --quick    # a smaller version of each, a couple of minutes",
        "python benchmarks/run.py --at HEAD  # a snapshot of a commit, not the live work tree",
        "python benchmarks/retrieval.py --test   # also report the held-out test split",
        "python benchmarks/scale.py --profile    # with cProfile output of the check path",
        "```",
        "",
        "Each script prints its table and writes `benchmarks/results/<name>.json` and `.md`; "
        "generated inputs go to `benchmarks/.data/` (git-ignored). `benchmarks/README.md` says "
        "exactly how each figure is computed.",
        "",
    ]
    return "\n".join(lines)


def load(directory: Path = common.RESULTS) -> dict[str, dict[str, Any]]:
    out = {}
    for p in sorted(directory.glob("*.json")):
        try:
            out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
    return out


def write(path: Path = OUT) -> Path:
    """Rebuild the section, and each results file's Markdown from its JSON."""
    # (meaning.py and prose.py write their own Markdown, and are not speed figures)
    results = {name: data for name, data in load().items() if "machine" in data}
    for name, data in results.items():
        (common.RESULTS / f"{name}.md").write_text(common.markdown(data), encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(results), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write().relative_to(common.ROOT)}")
    import subprocess

    # docs/performance.md (and the rest of the docs) are assembled from the sections
    subprocess.run([sys.executable, str(common.ROOT / "docs" / "build_readme.py")], check=True)
