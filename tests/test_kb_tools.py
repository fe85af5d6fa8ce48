"""The curator commands (`factcheck kb validate|stats|list|show`) and knowledge.schema.json."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.kb import knowledge
from factcheck.cli.app import app
from factcheck.kb.curation import Finding, fold_whitespace, lint, validate_file, verify_excerpts
from factcheck.kb.knowledge import Reliability, Stance, Verdict

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "knowledge.schema.json").read_text(encoding="utf-8"))

DOCUMENT = (
    "Facial nerve notes\n\n"
    "Hemifacial spasm is caused by a blood vessel pressing on the facial\n"
    "nerve.\u00a0No diet or supplement cures it.   Botulinum toxin injections relieve the\n"
    "spasms for a few months.\n"
    "Magnesium deficiency can cause eyelid twitching [in some people].\n"
)

KB: dict[str, Any] = {
    "version": 1,
    "sources": [
        {"id": "notes", "title": "Facial nerve notes", "publisher": "Clinic [Press]",
         "kind": "summary", "reliability": "high", "file": "notes.txt"},
        {"id": "blog", "title": "Twitch blog", "publisher": "A blogger", "kind": "blog",
         "reliability": "low"},
    ],
    "concepts": [
        {"id": "hfs", "terms": ["hemifacial spasm", "HFS"], "kind": "condition"},
        {"id": "magnesium", "terms": ["magnesium"], "kind": "nutrient", "broader": ["supplement"]},
        {"id": "supplement", "terms": ["supplement", "supplements"]},
    ],
    "claims": [
        {
            "id": "diet-cures-hfs",
            "text": "A diet or supplement cures hemifacial spasm.",
            "verdict": "false",
            "summary": "Nothing you eat moves the blood vessel off the nerve.",
            "aliases": ["supplements cure HFS"],
            "evidence": [
                {"source": "notes", "stance": "contradicts",
                 "excerpt": "No diet or supplement cures it."},
                {"source": "blog", "stance": "supports", "excerpt": "Magnesium fixed my spasm!"},
            ],
        },
        {
            "id": "vessel-causes-hfs",
            "text": "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve.",
            "verdict": "true",
            "summary": "Neurovascular compression is the usual cause.",
            "evidence": [
                {"source": "notes", "stance": "supports",
                 "excerpt": "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve."},
            ],
        },
        {
            "id": "magnesium-twitching",
            "text": "Magnesium deficiency can cause eyelid twitching.",
            "verdict": "mostly-true",
            "summary": "Low magnesium [Mg] is one cause of twitching, not of hemifacial spasm.",
            "aliases": ["low magnesium makes eyelids twitch"],
            "evidence": [
                {"source": "notes", "stance": "supports",
                 "excerpt": "Magnesium deficiency can cause eyelid twitching [in some people]."},
            ],
        },
    ],
}


def kb_data() -> dict[str, Any]:
    return copy.deepcopy(KB)


def write(tmp_path: Path, data: Any, name: str = "kb.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text(DOCUMENT, encoding="utf-8")
    return folder


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120", **(env or {})})


# --------------------------------------------------------------------------- kb validate


def test_validate_valid_kb(tmp_path: Path) -> None:
    path = write(tmp_path, kb_data())
    result = invoke("kb", "validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: 3 claims, 2 sources, 3 concepts\n"
    assert result.stderr == ""


def test_validate_verifies_excerpts_folding_whitespace(tmp_path: Path, docs: Path) -> None:
    # The document breaks a quoted sentence over two lines and has an NBSP and a run of spaces
    # where the excerpts have single spaces: only whitespace differs, so the three verify.
    path = write(tmp_path, kb_data())
    result = invoke("kb", "validate", str(path), "--documents", str(docs))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"ok: 3 claims, 2 sources, 3 concepts; 3 excerpts verified in {docs}; 1 warning\n"
    # The blog has no file: its excerpt cannot be checked, which is said, not failed.
    assert "sources[1] (blog): has no 'file', so its 1 excerpt could not be verified" in result.stderr


def test_validate_uses_global_kb_and_env(tmp_path: Path) -> None:
    path = write(tmp_path, kb_data())
    by_option = invoke("--kb", str(path), "kb", "validate")
    by_env = invoke("kb", "validate", env={"FACTCHECK_KB": str(path)})
    assert by_option.exit_code == by_env.exit_code == 0
    assert by_option.stdout == by_env.stdout == "ok: 3 claims, 2 sources, 3 concepts\n"


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets ``a.b[0].c`` (or deletes it, for value ...)."""

    def mutate(data: dict[str, Any]) -> None:
        keys: list[Any] = []
        for part in path.split("."):
            name, _, rest = part.partition("[")
            keys.append(name)
            if rest:
                keys.extend(int(i) for i in rest.rstrip("]").split("]["))
        target = data
        for key in keys[:-1]:
            target = target[key]
        if value is ...:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value

    return mutate


FAULTS = [
    ("duplicate-id", _set("claims[1].id", "diet-cures-hfs"),
     "claims[1] (diet-cures-hfs).id: duplicate claim id 'diet-cures-hfs'"),
    ("unknown-source", _set("claims[0].evidence[0].source", "nowhere"),
     "claims[0] (diet-cures-hfs).evidence[0].source: unknown source 'nowhere'"),
    ("unknown-verdict", _set("claims[2].verdict", "pants-on-fire"),
     "claims[2] (magnesium-twitching).verdict: unknown value 'pants-on-fire'"),
    ("unknown-stance", _set("claims[1].evidence[0].stance", "agrees"),
     "claims[1] (vessel-causes-hfs).evidence[0].stance: unknown value 'agrees'"),
    ("unknown-reliability", _set("sources[1].reliability", "very high"),
     "sources[1] (blog).reliability: unknown value 'very high'"),
    ("empty-claims", _set("claims", []), "claims: must hold at least one claim"),
    ("missing-field", _set("claims[1].summary", ...),
     "claims[1] (vessel-causes-hfs): missing required field 'summary'"),
    ("wrong-type", _set("claims[0].aliases", "supplements cure HFS"),
     "claims[0] (diet-cures-hfs).aliases: must be an array, not a string"),
    ("unknown-field", _set("sources[0].reliabilty", "high"), "sources[0] (notes).reliabilty: unknown field"),
    ("unknown-broader", _set("concepts[1].broader", ["vitamin"]),
     "concepts[1] (magnesium).broader[0]: unknown concept 'vitamin'"),
    ("unknown-means", _set("concepts[0].means", ["facial-nerve"]),
     "concepts[0] (hfs).means[0]: unknown concept 'facial-nerve'"),
    ("empty-evidence", _set("claims[1].evidence", []),
     "claims[1] (vessel-causes-hfs).evidence: must not be empty"),
    ("wrong-version", _set("version", 2), "version: unsupported format version 2"),
]


@pytest.mark.parametrize("mutate,line", [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_validate_reports_each_fault_with_its_path(tmp_path: Path, mutate, line: str) -> None:
    data = kb_data()
    mutate(data)
    result = invoke("kb", "validate", str(write(tmp_path, data)))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert any(out.startswith(line) for out in lines), result.stdout
    assert lines[-1].startswith("invalid: 1 fault in ")


def test_validate_lists_every_fault(tmp_path: Path) -> None:
    data = kb_data()
    for _, mutate, _ in FAULTS[1:5]:
        mutate(data)
    result = invoke("kb", "validate", str(write(tmp_path, data)))
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 5
    assert "invalid: 4 faults" in result.stdout


def test_validate_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{"version": 1,\n  "sources": [}\n')
    result = invoke("kb", "validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"factcheck: error: {path}:2:15: not valid JSON")
    assert len(result.stderr.splitlines()) == 1


def test_validate_missing_file(tmp_path: Path) -> None:
    result = invoke("kb", "validate", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: knowledge base not found: {tmp_path / 'nope.json'}\n"


def test_validate_not_an_object(tmp_path: Path) -> None:
    result = invoke("kb", "validate", str(write(tmp_path, [1, 2])))
    assert result.exit_code == 2
    assert result.stdout.startswith("must be an object, not an array\n")


def test_excerpt_not_verbatim_is_caught(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    # A paraphrase: one word differs from the document.
    data["claims"][0]["evidence"][0]["excerpt"] = "No diet or supplement can cure it."
    result = invoke("kb", "validate", str(write(tmp_path, data)), "--documents", str(docs))
    assert result.exit_code == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "claims[0] (diet-cures-hfs).evidence[0].excerpt: not found verbatim in notes.txt"
    )
    assert "then it has 'can cure it.' where the document has 'cures it. Botulinum" in first  # where it goes wrong
    assert "2 of 4 excerpts verified" in result.stdout


@pytest.mark.parametrize("excerpt", [
    "No diet or supplement cures it.",  # as in the document
    "nerve. No  diet or\tsupplement\ncures it.",  # only whitespace differs (the document has NBSP)
    "  Botulinum toxin injections relieve the spasms  ",  # leading and trailing space
])
def test_excerpt_differing_only_in_whitespace_passes(tmp_path: Path, docs: Path, excerpt: str) -> None:
    data = kb_data()
    data["claims"][0]["evidence"][0]["excerpt"] = excerpt
    result = invoke("kb", "validate", str(write(tmp_path, data)), "--documents", str(docs))
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("excerpt,status", [
    ("no diet or supplement cures it.", 2),  # case is not whitespace
    ("No diet or supplement cures it\u2019s", 2),  # nor is punctuation
    ("No diet or supplement cures it", 0),  # a shorter quote is still verbatim
])
def test_excerpt_folding_is_whitespace_only(tmp_path: Path, docs: Path, excerpt: str, status: int) -> None:
    data = kb_data()
    data["claims"][0]["evidence"][0]["excerpt"] = excerpt
    result = invoke("kb", "validate", str(write(tmp_path, data)), "--documents", str(docs))
    assert result.exit_code == status, result.stdout


def test_source_file_missing_from_documents(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    data["sources"][0]["file"] = "004_missing.txt"
    result = invoke("kb", "validate", str(write(tmp_path, data)), "--documents", str(docs))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == f"sources[0] (notes).file: 004_missing.txt not found in {docs}"
    # One fault for the file, not one for each excerpt quoting it.
    assert "invalid: 1 fault" in result.stdout


def test_documents_directory_missing(tmp_path: Path) -> None:
    path = write(tmp_path, kb_data())
    result = invoke("kb", "validate", str(path), "--documents", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: documents directory not found: {tmp_path / 'nowhere'} "
                                    "(--documents names the folder holding the files")
    assert "docs/knowledge-base.md" in result.stderr and result.stderr.count("\n") == 1


def test_schema_faults_and_excerpt_faults_are_reported_together(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    data["claims"][1]["verdict"] = "maybe"
    data["claims"][2]["evidence"][0]["excerpt"] = "Magnesium cures everything."
    result = invoke("kb", "validate", str(write(tmp_path, data)), "--documents", str(docs))
    assert result.exit_code == 2
    assert "claims[1] (vessel-causes-hfs).verdict: unknown value 'maybe'" in result.stdout
    assert "claims[2] (magnesium-twitching).evidence[0].excerpt: not found verbatim" in result.stdout


def test_warnings_do_not_fail(tmp_path: Path) -> None:
    data = kb_data()
    data["claims"][1]["aliases"] = ["  a DIET or supplement cures Hemifacial Spasm "]
    data["claims"][0]["evidence"][1]["excerpt"] = "One. Two! Three? Four."
    data["concepts"][2]["terms"].append("Magnesium")
    result = invoke("kb", "validate", str(write(tmp_path, data)))
    assert result.exit_code == 0
    assert result.stdout == "ok: 3 claims, 2 sources, 3 concepts; 3 warnings\n"
    assert result.stderr.splitlines() == [
        "factcheck: warning: claims[0] (diet-cures-hfs).evidence[1].excerpt: 4 sentences long; "
        "quote at most 3, the ones that bear on the claim",
        "factcheck: warning: claims[1] (vessel-causes-hfs).aliases[0]: repeats claims[0] (diet-cures-hfs).text",
        "factcheck: warning: concepts[2] (supplement).terms[2]: term 'Magnesium' is also a term of "
        "concepts[1] (magnesium)",
    ]


def test_uncited_source_is_a_warning(tmp_path: Path) -> None:
    data = kb_data()
    data["sources"].append({"id": "spare", "title": "Spare", "publisher": "", "kind": "x", "reliability": "medium"})
    result = invoke("kb", "validate", str(write(tmp_path, data)))
    assert result.exit_code == 0
    assert "sources[2] (spare): is cited by no evidence and no origin" in result.stderr


def test_validate_json(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    data["claims"][0]["verdict"] = "nope"
    result = invoke("kb", "validate", str(write(tmp_path, data)), "-d", str(docs), "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert set(report) == {"path", "valid", "counts", "documents", "verified", "faults", "warnings"}
    assert report["valid"] is False
    assert report["counts"] == {"claims": 3, "sources": 2, "concepts": 3, "excerpts": 4}
    assert report["verified"] == 3
    assert report["faults"] == [{
        "where": "claims[0].verdict", "id": "diet-cures-hfs",
        "message": "unknown value 'nope' (expected one of: true, mostly-true, mixed, unproven, mostly-false, false)",
    }]
    assert [w["where"] for w in report["warnings"]] == ["sources[1]"]
    assert result.stderr == ""  # in JSON the warnings are in the document, not on stderr


def test_finding_location() -> None:
    assert Finding("claims[3].evidence[1].excerpt", "m", "x-y").location == "claims[3] (x-y).evidence[1].excerpt"
    assert str(Finding("claims[3]", "bad", "x")) == "claims[3] (x): bad"
    assert str(Finding("version", "bad")) == "version: bad"
    assert str(Finding("", "must be an object")) == "must be an object"


def test_lint_survives_malformed_data() -> None:
    # Linting runs alongside validation, so it must take whatever JSON it is given.
    for data in (None, [], {"claims": "x"}, {"claims": [1, {"evidence": [None, {"excerpt": 3}]}]},
                 {"concepts": [{"terms": [1, "", "a"]}, {"terms": ["A"]}]}):
        lint(data)
        if isinstance(data, dict):
            assert verify_excerpts(data, ROOT) == ([], [], 0)


_WHITESPACE = st.text(alphabet=" \t\n\r\u00a0", min_size=1, max_size=4)


@given(words=st.lists(st.text(alphabet="abcXYZ.,'\u201c", min_size=1, max_size=6), min_size=1, max_size=12),
       gaps=st.lists(_WHITESPACE, min_size=12, max_size=12), start=st.integers(0, 11), length=st.integers(1, 12))
def test_any_quote_with_other_whitespace_is_found(words, gaps, start, length) -> None:
    document = "".join(w + g for w, g in zip(words, gaps))
    quote = " ".join(words[start:start + length]) or words[0]
    assert fold_whitespace(quote).strip() in fold_whitespace(document)


def test_validate_file_library_call(tmp_path: Path, docs: Path) -> None:
    report = validate_file(write(tmp_path, kb_data()), docs)
    assert report.ok and report.verified == 3 and report.excerpts == 4


# --------------------------------------------------------------------------- kb stats


def test_stats_json(tmp_path: Path) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["claims"] == {
        "total": 3, "imported": 0,
        "by_verdict": {"true": 1, "mostly-true": 1, "mixed": 0, "unproven": 0, "mostly-false": 0, "false": 1},
        "without_aliases": 1, "without_aliases_ids": ["vessel-causes-hfs"],
    }
    assert stats["sources"] == {"total": 2, "by_reliability": {"high": 1, "medium": 0, "low": 1}}
    assert stats["evidence"] == {
        "total": 4, "by_stance": {"supports": 3, "contradicts": 1},
        "by_source": {
            "notes": {"reliability": "high", "supports": 2, "contradicts": 1, "total": 3},
            "blog": {"reliability": "low", "supports": 1, "contradicts": 0, "total": 1},
        },
    }
    assert stats["concepts"] == {"total": 3, "by_kind": {"condition": 1, "nutrient": 1, "": 1}}


def test_stats_text(tmp_path: Path) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "stats")
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["Claims", "3", "(0", "imported)"] in lines
    assert ["mostly-true", "1"] in lines and ["mixed", "0"] in lines
    assert ["without", "aliases:", "1", "(vessel-causes-hfs)"] in lines
    assert ["notes", "high", "2", "1", "3"] in lines
    assert ["(no", "kind)", "1"] in lines
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_stats_on_invalid_kb_is_an_error(tmp_path: Path) -> None:
    data = kb_data()
    data["claims"] = []
    result = invoke("--kb", str(write(tmp_path, data)), "kb", "stats")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: ") and "at least one claim" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# --------------------------------------------------------------------------- kb list


def _ids(stdout: str) -> list[str]:
    return [line.split()[0] for line in stdout.splitlines()]


def test_list_all(tmp_path: Path) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "diet-cures-hfs       false         A diet or supplement cures hemifacial spasm.",
        "vessel-causes-hfs    true          Hemifacial spasm is caused by a blood vessel pressing on the facial nerve.",
        "magnesium-twitching  mostly-true   Magnesium deficiency can cause eyelid twitching.",
    ]


def test_list_lines_are_never_wrapped(tmp_path: Path) -> None:
    data = kb_data()
    data["claims"][0]["text"] = "word " * 60
    result = CliRunner().invoke(app, ["--kb", str(write(tmp_path, data)), "kb", "list"],
                                env={"NO_COLOR": "1", "COLUMNS": "40"})
    assert len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize("args,ids", [
    (["--verdict", "false"], ["diet-cures-hfs"]),
    (["-v", "true", "-v", "mostly-true"], ["vessel-causes-hfs", "magnesium-twitching"]),
    (["--source", "blog"], ["diet-cures-hfs"]),
    (["--source", "notes", "--verdict", "true"], ["vessel-causes-hfs"]),
    (["--source", "blog", "--verdict", "true"], []),
])
def test_list_filters_combine(tmp_path: Path, args: list[str], ids: list[str]) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "list", *args)
    assert result.exit_code == 0
    assert _ids(result.stdout) == ids


def test_list_unknown_verdict_lists_the_valid_ones(tmp_path: Path) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "list", "--verdict", "bogus")
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: unknown verdict 'bogus' "
        "(expected one of: true, mostly-true, mixed, unproven, mostly-false, false)\n"
    )
    assert result.stdout == ""


def test_list_unknown_source(tmp_path: Path) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "list", "--source", "nyt")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: unknown source 'nyt' (the sources are: notes, blog)\n"


def test_list_json_and_jsonl(tmp_path: Path) -> None:
    path = str(write(tmp_path, kb_data()))
    as_json = invoke("--kb", path, "kb", "list", "--format", "json", "--verdict", "false")
    assert json.loads(as_json.stdout) == [{
        "id": "diet-cures-hfs", "verdict": "false",
        "text": "A diet or supplement cures hemifacial spasm.", "sources": ["notes", "blog"],
    }]
    as_jsonl = invoke("--kb", path, "kb", "list", "--format", "jsonl")
    records = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert [r["id"] for r in records] == ["diet-cures-hfs", "vessel-causes-hfs", "magnesium-twitching"]
    assert set(records[0]) == {"id", "verdict", "text", "sources"}


# --------------------------------------------------------------------------- kb show


def test_show_text(tmp_path: Path) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "show", "diet-cures-hfs")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("diet-cures-hfs\nA diet or supplement cures hemifacial spasm.\nVerdict: false\n")
    assert "Nothing you eat moves the blood vessel off the nerve." in out
    assert "Also stated as\n  - supplements cure HFS\n" in out
    supporting, contradicting = out.split("Supporting (1)")[1].split("Contradicting (1)")
    assert "\u201cMagnesium fixed my spasm!\u201d" in supporting
    assert "\u2014 Twitch blog \u00b7 A blogger \u00b7 low reliability (blog)" in supporting
    assert "\u201cNo diet or supplement cures it.\u201d" in contradicting
    assert "\u2014 Facial nerve notes \u00b7 Clinic [Press] \u00b7 high reliability (notes)" in contradicting


def test_show_prints_brackets_as_they_are(tmp_path: Path) -> None:
    # Rich markup in knowledge-base text must be shown, not interpreted.
    data = kb_data()
    data["claims"][2]["text"] = "[bold red]Magnesium[/bold red] helps [link=x]twitches[/link]"
    result = CliRunner().invoke(app, ["--kb", str(write(tmp_path, data)), "kb", "show",
                                      "magnesium-twitching", "--color", "always"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "[bold red]Magnesium[/bold red] helps [link=x]twitches[/link]" in result.stdout
    assert "[Mg]" in result.stdout and "[in some people]" in result.stdout
    assert "\x1b[" in result.stdout  # coloured, as asked


def test_show_json(tmp_path: Path) -> None:
    result = invoke("--kb", str(write(tmp_path, kb_data())), "kb", "show", "vessel-causes-hfs", "-f", "json")
    assert result.exit_code == 0
    claim = json.loads(result.stdout)
    assert claim == {
        "id": "vessel-causes-hfs",
        "text": "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve.",
        "verdict": "true",
        "summary": "Neurovascular compression is the usual cause.",
        "aliases": [],
        "supporting": [{
            "source": {"id": "notes", "title": "Facial nerve notes", "publisher": "Clinic [Press]",
                       "reliability": "high"},
            "excerpt": "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve.",
        }],
        "contradicting": [],
        "origin": None,
    }


def test_show_imported_claim(tmp_path: Path) -> None:
    data = kb_data()
    data["claims"].append({
        "id": "imported", "text": "Bananas cure spasms.", "verdict": "false", "summary": "",
        "evidence": [], "origin": {"source": "blog", "rating": "Pants on fire", "url": "https://example.org/x",
                                   "appearances": ["https://example.org/post"]},
    })
    path = str(write(tmp_path, data))
    text = invoke("--kb", path, "kb", "show", "imported")
    assert text.exit_code == 0, text.output
    assert "Imported from blog; rated Pants on fire; at https://example.org/x" in text.stdout
    assert "seen at https://example.org/post" in text.stdout
    assert json.loads(invoke("--kb", path, "kb", "show", "imported", "-f", "json").stdout)["origin"] == {
        "source": "blog", "url": "https://example.org/x", "rating": "Pants on fire", "date": None,
        "appearances": ["https://example.org/post"],
    }


def test_show_unknown_id_suggests_close_ones(tmp_path: Path) -> None:
    path = str(write(tmp_path, kb_data()))
    result = invoke("--kb", path, "kb", "show", "diet-cure-hfs")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: unknown claim 'diet-cure-hfs' (did you mean: diet-cures-hfs")
    by_text = invoke("--kb", path, "kb", "show", "eyelid twitching")
    assert "did you mean: magnesium-twitching" in by_text.stderr
    nothing = invoke("--kb", path, "kb", "show", "qqqq")
    assert nothing.stderr == "factcheck: error: unknown claim 'qqqq' (see 'factcheck kb list')\n"


@pytest.mark.parametrize("command", ["validate", "coverage", "stats", "list", "show"])
def test_every_kb_command_has_help(command: str) -> None:
    result = invoke("kb", command, "--help")
    assert result.exit_code == 0
    assert f"factcheck kb {command}" in result.stdout and len(result.stdout) > 200


def test_kb_alone_shows_help() -> None:
    result = invoke("kb")
    assert "validate" in result.output and "stats" in result.output


# --------------------------------------------------------------------------- the JSON Schema

_TYPES = {str: "string", list: "array", dict: "object", int: "integer"}


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


@pytest.mark.parametrize("name,enum", [("verdict", Verdict), ("stance", Stance), ("reliability", Reliability)])
def test_schema_enums_are_the_python_enums(name: str, enum: type) -> None:
    assert SCHEMA["$defs"][name]["enum"] == [e.value for e in enum]


@pytest.mark.parametrize("schema,fields,required", [
    (SCHEMA, knowledge._TOP_FIELDS, ("version", "sources", "claims")),
    (SCHEMA["$defs"]["source"], knowledge._SOURCE_FIELDS, knowledge._SOURCE_REQUIRED),
    (SCHEMA["$defs"]["claim"], knowledge._CLAIM_FIELDS, knowledge._CLAIM_REQUIRED),
    (SCHEMA["$defs"]["evidence"], knowledge._EVIDENCE_FIELDS, ("source", "stance", "excerpt")),
    (SCHEMA["$defs"]["origin"], knowledge._ORIGIN_FIELDS, ("source",)),
    (SCHEMA["$defs"]["concept"], knowledge._CONCEPT_FIELDS, ("id", "terms")),
], ids=["top", "source", "claim", "evidence", "origin", "concept"])
def test_schema_fields_agree_with_the_validator(schema, fields, required) -> None:
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(fields)
    assert sorted(schema["required"]) == sorted(required)
    for name, python_type in fields.items():
        assert _resolve(schema["properties"][name])["type"] == _TYPES[python_type], name


def test_schema_enum_fields_use_the_enums() -> None:
    props = {name: SCHEMA["$defs"][name]["properties"] for name in ("source", "claim", "evidence")}
    assert props["source"]["reliability"] == {"$ref": "#/$defs/reliability"}
    assert props["claim"]["verdict"] == {"$ref": "#/$defs/verdict"}
    assert props["evidence"]["stance"] == {"$ref": "#/$defs/stance"}
    assert SCHEMA["properties"]["version"]["const"] == knowledge.FORMAT_VERSION


# What a schema cannot say: uniqueness, references between items, cycles.
_BEYOND_SCHEMA = {"duplicate-id", "unknown-source", "unknown-broader", "unknown-means"}


@pytest.mark.parametrize("name,mutate", [(f[0], f[1]) for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_schema_and_validator_agree(name: str, mutate) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert not list(validator.iter_errors(kb_data()))
    data = kb_data()
    mutate(data)
    assert knowledge.validate(data)
    assert bool(list(validator.iter_errors(data))) is (name not in _BEYOND_SCHEMA)


def test_schema_accepts_an_imported_claim_without_evidence() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = kb_data()
    data["claims"][0]["evidence"] = []
    data["claims"][0]["origin"] = {"source": "blog"}
    assert not knowledge.validate(data)
    assert not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


# --------------------------------------------------------------------------- the documented example


def test_documented_example_kb_is_valid() -> None:
    import re

    docs = [p for p in (ROOT / "docs" / "knowledge-base.md", ROOT / "docs" / "readme" / "knowledge-base.md") if p.is_file()]
    blocks = re.findall(r"```json\n(\{\n.*?)```", "\n".join(p.read_text(encoding="utf-8") for p in docs), re.S)
    examples = [d for d in (json.loads(b) for b in blocks if '"claims"' in b) if "sources" in d and "version" in d]
    assert examples, "the README shows a knowledge base"
    seeds = ROOT.parent / "shared" / "seeds"
    for data in examples:
        assert knowledge.validate(data) == []
        if seeds.is_dir():  # the example quotes the real source documents, verbatim
            faults, _, verified = verify_excerpts(data, seeds)
            assert faults == [] and verified == sum(len(c["evidence"]) for c in data["claims"])


@pytest.mark.parametrize("excerpt,long", [
    ("One. Two! Three? Four.", True),
    ("One. Two. Three.", False),
    ("Take e.g. magnesium. Dr. Smith said so. It is 2.5 mg.", False),  # abbreviations, decimals
    ("It is one. It is two. It is three. It is four", True),  # the last needs no full stop
    ("First line\nSecond line\nThird line\nFourth line", False),  # lines of one paragraph
])
def test_long_excerpt_warning_counts_sentences(excerpt: str, long: bool) -> None:
    data = kb_data()
    data["claims"][0]["evidence"][1]["excerpt"] = excerpt
    warned = [w for w in lint(data) if w.where == "claims[0].evidence[1].excerpt"]
    assert bool(warned) is long


@pytest.mark.parametrize("data", [
    {"version": 1, "sources": 3, "claims": 10},
    {"version": 1, "sources": [], "claims": "x", "concepts": 5},
    {"version": "1", "sources": [1], "claims": [None, 3]},
    [], None, "text", 42,
])
def test_validate_reports_wrong_shapes_without_crashing(data) -> None:
    faults = knowledge.validate(data)
    assert faults and all(isinstance(str(f), str) for f in faults)


def test_the_shipped_knowledge_base_accounts_for_every_sentence_of_its_documents():
    """What CI's `factcheck kb validate --documents ../shared/seeds` checks, run with the tests,
    so a change to the sentence splitter that cuts the documents differently fails here first."""
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the source documents live in the project's shared folder, beside the clone")
    result = CliRunner().invoke(app, ["kb", "validate", "--documents", str(seeds)])
    assert result.exit_code == 0, result.output
