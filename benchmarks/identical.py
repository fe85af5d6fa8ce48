"""Same results before and after a speed change: record every output a user could see, compare.

Records, into OUT_DIR, one file per output:

- ``check-<set>.jsonl``: every statement of the labelled, held-out and blind sets under
  ``tests/`` through ``factcheck check --format jsonl --explain --top 5 -`` (verdict, claim,
  scores, candidates, clause, parts, explanation), and ``eval-<set>.json`` (``factcheck eval``);
- ``scan-*.jsonl``: ``factcheck scan --format jsonl`` of the generated 5 MB file (default jobs,
  and ``--all --jobs 1``) and of ``benchmarks/prose/`` (``--all``; the files are scanned, never
  read here);
- ``check-100k.jsonl``: the 2,000 statements of ``scale.py`` on its 100,000-claim knowledge base
  (skipped with ``--quick``, which also scans the 1 MB file instead of the 5 MB one);
- ``meaning.txt``: ``meaning.py``'s summary without its timings (its results files are restored).

Every run has PYTHONHASHSEED=0: some results depend on the order of a set, so two runs with
different seeds can differ whatever the code. To record the unmodified code, put its tree
first on PYTHONPATH (``PYTHONPATH=../base python benchmarks/identical.py /tmp/before``).
With ``--against REF_DIR`` the files are compared byte for byte and the first differing line of
each differing file printed; exit 1 when any differs.

    python benchmarks/identical.py /tmp/before
    python benchmarks/identical.py /tmp/after --against /tmp/before
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as common  # noqa: E402

SETS = ("cases", "holdout", "retired-blind", "retired-blind3")
# outputs of runs on blind material (benchmarks/prose/): compared, never shown
BLIND_PREFIXES = ("scan-prose",)


def cli(args: list[str], out: Path, env: dict[str, str], stdin: bytes = b"") -> None:
    """Run the CLI with stdout to ``out`` (exit 0, 1 and 3 are verdicts, not failures)."""
    with open(out, "wb") as f:
        done = subprocess.run([*common.factcheck_command(), *args], input=stdin, stdout=f,
                              env=env, cwd=common.ROOT, check=False)
    if done.returncode not in (0, 1, 3):
        raise SystemExit(f"{' '.join(args)}: exit {done.returncode}")


def record_sets(out: Path, env: dict[str, str]) -> None:
    for name in SETS:
        path = common.ROOT / "tests" / f"{name}.jsonl"
        lines = [json.loads(ln)["statement"] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        payload = "".join(" ".join(s.split()) + "\n" for s in lines).encode("utf-8")
        cli(["check", "--format", "jsonl", "--explain", "--top", "5", "-"], out / f"check-{name}.jsonl", env, payload)
        cli(["eval", str(path), "--format", "json"], out / f"eval-{name}.json", env)


def record_scans(out: Path, env: dict[str, str], quick: bool) -> None:
    import scan_throughput as st

    seeds = st.seed_sentences(common.SHARED / "seeds")
    others = st.other_sentences(common.SHARED / "benchmarks" / "claim-retrieval")
    path, _ = st.ensure_file(1 if quick else 5, seeds, others)
    cli(["scan", str(path), "--format", "jsonl"], out / "scan-generated.jsonl", env)
    cli(["scan", str(path), "--format", "jsonl", "--all", "--jobs", "1"], out / "scan-generated-all.jsonl", env)
    cli(["scan", "benchmarks/prose", "--format", "jsonl", "--all"], out / "scan-prose.jsonl", env)


def record_scale(out: Path, env: dict[str, str]) -> None:
    import retrieval
    import scale

    data = retrieval.default_data_dir()
    kb_path = common.DATA / f"scale-kb-100000-g{scale.GENERATOR}.json"
    if not kb_path.is_file():
        retrieval.write_kb(scale.generate_kb(retrieval.read_claims(data), 100_000), kb_path)
    kb = json.loads(kb_path.read_text(encoding="utf-8"))
    posts = [t for _, t in retrieval.read_posts(data, "train")]
    batch = scale.statements(kb, posts, 2000)
    payload = ("\n".join(t for t, _ in batch) + "\n").encode("utf-8")
    cli(["--kb", str(kb_path), "check", "--format", "jsonl", "--explain", "--top", "5", "-"],
        out / "check-100k.jsonl", env, payload)


def record_meaning(out: Path, env: dict[str, str]) -> None:
    saved = {p: p.read_bytes() for p in (common.RESULTS / "meaning.json", common.RESULTS / "meaning.md") if p.is_file()}
    try:
        text = subprocess.run([sys.executable, str(HERE / "meaning.py")], capture_output=True, check=True,
                              text=True, cwd=common.ROOT, env=env).stdout
    finally:
        for p, b in saved.items():
            p.write_bytes(b)
    text = re.sub(r"built in [\d.]+ s, [\d.]+ ms a statement", "built in - s, - ms a statement", text)
    (out / "meaning.txt").write_text(text, encoding="utf-8")


def compare(out: Path, ref: Path) -> int:
    bad = 0
    for r in sorted(ref.iterdir()):
        new = out / r.name
        if not new.is_file():
            print(f"{r.name}: missing")
            bad += 1
        elif new.read_bytes() != r.read_bytes():
            bad += 1
            a, b = r.read_text(encoding="utf-8").splitlines(), new.read_text(encoding="utf-8").splitlines()
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            print(f"{r.name}: DIFFERS at line {i + 1} ({len(a)} lines before, {len(b)} after)")
            if r.name.startswith(BLIND_PREFIXES):
                continue  # a blind set's outputs are never printed, only that they differ
            print(f"  before: {a[i][:300] if i < len(a) else '<end>'}")
            print(f"  after:  {b[i][:300] if i < len(b) else '<end>'}")
        else:
            print(f"{r.name}: identical")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--against", type=Path, help="a directory recorded earlier: compare with it")
    ap.add_argument("--quick", action="store_true", help="1 MB scan, no 100k-claim batch")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    common.ensure_dirs()
    # (a fixed hash seed: the engine's results depend on set order in a few places, so two
    # processes with different seeds may differ, before and after any change alike)
    env = common.bench_env(Path(tempfile.mkdtemp(prefix="identical-cache-")), PYTHONHASHSEED="0")
    record_sets(args.out, env)
    record_scans(args.out, env, args.quick)
    if not args.quick:
        record_scale(args.out, env)
    record_meaning(args.out, env)
    return compare(args.out, args.against) if args.against else 0


if __name__ == "__main__":
    sys.exit(main())
