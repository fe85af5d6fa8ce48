"""`factcheck kb validate|stats|list|show`: tools for the people who curate a knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .common import ColorChoice, OutputFormat, TextOrJson, fail, guard, make_console, settings, warn
from .usage import Command

_VERDICTS = "true, mostly-true, mixed, unproven, mostly-false, false"

kb_app = typer.Typer(
    name="kb",
    help=(
        "Inspect and check a knowledge base: validate it (and its excerpts against the source "
        "documents), count what it holds, list and show claims. Uses the knowledge base chosen "
        "by --kb, $FACTCHECK_KB or the shipped one."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_FORMAT_HELP = "Output: text for people, json for programs."
_COLOR_HELP = "Colour the text output: auto (only on a terminal), always or never."


def _print_json(data: object) -> None:
    from ..render.common import json_safe

    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def _load(ctx: typer.Context):  # -> KnowledgeBase
    from ..kb.knowledge import load

    return load(settings(ctx).kb)


@kb_app.command("validate", cls=Command)
def validate(
    ctx: typer.Context,
    path: str | None = typer.Argument(
        None, metavar="[PATH]",
        help="Knowledge base file (default: --kb, $FACTCHECK_KB, else the shipped knowledge.json).",
    ),
    documents: Path | None = typer.Option(
        None, "--documents", "-d", metavar="DIR",
        help="Also check every excerpt is verbatim (whitespace aside) in its source's file under DIR.",
    ),
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help=_FORMAT_HELP),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help=_COLOR_HELP),
) -> None:
    """Check a knowledge base for every fault, one line each, then a summary.

    Faults: the format (missing fields, wrong types, unknown fields or values), duplicate ids,
    evidence citing unknown sources, concepts naming unknown concepts, and with --documents an
    excerpt that is not in its document. Warnings (on stderr; they do not fail): a claim that
    repeats another's text, an excerpt over three sentences, a term listed in two concepts, a
    source nothing cites.

    Exit status: 0 valid (warnings allowed); 2 any fault, or the file cannot be read as JSON.
    """
    with guard(ctx):
        from ..kb.curation import validate_file
        from ..kb.knowledge import resolve_path

        report = validate_file(path or resolve_path(settings(ctx).kb), documents)
        if fmt is TextOrJson.json:
            _print_json(report.to_dict())
        else:
            from ..render import kb as render
            from ..render.common import safe

            for warning in report.warnings:
                warn(safe(str(warning)))
            render.validation(make_console(color), report)
    raise typer.Exit(0 if report.ok else 2)


@kb_app.command("coverage", cls=Command)
def coverage(
    ctx: typer.Context,
    path: str | None = typer.Argument(
        None, metavar="PATH",
        help="Knowledge base file (default: --kb, $FACTCHECK_KB, else the shipped knowledge.json).",
    ),
    documents: Path = typer.Option(
        ..., "--documents", "-d", metavar="DIR", help="The directory that holds the sources' files.",
    ),
    source: str | None = typer.Option(
        None, "--source", "-s", metavar="SOURCE", help="Map only this source's document.",
    ),
    gaps: bool = typer.Option(
        False, "--gaps", help="List only the sentences and rows that are neither cited nor listed.",
    ),
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help=_FORMAT_HELP),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help=_COLOR_HELP),
) -> None:
    """Map every sentence and table row of each source's document to what accounts for it: the
    claims whose evidence quotes it, or the reason its source lists it as not checkable (in the
    source's 'uncheckable' list). Prints the map, one line a sentence, and the share covered.

    Exit status: 0 every sentence and row of every document is cited or listed; 1 some are
    neither (or a source's file cannot be read); 2 the knowledge base is unusable, the
    directory is missing, or the source is unknown.
    """
    with guard(ctx):
        from ..errors import KnowledgeBaseError
        from ..kb.coverage import coverage as draw
        from ..kb.knowledge import read_json, resolve_path
        from ..kb.knowledge import validate as check

        kb_path = path or resolve_path(settings(ctx).kb)
        data, _ = read_json(kb_path)
        faults = check(data)
        if faults:
            raise KnowledgeBaseError(
                f"{kb_path}: not a valid knowledge base ({faults[0]}; see 'factcheck kb validate')"
            )
        if source is not None and source not in {s["id"] for s in data["sources"]}:
            known = ", ".join(s["id"] for s in data["sources"]) or "none"
            fail(f"unknown source '{source}' (the sources are: {known})")
        report = draw(data, documents, only=source)
        if fmt is TextOrJson.json:
            _print_json(report.to_dict())
        else:
            from ..render import kb as render

            render.coverage(make_console(color), report, gaps_only=gaps)
    raise typer.Exit(0 if report.complete else 1)


@kb_app.command("stats", cls=Command)
def stats(
    ctx: typer.Context,
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help=_FORMAT_HELP),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help=_COLOR_HELP),
) -> None:
    """Count claims by verdict, sources by reliability, evidence by stance and by source,
    concepts by kind, and the claims that have no aliases."""
    with guard(ctx):
        from ..kb.curation import stats as count

        result = count(_load(ctx))
        if fmt is TextOrJson.json:
            _print_json(result.to_dict())
        else:
            from ..render import kb as render

            render.stats(make_console(color), result)


@kb_app.command("list", cls=Command)
def list_claims(
    ctx: typer.Context,
    verdict: list[str] | None = typer.Option(
        None, "--verdict", "-v", metavar="VERDICT",
        help=f"Only claims with this verdict ({_VERDICTS}); repeat for several.",
    ),
    source: str | None = typer.Option(
        None, "--source", "-s", metavar="SOURCE", help="Only claims citing this source id.",
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f",
        help="Output: text (one line per claim), json (one array) or jsonl (one object a line).",
    ),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help=_COLOR_HELP),
) -> None:
    """List claims, one line each: id, verdict, text. Filters combine."""
    with guard(ctx):
        from ..kb.curation import claim_record, select
        from ..kb.knowledge import Verdict
        from ..render.common import json_safe

        wanted = []
        for value in verdict or ():
            try:
                wanted.append(Verdict(value))
            except ValueError:
                fail(f"unknown verdict '{value}' (expected one of: {_VERDICTS})")
        kb = _load(ctx)
        if source is not None and kb.source(source) is None:
            known = ", ".join(s.id for s in kb.sources) or "none"
            fail(f"unknown source '{source}' (the sources are: {known})")
        claims = select(kb, wanted, source)
        if fmt is OutputFormat.json:
            _print_json([claim_record(c) for c in claims])
        elif fmt is OutputFormat.jsonl:
            for c in claims:
                sys.stdout.write(json_safe(json.dumps(claim_record(c), ensure_ascii=False)) + "\n")
        else:
            from ..render import kb as render

            render.claim_lines(make_console(color), claims)


@kb_app.command("show", cls=Command)
def show(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., metavar="ID", help="The claim's id (see 'factcheck kb list')."),
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help=_FORMAT_HELP),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help=_COLOR_HELP),
) -> None:
    """Show one claim for reading: its text, verdict and summary, its aliases, and the excerpts
    that support and contradict it with each source's title, publisher and reliability."""
    with guard(ctx):
        from ..kb.curation import claim_detail, similar_claims

        kb = _load(ctx)
        claim = kb.claim(claim_id)
        if claim is None:
            close = similar_claims(kb, claim_id)
            hint = f"did you mean: {', '.join(close)}?" if close else "see 'factcheck kb list'"
            fail(f"unknown claim '{claim_id}' ({hint})")
        if fmt is TextOrJson.json:
            _print_json(claim_detail(claim))
        else:
            from ..render import kb as render

            render.claim(make_console(color), claim)


from . import kb_exchange  # noqa: E402  (ClaimReview import/export, its own module)

kb_app.command("import", cls=Command)(kb_exchange.import_command)
kb_app.command("export", cls=Command)(kb_exchange.export_command)
