"""The README and docs/ are assemblies of their sections, and every example in them is true.

`docs/build_readme.py` runs each ``console`` example and writes the output under it; here the
pages are assembled again, examples run again, and compared with the files: a change of output
that the docs do not show fails. Python examples are run too.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _build():
    spec = importlib.util.spec_from_file_location("build_readme", ROOT / "docs" / "build_readme.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _build()


@pytest.mark.parametrize("page", sorted(BUILD.PAGES))
def test_page_is_its_sections_with_fresh_example_output(page):
    assert (ROOT / page).read_text(encoding="utf-8") == BUILD.assemble(page), (
        f"{page} is out of date: run `python docs/build_readme.py` and read the diff"
    )


def test_readme_is_short_and_points_to_the_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 250
    for page in BUILD.PAGES:
        if page != "README.md":
            assert f"({page})" in readme, f"the README does not link {page}"


def test_readme_quick_start_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install . && factcheck check "Magnesium cures hemifacial spasm"' in readme
    assert "pip install '.[test]' && python -m pytest" in readme
    # .ci/run runs the README's test command exactly
    assert "pip install '.[test]' && python -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_every_example_is_run():
    """A console block is only examples (``$ factcheck ...`` lines and their output)."""
    for page in BUILD.PAGES:
        text = BUILD.assemble(page, run=False)
        for indent, block in re.findall(r"^( *)```console\n(.*?)^\1```\n", text, re.S | re.M):
            assert block.lstrip().startswith("$ "), (page, block[:80])


def test_examples_show_real_output():
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    # the scan example that went stale: what the document's sentences get today
    assert re.search(r"^post\.md:3:1 +FALSE +A friend told me that magnesium cures", guide, re.M)
    assert '"nearest_score": ' in (ROOT / "README.md").read_text(encoding="utf-8")


def test_relative_links_resolve():
    for page in BUILD.PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", text):
            assert ((ROOT / page).parent / target).exists(), f"{page}: broken link {target}"


def test_python_examples_run(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "docs" / "examples", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_KB", raising=False)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    ran = 0
    for page in BUILD.PAGES:
        for code in re.findall(r"^```python\n(.*?)^```\n", (ROOT / page).read_text(encoding="utf-8"), re.S | re.M):
            exec(compile(code, f"{page} example", "exec"), {})
            ran += 1
    assert ran >= 2
    out = capsys.readouterr().out
    assert "false magnesium-cures-hfs 100.0" in out and "accuracy 75%, 1 flip" in out
