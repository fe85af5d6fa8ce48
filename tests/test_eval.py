"""`factcheck eval` and the library behind it (`factcheck.evaluate`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

import pytest
from typer.testing import CliRunner

from factcheck.kb import knowledge
from factcheck.cli.app import app
from factcheck.errors import InputError
from factcheck.evaluate import Case, Report, expected_polarity, parse_cases, read_cases, run
from factcheck.result import CheckResult

KB = {
    "version": 1,
    "sources": [{"id": "notes", "title": "Notes", "publisher": "Clinic", "kind": "summary",
                 "reliability": "high"}],
    "claims": [
        {"id": "diet-cures-hfs", "text": "A diet or supplement cures hemifacial spasm.",
         "verdict": "false", "summary": "It does not.", "aliases": ["supplements cure HFS"],
         "evidence": [{"source": "notes", "stance": "contradicts", "excerpt": "No diet cures it."}]},
        {"id": "vessel-causes-hfs",
         "text": "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve.",
         "verdict": "true", "summary": "The usual cause.",
         "evidence": [{"source": "notes", "stance": "supports", "excerpt": "A vessel presses on it."}]},
        {"id": "stress-worsens-hfs", "text": "Stress makes hemifacial spasm worse.",
         "verdict": "mixed", "summary": "It can feel worse.",
         "evidence": [{"source": "notes", "stance": "supports", "excerpt": "Stress can make it feel worse."}]},
    ],
}


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, env={"NO_COLOR": "1", "COLUMNS": "120"})


def write_lines(tmp_path: Path, *cases: object, name: str = "cases.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((c if isinstance(c, str) else json.dumps(c)) + "\n" for c in cases),
                    encoding="utf-8")
    return path


@pytest.fixture
def kb_path(tmp_path: Path) -> str:
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(KB), encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- reading cases


def test_parse_cases() -> None:
    cases = parse_cases([
        '{"statement": "Supplements cure HFS", "expect": "false", "category": "cure"}',
        "",
        '  {"statement": "x", "expect": ["true", "mostly-true", "true"], "claim": "c", "note": "ignored"}',
    ])
    assert cases == [
        Case("Supplements cure HFS", ("false",), "cure", None, 1),
        Case("x", ("true", "mostly-true"), "(none)", "c", 3),
    ]


@pytest.mark.parametrize("line,message", [
    ('{"statement": "x", "expect": "false"', "cases.jsonl:2:37: not valid JSON"),
    ('["x", "false"]', "cases.jsonl:2: a case must be a JSON object"),
    ('{"expect": "false"}', "cases.jsonl:2: missing 'statement'"),
    ('{"statement": "x"}', "cases.jsonl:2: missing 'expect'"),
    ('{"statement": " ", "expect": "false"}', "cases.jsonl:2: 'statement' must be a non-empty string"),
    ('{"statement": "x", "expect": []}', "cases.jsonl:2: 'expect' must be a label or a non-empty list"),
    ('{"statement": "x", "expect": "wrong"}', "cases.jsonl:2: unknown label 'wrong' in 'expect'"),
    ('{"statement": "x", "expect": "false", "category": 3}', "cases.jsonl:2: 'category' must be a non-empty string"),
    ('{"statement": "x", "expect": "no-match", "claim": "c"}', "cases.jsonl:2: 'claim' names a claim to match"),
])
def test_malformed_case_names_its_line(line: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_cases(['{"statement": "fine", "expect": "true"}', line], "cases.jsonl")
    assert str(caught.value).startswith(message)


def test_read_cases_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cases file not found"):
        read_cases(tmp_path / "missing.jsonl")
    (tmp_path / "latin1.jsonl").write_bytes(b'{"statement": "caf\xe9", "expect": "true"}\n')
    with pytest.raises(InputError, match="not UTF-8"):
        read_cases(tmp_path / "latin1.jsonl")


def test_expected_polarity() -> None:
    assert expected_polarity(["true", "mostly-true"]) == 1
    assert expected_polarity(["false", "no-match"]) == -1
    assert expected_polarity(["mixed", "unproven"]) == 0
    assert expected_polarity(["true", "false"]) == 0


# --------------------------------------------------------------------------- running (a stub checker)


class Scripted:
    """A checker that answers from a script: statement -> (verdict, claim id, score)."""

    def __init__(self, answers: dict[str, tuple[str, str | None, float]]) -> None:
        self.kb = knowledge.from_dict(KB)
        self.answers = answers

    def check_many(self, statements: Iterable[str], **_: object) -> Iterator[CheckResult]:
        for s in statements:
            verdict, claim, score = self.answers[s]
            if verdict == "no-match":  # no verdict, so no score; how near the nearest claim came
                yield CheckResult(s, verdict, None, False, None, "scripted", nearest_score=score)
            else:
                yield CheckResult(s, verdict, score, False, self.kb.claim(claim), "scripted")


SCRIPT = {
    "right": ("false", "diet-cures-hfs", 95.0),
    "flip": ("true", "vessel-causes-hfs", 90.0),
    "wrong claim": ("true", "vessel-causes-hfs", 80.0),
    "abstained": ("no-match", None, 30.0),
    "either": ("mixed", "stress-worsens-hfs", 70.0),
}
CASES = [
    Case("right", ("false", "mostly-false"), "cure", line=1),
    Case("flip", ("false",), "cure", line=2),
    Case("wrong claim", ("true",), "cause", "diet-cures-hfs", line=3),
    Case("abstained", ("true",), "cause", line=4),
    Case("either", ("mixed", "unproven"), "cause", line=5),
]


def test_run_counts_accuracy_flips_and_categories() -> None:
    report = run(Scripted(SCRIPT), CASES)
    assert isinstance(report, Report)
    assert (report.passed, report.total) == (2, 5)
    assert report.accuracy == pytest.approx(0.4)
    assert report.flips == 1  # expected false, got true; no-match is a miss but no flip
    assert [(c.category, c.passed, c.total, c.flips) for c in report.by_category] == [
        ("cause", 1, 3, 0), ("cure", 1, 2, 1),
    ]
    # Worst first: the flip, then the more confident wrong answer.
    assert [o.case.statement for o in report.misses] == ["flip", "wrong claim", "abstained"]


def test_run_rejects_a_case_naming_an_unknown_claim() -> None:
    with pytest.raises(InputError, match="<cases>:7: unknown claim 'nope'"):
        run(Scripted(SCRIPT), [Case("right", ("false",), claim="nope", line=7)])


def test_report_json_contract() -> None:
    data = run(Scripted(SCRIPT), CASES).to_dict()
    assert set(data) == {"total", "passed", "accuracy", "flips", "categories", "misses"}
    assert data["categories"]["cure"] == {"total": 2, "passed": 1, "accuracy": 0.5, "flips": 1}
    assert data["misses"][0] == {
        "line": 2, "statement": "flip", "category": "cure", "expect": ["false"], "expect_claim": None,
        "verdict": "true", "claim": "vessel-causes-hfs", "score": 90.0, "nearest_score": None, "passed": False,
        "flip": True,
    }


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factcheck.cli.evaluate.load_checker", lambda ctx: Scripted(SCRIPT))


def _script_cases(tmp_path: Path) -> Path:
    return write_lines(tmp_path, *(
        {"statement": c.statement, "expect": list(c.expect), "category": c.category,
         **({"claim": c.claim} if c.claim else {})}
        for c in CASES
    ))


@pytest.mark.parametrize("options,status", [
    ([], 0),  # no threshold: the run itself succeeded
    (["--min-accuracy", "0.4"], 0),
    (["--min-accuracy", "0.41"], 1),
    (["--no-flips"], 1),
])
def test_eval_exit_status(tmp_path: Path, scripted: None, options: list[str], status: int) -> None:
    result = invoke("eval", str(_script_cases(tmp_path)), *options)
    assert result.exit_code == status, result.output
    assert result.stderr == ""


def test_eval_text_lists_misses_then_accuracy(tmp_path: Path, scripted: None) -> None:
    result = invoke("eval", str(_script_cases(tmp_path)))
    lines = result.stdout.splitlines()
    assert lines[0] == "MISS FLIP line 2 [cure] flip"
    assert lines[1] == "    expected false, got true on claim vessel-causes-hfs (score 90.0)"
    assert lines[2] == "MISS line 3 [cause] wrong claim"
    assert lines[3] == ("    expected true on claim diet-cures-hfs, got true on claim vessel-causes-hfs"
                        " (score 80.0)")
    assert lines[5] == "    expected true, got no-match (nearest score 30.0)"
    assert ["cause", "1/3", "33.3%", "0"] in [line.split() for line in lines]
    assert ["cure", "1/2", "50.0%", "1"] in [line.split() for line in lines]
    assert lines[-1] == "accuracy 2/5 = 40.0%; polarity flips: 1"


def test_eval_top_misses(tmp_path: Path, scripted: None) -> None:
    result = invoke("eval", str(_script_cases(tmp_path)), "--top-misses", "1")
    assert result.stdout.count("MISS") == 1
    assert "... and 2 more misses (--top-misses)" in result.stdout


def test_eval_json(tmp_path: Path, scripted: None) -> None:
    result = invoke("eval", str(_script_cases(tmp_path)), "--format", "json", "--top-misses", "1")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["passed"], data["total"], data["accuracy"], data["flips"]) == (2, 5, 0.4, 1)
    assert len(data["misses"]) == 3  # JSON always has every miss


def test_eval_malformed_case_exits_2_naming_the_line(tmp_path: Path, scripted: None) -> None:
    path = write_lines(tmp_path, {"statement": "right", "expect": "false"}, "", '{"statement": "x", "expect": "maybe"}')
    result = invoke("eval", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"factcheck: error: {path}:3: unknown label 'maybe' in 'expect'")


@pytest.mark.parametrize("content,message", [
    ("", "no cases"),
    ("\n  \n", "no cases"),
])
def test_eval_empty_cases_file(tmp_path: Path, scripted: None, content: str, message: str) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    result = invoke("eval", str(path))
    assert result.exit_code == 2
    assert message in result.stderr


def test_eval_missing_file_and_bad_threshold(tmp_path: Path) -> None:
    missing = invoke("eval", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 2
    assert missing.stderr == f"factcheck: error: cases file not found: {tmp_path / 'nope.jsonl'}\n"
    assert invoke("eval", str(tmp_path / "nope.jsonl"), "--min-accuracy", "95").exit_code == 2


def test_eval_reads_stdin(scripted: None) -> None:
    result = invoke("eval", "-", input='{"statement": "right", "expect": "false"}\n')
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "accuracy 1/1 = 100.0%; polarity flips: 0"


def test_eval_help() -> None:
    result = invoke("eval", "--help")
    assert result.exit_code == 0
    assert "--min-accuracy" in result.stdout and "no-match" in result.stdout


# --------------------------------------------------------------------------- the real engine


def test_eval_with_the_real_checker(tmp_path: Path, kb_path: str) -> None:
    path = write_lines(
        tmp_path,
        {"statement": "Supplements cure HFS", "expect": "false", "category": "cure", "claim": "diet-cures-hfs"},
        {"statement": "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve",
         "expect": ["true", "mostly-true"], "category": "cause"},
        {"statement": "The moon is made of green cheese", "expect": "no-match", "category": "unrelated"},
        # Mislabelled on purpose: the knowledge base says this is false, so it is a flip.
        {"statement": "A diet or supplement cures hemifacial spasm.", "expect": "true", "category": "cure"},
    )
    result = invoke("--kb", kb_path, "eval", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["passed"], data["total"], data["flips"]) == (3, 4, 1)
    assert data["misses"][0]["statement"] == "A diet or supplement cures hemifacial spasm."
    assert data["misses"][0]["verdict"] == "false" and data["misses"][0]["claim"] == "diet-cures-hfs"
    below = invoke("--kb", kb_path, "eval", str(path), "--min-accuracy", "0.95")
    assert below.exit_code == 1
    assert below.stdout.splitlines()[-1] == "accuracy 3/4 = 75.0%; polarity flips: 1"


def test_eval_unknown_claim_in_cases_is_an_input_error(tmp_path: Path, kb_path: str) -> None:
    path = write_lines(tmp_path, {"statement": "Supplements cure HFS", "expect": "false", "claim": "nope"})
    result = invoke("--kb", kb_path, "eval", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: {path}:1: unknown claim 'nope' in 'claim'\n"


@pytest.mark.parametrize("stdin, message", [
    ('{"statement": "x"\n', "<stdin>:1:18: not valid JSON"),  # (where the text ends)
    ('{"statement": "x", "expect": "no-match", "claim": "nope"}\n', "<stdin>:1: 'claim' names"),
    ('{"statement": "Supplements cure HFS", "expect": "false", "claim": "nope"}\n', "<stdin>:1: unknown claim"),
    ("\n\n", "<stdin>: no cases"),
])
def test_eval_errors_on_stdin_all_name_it_the_same_way(kb_path: str, stdin: str, message: str) -> None:
    result = invoke("--kb", kb_path, "eval", "-", input=stdin)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {message}"), result.stderr


def test_eval_with_an_invalid_kb(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "sources": [], "claims": []}', encoding="utf-8")
    path = write_lines(tmp_path, {"statement": "x", "expect": "no-match"})
    result = invoke("--kb", str(bad), "eval", str(path))
    assert result.exit_code == 2
    assert "at least one claim" in result.stderr
