"""ClaimReview import and export: `factcheck kb import` / `factcheck kb export --format claimreview`."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck import claimreview as cr
from factcheck.claimreview import ratings, reading
from factcheck.cli.app import app
from factcheck.errors import InputError
from factcheck.kb import knowledge
from factcheck.kb.knowledge import Reliability, Verdict

DATA = Path(__file__).resolve().parent / "data" / "claimreview"
ENV = {"NO_COLOR": "1", "COLUMNS": "120"}
SAMPLES = [
    "rumorcheck_single.json", "truthmeter_array.json", "clearfacts.jsonl", "verifpresse_feed.json",
    "graph.json", "google_api.json", "numeric.json", "merge.json",
]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, env=ENV)


def sample(name: str) -> str:
    return str(DATA / name)


def review(text: str | None = "Magnesium cures hemifacial spasm.", *, url: str | None = "https://fc.example/1",
           label: Any = "False", publisher: Any = "RumorCheck", **extra: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    if text is not None:
        obj["claimReviewed"] = text
    if url is not None:
        obj["url"] = url
    if publisher is not None:
        obj["author"] = {"@type": "Organization", "name": publisher} if isinstance(publisher, str) else publisher
    if label is not None:
        obj["reviewRating"] = {"@type": "Rating", "alternateName": label}
    obj.update(extra)
    return obj


def import_objects(*objects: Any, data: dict[str, Any] | None = None) -> cr.Importer:
    importer = cr.Importer(data)
    cr.import_documents(list(objects), importer)
    cr.check_valid(importer.data)
    return importer


def write(tmp_path: Path, name: str, content: Any) -> str:
    p = tmp_path / name
    p.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(p)


# --------------------------------------------------------------------------- the rating table


@pytest.mark.parametrize("label, verdict", [
    ("True", "true"), ("Correct", "true"), ("Accurate", "true"), ("Correct Attribution", "true"),
    ("Mostly True", "mostly-true"), ("Mostly Correct", "mostly-true"), ("One Pinocchio", "mostly-true"),
    ("Half True", "mixed"), ("Half-True", "mixed"), ("HALF_TRUE", "mixed"), ("Mixture", "mixed"),
    ("Mixed", "mixed"), ("Partly True", "mixed"), ("Partly False", "mixed"), ("Misleading", "mixed"),
    ("Missing Context", "mixed"), ("Cherry Picks", "mixed"), ("Outdated", "mixed"),
    ("Two Pinocchios", "mixed"),
    ("Unproven", "unproven"), ("Unsupported", "unproven"), ("Unverified", "unproven"),
    ("Unsubstantiated", "unproven"), ("No Evidence", "unproven"), ("Research In Progress", "unproven"),
    ("Legend", "unproven"),
    ("Mostly False", "mostly-false"), ("Three Pinocchios", "mostly-false"),
    ("False", "false"), ("Incorrect", "false"), ("Inaccurate", "false"), ("Pants on Fire!", "false"),
    ("Fake", "false"), ("Fabricated", "false"), ("Hoax", "false"), ("Scam", "false"),
    ("Four Pinocchios", "false"), ("Satire", "false"), ("Labeled Satire", "false"),
    ("Miscaptioned", "false"), ("Misattributed", "false"),
    ("Falso", "false"), ("Faux", "false"), ("Falsch", "false"), ("Verdadero", "true"), ("Vrai", "true"),
    ("Engañoso", "mixed"), ("Trompeur", "mixed"), ("Manque de contexte", "mixed"),
    # lenient: case, quotes, punctuation, separators, filler, a written-out conclusion
    ("'False'", "false"), ('"FALSE"', "false"), ("\u201cMostly false\u201d", "mostly-false"),
    ("  mostly_true  ", "mostly-true"), ("Mostly--True", "mostly-true"), ("This is false.", "false"),
    ("Verdict: Misleading", "mixed"), ("Fake news", "false"),
    ("Incorrect. The figures show the opposite.", "false"),
    ("This is misleading: the study was in mice.", "mixed"),
])
def test_label_table_maps_publisher_labels(label: str, verdict: str) -> None:
    assert cr.verdict_for_label(label) == Verdict(verdict)


@pytest.mark.parametrize("label", [
    "Half Flip", "Full Flop", "No Flip", "Unrated", "Explainer", "", "   ", "Not False",
    "Correct, but misleading", "False positive rate explained", "Totally bogus",
])
def test_label_table_leaves_unknown_labels_unmapped(label: str) -> None:
    assert cr.verdict_for_label(label) is None


@pytest.mark.parametrize("value, best, worst, verdict", [
    (1, None, None, "false"), ("2", None, None, "mostly-false"), (3, "5", "1", "mixed"),
    ("4", 5, 1, "mostly-true"), (5.0, None, None, "true"), ("4.0", "5", "1", "mostly-true"),
    (0, 10, 0, "false"), (8, 10, 0, "mostly-true"), (10, 10, 0, "true"), (1, 1, 0, "true"),
    (1, 1, 5, "true"), (5, 1, 5, "false"),  # a reversed scale
    (2, 9, 1, "mostly-false"), (8, 9, 1, "mostly-true"),  # half way between steps: toward the middle
])
def test_numeric_ratings_map_by_position_on_the_scale(value: Any, best: Any, worst: Any, verdict: str) -> None:
    assert cr.verdict_for_value(value, best, worst) == Verdict(verdict)


def test_zero_to_ten_scale_reads_as_the_readme_says() -> None:
    readme = ["false"] * 2 + ["mostly-false"] * 2 + ["mixed"] * 3 + ["mostly-true"] * 2 + ["true"] * 2
    assert [cr.verdict_for_value(v, 10, 0).value for v in range(11)] == readme


@pytest.mark.parametrize("value, best, worst", [
    (7, 5, 1), (0, None, None), (-1, 5, 1), ("one", 5, 1), (None, 5, 1), (3, 3, 3), (True, 5, 1),
    (3, "five", 1), ("", 5, 1),
])
def test_numeric_ratings_outside_or_without_a_scale_map_to_nothing(value: Any, best: Any, worst: Any) -> None:
    assert cr.verdict_for_value(value, best, worst) is None


@pytest.mark.parametrize("verdict", list(Verdict))
def test_scale_and_label_table_are_inverse_for_our_labels(verdict: Verdict) -> None:
    assert cr.rate(cr.rating(verdict)) == (verdict, verdict.value)
    assert cr.verdict_for_label(verdict.value) is verdict
    if verdict is not Verdict.UNPROVEN:  # unproven shares the midpoint with mixed; its label decides
        assert cr.verdict_for_value(cr.SCALE[verdict], cr.SCALE_BEST, cr.SCALE_WORST) is verdict


@given(
    worst=st.integers(-100, 100), width=st.integers(1, 200),
    a=st.floats(0, 1, allow_nan=False), b=st.floats(0, 1, allow_nan=False),
)
def test_numeric_mapping_is_monotonic(worst: int, width: int, a: float, b: float) -> None:
    best = worst + width
    lo, hi = sorted((worst + a * width, worst + b * width))
    order = list(ratings._STEPS)
    v_lo, v_hi = cr.verdict_for_value(lo, best, worst), cr.verdict_for_value(hi, best, worst)
    assert v_lo is not None and v_hi is not None
    assert order.index(v_lo) <= order.index(v_hi)


def test_label_wins_over_number_and_number_fills_in_for_an_unknown_label() -> None:
    assert cr.rate({"alternateName": "False", "ratingValue": "5"}) == (Verdict.FALSE, "False")
    assert cr.rate({"alternateName": "Whatever", "ratingValue": "5"}) == (Verdict.TRUE, "Whatever")
    assert cr.rate({"ratingValue": "2"}) == (Verdict.MOSTLY_FALSE, "2 on a 1-5 scale")
    assert cr.rate({"name": "Mostly False"}) == (Verdict.MOSTLY_FALSE, "Mostly False")
    assert cr.rate(None) == (None, "")


# --------------------------------------------------------------------------- reading


def test_parse_text_reads_one_document_or_json_lines() -> None:
    assert cr.parse_text('{"a": 1}', "x") == [{"a": 1}]
    assert cr.parse_text('\ufeff[1, 2]', "x") == [[1, 2]]
    assert cr.parse_text('{"a": 1}\n\n{"b": 2}\n', "x") == [{"a": 1}, {"b": 2}]
    assert cr.parse_text("", "x") == [] and cr.parse_text(" \n\t\n", "x") == []


@pytest.mark.parametrize("text, where", [
    ('{"a": 1,\n}', "f.json:2:1:"),
    ('{"a": 1}\n{"b": 2}\n{"c": 3 "d": 4}\n', "f.json:3:9:"),
    ("[1, 2", "f.json:1:6:"),
    ("not json at all", "f.json:1:1:"),
])
def test_parse_text_reports_file_line_and_column(text: str, where: str) -> None:
    with pytest.raises(InputError, match="^" + where.replace(".", r"\.")):
        cr.parse_text(text, "f.json")


def walk(document: Any) -> tuple[list[dict[str, Any]], dict[str, int]]:
    from collections import Counter

    other: Counter[str] = Counter()
    found = list(cr.iter_claimreviews(document, other))
    return found, dict(other)


def test_walker_finds_claimreviews_in_every_wrapper() -> None:
    a, b, c = review("A"), review("B"), review("C")
    feed = {"@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [a, {"@type": "WebPage"}]},
        {"@type": "DataFeedItem", "item": b},
        {"item": {"@graph": [c, {"@type": "Organization"}]}},
    ]}
    found, other = walk(feed)
    assert [r["claimReviewed"] for r in found] == ["A", "B", "C"]
    assert other == {"WebPage": 1, "Organization": 1}


@pytest.mark.parametrize("type_", [
    "ClaimReview", "schema:ClaimReview", "http://schema.org/ClaimReview", "https://schema.org/ClaimReview",
    ["Review", "ClaimReview"], ["schema:ClaimReview"],
])
def test_walker_accepts_namespaced_and_listed_types(type_: Any) -> None:
    found, other = walk({"@type": type_, "claimReviewed": "x"})
    assert len(found) == 1 and other == {}


def test_walker_counts_what_is_not_a_claimreview() -> None:
    found, other = walk([{"@type": "Recipe"}, {"@type": ["Article"]}, {"name": "x"}, 3, "s", None])
    assert found == []
    assert other == {"Recipe": 1, "Article": 1, "untyped object": 1, "not an object": 3}


def test_google_fact_check_tools_shape_becomes_one_review_per_publisher() -> None:
    doc = json.loads((DATA / "google_api.json").read_text(encoding="utf-8"))
    found, other = walk(doc)
    assert other == {}
    reviews = [cr.parse_review(r) for r in found]
    assert [(r.text, r.verdict, r.publisher) for r in reviews] == [
        ("Calcium deficiency can cause muscle spasms and tetany.", Verdict.TRUE, "NutriFacts"),
        ("Calcium deficiency can cause muscle spasms and tetany.", Verdict.TRUE, "Ciencia Clara"),
        ("Eating bananas every day cures hemifacial spasm.", Verdict.FALSE, "nutrifacts.example"),
    ]
    assert reviews[0].date == "2024-01-20" and reviews[0].title == "Can low calcium cause spasms?"


def test_parse_review_maps_every_field() -> None:
    obj = json.loads((DATA / "rumorcheck_single.json").read_text(encoding="utf-8"))
    r = cr.parse_review(obj)
    assert r is not None
    assert r.text == "Magnesium supplements cure hemifacial spasm."
    assert (r.verdict, r.label, r.publisher) == (Verdict.FALSE, "False", "RumorCheck")
    assert r.title == "Do magnesium supplements cure hemifacial spasm?"
    assert r.date == "2024-03-12"
    assert r.appearances == (
        "https://social.example/post/100", "https://social.example/post/101", "https://video.example/watch/abc",
    )
    assert r.explanation.startswith("Hemifacial spasm is usually caused")


@pytest.mark.parametrize("author, publisher", [
    ({"@type": "Organization", "name": "RumorCheck"}, "RumorCheck"),
    ([{"name": "A"}, {"name": "B"}, {"name": "A"}], "A, B"),
    ("TruthMeter", "TruthMeter"),
    (["TruthMeter"], "TruthMeter"),
    (None, "fc.example"),  # no author: the review's host
    ({"url": "https://x.example"}, "fc.example"),
])
def test_publisher_from_every_author_shape(author: Any, publisher: str) -> None:
    obj = review(publisher=None, url="https://www.fc.example/1")
    if author is not None:
        obj["author"] = author
    assert cr.parse_review(obj).publisher == publisher


def test_publisher_without_author_or_url_is_named_unknown() -> None:
    assert cr.parse_review(review(url=None, publisher=None)).publisher == "Unknown publisher"


def test_parse_review_cleans_text_quotes_html_and_dates() -> None:
    r = cr.parse_review(review(
        "  \u201cVitamin D\n   cures spasms\u201d ", datePublished="2024-05-06T10:00:00Z",
        reviewBody="<p>No trial shows&nbsp;that.</p><p>None at all.</p>",
    ))
    assert r.text == "Vitamin D cures spasms"
    assert r.date == "2024-05-06"
    assert r.explanation == "No trial shows that. None at all."
    kept = cr.parse_review(review('"Safe" is not the same as "effective"'))
    assert kept.text == '"Safe" is not the same as "effective"'  # inner quotes: not a wrapping pair
    assert cr.parse_review(review(None)) is None
    assert cr.parse_review(review("   ")) is None
    assert cr.parse_review(review({"text": "x"})) is None


def test_long_review_body_is_quoted_as_whole_leading_sentences() -> None:
    body = " ".join(f"Sentence number {i} explains one more detail of the review." for i in range(40))
    importer = import_objects(review(reviewBody=body))
    claim = importer.data["claims"][0]
    excerpt = claim["evidence"][0]["excerpt"]
    assert body.startswith(excerpt) and excerpt.endswith(".") and len(excerpt) <= 600
    assert claim["summary"] == excerpt + " \u2026"


# --------------------------------------------------------------------------- mapping and merging


def test_import_builds_a_valid_claim_with_source_origin_and_evidence() -> None:
    obj = json.loads((DATA / "rumorcheck_single.json").read_text(encoding="utf-8"))
    importer = import_objects(obj)
    kb = knowledge.from_dict(importer.data)
    (claim,) = kb.claims
    assert claim.id == "magnesium-supplements-cure-hemifacial-spasm"
    assert claim.verdict is Verdict.FALSE
    assert claim.summary == obj["ratingExplanation"]
    (ev,) = claim.evidence
    assert (ev.stance.value, ev.excerpt) == ("contradicts", obj["ratingExplanation"])
    src = ev.source
    assert src.id.startswith("rumorcheck-") and len(src.id) == len("rumorcheck-") + 8
    assert (src.kind, src.reliability, src.publisher, src.url, src.date) == (
        "fact-check", Reliability.MEDIUM, "RumorCheck", obj["url"], "2024-03-12")
    assert claim.origin == knowledge.Origin(
        source=src.id, url=obj["url"], rating="False", date="2024-03-12",
        appearances=("https://social.example/post/100", "https://social.example/post/101",
                     "https://video.example/watch/abc"),
    )


@pytest.mark.parametrize("label, stance", [
    ("True", "supports"), ("Mostly True", "supports"), ("Mostly False", "contradicts"),
    ("False", "contradicts"), ("Mixture", None), ("Unproven", None), ("Half Flip", None),
])
def test_evidence_stance_follows_the_verdict(label: str, stance: str | None) -> None:
    claim = import_objects(review(label=label, ratingExplanation="Because.")).data["claims"][0]
    assert [e["stance"] for e in claim["evidence"]] == ([stance] if stance else [])


@pytest.mark.parametrize("rating, explained", [
    ({"alternateName": "Incorrect. Figures from the survey show the opposite."}, True),
    ({"alternateName": "Pants on Fire!"}, False),
    ({"alternateName": "Verdict: Misleading"}, False),
    ({"ratingValue": "4.5", "bestRating": "10"}, False),
])
def test_a_label_written_as_a_sentence_is_the_explanation(rating: dict[str, Any], explained: bool) -> None:
    claim = import_objects(review(reviewRating=rating)).data["claims"][0]
    label = cr.rate(rating)[1]
    if explained:
        assert claim["summary"] == label and claim["evidence"][0]["excerpt"] == label
    else:
        assert claim["summary"] == f"Rated '{label}' by RumorCheck." and claim["evidence"] == []


def test_summary_without_explanation_names_the_rating_and_publisher() -> None:
    claims = import_objects(
        review("One claim here.", url="https://a.example/1", label="Mostly False"),
        review("Another claim there.", url="https://a.example/2", label=None),
    ).data["claims"]
    assert claims[0]["summary"] == "Rated 'Mostly False' by RumorCheck."
    assert claims[1]["summary"] == "Reviewed by RumorCheck, with no rating."
    assert claims[1]["verdict"] == "unproven" and "rating" not in claims[1]["origin"]


def test_reliability_can_be_chosen() -> None:
    importer = cr.Importer(reliability=Reliability.LOW)
    cr.import_documents([review()], importer)
    assert importer.data["sources"][0]["reliability"] == "low"


def test_claim_ids_are_short_slugs_made_unique() -> None:
    long = "Eating " + "very " * 30 + "many bananas cures spasms"
    importer = import_objects(
        review("Zinc cures spasms!", url="https://a.example/1"),
        review("Zinc cures spasms?", url="https://b.example/2", label="Mostly False",
               publisher="Other"),  # same normalised text: merged, no second id
        review("Zinc: cures spasms (in 2 weeks)", url="https://c.example/3"),
        review(long, url="https://d.example/4"),
        review("\u0412\u0438\u0442\u0430\u043c\u0438\u043d D", url="https://e.example/5"),
    )
    ids = [c["id"] for c in importer.data["claims"]]
    assert ids[0] == "zinc-cures-spasms"
    assert ids[1] == "zinc-cures-spasms-in-2-weeks"
    assert ids[2].startswith("eating-very-very") and len(ids[2]) <= 60 and not ids[2].endswith("-")
    assert ids[3] == "\u0432\u0438\u0442\u0430\u043c\u0438\u043d-d" and len(ids) == len(set(ids)) == 4
    assert cr.slug("!!! ???") == "" and import_objects(review("!!!")).data["claims"][0]["id"].startswith("claim-")
    clash = import_objects(review("Zinc cures spasms", url="https://z.example/9"),
                           data={"version": 1, "sources": [], "claims": []})
    clash2 = import_objects(review("Zinc, cures spasms", url="https://z.example/10"), data=clash.data)
    assert [c["id"] for c in clash2.data["claims"]] == ["zinc-cures-spasms"]  # merged, not duplicated


def test_same_review_url_is_a_duplicate_whatever_the_scheme_or_slash() -> None:
    importer = import_objects(
        review(url="https://www.fc.example/a/"),
        review(url="http://fc.example/a"),
        review(url="HTTPS://FC.EXAMPLE/a#top"),  # another anchor: another review on the page
    )
    assert importer.report.skipped[cr.Skip.DUPLICATE_URL] == 1
    assert importer.report.skipped[cr.Skip.DUPLICATE_CLAIM] == 1
    assert len(importer.data["claims"]) == 1


def test_a_page_reviewing_several_claims_keeps_each() -> None:
    importer = import_objects(
        review("Zinc cures spasms.", url="https://fc.example/roundup"),
        review("Vitamin C prevents all twitching.", url="https://fc.example/roundup"),
    )
    assert importer.report.imported == 2 and not importer.report.skipped


def test_near_duplicate_from_another_publisher_merges_alias_and_evidence() -> None:
    importer = import_objects(
        review("Magnesium supplements cure hemifacial spasm.", url="https://a.example/1",
               ratingExplanation="No supplement cures it."),
        review("Magnesium supplement cures hemifacial spasm", url="https://b.example/2",
               publisher="TruthMeter", ratingExplanation="Surgery or injections treat it."),
        review("magnesium supplements cure HEMIFACIAL spasm!", url="https://c.example/3",
               publisher="TruthMeter", ratingExplanation="Again, no."),
    )
    (claim,) = importer.data["claims"]
    assert claim["aliases"] == ["Magnesium supplement cures hemifacial spasm"]
    assert [(e["stance"], e["excerpt"]) for e in claim["evidence"]] == [
        ("contradicts", "No supplement cures it."), ("contradicts", "Surgery or injections treat it."),
    ]
    assert len(importer.data["sources"]) == 2
    r = importer.report
    assert (r.imported, r.merged, r.skipped[cr.Skip.DUPLICATE_CLAIM]) == (1, 1, 1)


def test_same_publisher_adds_only_the_new_phrasing() -> None:
    importer = import_objects(
        review("Magnesium supplements cure hemifacial spasm.", url="https://a.example/1",
               ratingExplanation="No."),
        review("Magnesium supplement cures hemifacial spasm", url="https://a.example/2",
               ratingExplanation="Still no."),
    )
    (claim,) = importer.data["claims"]
    assert claim["aliases"] == ["Magnesium supplement cures hemifacial spasm"]
    assert len(claim["evidence"]) == 1 and len(importer.data["sources"]) == 1


def test_disagreeing_verdict_keeps_the_existing_one_and_counts_a_conflict() -> None:
    importer = import_objects(
        review("Magnesium supplements cure hemifacial spasm.", url="https://a.example/1"),
        review("Magnesium supplements cure hemifacial spasm", url="https://b.example/2", label="True",
               publisher="Contrarian", ratingExplanation="Readers say it worked."),
    )
    (claim,) = importer.data["claims"]
    assert claim["verdict"] == "false"
    assert claim["evidence"] == [{"source": importer.data["sources"][1]["id"], "stance": "supports",
                                  "excerpt": "Readers say it worked."}]
    assert [c.to_dict() for c in importer.report.conflicts] == [
        {"claim": claim["id"], "kept": "false", "review": "true", "url": "https://b.example/2"}]


def test_merging_into_a_curated_claim_adds_the_review_as_evidence() -> None:
    base = {"version": 1, "sources": [
        {"id": "doc", "title": "Doc", "publisher": "Clinic", "kind": "summary", "reliability": "high"}],
        "claims": [{"id": "hfs-cure", "text": "Magnesium cures hemifacial spasm.", "verdict": "false",
                    "summary": "It does not.", "evidence": [
                        {"source": "doc", "stance": "contradicts", "excerpt": "No supplement cures it."}]}]}
    importer = import_objects(review("magnesium cures hemifacial spasm", ratingExplanation="Nope."), data=base)
    (claim,) = importer.data["claims"]
    assert "origin" not in claim and len(claim["evidence"]) == 2 and "aliases" not in claim
    assert importer.report.merged == 1


@pytest.mark.parametrize("a, b, same", [
    ("vaccines cause autism in young children", "vaccine cause autism in young children", True),
    ("magnesium cures the hemifacial spasm", "magnesium cures hemifacial spasm", True),
    ("taking magnesium every day for months cures hemifacial spasm in most adults",
     "taking magnesium every day for months does not cure hemifacial spasm in most adults", False),
    ("taking magnesium every day for months cures hemifacial spasm in most adults",
     "taking magnesium every day for months never cures hemifacial spasm in most adults", False),
    ("the supplement was found to be safe for children and adults in the trial",
     "the supplement was found to be unsafe for children and adults in the trial", False),
    ("eating eggs every morning increases cholesterol in healthy adults by a lot",
     "eating eggs every morning decreases cholesterol in healthy adults by a lot", False),
    ("the vaccine was approved in 2020 after a large trial in several countries",
     "the vaccine was approved in 2021 after a large trial in several countries", False),
])
def test_same_claim_vetoes_negations_numbers_and_opposites(a: str, b: str, same: bool) -> None:
    assert cr.same_claim(a, b) is same


def test_negated_long_claim_is_not_merged_even_when_the_strings_are_close() -> None:
    text = "Taking magnesium supplements every day for several months cures hemifacial spasm in most adults"
    negated = text.replace(" cures ", " never cures ")
    from rapidfuzz import fuzz

    assert fuzz.ratio(cr.normalise_text(text), cr.normalise_text(negated)) >= 95
    importer = import_objects(review(text, url="https://a.example/1"),
                              review(negated, url="https://a.example/2", label="True"))
    assert [c["verdict"] for c in importer.data["claims"]] == ["false", "true"]


def test_aliases_in_item_reviewed_round_trip() -> None:
    importer = import_objects(review(itemReviewed={"@type": "Claim", "alternateName": ["Mg fixes HFS", "Mg fixes HFS"]}))
    assert importer.data["claims"][0]["aliases"] == ["Mg fixes HFS"]


# --------------------------------------------------------------------------- the command: import


def test_import_samples_into_a_new_knowledge_base(tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    result = run("kb", "import", *[sample(s) for s in SAMPLES], "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "factcheck: imported 23 claims, merged 2, skipped 8 (1 duplicate url, 3 duplicate claim, "
        f"1 no claimReviewed, 3 not a ClaimReview); wrote {out} (23 claims)"
    )
    assert "4 ratings matched no verdict, imported as unproven: " in result.stderr
    assert "'Half Flip' x1" in result.stderr and "'Totally bogus verdict word' x1" in result.stderr
    assert "1 review disagreed with the claim matched; kept its verdict: " \
           "magnesium-supplements-cure-hemifacial-spasm (kept false, review says true)" in result.stderr
    kb = knowledge.load(out)
    verdicts = {c.text: c.verdict.value for c in kb.claims}
    assert verdicts["Vitamin B12 injections stop all facial twitching within a week."] == "false"
    assert verdicts["La vitamine D guérit le spasme hémifacial"] == "false"
    assert verdicts["Le café provoque des tics de la paupière chez certaines personnes."] == "mixed"
    assert verdicts["Drinking more coffee cures hemifacial spasm."] == "false"
    assert verdicts["Magnesium deficiency can contribute to muscle twitching."] == "mostly-true"
    assert verdicts["The senator changed position on supplement labelling."] == "unproven"
    full_fact = kb.claim("supplements-can-interact-with-carbamazepine")
    assert full_fact.verdict is Verdict.TRUE and full_fact.evidence[0].excerpt.startswith("Correct. Some")
    raw = out.read_text(encoding="utf-8")
    assert raw.endswith("}\n") and '\n  "sources": [' in raw and "hémifacial" in raw
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.json"]  # no temp file left behind


def test_import_json_report_for_scripts(tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    result = run("kb", "import", sample("truthmeter_array.json"), sample("numeric.json"), "-o", str(out),
                 "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"output", "written", "claims", "sources", "reviews", "imported", "merged",
                           "skipped", "not_claimreview_types", "unmapped_ratings", "conflicts"}
    assert report["output"] == str(out) and report["written"] is True
    assert (report["reviews"], report["imported"], report["merged"], report["claims"]) == (12, 11, 0, 11)
    assert report["skipped"] == {"duplicate_url": 0, "duplicate_claim": 0, "no_claim_reviewed": 1,
                                 "not_claimreview": 0}
    assert report["unmapped_ratings"] == {"Half Flip": 1, "7 on a 1-5 scale": 1,
                                          "Totally bogus verdict word": 1, "(no rating)": 1}
    assert "factcheck: imported" not in result.stderr  # the summary line is the JSON


def test_import_needs_an_output(tmp_path: Path) -> None:
    result = run("kb", "import", sample("graph.json"))
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: give -o OUT.json (a new knowledge base) or --into KB.json (merge into one)\n"
    assert list(tmp_path.iterdir()) == []


def test_import_needs_a_file(tmp_path: Path) -> None:
    result = run("kb", "import", "-o", str(tmp_path / "kb.json"))
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: no file given: name ClaimReview files, or '-' to read standard input\n"


def test_import_reads_stdin(tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    result = run("kb", "import", "-", "-o", str(out), input=(DATA / "clearfacts.jsonl").read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert len(knowledge.load(out).claims) == 3


def test_import_into_merges_and_writes_back_then_nothing_new(tmp_path: Path) -> None:
    base = tmp_path / "kb.json"
    assert run("kb", "import", sample("rumorcheck_single.json"), "-o", str(base)).exit_code == 0
    result = run("kb", "import", sample("merge.json"), "--into", str(base))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "factcheck: imported 2 claims, merged 2, skipped 3 (1 duplicate url, 2 duplicate claim); "
        f"wrote {base} (3 claims)")
    before = base.read_bytes()
    again = run("kb", "import", sample("merge.json"), sample("rumorcheck_single.json"), "--into", str(base))
    assert again.exit_code == 0, again.output
    assert again.stderr.startswith(
        f"factcheck: imported 0 claims, merged 0, skipped 8 (6 duplicate url, 2 duplicate claim); "
        f"{base} unchanged (3 claims)")
    assert base.read_bytes() == before


def test_import_into_with_output_leaves_the_base_alone(tmp_path: Path) -> None:
    base, out = tmp_path / "kb.json", tmp_path / "out.json"
    assert run("kb", "import", sample("rumorcheck_single.json"), "-o", str(base)).exit_code == 0
    before = base.read_bytes()
    result = run("kb", "import", sample("graph.json"), "--into", str(base), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert base.read_bytes() == before
    assert [c.id for c in knowledge.load(out).claims] == [
        "magnesium-supplements-cure-hemifacial-spasm", "potassium-supports-normal-nerve-and-muscle-function"]


def test_import_reliability_option(tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    assert run("kb", "import", sample("graph.json"), "-o", str(out), "--reliability", "high").exit_code == 0
    assert {s.reliability for s in knowledge.load(out).sources} == {Reliability.HIGH}
    bad = run("kb", "import", sample("graph.json"), "-o", str(out), "--reliability", "total")
    assert bad.exit_code == 2


@pytest.mark.parametrize("name, message", [
    ("bad.json", "factcheck: error: {}:4:1: not valid JSON: Expecting property name enclosed in double quotes\n"),
    ("bad_lines.jsonl", "factcheck: error: {}:3:97: not valid JSON Lines: Expecting ',' delimiter\n"),
    ("empty.json", "factcheck: error: no ClaimReview found in {} (no JSON objects)\n"),
    ("not_claimreview.json", "factcheck: error: no ClaimReview found in {} (only: 1 Recipe)\n"),
])
def test_unusable_input_exits_2_and_writes_nothing(tmp_path: Path, name: str, message: str) -> None:
    out = tmp_path / "kb.json"
    result = run("kb", "import", sample("graph.json"), sample(name), "-o", str(out)) if name.startswith("bad") \
        else run("kb", "import", sample(name), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == message.format(sample(name))
    assert result.stdout == "" and not out.exists()


def test_no_claimreview_with_into_is_an_error_and_leaves_the_base_alone(tmp_path: Path) -> None:
    base = tmp_path / "kb.json"
    assert run("kb", "import", sample("graph.json"), "-o", str(base)).exit_code == 0
    before = base.read_bytes()
    result = run("kb", "import", sample("not_claimreview.json"), "--into", str(base))
    assert result.exit_code == 2 and base.read_bytes() == before


def test_reviews_without_claim_text_give_nothing_to_write(tmp_path: Path) -> None:
    path = write(tmp_path, "in.json", [review(None), review(None, url="https://x.example/2")])
    result = run("kb", "import", path, "-o", str(tmp_path / "kb.json"))
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: nothing to import from {path}: 2 no claimReviewed\n"
    assert not (tmp_path / "kb.json").exists()


@pytest.mark.parametrize("setup, message", [
    (lambda d: None, "factcheck: error: knowledge base not found: "),
    (lambda d: (d / "base.json").write_text("{", encoding="utf-8"), "factcheck: error: "),
    (lambda d: (d / "base.json").write_text('{"version": 1, "sources": [], "claims": []}', encoding="utf-8"),
     "factcheck: error: "),
])
def test_bad_into_knowledge_base_exits_2(tmp_path: Path, setup: Any, message: str) -> None:
    setup(tmp_path)
    result = run("kb", "import", sample("graph.json"), "--into", str(tmp_path / "base.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_unreadable_inputs_exit_2(tmp_path: Path) -> None:
    (tmp_path / "latin1.json").write_bytes(b'{"claimReviewed": "caf\xe9"}')
    for path, message in ((tmp_path / "missing.json", "file not found"), (tmp_path, "is a directory"),
                          (tmp_path / "latin1.json", "not UTF-8 text")):
        result = run("kb", "import", str(path), "-o", str(tmp_path / "kb.json"))
        assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_output_into_a_missing_directory_exits_2(tmp_path: Path) -> None:
    result = run("kb", "import", sample("graph.json"), "-o", str(tmp_path / "nope" / "kb.json"))
    assert result.exit_code == 2 and result.stderr.startswith("factcheck: error: cannot write ")


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "kb.json"
    target.write_text("old\n", encoding="utf-8")

    def boom(*_a: Any, **_k: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="No space left on device"):
        cr.write_json_atomic(target, {"a": 1})
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.json"]


# --------------------------------------------------------------------------- the command: export


def imported_kb(tmp_path: Path) -> Path:
    out = tmp_path / "kb.json"
    assert run("kb", "import", *[sample(s) for s in SAMPLES], "-o", str(out)).exit_code == 0
    return out


def test_export_writes_claimreview_json_ld(tmp_path: Path) -> None:
    kb_path = imported_kb(tmp_path)
    result = run("--kb", str(kb_path), "kb", "export", "--format", "claimreview")
    assert result.exit_code == 0, result.output
    reviews = json.loads(result.stdout)
    kb = knowledge.load(kb_path)
    assert len(reviews) == len(kb.claims)
    for r, claim in zip(reviews, kb.claims):
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["claimReviewed"] == claim.text
        assert r["reviewRating"] == {"@type": "Rating", "ratingValue": cr.SCALE[claim.verdict],
                                     "bestRating": 5, "worstRating": 1, "alternateName": claim.verdict.value}
        assert r["ratingExplanation"] == claim.summary
        assert r["author"] == {"@type": "Organization", "name": "factcheck"}
        assert r["url"] == claim.origin.url
        assert r["itemReviewed"]["@type"] == "Claim"
    first = reviews[0]
    assert first["datePublished"] == "2024-03-12"
    assert first["itemReviewed"]["appearance"][0] == {"@type": "CreativeWork", "url": "https://social.example/post/100"}
    merged = next(r for r in reviews if r["claimReviewed"] == "Magnesium supplements cure hemifacial spasm.")
    assert [c["publisher"]["name"] for c in merged["citation"]] == ["TruthMeter", "Contrarian Wellness Review"]
    assert merged["itemReviewed"]["alternateName"] == ["Magnesium supplement cures hemifacial spasm"]


def test_export_feed_publisher_date_and_file(tmp_path: Path) -> None:
    kb_path, out = imported_kb(tmp_path), tmp_path / "feed.json"
    result = run("--kb", str(kb_path), "kb", "export", "--feed", "--publisher", "Acme Checks",
                 "--publisher-url", "https://acme.example", "--date", "2025-01-31", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == f"factcheck: exported 23 claims to {out}\n"
    feed = json.loads(out.read_text(encoding="utf-8"))
    assert (feed["@context"], feed["@type"], feed["dateModified"]) == ("https://schema.org", "DataFeed", "2025-01-31")
    items = [e["item"] for e in feed["dataFeedElement"]]
    assert all(e["@type"] == "DataFeedItem" for e in feed["dataFeedElement"])
    assert all("@context" not in i for i in items)
    assert items[0]["author"] == {"@type": "Organization", "name": "Acme Checks", "url": "https://acme.example"}
    assert items[0]["datePublished"] == "2024-03-12"  # an imported claim keeps its own date
    undated = next(i for i in items if i["claimReviewed"].startswith("Zinc lozenges"))
    assert undated["datePublished"] == "2025-01-31"


def test_export_date_today_and_bad_date(tmp_path: Path) -> None:
    import datetime

    kb_path = imported_kb(tmp_path)
    today = run("--kb", str(kb_path), "kb", "export", "--date", "today")
    undated = next(r for r in json.loads(today.stdout) if r["claimReviewed"].startswith("Zinc lozenges"))
    assert undated["datePublished"] == datetime.date.today().isoformat()
    no_date = run("--kb", str(kb_path), "kb", "export")
    assert "datePublished" not in next(r for r in json.loads(no_date.stdout) if r["claimReviewed"].startswith("Zinc"))
    bad = run("--kb", str(kb_path), "kb", "export", "--date", "31/01/2025")
    assert bad.exit_code == 2
    assert bad.stderr == "factcheck: error: --date must be YYYY-MM-DD or 'today', not '31/01/2025'\n"
    other = run("--kb", str(kb_path), "kb", "export", "--format", "csv")
    assert other.exit_code == 2


def test_export_of_a_bad_knowledge_base_exits_2(tmp_path: Path) -> None:
    result = run("--kb", str(tmp_path / "missing.json"), "kb", "export")
    assert result.exit_code == 2 and result.stderr.startswith("factcheck: error: knowledge base not found")


# --------------------------------------------------------------------------- round trips

WORDS = (
    "magnesium zinc calcium potassium iron vitamin thiamine riboflavin niacin folate caffeine sugar salt "
    "coffee tea chocolate garlic ginger turmeric fish eggs milk bananas spinach almonds honey vinegar "
    "cures prevents causes worsens relieves triggers reduces doubles halves blocks weakens strengthens "
    "spasm twitching cramps migraine insomnia fatigue anxiety memory eyesight hearing balance sleep "
    "children adults athletes seniors patients smokers runners pilots nurses students farmers"
).split()


def generated_kb(n: int = 300, seed: int = 7) -> dict[str, Any]:
    rnd = random.Random(seed)
    verdicts = [v.value for v in Verdict]
    sources = [
        {"id": "doc", "title": "A document", "publisher": "Clinic", "kind": "summary", "reliability": "high",
         "url": "https://clinic.example/doc", "date": "2024-01-01"},
        {"id": "fc", "title": "A review", "publisher": "RumorCheck", "kind": "fact-check", "reliability": "medium"},
    ]
    claims, seen = [], set()
    while len(claims) < n:
        words = rnd.sample(WORDS, rnd.randint(5, 9))
        text = " ".join(words).capitalize() + rnd.choice([".", "", "!", "?"])
        if cr.normalise_text(text) in seen:
            continue
        seen.add(cr.normalise_text(text))
        i = len(claims)
        verdict = verdicts[i % len(verdicts)]
        claim: dict[str, Any] = {"id": f"c{i}", "text": text, "verdict": verdict, "summary": f"Summary {i}."}
        if i % 4 == 0:
            claim["aliases"] = [f"Alias number {i} of {words[0]}"]
        claim["evidence"] = [{"source": "doc", "stance": "supports" if i % 2 else "contradicts", "excerpt": "x"}]
        if i % 3 == 0:
            claim["origin"] = {"source": "fc", "url": f"https://fc.example/{i}", "rating": "Whatever",
                               "date": "2023-05-06", "appearances": [f"https://social.example/{i}"]}
        claims.append(claim)
    return {"version": 1, "sources": sources, "claims": claims}


def round_trip(tmp_path: Path, kb_path: Path) -> tuple[knowledge.KnowledgeBase, knowledge.KnowledgeBase]:
    exported, back = tmp_path / "exported.json", tmp_path / "back.json"
    result = run("--kb", str(kb_path), "kb", "export", "--format", "claimreview", "-o", str(exported))
    assert result.exit_code == 0, result.output
    result = run("kb", "import", str(exported), "-o", str(back))
    assert result.exit_code == 0, result.output
    return knowledge.load(kb_path), knowledge.load(back)


def test_round_trip_of_a_generated_knowledge_base(tmp_path: Path) -> None:
    kb_path = tmp_path / "generated.json"
    kb_path.write_text(json.dumps(generated_kb()), encoding="utf-8")
    original, back = round_trip(tmp_path, kb_path)
    assert [(c.text, c.verdict) for c in back.claims] == [(c.text, c.verdict) for c in original.claims]
    assert [c.aliases for c in back.claims] == [c.aliases for c in original.claims]
    assert [c.origin.url for c in back.claims] == [c.origin.url if c.origin else None for c in original.claims]
    assert [c.origin.appearances for c in back.claims] == [
        c.origin.appearances if c.origin else () for c in original.claims]


def test_round_trip_of_the_shipped_knowledge_base(tmp_path: Path) -> None:
    shipped = knowledge.shipped_path()
    if not json.loads(shipped.read_text(encoding="utf-8"))["claims"]:
        pytest.skip("the shipped knowledge base has no claims yet")
    original, back = round_trip(tmp_path, shipped)
    assert [(c.text, c.verdict, c.aliases) for c in back.claims] == [
        (c.text, c.verdict, c.aliases) for c in original.claims]


def test_round_trip_of_imported_samples(tmp_path: Path) -> None:
    original, back = round_trip(tmp_path, imported_kb(tmp_path))
    assert [(c.text, c.verdict, c.aliases) for c in back.claims] == [
        (c.text, c.verdict, c.aliases) for c in original.claims]


claim_words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(claim_words, min_size=1, max_size=8), verdict=st.sampled_from(list(Verdict)))
def test_any_claim_text_and_verdict_survive_export_and_import(words: list[str], verdict: Verdict) -> None:
    text = " ".join(words)
    kb = knowledge.from_dict({"version": 1, "sources": [{"id": "s", "title": "t", "publisher": "p",
                                                         "kind": "k", "reliability": "low"}],
                              "claims": [{"id": "c", "text": text, "verdict": verdict.value, "summary": "",
                                          "evidence": [{"source": "s", "stance": "supports", "excerpt": "e"}]}]})
    document = json.loads(cr.dumps(cr.export(kb)))
    importer = import_objects(document)
    (claim,) = importer.data["claims"]
    wrapped = text[0] in reading._QUOTE_PAIRS and text[-1] == reading._QUOTE_PAIRS[text[0]] and len(text) > 2
    if not wrapped:
        assert claim["text"] == text
    assert claim["verdict"] == verdict.value


# --------------------------------------------------------------------------- with the engine


def test_imported_claims_are_found_by_check_straight_away(tmp_path: Path) -> None:
    kb_path = imported_kb(tmp_path)
    for statement, claim_id, verdict, status in (
        ("Does magnesium cure hemifacial spasm?", "magnesium-supplements-cure-hemifacial-spasm", "false", 1),
        ("coffee cures hemifacial spasm", "drinking-more-coffee-cures-hemifacial-spasm", "false", 1),
        ("la vitamine D guérit le spasme hémifacial", "la-vitamine-d-guerit-le-spasme-hemifacial", "false", 1),
    ):
        result = run("--kb", str(kb_path), "check", "--format", "json", statement)
        assert result.exit_code == status, result.output
        (found,) = json.loads(result.stdout)["results"]
        assert (found["verdict"], found["claim"]["id"]) == (verdict, claim_id)


def test_imported_claims_are_found_by_scan_straight_away(tmp_path: Path) -> None:
    kb_path = imported_kb(tmp_path)
    note = tmp_path / "note.txt"
    note.write_text("My aunt says drinking more coffee cures hemifacial spasm. The weather was fine.\n",
                    encoding="utf-8")
    result = run("--kb", str(kb_path), "scan", str(note), "--format", "jsonl")
    assert result.exit_code == 1, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["claim"]["id"], f["verdict"]) for f in found] == [
        ("drinking-more-coffee-cures-hemifacial-spasm", "false")]


def test_commands_have_help() -> None:
    for command in ("import", "export"):
        result = run("kb", command, "--help")
        assert result.exit_code == 0 and "ClaimReview" in result.stdout
