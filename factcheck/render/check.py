"""Render check results: a readable report on a terminal, JSON documents and JSON Lines."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import IO, TYPE_CHECKING, Iterable

from .common import RELIABILITY_STYLES, badge_style, label_text, safe, verdict_style

if TYPE_CHECKING:
    from rich.console import Console

    from ..result import CheckResult, Excerpt

RELATED = 3  # nearest claims shown when nothing matches


def write_jsonl(result: CheckResult, *, top: int = 0, explain: bool = False, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(result.to_dict(top=top, explain=explain), ensure_ascii=False) + "\n")
    out.flush()


def write_json(results: list[CheckResult], *, top: int = 0, explain: bool = False,
               out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    doc = {
        "results": [r.to_dict(top=top, explain=explain) for r in results],
        "summary": summary(results),
    }
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    out.flush()


def summary(results: Iterable[CheckResult]) -> dict:
    counts = Counter(r.verdict for r in results)
    return {"statements": sum(counts.values()), "by_verdict": dict(sorted(counts.items()))}


def print_text(console: Console, result: CheckResult, *, explain: bool = False, first: bool = True) -> None:
    """One result as a short report: verdict, claim, confidence, reason, evidence."""
    from rich.text import Text

    if not first:
        console.print()
    head = Text()
    head.append(f" {label_text(result.verdict)} ", style=badge_style(result.verdict))
    head.append("  ")
    head.append(_clip(safe(result.statement)), style="bold")
    console.print(head)

    grid = _Rows(console)

    if result.claim is not None:
        body = Text(safe(result.claim.text))
        body.append(f"  [{result.claim.id}, rated ", style="dim")
        body.append(result.claim.verdict.value, style=verdict_style(result.claim.verdict.value))
        body.append("]", style="dim")
        grid.add_row("claim", body)
        if result.negated:
            grid.add_row("", Text("The statement says the opposite of this claim.", style="italic"))
        grid.add_row("match", Text(f"{result.score:.0f}/100"))
        grid.add_row("why", Text(safe(result.reason)))
        _evidence(grid, "supporting", result.supporting)
        _evidence(grid, "contradicting", result.contradicting)
    else:
        grid.add_row("why", Text(safe(result.reason)))
        related = [c for c in result.candidates if c.score > 0][:RELATED]
        for i, c in enumerate(related):
            line = Text(safe(c.text))
            line.append(f"  [{c.id}, {c.score:.0f}/100]", style="dim")
            grid.add_row("related" if i == 0 else "", line)
    if explain and result.explanation is not None:
        _explanation(grid, result)



class _Rows:
    """Label/value rows with a hanging indent, printed as they are added (no trailing blanks)."""

    INDENT = 17

    def __init__(self, console: Console) -> None:
        self.console = console

    def add_row(self, name, body) -> None:
        from rich.text import Text

        label = name if isinstance(name, Text) else Text(name, style="dim")
        body = body if isinstance(body, Text) else Text(body)
        width = max(self.console.width - self.INDENT, 20)
        for i, line in enumerate(body.wrap(self.console, width, overflow="fold")):
            out = Text("  ")
            if i == 0:
                out.append_text(label)
                out.append(" " * max(1, self.INDENT - 2 - len(label.plain)))
            else:
                out.append(" " * (self.INDENT - 2))
            line.rstrip()
            out.append_text(line)
            self.console.print(out, soft_wrap=True)


def _clip(text: str, limit: int = 2000) -> str:
    return text if len(text) <= limit else text[:limit] + f"\u2026 ({len(text) - limit} more characters)"


def _evidence(grid, title: str, items: tuple[Excerpt, ...]) -> None:
    from rich.text import Text

    if not items:
        grid.add_row(title, Text("none in the knowledge base", style="dim"))
        return
    for i, e in enumerate(items):
        body = Text("\u201c" + safe(e.excerpt) + "\u201d\n")
        src = e.source
        body.append("\u2014 ", style="dim")
        body.append(safe(src.title), style="italic")
        body.append(" \u00b7 " + safe(src.publisher) + " \u00b7 ", style="dim")
        body.append(f"{src.reliability.value} reliability", style=RELIABILITY_STYLES.get(src.reliability.value, ""))
        grid.add_row(title if i == 0 else "", body)


def _explanation(grid, result: CheckResult) -> None:
    from rich.text import Text

    ex = result.explanation
    assert ex is not None
    grid.add_row(Text("explain", style="bold"), Text("how this verdict was reached", style="dim"))

    def row(name: str, value: str) -> None:
        grid.add_row(f"  {name}", Text(safe(value)))

    row("normalised", ex.normalised or "(nothing)")
    row("terms", " ".join(ex.terms) or "(none)")
    row("concepts", ", ".join(f"{t} \u2192 {c}" for t, c in ex.concepts) or "(none)")
    if ex.corrections:
        row("read as", ", ".join(f"{a} \u2192 {b}" for a, b in ex.corrections))
    row("negation", ", ".join(ex.negation_cues) or "(none)")
    row("question", "yes" if ex.question else "no")
    if result.claim is not None:
        row("matched", f"{result.claim.id} ({result.score:.0f})" + (", denied" if result.negated else ""))
    for c in ex.runners_up:
        row("runner-up", f"{c.id} ({c.score:.0f})")
    for n in ex.notes:
        row("note", n)


def print_summary(console: Console, results: list[CheckResult]) -> None:
    """A closing line when several statements were checked."""
    from rich.text import Text

    counts = Counter(r.verdict for r in results)
    line = Text(f"\n{len(results)} statements: ", style="dim")
    for i, (label, n) in enumerate(sorted(counts.items(), key=lambda kv: -kv[1])):
        if i:
            line.append(", ", style="dim")
        line.append(f"{n} {label}", style=verdict_style(label))
    console.print(line)
