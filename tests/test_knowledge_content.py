"""The shipped knowledge base: well-formed, quoted verbatim, and read by the matcher as curated.

These tests are about the content of ``knowledge.json`` (the claims, their evidence and the
lexicon), not about the engine's mechanics, which have their own tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck.kb import knowledge
from factcheck.engine.checker import FactChecker
from factcheck.kb.curation import count_sentences, fold_whitespace, lint

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
        # A trigger of ordinary twitching is not a cause of hemifacial spasm.
        ("Stress causes hemifacial spasm.", "mostly-false"),
        # A category claim covers its members (vitamin E is a vitamin).
        ("Vitamin E cures hemifacial spasm.", "false"),
        # Policy outcomes: one low source is unproven; a reference fact is rated by the reference.
        ("Vitamin E supplements reduce muscle spasms.", "unproven"),
        ("Too much magnesium can cause diarrhea.", "true"),
        # Different relations and different things are different claims: no verdict.
        ("Botox cures hemifacial spasm.", "no-match"),
        ("Stress causes migraines.", "no-match"),
        ("Magnesium cures migraines.", "no-match"),
        ("Vitamin E deficiency causes facial twitching.", "no-match"),
        ("Malignant tumours can cause hemifacial spasm.", "no-match"),
    ],
)
def test_statements_get_the_curated_verdict(checker, statement, verdict):
    assert checker.check(statement).verdict == verdict


# The lexicon's synonym classes, each with a paraphrase it must carry to the right claim and a
# near miss it must not. The statements are written for these tests, not taken from the labelled set.
@pytest.mark.parametrize(
    ("statement", "verdict", "claim_id"),
    [
        # Causative "make X twitch" is cause + the twitching concept; "make X worse" is worsen + X.
        ("Stress can make your eyelid twitch.", "true", "stress-triggers-facial-twitching"),
        ("Coffee doesn't make your eye twitch.", "false", "caffeine-triggers-facial-twitching"),
        ("Low magnesium can cause your muscles to twitch.", "true", "magnesium-deficiency-causes-facial-twitching"),
        ("Dehydration can lead to twitching muscles.", "mostly-true", "dehydration-causes-twitching"),
        ("Decongestants can make facial twitching worse.", "mostly-true", "stimulants-worsen-facial-twitching"),
        # Decongestants are stimulants, so pseudoephedrine is read through them.
        ("Pseudoephedrine can make twitching worse.", "mostly-true", "stimulants-worsen-facial-twitching"),
        # Symmetric relations read the same in either order.
        ("Inflammation is linked to low vitamin D.", "mostly-true", "low-vitamin-d-linked-to-inflammation"),
        ("HFS is another name for facial twitching.", "false", "facial-twitching-is-hfs"),
        # Muscle contraction and relaxation are compounds of muscle + contraction/relaxation.
        ("Calcium is needed for muscles to contract.", "true", "calcium-needed-for-muscle-contraction"),
        # "lower" with inflammation is reduce, not deplete.
        ("Omega-3 lowers inflammation in the arteries.", "unproven", "omega-3-reduces-arterial-inflammation"),
        # Relation synonyms.
        ("Men should get 400-420 mg of magnesium a day.", "true", "magnesium-daily-intake"),
        ("Poor nutrition can indirectly raise your risk of HFS.", "unproven", "poor-nutrition-indirectly-raises-hfs-risk"),
        ("Magnesium is a cofactor in more than 300 enzyme reactions.", "true", "magnesium-involved-in-300-reactions"),
        ("A B complex beats a single vitamin for nerve problems.", "unproven", "b-complex-beats-single-vitamin"),
        ("A CT scan can reveal what is causing hemifacial spasm.", "mostly-true", "imaging-confirms-hfs-cause"),
        ("Thiamine supports nerve health.", "mostly-true", "b-vitamins-support-nervous-system"),
        ("Botox helps control the symptoms of hemifacial spasm.", "true", "botox-treats-hfs"),
        ("Potassium controls nerve signals and muscle contractions.", "true", "potassium-regulates-nerves-and-muscles"),
        ("See your doctor if facial twitching is persistent.", "true", "persistent-facial-twitching-needs-a-doctor"),
        # "a source of" is the converse of "found in".
        ("Animal foods are the best source of vitamin B12.", "mostly-true", "b12-found-mainly-in-animal-products"),
        # Noun synonyms and word forms.
        ("Losing sleep can bring on facial twitching.", "true", "fatigue-triggers-facial-twitching"),
        ("Not getting enough magnesium can cause facial twitching.", "true", "magnesium-deficiency-causes-facial-twitching"),
        ("Heavy alcohol use can lead to low magnesium.", "mostly-true", "alcoholism-causes-low-magnesium"),
        ("The B-complex vitamins are essential for the nervous system.", "mostly-true", "b-vitamins-support-nervous-system"),
        ("Eating a balanced diet can indirectly help HFS.", "mostly-true", "balanced-diet-indirectly-helps-hfs"),
        # Near misses: the same constructions with another thing or relation find no claim.
        ("Zinc can make your eyelid twitch.", "no-match", None),
        ("Decongestants cause hemifacial spasm.", "no-match", None),
        ("Stress can make hemifacial spasm worse.", "no-match", None),
        ("Calcium is required for muscles to relax.", "no-match", None),
        ("Magnesium helps you relax.", "no-match", None),
        ("Fish oil lowers blood pressure.", "no-match", None),
        ("Vitamin C supports nerve health.", "no-match", None),
        ("Vitamin B12 is a good source of animal products.", "no-match", None),
        ("Magnesium is a natural muscle relaxant.", "no-match", None),
    ],
)
def test_lexicon_synonym_classes(checker, statement, verdict, claim_id):
    result = checker.check(statement)
    assert (result.verdict, result.claim.id if result.claim else None) == (verdict, claim_id)


def test_relations_that_read_both_ways_are_symmetric(data):
    kinds = {c["id"]: c.get("kind") for c in data["concepts"]}
    assert {cid for cid, kind in kinds.items() if kind == "symmetric relation"} == {"associate", "interact", "same-as"}


# Light verbs mean nothing on their own ("make" is not "cause", "get" is not "need"): no concept may
# have one of them as a whole term. ("Mg" may be magnesium: the engine reads a term it shares with a
# unit as the unit only after a number, so "400 mg" stays milligrams; see the test below.)
_TOO_GENERAL = {"make", "made", "get", "give", "take", "keep", "have", "help", "do", "go", "put", "set", "see", "ask"}


def test_no_concept_term_is_a_bare_light_verb(data):
    bad = [(c["id"], t) for c in data["concepts"] for t in c["terms"]
           if t.casefold() in _TOO_GENERAL and c["id"] != "milligram"]
    assert bad == []


def test_mg_is_magnesium_except_after_a_number(checker):
    assert checker.check("Mg cures HFS").claim.id == "magnesium-cures-hfs"
    r = checker.check("Adults need 15 mg of vitamin E a day")
    assert (r.verdict, r.claim.id) == ("true", "vitamin-e-daily-intake")
