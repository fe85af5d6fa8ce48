"""`factcheck eval`: run a labelled set of statements and report the accuracy."""

from __future__ import annotations

import json
import sys

import typer

from .common import ColorChoice, TextOrJson, guard, load_checker, make_console


def evaluate(
    ctx: typer.Context,
    cases: str = typer.Argument(
        ..., metavar="CASES.jsonl", help="Labelled statements, one JSON object a line ('-' for stdin).",
    ),
    min_accuracy: float = typer.Option(
        0.0, "--min-accuracy", min=0.0, max=1.0, metavar="FRACTION",
        help="Exit 1 when the accuracy is below this (0 to 1, e.g. 0.95).",
    ),
    no_flips: bool = typer.Option(
        False, "--no-flips", help="Exit 1 on any polarity flip (expected true-ish, got false-ish, or the reverse).",
    ),
    top_misses: int | None = typer.Option(
        None, "--top-misses", min=0, metavar="N",
        help="List only the N worst misses in the text output (default: all).",
    ),
    fmt: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f", help="Output: text for people, json for programs (all misses).",
    ),
    color: ColorChoice = typer.Option(
        ColorChoice.auto, "--color", help="Colour the text output: auto (only on a terminal), always or never.",
    ),
) -> None:
    """Check labelled statements and report the accuracy, overall and by category.

    Each line of CASES.jsonl is an object such as
    {"statement": "Magnesium cures hemifacial spasm", "expect": ["false", "mostly-false"],
    "category": "cures", "claim": "magnesium-cures-hfs"}. 'expect' is a label or a list of
    acceptable ones (true, mostly-true, mixed, unproven, mostly-false, false, no-match);
    'category' and 'claim' (the claim id the statement must match) are optional.

    Lists every miss, worst first (polarity flips, then the most confident), then accuracy by
    category, the overall accuracy and the number of polarity flips.

    Exit status: 0 accuracy at least --min-accuracy (and, with --no-flips, no flip); 1 otherwise;
    2 a malformed case (its line is named) or an unusable knowledge base.
    """
    with guard(ctx):
        from ..errors import InputError
        from ..evaluate import read_cases, run

        labelled = read_cases(cases)
        if not labelled:
            raise InputError(f"{'<stdin>' if cases == '-' else cases}: no cases (one JSON object a line)")
        report = run(load_checker(ctx), labelled)
        if fmt is TextOrJson.json:
            from ..render.common import json_safe

            sys.stdout.write(json_safe(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)) + "\n")
        else:
            from ..render import kb as render

            render.evaluation(make_console(color), report, top_misses)
    passed = report.accuracy >= min_accuracy and not (no_flips and report.flips)
    raise typer.Exit(0 if passed else 1)
