"""Human-readable output of the curator commands (``kb validate|stats|list|show``, ``eval``).

Every piece of text from the knowledge base or the user goes into a ``rich.text.Text``, never
into a markup string, so brackets in a claim are printed as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..result import LABELS
from .common import RELIABILITY_STYLES, SHOWN_MAX, safe, verdict_style

if TYPE_CHECKING:
    from rich.console import Console

    from ..evaluate import Outcome, Report
    from ..kb.coverage import Coverage, MappedUnit, SourceCoverage
    from ..kb.curation import Finding, Stats, Validation
    from ..kb.knowledge import Claim, Evidence

_LABEL_WIDTH = max(len(label) for label in LABELS)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _line(console: Console, text: Text) -> None:
    """One logical line, never wrapped: faults and listings are read by grep as much as by eye."""
    console.print(text, no_wrap=True, overflow="ignore", crop=False)


def _heading(title: str, detail: str = "") -> Text:
    text = Text.assemble((title, "bold"))
    if detail:
        text.append(f" {detail}")
    return text


def _table(*columns: str, text_columns: int = 1) -> Table:
    """A borderless table: the first ``text_columns`` columns left-aligned, numbers right."""
    table = Table(box=None, show_header=bool(columns[0]), pad_edge=False, padding=(0, 3, 0, 0))
    for i, name in enumerate(columns):
        table.add_column(name, justify="left" if i < text_columns else "right", header_style="dim")
    return table


def _indented(renderable: Table | Text) -> Padding:
    return Padding(renderable, (0, 0, 0, 2), expand=False)


# --------------------------------------------------------------------------- kb validate


def finding(item: Finding) -> Text:
    text = Text()
    if item.where:
        text.append(safe(item.location), style="bold")
        text.append(": ")
    text.append(safe(item.message))
    return text


def validation(console: Console, report: Validation) -> None:
    """Each fault on its own line, then a one-line summary."""
    for fault in report.faults:
        _line(console, finding(fault))
    counts = (
        f"{plural(report.claims, 'claim')}, {plural(report.sources, 'source')}, "
        f"{plural(report.concepts, 'concept')}"
    )
    if report.ok:
        summary = Text.assemble(("ok", "bold green"))
        summary.append(f": {counts}")
        if report.documents is not None:
            summary.append(f"; {plural(report.verified, 'excerpt')} verified in {safe(report.documents)}")
    else:
        summary = Text.assemble(("invalid", "bold red"))
        summary.append(f": {plural(len(report.faults), 'fault')} in {safe(report.path)} ({counts}")
        if report.documents is not None:
            summary.append(f"; {report.verified} of {plural(report.excerpts, 'excerpt')} verified")
        summary.append(")")
    if report.warnings:
        summary.append(f"; {plural(len(report.warnings), 'warning')}")
    _line(console, summary)


# --------------------------------------------------------------------------- kb stats


def stats(console: Console, s: Stats) -> None:
    """The counts as small aligned tables, one per kind of thing."""
    console.print(_heading("Claims", f"{s.claims} ({s.imported} imported)"))
    table = _table("", "")
    for verdict, n in s.claims_by_verdict:
        table.add_row(Text(verdict.value, style=verdict_style(verdict.value)), Text(str(n)))
    console.print(_indented(table))
    without = Text(f"without aliases: {len(s.without_aliases)}")
    if s.without_aliases:
        shown = safe(", ".join(s.without_aliases[:10]))
        more = f", and {len(s.without_aliases) - 10} more" if len(s.without_aliases) > 10 else ""
        without.append(f" ({shown}{more})", style="dim")
    console.print(_indented(without))

    console.print()
    console.print(_heading("Sources", str(s.sources)))
    table = _table("", "")
    for reliability, n in s.sources_by_reliability:
        table.add_row(Text(reliability.value, style=RELIABILITY_STYLES.get(reliability.value, "")),
                      Text(str(n)))
    console.print(_indented(table))

    console.print()
    console.print(_heading("Evidence", str(s.evidence)))
    table = _table("", "")
    for stance, n in s.evidence_by_stance:
        table.add_row(Text(stance.value), Text(str(n)))
    console.print(_indented(table))
    if s.evidence_by_source:
        table = _table("source", "reliability", "supports", "contradicts", "total", text_columns=2)
        for src in s.evidence_by_source:
            table.add_row(
                Text(safe(src.id)),
                Text(src.reliability.value, style=RELIABILITY_STYLES.get(src.reliability.value, "")),
                Text(str(src.supports)), Text(str(src.contradicts)), Text(str(src.total)),
            )
        console.print(_indented(table))

    console.print()
    console.print(_heading("Concepts", str(s.concepts)))
    if s.concepts_by_kind:
        table = _table("", "")
        for kind, n in s.concepts_by_kind:
            table.add_row(Text(safe(kind)) if kind is not None else Text("(no kind)", style="dim"), Text(str(n)))
        console.print(_indented(table))


# --------------------------------------------------------------------------- kb list


def verdict_label(label: str, *, pad: bool = False) -> Text:
    return Text(label.ljust(_LABEL_WIDTH) if pad else label, style=verdict_style(label))


def claim_lines(console: Console, claims: Sequence[Claim], chunk: int = 200) -> None:
    """One line per claim: id, verdict, text, in aligned columns, never wrapped.

    Rich costs tens of microseconds a line; without colour the same lines are written as plain
    text, which keeps ``kb list | grep`` quick on 100,000 claims.
    """
    rows = [(safe(c.id), c.verdict.value, safe(c.text)) for c in claims]
    width = max((len(cid) for cid, _, _ in rows), default=0)
    if console.color_system is None:
        console.file.write("".join(
            f"{cid.ljust(width)}  {label.ljust(_LABEL_WIDTH)}  {text}\n" for cid, label, text in rows
        ))
        return
    for start in range(0, len(rows), chunk):
        lines = []
        for cid, label, text in rows[start:start + chunk]:
            line = Text()
            line.append(cid.ljust(width), style="bold")
            line.append("  ")
            line.append_text(verdict_label(label, pad=True))
            line.append(f"  {text}")
            lines.append(line)
        _line(console, Text("\n").join(lines))


# --------------------------------------------------------------------------- kb show


def _indent(console: Console, text: Text, indent: int = 2) -> None:
    """Wrap ``text`` to the console, every line indented (and none padded with spaces)."""
    for line in text.wrap(console, max(console.width - indent, 20)):
        line.rstrip()
        _line(console, Text(" " * indent) + line)


def _evidence(console: Console, items: Iterable[Evidence]) -> None:
    """Each excerpt, then a line citing its source: title · publisher · reliability (id)."""
    for i, ev in enumerate(items):
        if i:
            console.print()
        _indent(console, Text(f"\u201c{_excerpt(ev.excerpt)}\u201d"))
        src = ev.source
        cite = Text.assemble(("\u2014 ", "dim"))
        cite.append(safe(src.title), style="italic")
        if src.publisher:
            cite.append(f" \u00b7 {safe(src.publisher)}")
        cite.append(" \u00b7 ")
        cite.append(f"{src.reliability.value} reliability",
                    style=RELIABILITY_STYLES.get(src.reliability.value, ""))
        cite.append(f" ({safe(src.id)})", style="dim")
        _indent(console, cite, 4)


def claim(console: Console, c: Claim) -> None:
    """A claim laid out for reading: what it says, its verdict and why, then the evidence."""
    from ..kb.knowledge import Stance

    _indent(console, Text(safe(c.id), style="dim"), 0)
    _indent(console, Text(safe(c.text), style="bold"), 0)
    verdict = Text("Verdict: ")
    verdict.append_text(verdict_label(c.verdict.value))
    console.print(verdict)
    if c.summary:
        _indent(console, Text(safe(c.summary)), 0)
    if c.aliases:
        console.print()
        console.print(_heading("Also stated as"))
        for alias in c.aliases:
            _indent(console, Text(f"- {safe(alias)}"))
    for stance, title in ((Stance.SUPPORTS, "Supporting"), (Stance.CONTRADICTS, "Contradicting")):
        items = [e for e in c.evidence if e.stance is stance]
        console.print()
        console.print(_heading(title, f"({len(items)})"))
        if items:
            _evidence(console, items)
        else:
            _indent(console, Text("none", style="dim"))
    if c.origin is not None:
        o = c.origin
        console.print()
        line = Text.assemble(("Imported from ", "dim"))
        line.append(safe(o.source))
        for label, value in (("rated", o.rating), ("on", o.date), ("at", o.url)):
            if value:
                line.append(f"; {label} ", style="dim")
                line.append(safe(value))
        _indent(console, line, 0)
        for place in o.appearances:
            _indent(console, Text(f"seen at {safe(place)}", style="dim"))


# --------------------------------------------------------------------------- kb coverage

_STATUS = {"cited": ("cited", "green"), "uncheckable": ("not checkable", "dim"),
           "unmapped": ("UNMAPPED", "bold red")}
_STATUS_WIDTH = max(len(label) for label, _ in _STATUS.values())


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "100.0%"


def _mapped_unit(m: MappedUnit, place_width: int) -> Text:
    label, style = _STATUS[m.status]
    u = m.unit
    line = Text(f"  {f'{u.line}:{u.column}'.ljust(place_width)}  ")
    line.append(label.ljust(_STATUS_WIDTH), style=style)
    line.append("  ")
    why = (", ".join(m.claims) + (" (in part)" if m.quoted < 0.5 else "")) if m.claims else (m.reason or "-")
    line.append(safe(why), style="dim")
    line.append("  ")
    line.append(safe(u.text))
    return line


def _source_summary(s: SourceCoverage | Coverage, documents: int | None = None) -> Text:
    units = s.units if isinstance(s.units, int) else len(s.units)
    where = f" in {plural(documents, 'document')}" if documents is not None else ""
    noun = "sentence or table row" if units == 1 else "sentences and table rows"
    text = Text(f"{units} {noun}{where}: "
                f"{s.cited} cited, {s.uncheckable} not checkable, ")
    text.append(f"{s.unmapped} unmapped", style="bold red" if s.unmapped else "")
    text.append(f"; {_share(units - s.unmapped, units)} mapped, {_share(s.cited, units)} cited")
    return text


def coverage(console: Console, cov: Coverage, gaps_only: bool = False) -> None:
    """Each document's map, one line a sentence or table row, then its counts and the totals."""
    for i, s in enumerate(cov.sources):
        if i:
            console.print()
        head = Text.assemble((safe(s.source), "bold"), f" ({safe(s.file)})")
        if not s.declared:
            head.append(" no 'uncheckable' list", style="dim")
        _line(console, head)
        shown = [m for m in s.units if not gaps_only or m.status == "unmapped"]
        width = max((len(f"{m.unit.line}:{m.unit.column}") for m in shown), default=0)
        for m in shown:
            _line(console, _mapped_unit(m, width))
        _line(console, Text("  ") + _source_summary(s))
    for sid, why in cov.unreadable:
        _line(console, Text.assemble((safe(sid), "bold"), ": ", safe(why)))
    console.print()
    verdict = Text.assemble(("complete", "bold green") if cov.complete else ("incomplete", "bold red"))
    verdict.append(": ")
    verdict.append_text(_source_summary(cov, len(cov.sources)))
    if cov.unreadable:
        verdict.append(f"; {plural(len(cov.unreadable), 'document')} not read")
    _line(console, verdict)


# --------------------------------------------------------------------------- eval


def _percent(passed: int, total: int) -> str:
    return f"{passed}/{total} = {100 * passed / total:.1f}%" if total else "0/0"


def miss(o: Outcome) -> tuple[Text, Text]:
    """Two lines: the statement, and what was expected against what came back."""
    head = Text.assemble(("MISS ", "bold red"))
    if o.flip:
        head.append("FLIP ", style="bold red reverse")
    head.append(f"line {o.case.line} [{safe(o.case.category)}] ", style="dim")
    head.append(safe(o.case.statement))
    text = Text("expected ")
    for i, label in enumerate(o.case.expect):
        if i:
            text.append(" or ")
        text.append_text(verdict_label(label))
    if o.case.claim:
        text.append(f" on claim {safe(o.case.claim)}")
    text.append(", got ")
    text.append_text(verdict_label(o.verdict))
    if o.claim is not None:
        text.append(f" on claim {safe(o.claim)}")
    if o.score is not None:
        text.append(f" (score {o.score:.1f})", style="dim")
    elif o.nearest_score is not None:
        text.append(f" (nearest score {o.nearest_score:.1f})", style="dim")
    return head, text


def evaluation(console: Console, report: Report, top_misses: int | None = None) -> None:
    """Accuracy overall and by category, polarity flips, then the misses, worst first."""
    from ..evaluate import UNCATEGORISED

    misses = report.misses
    shown = misses if top_misses is None else misses[:top_misses]
    for o in shown:
        head, detail = miss(o)
        _indent(console, head, 0)
        _indent(console, detail, 4)
    if len(shown) < len(misses):
        console.print(Text(f"... and {len(misses) - len(shown)} more misses (--top-misses)", style="dim"))
    if shown:
        console.print()
    categories = report.by_category
    if len(categories) > 1 or (categories and categories[0].category != UNCATEGORISED):
        table = _table("category", "passed", "accuracy", "flips")
        for c in categories:
            table.add_row(
                Text(safe(c.category)), Text(f"{c.passed}/{c.total}"), Text(f"{100 * c.accuracy:.1f}%"),
                Text(str(c.flips), style="bold red" if c.flips else ""),
            )
        console.print(_indented(table))
        console.print()
    summary = Text.assemble(("accuracy ", "bold"))
    summary.append(_percent(report.passed, report.total),
                   style="bold green" if report.passed == report.total else "bold")
    summary.append("; polarity flips: ")
    summary.append(str(report.flips), style="bold red" if report.flips else "green")
    _line(console, summary)


def _excerpt(text: str) -> str:
    """An excerpt's whitespace folded and cut to what text output shows (no 200 MB folding)."""
    from ..kb.curation import fold_whitespace

    if len(text) <= SHOWN_MAX:
        return safe(fold_whitespace(text).strip())
    return safe(fold_whitespace(text[:SHOWN_MAX]).strip()) + f"\u2026 ({len(text) - SHOWN_MAX:,} more characters)"
