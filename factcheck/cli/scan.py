"""`factcheck scan`: check every claim in files, directories and piped text, like a linter."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Any

import typer

from ..labels import ExitStatus, Label, Polarity
from .common import ColorChoice, fail, guard, load_checker, make_console

#: Show a progress bar (on a terminal's stderr) once this much input is known or has been read.
PROGRESS_BYTES = 1 << 20
#: ... or when this many files are to be scanned.
PROGRESS_FILES = 20
#: Input smaller than this is checked in this process unless --jobs says otherwise.
PARALLEL_BYTES = 256 * 1024


class ScanFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    github = "github"
    sarif = "sarif"


class FailOn(str, Enum):
    false = "false"
    mixed = "mixed"
    never = "never"


_FAIL_VERDICTS = {
    FailOn.false: frozenset(v.value for v in Label if v.polarity is Polarity.REFUTED),
    FailOn.mixed: frozenset(v.value for v in Label if v.is_verdict and v.polarity is not Polarity.SUPPORTED),
    FailOn.never: frozenset(),
}


def scan(
    ctx: typer.Context,
    paths: list[str] | None = typer.Argument(
        None, metavar="[PATH]...",
        help="Files and directories to scan; - reads standard input (also read when no PATH is "
             "given and input is piped).",
        show_default=False,
    ),
    report_all: bool = typer.Option(
        False, "--all", "-a",
        help="Also list the sentences that match no claim (headings and small talk never).",
    ),
    fmt: ScanFormat = typer.Option(
        ScanFormat.text, "--format", "-f", case_sensitive=False,
        help="text (grouped by file, with a summary), json (one document), jsonl (one object a "
             "finding, streamed), github (workflow annotations) or sarif (SARIF 2.1.0, for "
             "code-scanning dashboards).",
    ),
    fail_on: FailOn = typer.Option(
        FailOn.false, "--fail-on", case_sensitive=False,
        help="Exit 1 when a finding is this bad: false (false, mostly-false), mixed (also mixed, "
             "unproven) or never.",
    ),
    color: ColorChoice = typer.Option(
        ColorChoice.auto, "--color", case_sensitive=False,
        help="Colour the text output: auto (on a terminal), always or never.",
    ),
    top: int = typer.Option(
        0, "--top", "-k", min=0, max=100, metavar="K",
        help="Also show each finding's K best candidate claims with their scores.",
    ),
    explain: bool = typer.Option(
        False, "--explain", "-e", help="Show why each verdict was reached.",
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, metavar="N",
        help="Worker processes checking sentences (default: one per available core, for input "
             "over 256 KiB or piped; 1 checks in this process). Output is the same either way.",
        show_default=False,
    ),
    stdin_filename: str | None = typer.Option(
        None, "--stdin-filename", metavar="NAME",
        help="The path to report for standard input (default: <stdin>).",
    ),
) -> None:
    """Check every sentence of files, directories or piped text for known claims.

    Directories are walked in sorted order for .txt, .text, .md, .markdown, .mdown, .mkd, .rst,
    .adoc, .asciidoc and .org files, skipping hidden directories, node_modules, __pycache__,
    site-packages and venv; a file named on the command line is read whatever its name. Binary
    files are skipped with a warning; invalid UTF-8 is replaced, with a warning.

    Reported: sentences that match a claim in the knowledge base, with its verdict. Headings,
    fragments and small talk are never checked.

    Exit status: 0 nothing at or above --fail-on; 1 a finding at or above it; 2 an error (a
    missing or unreadable path, a bad knowledge base: the other files are still scanned);
    130 interrupted.

    Examples:

      factcheck scan post.md

      cat post.txt | factcheck scan -

      factcheck scan --format github docs/
    """
    from ..render import scan as render
    from ..scan.scanner import STDIN, FileStart, Finding, Notice, Target, walk
    from ..scan.scanner import scan as run_scan

    with guard(ctx):
        if not paths:
            if sys.stdin is None or sys.stdin.isatty():
                fail("no PATH given: name files or directories to scan, or - for standard input")
            paths = ["-"]
        checker = load_checker(ctx)
        targets: list[Any] = list(walk(paths))
        if stdin_filename:
            targets = [
                Target(stdin_filename, None) if isinstance(t, Target) and t.fs_path is None else t
                for t in targets
            ]
        stdin = _stdin_buffer() if any(
            isinstance(t, Target) and t.fs_path is None for t in targets
        ) else None

        if fmt is ScanFormat.text:
            console = make_console(color)
            console.file = _CurrentStdout()  # type: ignore[assignment]
            console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]
            renderer: Any = render.TextRenderer(console, top=top, explain=explain)
        elif fmt is ScanFormat.json:
            renderer = render.JsonRenderer(top=top, explain=explain)
        elif fmt is ScanFormat.jsonl:
            renderer = render.JsonLinesRenderer(top=top, explain=explain)
        elif fmt is ScanFormat.sarif:
            renderer = render.SarifRenderer()
        else:
            renderer = render.GithubRenderer()

        tally = render.Tally()
        failing = _FAIL_VERDICTS[fail_on]
        failed = False
        progress = _Progress(targets, color)
        try:
            events = run_scan(targets, checker, report_all=report_all, top=top, explain=explain,
                              stdin=stdin, on_bytes=progress.advance, jobs=_jobs(jobs, targets))
            for event in events:
                tally.add(event)
                if isinstance(event, Finding):
                    failed = failed or event.verdict in failing
                    renderer.finding(event)
                elif isinstance(event, Notice):
                    _notice(event)
                elif isinstance(event, FileStart):
                    progress.file(event.path if event.path != STDIN else "standard input")
        finally:
            progress.close()
        renderer.finish(tally)
        sys.stdout.flush()
    if tally.errors:
        raise typer.Exit(ExitStatus.ERROR)
    raise typer.Exit(ExitStatus.REFUTED if failed else ExitStatus.SUPPORTED)


def _jobs(jobs: int | None, targets: list[Any]) -> int | None:
    """--jobs as given; by default one worker per core, unless the input is known to be small
    (starting workers costs more than a few pages of text take to check)."""
    if jobs is not None:
        return jobs
    from ..scan.scanner import Target

    sizes = [t.size for t in targets if isinstance(t, Target)]
    if None not in sizes and sum(s or 0 for s in sizes) < PARALLEL_BYTES:
        return 1
    return None


def _stdin_buffer() -> Any:
    stream = sys.stdin
    if stream is None:
        from ..errors import InputError

        raise InputError("standard input is closed")
    return getattr(stream, "buffer", stream)


def _notice(event: Any) -> None:
    """A warning or an error about one path, as one line on stderr; the scan goes on."""
    level = "error" if event.error else "warning"
    from ..render.common import safe

    sys.stderr.write(f"factcheck: {level}: {safe(event.message)}\n")
    sys.stderr.flush()


class _Progress:
    """A Rich progress bar on stderr, only on a terminal and only for long work.

    It appears at once for large input (or many files) and for piped standard input, and for
    anything else once a megabyte has been read; it is transient and never touches stdout.
    """

    def __init__(self, targets: list[Any], color: ColorChoice) -> None:
        from ..scan.scanner import Target

        files = [t for t in targets if isinstance(t, Target)]
        sizes = [t.size for t in files]
        self.total: int | None = None if None in sizes else sum(s or 0 for s in sizes)
        self.color = color
        self.done = 0
        self.enabled = _stderr_is_terminal()
        # Piped input of unknown size gets the bar (bytes read, speed) from the start: a silent
        # pause while a producer upstream writes looks like a hang.
        piped = any(t.fs_path is None for t in files) and not _is_terminal(sys.stdin)
        self.eager = self.enabled and (
            (self.total or 0) >= PROGRESS_BYTES or len(files) >= PROGRESS_FILES or piped
        )
        self._bar: Any = None
        self._task: Any = None
        self._name = ""

    def _start(self) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        console = make_console(self.color, stderr=True)
        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}", markup=False)]
        if self.total is not None:
            columns += [BarColumn(), DownloadColumn(), TimeRemainingColumn()]
        else:
            columns += [DownloadColumn(), TransferSpeedColumn()]
        self._bar = Progress(
            *columns, console=console, transient=True,
            # Output written while the bar shows goes above it, but only when both streams
            # are the same terminal; piped output is never routed through the bar's console.
            redirect_stdout=_is_terminal(sys.stdout), redirect_stderr=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(self._name, total=self.total, completed=self.done)

    def file(self, name: str) -> None:
        from ..render.common import safe

        self._name = safe(name)
        if self._bar is None and self.eager:
            self._start()
        if self._bar is not None:
            self._bar.update(self._task, description=self._name)

    def advance(self, n: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)
        elif self.enabled and (self.eager or self.done >= PROGRESS_BYTES):
            self._start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _broken_pipe() -> None:
    # Rich's own handler exits 1; a closed pipe (| head) is a quiet, successful end here.
    raise BrokenPipeError


class _CurrentStdout:
    """``sys.stdout`` as it is at each write. Rich unwraps its own redirection for a console on
    stdout; writing through this instead lets findings go above the progress bar while it
    shows (when stdout and stderr are both the terminal) instead of through it."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        return _is_terminal(sys.stdout)

    def fileno(self) -> int:
        return sys.stdout.fileno()

    @property
    def encoding(self) -> str:
        return getattr(sys.stdout, "encoding", None) or "utf-8"


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _stderr_is_terminal() -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    return _is_terminal(sys.stderr)
