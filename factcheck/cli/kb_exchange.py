"""`factcheck kb import` and `factcheck kb export`: schema.org ClaimReview in and out."""

from __future__ import annotations

import sys
from datetime import date as _date
from enum import Enum
from typing import TYPE_CHECKING

import typer

from .common import TextOrJson, fail, guard, settings, warn

if TYPE_CHECKING:
    from ..claimreview import ImportReport


class ReliabilityChoice(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


class ExportFormat(str, Enum):
    """Formats `kb export` writes; an option of its own so that others can join ClaimReview."""

    claimreview = "claimreview"


def import_command(
    ctx: typer.Context,
    files: list[str] | None = typer.Argument(
        None, metavar="FILE...", show_default=False,
        help="ClaimReview JSON-LD or JSON Lines files (at least one); '-' reads standard input.",
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="OUT.json",
        help="Write the knowledge base here (a new one, or --into's merged copy); '-' is stdout.",
    ),
    into: str | None = typer.Option(
        None, "--into", metavar="KB.json",
        help="Merge into this existing knowledge base, writing it back unless -o is given.",
    ),
    reliability: ReliabilityChoice = typer.Option(
        ReliabilityChoice.medium, "--reliability", "-r",
        help="How far to trust the imported fact-checks as sources.",
    ),
    fmt: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f",
        help="Report: text (one line on stderr) or json (the counts on stdout, for scripts).",
    ),
) -> None:
    """Import fact-checks published as schema.org ClaimReview into a knowledge base.

    Reads single ClaimReview objects, arrays, DataFeeds, @graph wrappers, Google Fact Check
    Tools responses, or JSON Lines of any of those. Each review becomes a claim (its text,
    the verdict its rating maps to, its explanation as evidence) and a source of kind
    fact-check. Reviews already in the knowledge base (the same review URL, or the same
    claim text up to case, punctuation and a few typos) are skipped or merged into the
    claim there, whose verdict is kept.

    Give -o to write a new knowledge base, --into to merge into one (or both: merge into
    --into's claims, write to -o). The file is replaced whole or not at all.

    Exit status: 0 imported (or nothing new); 2 bad input (not JSON, no ClaimReview at
    all, nothing usable for a new knowledge base) or a bad --into knowledge base.
    """
    with guard(ctx):
        from .. import claimreview as cr
        from ..errors import KnowledgeBaseError
        from ..files import read_stdin_text
        from ..kb.knowledge import Reliability, read_json, validate

        if not files:
            fail("no file given: name ClaimReview files, or '-' to read standard input")
        if output is None and into is None:
            fail("give -o OUT.json (a new knowledge base) or --into KB.json (merge into one)")
        if output == "-" and fmt is TextOrJson.json:
            fail("-o - and --format json would both write to stdout: choose one")
        if into == "-":
            fail("--into needs a knowledge base file, not '-' (give -o - to write to stdout)")
        documents = []
        for name in files:
            text = read_stdin_text("<stdin>") if name == "-" else cr.read_text(name)
            documents.extend(cr.parse_text(text, "<stdin>" if name == "-" else name))

        data = None
        if into is not None:
            data, _raw = read_json(into)
            faults = validate(data)
            if faults:
                more = f" (and {len(faults) - 1} more; run 'factcheck kb validate')" if len(faults) > 1 else ""
                raise KnowledgeBaseError(f"{into}: invalid knowledge base: {faults[0]}{more}")
        importer = cr.Importer(data, reliability=Reliability(reliability.value))
        report = cr.import_documents(documents, importer)
        names = ", ".join("<stdin>" if f == "-" else f for f in files)
        if report.reviews == 0:
            seen = ", ".join(f"{n} {t}" for t, n in report.other_types.most_common(5))
            fail(f"no ClaimReview found in {names}" + (f" (only: {seen})" if seen else " (no JSON objects)"))
        data = importer.data
        if not data["claims"]:
            fail(f"nothing to import from {names}: {_skipped_text(report)}")
        cr.check_valid(data)
        target = output or into
        assert target is not None  # (one of them is required above)
        written = output is not None or report.changed
        if written and target == "-":
            _stdout_json(cr.dumps(data))
        elif written:
            cr.write_json_atomic(target, data)

        if fmt is TextOrJson.json:
            out = {"output": target, "written": written, "claims": len(data["claims"]),
                   "sources": len(data["sources"]), **report.to_dict()}
            _stdout_json(cr.dumps(out))
        else:
            shown = "stdout" if target == "-" else target
            where = f"wrote {shown}" if written else f"{shown} unchanged"
            sys.stderr.write(
                f"factcheck: imported {_plural(report.imported, 'claim')}, "
                f"merged {report.merged}, skipped {sum(report.skipped.values())}"
                f"{_skipped_detail(report)}; {where} ({_plural(len(data['claims']), 'claim')})\n"
            )
        if report.unmapped:
            n = sum(report.unmapped.values())
            labels = ", ".join(f"'{_clip(label)}' x{k}" for label, k in report.unmapped.most_common(5))
            more = ", ..." if len(report.unmapped) > 5 else ""
            warn(f"{_plural(n, 'rating')} matched no verdict, imported as unproven: {labels}{more}")
        if report.conflicts:
            n = len(report.conflicts)
            shown = ", ".join(f"{c.claim} (kept {c.kept}, review says {c.review})" for c in report.conflicts[:3])
            more = f", and {n - 3} more" if n > 3 else ""
            warn(f"{_plural(n, 'review')} disagreed with the claim matched; kept its verdict: {shown}{more}")


def _stdout_json(text: str) -> None:
    from ..render.common import json_safe

    sys.stdout.write(json_safe(text))
    sys.stdout.flush()


def _clip(text: str, limit: int = 80) -> str:
    """A value quoted in a message, cut: a 100 KB rating label is not echoed whole."""
    return text if len(text) <= limit else text[:limit] + f"\u2026 ({len(text) - limit:,} more characters)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _skipped_detail(report: ImportReport) -> str:
    text = _skipped_text(report)
    return f" ({text})" if text else ""


def _skipped_text(report: ImportReport) -> str:
    from ..claimreview import Skip

    return ", ".join(f"{report.skipped[r]} {r.label}" for r in Skip if report.skipped.get(r))


def export_command(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Option(
        ExportFormat.claimreview, "--format", "-f", help="Output format: claimreview (schema.org JSON-LD).",
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE",
        help="Write here instead of standard output ('-' is standard output).",
    ),
    feed: bool = typer.Option(
        False, "--feed", help="Wrap the reviews in a schema.org DataFeed instead of a JSON array.",
    ),
    publisher: str = typer.Option(
        "factcheck", "--publisher", metavar="NAME", help="The author Organization named in every review.",
    ),
    publisher_url: str | None = typer.Option(
        None, "--publisher-url", metavar="URL", help="The author Organization's URL.",
    ),
    when: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD|today",
        help="datePublished for claims that have no date of their own (imported ones keep theirs).",
    ),
) -> None:
    """Export every claim of the knowledge base as schema.org ClaimReview JSON-LD.

    Each review carries the claim's text, its verdict as a Rating on a 1-5 scale (false 1,
    mostly-false 2, mixed 3, unproven 3, mostly-true 4, true 5) with our label as
    alternateName, the claim's summary as ratingExplanation, the evidence sources as
    citations, and for imported claims the original review's URL, date and appearances.
    Uses the knowledge base chosen by --kb, $FACTCHECK_KB or the shipped one.

    Exit status: 0 written; 2 the knowledge base or an option is bad.
    """
    with guard(ctx):
        from .. import claimreview as cr
        from ..kb.knowledge import load

        published = None
        if when is not None:
            if when.strip().lower() == "today":
                published = _date.today().isoformat()
            else:
                try:
                    published = _date.fromisoformat(when.strip()).isoformat()
                except ValueError:
                    fail(f"--date must be YYYY-MM-DD or 'today', not '{when}'")
        if not publisher.strip():
            fail("--publisher must not be empty")
        kb = load(settings(ctx).kb)
        data = cr.export(kb, publisher=publisher.strip(), publisher_url=publisher_url,
                         date=published, feed=feed)
        if output and output != "-":
            cr.write_json_atomic(output, data)
            sys.stderr.write(f"factcheck: exported {len(kb.claims)} claims to {output}\n")
        else:
            _stdout_json(cr.dumps(data))
