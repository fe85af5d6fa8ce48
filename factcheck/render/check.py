"""Render check results: a readable report on a terminal, JSON documents and JSON Lines."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from .common import RELIABILITY_STYLES, JsonWriter, badge_style, json_safe, label_text, safe, verdict_style

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ..result import CheckResult, Excerpt

RELATED = 3  # nearest claims shown when nothing matches
CLIP = 500  # characters of a statement shown in the text output (JSON keeps all of it)
NARROW = 20  # below this many columns beside the labels, the report stacks label over text


def write_jsonl(result: CheckResult, *, top: int = 0, explain: bool = False, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    out.write(json_safe(json.dumps(result.to_dict(top=top, explain=explain), ensure_ascii=False)) + "\n")
    out.flush()


def write_json(results: list[CheckResult], *, top: int = 0, explain: bool = False,
               out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    doc = {
        "results": [r.to_dict(top=top, explain=explain) for r in results],
        "summary": summary(results),
    }
    # json.dump writes piece by piece: a reader that goes away (| head) raises BrokenPipeError
    # here, where a single large write could be cut short without any error.
    json.dump(doc, JsonWriter(out), ensure_ascii=False, indent=2)
    out.write("\n")
    out.flush()


def summary(results: Iterable[CheckResult]) -> dict:
    counts = Counter(r.verdict for r in results)
    return {"statements": sum(counts.values()), "by_verdict": dict(sorted(counts.items()))}


def print_text(console: Console, result: CheckResult, *, explain: bool = False, first: bool = True) -> None:
    """One result as a short report: verdict, claim, confidence, reason, evidence."""
    from rich.text import Text

    if not first:
        console.print()
    badge = Text(f" {label_text(result.verdict)} ", style=badge_style(result.verdict))
    _hanging(console, badge, Text(safe(result.statement, CLIP), style="bold"))

    grid = _Rows(console)

    if result.clause is not None:
        # A long statement was read clause by clause: the one that decided, and how it was read.
        c = result.clause
        how = {"assert": "asserted", "deny": "denied", "ask": "asked"}.get(c.mood, c.mood)
        said = "\u201c" + safe(c.text) + "\u201d" + (f" ({how} by \u201c{safe(c.frame)}\u201d)" if c.frame else "")
        grid.add_row("clause", Text("; ".join([said, *(safe(n) for n in c.notes)])))
    for p in result.parts:
        what = p.clause.text if p.clause is not None else p.statement
        grid.add_row("part", Text(f"{safe(what)}: {p.verdict}" + (f" ({safe(p.claim.id)})" if p.claim else "")))

    if result.claim is not None:
        tag = Text(f"[{safe(result.claim.id)}, rated ", style="dim")
        tag.append(result.claim.verdict.value, style=verdict_style(result.claim.verdict.value))
        tag.append("]", style="dim")
        grid.add_row("claim", Text(safe(result.claim.text)), tag=tag)
        if result.negated:
            grid.add_row("", Text("The statement says the opposite of this claim.", style="italic"))
        grid.add_row("match", Text(f"{result.score:.0f}/100"))
        grid.add_row("why", Text(safe(result.reason)))
        _evidence(grid, "supporting", result.supporting)
        _evidence(grid, "contradicting", result.contradicting)
    else:
        grid.add_row("why", Text(safe(result.reason)))
        if result.nearest_score is not None and result.nearest_score > 0:
            # Not a confidence: how close the nearest claim came before a gate turned it away.
            grid.add_row("nearest score", Text(f"{result.nearest_score:.0f}/100 (not a match)"))
        related = [c for c in result.candidates if c.score > 0][:RELATED]
        for i, cand in enumerate(related):
            tag = Text(f"[{safe(cand.id)}]", style="dim")
            grid.add_row("related" if i == 0 else "", Text(safe(cand.text)), tag=tag)
    if explain and result.explanation is not None:
        _explanation(grid, result)


def _hanging(console: Console, badge: Text, body: Text) -> None:
    """The verdict badge, then the statement wrapped under itself (not under the badge)."""
    from rich.text import Text

    indent = len(badge.plain) + 2
    if console.width - indent < NARROW:  # a narrow terminal: the badge on a line of its own
        console.print(badge, soft_wrap=True)
        for line in body.wrap(console, max(console.width - 1, 1), overflow="fold"):
            line.rstrip()
            console.print(Text(" ").append_text(line), soft_wrap=True)
        return
    width = console.width - indent
    for i, line in enumerate(body.wrap(console, width, overflow="fold")):
        out = Text()
        if i == 0:
            out.append_text(badge)
            out.append("  ")
        else:
            out.append(" " * indent)
        line.rstrip()
        out.append_text(line)
        console.print(out, soft_wrap=True)


class _Rows:
    """Label/value rows with a hanging indent, printed as they are added (no trailing blanks)."""

    INDENT = 17

    def __init__(self, console: Console) -> None:
        self.console = console

    def add_row(self, name: str | Text, body: str | Text, *, tag: Text | None = None) -> None:
        """Print one row; ``tag`` (an id, a score) follows the body on its last line if it fits
        there whole, else on a line of its own, so that it is never broken in two."""
        from rich.text import Text

        label = name if isinstance(name, Text) else Text(name, style="dim")
        body = body if isinstance(body, Text) else Text(body)
        stacked = self.console.width - self.INDENT < NARROW
        # On a narrow terminal the label goes on a line of its own and the body below it, so that
        # lines still break between words (a word longer than the line is the only one folded).
        indent = 4 if stacked else self.INDENT
        width = max(self.console.width - indent, 1)
        lines = list(body.wrap(self.console, width, overflow="fold"))
        for line in lines:
            line.rstrip()
        if tag is not None:
            if lines and len(lines[-1].plain) + 2 + len(tag.plain) <= width:
                lines[-1].append("  ")
                lines[-1].append_text(tag)
            else:
                lines.extend(tag.wrap(self.console, width, overflow="fold"))
            for line in lines:
                line.rstrip()
        if stacked:
            if label.plain.strip():
                self.console.print(Text("  ").append_text(label), soft_wrap=True)
            for line in lines:
                self.console.print(Text(" " * indent).append_text(line), soft_wrap=True)
            return
        for i, line in enumerate(lines):
            out = Text("  ")
            if i == 0:
                out.append_text(label)
                out.append(" " * max(1, self.INDENT - 2 - len(label.plain)))
            else:
                out.append(" " * (self.INDENT - 2))
            out.append_text(line)
            self.console.print(out, soft_wrap=True)


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
    for link in ex.links:
        row("link", link)
    for c in ex.runners_up:
        row("runner-up", f"{c.id} ({c.score:.0f})")
    for cid, why in ex.refused:
        row("refused", f"{cid}: {why}")
    for n in ex.notes:
        row("note", n)


def print_summary(console: Console, verdicts: Iterable[str]) -> None:
    """A closing line when several statements were checked: how many of each verdict."""
    from rich.text import Text

    from ..result import LABELS

    counts = Counter(verdicts)
    line = Text(f"\n{sum(counts.values())} statements: ", style="dim")
    order = {label: i for i, label in enumerate(LABELS)}  # true first, no-match last
    for i, (label, n) in enumerate(sorted(counts.items(), key=lambda kv: order.get(kv[0], len(order)))):
        if i:
            line.append(", ", style="dim")
        line.append(f"{n} {label}", style=verdict_style(label))
    console.print(line)
