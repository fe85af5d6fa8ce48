"""The shipped knowledge base: well-formed, quoted verbatim, and read by the matcher as curated.

These tests are about the content of ``knowledge.json`` (the claims, their evidence and the
lexicon), not about the engine's mechanics, which have their own tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck import knowledge
from factcheck.checker import FactChecker
from factcheck.curation import count_sentences, fold_whitespace, lint

ROOT = Path(__file__).resolve().parent.parent
KB_PATH = ROOT / "knowledge.json"
# The five source documents live in the shared folder beside the repository.
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(KB_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker(knowledge.load(KB_PATH))


def test_shipped_kb_is_valid_and_lint_clean(data):
    assert knowledge.validate(data) == []
    assert [str(w) for w in lint(data)] == []


def test_size_and_coverage(data):
    claims = data["claims"]
    assert len(claims) >= 40
    cited = {e["source"] for c in claims for e in c["evidence"]}
    assert cited == {s["id"] for s in data["sources"]}
    assert all(c["evidence"] for c in claims)
    # Both polarities of canonical text: at least three claims are stated in the negative.
    negative = [c["id"] for c in claims if re.search(r"\b(no|not|cannot)\b", c["text"], re.I)]
    assert len(negative) >= 3


def test_sources_name_their_documents(data):
    for s in data["sources"]:
        assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", s["file"]), s["id"]
        assert s["reliability_note"], s["id"]
    by_file = {s["file"][:3]: s["reliability"] for s in data["sources"]}
    assert by_file == {"000": "low", "001": "medium", "002": "medium", "003": "medium", "004": "high"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared source documents are not beside the repository")
def test_every_excerpt_is_verbatim_and_short(data):
    files = {s["id"]: s["file"] for s in data["sources"]}
    texts = {sid: fold_whitespace((SEEDS / f).read_text(encoding="utf-8")) for sid, f in files.items()}
    problems = []
    for c in data["claims"]:
        for e in c["evidence"]:
            quote = fold_whitespace(e["excerpt"]).strip()
            if quote not in texts[e["source"]]:
                problems.append(f"{c['id']}: not verbatim in {files[e['source']]}: {quote[:60]}")
            if count_sentences(quote) > 3:
                problems.append(f"{c['id']}: excerpt over three sentences")
    assert problems == []


def test_every_claim_text_is_read_through_the_lexicon(data, checker):
    # A claim whose text the lexicon barely reads (no concept, or a single term) would be matched
    # by loose word overlap alone.
    weak = []
    for c in data["claims"]:
        terms = checker.analyzer.analyse(c["text"], repair=False).terms
        if not any(t.kind == "concept" for t in terms) or len(terms) < 2:
            weak.append(c["id"])
    assert weak == []


def test_every_phrasing_finds_its_own_claim(checker):
    misses = []
    for claim in checker.kb.claims:
        for phrasing in claim.phrasings:
            result = checker.check(phrasing)
            got = result.claim.id if result.claim else None
            if got != claim.id or result.verdict != claim.verdict.value:
                misses.append(f"{phrasing!r} -> {got} ({result.verdict}), expected {claim.id}")
    assert misses == []


@pytest.mark.parametrize(
    ("statement", "verdict"),
    [
        # The central trap: ordinary facial twitching is not hemifacial spasm.
        ("Low magnesium can cause facial twitching.", "true"),
        ("Low magnesium causes hemifacial spasm.", "false"),
        ("Magnesium cures hemifacial spasm.", "false"),
        ("Eye twitching is the same thing as hemifacial spasm.", "false"),
        ("Facial twitching and hemifacial spasm are different conditions.", "true"),
        ("B12 deficiency causes HFS.", "false"),
        ("Hypocalcemia can cause eyelid twitching.", "true"),
        # Synonyms, abbreviations and units from the lexicon.
        ("HFS is caused by neurovascular compression of cranial nerve VII.", "true"),
        ("Botox shots are a standard treatment for hemi-facial spasm.", "true"),
        ("MVD treats HFS.", "true"),
        ("Adults need 2.4 µg of cobalamin per day.", "true"),
        ("Proton pump inhibitors can deplete magnesium.", "mostly-true"),
        # Denials flip the verdict; negative claims work both ways.
        ("Magnesium does not cure hemifacial spasm.", "true"),
        ("There is a diet that cures hemifacial spasm.", "false"),
        ("Food choices cause hemifacial spasm.", "false"),
        # A category claim covers its members (vitamin E is a vitamin).
        ("Vitamin E cures hemifacial spasm.", "false"),
        # Policy outcomes: one low source is unproven; a reference fact is rated by the reference.
        ("Vitamin E supplements reduce muscle spasms.", "unproven"),
        ("Too much magnesium can cause diarrhea.", "true"),
        # Different relations and different things are different claims: no verdict.
        ("Botox cures hemifacial spasm.", "no-match"),
        ("Stress causes hemifacial spasm.", "no-match"),
        ("Magnesium cures migraines.", "no-match"),
        ("Vitamin E deficiency causes facial twitching.", "no-match"),
        ("Malignant tumours can cause hemifacial spasm.", "no-match"),
    ],
)
def test_statements_get_the_curated_verdict(checker, statement, verdict):
    assert checker.check(statement).verdict == verdict
