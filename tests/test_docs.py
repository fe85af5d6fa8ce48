"""The README is the assembly of its sections, so what the benchmarks and owners write shows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_is_assembled_from_its_sections() -> None:
    spec = importlib.util.spec_from_file_location("build_readme", ROOT / "docs" / "build_readme.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "README.md").read_text(encoding="utf-8") == module.assemble(), (
        "README.md is out of date: run `python docs/build_readme.py`"
    )


def test_readme_quick_start_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install . && factcheck check "Magnesium cures hemifacial spasm"' in readme
    assert "pip install '.[test]' && python -m pytest" in readme
    # .ci/run runs the README's test command exactly
    assert "pip install '.[test]' && python -m pytest" in (ROOT / ".ci" / "run").read_text()
