"""Output of ``factcheck scan``: text for people, JSON, JSON Lines, GitHub annotations, SARIF.

Every renderer has the same three calls: :meth:`finding` for each reported sentence (streamed as
it comes, except for ``json``, one document at the end), :meth:`finish` with the :class:`Tally`.
Machine formats are written with ``json.dumps`` straight to stdout, never through Rich.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from ..labels import BY_SEVERITY
from ..result import LABELS
from .common import _INVISIBLE, _SURROGATES, _escape, json_safe, label_text, safe, verdict_style

if TYPE_CHECKING:
    from rich.console import Console

    from ..scan.scanner import Event, Finding

#: Verdicts from the most to the least worrying, the order of the summary.
SEVERITY = tuple(label.value for label in BY_SEVERITY)
_LABEL_WIDTH = max(len(label_text(v)) for v in LABELS)
_POSITION_WIDTH = len(":9999:99")


@dataclass
class Tally:
    """Counts of a scan, gathered from its events."""

    files: int = 0
    sentences: int = 0
    findings: int = 0
    errors: int = 0
    by_verdict: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY, 0))
    files_with_findings: int = 0

    def add(self, event: Event) -> None:
        from ..scan.scanner import FileDone, Finding, Notice

        if isinstance(event, Finding):
            self.findings += 1
            self.by_verdict[event.verdict] = self.by_verdict.get(event.verdict, 0) + 1
        elif isinstance(event, FileDone):
            self.files += 1
            self.sentences += event.sentences
            self.files_with_findings += event.findings > 0
        elif isinstance(event, Notice) and event.error:
            self.errors += 1

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "sentences": self.sentences,
            "findings": self.findings,
            "by_verdict": dict(self.by_verdict),
        }


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(tally: Tally) -> str:
    """``3 findings in 2 files: 1 false, 1 mostly-true, 1 mixed (40 sentences checked in 5 files)``."""
    checked = f"{plural(tally.sentences, 'sentence')} checked in {plural(tally.files, 'file')}"
    if not tally.findings:
        return f"No findings ({checked})."
    counts = ", ".join(f"{n} {v}" for v, n in tally.by_verdict.items() if n)
    return (f"{plural(tally.findings, 'finding')} in {plural(tally.files_with_findings, 'file')}: "
            f"{counts} ({checked})")


# --------------------------------------------------------------------------- text


class TextRenderer:
    """Findings grouped by file, ``path:line:col  LABEL  sentence`` and the claim it matched."""

    def __init__(self, console: Console, *, top: int = 0, explain: bool = False) -> None:
        self.console = console
        self.top = top
        self.explain = explain
        self._path: str | None = None

    def _print(self, text) -> None:
        # One logical line, never wrapped: the output is read by grep as much as by eye.
        self.console.print(text, soft_wrap=True)

    def finding(self, f: Finding) -> None:
        from rich.text import Text

        if f.path != self._path:
            if self._path is not None:
                self._print(Text(""))
            self._print(Text(safe(f.path), style="bold underline"))
            self._path = f.path
        r = f.result
        where = f"{safe(f.path)}:{f.line}:{f.column}"
        # Padded so that the labels of one file line up (up to line 9999, column 99).
        line = Text(where.ljust(len(safe(f.path)) + _POSITION_WIDTH), style="bold")
        line.append("  ")
        line.append(label_text(r.verdict).ljust(_LABEL_WIDTH), style=verdict_style(r.verdict))
        line.append("  ")
        indent = len(line.plain)
        line.append(safe(r.statement))
        self._print(line)
        if r.clause is not None:
            # The clause checked: marked under the sentence as linters mark a range when it is
            # only part of it, and what was read there when that is not the sentence as written.
            whole = f.span == (0, len(r.statement.rstrip(".!?\u2026 ")))
            if not whole:
                lo, hi = f.span
                at = len(safe(r.statement[:lo]))
                width = max(len(safe(r.statement[lo:hi])), 1)
                self._print(Text(" " * (indent + at) + "^" + "~" * (width - 1), style=verdict_style(r.verdict)))
            c = r.clause
            if not whole or c.frame or c.notes or c.text != r.statement[f.span[0]:f.span[1]]:
                how = {"assert": "asserted", "deny": "denied", "ask": "asked"}.get(c.mood, c.mood)
                said = f"  checked \u201c{safe(c.text)}\u201d" + (
                    f" ({how} by \u201c{safe(c.frame)}\u201d)" if c.frame else "")
                self._print(Text("; ".join([said, *(safe(n) for n in c.notes)]), style="dim"))
        if r.claim is not None:
            detail = Text("  \u2192 ", style="dim")
            detail.append(safe(r.claim.text))
            note = f" (score {r.score:.0f}{', negated' if r.negated else ''})"
            detail.append(note, style="dim")
            self._print(detail)
        elif r.nearest_score is not None and r.nearest_score > 0:
            self._print(Text(f"  \u2192 no claim (nearest score {r.nearest_score:.0f})", style="dim"))
        if self.explain:
            for p in r.parts:
                what = p.clause.text if p.clause is not None else p.statement
                claim = f" \u2192 {p.claim.id}" if p.claim is not None else ""
                self._print(Text(f"    part: {safe(what)}: {p.verdict}{claim}", style="dim"))
            if r.reason:
                self._print(Text(f"    {safe(r.reason)}", style="dim"))
            for note in r.explanation.notes if r.explanation is not None else ():
                self._print(Text(f"    - {safe(note)}", style="dim"))
        if self.top:
            for cand in r.candidates[: self.top]:
                self._print(Text(f"    {cand.score:5.1f}  {safe(cand.text)}", style="dim"))

    def finish(self, tally: Tally) -> None:
        from rich.text import Text

        if self._path is not None:
            self._print(Text(""))
        self._print(Text(summary_line(tally), style="bold" if tally.findings else ""))


# --------------------------------------------------------------------------- json, jsonl


class JsonLinesRenderer:
    """One JSON object a finding, flushed as it comes; nothing else."""

    def __init__(self, out: TextIO | None = None, *, top: int = 0, explain: bool = False) -> None:
        self.out = out
        self.top = top
        self.explain = explain

    def finding(self, f: Finding) -> None:
        out = self.out or sys.stdout
        out.write(json_safe(json.dumps(f.to_dict(top=self.top, explain=self.explain),
                                       ensure_ascii=False)) + "\n")
        out.flush()

    def finish(self, tally: Tally) -> None:
        pass


class JsonRenderer(JsonLinesRenderer):
    """``{"findings": [...], "summary": {...}}``: one document, written as the findings come
    (one a line) so that memory stays flat however many there are."""

    def __init__(self, out: TextIO | None = None, *, top: int = 0, explain: bool = False) -> None:
        super().__init__(out, top=top, explain=explain)
        self._count = 0

    def finding(self, f: Finding) -> None:
        out = self.out or sys.stdout
        out.write('{"findings": [\n' if not self._count else ",\n")
        out.write(json_safe(json.dumps(f.to_dict(top=self.top, explain=self.explain), ensure_ascii=False)))
        self._count += 1

    def finish(self, tally: Tally) -> None:
        out = self.out or sys.stdout
        out.write('{"findings": [' if not self._count else "\n")
        out.write('],\n"summary": ' + json.dumps(tally.to_dict()) + "}\n")
        out.flush()


# --------------------------------------------------------------------------- github

_GH_LEVEL = {label.value: label.annotation for label in BY_SEVERITY if label.annotation is not None}
# Controls other than \r and \n, which have escapes of their own (%0D, %0A); invisible
# characters and lone surrogates, as in every other output.
_GH_CONTROL = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}{_SURROGATES}]")


def gh_escape(text: str, *, prop: bool = False) -> str:
    """Escape a workflow command's message (``%``, CR, LF) or property (also ``:`` and ``,``)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return _GH_CONTROL.sub(_escape, text)


def gh_annotation(f: Finding) -> str | None:
    """``::error file=F,line=L,col=C,title=T::message``, or None for a sentence with no match."""
    r = f.result
    level = _GH_LEVEL.get(r.verdict)
    if level is None or r.claim is None:
        return None
    title = f"factcheck: {r.verdict}"
    message = f"{label_text(r.verdict)}: \"{r.statement}\" matches the claim \"{r.claim.text}\""
    message += f" ({r.claim.verdict.value}{', negated' if r.negated else ''}; score {r.score:.0f})."
    if r.reason:
        message += f" {r.reason}"
    props = ",".join(
        f"{k}={gh_escape(str(v), prop=True)}"
        for k, v in (("file", _repo_path(f.path)), ("line", f.line), ("col", f.column),
                     ("title", title))
    )
    return f"::{level} {props}::{gh_escape(message)}"


def _repo_path(path: str) -> str:
    """GitHub matches annotations to files by their path in the repository: no leading ./"""
    if path.startswith(("./", ".\\")) or "/./" in path or "//" in path:
        return os.path.normpath(path)
    return path


class GithubRenderer:
    """GitHub Actions annotations: error for false and mostly-false, warning for mixed and
    unproven, notice for true and mostly-true; sentences without a match get none."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out

    def finding(self, f: Finding) -> None:
        line = gh_annotation(f)
        if line is not None:
            out = self.out or sys.stdout
            out.write(line + "\n")
            out.flush()

    def finish(self, tally: Tally) -> None:
        pass


# --------------------------------------------------------------------------- sarif

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#: SARIF levels by verdict, as the github format's: error, warning, note; no-match gets none.
_SARIF_LEVEL = {v: ("note" if level == "notice" else level) for v, level in _GH_LEVEL.items()}
_RULES = tuple(v for v in SEVERITY if v in _SARIF_LEVEL)


def sarif_result(f: Finding) -> dict | None:
    """One SARIF ``result`` for a finding, or None for a sentence with no match."""
    from urllib.parse import quote

    r = f.result
    if r.claim is None or r.verdict not in _SARIF_LEVEL:
        return None
    message = f"{label_text(r.verdict)}: \"{r.statement}\" matches the claim \"{r.claim.text}\""
    message += f" ({r.claim.verdict.value}{', negated' if r.negated else ''}; score {r.score:.0f})."
    if r.reason:
        message += f" {r.reason}"
    return {
        "ruleId": r.verdict,
        "ruleIndex": _RULES.index(r.verdict),
        "level": _SARIF_LEVEL[r.verdict],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": quote(_repo_path(f.path).replace(os.sep, "/"))},
            "region": {"startLine": f.line, "startColumn": f.column, "snippet": {"text": r.statement}},
        }}],
        "properties": {"claim": r.claim.id, "claimVerdict": r.claim.verdict.value,
                       "score": round(r.score or 0.0, 1), "negated": r.negated},
    }


class SarifRenderer:
    """A SARIF 2.1.0 log (one run, one rule a verdict), for code-scanning dashboards.

    Streamed like ``json``: the results are written as they come and the tool with its rules
    closes the run, so memory stays flat however many findings there are.
    """

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out
        self._count = 0

    def finding(self, f: Finding) -> None:
        result = sarif_result(f)
        if result is None:
            return
        out = self.out or sys.stdout
        if not self._count:
            out.write('{"$schema": "' + SARIF_SCHEMA + '", "version": "2.1.0", "runs": [{\n"results": [\n')
        else:
            out.write(",\n")
        out.write(json_safe(json.dumps(result, ensure_ascii=False)))
        self._count += 1

    def finish(self, tally: Tally) -> None:
        from .. import __version__

        out = self.out or sys.stdout
        if not self._count:
            out.write('{"$schema": "' + SARIF_SCHEMA + '", "version": "2.1.0", "runs": [{\n"results": [')
        rules = [
            {"id": v, "name": "".join(w.capitalize() for w in v.split("-")) + "Claim",
             "shortDescription": {"text": f"A sentence matches a claim the knowledge base rates {v}."},
             "defaultConfiguration": {"level": _SARIF_LEVEL[v]}}
            for v in _RULES
        ]
        tool = {"driver": {"name": "factcheck", "version": __version__, "rules": rules}}
        out.write("\n],\n" + '"columnKind": "unicodeCodePoints",\n"tool": ' + json.dumps(tool) + "}]}\n")
        out.flush()
