"""Click classes for the app: usage lines that say what is required, and a hint for global options.

Typer 0.28 writes a required argument as ``{ID}`` and cannot say that an argument the command
checks itself (``check``'s statements) is needed; here each argument's usage is its metavar as
written (``STATEMENT...``, ``ID``, ``[PATH]...``). And an option of the app itself (``--kb``)
given after the command gets a hint saying where it goes.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import typer.core
from typer.core import TyperCommand, TyperGroup

# The Click that Typer itself uses: its own copy (typer._click) in recent versions, Click before.
_CLICK = (getattr(typer.core, "_click", None) or getattr(typer.core, "click")).__name__  # noqa: B009 (typer < 0.17 only)
NoSuchOption: Any = import_module(f"{_CLICK}.exceptions").NoSuchOption

#: The app's own options: they go before the command name.
GLOBAL_OPTIONS = ("--kb", "--debug", "--version", "-V")


class Command(TyperCommand):
    """A command whose usage line shows each argument's metavar exactly as declared."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(param.metavar or (param.name or "").upper())
        return pieces


class Group(TyperGroup):
    """The app's group: a global option placed after the command gets a hint, not just an error."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoSuchOption as exc:
            if exc.option_name in GLOBAL_OPTIONS and ctx.parent is None:
                path = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
                command = path.split(" ", 1)[1] if " " in path else "COMMAND"
                value = " PATH" if exc.option_name == "--kb" else ""
                exc.message += (f" ({exc.option_name} is an option of factcheck itself and goes "
                                f"before the command: factcheck {exc.option_name}{value} {command} ...)")
            raise
