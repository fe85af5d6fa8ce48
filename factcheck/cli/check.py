"""`factcheck check`: rate statements given as arguments or read from stdin."""

# (no 'from __future__ import annotations': Typer reads a command's annotations, and strings it
# must compile and evaluate, twice each, at every start-up)

import sys
from collections.abc import Iterator

import typer

from .common import ColorChoice, OutputFormat, fail, guard, load_checker, make_console, warn


def check(
    ctx: typer.Context,
    statements: list[str] | None = typer.Argument(
        None, metavar="STATEMENT...",
        help="Statements to check. '-' reads one statement per line from stdin (blank lines skipped).",
        show_default=False,
    ),
    output: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", case_sensitive=False,
        help="text for people; jsonl (one object per statement, streamed) or json (one document) for scripts.",
    ),
    top: int = typer.Option(
        0, "--top", "-k", min=0, max=100, metavar="K",
        help="Also list the K best-matching claims ('candidates'), even when nothing matches.",
    ),
    explain: bool = typer.Option(
        False, "--explain", "-e",
        help="Show how the verdict was reached: normalised text, concepts, negation, runners-up.",
    ),
    color: ColorChoice = typer.Option(
        ColorChoice.auto, "--color", case_sensitive=False,
        help="Colour the text output: auto (only on a terminal; honours NO_COLOR and FORCE_COLOR), always, never.",
    ),
) -> None:
    """Check statements against the knowledge base.

    Prints a verdict for each statement (true, mostly-true, mixed, unproven, mostly-false,
    false, or no-match when the knowledge base does not cover it) with the claim it matched,
    the match confidence, the reason, and the source excerpts that support and contradict it.

    \b
    Examples:
      factcheck check "Magnesium cures hemifacial spasm"
      factcheck check "Botox treats HFS" "Does zinc cure HFS?"
      cat statements.txt | factcheck check --format jsonl -
      factcheck check --explain "magnesium does not cure HFS"

    \b
    Exit status (factcheck help exit-status):
      0    every statement supported (true or mostly-true)
      1    at least one false or mostly-false
      3    none false; some mixed, unproven or no-match
      2    error (usage, input or knowledge base)
      130  interrupted
    """
    from ..result import exit_status

    with guard(ctx):
        items = _statements(statements or [])
        checker = load_checker(ctx)
        from ..render import check as render

        console = make_console(color) if output is OutputFormat.text else None
        verdicts: list[str] = []
        collected = []  # json only: one document at the end
        for result in checker.check_many(items, top=top, explain=explain):
            verdicts.append(result.verdict)
            if output is OutputFormat.jsonl:
                render.write_jsonl(result, top=top, explain=explain)
            elif output is OutputFormat.json:
                collected.append(result)
            else:
                assert console is not None  # (made above for text output)
                render.print_text(console, result, explain=explain, first=len(verdicts) == 1)
        if not verdicts:
            fail("no statements on stdin (blank lines are skipped)")
        if output is OutputFormat.json:
            render.write_json(collected, top=top, explain=explain)
        elif console is not None and len(verdicts) > 1:  # (text output)
            render.print_summary(console, verdicts)
        sys.stdout.flush()
    raise typer.Exit(int(exit_status(verdicts)))


def _statements(args: list[str]) -> Iterator[str]:
    """Arguments in order, with '-' replaced by stdin's non-blank lines; lazily, for streaming."""
    if not args:
        fail("no statement given: pass one or more statements, or '-' to read them from stdin", 2)
    for i, a in enumerate(args):
        if a != "-" and not a.strip():
            fail(f"statement {i + 1} is empty", 2)
    if args.count("-") > 1:
        fail("'-' (stdin) can be given only once", 2)

    def generate() -> Iterator[str]:
        for a in args:
            if a == "-":
                yield from _stdin_lines()
            else:
                yield a

    return generate()


def _stdin_lines() -> Iterator[str]:
    """Non-blank stdin lines, decoded as UTF-8 with replacement (and one warning) if invalid."""
    stream = getattr(sys.stdin, "buffer", None)
    if sys.stdin is None or sys.stdin.closed:
        fail("stdin is closed: nothing to read for '-'")
    warned = False
    if _is_terminal(sys.stdin) and _is_terminal(sys.stderr):  # typed by hand: say what to do
        sys.stderr.write("factcheck: type statements, one a line; Ctrl-D (Ctrl-Z, Enter on "
                         "Windows) to finish\n")
        sys.stderr.flush()
    if stream is None:  # a text stream without bytes underneath (some test harnesses)
        for line in sys.stdin:
            if line.strip():
                yield line.rstrip("\r\n")
        return
    for raw in stream:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
            if not warned:
                warn("stdin is not valid UTF-8; undecodable bytes were replaced with \ufffd")
                warned = True
        line = line.rstrip("\r\n")  # the rest is kept as it is: JSON output quotes it exactly
        if line.strip():
            yield line


def _is_terminal(stream) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
