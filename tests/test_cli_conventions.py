"""What people expect of a command-line tool: completion, `help TOPIC`, usage lines, hints."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app
from factcheck.cli.help import TOPICS, topic_text
from factcheck.result import ExitStatus

ROOT = Path(__file__).resolve().parent.parent
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "FACTCHECK_KB": None}


def run(*args: str, env: dict | None = None, **kw):
    return CliRunner().invoke(app, list(args), env={**ENV, **(env or {})}, **kw)


# --------------------------------------------------------------------------- shell completion

SHELLS = {  # shell -> what its script must hand to factcheck to get completions
    "bash": "_FACTCHECK_COMPLETE=complete_bash",
    "zsh": "_FACTCHECK_COMPLETE=complete_zsh",
    "fish": "_FACTCHECK_COMPLETE=complete_fish",
}


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_completion_script_is_generated_for_each_shell(shell, monkeypatch):
    # Typer detects the running shell; this switch makes --show-completion take one instead.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    r = run("--show-completion", shell)
    assert r.exit_code == 0, r.output
    assert SHELLS[shell] in r.stdout
    assert "factcheck" in r.stdout


def _complete(shell: str, words: str, **extra: str) -> list[str]:
    """Ask factcheck for completions the way the shell's script does."""
    env = {**os.environ, "_FACTCHECK_COMPLETE": f"complete_{shell}", **extra}
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    else:
        env.update(_TYPER_COMPLETE_ARGS=words)
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    out = subprocess.run([sys.executable, "-m", "factcheck"], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_completion_answers_commands_options_and_choices(shell):
    assert any("scan" in w for w in _complete(shell, "factcheck sc"))
    assert any("--fail-on" in w for w in _complete(shell, "factcheck scan --fa"))
    formats = " ".join(_complete(shell, "factcheck scan --format "))
    assert all(f in formats for f in ("text", "json", "jsonl", "github", "sarif"))


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_script_completes_in_a_real_bash(tmp_path, monkeypatch):
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    script = run("--show-completion", "bash").stdout
    (tmp_path / "factcheck").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcheck "$@"\n')
    (tmp_path / "factcheck").chmod(0o755)
    (tmp_path / "completion.bash").write_text(script)
    program = ('source completion.bash; COMP_WORDS=(factcheck kb va); COMP_CWORD=2; '
               '_factcheck_completion factcheck; printf "%s\\n" "${COMPREPLY[@]}"')
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    out = subprocess.run(["bash", "-c", program], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.split() == ["validate"], out.stderr


# --------------------------------------------------------------------------- factcheck help

@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_help_topic_prints_the_file_the_docs_include(topic):
    r = run("help", topic)
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout == topic_text(topic).rstrip("\n") + "\n"
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    assert topic_text(topic).strip() in docs, f"docs/ do not include the {topic} topic"


def test_help_lists_topics_and_commands():
    r = run("help")
    assert r.exit_code == 0
    for topic in TOPICS:
        assert f"  {topic} " in r.stdout
    assert "check, eval, scan, kb" in r.stdout


def test_help_command_is_the_command_help():
    assert run("help", "scan").stdout == run("scan", "--help").stdout


def test_help_unknown_topic_is_an_error_listing_the_topics():
    r = run("help", "verdict")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("factcheck: error: no help topic or command 'verdict' (one of: verdicts, ")


def test_every_exit_status_is_in_the_topic_and_check_help():
    text = topic_text("exit-status")
    check_help = run("check", "--help").stdout
    for status in ExitStatus:
        assert f"**{int(status)}**" in text
        assert re.search(rf"^    {int(status)} +\S", check_help, re.M), status


# --------------------------------------------------------------------------- usage and hints

@pytest.mark.parametrize("command, usage", [
    (["check"], "factcheck check [OPTIONS] STATEMENT..."),
    (["scan"], "factcheck scan [OPTIONS] [PATH]..."),
    (["eval"], "factcheck eval [OPTIONS] CASES.jsonl"),
    (["kb", "show"], "factcheck kb show [OPTIONS] ID"),
    (["kb", "import"], "factcheck kb import [OPTIONS] FILE..."),
    (["kb", "validate"], "factcheck kb validate [OPTIONS] [PATH]"),
    (["help"], "factcheck help [OPTIONS] [TOPIC]"),
])
def test_usage_lines_say_what_is_required_and_repeatable(command, usage):
    assert run(*command, "--help").stdout.splitlines()[0] == f"Usage: {usage}"


@pytest.mark.parametrize("args, where", [
    (["check", "--kb", "x.json", "Magnesium cures HFS"], "factcheck --kb PATH check ..."),
    (["scan", "--kb", "x.json", "post.md"], "factcheck --kb PATH scan ..."),
    (["kb", "list", "--kb", "x.json"], "factcheck --kb PATH kb list ..."),
    (["check", "--debug", "x"], "factcheck --debug check ..."),
])
def test_a_global_option_after_the_command_gets_a_hint(args, where):
    r = run(*args)
    assert r.exit_code == 2
    assert "No such option" in r.stderr  # (Click words the rest differently across versions)
    assert "goes before the command: " + where in r.stderr


def test_an_unknown_option_gets_no_global_hint():
    r = run("check", "--kbb", "x", "y")
    assert r.exit_code == 2 and "goes before the command" not in r.stderr


def test_scan_explain_has_the_short_option_of_check():
    long = run("scan", "--explain", "-", input="Magnesium cures hemifacial spasm.\n")
    short = run("scan", "-e", "-", input="Magnesium cures hemifacial spasm.\n")
    assert short.exit_code == long.exit_code == 1
    assert short.stdout == long.stdout and "    " in short.stdout


@pytest.mark.parametrize("command", ["check", "scan"])
def test_top_is_bounded_the_same_way(command):
    assert run(command, "--top", "100", "-", input="Botox treats HFS\n").exit_code in (0, 1, 3)
    r = run(command, "--top", "101", "-", input="Botox treats HFS\n")
    assert r.exit_code == 2 and "0<=x<=100" in r.stderr


@pytest.mark.parametrize("command", [["check"], ["scan"], []])
def test_help_fits_a_60_column_terminal(command):
    # (a subprocess: the help formatter reads the terminal width from the real environment)
    out = subprocess.run([sys.executable, "-m", "factcheck", *command, "--help"], capture_output=True,
                         text=True, env={**os.environ, "COLUMNS": "60"}, timeout=60).stdout
    assert "Usage: factcheck" in out
    assert max(len(line) for line in out.splitlines()) <= 60, command


# --------------------------------------------------------------------------- no silent waits

def test_a_slow_knowledge_base_load_says_what_is_happening(monkeypatch):
    import threading

    from factcheck.cli import common as commands
    from factcheck.engine.checker import FactChecker

    said = threading.Event()
    real_info, real_load = commands._info, FactChecker.load
    monkeypatch.setattr(commands, "SLOW_LOAD_NOTICE", 0.0)
    monkeypatch.setattr(commands, "_info", lambda m: (real_info(m), said.set()))

    def slow_load(path=None, **kw):  # a load that outlasts the notice delay, however fast
        assert said.wait(30)
        return real_load(path, **kw)

    monkeypatch.setattr(FactChecker, "load", staticmethod(slow_load))
    r = run("check", "Botox treats HFS")
    assert r.exit_code == 0
    assert r.stderr.startswith("factcheck: loading and indexing the knowledge base; a large one")


def test_a_fast_load_says_nothing():
    r = run("check", "Botox treats HFS")
    assert r.exit_code == 0 and r.stderr == ""


def test_piped_stdin_gets_the_progress_bar_from_the_start(monkeypatch):
    import io

    from factcheck.cli import scan as scan_cmd
    from factcheck.scan.scanner import Target

    monkeypatch.setattr(scan_cmd, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("piped"))
    assert scan_cmd._Progress([Target("<stdin>", None)], scan_cmd.ColorChoice.never).eager
    small_file = Target("a.md", "a.md", size=10)
    assert not scan_cmd._Progress([small_file], scan_cmd.ColorChoice.never).eager


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_check_dash_on_a_terminal_prompts_for_statements():
    import select

    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "-"], stdin=slave,
                            stderr=slave, stdout=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    os.close(slave)
    seen = b""
    while b"Ctrl-D" not in seen and select.select([master], [], [], 30)[0]:
        seen += os.read(master, 1024)
    os.write(master, b"Botox treats HFS\n\x04")
    out, _ = proc.communicate(timeout=60)
    os.close(master)
    assert b"factcheck: type statements, one a line; Ctrl-D" in seen
    assert proc.returncode == 0 and out.startswith(b" TRUE ")


def test_check_dash_with_piped_input_does_not_prompt():
    r = run("check", "-", input="Botox treats HFS\n")
    assert r.exit_code == 0 and r.stderr == ""
