"""The same input gives the same output on every run, whatever Python's string hashing: nothing
in the engine may depend on the order of a set (scan's help promises "Output is the same")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent


def _run(seed: str, statements: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-m", "factcheck", "check", "-", "--format", "jsonl", "--top", "3"],
                         input=statements, capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode in (0, 1, 3), out.stderr
    return out.stdout


def _statements() -> str:
    """The labelled statements, and every excerpt of the shipped knowledge base (sentences of the
    documents: many match no claim, so the nearest claim and its score are compared too)."""
    lines = [json.loads(line)["statement"]
             for name in ("cases.jsonl", "retired-blind.jsonl")
             for line in (TESTS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    kb = json.loads((TESTS.parent / "knowledge.json").read_text(encoding="utf-8"))
    lines += [" ".join(e["excerpt"].split()) for c in kb["claims"] for e in c.get("evidence", ())]
    return "".join(line + "\n" for line in lines)


def test_verdicts_scores_and_runners_up_do_not_depend_on_string_hashing():
    statements = _statements()
    first, second = _run("1", statements), _run("2", statements)
    assert first.count("\n") == statements.count("\n")
    assert first == second
