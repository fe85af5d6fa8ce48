"""Checking on several cores: ``scan --jobs``, :class:`factcheck.scan.parallel.CheckPool`, and a
FactChecker that travels to other processes as its knowledge base's path."""

from __future__ import annotations

import io
import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.kb import knowledge
from factcheck.engine.checker import FactChecker
from factcheck.scan.parallel import CheckPool, available_cores
from factcheck.scan.scanner import Finding, scan, walk

DATA = Path(__file__).parent / "data" / "scan"
KB = str(DATA / "kb.json")
SHIPPED = str(knowledge.shipped_path())


@pytest.fixture(scope="module")
def checker():
    return FactChecker.load(KB)


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """The scan test documents, and a longer one made of them (many batches for the workers)."""
    for name in ("blog.txt", "guide.md", "wrapped.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    text = "".join((DATA / n).read_text(encoding="utf-8") for n in ("blog.txt", "guide.md", "wrapped.txt"))
    (tmp_path / "long.md").write_text(text * 40, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _events(paths, checker, jobs, stdin=None, **kw):
    return [(type(e).__name__, e) for e in scan(walk(paths), checker, jobs=jobs, stdin=stdin, **kw)]


@pytest.mark.parametrize("report_all", [False, True])
def test_workers_give_the_same_events_in_the_same_order(docs, checker, report_all):
    paths = ["blog.txt", "long.md", "missing.txt", "guide.md", "wrapped.txt"]
    one = _events(paths, checker, 1, report_all=report_all, top=2, explain=True)
    two = _events(paths, checker, 2, report_all=report_all, top=2, explain=True)
    assert two == one
    assert sum(1 for kind, _ in one if kind == "Finding") > 100  # far more than one batch


def test_workers_read_standard_input_in_order(docs, checker):
    data = (docs / "long.md").read_bytes()
    one = _events(["-"], checker, 1, stdin=io.BytesIO(data))
    two = _events(["-"], checker, 2, stdin=io.BytesIO(data))
    assert two == one
    findings = [e for kind, e in two if kind == "Finding"]
    assert [(f.line, f.column) for f in findings] == sorted((f.line, f.column) for f in findings)


def test_pool_keeps_input_order_and_holds_back_what_matched_nothing(checker):
    statements = ["Magnesium cures hemifacial spasm.", "The weather is nice today and I like it."] * 150
    with CheckPool(checker, jobs=2) as pool:
        results = list(pool.check_many(statements, matched_only=True))
    expected = [checker.check(s) for s in statements]
    assert results == [r if r.matched else None for r in expected]
    assert results[0] is not None and results[1] is None
    with CheckPool(checker, jobs=1) as pool:  # in process
        assert list(pool.check_many(statements[:4])) == expected[:4]


def test_pool_in_process_checks_a_repeated_sentence_once(monkeypatch):
    """One process: the pool keeps its own window of results (a long document repeats sentences
    far apart), of what the scan shows only; the checker is asked once per distinct sentence."""
    checker = FactChecker.load(KB)
    asked: list[str] = []
    findings = checker.findings

    def counting(statement, **kw):
        asked.append(statement)
        return findings(statement, **kw)

    monkeypatch.setattr(checker, "findings", counting)
    statements = ["Magnesium cures hemifacial spasm.", "The weather is nice today and I like it."] * 3
    expected = [[r for r in findings(s) if r.matched] for s in statements]
    assert expected[0] and not expected[1]
    with CheckPool(checker, jobs=1) as pool:
        got = list(pool.findings_many(statements, matched_only=True))
        assert got == expected
        assert asked.count(statements[0]) == 1
        got[0].clear()  # (a caller's list is its own: what the pool keeps is not changed)
        assert list(pool.findings_many(statements[:1], matched_only=True)) == expected[:1]
        assert list(pool.findings_many(statements[:1], top=1, matched_only=True))  # other arguments
        assert asked.count(statements[0]) == 2


def test_default_jobs_is_the_cores_available():
    assert CheckPool.__init__.__defaults__ == (None,)
    assert available_cores() >= 1


def _cli(*args, stdin: bytes | None = None, env=None):
    import os

    proc = subprocess.run([sys.executable, "-m", "factcheck", "--kb", KB, "scan", *args], input=stdin,
                          capture_output=True, env={**os.environ, "NO_COLOR": "1", **(env or {})})
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "text", "github"])
def test_scan_jobs_prints_the_same_as_one_process(docs, fmt):
    one = _cli("--jobs", "1", "--format", fmt, "long.md", "blog.txt")
    two = _cli("--jobs", "2", "--format", fmt, "long.md", "blog.txt")
    assert two == one
    assert one[0] == 1 and one[2] == b""


def test_scan_jobs_on_standard_input(docs):
    data = (docs / "long.md").read_bytes()
    one = _cli("--jobs", "1", "--format", "jsonl", "-", stdin=data)
    default = _cli("--format", "jsonl", "-", stdin=data)  # piped: workers by default
    assert default == one
    assert len(one[1].splitlines()) > 100


def test_scan_jobs_must_be_at_least_one(docs):
    code, _, err = _cli("--jobs", "0", "blog.txt")
    assert code == 2 and b"--jobs" in err


# --------------------------------------------------------------------------- pickling


def test_a_checker_pickles_as_its_path_and_reloads_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    original = FactChecker.load(SHIPPED)
    data = pickle.dumps(original)
    assert len(data) < 1000  # the path and digest, not the index
    assert SHIPPED.encode() in data
    copy = pickle.loads(data)
    assert copy is not original and copy.kb.digest == original.kb.digest
    for s in ("Magnesium cures hemifacial spasm", "Does caffeine trigger twitching?"):
        assert copy.check(s, top=3) == original.check(s, top=3)
    assert pickle.loads(data) is copy  # loaded once per process


def test_a_checker_of_an_in_memory_knowledge_base_pickles_whole():
    data = json.loads(Path(KB).read_text(encoding="utf-8"))
    checker = FactChecker(knowledge.from_dict(data))
    copy = pickle.loads(pickle.dumps(checker))
    s = "Magnesium cures hemifacial spasm."
    assert copy.check(s) == checker.check(s)


def test_spawned_workers_load_the_checker_from_its_path(monkeypatch, tmp_path):
    """Where fork is not used (macOS, Windows), each worker unpickles the checker, which loads
    it again from its path and the index cache: the results are the same."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    checker = FactChecker.load(SHIPPED)
    monkeypatch.setattr(sys, "platform", "darwin")
    statements = ["Magnesium cures hemifacial spasm", "Botox treats HFS", "The Earth is flat"] * 30
    with CheckPool(checker, jobs=2) as pool:
        got = list(pool.check_many(statements, top=2))
    assert got == [checker.check(s, top=2) for s in statements]
