"""The coverage map (`factcheck kb coverage`, and `kb validate --documents` holding a source with an
`uncheckable` list to a complete map)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.kb import knowledge
from factcheck.cli.app import app
from factcheck.kb.coverage import CITED, ROW, UNCHECKABLE, UNMAPPED, coverage, map_source, units
from factcheck.kb.curation import validate_file

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "knowledge.schema.json").read_text(encoding="utf-8"))

DOCUMENT = (
    "Facial nerve notes\n\n"
    "Hemifacial spasm is caused by a blood vessel pressing on the facial\n"
    "nerve. Is it dangerous? No diet cures it.\n\n"
    "| Nutrient | Role |\n"
    "|---|---|\n"
    "| Magnesium | Helps muscles relax. |\n"
    "| Calcium | Needed for contraction. |\n\n"
    "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve.\n\n"
    "- Ask your doctor.\n"
)

KB: dict[str, Any] = {
    "version": 1,
    "sources": [
        {"id": "notes", "title": "Facial nerve notes", "publisher": "Clinic", "kind": "summary",
         "reliability": "high", "file": "notes.txt",
         "uncheckable": [
             {"excerpt": "Facial nerve notes", "reason": "title"},
             {"excerpt": "Is it dangerous?", "reason": "a question"},
             {"excerpt": "| Nutrient | Role |", "reason": "table header"},
             {"excerpt": "Ask your doctor.", "reason": "advice"},
         ]},
    ],
    "claims": [
        {"id": "vessel", "text": "A blood vessel pressing on the facial nerve causes HFS.",
         "verdict": "true", "summary": "The high source says so.",
         "evidence": [{"source": "notes", "stance": "supports", "excerpt":
                       "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve."}]},
        {"id": "diet", "text": "No diet cures hemifacial spasm.", "verdict": "true",
         "summary": "The high source says so.",
         "evidence": [{"source": "notes", "stance": "supports", "excerpt": "No diet cures it."}]},
        {"id": "magnesium", "text": "Magnesium helps muscles relax.", "verdict": "true",
         "summary": "The table says so.",
         "evidence": [{"source": "notes", "stance": "supports", "excerpt": "Magnesium | Helps muscles relax."}]},
        {"id": "calcium", "text": "Calcium is needed for muscle contraction.", "verdict": "true",
         "summary": "The table says so.",
         "evidence": [{"source": "notes", "stance": "supports", "excerpt": "Needed for contraction."}]},
    ],
}


def kb_data() -> dict[str, Any]:
    return copy.deepcopy(KB)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text(DOCUMENT, encoding="utf-8")
    return folder


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})


# --------------------------------------------------------------------------- units


def test_units_are_sentences_headings_items_and_table_rows() -> None:
    found = [(u.line, u.kind, u.text) for u in units(DOCUMENT)]
    assert found == [
        (1, "paragraph", "Facial nerve notes"),
        (3, "paragraph", "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve."),
        (4, "paragraph", "Is it dangerous?"),
        (4, "paragraph", "No diet cures it."),
        (6, ROW, "Nutrient | Role"),
        (8, ROW, "Magnesium | Helps muscles relax."),
        (9, ROW, "Calcium | Needed for contraction."),
        (11, "paragraph", "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve."),
        (13, "item", "Ask your doctor."),
    ]


def test_a_unit_span_is_its_text_in_the_folded_document() -> None:
    from factcheck.kb.coverage import Folded

    folded = Folded(DOCUMENT).text
    for u in units(DOCUMENT):
        if u.kind != ROW:
            assert folded[u.start:u.end] == u.text


# --------------------------------------------------------------------------- mapping


def test_map_marks_cited_listed_and_unmapped() -> None:
    mapped = map_source(DOCUMENT, [("diet", "No diet cures it.")], [(0, "Is it dangerous?", "a question")])
    status = {m.unit.text: m.status for m in mapped}
    assert status["No diet cures it."] == CITED
    assert status["Is it dangerous?"] == UNCHECKABLE
    assert status["Facial nerve notes"] == UNMAPPED
    reasons = {m.unit.text: m.reason for m in mapped}
    assert reasons["Is it dangerous?"] == "a question"


def test_a_repeated_passage_is_covered_wherever_it_occurs() -> None:
    quote = "Hemifacial spasm is caused by a blood vessel pressing on the facial nerve."
    mapped = map_source(DOCUMENT, [("vessel", quote)], [])
    assert [m.unit.line for m in mapped if m.claims == ("vessel",)] == [3, 11]


def test_an_excerpt_over_part_of_a_unit_cites_it_and_says_how_much() -> None:
    mapped = map_source(DOCUMENT, [("calcium", "Needed for contraction.")], [])
    row = next(m for m in mapped if m.unit.line == 9)
    assert row.status == CITED and 0 < row.quoted < 1
    # touching a unit only at a space or a full stop is not citing it
    mapped = map_source(DOCUMENT, [("x", "it dangerous? No")], [])
    assert {m.unit.text for m in mapped if m.claims} == {"Is it dangerous?", "No diet cures it."}
    assert not any(m.claims for m in map_source(DOCUMENT, [("x", ". ")], []))


def test_coverage_of_a_complete_map(docs: Path) -> None:
    cov = coverage(kb_data(), docs)
    (source,) = cov.sources
    assert cov.complete and source.declared
    assert (source.cited, source.uncheckable, source.unmapped) == (5, 4, 0)
    assert source.mapped_share == 1.0 and source.cited_share == pytest.approx(5 / 9)


def test_coverage_reports_an_unreadable_file(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    data["sources"][0]["file"] = "missing.txt"
    cov = coverage(data, docs)
    assert not cov.complete and cov.unreadable == (("notes", f"missing.txt not found in {docs}"),)


# --------------------------------------------------------------------------- kb validate


def test_validate_passes_a_complete_map(tmp_path: Path, docs: Path) -> None:
    report = validate_file(write(tmp_path, kb_data()), docs)
    assert report.ok and not report.warnings, [str(f) for f in report.faults + report.warnings]


def test_validate_fails_on_a_sentence_neither_cited_nor_listed(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    del data["sources"][0]["uncheckable"][1]  # "Is it dangerous?"
    report = validate_file(write(tmp_path, data), docs)
    assert [str(f) for f in report.faults] == [
        "sources[0] (notes).uncheckable: notes.txt line 4, column 8 is neither cited by a claim nor "
        "listed as not checkable: 'Is it dangerous?'"
    ]
    result = invoke("kb", "validate", str(write(tmp_path, data)), "--documents", str(docs))
    assert result.exit_code == 2 and "neither cited" in result.stdout


def test_validate_leaves_a_source_without_a_list_alone(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    del data["sources"][0]["uncheckable"]
    assert validate_file(write(tmp_path, data), docs).ok


def test_an_uncheckable_excerpt_must_be_verbatim(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    data["sources"][0]["uncheckable"][3]["excerpt"] = "Ask your physician."
    faults = [str(f) for f in validate_file(write(tmp_path, data), docs).faults]
    assert faults[0].startswith("sources[0] (notes).uncheckable[3].excerpt: not found verbatim in notes.txt")


def test_a_listed_passage_that_a_claim_cites_is_a_warning(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    data["sources"][0]["uncheckable"].append({"excerpt": "No diet cures it.", "reason": "repeat"})
    report = validate_file(write(tmp_path, data), docs)
    assert report.ok
    assert [str(w) for w in report.warnings] == [
        "sources[0] (notes).uncheckable[4]: is listed as not checkable, but every sentence of it is cited (by diet)"
    ]


@pytest.mark.parametrize("entry,message", [
    ({"excerpt": "Ask your doctor."}, "missing required field 'reason'"),
    ({"excerpt": "Ask your doctor.", "reason": " "}, "must not be empty"),
    ({"excerpt": "Ask your doctor.", "reason": "advice", "why": "x"}, "unknown field"),
    ("Ask your doctor.", "must be an object, not a string"),
])
def test_uncheckable_entries_are_validated(entry: Any, message: str) -> None:
    data = kb_data()
    data["sources"][0]["uncheckable"][3] = entry
    faults = knowledge.validate(data)
    assert any(message in f.message and "uncheckable[3]" in f.where for f in faults), faults
    jsonschema = pytest.importorskip("jsonschema")
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


def test_the_schema_accepts_the_map() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(kb_data()))
    assert set(SCHEMA["$defs"]["uncheckable"]["properties"]) == set(knowledge._UNCHECKABLE_FIELDS)


def test_the_map_survives_a_round_trip() -> None:
    data = kb_data()
    assert knowledge.to_dict(knowledge.build(data))["sources"] == data["sources"]
    data["sources"][0]["uncheckable"] = []  # declared, and empty: every sentence is cited
    assert knowledge.to_dict(knowledge.build(data))["sources"][0]["uncheckable"] == []


# --------------------------------------------------------------------------- kb coverage


def test_coverage_text(tmp_path: Path, docs: Path) -> None:
    result = invoke("kb", "coverage", str(write(tmp_path, kb_data())), "--documents", str(docs))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "notes (notes.txt)"
    assert lines[1] == "  1:1   not checkable  title  Facial nerve notes"
    assert "  4:8   not checkable  a question  Is it dangerous?" in lines
    assert "  9:3   cited          calcium  Calcium | Needed for contraction." in lines
    assert "  6:3   not checkable  table header  Nutrient | Role" in lines
    assert lines[-1] == (
        "complete: 9 sentences and table rows in 1 document: 5 cited, 4 not checkable, "
        "0 unmapped; 100.0% mapped, 55.6% cited"
    )
    assert result.stderr == ""


def test_coverage_gaps_and_exit_1(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    del data["sources"][0]["uncheckable"]
    result = invoke("kb", "coverage", str(write(tmp_path, data)), "-d", str(docs), "--gaps")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "notes (notes.txt) no 'uncheckable' list"
    assert [line.split()[0] for line in lines[1:5]] == ["1:1", "4:8", "6:3", "13:3"]
    assert all("UNMAPPED" in line for line in lines[1:5])
    assert lines[-1].startswith("incomplete: 9 sentences and table rows in 1 document: 5 cited, 0 not checkable, 4 unmapped")


def test_coverage_json(tmp_path: Path, docs: Path) -> None:
    result = invoke("kb", "coverage", str(write(tmp_path, kb_data())), "-d", str(docs), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert set(report) == {"documents", "complete", "units", "cited", "uncheckable", "unmapped",
                           "mapped_share", "cited_share", "sources", "unreadable"}
    (source,) = report["sources"]
    assert set(source) == {"source", "file", "declared", "units", "cited", "uncheckable", "unmapped",
                           "mapped_share", "cited_share", "map"}
    first = source["map"][0]
    assert first == {"line": 1, "column": 1, "kind": "paragraph", "text": "Facial nerve notes",
                     "status": "uncheckable", "claims": [], "reason": "title", "quoted": 0.0}
    assert report["complete"] is True and report["units"] == 9


@pytest.mark.parametrize("args,message", [
    (["-d", "NOPE"], "documents directory not found"),
    (["-d", "DOCS", "--source", "blog"], "unknown source 'blog' (the sources are: notes)"),
])
def test_coverage_errors_exit_2(tmp_path: Path, docs: Path, args: list[str], message: str) -> None:
    args = [str(docs) if a == "DOCS" else str(tmp_path / "nope") if a == "NOPE" else a for a in args]
    result = invoke("kb", "coverage", str(write(tmp_path, kb_data())), *args)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_coverage_of_an_invalid_kb_is_an_error(tmp_path: Path, docs: Path) -> None:
    data = kb_data()
    data["claims"][0]["verdict"] = "flase"
    result = invoke("kb", "coverage", str(write(tmp_path, data)), "-d", str(docs))
    assert result.exit_code == 2 and "not a valid knowledge base" in result.stderr


def test_coverage_needs_documents() -> None:
    result = invoke("kb", "coverage")
    assert result.exit_code == 2 and "--documents" in result.output
