"""Shared plumbing for the benchmark scripts: locating things, running the CLI, measuring, tables.

Standard library only. Every measurement runs the installed ``factcheck`` console script (or
``python -m factcheck``) in a subprocess, as a user would, started through a tiny launcher that
reports that one process's peak RSS (see :func:`run` for why our own ``wait4`` cannot).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
DATA = BENCH / ".data"
RESULTS = BENCH / "results"
QUICK_RESULTS = DATA / "results-quick"


def _shared() -> Path:
    """``shared/`` beside the repository, or beside a folder above it (a git worktree)."""
    for folder in ROOT.parents:
        if (folder / "shared").is_dir():
            return folder / "shared"
    return ROOT.parent / "shared"


SHARED = _shared()


# --------------------------------------------------------------------------- locating


def factcheck_commands() -> dict[str, list[str]]:
    """The ways to start the CLI with this interpreter: its console script and ``-m factcheck``."""
    commands: dict[str, list[str]] = {}
    script = Path(sys.executable).parent / "factcheck"
    if script.is_file() and os.access(script, os.X_OK):
        commands["console script"] = [str(script)]
    commands["python -m factcheck"] = [sys.executable, "-m", "factcheck"]
    return commands


def factcheck_command() -> list[str]:
    """The CLI as a user runs it: the console script next to ``sys.executable``, else ``-m``."""
    return next(iter(factcheck_commands().values()))


def ensure_dirs(quick: bool = False) -> Path:
    """Create ``.data/`` and the results directory; return where this run's results go."""
    DATA.mkdir(parents=True, exist_ok=True)
    out = QUICK_RESULTS if quick else RESULTS
    out.mkdir(parents=True, exist_ok=True)
    return out


def fresh_cache_dir(tag: str) -> Path:
    """An empty directory for ``XDG_CACHE_HOME``, under ``.data`` so it is easy to inspect."""
    DATA.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"cache-{tag}-", dir=DATA))


def bench_env(cache_home: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a measured run: no colour, a fixed width, optionally a cache dir."""
    env = dict(os.environ)
    env.update({"NO_COLOR": "1", "COLUMNS": "120"})
    # Any non-empty value (even "0") stops Python writing .pyc files, and then every run
    # compiles factcheck's modules again: an installed wheel has them compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("FACTCHECK_KB", "FACTCHECK_DEBUG", "FACTCHECK_CACHE_DIR", "FACTCHECK_NO_CACHE"):
        env.pop(name, None)  # a run measures the defaults, with the cache directory given here
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = str(cache_home)
    env.update(extra)
    return env


# --------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Run:
    """One finished subprocess: exit status, wall time, peak RSS, and what it printed."""

    argv: tuple[str, ...]
    returncode: int
    seconds: float
    peak_rss_mb: float
    stdout: bytes
    stderr: bytes

    @property
    def ms(self) -> float:
        return self.seconds * 1000.0

    def text(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    def check(self, allowed: Iterable[int] = (0, 1, 3)) -> Run:
        """Raise if the command failed (exit 0, 1 and 3 are verdicts, not failures)."""
        if self.returncode not in tuple(allowed):
            err = self.stderr.decode("utf-8", "replace").strip().splitlines()
            tail = err[-1] if err else "(no stderr)"
            raise BenchError(f"{' '.join(self.argv[:6])} ... exited {self.returncode}: {tail}")
        return self


class BenchError(RuntimeError):
    """A benchmark could not be measured (the CLI failed, the data is missing...)."""


def run(
    argv: Sequence[str],
    *,
    stdin: bytes | Path | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Run:
    """Run one command; time it with ``perf_counter`` and measure its peak RSS.

    Peak RSS cannot be read from our own ``wait4``/``RUSAGE_CHILDREN``: Linux starts a child's
    ``ru_maxrss`` at the RSS of the process it was forked from (at exec, the old address space's
    high-water mark is kept), so a child of a benchmark that holds a 40 MB knowledge base in
    memory would report at least that. The child is therefore started by a tiny launcher,
    GNU time (``/usr/bin/time -f %M``, about 2 MB), whose own child's figure is exact to within
    that; without GNU time, a minimal Python launcher (about 10 MB) does the same.

    Stdin and stdout go through temporary files, not pipes, so that the child never waits on
    us. The child runs in ``.data/`` unless told otherwise, so that ``python -m factcheck``
    imports the installed package (or a ``run.py --at`` snapshot), not ``./factcheck``.
    """
    if cwd is None:
        DATA.mkdir(parents=True, exist_ok=True)
        cwd = DATA
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        if isinstance(stdin, Path):
            fin = open(stdin, "rb")
        else:
            fin = tempfile.TemporaryFile()
            fin.write(stdin or b"")
            fin.seek(0)
        try:
            start = time.perf_counter()
            proc = subprocess.Popen([*launcher(rss.name), *argv], stdin=fin, stdout=out, stderr=err,
                                    env=env if env is not None else bench_env(), cwd=cwd)
            proc.wait()
            seconds = time.perf_counter() - start
        finally:
            fin.close()
        out.seek(0)
        err.seek(0)
        lines = [ln for ln in rss.read().split() if ln.isdigit()]
        kib = int(lines[-1]) if lines else 0
        return Run(tuple(argv), proc.returncode, seconds, kib / 1024, out.read(), err.read())


_LAUNCHER = """\
import os, subprocess, sys
p = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(p.pid, 0)
scale = 1024 if sys.platform == "darwin" else 1
open(sys.argv[1], "w").write(f"{usage.ru_maxrss // scale}\\n")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""
_launcher_kind: list[str] = []


def launcher(rss_file: str) -> list[str]:
    """The argv prefix that runs a command and writes its peak RSS (KiB) to ``rss_file``."""
    if not _launcher_kind:
        gnu = "/usr/bin/time"
        ok = False
        if os.access(gnu, os.X_OK):
            with tempfile.NamedTemporaryFile("r") as probe:
                ok = subprocess.run([gnu, "-f", "%M", "-o", probe.name, "true"],
                                    capture_output=True).returncode == 0 and probe.read().strip().isdigit()
        _launcher_kind.append("gnu-time" if ok else "python")
    if _launcher_kind[0] == "gnu-time":
        return ["/usr/bin/time", "-f", "%M", "-o", rss_file]
    return [sys.executable, "-c", _LAUNCHER, rss_file]


def rss_method() -> str:
    """How peak RSS was measured, for the results files."""
    launcher(os.devnull)
    return ("GNU time -f %M around each run" if _launcher_kind[0] == "gnu-time"
            else "a minimal Python launcher's os.wait4 (floor about 10 MB)")


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


# --------------------------------------------------------------------------- describing


def machine() -> dict[str, Any]:
    """Where the figures came from: cores, CPU model, memory, Python, OS."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": mem,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": f"{platform.system()} {platform.release()}",
    }


def versions() -> dict[str, str]:
    """Versions of the package and its dependencies, as installed for this interpreter."""
    from importlib import metadata

    out = {}
    for name in ("factcheck", "typer", "rich", "rapidfuzz"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit() -> str:
    """The commit measured, with ``+dirty`` when tracked package files differ from it.

    ``run.py --at REV`` measures a snapshot of REV and says so through ``$FACTCHECK_BENCH_COMMIT``.
    """
    pinned = os.environ.get("FACTCHECK_BENCH_COMMIT", "").strip()
    if pinned:
        return pinned
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--",
                                "factcheck", "knowledge.json"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def header(title: str) -> dict[str, Any]:
    """Metadata common to every results file."""
    return {
        "benchmark": title,
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": git_commit(),
        "machine": machine(),
        "versions": versions(),
        "peak_rss": rss_method(),
    }


# --------------------------------------------------------------------------- tables


@dataclass
class Table:
    """A small table printed as aligned text and saved as Markdown."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    title: str = ""

    def add(self, *cells: Any) -> None:
        self.rows.append([_cell(c) for c in cells])

    def text(self) -> str:
        widths = [max(len(str(r[i])) for r in [self.columns, *self.rows]) for i in range(len(self.columns))]
        lines = [self.title] if self.title else []
        lines.append("  ".join(c.ljust(w) for c, w in zip(self.columns, widths)))
        lines.append("  ".join("-" * w for w in widths))
        for r in self.rows:
            lines.append("  ".join(_align(str(c), w) for c, w in zip(r, widths)))
        return "\n".join(lines)

    def markdown(self) -> str:
        head = "| " + " | ".join(self.columns) + " |"
        numeric = [i > 0 and all(_numeric(str(r[i])) for r in self.rows if str(r[i]) not in ("", "-"))
                   for i in range(len(self.columns))]
        rule = "|" + "|".join("---:" if n else "---" for n in numeric) + "|"
        body = ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in self.rows]
        return "\n".join([head, rule, *body])

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return value if value is not None else "-"


def _numeric(text: str) -> bool:
    """A figure, perhaps with a unit: '0.912', '1,197', '2.61 ms', '1.32×', '200 (199 scored)'."""
    head = text.split(" ", 1)[0].replace(",", "").replace("×", "").replace("%", "")
    return head.replace(".", "", 1).lstrip("-").isdigit()


def _align(text: str, width: int) -> str:
    return text.rjust(width) if _numeric(text) else text.ljust(width)


def goal_line(name: str, value: float, limit: float, unit: str, *, at_least: bool = False) -> tuple[str, bool]:
    """A one-line verdict on a goal, e.g. ``one check (repeat): 0.41 s <= 1 s  met``."""
    met = value >= limit if at_least else value <= limit
    op = ">=" if at_least else "<="
    shown = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    u = f" {unit}" if unit else ""
    return f"{name}: {shown}{u} (goal {op} {limit:,g}{u})  {'met' if met else 'NOT MET'}", met


def save(name: str, out_dir: Path, meta: dict[str, Any], tables: list[Table],
         extra: dict[str, Any] | None = None, notes: list[str] | None = None) -> tuple[Path, Path]:
    """Write ``<name>.json`` (everything) and ``<name>.md`` (the tables and notes)."""
    data = dict(meta)
    data["tables"] = [t.as_dict() for t in tables]
    data["notes"] = notes or []
    if extra:
        data.update(extra)
    jpath = out_dir / f"{name}.json"
    jpath.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    mpath = out_dir / f"{name}.md"
    mpath.write_text(markdown(data), encoding="utf-8")
    return jpath, mpath


def markdown(data: dict[str, Any]) -> str:
    """The Markdown form of a results file: where and when, the tables, the notes."""
    m = data["machine"]
    md = [f"# {data['benchmark']}", "",
          f"Measured {data['date']} at commit `{data['commit']}` on {m['nproc']} × {m['cpu']}, "
          f"Python {m['python']}; peak RSS by {data.get('peak_rss', 'os.wait4')}.", ""]
    for t in data.get("tables", []):
        table = Table(t["columns"], [list(r) for r in t["rows"]], t.get("title", ""))
        if table.title:
            md += [f"**{table.title}**", ""]
        md += [table.markdown(), ""]
    if data.get("notes"):
        md += [f"- {n}" for n in data["notes"]] + [""]
    return "\n".join(md)


def which(name: str) -> str | None:
    return shutil.which(name)


def fail(message: str) -> int:
    """Print a one-line error (the benchmark could not run) and return exit status 2."""
    sys.stderr.write(f"{Path(sys.argv[0]).name}: error: {message}\n")
    return 2
