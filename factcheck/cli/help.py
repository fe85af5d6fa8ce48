"""`factcheck help [TOPIC]`: the verdict policy, the verdicts and exit codes, or a command's help.

The topics are Markdown files shipped in the package (``factcheck/topics/``); the documentation
in ``docs/`` includes the very same files, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

import typer

from .common import fail

#: topic name -> one line saying what it covers
TOPICS = {
    "verdicts": "the seven verdict labels, negation, and what score and nearest_score mean",
    "verdict-policy": "how the knowledge base's verdicts were decided: sources, reliability, rules",
    "exit-status": "the exit status of every command, and what an error looks like",
}


def topic_text(name: str) -> str:
    """The Markdown text of a help topic."""
    from importlib.resources import files

    return files("factcheck").joinpath("topics").joinpath(f"{name}.md").read_text(encoding="utf-8")


def help_command(
    ctx: typer.Context,
    topic: str | None = typer.Argument(
        None, metavar="[TOPIC]", show_default=False,
        help="A topic (verdicts, verdict-policy, exit-status) or a command (check, scan, ...).",
    ),
) -> None:
    """Show a help topic, or a command's help; with no TOPIC, list the topics.

    \b
    Examples:
      factcheck help verdict-policy
      factcheck help exit-status
      factcheck help scan
    """
    root = ctx.find_root()
    group: Any = root.command  # (a click Group: list_commands, get_command)
    if topic is None:
        width = max(len(t) for t in TOPICS)
        typer.echo("Topics (factcheck help TOPIC):")
        for name, what in TOPICS.items():
            typer.echo(f"  {name.ljust(width)}  {what}")
        typer.echo("\nCommands (factcheck help COMMAND, or factcheck COMMAND --help):")
        typer.echo("  " + ", ".join(n for n in group.list_commands(root) if n != "help"))
        return
    if topic in TOPICS:
        typer.echo(topic_text(topic).rstrip("\n"))
        return
    command = group.get_command(root, topic)
    if command is not None:
        with command.make_context(topic, ["--help"], parent=root, resilient_parsing=True) as sub:
            typer.echo(sub.get_help())
        return
    names = ", ".join(list(TOPICS) + [n for n in group.list_commands(root) if n != "help"])
    fail(f"no help topic or command '{topic}' (one of: {names})")
