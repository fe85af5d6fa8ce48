"""Run every benchmark, one subprocess each, and rebuild the README's performance section.

    python benchmarks/run.py            # the full set; results to benchmarks/results/
    python benchmarks/run.py --quick    # a smaller version of each; results to benchmarks/.data/results-quick/
    python benchmarks/run.py coldstart scale      # only these
    python benchmarks/run.py --test     # also report retrieval on the test split
    python benchmarks/run.py --at HEAD  # measure a snapshot of a commit, not the live work tree

Exits 0 when every benchmark ran (whether or not it met its goal), 1 when one failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402
import report  # noqa: E402

BENCHMARKS = ("coldstart", "retrieval", "scale", "scan_throughput")


def snapshot_env(rev: str) -> dict[str, str]:
    """Extract commit ``rev`` into ``.data/snapshot-<hash>`` and return the environment that
    makes this interpreter (and its ``factcheck`` console script) import the package from it.

    The working tree is shared with people editing the engine; a measurement of it can change
    half-way (a source edit even invalidates the index cache). A snapshot cannot.
    """
    full = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=common.ROOT,
                          capture_output=True, text=True, check=True).stdout.strip()
    short = full[:7]
    dest = common.DATA / f"snapshot-{short}"
    if not (dest / "factcheck" / "__init__.py").is_file():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", "--format=tar", full, "factcheck", "knowledge.json",
                                  "knowledge.schema.json"], cwd=common.ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    env = {"PYTHONPATH": os.pathsep.join(p for p in (str(dest), os.environ.get("PYTHONPATH", "")) if p),
           "FACTCHECK_BENCH_COMMIT": short}
    where = subprocess.run([sys.executable, "-c", "import factcheck; print(factcheck.__file__)"],
                           env={**os.environ, **env}, cwd=dest, capture_output=True, text=True).stdout.strip()
    if not where.startswith(str(dest)):
        raise RuntimeError(f"the snapshot is not what gets imported ({where or 'nothing'})")
    return env


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    ap.add_argument("--quick", action="store_true", help="a smaller version of each")
    ap.add_argument("--test", action="store_true", help="retrieval: also report the test split")
    ap.add_argument("--at", metavar="REV",
                    help="measure a snapshot of this commit (git archive into .data/, put first on "
                         "PYTHONPATH) instead of the working tree the package is installed from")
    args = ap.parse_args(argv)
    env = dict(os.environ)
    if args.at:
        try:
            env.update(snapshot_env(args.at))
        except (OSError, subprocess.CalledProcessError, RuntimeError) as exc:
            print(f"run.py: error: cannot snapshot {args.at}: {exc}", file=sys.stderr)
            return 2
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        ap.error(f"unknown benchmark {unknown[0]!r} (choose from {', '.join(BENCHMARKS)})")
    names = args.names or list(BENCHMARKS)
    if "scan_throughput" in names and not (common.ROOT / "factcheck" / "cli" / "scan.py").is_file():
        print("run.py: skipping scan_throughput: factcheck scan does not exist yet", file=sys.stderr)
        names.remove("scan_throughput")

    failed = []
    for name in names:
        cmd = [sys.executable, str(common.BENCH / f"{name}.py")]
        if args.quick:
            cmd.append("--quick")
        if name == "retrieval" and args.test:
            cmd.append("--test")
        print(f"== {name} ({' '.join(cmd[1:])})", flush=True)
        start = time.perf_counter()
        code = subprocess.call(cmd, env=env)
        print(f"== {name}: exit {code} after {time.perf_counter() - start:.0f} s\n", flush=True)
        if code != 0:
            failed.append(name)

    if not args.quick:
        path = report.write()
        print(f"performance section rebuilt from benchmarks/results/: {path.relative_to(common.ROOT)}")
    if failed:
        print(f"run.py: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
