"""The JSON output is an interface (pipx's test_result_contract.py): pin its keys and types.

A script that reads ``factcheck check --format json|jsonl`` may rely on exactly what is checked
here; change this file only together with the README's description of the output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app
from factcheck.kb.knowledge import Reliability, Stance, Verdict, load
from factcheck.result import LABELS

KB = Path(__file__).parent / "golden" / "kb.json"
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "FACTCHECK_KB": None}

RESULT_KEYS = {"statement", "verdict", "score", "nearest_score", "negated", "claim", "reason", "supporting",
               "contradicting", "clause", "parts"}
CLAUSE_KEYS = {"text", "start", "end", "mood", "frame", "notes"}
PART_KEYS = {"text", "verdict", "score", "claim"}
CLAIM_KEYS = {"id", "text", "verdict"}
EXCERPT_KEYS = {"source", "excerpt"}
SOURCE_KEYS = {"id", "title", "publisher", "reliability"}
CANDIDATE_KEYS = {"id", "text", "score"}
EXPLANATION_KEYS = {"normalised", "terms", "concepts", "corrections", "negation_cues", "question",
                    "runners_up", "notes", "links", "refused"}

STATEMENTS = [
    "Magnesium cures hemifacial spasm",  # false
    "Magnesium does not cure HFS",  # true, negated
    "Botox treats HFS",  # true
    "Does caffeine trigger facial twitching?",  # mixed
    "Caffeine does not trigger facial twitching",  # mixed, negated
    "Zinc relieves hemifacial spasm",  # unproven
    "Supplements prevent HFS",  # mostly-false
    "Supplements do not prevent HFS",  # mostly-true, negated
    "Magnesium deficiency causes twitching",  # mostly-true
    "magnesium cures",  # no-match, with near candidates
    "The Earth is flat",  # no-match, nothing near
    "the and of",  # no-match, no words to check
    "I doubt that magnesium cures hemifacial spasm, so I take Botox.",  # read clause by clause
    "Caffeine and magnesium deficiency cause twitching.",  # a list: parts
]


def results(*extra: str, kb: Path = KB) -> list[dict]:
    r = CliRunner().invoke(app, ["--kb", str(kb), "check", "-f", "jsonl", *extra, "-"],
                           input="\n".join(STATEMENTS), env=ENV)
    assert r.exit_code in (0, 1, 3), r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["statement"] for d in out] == STATEMENTS
    return out


def is_score(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x <= 100


def check_excerpt(e: dict) -> None:
    assert set(e) == EXCERPT_KEYS
    assert isinstance(e["excerpt"], str) and e["excerpt"]
    assert set(e["source"]) == SOURCE_KEYS
    for key in ("id", "title", "publisher"):
        assert isinstance(e["source"][key], str) and e["source"][key]
    assert e["source"]["reliability"] in {r.value for r in Reliability}


def check_result(d: dict, *, top: bool = False, explain: bool = False) -> None:
    expected = RESULT_KEYS | ({"candidates"} if top else set()) | ({"explanation"} if explain else set())
    assert set(d) == expected
    assert isinstance(d["statement"], str)
    assert d["verdict"] in LABELS
    # `score` is the confidence of the verdict given and nothing else: a no-match has none, and
    # how close the nearest claim came is `nearest_score`, which only a no-match has.
    if d["verdict"] == "no-match":
        assert d["score"] is None
        assert d["nearest_score"] is None or is_score(d["nearest_score"])
    else:
        assert is_score(d["score"])
        assert d["nearest_score"] is None
    assert isinstance(d["negated"], bool)
    assert isinstance(d["reason"], str) and d["reason"]
    if d["claim"] is None:
        assert d["verdict"] == "no-match"
        assert d["negated"] is False
        assert d["supporting"] == [] and d["contradicting"] == []
    else:
        assert set(d["claim"]) == CLAIM_KEYS
        assert all(isinstance(d["claim"][k], str) and d["claim"][k] for k in CLAIM_KEYS)
        claim_verdict = Verdict(d["claim"]["verdict"])
        # The verdict is the claim's, or its opposite when the statement denies the claim.
        assert d["verdict"] == (claim_verdict.flipped() if d["negated"] else claim_verdict).value
    # `clause`: the clause that decided, when the statement was read clause by clause
    if d["clause"] is not None:
        c = d["clause"]
        assert set(c) == CLAUSE_KEYS
        assert isinstance(c["text"], str) and c["text"]
        assert 0 <= c["start"] < c["end"] <= len(d["statement"])
        assert c["mood"] in {"assert", "deny", "ask"}
        assert isinstance(c["frame"], str) and all(isinstance(n, str) for n in c["notes"])
    assert isinstance(d["parts"], list)
    for p in d["parts"]:
        assert set(p) == PART_KEYS
        assert p["verdict"] in LABELS and (p["score"] is None or is_score(p["score"]))
        assert p["claim"] is None or isinstance(p["claim"], str)
    for side in ("supporting", "contradicting"):
        assert isinstance(d[side], list)
        for e in d[side]:
            check_excerpt(e)
    if top:
        assert isinstance(d["candidates"], list)
        for c in d["candidates"]:
            assert set(c) == CANDIDATE_KEYS
            assert isinstance(c["id"], str) and isinstance(c["text"], str) and is_score(c["score"])
        scores = [c["score"] for c in d["candidates"]]
        assert scores == sorted(scores, reverse=True), "candidates are listed best first"
    if explain:
        ex = d["explanation"]
        assert set(ex) == EXPLANATION_KEYS
        assert isinstance(ex["normalised"], str)
        assert all(isinstance(t, str) for t in ex["terms"])
        assert all(set(c) == {"text", "concept"} for c in ex["concepts"])
        assert all(set(c) == {"typed", "read_as"} for c in ex["corrections"])
        assert all(isinstance(c, str) for c in ex["negation_cues"])
        assert isinstance(ex["question"], bool)
        assert all(set(c) == CANDIDATE_KEYS for c in ex["runners_up"])
        assert all(isinstance(n, str) for n in ex["notes"])
        assert all(isinstance(n, str) for n in ex["links"])
        assert all(set(r) == {"id", "why"} and r["why"] for r in ex["refused"])


def test_result_objects_have_exactly_the_documented_keys():
    out = results()
    for d in out:
        check_result(d)
    # the statements cover every label, so the contract is checked on each kind of result
    assert {d["verdict"] for d in out} == set(LABELS)
    # ... and a no-match near a claim as well as one near nothing
    nearest = {d["statement"]: d["nearest_score"] for d in out if d["verdict"] == "no-match"}
    assert nearest["magnesium cures"] > 0 and nearest["the and of"] is None
    # ... and on a statement read clause by clause, and on a list
    assert any(d["clause"] is not None for d in out) and any(d["parts"] for d in out)


def test_candidates_with_top():
    out = results("--top", "4")
    for d in out:
        check_result(d, top=True)
        assert len(d["candidates"]) <= 4
    assert any(d["candidates"] and d["verdict"] == "no-match" for d in out)


def test_explanation_with_explain():
    for d in results("--explain", "--top", "2"):
        check_result(d, top=True, explain=True)


def test_the_json_document_wraps_the_same_objects():
    r = CliRunner().invoke(app, ["--kb", str(KB), "check", "-f", "json", "-"],
                           input="\n".join(STATEMENTS), env=ENV)
    doc = json.loads(r.stdout)
    assert set(doc) == {"results", "summary"}
    assert doc["results"] == results()
    assert set(doc["summary"]) == {"statements", "by_verdict"}
    assert doc["summary"]["statements"] == len(STATEMENTS)
    assert sum(doc["summary"]["by_verdict"].values()) == len(STATEMENTS)
    assert set(doc["summary"]["by_verdict"]) <= set(LABELS)


def _excerpts(evidence, stance: Stance) -> list[tuple[str, str]]:
    return sorted((e.source.id, e.excerpt) for e in evidence if e.stance is stance)


def _pairs(items: list[dict]) -> list[tuple[str, str]]:
    return sorted((e["source"]["id"], e["excerpt"]) for e in items)


@pytest.mark.parametrize("negated", [False, True])
def test_evidence_sides_follow_the_statement_and_swap_when_it_denies_the_claim(negated):
    kb = load(KB)
    seen = 0
    for d in results():
        if d["claim"] is None or d["negated"] is not negated:
            continue
        seen += 1
        claim = kb.claim(d["claim"]["id"])
        pro, con = _excerpts(claim.evidence, Stance.SUPPORTS), _excerpts(claim.evidence, Stance.CONTRADICTS)
        if negated:
            pro, con = con, pro
        assert _pairs(d["supporting"]) == pro
        assert _pairs(d["contradicting"]) == con
    assert seen >= 2


def test_a_denial_has_the_same_evidence_on_the_other_side():
    def one(statement: str) -> dict:
        r = CliRunner().invoke(app, ["--kb", str(KB), "check", "-f", "jsonl", statement], env=ENV)
        return json.loads(r.stdout)

    plain, denied = one("Magnesium cures hemifacial spasm"), one("Magnesium does not cure hemifacial spasm")
    assert plain["claim"] == denied["claim"]
    assert (plain["negated"], denied["negated"]) == (False, True)
    assert plain["supporting"] == denied["contradicting"] and plain["contradicting"] == denied["supporting"]
    assert plain["supporting"] and plain["contradicting"]  # both sides are really exercised
