"""`factcheck check` through the CLI: every option, every exit status, stdin, formats, colour.

Most tests use the fixture knowledge base ``tests/golden/kb.json`` (one claim for each of the
six verdicts) so that curating the shipped knowledge base cannot break them; the done-when
examples run against the shipped one, as a user would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli.app import app
from factcheck.result import LABELS

KB = Path(__file__).parent / "golden" / "kb.json"
ENV = {
    "NO_COLOR": "1", "COLUMNS": "120",
    # whatever the developer's shell has set must not leak into the tests
    "FACTCHECK_KB": None, "FORCE_COLOR": None, "FACTCHECK_DEBUG": None, "TERM": None,
}

# One statement per verdict on the fixture knowledge base.
FALSE = "Magnesium cures hemifacial spasm"
TRUE = "Botox treats HFS"
NEGATED_TRUE = "Magnesium does not cure HFS"
MOSTLY_TRUE = "Magnesium deficiency causes twitching"
MIXED = "Does caffeine trigger facial twitching?"
UNPROVEN = "Zinc relieves hemifacial spasm"
MOSTLY_FALSE = "Supplements prevent HFS"
NO_MATCH = "The Earth is flat"
NEAR_MISS = "magnesium cures"  # no claim says this, but some come close


def run(*args: str, input: str | bytes | None = None, env: dict | None = None, kb: Path | None = KB):
    full = ["--kb", str(kb), *args] if kb is not None else list(args)
    return CliRunner().invoke(app, full, input=input, env={**ENV, **(env or {})})


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


# --------------------------------------------------------------------------- done-when examples


def test_magnesium_cures_hfs_is_false_exit_1():
    r = run("check", "Magnesium cures hemifacial spasm", kb=None)
    assert r.exit_code == 1, r.stderr
    assert r.stdout.startswith(" FALSE ")
    assert "magnesium-cures-hfs" in r.stdout
    assert r.stderr == ""


def test_magnesium_does_not_cure_hfs_is_true_exit_0():
    r = run("check", "magnesium does not cure HFS", kb=None)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(" TRUE ")
    assert "The statement says the opposite of this claim." in r.stdout
    assert r.stderr == ""


def test_earth_is_flat_is_no_match_exit_3():
    r = run("check", "The Earth is flat", kb=None)
    assert r.exit_code == 3, r.stderr
    assert r.stdout.startswith(" NO MATCH ")
    assert r.stderr == ""


def test_done_when_examples_in_json():
    r = run("check", "-f", "jsonl", "Magnesium cures hemifacial spasm", "magnesium does not cure HFS",
            "The Earth is flat", kb=None)
    assert [(d["verdict"], d["negated"]) for d in jsonl(r)] == [
        ("false", False), ("true", True), ("no-match", False)]
    assert r.exit_code == 1


# --------------------------------------------------------------------------- exit status


@pytest.mark.parametrize("statement, verdict, status", [
    (TRUE, "true", 0),
    (NEGATED_TRUE, "true", 0),
    (MOSTLY_TRUE, "mostly-true", 0),
    (MIXED, "mixed", 3),
    (UNPROVEN, "unproven", 3),
    (NO_MATCH, "no-match", 3),
    (MOSTLY_FALSE, "mostly-false", 1),
    (FALSE, "false", 1),
])
def test_each_verdict_has_its_exit_status(statement, verdict, status):
    r = run("check", "--format", "jsonl", statement)
    assert [d["verdict"] for d in jsonl(r)] == [verdict]
    assert r.exit_code == status


@pytest.mark.parametrize("statements, status", [
    ([TRUE, MOSTLY_TRUE], 0),  # all supported
    ([TRUE, NO_MATCH], 3),  # one unsettled
    ([TRUE, MIXED, UNPROVEN], 3),
    ([TRUE, NO_MATCH, MOSTLY_FALSE], 1),  # any refuted wins, wherever it is
    ([FALSE, TRUE], 1),
])
def test_exit_status_of_several_statements(statements, status):
    r = run("check", *statements)
    assert r.exit_code == status, r.stdout


def test_exit_2_and_one_line_for_a_broken_knowledge_base(tmp_path):
    bad = tmp_path / "kb.json"
    bad.write_text('{"version": 1, "sources": [], "claims": []}')
    r = run("check", TRUE, kb=bad)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr == f"factcheck: error: {bad}: invalid knowledge base: claims: must hold at least one claim\n"


# --------------------------------------------------------------------------- statements


def test_statements_are_checked_in_order():
    r = run("check", "-f", "jsonl", NO_MATCH, FALSE, TRUE)
    assert [d["statement"] for d in jsonl(r)] == [NO_MATCH, FALSE, TRUE]


@pytest.mark.parametrize("args, message", [
    ([], "no statement given"),
    ([""], "statement 1 is empty"),
    (["   "], "statement 1 is empty"),
    ([TRUE, "\t\n"], "statement 2 is empty"),
    (["-", "-"], "'-' (stdin) can be given only once"),
])
def test_missing_or_blank_statements_are_usage_errors(args, message):
    r = run("check", *args, input="Botox treats HFS\n")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith("factcheck: error: ") and message in r.stderr
    assert r.stderr.count("\n") == 1


def test_stdin_one_statement_a_line_blank_lines_skipped():
    r = run("check", "-f", "jsonl", "-", input=f"\n   \n{FALSE}\n\n\t\n{TRUE}\r\n\n{NO_MATCH}")
    assert [d["statement"] for d in jsonl(r)] == [FALSE, TRUE, NO_MATCH]
    assert r.exit_code == 1
    assert r.stderr == ""


def test_stdin_between_arguments_keeps_its_place():
    r = run("check", "-f", "jsonl", NO_MATCH, "-", TRUE, input=f"{FALSE}\n{MIXED}\n")
    assert [d["statement"] for d in jsonl(r)] == [NO_MATCH, FALSE, MIXED, TRUE]


@pytest.mark.parametrize("stdin", ["", "\n", "  \n\t\n\r\n"])
def test_stdin_with_nothing_to_check_is_an_error(stdin):
    r = run("check", "-", input=stdin)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr == "factcheck: error: no statements on stdin (blank lines are skipped)\n"


def test_a_literal_dash_inside_a_statement_is_text():
    r = run("check", "-f", "jsonl", "--", "- Botox treats HFS")
    assert [d["statement"] for d in jsonl(r)] == ["- Botox treats HFS"]


# --------------------------------------------------------------------------- formats


def test_text_format_is_a_readable_report():
    r = run("check", FALSE)
    lines = r.stdout.splitlines()
    assert lines[0] == f" FALSE   {FALSE}"
    labels = [line[:17].strip() for line in lines[1:] if line[:17].strip()]
    assert labels == ["claim", "match", "why", "supporting", "contradicting"]
    assert "[magnesium-cures-hfs, rated false]" in r.stdout
    assert "\u2014 Short answer \u00b7 DiseaseMaps \u00b7 high reliability" in r.stdout
    assert "\x1b" not in r.stdout


def test_text_format_ends_with_a_summary_for_several_statements():
    r = run("check", FALSE, TRUE, NO_MATCH, FALSE)
    assert r.stdout.rstrip().splitlines()[-1] == "4 statements: 1 true, 2 false, 1 no-match"
    single = run("check", FALSE)
    assert "statements:" not in single.stdout


def test_json_format_is_one_document_with_a_summary():
    r = run("check", "--format", "json", FALSE, TRUE, NO_MATCH)
    doc = json.loads(r.stdout)
    assert set(doc) == {"results", "summary"}
    assert [d["verdict"] for d in doc["results"]] == ["false", "true", "no-match"]
    assert doc["summary"] == {"statements": 3, "by_verdict": {"false": 1, "no-match": 1, "true": 1}}
    assert r.exit_code == 1


def test_jsonl_format_is_one_object_a_line_in_input_order():
    statements = [MIXED, FALSE, NO_MATCH, TRUE, UNPROVEN]
    r = run("check", "-f", "jsonl", "-", input="\n".join(statements) + "\n")
    lines = r.stdout.splitlines()
    assert len(lines) == len(statements)
    assert [json.loads(line)["statement"] for line in lines] == statements
    assert all(line.startswith("{") and line.endswith("}") for line in lines)


def test_format_names_are_case_insensitive():
    r = run("check", "-f", "JSON", TRUE)
    assert json.loads(r.stdout)["results"][0]["verdict"] == "true"


def test_unknown_format_is_a_usage_error():
    r = run("check", "-f", "xml", TRUE)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "Invalid value for '--format'" in r.stderr


def test_json_keeps_non_ascii_text_as_it_is():
    r = run("check", "-f", "jsonl", "Le magnésium guérit le spasme hémifacial")
    assert '"statement": "Le magnésium guérit le spasme hémifacial"' in r.stdout


# --------------------------------------------------------------------------- --top


def test_top_lists_candidates_best_first():
    r = run("check", "-f", "jsonl", "--top", "3", FALSE)
    (d,) = jsonl(r)
    assert 1 <= len(d["candidates"]) <= 3
    assert d["candidates"][0]["id"] == "magnesium-cures-hfs"
    scores = [c["score"] for c in d["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_top_lists_candidates_even_on_no_match():
    r = run("check", "-f", "jsonl", "-k", "2", NEAR_MISS, NO_MATCH)
    near, none = jsonl(r)
    assert near["verdict"] == "no-match" and near["claim"] is None
    assert 1 <= len(near["candidates"]) <= 2
    assert near["candidates"][0]["id"] == "magnesium-cures-hfs"
    assert none["verdict"] == "no-match"
    assert "candidates" in none and isinstance(none["candidates"], list)


def test_without_top_there_are_no_candidates_in_json():
    r = run("check", "-f", "jsonl", FALSE)
    assert "candidates" not in jsonl(r)[0]
    r = run("check", "-f", "jsonl", "--top", "0", FALSE)
    assert "candidates" not in jsonl(r)[0]


def test_text_shows_related_claims_on_a_near_miss():
    r = run("check", "--top", "3", NEAR_MISS)
    assert r.stdout.startswith(" NO MATCH ")
    related = [line for line in r.stdout.splitlines() if line.startswith("  related")]
    assert len(related) == 1 and "Magnesium cures hemifacial spasm." in related[0]
    assert "[magnesium-cures-hfs]" in r.stdout
    # how near the nearest claim came has its own name: `score` is only ever a verdict's confidence
    assert re.search(r"^  nearest score  \d+/100 \(not a match\)$", r.stdout, re.M)


@pytest.mark.parametrize("value", ["-1", "101", "three"])
def test_top_out_of_range_is_a_usage_error(value):
    r = run("check", "--top", value, FALSE)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "--top" in r.stderr


# --------------------------------------------------------------------------- --explain


def test_explain_in_text():
    r = run("check", "--explain", NEGATED_TRUE)
    out = r.stdout
    assert "  explain        how this verdict was reached" in out
    assert "    normalised   magnesium does not cure hfs" in out
    assert "    negation     not" in out
    assert "    matched      magnesium-cures-hfs (100), denied" in out


def test_explain_in_json():
    r = run("check", "-f", "jsonl", "-e", NEGATED_TRUE)
    ex = jsonl(r)[0]["explanation"]
    assert ex["normalised"] == "magnesium does not cure hfs"
    assert ex["negation_cues"] == ["not"]
    assert ex["question"] is False
    assert "@magnesium" in ex["terms"]


def test_no_explanation_without_explain():
    r = run("check", "-f", "jsonl", NEGATED_TRUE)
    assert "explanation" not in jsonl(r)[0]
    assert "explain" not in run("check", NEGATED_TRUE).stdout


# --------------------------------------------------------------------------- colour

ESC = "\x1b["


@pytest.mark.parametrize("args, env, coloured", [
    ([], {}, False),  # auto, NO_COLOR=1 (the test default)
    ([], {"NO_COLOR": None}, False),  # auto, not a terminal
    ([], {"NO_COLOR": None, "FORCE_COLOR": "1"}, True),
    (["--color", "auto"], {"NO_COLOR": None, "FORCE_COLOR": "1"}, True),
    (["--color", "always"], {}, True),  # an explicit flag beats NO_COLOR
    (["--color", "always"], {"NO_COLOR": None, "TERM": "dumb"}, True),
    (["--color", "never"], {"NO_COLOR": None, "FORCE_COLOR": "1"}, False),
    (["--color", "NEVER"], {"NO_COLOR": None}, False),
])
def test_colour_choice(args, env, coloured):
    r = run("check", *args, FALSE, env=env)
    assert r.exit_code == 1
    assert (ESC in r.stdout) is coloured
    assert r.stdout.replace(ESC, "")  # something was printed either way


def test_colour_never_touches_json():
    for fmt in ("json", "jsonl"):
        r = run("check", "--color", "always", "-f", fmt, FALSE, env={"FORCE_COLOR": "1"})
        assert "\x1b" not in r.stdout
        json.loads(r.stdout.splitlines()[0] if fmt == "jsonl" else r.stdout)


def test_coloured_text_reads_the_same_without_its_colours():
    import re

    plain = run("check", FALSE, MIXED).stdout
    coloured = run("check", "--color", "always", FALSE, MIXED).stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_unknown_colour_is_a_usage_error():
    r = run("check", "--color", "sometimes", FALSE)
    assert r.exit_code == 2
    assert "--color" in r.stderr


# --------------------------------------------------------------------------- knowledge base choice


def test_kb_option_chooses_the_knowledge_base():
    r = run("check", "-f", "jsonl", UNPROVEN)
    assert jsonl(r)[0]["claim"]["id"] == "zinc-relieves-hfs"  # only in the fixture


def test_factcheck_kb_variable_chooses_the_knowledge_base():
    r = run("check", "-f", "jsonl", UNPROVEN, kb=None, env={"FACTCHECK_KB": str(KB)})
    assert jsonl(r)[0]["claim"]["id"] == "zinc-relieves-hfs"


def test_kb_option_beats_the_variable(tmp_path):
    r = run("check", "-f", "jsonl", UNPROVEN, env={"FACTCHECK_KB": str(tmp_path / "missing.json")})
    assert r.exit_code == 3
    assert jsonl(r)[0]["claim"]["id"] == "zinc-relieves-hfs"


def test_the_shipped_knowledge_base_is_the_default():
    r = run("check", "-f", "jsonl", UNPROVEN, kb=None)
    assert r.exit_code in (0, 1, 3)
    assert (jsonl(r)[0]["claim"] or {}).get("id") != "zinc-relieves-hfs"


def test_kb_option_needs_a_path():
    r = CliRunner().invoke(app, ["--kb"], env=ENV)
    assert r.exit_code == 2
    assert "'--kb' requires an argument" in r.stderr


def test_an_empty_kb_path_is_an_error_not_the_default():
    r = CliRunner().invoke(app, ["--kb", "", "check", FALSE], env=ENV)
    assert r.exit_code == 2
    assert r.stderr.startswith("factcheck: error: --kb: the path is empty")


# --------------------------------------------------------------------------- version and help


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    r = CliRunner().invoke(app, [flag], env=ENV)
    assert r.exit_code == 0
    assert r.stdout == f"factcheck {__version__}\n"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_check_help(flag):
    r = CliRunner().invoke(app, ["check", flag], env=ENV)
    assert r.exit_code == 0
    out = r.stdout
    assert out.startswith("Usage: factcheck check [OPTIONS] STATEMENT...\n")
    for option in ("--format", "--top", "--explain", "--color", "-h, --help"):
        assert option in out
    assert "Exit status (factcheck help exit-status):\n    0 " in out
    assert "factcheck check \"Magnesium cures hemifacial spasm\"" in out


def test_labels_documented_in_help_are_the_real_ones():
    out = CliRunner().invoke(app, ["check", "--help"], env={**ENV, "COLUMNS": "200"}).stdout
    for label in LABELS:
        assert label in out


# --------------------------------------------------------------------------- golden files
#
# The text output of representative statements, byte for byte (NO_COLOR=1, COLUMNS=100, or 80
# where the name says so). After an intended change to the layout, regenerate them with
#   FACTCHECK_REGEN_GOLDEN=1 pytest tests/test_check_cli.py
# and read the diff before committing it.

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = "[bold]Magnesium[/bold] cures \x1b[31mHFS\x1b[0m \x1b]8;;http://evil.example\x07here\x1b]8;;\x07\r\u202etxt.exe"

GOLDEN_CASES = {
    "false": ([FALSE], "100"),
    "negated-true": ([NEGATED_TRUE], "100"),
    "mixed-question": ([MIXED], "100"),
    "unproven": ([UNPROVEN], "100"),
    "no-match": ([NO_MATCH], "100"),
    "near-miss-top3": (["--top", "3", NEAR_MISS], "100"),
    "explain": (["--explain", NEGATED_TRUE], "100"),
    "several": ([FALSE, TRUE, UNPROVEN, NO_MATCH, MOSTLY_FALSE], "100"),
    "hostile": ([HOSTILE], "100"),
    "narrow-80": (["--top", "3", MOSTLY_TRUE, MOSTLY_FALSE, NEAR_MISS], "80"),
    "narrow-30": (["--explain", FALSE, NEAR_MISS], "30"),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_text_output_matches_golden_file(name):
    import os

    args, columns = GOLDEN_CASES[name]
    r = run("check", *args, env={"COLUMNS": columns})
    assert r.exit_code in (0, 1, 3), r.stderr
    assert r.stderr == ""
    path = GOLDEN / f"check-{name}.txt"
    if os.environ.get("FACTCHECK_REGEN_GOLDEN") == "1":
        path.write_text(r.stdout, encoding="utf-8")
        pytest.skip(f"regenerated {path.name}")
    assert path.exists(), f"no golden file {path.name}: run with FACTCHECK_REGEN_GOLDEN=1"
    assert r.stdout == path.read_text(encoding="utf-8")


def test_golden_lines_fit_their_width():
    for name, (_, columns) in GOLDEN_CASES.items():
        text = (GOLDEN / f"check-{name}.txt").read_text(encoding="utf-8")
        assert max(len(line) for line in text.splitlines()) <= int(columns), name


@pytest.mark.parametrize("columns", [24, 30, 36, 37, 40, 60])
def test_narrow_terminals_break_lines_between_words(columns):
    args = ["--explain", FALSE, NEGATED_TRUE, NEAR_MISS]
    wide = run("check", *args, env={"COLUMNS": "300"}).stdout.split()
    narrow = run("check", *args, env={"COLUMNS": str(columns)}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= columns
    # every word is whole, except one longer than the text's width, which can only be folded
    text_width = columns - 17 if columns >= 37 else columns - 4
    broken = [w for w in narrow.split() if w not in wide]
    assert all(any(len(v) > text_width and w in v for v in wide) for w in broken), broken
