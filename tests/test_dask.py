"""The README's Dask recipe, run as written on a LocalCluster: the same findings as the CLI.

dask[distributed] is in the ``test`` extra, so CI runs this; without it installed the test is
skipped rather than failed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "scan"
KB = str(DATA / "kb.json")


def recipe() -> str:
    text = (ROOT / "docs" / "readme" / "scan.md").read_text(encoding="utf-8")
    section = text[text.index("### On several cores, and beyond one machine"):]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    return code


def test_the_dask_recipe_finds_what_the_cli_finds(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for name in ("blog.txt", "guide.md"):
        shutil.copy(DATA / name, folder / name)
    shutil.copy(DATA / "wrapped.txt", folder / "sub" / "wrapped.txt")
    (folder / "sub" / "notes.md").write_text("Nothing to see here, really nothing at all.\n")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))  # the workers inherit it
    monkeypatch.chdir(tmp_path)

    namespace = {"__name__": "__main__"}
    exec(compile(recipe(), "README recipe", "exec"), namespace)  # noqa: S102 - our own docs
    got = namespace["scan_folder"]("corpus", kb=KB, workers=2)

    cli = subprocess.run([sys.executable, "-m", "factcheck", "--kb", KB, "scan", "--format", "jsonl",
                          "corpus"], capture_output=True, text=True)
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    assert cli.returncode == 1 and len(expected) >= 8
    assert got == expected
