"""Hostile input, second round: never destroy a file, never trust a cache, never hang.

Each test here failed before its fix (issue 13). Files that must not be harmed are made in a
temporary folder (a FIFO, a character device made with mknod when running as root), never the
machine's own /dev/null.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app

HERE = Path(__file__).resolve().parent
KB = HERE / "golden" / "kb.json"
CR = HERE / "data" / "claimreview"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "FACTCHECK_KB": None, "FORCE_COLOR": None,
       "FACTCHECK_DEBUG": None, "FACTCHECK_MAX_INPUT_MB": None}
FALSE = "Magnesium cures hemifacial spasm"


def run(*args: str, input: str | bytes | None = None, env: dict | None = None):
    return CliRunner().invoke(app, list(args), input=input, env={**ENV, **(env or {})})


def one_error(r, *needles: str) -> str:
    """Exit 2, nothing on stdout, one 'factcheck: error:' line holding every needle."""
    assert r.exit_code == 2, (r.exit_code, r.stdout[:500], r.stderr[:500])
    assert r.stdout == ""
    assert r.stderr.startswith("factcheck: error: ") and r.stderr.count("\n") == 1, r.stderr[:500]
    assert "internal error" not in r.stderr
    for needle in needles:
        assert needle in r.stderr, r.stderr
    return r.stderr


def kb_data() -> dict:
    return json.loads(KB.read_text(encoding="utf-8"))


def review_file(tmp_path: Path) -> Path:
    """A one-review ClaimReview file to import."""
    path = tmp_path / "review.json"
    path.write_text(json.dumps({
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://fc.example/zinc", "claimReviewed": "Zinc lozenges cure hemifacial spasm",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "FC Example"},
    }), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- 1. writing output


def test_export_to_a_fifo_writes_through_and_leaves_the_fifo(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so a writer may open it
    try:
        r = run("--kb", str(KB), "kb", "export", "-o", str(fifo))
        assert r.exit_code == 0, r.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # not replaced by a regular file
        chunks = []
        while True:
            try:
                chunk = os.read(reader, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reader)
    assert len(json.loads(b"".join(chunks))) == len(kb_data()["claims"])


def test_a_fifo_with_no_reader_is_an_error_not_a_wait(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    one_error(run("--kb", str(KB), "kb", "export", "-o", str(fifo)), "no reader", str(fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_to_a_device_writes_through_it(tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    except (PermissionError, AttributeError, OSError):
        pytest.skip("making a device node needs root")
    r = run("--kb", str(KB), "kb", "export", "-o", str(null))
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)  # still the device, not a regular file
    r = run("kb", "import", str(review_file(tmp_path)), "-o", str(null))
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_into_a_symlink_updates_the_file_it_names_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text(KB.read_text(encoding="utf-8"), encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    r = run("kb", "import", str(review_file(tmp_path)), "--into", str(link))
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == real.name
    texts = [c["text"] for c in json.loads(real.read_text(encoding="utf-8"))["claims"]]
    assert "Zinc lozenges cure hemifacial spasm" in texts
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_output_through_a_chain_of_links_replaces_the_final_target(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("real.json")
    r = run("--kb", str(KB), "kb", "export", "-o", str(tmp_path / "a.json"))
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "a.json").is_symlink() and (tmp_path / "b.json").is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))[0]["@type"] == "ClaimReview"


def test_dash_is_standard_output_for_export_and_import(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("--kb", str(KB), "kb", "export", "-o", "-")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["@type"] == "ClaimReview"
    r = run("kb", "import", str(review_file(tmp_path)), "-o", "-")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["claims"][0]["text"] == "Zinc lozenges cure hemifacial spasm"
    assert not (tmp_path / "-").exists()


def test_import_to_stdout_with_a_json_report_is_a_usage_error(tmp_path):
    one_error(run("kb", "import", str(review_file(tmp_path)), "-o", "-", "-f", "json"), "stdout")


def test_a_directory_is_never_written(tmp_path):
    target = tmp_path / "adir"
    target.mkdir()
    one_error(run("--kb", str(KB), "kb", "export", "-o", str(target)), "directory")
    assert target.is_dir() and not list(target.iterdir())


# --------------------------------------------------------------------------- 2. bounded reads


@pytest.mark.parametrize("args", [
    ["--kb", "/dev/zero", "check", FALSE],
    ["kb", "validate", "/dev/urandom"],
    ["--kb", str(KB), "eval", "/dev/zero"],
    ["kb", "import", "/dev/zero", "-o", "{tmp}/out.json"],
])
def test_a_device_is_refused_where_a_file_is_needed(args, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    one_error(run(*args), "character device, not a regular file")
    assert not (tmp_path / "out.json").exists()


def test_a_fifo_with_no_writer_reads_as_empty_instead_of_hanging(tmp_path):
    fifo = tmp_path / "kb.fifo"
    os.mkfifo(fifo)
    one_error(run("--kb", str(fifo), "check", FALSE), "not valid JSON")


def test_inputs_are_capped_with_a_clear_error(tmp_path):
    cap = {"FACTCHECK_MAX_INPUT_MB": "0.001"}  # 1,048 bytes: smaller than the test files
    one_error(run("--kb", str(KB), "check", FALSE, env=cap), "larger than", "FACTCHECK_MAX_INPUT_MB")
    cases = "".join(json.dumps({"statement": FALSE, "expect": "false"}) + "\n" for _ in range(40))
    one_error(run("--kb", str(KB), "eval", "-", input=cases, env=cap), "<stdin>", "larger than")
    one_error(run("kb", "import", "-", "-o", str(tmp_path / "o.json"), input="[" + " " * 5000 + "]",
                  env=cap), "larger than")


def test_a_source_document_that_is_a_device_is_a_fault_not_a_hang(tmp_path):
    data = kb_data()
    data["sources"][0]["file"] = "/dev/zero"
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    r = run("kb", "validate", str(path), "--documents", str(docs))
    assert r.exit_code == 2
    assert "character device" in r.stdout


# --------------------------------------------------------------------------- 7-9. malformed JSON


def test_a_lone_surrogate_is_rejected_by_validation_with_its_place(tmp_path):
    text = KB.read_text(encoding="utf-8").replace('"Short answer"', '"Short \\ud800answer"')
    path = tmp_path / "kb.json"
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("\\ud800")].count("\n") + 1
    r = run("kb", "validate", str(path))
    assert r.exit_code == 2
    assert f"kb.json:{line}:" in r.stdout + r.stderr and "lone surrogate" in r.stdout + r.stderr
    one_error(run("--kb", str(path), "check", FALSE), f"kb.json:{line}:", "lone surrogate")


def test_a_surrogate_pair_escape_is_fine(tmp_path):
    text = KB.read_text(encoding="utf-8").replace('"Short answer"', '"Short \\ud83d\\ude00 answer"')
    path = tmp_path / "kb.json"
    path.write_text(text, encoding="utf-8")
    assert run("kb", "validate", str(path)).exit_code == 0


def test_duplicate_keys_in_a_knowledge_base_are_rejected_with_their_place(tmp_path):
    text = KB.read_text(encoding="utf-8")
    i = text.index('"verdict": "false"')
    text = text[:i] + '"verdict": "true", ' + text[i:]
    path = tmp_path / "kb.json"
    path.write_text(text, encoding="utf-8")
    line = text[:i].count("\n") + 1
    one_error(run("--kb", str(path), "check", FALSE), f"kb.json:{line}:", "duplicate key 'verdict'")
    r = run("kb", "validate", str(path))
    assert r.exit_code == 2 and "duplicate key 'verdict'" in r.stdout + r.stderr


def test_two_claims_arrays_are_rejected(tmp_path):
    data = kb_data()
    text = json.dumps(data)[:-1] + ', "claims": []}'
    path = tmp_path / "kb.json"
    path.write_text(text, encoding="utf-8")
    one_error(run("--kb", str(path), "check", FALSE), "kb.json:1:", "duplicate key 'claims'")


def test_duplicate_keys_in_a_claimreview_file_are_rejected_with_their_place(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"@type": "ClaimReview",\n "claimReviewed": "Magnesium cures HFS",\n'
                    ' "reviewRating": {"alternateName": "False", "alternateName": "True"}}',
                    encoding="utf-8")
    one_error(run("kb", "import", str(path), "-o", str(tmp_path / "o.json")),
              "dup.json:3:", "duplicate key 'alternateName'")
    lines = tmp_path / "dup.jsonl"
    lines.write_text('{"@type": "ClaimReview"}\n{"a": 1, "a": 2}\n', encoding="utf-8")
    one_error(run("kb", "import", str(lines), "-o", str(tmp_path / "o.json")), "dup.jsonl:2:", "duplicate key 'a'")


@pytest.mark.parametrize("where", ["kb", "claimreview", "cases"])
def test_a_huge_integer_is_one_input_error_line(where, tmp_path):
    huge = "9" * 5001
    if where == "kb":
        path = tmp_path / "kb.json"
        path.write_text(json.dumps(kb_data()).replace('"version": 1', f'"version": {huge}'), encoding="utf-8")
        r = run("--kb", str(path), "check", FALSE)
    elif where == "claimreview":
        path = tmp_path / "cr.json"
        path.write_text('{"@type": "ClaimReview", "reviewRating": {"ratingValue": ' + huge + "}}", encoding="utf-8")
        r = run("kb", "import", str(path), "-o", str(tmp_path / "o.json"))
    else:
        path = tmp_path / "cases.jsonl"
        path.write_text('{"statement": "x", "expect": "false"}\n{"statement": ' + huge + "}\n", encoding="utf-8")
        r = run("--kb", str(KB), "eval", str(path))
    one_error(r, f"{path.name}:", "4,300 digits")
    if where == "cases":
        assert f"{path.name}:2:" in r.stderr


# --------------------------------------------------------------------------- 11. what reaches the terminal

INVISIBLE = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\U000e0041", "\u180e", "\u3164"]


@pytest.mark.parametrize("ch", INVISIBLE)
def test_invisible_characters_are_escaped_in_text_and_json(ch):
    statement = f"Magnesium{ch} cures hemifacial spasm"
    r = run("--kb", str(KB), "check", statement)
    assert ch not in r.stdout
    code = ord(ch)
    shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    assert shown in r.stdout
    r = run("--kb", str(KB), "check", "-f", "json", statement)
    assert ch not in r.stdout
    assert json.loads(r.stdout)["results"][0]["statement"] == statement  # the same text


def test_invisible_characters_in_the_knowledge_base_are_escaped_in_kb_output(tmp_path):
    data = kb_data()
    data["claims"][0]["text"] = "Zero\u200bwidth claim"
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for fmt in ("text", "json", "jsonl"):
        r = run("--kb", str(path), "kb", "list", "-f", fmt)
        assert r.exit_code == 0 and "\u200b" not in r.stdout and "\\u200b" in r.stdout, fmt


def test_undecodable_argv_bytes_never_reach_stdout_raw():
    """0x9B on the command line (an 8-bit CSI) is shown as \\x9b; JSON stays valid UTF-8."""
    env = {**os.environ, "NO_COLOR": "1", "FACTCHECK_KB": str(KB), "FACTCHECK_NO_CACHE": "1"}
    for extra in ([], ["-f", "json"], ["-f", "jsonl"]):
        out = subprocess.run([sys.executable, "-m", "factcheck", "check", *extra,
                              b"Magnesium \x9b[31m cures hemifacial spasm"],
                             capture_output=True, env=env, timeout=60)
        assert out.returncode in (1, 3) and out.stderr == b"", out.stderr
        assert b"\x9b" not in out.stdout
        text = out.stdout.decode("utf-8")  # valid UTF-8
        if extra:
            doc = json.loads(text.splitlines()[0] if extra[1] == "jsonl" else text)
            assert "\\udc9b" in text and doc is not None
        else:
            assert "\\x9b[31m" in text


def test_lone_surrogates_in_a_statement_do_not_crash_json_output():
    r = run("--kb", str(KB), "check", "-f", "jsonl", "Magnesium \ud800 cures hemifacial spasm")
    assert r.exit_code == 1, r.stderr
    assert "\\ud800" in r.stdout


# --------------------------------------------------------------------------- 13. huge texts


def test_a_huge_excerpt_is_clipped_in_text_output(tmp_path):
    data = kb_data()
    claim = next(c for c in data["claims"] if c["id"] == "magnesium-cures-hfs")
    claim["evidence"][0]["excerpt"] = "Magnesium does not cure it. " * 200_000  # 5.6 MB
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    r = run("--kb", str(path), "check", FALSE, env={"FACTCHECK_NO_CACHE": "1"})
    assert r.exit_code == 1
    assert len(r.stdout) < 10_000 and "more characters)" in r.stdout
    r = run("--kb", str(path), "kb", "show", "magnesium-cures-hfs")
    assert r.exit_code == 0
    assert len(r.stdout) < 10_000 and "more characters)" in r.stdout


def test_a_huge_rating_label_is_not_echoed_whole(tmp_path):
    path = tmp_path / "cr.json"
    path.write_text(json.dumps({
        "@type": "ClaimReview", "url": "https://fc.example/1", "claimReviewed": "Zinc cures HFS",
        "reviewRating": {"@type": "Rating", "alternateName": "odd " * 25_000},
    }), encoding="utf-8")
    r = run("kb", "import", str(path), "-o", str(tmp_path / "o.json"))
    assert r.exit_code == 0, r.stderr
    assert "matched no verdict" in r.stderr and len(r.stderr) < 1000


def test_a_huge_value_in_an_error_message_is_clipped(tmp_path):
    data = kb_data()
    data["claims"][0]["verdict"] = "v" * 100_000
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    err = one_error(run("--kb", str(path), "check", FALSE), "more characters")
    assert len(err) < 3000


# --------------------------------------------------------------------------- 3-6. the index cache

CACHE_STATEMENTS = ["Magnesium cures hemifacial spasm", "Botox treats HFS", "The Earth is flat",
                    "Stress triggers eyelid twitching", "magnesium does not cure HFS"]


@pytest.fixture()
def cached(tmp_path, monkeypatch):
    """(knowledge base, cache folder, the uncached output) with a private, always-used cache."""
    from factcheck.engine import cache
    from factcheck.kb.knowledge import shipped_path

    kb = tmp_path / "kb.json"
    kb.write_bytes(shipped_path().read_bytes())
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "CACHE_MIN_BYTES", 0)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    plain = cache_run(kb, {"FACTCHECK_NO_CACHE": "1"})
    assert plain[0] in (1, 3) and not folder.exists()
    return kb, folder, plain


def cache_run(kb: Path, env: dict | None = None, *extra: str) -> tuple[int, str, str]:
    r = run("--kb", str(kb), "check", "-f", "jsonl", "--explain", "--top", "3", *extra,
            *CACHE_STATEMENTS, env=env)
    return r.exit_code, r.stdout, r.stderr


def the_cache_file(folder: Path) -> Path:
    (file,) = folder.glob("*.idx")
    return file


def test_a_cache_file_that_is_a_link_to_a_device_or_a_fifo_is_never_read(cached):
    kb, folder, plain = cached
    assert cache_run(kb) == plain
    file = the_cache_file(folder)
    good = file.read_bytes()
    fifo = folder.parent / "a.fifo"
    os.mkfifo(fifo)
    for target in ("/dev/zero", "/dev/urandom", str(fifo)):
        file.unlink()
        file.symlink_to(target)
        assert cache_run(kb) == plain, target  # no hang, no memory blow-up, the same answers
        assert not file.is_symlink() and file.read_bytes() == good  # rebuilt in its place
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_cache_file_others_may_write_is_not_trusted(cached):
    kb, folder, plain = cached
    assert cache_run(kb) == plain
    file = the_cache_file(folder)
    file.chmod(0o666)
    assert cache_run(kb) == plain
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # replaced by a fresh one of our own


def _forge(blob: bytes, edit) -> bytes:
    """A cache file rewritten by ``edit(meta, arrays)``, with a valid checksum.

    The layout: MAGIC, a CRC-32 of everything after the next 4 bytes (padding), the metadata's
    length (8 bytes) and JSON, then each array aligned to 8 bytes, then padding to 8."""
    import zlib
    from array import array

    from factcheck.engine.cache import MAGIC, _aligned

    head = len(MAGIC) + 8
    n = int.from_bytes(blob[head:head + 8], "little")
    meta = json.loads(blob[head + 8:head + 8 + n])
    arrays, offset = {}, _aligned(head + 8 + n)
    for name, code, count in meta["arrays"]:
        arr = array(code)
        arr.frombytes(blob[offset:offset + arr.itemsize * count])
        arrays[name] = arr
        offset = _aligned(offset + arr.itemsize * count)
    edit(meta, arrays)
    meta["arrays"] = [[name, arr.typecode, len(arr)] for name, arr in arrays.items()]
    raw = json.dumps(meta).encode()
    body = len(raw).to_bytes(8, "little") + raw
    for arr in arrays.values():
        body += b"\0" * (_aligned(head + len(body)) - head - len(body)) + arr.tobytes()
    body += b"\0" * (_aligned(head + len(body)) - head - len(body))
    return MAGIC + zlib.crc32(body).to_bytes(4, "little") + b"\0" * 4 + body


def _set_all(arr, value):
    for i in range(len(arr)):
        arr[i] = value


INCONSISTENT = {
    "term ids past the end": lambda m, a: _set_all(a["doc_term"], 10 ** 6),
    "negative surface ids": lambda m, a: _set_all(a["doc_surf"], -5),
    "postings naming claims that do not exist": lambda m, a: _set_all(a["post_claim"], 10 ** 6),
    "claim spans off the text": lambda m, a: _set_all(a["claim_bytes"], 7),
    "phrasings past the documents": lambda m, a: _set_all(a["claim_first_doc"], 10 ** 6),
    "documents of claims that do not exist": lambda m, a: _set_all(a["doc_claim"], 10 ** 6),
    "term starts past the end": lambda m, a: _set_all(a["post_start"], 10 ** 7),
    "terms that are not strings": lambda m, a: m.__setitem__("terms", [1] * len(m["terms"])),
}


@pytest.mark.parametrize("how", list(INCONSISTENT))
def test_a_cache_with_a_valid_checksum_but_inconsistent_contents_is_rebuilt(cached, how):
    kb, folder, plain = cached
    assert cache_run(kb) == plain
    file = the_cache_file(folder)
    good = file.read_bytes()
    file.write_bytes(_forge(good, INCONSISTENT[how]))
    assert cache_run(kb) == plain  # never an internal error: the index is rebuilt from the KB
    assert cache_run(kb) == plain
    assert the_cache_file(folder).read_bytes() == good  # and a good cache written again


@pytest.mark.parametrize("how", [h for h in INCONSISTENT if h != "terms that are not strings"])
def test_an_inconsistent_cache_the_key_file_vouches_for_is_caught_as_it_is_read(cached, how):
    """Edited in place with its size, time and inode kept, an index file is trusted by the key
    file without its checksum being read: every index is still checked as it is followed."""
    from array import array

    from factcheck.engine.cache import MAGIC, _aligned

    kb, folder, plain = cached
    assert cache_run(kb) == plain
    assert cache_run(kb) == plain  # (the key file now vouches for the index file)
    file = the_cache_file(folder)
    good = file.read_bytes()
    head = len(MAGIC) + 8
    n = int.from_bytes(good[head:head + 8], "little")
    meta = json.loads(good[head + 8:head + 8 + n])
    arrays, offset = {}, _aligned(head + 8 + n)
    for name, code, count in meta["arrays"]:
        arr = array(code)
        arr.frombytes(good[offset:offset + arr.itemsize * count])
        arrays[name] = (offset, arr)
        offset = _aligned(offset + arr.itemsize * count)
    INCONSISTENT[how](meta, {name: arr for name, (_, arr) in arrays.items()})
    before = file.stat()
    with open(file, "r+b") as f:
        for at, arr in arrays.values():
            f.seek(at)
            f.write(arr.tobytes())
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = file.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert file.read_bytes() != good
    assert cache_run(kb) == plain  # rebuilt from the knowledge base as soon as it is noticed
    assert cache_run(kb) == plain
    assert the_cache_file(folder).read_bytes() == good


def _replace_in_meta(old: str, new: str):
    def edit(meta, arrays):
        text = json.dumps(meta).replace(json.dumps(old)[1:-1], json.dumps(new)[1:-1])
        meta.clear()
        meta.update(json.loads(text))
    return edit


def test_what_the_user_reads_never_comes_from_the_cache(cached):
    """An edited cache cannot show a forged publisher, source title, reliability or concept."""
    kb, folder, plain = cached
    assert cache_run(kb) == plain
    file = the_cache_file(folder)
    good = file.read_bytes()
    data = json.loads(kb.read_text(encoding="utf-8"))
    src = data["sources"][0]
    concept = next(c for c in data["concepts"] if c.get("label") or c["terms"])
    name = concept.get("label") or concept["terms"][0]
    assert src["publisher"] in plain[1]
    for old, new in ((src["publisher"], "Forged Publisher"), (src["title"], "Forged Title"),
                     (f'"reliability": "{src["reliability"]}"', '"reliability": "high"'),
                     (name, "forged concept")):
        file.write_bytes(_forge(good, _replace_in_meta(old, new)))
        out = cache_run(kb)
        assert out == plain, old
        assert "Forged" not in out[1] and "forged concept" not in out[1]


WRONG_PARTS = {  # where the cache says the knowledge base's head (version, sources, concepts) ends
    "a byte short": lambda m, a, kb: m.__setitem__("head", m["head"] - 1),
    "a byte long": lambda m, a, kb: m.__setitem__("head", m["head"] + 1),
    "at the first claim's end": lambda m, a, kb: m.__setitem__("head", a["claim_bytes"][1]),
    "inside the sources": lambda m, a, kb: m.__setitem__("head", kb.index(b'"sources"') + 12),
    "the whole file": lambda m, a, kb: m.__setitem__("head", len(kb)),
}


@pytest.mark.parametrize("how", list(WRONG_PARTS))
def test_a_cache_pointing_at_the_wrong_part_of_the_knowledge_base_is_rebuilt(cached, how):
    kb, folder, plain = cached
    assert cache_run(kb) == plain
    file = the_cache_file(folder)
    good = file.read_bytes()
    file.write_bytes(_forge(good, lambda m, a: WRONG_PARTS[how](m, a, kb.read_bytes())))
    assert cache_run(kb) == plain
    assert cache_run(kb) == plain
    assert the_cache_file(folder).read_bytes() == good


def test_no_home_and_an_unknown_user_is_no_error(cached, monkeypatch):
    kb, folder, plain = cached
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)

    def nobody(cls=None):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(nobody))
    assert cache_run(kb, {"HOME": None, "XDG_CACHE_HOME": None, "FACTCHECK_CACHE_DIR": None}) == plain


def test_no_home_and_an_unknown_user_id_in_a_real_process(tmp_path):
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("switching to a user id with no password entry needs root")
    import pwd

    uid = next(u for u in range(54321, 60000) if not _has_user(pwd, u))
    kb = tmp_path / "kb.json"
    kb.write_bytes(KB.read_bytes())
    os.chmod(tmp_path, 0o755)
    kb.chmod(0o644)
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", "FACTCHECK_CACHE_DIR")}
    env.update(NO_COLOR="1", FACTCHECK_NO_CACHE="0")
    try:
        out = subprocess.run([sys.executable, "-m", "factcheck", "--kb", str(kb), "check", FALSE],
                             capture_output=True, env=env, timeout=60, cwd=tmp_path,
                             preexec_fn=lambda: (os.setgid(uid), os.setuid(uid)))
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot run as user id {uid}: {exc}")
    if b"Permission denied" in out.stderr and b"factcheck" not in out.stderr:
        pytest.skip("the interpreter is not readable by another user here")
    assert out.returncode == 1, out.stderr
    assert b"error" not in out.stderr


def _has_user(pwd, uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


def test_a_relative_xdg_cache_home_is_ignored(cached, monkeypatch, tmp_path):
    kb, folder, plain = cached
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    home = tmp_path / "home"
    env = {"FACTCHECK_CACHE_DIR": None, "XDG_CACHE_HOME": "relative/cache", "HOME": str(home)}
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.setenv("HOME", str(home))
    assert cache_run(kb, env) == plain
    assert list(work.iterdir()) == []  # nothing written in the current folder
    assert list((home / ".cache" / "factcheck").glob("*.idx"))


def test_temporaries_of_a_killed_build_are_cleaned_up(cached):
    import time

    kb, folder, plain = cached
    folder.mkdir(parents=True)
    stale = folder / ".tmp-killed.idx"
    stale.write_bytes(b"half an index")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    fresh = folder / ".tmp-building.idx"  # another process's build, still going
    fresh.write_bytes(b"being written")
    assert cache_run(kb) == plain
    assert not stale.exists()
    assert fresh.exists()


# --------------------------------------------------------------------------- 10. an ASCII-only stdout


def _ascii_run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "ascii", "FACTCHECK_NO_CACHE": "1",
           "COLUMNS": "100"}
    env.pop("FACTCHECK_KB", None)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_an_ascii_only_stdout_gets_escapes_not_an_internal_error(fmt):
    statement = "Magnesium cures hemifacial spasm \u2014 \u00e9t\u00e9 \U0001f600"
    out = _ascii_run("--kb", str(KB), "check", "-f", fmt, statement)
    assert out.returncode == 1, out.stderr
    assert out.stderr == b""
    text = out.stdout.decode("ascii")  # nothing but ASCII
    if fmt == "text":
        assert "\\u2014" in text and "\\u00e9" in text
    else:
        doc = json.loads(text.splitlines()[0] if fmt == "jsonl" else text)
        first = doc if fmt == "jsonl" else doc["results"][0]
        assert first["statement"] == statement  # the escapes are JSON's own: the same text


def test_an_ascii_only_stdout_works_for_kb_commands_and_errors(tmp_path):
    out = _ascii_run("--kb", str(KB), "kb", "show", "magnesium-cures-hfs")
    assert out.returncode == 0, out.stderr
    out.stdout.decode("ascii")
    out = _ascii_run("--kb", str(tmp_path / "n\u00f6.json"), "check", FALSE)
    assert out.returncode == 2
    assert out.stderr.decode("ascii").startswith("factcheck: error: knowledge base not found")


# --------------------------------------------------------------------------- 12. look-alike letters

LOOKALIKES = [
    "M\u0430gnesium cures hemifacial spasm",  # Cyrillic a
    "\u039cagnesium cures h\u0435mifacial spasm",  # Greek capital Mu, Cyrillic ie
    "Magnesium cur\u0435s h\u0435mif\u0430ci\u0430l sp\u0430sm",  # five Cyrillic letters
    "Mag\u200bnesium cures hemi\u2060facial spasm",  # zero-width space, word joiner
    "\uff2dagnesium cures hemifacial spasm",  # fullwidth M (NFKC)
]


@pytest.mark.parametrize("statement", LOOKALIKES)
def test_look_alike_letters_do_not_dodge_a_claim(statement):
    plain = json.loads(run("--kb", str(KB), "check", "-f", "jsonl", FALSE).stdout)
    r = run("--kb", str(KB), "check", "-f", "jsonl", statement)
    got = json.loads(r.stdout)
    assert r.exit_code == 1
    assert (got["verdict"], got["claim"]["id"]) == (plain["verdict"], plain["claim"]["id"])
    assert got["statement"] == statement  # shown as written


def test_look_alikes_are_shown_as_written_in_text_output():
    r = run("--kb", str(KB), "check", LOOKALIKES[0])
    assert r.exit_code == 1
    assert "M\u0430gnesium" in r.stdout  # the Cyrillic letter itself, not a folded "a"


def test_text_in_another_script_is_not_read_as_a_claim():
    r = run("--kb", str(KB), "check", "-f", "jsonl", "\u041c\u0430\u0433\u043d\u0438\u0439 \u043b\u0435\u0447\u0438\u0442 \u0441\u043f\u0430\u0437\u043c")
    assert json.loads(r.stdout)["verdict"] == "no-match"


def test_the_fold_is_data_built_from_unicode_and_never_touches_ascii():
    from factcheck.engine.text import fold_confusables

    path = Path(__file__).resolve().parent.parent / "factcheck" / "data" / "confusables.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(rows) > 500
    for cp, to in rows:
        assert int(cp, 16) > 0x7F, cp
        assert to == "" or (to.isascii() and to.isalpha()), (cp, to)
    ascii_text = "".join(chr(i) for i in range(128))
    assert fold_confusables(ascii_text) == ascii_text
    assert fold_confusables("\u0406\u0456\u0399\u03bf0O") == "IiIo0O"  # I, not the prototype l


def test_every_format_character_is_escaped_for_display():
    """The invisible set in render/common.py covers Unicode's whole Cf category."""
    import unicodedata

    from factcheck.render.common import safe

    missing = [hex(cp) for cp in range(sys.maxunicode + 1)
               if unicodedata.category(chr(cp)) == "Cf" and chr(cp) in safe(f"a{chr(cp)}b")]
    assert missing == []


def test_an_inconsistent_cache_met_outside_a_check_is_one_line_and_gone(cached, tmp_path):
    """eval looks claims up by id before checking: a forged claim span found there is one
    clear line (never an internal error), and the cache file is dropped for the next run."""
    kb, folder, plain = cached
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"statement": FALSE, "expect": "false", "claim": "magnesium-cures-hfs"}) + "\n")
    good = run("--kb", str(kb), "eval", str(cases))
    assert good.exit_code == 0, good.stderr
    file = the_cache_file(folder)
    file.write_bytes(_forge(file.read_bytes(), INCONSISTENT["claim spans off the text"]))
    r = run("--kb", str(kb), "eval", str(cases))
    if r.exit_code != 0:
        one_error(r, "index cache was inconsistent")
    assert not file.exists() or r.exit_code == 0
    again = run("--kb", str(kb), "eval", str(cases))
    assert (again.exit_code, again.stdout) == (good.exit_code, good.stdout)


def test_invisible_characters_are_escaped_in_github_annotations(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Magnesium\u200b cures hemifacial\u2060 spasm.\n", encoding="utf-8")
    r = run("--kb", str(KB), "scan", "-f", "github", str(post))
    assert r.stdout.startswith("::error ")
    assert "\u200b" not in r.stdout and "\u2060" not in r.stdout
    assert "\\u200b" in r.stdout and "\\u2060" in r.stdout
