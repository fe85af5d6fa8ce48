"""`factcheck scan`: files, directories and stdin through the engine, positions, formats, exits.

The documents in tests/data/scan are checked against a small knowledge base of their own
(tests/data/scan/kb.json), so the expectations do not move while the shipped one is curated.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.scan import scanner as scanlib
from factcheck.engine.checker import FactChecker
from factcheck.cli.app import app
from factcheck.render.scan import gh_escape
from factcheck.result import CheckResult
from factcheck.scan.scanner import (
    STDIN, FileDone, FileStart, Finding, Notice, Target, TextReader, is_claim_candidate, scan,
    walk,
)
from factcheck.sentences import HEADING, Sentence

DATA = Path(__file__).parent / "data" / "scan"
KB = str(DATA / "kb.json")
ENV = {"NO_COLOR": "1", "COLUMNS": "120"}

BLOG = [  # (line, column, verdict, sentence) of every claim in blog.txt
    (5, 1, "false", "A friend told me that magnesium cures hemifacial spasm."),
    (6, 46, "true", "Botulinum toxin injections are a standard treatment for hemifacial spasm."),
    (10, 36, "mixed", "My doctor says caffeine makes hemifacial spasm worse."),
]
GUIDE = [
    (5, 3, "false", "Magnesium cures hemifacial spasm"),  # a heading that makes a claim
    (11, 3, "true", "Botulinum toxin injections are a standard treatment for hemifacial spasm."),
    (13, 6, "mostly-true", "Low vitamin B12 can cause facial twitching."),
    (20, 15, "false", "Magnesium cures hemifacial spasm."),
    (27, 3, "mixed", "Caffeine makes hemifacial spasm worse."),
]
WRAPPED = [
    (1, 1, "false", "In the forum thread people kept repeating that magnesium cures hemifacial "
                    "spasm."),
    (2, 35, "true", "Others pointed out that botulinum toxin injections are a standard treatment "
                    "for hemifacial spasm."),
    (3, 69, "mostly-true", "A few said that low vitamin B12 can cause facial twitching."),
]


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, ["--kb", KB, "scan", *args], input=input, env=ENV)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def found(result) -> list[tuple]:
    return [(d["line"], d["column"], d["verdict"], d["statement"]) for d in jsonl(result)]


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """The test documents in a scratch directory, which is also the working directory."""
    for name in ("blog.txt", "guide.md", "wrapped.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def checker():
    return FactChecker.load(KB)


# --------------------------------------------------------------------------- positions


@pytest.mark.parametrize("name, expected", [
    ("blog.txt", BLOG), ("guide.md", GUIDE), ("wrapped.txt", WRAPPED),
])
def test_every_claim_is_reported_at_its_line_and_column(docs, name, expected):
    result = run("--format", "jsonl", name)
    assert result.stderr == ""
    assert found(result) == expected
    text = (docs / name).read_text(encoding="utf-8").splitlines()
    for line, col, _, sentence in expected:
        first_word = sentence.split()[0]
        assert text[line - 1][col - 1:].startswith(first_word)


def test_small_talk_code_and_headings_without_a_claim_are_never_reported_even_with_all(docs):
    reported = {d["statement"] for d in jsonl(run("--all", "--format", "jsonl", "."))}
    for text in ("Hi everyone!", "Thanks for reading.", "Cheers, Anna", "Thank you!",
                 "Treatments", "Nutrients people ask about", "What people say", "Nutrient",
                 "Magnesium"):
        assert text not in reported
    # the guide's heading, code fence and HTML comment repeat a claim: the heading is checked
    # like any sentence (and reported, as it matches), the code and the comment never are
    guide = [(d["line"], d["column"]) for d in jsonl(run("--all", "--format", "jsonl", "guide.md"))
             if d["statement"].rstrip(".") == "Magnesium cures hemifacial spasm"]
    assert guide == [(5, 3), (20, 15)]
    # ... while sentences that are not small talk but match nothing are listed with --all
    assert "My neurologist set me straight." not in reported
    assert "I was hopeful, but my neurologist set me straight." in reported


def test_without_all_only_matches_are_reported(docs):
    verdicts = {d["verdict"] for d in jsonl(run("--format", "jsonl", "."))}
    assert "no-match" not in verdicts
    assert "no-match" in {d["verdict"] for d in jsonl(run("--all", "--format", "jsonl", "."))}


# --------------------------------------------------------------------------- exit status


def test_a_false_claim_fails_the_scan_unless_fail_on_never(docs):
    result = run("blog.txt")
    assert result.exit_code == 1
    assert run("--fail-on", "never", "blog.txt").exit_code == 0


def test_fail_on_mixed_counts_mixed_and_unproven(docs):
    (docs / "mixed.txt").write_text("My doctor says caffeine makes hemifacial spasm worse.\n")
    assert run("mixed.txt").exit_code == 0
    assert run("--fail-on", "mixed", "mixed.txt").exit_code == 1
    (docs / "good.txt").write_text("Others pointed out that botulinum toxin injections are a "
                                   "standard treatment for hemifacial spasm.\n")
    assert run("--fail-on", "mixed", "good.txt").exit_code == 0  # true


def test_nothing_found_exits_0(docs):
    (docs / "cat.txt").write_text("My cat sleeps all day long on the sofa.\n")
    result = run("cat.txt")
    assert result.exit_code == 0
    assert result.stdout == "No findings (1 sentence checked in 1 file).\n"


def test_a_missing_path_is_an_error_after_the_other_files_are_scanned(docs):
    result = run("--format", "jsonl", "missing.txt", "blog.txt")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: missing.txt: no such file or directory\n"
    assert found(result) == BLOG


def test_an_unreadable_file_is_an_error_and_the_scan_goes_on(docs, monkeypatch):
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path).endswith("blog.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(scanlib, "open", deny, raising=False)
    result = run("--format", "jsonl", "blog.txt", "wrapped.txt")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: blog.txt: permission denied\n"
    assert found(result) == WRAPPED


def test_a_bad_knowledge_base_exits_2_with_one_line(docs):
    (docs / "kb.json").write_text("{not json")
    result = CliRunner().invoke(app, ["--kb", "kb.json", "scan", "blog.txt"], env=ENV)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("factcheck: error: ") and result.stderr.count("\n") == 1


# --------------------------------------------------------------------------- inputs


def test_stdin_via_dash(docs):
    result = run("--format", "jsonl", "-", input=(DATA / "blog.txt").read_text())
    assert found(result) == BLOG
    assert {d["path"] for d in jsonl(result)} == {STDIN}
    assert result.exit_code == 1


def test_stdin_when_no_path_is_given_and_its_name(docs):
    result = run("--format", "jsonl", "--stdin-filename", "post.txt",
                 input="Magnesium cures hemifacial spasm.\n")
    assert [(d["path"], d["line"], d["column"]) for d in jsonl(result)] == [("post.txt", 1, 1)]


def test_a_directory_is_walked_in_order_skipping_binary_hidden_and_junk(docs):
    (docs / "a-image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (docs / "b-named.md").write_bytes(b"\x00\x01 Magnesium cures hemifacial spasm.\n")
    for junk in (".git", "node_modules", "__pycache__", ".hidden"):
        (docs / junk).mkdir()
        (docs / junk / "claims.md").write_text("Magnesium cures hemifacial spasm.\n")
    (docs / "sub").mkdir()
    (docs / "sub" / "notes.rst").write_text("Magnesium cures hemifacial spasm.\n")
    (docs / "sub" / "data.csv").write_text("Magnesium cures hemifacial spasm.\n")
    (docs / "sub" / "page.html").write_text("<p>Magnesium cures hemifacial spasm.</p>\n")
    result = run("--format", "jsonl", ".")
    paths = [d["path"] for d in jsonl(result)]
    assert paths == sorted(paths, key=lambda p: p.split("/")) and len(paths) == 12
    assert sorted(set(paths)) == ["./blog.txt", "./guide.md", "./sub/notes.rst", "./wrapped.txt"]
    assert result.stderr == "factcheck: warning: skipping binary file ./b-named.md\n"
    assert result.exit_code == 1


def test_a_file_named_on_the_command_line_is_read_whatever_its_extension(docs):
    (docs / "page.html").write_text("<p>Magnesium cures <b>hemifacial</b> spasm.</p>\n")
    assert found(run("--format", "jsonl", "page.html")) == [
        (1, 4, "false", "Magnesium cures hemifacial spasm."),
    ]


def test_a_binary_file_named_on_the_command_line_is_skipped_with_a_warning(docs):
    (docs / "x.png").write_bytes(b"\x89PNG\x00\x00" + bytes(100))
    result = run("x.png")
    assert result.exit_code == 0
    assert result.stderr == "factcheck: warning: skipping binary file x.png\n"


def test_invalid_utf8_is_replaced_with_a_warning(docs):
    (docs / "latin1.txt").write_bytes(
        "Caf\xe9 talk is fun for all of us.\nMagnesium cures hemifacial spasm.\n".encode("latin-1")
    )
    result = run("--all", "--format", "jsonl", "latin1.txt")
    assert result.stderr == "factcheck: warning: latin1.txt: not valid UTF-8; 1 byte replaced\n"
    assert found(result)[0][3] == "Caf\ufffd talk is fun for all of us."
    assert found(result)[1] == (2, 1, "false", "Magnesium cures hemifacial spasm.")
    assert result.exit_code == 1


def test_utf16_with_a_byte_order_mark_is_text(docs):
    (docs / "u16.txt").write_bytes("Magnesium cures hemifacial spasm.\n".encode("utf-16"))
    result = run("--format", "jsonl", "u16.txt")
    assert found(result) == [(1, 1, "false", "Magnesium cures hemifacial spasm.")]
    assert result.stderr == ""


def test_a_utf8_byte_order_mark_does_not_shift_columns(docs):
    (docs / "bom.txt").write_bytes(b"\xef\xbb\xbfMagnesium cures hemifacial spasm.\n")
    assert found(run("--format", "jsonl", "bom.txt"))[0][:2] == (1, 1)


# --------------------------------------------------------------------------- formats


def test_jsonl_objects_carry_the_position_and_every_check_result_field(docs, checker):
    rows = jsonl(run("--format", "jsonl", "guide.md"))
    expected = checker.check("Magnesium cures hemifacial spasm.").to_dict()
    for row in rows:
        assert list(row)[:5] == ["path", "line", "column", "end_line", "end_column"]
        assert set(row) == {"path", "line", "column", "end_line", "end_column", *expected}
    row = next(r for r in rows if r["verdict"] == "false" and r["line"] == 20)
    assert {k: row[k] for k in ("path", "line", "column", "end_line", "end_column", "statement",
                                "verdict")} == {
        "path": "guide.md", "line": 20, "column": 15, "end_line": 20, "end_column": 48,
        "statement": "Magnesium cures hemifacial spasm.", "verdict": "false",
    }
    assert row["claim"] == {"id": "magnesium-cures-hfs", "text": "Magnesium cures hemifacial spasm.",
                            "verdict": "false"}
    assert row["contradicting"][0]["source"]["id"] == "summary"


def test_jsonl_with_top_and_explain_passes_them_through(docs):
    row = jsonl(run("--format", "jsonl", "--top", "2", "--explain", "guide.md"))[0]
    assert 1 <= len(row["candidates"]) <= 2
    assert "explanation" in row


def test_json_is_one_document_with_a_summary(docs):
    result = run("--format", "json", "blog.txt", "wrapped.txt", "guide.md")
    doc = json.loads(result.stdout)
    assert set(doc) == {"findings", "summary"}
    assert [(f["path"], f["line"]) for f in doc["findings"]] == (
        [("blog.txt", r[0]) for r in BLOG] + [("wrapped.txt", r[0]) for r in WRAPPED]
        + [("guide.md", r[0]) for r in GUIDE]
    )
    summary = doc["summary"]
    assert summary["files"] == 3 and summary["findings"] == 11
    assert summary["by_verdict"] == {"false": 4, "mostly-false": 0, "mixed": 2, "unproven": 0,
                                     "mostly-true": 2, "true": 3, "no-match": 0}
    assert summary["sentences"] > summary["findings"]


def test_json_without_findings_is_still_one_valid_document(docs):
    (docs / "cat.txt").write_text("My cat sleeps all day long on the sofa.\n")
    doc = json.loads(run("--format", "json", "cat.txt").stdout)
    assert doc["findings"] == []
    assert doc["summary"]["files"] == 1 and doc["summary"]["sentences"] == 1


def test_text_groups_findings_by_file_with_the_matched_claim_and_a_summary(docs):
    result = run("blog.txt", "wrapped.txt")
    lines = result.stdout.splitlines()
    assert lines[0] == "blog.txt"
    assert lines[1] == (
        "blog.txt:5:1      FALSE         A friend told me that magnesium cures hemifacial spasm."
    )
    # the clause checked, and the frame set aside around it
    assert lines[2] == ("  checked \u201cmagnesium cures hemifacial spasm\u201d "
                        "(asserted by \u201cA friend told me that\u201d)")
    assert re.fullmatch(r"  \u2192 Magnesium cures hemifacial spasm\. \(score \d+\)", lines[3])
    i = lines.index("wrapped.txt")
    assert lines[i - 1] == ""
    assert lines[i + 1].startswith("wrapped.txt:1:1      FALSE         In the forum thread people ")
    assert lines[-2] == ""
    assert re.fullmatch(r"6 findings in 2 files: 2 false, 1 mixed, 1 mostly-true, 2 true "
                        r"\(\d+ sentences checked in 2 files\)", lines[-1])
    assert "\x1b[" not in result.stdout
    assert result.stderr == ""


def test_text_colour_on_demand_and_control_characters_escaped(docs):
    (docs / "evil.txt").write_text("My cat \x1b[31m sleeps on the sofa all day.\n")
    plain = run("--all", "--color", "never", "evil.txt").stdout
    assert "\x1b" not in plain and "My cat \\x1b[31m sleeps" in plain
    coloured = CliRunner().invoke(app, ["--kb", KB, "scan", "--all", "--color", "always",
                                        "evil.txt"], env={"COLUMNS": "120"}).stdout
    assert "\x1b[" in coloured and "\x1b[31m sleeps" not in coloured
    assert "My cat \\x1b[31m sleeps" in coloured


def test_github_annotations_exact_lines(docs):
    result = run("--format", "github", "blog.txt")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(
        "::error file=blog.txt,line=5,col=1,title=factcheck%3A false::FALSE: \"A friend told me "
        "that magnesium cures hemifacial spasm.\" matches the claim \"Magnesium cures hemifacial "
        "spasm.\" (false; score "
    )
    assert lines[0].endswith(
        "). No diet or supplement cures hemifacial spasm, a mechanical compression of the facial "
        "nerve."
    )
    assert lines[1].startswith("::notice file=blog.txt,line=6,col=46,title=factcheck%3A true::TRUE: ")
    assert lines[2].startswith("::warning file=blog.txt,line=10,col=36,title=factcheck%3A mixed::")


def test_github_file_paths_are_repository_paths(docs):
    lines = run("--format", "github", ".").stdout.splitlines()
    assert lines[0].startswith("::error file=blog.txt,line=5,col=1,")
    assert all(" file=./" not in line for line in lines)


def test_github_escapes_properties_and_messages():
    assert gh_escape("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert gh_escape("dir:x,y/%.md", prop=True) == "dir%3Ax%2Cy/%25.md"
    assert gh_escape("bell\x07") == "bell\\x07"


def test_github_annotation_for_an_awkward_file_name(docs):
    (docs / "a,b: c%.txt").write_text("Magnesium cures hemifacial spasm.\n")
    line = run("--format", "github", "a,b: c%.txt").stdout
    assert line.startswith("::error file=a%2Cb%3A c%25.txt,line=1,col=1,title=factcheck%3A false::")


def test_help():
    result = CliRunner().invoke(app, ["scan", "--help"], env=ENV)
    assert result.exit_code == 0
    for word in ("--format", "--fail-on", "--all", "cat post.txt | factcheck scan -"):
        assert word in result.stdout


# --------------------------------------------------------------------------- library


def test_walk_reports_missing_paths_and_reads_named_files(docs):
    items = list(walk(["nope", "blog.txt", "-"]))
    assert items[0] == Notice("nope", "nope: no such file or directory", error=True)
    assert items[1] == Target("blog.txt", "blog.txt", (docs / "blog.txt").stat().st_size)
    assert items[2] == Target(STDIN, None, None)


def test_scan_yields_events_in_order(docs, checker):
    events = list(scan(walk(["wrapped.txt"]), checker))
    assert isinstance(events[0], FileStart) and isinstance(events[-1], FileDone)
    assert [(e.line, e.column) for e in events if isinstance(e, Finding)] == [(1, 1), (2, 35), (3, 69)]
    assert events[-1] == FileDone("wrapped.txt", 3, 3)


def test_the_engine_decides_each_reported_sentence(docs, checker):
    for event in scan(walk(["blog.txt"]), checker):
        if isinstance(event, Finding):
            assert event.result == checker.check(event.sentence)
            assert isinstance(event.result, CheckResult)


def test_reader_hands_on_a_huge_line_in_bounded_pieces():
    line = ("Magnesium is a mineral found in nuts and seeds " * 60_000).encode()  # ~2.8 MB
    reader = TextReader(io.BytesIO(line + b"\n\nEnd.\n"))
    pieces = list(reader.lines())
    assert max(len(p) for p in pieces) <= scanlib.LINE_PIECE * 2
    assert "".join(pieces) == line.decode() + "\n\nEnd.\n"
    sentences = list(scanlib.sentences(TextReader(io.BytesIO(line + b"\n\nEnd.\n"))))
    assert max(len(s.text) for s in sentences) <= 2000
    assert " ".join(s.text for s in sentences[:-1]) == line.decode().strip()
    assert sentences[-1] == Sentence("End.", 3, 1)


def test_reader_counts_newlines_of_every_kind_even_across_chunks(monkeypatch):
    monkeypatch.setattr(scanlib, "CHUNK", 7)
    data = b"aaaaa\r\nbbbbb\rccccc\n\xe9\xe9ddd\r\n"
    reader = TextReader(io.BytesIO(data))
    assert list(reader.lines()) == ["aaaaa\n", "bbbbb\n", "ccccc\n", "\ufffd\ufffdddd\n"]
    assert reader.bad_bytes == 2


# --------------------------------------------------------------------------- claims or not


@pytest.mark.parametrize("text", [
    "Hi everyone!", "Hello there, friends!", "Thanks for reading.", "Thank you so much!",
    "Cheers, Anna", "Happy new year to all of you!", "Hope this helps.", "Yes.", "Great point",
    "https://example.com/some/page.html", "2024-05-01 12:00 42 17", "See Figure 3",
    "Magnesium And Hemifacial Spasm Explained",
])
def test_small_talk_fragments_and_titles_are_not_claims(text):
    assert not is_claim_candidate(text)


@pytest.mark.parametrize("text", [
    "Magnesium cures hemifacial spasm.",
    "Thanks to magnesium, my hemifacial spasm went away.",
    "Hi everyone, I read that magnesium cures hemifacial spasm and that vitamin B12 helps too.",
    "Botox works for it",
    "Is magnesium a cure for hemifacial spasm?",
    "Vitamin B12 levels matter.",
])
def test_sentences_that_could_be_claims_are_candidates(text):
    assert is_claim_candidate(text)


def test_headings_are_never_claims():
    assert not is_claim_candidate(Sentence("Magnesium cures hemifacial spasm.", 1, 1, HEADING))
    assert is_claim_candidate(Sentence("Magnesium cures hemifacial spasm.", 1, 1))


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_a_closed_pipe_ends_the_scan_quietly(tmp_path, fmt):
    doc = tmp_path / "many.txt"
    doc.write_text("Magnesium cures hemifacial spasm.\n\n" * 1000)  # far more than a pipe holds
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "--kb", KB, "scan", "--format", fmt, str(doc)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **ENV},
    )
    assert proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == b""
    proc.stderr.close()


def test_text_labels_of_one_file_line_up_whatever_the_line_and_column(docs):
    out = run("--all", "guide.md").stdout.splitlines()
    findings = [line for line in out if re.match(r"guide\.md:\d+:\d+ ", line)]
    positions = {len(line.split()[0]) for line in findings}
    assert len(positions) > 1, "the test needs positions of different widths"
    columns = {re.match(r"\S+ +", line).end() for line in findings}
    assert len(columns) == 1, findings


def test_text_with_explain_and_top_shows_the_reason_and_the_candidates(docs):
    out = run("--explain", "--top", "2", "guide.md").stdout.splitlines()
    i = out.index("guide.md:20:15    FALSE         Magnesium cures hemifacial spasm.")
    assert out[i + 2] == ("    No diet or supplement cures hemifacial spasm, a mechanical compression "
                          "of the facial nerve.")
    assert any(re.fullmatch(r"    +\d+\.\d  Magnesium cures hemifacial spasm\.", line)
               for line in out[i + 3:i + 6])
    assert "No diet or supplement" not in run("guide.md").stdout
