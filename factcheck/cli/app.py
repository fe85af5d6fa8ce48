"""The command line: a thin Typer layer over the library.

Each command lives in its own module under ``factcheck.cli``; this file wires them into one
app with the global options (``--kb``, ``--debug``, ``--version``).
"""

# (no 'from __future__ import annotations': Typer reads a command's annotations, and strings it
# must compile and evaluate, twice each, at every start-up)

import sys

import typer

from .. import __version__
from .common import Settings, _env_debug, setup_streams

#: The commands, in the order help lists them. Only the one invoked is imported and built into
#: the app a run uses (see make_app): each command module and the Typer tree it builds cost
#: start-up time that a one-line check should not pay.
COMMANDS = ("check", "eval", "kb", "scan", "help")


def _new_app(completion: bool = True) -> typer.Typer:
    from .usage import Group

    return typer.Typer(
        name="factcheck",
        cls=Group,
        help=(
            "Check statements against a curated knowledge base, offline: a verdict with the source "
            "excerpts that support it and those that contradict it.\n\n"
            "Not medical advice: a verdict says what the knowledge base's sources say, weighed by "
            "their reliability."
        ),
        epilog=(
            "Exit status: 0 every statement supported; 1 at least one false or mostly-false; "
            "3 otherwise (mixed, unproven, no-match); 2 error; 130 interrupted. "
            "More: factcheck help exit-status, factcheck help verdict-policy."
        ),
        no_args_is_help=True,
        add_completion=completion,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


def _main(
    ctx: typer.Context,
    kb: str | None = typer.Option(
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


def make_app(only: str | None = None, *, completion: bool = True) -> typer.Typer:
    """The command-line app: every command, or only ``only`` (one of COMMANDS); without the
    app's ``--install-completion`` and ``--show-completion`` options when ``completion`` is
    False (a command line that does not use them: Typer spends a millisecond making them)."""
    app = _new_app(completion)
    app.callback()(_main)
    from .usage import Command

    for name in COMMANDS:
        if only is not None and name != only:
            continue
        if name == "check":
            from . import check as check_cmd

            app.command("check", no_args_is_help=False, cls=Command)(check_cmd.check)
        elif name == "eval":
            from . import evaluate as eval_cmd

            app.command("eval", cls=Command)(eval_cmd.evaluate)
        elif name == "kb":
            from . import kb as kb_cmd

            app.add_typer(kb_cmd.kb_app, name="kb")
        elif name == "scan":
            from . import scan as scan_cmd

            app.command("scan", cls=Command)(scan_cmd.scan)
        else:
            from . import help as help_cmd

            app.command("help", cls=Command)(help_cmd.help_command)
    return app


def invoked(args: list[str]) -> str | None:
    """The command named on a command line, when it is one of COMMANDS (else None: usage
    errors, help and the version are then given by the whole app)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == "--":
            return None
        if arg == "--kb":
            skip = True
            continue
        if arg.startswith("-"):
            continue
        # ("help" lists and explains the other commands: it needs the whole app)
        return arg if arg in COMMANDS and arg != "help" else None
    return None


def plain(args: list[str]) -> bool:
    """Whether the options before the command are only ones every run of a command takes
    (``--kb PATH``, ``--kb=PATH``, ``--debug``): then the app's completion options, its help
    and its version cannot be what the command line asks for."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--kb":
            skip = True
        elif arg == "--debug" or arg.startswith("--kb="):
            continue
        else:
            return not arg.startswith("-")  # (the command itself: invoked() found it)
    return False


def __getattr__(name: str) -> typer.Typer:
    # ``factcheck.cli.app.app``: the whole app, built on first use (tests and embedding callers).
    if name == "app":
        app = make_app()
        globals()["app"] = app
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Run the app; what no command's guard() caught still ends with its documented status."""
    try:
        import os

        setup_streams()  # before anything is written: help and usage errors too
        completing = any(k.startswith("_FACTCHECK_COMPLETE") for k in os.environ)
        args = sys.argv[1:]
        only = None if completing else invoked(args)
        make_app(only, completion=only is None or not plain(args))(prog_name="factcheck")
    except KeyboardInterrupt:  # raised outside a command (while parsing, say)
        sys.stderr.write("\n")
        sys.exit(130)
    except BrokenPipeError:  # help or usage text written to a closed pipe
        from .common import quiet_broken_pipe

        quiet_broken_pipe()
        sys.exit(0)
