"""Every command and sub-command has useful help (sqlite-utils' test_docs.py).

The command tree is walked from the app itself, so a command added later is checked too.
"""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from factcheck.cli.app import app

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "FACTCHECK_KB": None}


def _walk(command, path: tuple[str, ...] = ()):
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not sub.hidden:
            yield from _walk(sub, path + (name,))


COMMANDS = list(_walk(typer.main.get_command(app)))
IDS = [" ".join(path) or "factcheck" for path, _ in COMMANDS]


def test_the_tree_holds_the_known_commands():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"", "check", "scan", "eval", "kb", "kb validate"} <= names


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_is_printed_and_exits_0(path, command, flag):
    r = CliRunner().invoke(app, [*path, flag], env=ENV)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    assert r.stdout.startswith(f"Usage: {' '.join(('factcheck',) + path)} ")
    assert "-h, --help" in r.stdout


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_help_says_what_the_command_does(path, command):
    text = (command.help or "").strip()
    summary = " ".join(text.split("\n\n")[0].split())
    assert len(summary) >= 30, f"help text too short: {text!r}"
    assert summary[0].isupper() and summary[-1] in ".:", summary  # a sentence, not a fragment
    r = CliRunner().invoke(app, [*path, "--help"], env=ENV)
    assert " ".join(summary.split()[:4]) in " ".join(r.stdout.split())


@pytest.mark.parametrize("path, command", COMMANDS, ids=IDS)
def test_every_option_and_argument_is_explained(path, command):
    for param in command.params:
        if param.name in ("help",):
            continue
        help_text = (getattr(param, "help", None) or "").strip()
        assert len(help_text) >= 10, f"{' '.join(path)}: {param.name} has no help"


def test_group_help_lists_the_commands_with_a_summary():
    r = CliRunner().invoke(app, ["--help"], env=ENV)
    for _, command in COMMANDS[1:]:
        if len(_) == 1:
            assert f"  {command.name} " in r.stdout
    assert "Exit status:" in r.stdout


def test_no_arguments_shows_help_as_a_usage_error():
    r = CliRunner().invoke(app, [], env=ENV)
    assert r.exit_code == 2
    assert "Usage: factcheck" in r.stdout + r.stderr
    assert "check" in r.stdout + r.stderr


def test_an_unknown_command_is_a_usage_error_with_a_suggestion():
    r = CliRunner().invoke(app, ["chek", "x"], env=ENV)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "No such command 'chek'" in r.stderr and "check" in r.stderr
