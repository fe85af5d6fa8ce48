"""Never crash, never mislead: every fault gets one clear line and its documented exit status.

Knowledge-base faults, input faults, closed pipes and Ctrl-C (with real subprocesses), hostile
text in statements, documents and the knowledge base, and the safety of loading data.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app
from factcheck.errors import KnowledgeBaseError

KB = Path(__file__).parent / "golden" / "kb.json"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "FACTCHECK_KB": None, "FORCE_COLOR": None,
       "FACTCHECK_DEBUG": None}
FALSE = "Magnesium cures hemifacial spasm"


def run(*args: str, input: str | bytes | None = None, env: dict | None = None):
    return CliRunner().invoke(app, list(args), input=input, env={**ENV, **(env or {})})


def kb_data() -> dict:
    return json.loads(KB.read_text(encoding="utf-8"))


def write_kb(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def assert_one_error_line(r, message: str | None = None, *, status: int = 2) -> str:
    """Exit status 2 (by default), nothing on stdout, exactly one 'factcheck: error:' line."""
    assert r.exit_code == status, (r.stdout, r.stderr)
    assert r.stdout == ""
    assert r.stderr.startswith("factcheck: error: ")
    assert r.stderr.endswith("\n") and r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr
    if message is not None:
        assert message in r.stderr, r.stderr
    return r.stderr


# --------------------------------------------------------------------------- knowledge-base faults


def _faulty(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """A broken knowledge base of one kind and the message that must name its fault."""
    p = tmp_path / "kb.json"
    d = kb_data()
    if kind == "missing":
        return p, f"knowledge base not found: {p}"
    if kind == "directory":
        return tmp_path, f"knowledge base is a directory, not a file: {tmp_path}"
    if kind == "empty file":
        p.write_bytes(b"")
        return p, f"{p}:1:1: not valid JSON: Expecting value"
    if kind == "not utf-8":
        p.write_bytes(b'{"version": 1, "sources": [\xff]}')
        return p, f"{p}: not UTF-8 text (invalid byte at offset 27)"
    if kind == "not json":
        p.write_text('{\n  "version": 1,\n  "sources": [\n}\n')
        return p, f"{p}:4:1: not valid JSON"
    if kind == "nested too deeply":
        p.write_text("[" * 200_000 + "]" * 200_000)
        return p, f"{p}: not valid JSON: nested too deeply"
    if kind == "not an object":
        write_kb(p, [d])
        return p, f"{p}: invalid knowledge base: must be an object, not an array"
    if kind == "wrong type deep inside":
        d["claims"][4]["evidence"][0]["source"] = 12
        return write_kb(p, d), "claims[4].evidence[0].source: must be a string, not a number"
    if kind == "missing field":
        del d["claims"][2]["verdict"]
        return write_kb(p, d), "claims[2]: missing required field 'verdict'"
    if kind == "duplicate claim id":
        d["claims"][3]["id"] = d["claims"][1]["id"]
        return write_kb(p, d), "claims[3].id: duplicate claim id 'botox-treats-hfs'"
    if kind == "duplicate source id":
        d["sources"][2]["id"] = "diseasemaps"
        return write_kb(p, d), "sources[2].id: duplicate source id 'diseasemaps'"
    if kind == "unknown source":
        d["claims"][5]["evidence"][0]["source"] = "nowhere"
        return write_kb(p, d), "claims[5].evidence[0].source: unknown source 'nowhere'"
    if kind == "unknown verdict":
        d["claims"][0]["verdict"] = "probably"
        return write_kb(p, d), "claims[0].verdict: unknown value 'probably' (expected one of: true, mostly-true, mixed, unproven, mostly-false, false)"
    if kind == "unknown stance":
        d["claims"][0]["evidence"][1]["stance"] = "neutral"
        return write_kb(p, d), "claims[0].evidence[1].stance: unknown value 'neutral' (expected one of: supports, contradicts)"
    if kind == "unknown reliability":
        d["sources"][1]["reliability"] = "very high"
        return write_kb(p, d), "sources[1].reliability: unknown value 'very high' (expected one of: high, medium, low)"
    if kind == "empty claims":
        d["claims"] = []
        return write_kb(p, d), "claims: must hold at least one claim"
    if kind == "unsupported version":
        d["version"] = 2
        return write_kb(p, d), "version: unsupported format version 2 (expected 1)"
    raise AssertionError(kind)


KB_FAULTS = [
    "missing", "directory", "empty file", "not utf-8", "not json", "nested too deeply", "not an object",
    "wrong type deep inside", "missing field", "duplicate claim id", "duplicate source id",
    "unknown source", "unknown verdict", "unknown stance", "unknown reliability", "empty claims",
    "unsupported version",
]


@pytest.mark.parametrize("kind", KB_FAULTS)
def test_knowledge_base_fault_via_option(tmp_path, kind):
    path, message = _faulty(tmp_path, kind)
    r = run("--kb", str(path), "check", FALSE)
    assert_one_error_line(r, message)


@pytest.mark.parametrize("kind", ["missing", "not json", "unknown source", "empty claims"])
def test_knowledge_base_fault_via_variable_says_where_the_path_came_from(tmp_path, kind):
    path, message = _faulty(tmp_path, kind)
    r = run("check", FALSE, env={"FACTCHECK_KB": str(path)})
    line = assert_one_error_line(r, message)
    assert line.rstrip().endswith("(knowledge base named by $FACTCHECK_KB)")


@pytest.mark.parametrize("command", [["check", FALSE], ["scan", "-"], ["eval", "-"], ["kb", "stats"]])
def test_every_command_reports_a_broken_knowledge_base_the_same_way(tmp_path, command):
    path, message = _faulty(tmp_path, "unknown source")
    stdin = ('{"statement": "Magnesium cures hemifacial spasm", "expect": "false"}\n' if command[0] == "eval"
             else "Magnesium cures hemifacial spasm.\n")
    r = run("--kb", str(path), *command, input=stdin)
    assert r.exit_code == 2
    assert "Traceback" not in r.stderr
    assert f"factcheck: error: {path}: invalid knowledge base: {message}" in r.stderr


def test_several_faults_name_the_first_and_count_the_rest(tmp_path):
    d = kb_data()
    d["claims"][0]["verdict"] = "probably"
    d["claims"][1]["evidence"][0]["source"] = "nowhere"
    d["sources"][0]["reliability"] = "great"
    r = run("--kb", str(write_kb(tmp_path / "kb.json", d)), "check", FALSE)
    assert_one_error_line(r, "sources[0].reliability: unknown value 'great'")
    assert "(and 2 more; run 'factcheck kb validate')" in r.stderr


def test_a_broken_knowledge_base_is_rejected_whole(tmp_path):
    from factcheck.kb import knowledge
    from factcheck.engine.checker import FactChecker

    d = kb_data()
    d["claims"][5]["evidence"][0]["source"] = "nowhere"  # only the last claim is broken
    path = write_kb(tmp_path / "kb.json", d)
    # The first claim is fine, and still nothing is checked against it: no partial loading.
    r = run("--kb", str(path), "check", "-f", "jsonl", FALSE)
    assert_one_error_line(r, "claims[5].evidence[0].source")
    with pytest.raises(KnowledgeBaseError):
        knowledge.load(path)
    with pytest.raises(KnowledgeBaseError):
        FactChecker.load(path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_knowledge_base(tmp_path):
    path = write_kb(tmp_path / "kb.json", kb_data())
    path.chmod(0)
    try:
        r = run("--kb", str(path), "check", FALSE)
    finally:
        path.chmod(0o644)
    assert_one_error_line(r, f"knowledge base is not readable (permission denied): {path}")


def test_unreadable_knowledge_base_message(tmp_path, monkeypatch):
    path = write_kb(tmp_path / "kb.json", kb_data())
    real = os.open

    def denied(file, *args, **kwargs):  # (files are opened with os.open, to check their kind)
        if Path(file).name == "kb.json":
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    r = run("--kb", str(path), "check", FALSE)
    assert_one_error_line(r, f"knowledge base is not readable (permission denied): {path}")


def test_other_read_errors_name_the_file_and_the_reason(tmp_path, monkeypatch):
    path = write_kb(tmp_path / "kb.json", kb_data())

    real = os.open

    def broken(file, *args, **kwargs):
        if Path(file).name == "kb.json":
            raise OSError(5, "Input/output error", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", broken)
    r = run("--kb", str(path), "check", FALSE)
    assert_one_error_line(r, f"cannot read knowledge base {path}: Input/output error")


# --------------------------------------------------------------------------- --debug


def _crash(monkeypatch):
    from factcheck.engine.checker import FactChecker

    def boom(self, statement, **_):
        raise RuntimeError("boom")

    monkeypatch.setattr(FactChecker, "check", boom)


def test_an_unexpected_error_is_one_line_and_exit_2(monkeypatch):
    _crash(monkeypatch)
    r = run("--kb", str(KB), "check", FALSE)
    assert_one_error_line(r, "internal error: RuntimeError: boom (run with --debug for a traceback)")


@pytest.mark.parametrize("how", [["--debug"], "FACTCHECK_DEBUG"])
def test_debug_shows_the_traceback(monkeypatch, how):
    _crash(monkeypatch)
    args = how if isinstance(how, list) else []
    env = {"FACTCHECK_DEBUG": "1"} if how == "FACTCHECK_DEBUG" else {}
    r = run(*args, "--kb", str(KB), "check", FALSE, env=env)
    assert r.exit_code == 2
    assert "Traceback (most recent call last)" in r.stderr
    assert "RuntimeError: boom" in r.stderr
    assert r.stderr.rstrip().splitlines()[-1] == "factcheck: error: internal error: RuntimeError: boom"


def test_debug_shows_where_a_knowledge_base_fault_was_raised(tmp_path):
    path, message = _faulty(tmp_path, "unknown verdict")
    r = run("--debug", "--kb", str(path), "check", FALSE)
    assert r.exit_code == 2
    assert "Traceback" in r.stderr and "KnowledgeBaseError" in r.stderr
    assert r.stderr.rstrip().splitlines()[-1].startswith("factcheck: error: ")


@pytest.mark.parametrize("value", ["0", "", "no", "false"])
def test_debug_variable_off_values(monkeypatch, value):
    _crash(monkeypatch)
    r = run("--kb", str(KB), "check", FALSE, env={"FACTCHECK_DEBUG": value})
    assert_one_error_line(r)


# --------------------------------------------------------------------------- input faults


def test_invalid_utf8_on_stdin_is_replaced_with_one_warning():
    data = b"Magnesium cures hemifacial spasm \xff\n\xfe\xfdBotox treats HFS\n"
    r = run("--kb", str(KB), "check", "-f", "jsonl", "-", input=data)
    assert r.exit_code == 1
    assert r.stderr == ("factcheck: warning: stdin is not valid UTF-8; undecodable bytes were "
                        "replaced with \ufffd\n")
    first, second = (json.loads(line) for line in r.stdout.splitlines())
    assert first["statement"] == "Magnesium cures hemifacial spasm \ufffd"
    assert first["verdict"] == "false"
    assert second["statement"] == "\ufffd\ufffdBotox treats HFS"


def test_nul_bytes_do_not_crash_and_json_keeps_them():
    r = run("--kb", str(KB), "check", "-f", "jsonl", "-",
            input="Magnesium\x00 cures hemifacial spasm\n\x00\x00\n\x00 \x00\n")
    assert r.stderr == ""
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["statement"] for d in out] == ["Magnesium\x00 cures hemifacial spasm", "\x00\x00", "\x00 \x00"]
    assert out[0]["verdict"] == "false"
    assert out[1]["verdict"] == out[2]["verdict"] == "no-match"


def test_nul_bytes_are_shown_harmlessly_in_text():
    r = run("--kb", str(KB), "check", "Magnesium\x00 cures hemifacial spasm")
    assert "\x00" not in r.stdout
    assert r.stdout.startswith(" FALSE   Magnesium\\x00 cures hemifacial spasm")


def test_a_ten_megabyte_line_on_stdin():
    line = "Magnesium cures hemifacial spasm " + "and so on " * 1_000_000
    r = run("--kb", str(KB), "check", "-f", "jsonl", "--explain", "-", input=line + "\n")
    assert r.exit_code in (1, 3)
    assert r.stderr == ""
    (d,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert d["statement"] == line  # JSON keeps all of it ...
    assert any("only its beginning was read" in n for n in d["explanation"]["notes"])  # ... and says so


def test_a_ten_megabyte_statement_is_clipped_in_text_and_says_so():
    line = "Magnesium cures hemifacial spasm " + "x" * 10_000_000
    r = run("--kb", str(KB), "check", "-", input=line)
    head = r.stdout.split("\n  why", 1)[0].split("\n  claim", 1)[0]
    assert len(head) < 1000
    assert "\u2026 (" in head and "more characters)" in head
    assert len(r.stdout) < 10_000


def test_a_blank_statement_in_the_library_is_an_input_error():
    from factcheck.engine.checker import FactChecker
    from factcheck.errors import InputError

    checker = FactChecker.load(KB)
    for blank in ("", " ", "\n\t "):
        with pytest.raises(InputError):
            checker.check(blank)
    with pytest.raises(InputError):
        checker.check(None)  # type: ignore[arg-type]


def _python(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "FORCE_COLOR"))}
    env.update(NO_COLOR="1", FACTCHECK_KB=str(KB))
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True,
                          env=env, timeout=120, **kwargs)


def test_empty_stdin_in_a_real_process():
    r = _python("check", "-", stdin=subprocess.DEVNULL)
    assert r.returncode == 2
    assert r.stdout == b""
    assert r.stderr == b"factcheck: error: no statements on stdin (blank lines are skipped)\n"


@pytest.mark.skipif(os.name != "posix", reason="closes file descriptor 0 before exec")
def test_closed_stdin_in_a_real_process():
    r = _python("check", "-", stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert r.returncode == 2
    assert r.stdout == b""
    assert r.stderr == b"factcheck: error: stdin is closed: nothing to read for '-'\n"


# --------------------------------------------------------------------------- file faults of scan and eval


@pytest.mark.parametrize("command", ["scan", "eval"])
def test_missing_file(tmp_path, command):
    r = run("--kb", str(KB), command, str(tmp_path / "nope.txt"))
    assert r.exit_code == 2
    assert "Traceback" not in r.stderr
    line = [x for x in r.stderr.splitlines() if x.startswith("factcheck: error: ")]
    assert len(line) == 1 and "nope.txt" in line[0]


def test_eval_on_a_directory_or_binary_file(tmp_path):
    r = run("--kb", str(KB), "eval", str(tmp_path))
    assert_one_error_line(r, f"cases file is a directory, not a file: {tmp_path}")
    binary = tmp_path / "cases.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    r = run("--kb", str(KB), "eval", str(binary))
    assert_one_error_line(r, f"{binary}: not UTF-8 text")


def test_scan_skips_a_binary_file_with_a_warning(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    r = run("--kb", str(KB), "scan", str(binary))
    assert r.exit_code == 0
    assert "Traceback" not in r.stderr
    assert f"factcheck: warning: skipping binary file {binary}" in r.stderr


def test_scan_reads_invalid_utf8_with_a_warning(tmp_path):
    doc = tmp_path / "post.txt"
    doc.write_bytes(b"Hello \xff there.\n\nMagnesium cures hemifacial spasm.\n")
    r = run("--kb", str(KB), "scan", "-f", "jsonl", str(doc))
    assert r.exit_code == 1
    assert "not valid UTF-8" in r.stderr and "Traceback" not in r.stderr
    assert "magnesium-cures-hfs" in r.stdout


def test_scan_of_an_unreadable_file(tmp_path, monkeypatch):
    import builtins

    import factcheck.scan.scanner as scan_module

    doc = tmp_path / "secret.txt"
    doc.write_text("Magnesium cures hemifacial spasm.\n")
    real_open = builtins.open

    def denied(file, *args, **kwargs):
        if str(file) == str(doc):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(scan_module, "open", denied, raising=False)
    r = run("--kb", str(KB), "scan", str(doc))
    assert r.exit_code == 2
    assert "Traceback" not in r.stderr
    assert any(x.startswith("factcheck: error: ") and "secret.txt" in x and "permission denied" in x.lower()
               for x in r.stderr.splitlines()), r.stderr


# --------------------------------------------------------------------------- pipes and signals


@pytest.fixture(scope="module")
def many_lines(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pipe") / "many.txt"
    lines = [f"Magnesium cures hemifacial spasm {i}" if i % 2 else f"Botox treats HFS {i}" for i in range(1500)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "FORCE_COLOR"))}
    env.update(NO_COLOR="1", FACTCHECK_KB=str(KB), COLUMNS="100")
    return env


@pytest.mark.skipif(os.name != "posix", reason="pipes and signals as on POSIX")
@pytest.mark.parametrize("fmt", ["text", "jsonl", "json"])
def test_a_closed_pipe_ends_quietly(many_lines, fmt):
    """`factcheck check - < many-lines | head -1`: no traceback, no message, status 0."""
    with many_lines.open("rb") as stdin:
        p = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "-f", fmt, "-"],
                             stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        first = p.stdout.readline()
        p.stdout.close()  # what head does after its line
        err = p.stderr.read()
        status = p.wait(timeout=120)
    assert first.strip()
    assert err == b""
    assert status == 0


@pytest.mark.skipif(os.name != "posix", reason="pipes and signals as on POSIX")
def test_a_closed_pipe_through_a_real_shell(many_lines):
    script = f'"{sys.executable}" -m factcheck check -f jsonl - < "{many_lines}" | head -1'
    r = subprocess.run(["/bin/sh", "-c", script], capture_output=True, env=_env(), timeout=120)
    assert r.returncode == 0
    assert r.stderr == b""
    assert json.loads(r.stdout)["statement"] == "Botox treats HFS 0"


@pytest.mark.skipif(os.name != "posix", reason="pipes and signals as on POSIX")
@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_ctrl_c_exits_130_without_a_traceback(fmt):
    """SIGINT while the command waits for more input on a pipe that stays open."""
    p = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "-f", fmt, "-"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    try:
        p.stdin.write(b"Magnesium cures hemifacial spasm\n")
        p.stdin.flush()
        first = p.stdout.readline()  # a result: the command is running and streaming
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert b"FALSE" in first or b'"false"' in first
    assert p.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert err.strip() == b""


@pytest.mark.skipif(os.name != "posix", reason="pipes and signals as on POSIX")
@pytest.mark.parametrize("command", [["scan", "-"], ["eval", "-"]])
def test_ctrl_c_in_other_commands_reading_stdin(command):
    p = subprocess.Popen([sys.executable, "-m", "factcheck", *command], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    try:
        p.stdin.write(b'{"statement": "Magnesium cures hemifacial spasm", "expect": "false"}\n')
        p.stdin.flush()
        # These commands print nothing before their input ends, so there is no output to wait
        # for: give start-up a generous moment (a Ctrl-C during start-up exits 130 as well).
        time.sleep(2)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130
    assert b"Traceback" not in err


# --------------------------------------------------------------------------- hostile text

ESC_PROBES = {
    "clear screen": "\x1b[2J",
    "cursor hide": "\x1b[?25l",
    "OSC 8 link": "\x1b]8;;http://evil.example/\x07",
    "OSC title": "\x1b]0;pwned\x07",
    "bell": "\x07",
    "carriage return": "\r",
    "backspace": "\b",
    "bidi override": "\u202e",
    "bidi isolate": "\u2066",
    "C1 CSI": "\x9b31m",
    "line separator": "\u2028",
}
MARKUP = "[bold red]loud[/bold red] [link=http://evil.example/]click[/link] [/] :warning:"


def _leaks(out: str) -> list[str]:
    """The probes that reach the terminal raw (our own colour codes, SGR, are allowed)."""
    out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    return [name for name, probe in ESC_PROBES.items() if probe in out] + (
        ["stray ESC"] if "\x1b" in out else [])


def hostile_kb(tmp_path: Path) -> Path:
    bad = "".join(ESC_PROBES.values())
    d = kb_data()
    d["sources"][0]["title"] = f"Short answer {MARKUP} {bad}"
    d["sources"][0]["publisher"] = f"DiseaseMaps {bad}"
    c = d["claims"][0]
    c["id"] = "magnesium-cures-hfs-" + "[bold]x[/bold]\x1b[2J"
    c["summary"] = f"Summary {MARKUP} {bad}"
    c["aliases"] = [f"Magnesium cures hemifacial spasm {MARKUP}"]
    c["evidence"][0]["excerpt"] = f"There is no evidence {MARKUP} {bad} at all."
    return write_kb(tmp_path / "hostile.json", d)


@pytest.mark.parametrize("color", ["never", "always"])
def test_hostile_statement_is_shown_harmlessly(color):
    statement = f"Magnesium cures hemifacial spasm {MARKUP} " + "".join(ESC_PROBES.values())
    r = run("--kb", str(KB), "check", "--color", color, "--explain", "--top", "3", statement)
    assert r.exit_code in (1, 3)
    assert _leaks(r.stdout) == []
    plain = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
    assert "[bold red]loud[/bold red]" in plain  # markup is shown as the text it is, not applied
    assert "[link=http://evil.example/]click[/link]" in plain
    assert "\\x1b[2J" in plain and "\\u202e" in plain  # escapes are visible, not executed
    assert ":warning:" in plain  # no emoji codes either


@pytest.mark.parametrize("color", ["never", "always"])
def test_hostile_knowledge_base_strings_are_shown_harmlessly(tmp_path, color):
    path = hostile_kb(tmp_path)
    for statement in (FALSE, "magnesium does not cure HFS", "magnesium cures"):
        r = run("--kb", str(path), "check", "--color", color, "--explain", "--top", "3", statement)
        assert r.exit_code in (0, 1, 3)
        assert _leaks(r.stdout) == [], statement
        plain = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
        assert "[bold]x[/bold]" in plain
    assert "[bold red]loud[/bold red]" in plain or "[bold red]loud[/bold red]" in run(
        "--kb", str(path), "check", FALSE).stdout


def test_hostile_text_is_kept_exactly_in_json(tmp_path):
    path = hostile_kb(tmp_path)
    statement = "Magnesium cures hemifacial spasm " + "".join(ESC_PROBES.values()) + MARKUP
    for fmt in ("json", "jsonl"):
        r = run("--kb", str(path), "check", "-f", fmt, "--color", "always", statement, FALSE)
        assert "\x1b" not in r.stdout and "\r" not in r.stdout  # json.dumps escapes them (\u001b)
        for char in ("\x9b", "\u202e", "\u2066", "\u2028", "\b"):  # nor these: \u009b ...
            assert char not in r.stdout, repr(char)
        if fmt == "json":
            hostile, plain = json.loads(r.stdout)["results"]
        else:
            hostile, plain = (json.loads(x) for x in r.stdout.splitlines())
        assert hostile["statement"] == statement
        assert plain["claim"]["id"] == "magnesium-cures-hfs-[bold]x[/bold]\x1b[2J"
        excerpts = [e["excerpt"] for e in plain["supporting"] + plain["contradicting"]]
        assert any("\x1b]8;;http://evil.example/\x07" in e and MARKUP in e for e in excerpts)
        sources = [e["source"]["title"] for e in plain["supporting"] + plain["contradicting"]]
        assert any(MARKUP in t and "\u202e" in t for t in sources)


@pytest.mark.parametrize("args", [["kb", "list"], ["kb", "show", "magnesium-cures-hfs-[bold]x[/bold]\x1b[2J"],
                                  ["kb", "stats"], ["kb", "validate"]])
def test_hostile_knowledge_base_in_curator_commands(tmp_path, args):
    path = hostile_kb(tmp_path)
    if args[:2] == ["kb", "validate"]:
        args = args + [str(path)]
    r = run("--kb", str(path), *args, "--color", "always") if args[1] != "validate" else run(*args)
    assert "Traceback" not in r.stderr
    assert _leaks(r.stdout) == [] and _leaks(r.stderr) == []


@pytest.mark.parametrize("color", ["never", "always"])
def test_hostile_document_and_file_name_in_scan(tmp_path, color):
    name = "post\x1b[2J\u202e.txt"
    doc = tmp_path / name
    doc.write_text(f"Magnesium cures hemifacial spasm.\n\nSome say {MARKUP} " + "".join(ESC_PROBES.values())
                   + " magnesium cures hemifacial spasm.\n")
    r = run("--kb", str(KB), "scan", "--color", color, "--all", str(doc))
    assert r.exit_code == 1
    assert _leaks(r.stdout) == [] and _leaks(r.stderr) == []
    assert "magnesium-cures-hfs" in r.stdout or "Magnesium cures hemifacial spasm" in r.stdout


def test_hostile_text_in_error_messages_stays_on_one_harmless_line(tmp_path):
    path = tmp_path / "evil\x1b[2J\nfactcheck: ok\u202e.json"
    r = run("--kb", str(path), "check", FALSE)
    line = assert_one_error_line(r, "knowledge base not found")
    assert _leaks(line) == []
    assert "\\x1b[2J" in line


def test_hostile_value_in_a_knowledge_base_fault(tmp_path):
    d = kb_data()
    d["claims"][0]["verdict"] = "false\x1b]8;;http://evil.example/\x07\nsecond line"
    r = run("--kb", str(write_kb(tmp_path / "kb.json", d)), "check", FALSE)
    line = assert_one_error_line(r, "claims[0].verdict: unknown value")
    assert _leaks(line) == []


# --------------------------------------------------------------------------- safety of data


class _Trap:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def test_loading_a_knowledge_base_never_runs_code(tmp_path):
    marker = tmp_path / "code-ran"
    pickled = tmp_path / "kb.pickle"
    pickled.write_bytes(pickle.dumps(_Trap(str(marker)), protocol=0))
    r = run("--kb", str(pickled), "check", FALSE)
    assert r.exit_code == 2
    assert "not valid JSON" in r.stderr or "not UTF-8" in r.stderr
    assert not marker.exists()
    script = tmp_path / "kb.py"
    script.write_text(f"import pathlib; pathlib.Path({str(marker)!r}).touch()\n")
    r = run("--kb", str(script), "check", FALSE)
    assert_one_error_line(r, "not valid JSON")
    assert not marker.exists()


def test_unknown_fields_are_rejected_not_interpreted(tmp_path):
    d = kb_data()
    d["claims"][0]["__class__"] = "os.system"
    r = run("--kb", str(write_kb(tmp_path / "kb.json", d)), "check", FALSE)
    assert_one_error_line(r, "claims[0].__class__: unknown field")


def test_nothing_is_written_next_to_the_users_files(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    kb = work / "kb.json"
    kb.write_bytes(KB.read_bytes())
    doc = work / "post.md"
    doc.write_text("# Notes\n\nMagnesium cures hemifacial spasm.\n")
    cases = work / "cases.jsonl"
    cases.write_text('{"statement": "Magnesium cures hemifacial spasm", "expect": "false"}\n')
    before = sorted((p.name, p.stat().st_mtime_ns) for p in work.iterdir())
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    for args in (["check", FALSE], ["check", "-f", "json", FALSE], ["scan", str(doc)],
                 ["eval", str(cases)], ["kb", "stats"], ["kb", "validate", str(kb)]):
        r = run("--kb", str(kb), *args, env=env)
        assert "Traceback" not in r.stderr
    assert sorted((p.name, p.stat().st_mtime_ns) for p in work.iterdir()) == before


# --------------------------------------------------------------------------- the index cache

CACHE_STATEMENTS = [
    "Magnesium cures hemifacial spasm", "magnesium does not cure HFS", "Botox treats HFS",
    "Stress triggers eyelid twitching", "Vitamin B12 deficiency causes facial twitching",
    "The Earth is flat", "Does caffeine trigger twitching?", "magnesium cures",
]


@pytest.fixture()
def cached_kb(tmp_path, monkeypatch):
    """The shipped knowledge base copied to a temporary file, with a private cache directory;
    returns (knowledge base, cache directory, the uncached output)."""
    from factcheck.engine import cache
    from factcheck.kb.knowledge import shipped_path

    kb = tmp_path / "kb.json"
    kb.write_bytes(shipped_path().read_bytes())
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "CACHE_MIN_BYTES", 0)  # whatever the threshold, use the cache
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    plain = _cache_run(kb, {"FACTCHECK_NO_CACHE": "1"})
    assert not folder.exists()
    return kb, folder, plain


def _cache_run(kb: Path, env: dict | None = None) -> tuple[int, str, str]:
    r = run("--kb", str(kb), "check", "-f", "jsonl", "--top", "3", *CACHE_STATEMENTS, env=env)
    return r.exit_code, r.stdout, r.stderr


def _damaged(good: bytes, how: str) -> bytes:
    n = len(good)
    if how == "empty":
        return b""
    if how == "truncated":
        return good[: n // 2]
    if how == "one byte more":
        return good + b"\x00"
    if how == "garbage":
        return bytes((i * 37 + 11) % 256 for i in range(n))
    if how == "pickle":
        return pickle.dumps(_Trap(str(Path(os.devnull))), protocol=0)
    flipped = bytearray(good)
    fraction, width = {"bit flip at 10%": (0.10, 1), "bit flip at 50%": (0.50, 1),
                       "bytes flipped at 95%": (0.95, 1), "block flipped at 99%": (0.99, 64)}[how]
    start = int(n * fraction)
    for i in range(start, min(n, start + width)):
        flipped[i] ^= 0xFF
    return bytes(flipped)


@pytest.mark.parametrize("how", ["empty", "truncated", "one byte more", "garbage", "pickle",
                                 "bit flip at 10%", "bit flip at 50%", "bytes flipped at 95%",
                                 "block flipped at 99%"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(cached_kb, how):
    kb, folder, plain = cached_kb
    assert _cache_run(kb) == plain  # builds the cache
    (file,) = folder.glob("*.idx")
    good = file.read_bytes()
    assert _cache_run(kb) == plain  # reads it back
    file.write_bytes(_damaged(good, how))
    assert _cache_run(kb) == plain  # the damaged file gives exactly the uncached answers ...
    assert file.read_bytes() == good  # ... and is rebuilt


def test_a_changed_knowledge_base_is_never_answered_from_the_old_cache(cached_kb):
    kb, folder, plain = cached_kb
    assert _cache_run(kb) == plain
    data = json.loads(kb.read_text(encoding="utf-8"))
    claim = next(c for c in data["claims"] if c["id"] == "magnesium-cures-hfs")
    claim["summary"] = "A new summary, written after the cache was built."
    kb.write_text(json.dumps(data), encoding="utf-8")
    first = json.loads(_cache_run(kb)[1].splitlines()[0])
    assert first["claim"]["id"] == "magnesium-cures-hfs"
    assert first["reason"] == "A new summary, written after the cache was built."
    assert len(list(folder.glob("*.idx"))) == 2  # a second file, keyed by the new content


def test_an_unwritable_cache_directory_is_no_error(cached_kb, monkeypatch, tmp_path):
    kb, _, plain = cached_kb
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))
    assert _cache_run(kb) == plain
    assert _cache_run(kb) == plain


def test_a_very_long_word_is_not_searched_for_parts(monkeypatch):
    """A 20,000-letter 'word' (the longest a statement can hold) costs a bounded amount of work:
    looking for the words run together in it used to stem every prefix, about 2 s for one."""
    import factcheck.engine.index as index

    calls = 0
    real = index.stem

    def counting(word: str) -> str:
        nonlocal calls
        calls += 1
        return real(word)

    monkeypatch.setattr(index, "stem", counting)
    df = {real("magnesium"): 10, real("cure"): 10}
    assert index.split_words("magnesiumcure", df) == (real("magnesium"), real("cure"))  # still split
    calls = 0
    assert index.split_words("magnesium" + "x" * 20_000, df) == ()
    assert calls < 1_000
