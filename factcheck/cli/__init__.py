"""The command line: the Typer app (``app``), shared plumbing (``common``, ``usage``) and one
module per command. Nothing below this package imports Typer or prints; the commands import the
library lazily, inside the command, so start-up pays only for the command it runs."""
