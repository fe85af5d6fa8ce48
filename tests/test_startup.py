"""Start-up: a run imports and builds only the command it invokes, and the lean app behaves as
the whole one does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.kb import knowledge
from factcheck.cli.app import COMMANDS, invoked, make_app


@pytest.mark.parametrize("args, name", [
    (["check", "x"], "check"), (["--kb", "scan", "check", "x"], "check"), (["--kb=k.json", "scan", "-"], "scan"),
    (["--debug", "kb", "stats"], "kb"), (["eval", "cases.jsonl"], "eval"), (["--help"], None), ([], None),
    (["chek", "x"], None), (["--", "check"], None), (["-V"], None),
])
def test_the_invoked_command_is_found_past_the_global_options(args, name):
    assert invoked(args) == name


@pytest.mark.parametrize("name", COMMANDS)
def test_a_lean_app_gives_the_same_help_and_errors_as_the_whole_one(name):
    env = {"NO_COLOR": "1", "COLUMNS": "100"}
    whole, lean = make_app(), make_app(name)
    for args in ([name, "--help"], [name, "--no-such-option"]):
        a = CliRunner().invoke(whole, args, env=env)
        b = CliRunner().invoke(lean, args, env=env)
        assert (b.exit_code, b.stdout, b.stderr) == (a.exit_code, a.stdout, a.stderr)


def test_a_check_imports_no_other_command_and_no_hashing(tmp_path):
    kb = tmp_path / "kb.json"
    kb.write_bytes(knowledge.shipped_path().read_bytes())
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("FACTCHECK_NO_CACHE", None)
    argv = [sys.executable, "-X", "importtime", "-m", "factcheck", "--kb", str(kb), "check",
            "Magnesium cures hemifacial spasm"]
    subprocess.run(argv, capture_output=True, env=env)  # builds the index cache
    proc = subprocess.run(argv, capture_output=True, env=env, text=True)
    assert proc.returncode == 1
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "factcheck.engine.cache" in modules
    for unwanted in ("factcheck.cli.scan", "factcheck.cli.kb", "factcheck.cli.evaluate",
                     "factcheck.scan.parallel", "multiprocessing", "hashlib"):
        assert unwanted not in modules
