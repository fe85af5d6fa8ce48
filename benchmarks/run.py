"""Run every benchmark, one subprocess each, and rebuild the README's performance section.

    python benchmarks/run.py            # the full set; results to benchmarks/results/
    python benchmarks/run.py --quick    # a smaller version of each; results to benchmarks/.data/results-quick/
    python benchmarks/run.py coldstart scale      # only these
    python benchmarks/run.py --test     # also report retrieval on the test split

Exits 0 when every benchmark ran (whether or not it met its goal), 1 when one failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402
import report  # noqa: E402

BENCHMARKS = ("coldstart", "retrieval", "scale", "scan_throughput")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help=f"benchmarks to run (default: all of {', '.join(BENCHMARKS)})")
    ap.add_argument("--quick", action="store_true", help="a smaller version of each")
    ap.add_argument("--test", action="store_true", help="retrieval: also report the test split")
    args = ap.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        ap.error(f"unknown benchmark {unknown[0]!r} (choose from {', '.join(BENCHMARKS)})")
    names = args.names or list(BENCHMARKS)
    if "scan_throughput" in names and not (common.ROOT / "factcheck" / "commands" / "scan.py").is_file():
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
        code = subprocess.call(cmd)
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
