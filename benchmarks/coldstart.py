"""Cold start: one ``factcheck check`` on the shipped knowledge base against the import floor.

The floor is ``python -c "import typer, rich.console, rapidfuzz.process"``: what any CLI built on
these libraries pays before doing anything. Runs are interleaved (floor, console script,
``python -m factcheck``, floor, ...) so that a slow moment on the machine hits all of them alike,
and their medians are compared. Then ``python -X importtime -m factcheck check ...`` shows where
start-up time goes (the modules with the largest cumulative import time).

    python benchmarks/coldstart.py [--runs 21] [--quick]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

STATEMENT = "Magnesium cures hemifacial spasm"
FLOOR = "import typer, rich.console, rapidfuzz.process"
GOAL_RATIO = 1.2

# A reference, not the goal's floor: a do-nothing Typer app with parameters of the kinds
# `factcheck check` has (a list argument, an enum, a ranged int, a flag, a group option). It
# shows what Typer itself costs once it parses a command line, beyond importing it.
TYPER_APP = """\
from enum import Enum
from typing import List, Optional
import typer, rich.console, rapidfuzz.process
app = typer.Typer(add_completion=False)
class Fmt(str, Enum):
    text = "text"
    jsonl = "jsonl"
@app.callback()
def main(kb: Optional[str] = typer.Option(None, "--kb")) -> None:
    pass
@app.command()
def check(statements: Optional[List[str]] = typer.Argument(None),
          output: Fmt = typer.Option(Fmt.text, "--format"),
          top: int = typer.Option(0, "--top", min=0, max=100),
          explain: bool = typer.Option(False, "--explain")) -> None:
    print(len(statements or []))
@app.command()
def other() -> None:
    pass
app()
"""


def importtime(env: dict[str, str], top: int = 15) -> tuple[list[tuple[str, float, float]], dict[str, float]]:
    """The ``top`` slowest imports (module, cumulative ms, self ms) in one run of the check,
    and totals: the run's wall time, all imports (sum of self times), factcheck's own modules."""
    r = common.run([sys.executable, "-X", "importtime", "-m", "factcheck", "check", STATEMENT], env=env).check()
    rows = parse_importtime(r.stderr.decode("utf-8", "replace"))
    totals = {
        "wall_ms": r.ms,
        "imports_ms": sum(own for _, _, own, _ in rows),
        "factcheck_ms": sum(own for name, _, own, _ in rows if name.split(".")[0] == "factcheck"),
        "pydantic_ms": sum(own for name, _, own, _ in rows if name.split(".")[0] in ("pydantic", "pydantic_core")),
    }
    # Cumulative times nest, so this lists the slowest at every depth, one "· " a level.
    rows.sort(key=lambda r: -r[1])
    return [("· " * depth + name, cum, own) for name, cum, own, depth in rows[:top]], totals


def parse_importtime(stderr: str) -> list[tuple[str, float, float, int]]:
    """(module, cumulative ms, self ms, depth from 0) for each line of ``-X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S.*)$", line)
        if m:  # the top level is indented by one space, each level below by two more
            rows.append((m.group(4).strip(), int(m.group(2)) / 1000, int(m.group(1)) / 1000,
                         (len(m.group(3)) - 1) // 2))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    ap.add_argument("--quick", action="store_true", help="7 runs of each")
    args = ap.parse_args(argv)
    if args.quick:
        args.runs = 7

    try:
        out_dir = common.ensure_dirs(args.quick)
        cache = common.fresh_cache_dir("coldstart")
        env = common.bench_env(cache)
        typer_app = common.DATA / "typer-app.py"
        typer_app.write_text(TYPER_APP, encoding="utf-8")
        commands = {"import floor": [sys.executable, "-c", FLOOR],
                    "minimal Typer app (reference)": [sys.executable, str(typer_app), "check", STATEMENT]}
        for label, argv0 in common.factcheck_commands().items():
            commands[f"factcheck check ({label})"] = [*argv0, "check", STATEMENT]
        # The same check through the library alone (no Typer, no Rich): what the engine itself
        # costs to start, so the CLI's share of the gap to the floor can be told apart.
        commands["library only (reference)"] = [
            sys.executable, "-c", f"import factcheck; print(factcheck.check({STATEMENT!r}).verdict)"]
        # One untimed run of each: fills the page cache and builds any index cache, since a
        # user's first run after installing is not what "start-up" means here.
        first = {label: common.run(cmd, env=env).check() for label, cmd in commands.items()}
        times: dict[str, list[float]] = {label: [] for label in commands}
        rss: dict[str, float] = {label: 0.0 for label in commands}
        for _ in range(args.runs):
            for label, cmd in commands.items():
                r = common.run(cmd, env=env).check()
                times[label].append(r.ms)
                rss[label] = max(rss[label], r.peak_rss_mb)
        imports, totals = importtime(env)
    except common.BenchError as exc:
        return common.fail(str(exc))

    floor = common.median(times["import floor"])
    table = common.Table(["command", "median (ms)", "min (ms)", "max (ms)", "× floor", "peak RSS (MB)"],
                         title=f"Cold start: {args.runs} interleaved runs each, shipped knowledge base")
    ratios = {}
    for label, ts in times.items():
        med = common.median(ts)
        ratios[label] = med / floor
        table.add(label, round(med, 1), round(min(ts), 1), round(max(ts), 1), f"{med / floor:.2f}×", round(rss[label], 1))
    imp = common.Table(["module (· = one level down)", "cumulative (ms)", "self (ms)"],
                       title=f"python -X importtime -m factcheck check \"{STATEMENT}\": top {len(imports)} by cumulative time")
    for name, cum, own in imports:
        imp.add(name, round(cum, 1), round(own, 1))

    verdict_line = first[next(k for k in commands if k.startswith("factcheck"))].text().strip().splitlines()
    notes = [
        f"Floor: python -c \"{FLOOR}\". Statement: \"{STATEMENT}\" "
        f"(first line of output: {verdict_line[0] if verdict_line else '(none)'!r}).",
        "Each command was run once untimed first (page cache, index cache).",
        "The minimal Typer app is a do-nothing app with parameters like check's: what Typer "
        "costs once it parses a command line (this Typer imports pydantic to coerce parameters).",
        f"In the -X importtime run ({totals['wall_ms']:.0f} ms wall, inflated by the tracing): "
        f"{totals['imports_ms']:.0f} ms importing modules, of which factcheck's own "
        f"{totals['factcheck_ms']:.0f} ms and pydantic's {totals['pydantic_ms']:.0f} ms; the rest "
        f"is interpreter start, parsing, loading the knowledge base, checking and printing.",
    ]
    lib = ratios["library only (reference)"]
    cli = ratios.get("factcheck check (console script)", next(v for k, v in ratios.items() if k.startswith("factcheck")))
    notes.append(f"Library only: {lib:.2f}× the floor; the command line adds {cli - lib:.2f}× of the floor "
                 f"(Typer, Rich and the rendering: the gap between the two).")
    goals = [common.goal_line(f"{label} / floor", ratio, GOAL_RATIO, "×")[0]
             for label, ratio in ratios.items() if label.startswith("factcheck")]
    print(table.text())
    print()
    print(imp.text())
    print()
    for line in notes + goals:
        print(f"- {line}")
    common.save("coldstart", out_dir, common.header("Cold start"), [table, imp], {
        "runs": args.runs, "times_ms": {k: [round(t, 2) for t in v] for k, v in times.items()},
        "ratios": {k: round(v, 3) for k, v in ratios.items()},
        "importtime": {k: round(v, 1) for k, v in totals.items()},
    }, notes + goals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
