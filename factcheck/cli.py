"""The command line: a thin Typer layer over the library.

Each command lives in its own module under ``factcheck.commands``; this file wires them into one
app with the global options (``--kb``, ``--debug``, ``--version``).
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from . import __version__
from .commands import Settings, _env_debug, setup_streams
from .commands import check as check_cmd
from .commands import evaluate as eval_cmd
from .commands import kb as kb_cmd
from .commands import scan as scan_cmd

app = typer.Typer(
    name="factcheck",
    help=(
        "Check statements against a curated knowledge base, offline: a verdict with the source "
        "excerpts that support it and those that contradict it.\n\n"
        "Not medical advice: a verdict says what the knowledge base's sources say, weighed by "
        "their reliability."
    ),
    epilog=(
        "Exit status: 0 every statement supported; 1 at least one false or mostly-false; "
        "3 otherwise (mixed, unproven, no-match); 2 error; 130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    kb: Optional[str] = typer.Option(
        None, "--kb", metavar="PATH",
        help="Knowledge base to use (default: $FACTCHECK_KB, else the shipped knowledge.json).",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show a traceback on errors (also FACTCHECK_DEBUG=1).",
    ),
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.",
    ),
) -> None:
    setup_streams()
    ctx.obj = Settings(kb=kb, debug=debug or _env_debug())


app.command("check", no_args_is_help=False)(check_cmd.check)
app.command("eval")(eval_cmd.evaluate)
app.add_typer(kb_cmd.kb_app, name="kb")
app.command("scan")(scan_cmd.scan)


def main() -> None:
    """Run the app; what no command's guard() caught still ends with its documented status."""
    try:
        app(prog_name="factcheck")
    except KeyboardInterrupt:  # raised outside a command (while parsing, say)
        sys.stderr.write("\n")
        sys.exit(130)
    except BrokenPipeError:  # help or usage text written to a closed pipe
        from .commands import quiet_broken_pipe

        quiet_broken_pipe()
        sys.exit(0)
