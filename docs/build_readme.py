"""Assemble README.md from the sections in docs/readme/ (``python docs/build_readme.py``).

Each section has one owner and one file; `benchmarks/report.py` rewrites the Performance section
from measured results. `tests/test_docs.py` fails when README.md is not the assembly of them.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ["top", "check", "scan", "matching", "verdict-policy", "kb-tools", "claimreview", "errors",
            "labelled-set", "holdout", "performance", "development"]
CONTENTS = """
## Contents

- [Quick start](#quick-start)
- [Checking statements: `factcheck check`](#checking-statements-factcheck-check)
- [Scanning documents: `factcheck scan`](#scanning-documents-factcheck-scan)
- [How a statement is matched](#how-a-statement-is-matched)
- [How verdicts are decided](#how-verdicts-are-decided)
- [The knowledge base](#the-knowledge-base) and [curator tools](#curator-tools)
- [ClaimReview: importing and publishing fact-checks](#claimreview-importing-and-publishing-fact-checks)
- [Exit status and errors](#exit-status-and-errors)
- [The labelled set](#the-labelled-set) and [the held-out set](#the-held-out-set)
- [Performance](#performance)
- [Development](#development)
"""


def assemble() -> str:
    parts = [(ROOT / "docs" / "readme" / f"{name}.md").read_text(encoding="utf-8").strip() + "\n"
             for name in SECTIONS]
    parts[0] = parts[0].replace("\n## Quick start", CONTENTS + "\n## Quick start", 1)
    return "\n".join(parts)


if __name__ == "__main__":
    (ROOT / "README.md").write_text(assemble(), encoding="utf-8")
    print("README.md assembled from", len(SECTIONS), "sections in docs/readme/")
