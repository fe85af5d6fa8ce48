"""Clauses, frames, lists and spans: reading the claims inside real prose (factcheck.engine.clauses).

The sentences here are written for these tests; `tests/data/prose/post.md` is a small document
labelled line by line (`labels.jsonl`) with the claims each line makes, checked end to end by
`factcheck scan`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app
from factcheck.engine import clauses
from factcheck.engine.checker import FactChecker
from factcheck.engine.clauses import ASK, ASSERT, DENY, NONE, read
from factcheck.sentences import split_text

PROSE = Path(__file__).parent / "data" / "prose"
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "FACTCHECK_KB": None}
SUPPORTED = {"true", "mostly-true"}
REFUTED = {"false", "mostly-false"}


@pytest.fixture(scope="module")
def checker() -> FactChecker:
    return FactChecker.load()


def one(sentence: str) -> clauses.Clause:
    (c,) = read(sentence)
    return c


# --------------------------------------------------------------------------- the reader


def test_a_plain_sentence_is_one_plain_clause():
    cs = read("Magnesium cures hemifacial spasm.")
    assert clauses.plain(cs)
    assert cs[0].text == "Magnesium cures hemifacial spasm" and cs[0].mood == ASSERT


@pytest.mark.parametrize("sentence, mood, content", [
    ("My cousin swears that vitamin B12 cures HFS.", ASSERT, "vitamin B12 cures HFS"),
    ("She explained that Botox is a standard treatment.", ASSERT, "Botox is a standard treatment"),
    ("I read that magnesium cures HFS.", ASSERT, "magnesium cures HFS"),
    ("I don't think magnesium cures HFS.", DENY, "magnesium cures HFS"),
    ("I doubt that magnesium cures HFS.", DENY, "magnesium cures HFS"),
    ("It's a myth that magnesium cures HFS.", DENY, "magnesium cures HFS"),
    ("I don't doubt that Botox treats HFS.", ASSERT, "Botox treats HFS"),
    ("My doctor never said that magnesium cures HFS.", NONE, "magnesium cures HFS"),
    ("Does magnesium cure HFS?", ASK, "Does magnesium cure HFS?"),
])
def test_frames_are_set_aside_and_keep_their_polarity(sentence, mood, content):
    c = one(sentence)
    assert (c.mood, c.text) == (mood, content)
    assert sentence.startswith(c.frame)


def test_the_span_of_a_framed_clause_includes_its_frame():
    s = "My cousin swears that vitamin B12 cures HFS, so she ordered a big jar of it."
    first, second = read(s)
    assert s[first.start:first.end] == "My cousin swears that vitamin B12 cures HFS"
    assert s[second.start:second.end] == "she ordered a big jar of it"
    assert second.kind == "coordinate"


def test_a_relative_clause_takes_the_noun_before_the_comma_as_its_subject():
    s = "Her neurologist recommended Botox shots instead, which are a standard treatment for HFS."
    rel = next(c for c in read(s) if c.kind == "relative")
    assert rel.text == "Botox shots are a standard treatment for HFS"
    assert s[rel.start:rel.end] == "which are a standard treatment for HFS"


def test_a_relative_clause_with_a_subject_of_its_own_takes_the_noun_as_its_object():
    s = "Then there is zinc, which your skin needs to heal, and iron."
    rel = next(c for c in read(s) if c.kind == "relative")
    assert rel.text == "your skin needs zinc to heal"
    # no verb after a short subject: no clause ("which my wife hates" names no relation)
    assert all(c.kind != "relative" for c in read("I bought zinc, which my wife hates."))


def test_whose_makes_the_noun_before_the_comma_the_owner():
    rel = next(c for c in read("Then there is zinc, whose shortage can slow healing.") if c.kind == "relative")
    assert rel.text == "zinc shortage can slow healing"


def test_a_relative_clause_inside_the_main_clause_leaves_it_whole():
    texts = [c.text for c in read("Magnesium, which is a mineral, cures HFS.")]
    assert texts == ["Magnesium cures HFS", "Magnesium is a mineral"] or \
        sorted(texts) == sorted(["Magnesium cures HFS", "Magnesium is a mineral"])


def test_a_pronoun_is_read_as_the_one_noun_phrase_it_can_stand_for():
    s = ("The doctor says it is hemifacial spasm, and that it usually comes from a blood vessel "
         "pressing on the nerve.")
    second = read(s)[1]
    assert second.text.startswith("hemifacial spasm usually comes from")
    assert second.frame == "The doctor says"  # "and that ..." goes on with the frame
    assert "read 'it' as 'hemifacial spasm'" in second.notes


def test_an_ambiguous_pronoun_is_left_alone():
    # "it" could be stress or twitching: neither is guessed
    second = read("Stress triggers twitching, and it can last for days.")[1]
    assert second.text.startswith("it can last")


def test_conditions_are_not_asserted_and_reasons_are():
    cond, main = read("If magnesium cures HFS, then doctors would prescribe it.")
    assert cond.mood == NONE and cond.text == "magnesium cures HFS"
    assert main.kind == "consequence"
    main, reason = read("I take magnesium because my doctor says low magnesium can cause twitching.")
    assert reason.kind == "reason" and reason.mood == ASSERT
    assert reason.text == "low magnesium can cause twitching"


def test_and_joins_clauses_only_when_both_sides_are_clauses():
    assert len(read("Magnesium cures HFS, and caffeine can trigger twitching.")) == 2
    assert len(read("Leafy greens, nuts, and bananas are good sources of magnesium.")) == 1


@pytest.mark.parametrize("sentence, parts", [
    ("Stress and lack of sleep can trigger twitching.",
     ["Stress can trigger twitching", "lack of sleep can trigger twitching"]),
    ("Magnesium deficiency can cause fatigue, cramps and irritability.",
     ["Magnesium deficiency can cause fatigue", "Magnesium deficiency can cause cramps",
      "Magnesium deficiency can cause irritability"]),
    # the verb after an auxiliary belongs to every item, not to the first
    ("A blood test can check iron, zinc and copper.",
     ["A blood test can check iron", "A blood test can check zinc", "A blood test can check copper"]),
])
def test_a_list_gives_one_part_a_item(sentence, parts):
    assert list(one(sentence).parts) == parts


def test_a_link_between_two_things_is_not_a_list():
    assert one("There is a link between stress and twitching.").parts == ()


def test_anecdotes_are_noted():
    assert any("anecdote" in n for n in one("B12 shots cured her HFS.").notes)
    assert not one("B12 shots cure HFS.").notes


def test_the_language_data_is_well_formed():
    lang = clauses.lang()
    for cls in ("coordinator", "reason", "condition", "relative", "report", "belief", "deny",
                "deny-head", "negator", "person", "finite", "list-joiner"):
        assert lang.phrases.get(cls), cls
    assert set(lang.pronouns.values()) == {"singular", "plural"}
    # a word is not both a verb that reports a claim and one that denies it
    assert not (lang.words["report"] & lang.words["deny"])


# --------------------------------------------------------------------------- checking


def test_a_denying_frame_denies_and_a_reporting_frame_asserts(checker):
    assert checker.check("Magnesium cures hemifacial spasm.").verdict == "false"
    denied = checker.check("I doubt that magnesium cures hemifacial spasm.")
    assert denied.verdict == "true" and denied.negated
    assert denied.clause is not None and denied.clause.mood == DENY
    assert checker.check("A friend swears that magnesium cures hemifacial spasm.").verdict == "false"


@pytest.mark.parametrize("sentence", [
    "If magnesium cures hemifacial spasm, I'll eat my hat.",
    "My doctor never said that magnesium cures hemifacial spasm.",
    "Whether magnesium cures hemifacial spasm, nobody knows.",
])
def test_what_a_sentence_does_not_assert_gets_no_verdict(checker, sentence):
    assert checker.check(sentence).verdict == "no-match"
    assert [r.verdict for r in checker.findings(sentence)] == ["no-match"]


def test_the_clause_that_decided_is_reported(checker):
    s = "Her neurologist recommended Botox shots instead, which are a standard treatment for HFS."
    r = checker.check(s)
    assert r.verdict == "true" and r.statement == s
    assert r.clause is not None and s[r.clause.start:r.clause.end].startswith("which are")
    d = r.to_dict()
    assert d["clause"]["text"] == "Botox shots are a standard treatment for HFS"


def test_a_negation_in_another_clause_does_not_deny_the_claim(checker):
    r = checker.check("Magnesium cures hemifacial spasm, but it doesn't work for everyone.")
    assert r.verdict == "false"


def test_a_list_combines_its_parts(checker):
    # (was "lack of sleep": twitching in general is now settled by "fatigue can trigger facial
    # twitching", so an item the knowledge base does not know takes its place)
    r = checker.check("Stress and sunlight can trigger twitching.")
    # one part is supported, the other unknown: the weakest, and each part is shown
    assert [p.verdict for p in r.parts] == ["true", "no-match"]
    assert r.verdict == "no-match"
    refuted = checker.check("Magnesium and a fairy dust tonic cure hemifacial spasm.")
    assert refuted.verdict in REFUTED  # any part refuted: the whole is


def test_findings_report_every_claim_of_a_sentence(checker):
    found = checker.findings("Magnesium cures hemifacial spasm, and caffeine can trigger facial twitching.")
    assert [(r.verdict, r.claim.id) for r in found] == [
        ("false", "magnesium-cures-hfs"), ("true", "caffeine-triggers-facial-twitching")]


def test_opposite_verdicts_on_one_claim_are_dropped(checker):
    s = "Some say magnesium cures hemifacial spasm, but I doubt that magnesium cures hemifacial spasm."
    assert checker.check(s).verdict == "no-match"


# --------------------------------------------------------------------------- spans and scan


def test_a_sentence_locates_its_characters_in_the_file():
    text = "Some text here. My cousin swears that\nvitamin B12 cures **hemifacial spasm**, so she  ordered it.\n"
    lines = text.splitlines()
    for s in split_text(text):
        for k, ch in enumerate(s.text):
            if ch != " ":
                line, col = s.locate(k)
                assert lines[line - 1][col - 1] == ch
    s = split_text(text)[1]
    assert s.locate_end(len(s.text)) == (2, len(lines[1]) + 1)


def scan_jsonl(*args: str) -> list[dict]:
    r = CliRunner().invoke(app, ["scan", "--format", "jsonl", *args], env=ENV)
    assert r.exit_code in (0, 1), r.stderr
    return [json.loads(x) for x in r.stdout.splitlines()]


def test_the_labelled_post_every_claim_found_no_false_alarm_no_flip():
    labels = {row["line"]: row["claims"] for row in map(json.loads, (PROSE / "labels.jsonl").read_text().splitlines())}
    rows = scan_jsonl(str(PROSE / "post.md"))
    by_line: dict[int, list[dict]] = {}
    for d in rows:
        by_line.setdefault(d["line"], []).append(d)
    for line, claims in labels.items():
        got = {(d["claim"]["id"], d["verdict"]) for d in by_line.get(line, [])}
        want = {(c["claim"], v) for c in claims for v in c["expect"]}
        assert {c for c, _ in got} == {c["claim"] for c in claims}, line  # found, no false alarm
        assert got <= want, line  # no flip
    assert set(by_line) <= set(labels)


def test_a_finding_spans_the_clause_it_checked():
    rows = scan_jsonl(str(PROSE / "post.md"))
    lines = (PROSE / "post.md").read_text().splitlines()
    botox = next(d for d in rows if d["claim"]["id"] == "botox-treats-hfs")
    assert lines[botox["line"] - 1][botox["column"] - 1:botox["end_column"] - 1] == \
        "which are a standard treatment for HFS"
    assert botox["clause"]["text"] == "Botox shots are a standard treatment for HFS"


def test_text_output_marks_the_clause_under_the_sentence():
    r = CliRunner().invoke(app, ["scan", str(PROSE / "post.md")], env=ENV)
    out = r.stdout.splitlines()
    i = next(k for k, line in enumerate(out) if "Her neurologist recommended" in line)
    sentence, marker = out[i], out[i + 1]
    at = sentence.index("which are")
    assert marker.strip().startswith("^~") and marker.index("^") == at
    assert marker.rstrip().endswith("~") and len(marker.rstrip()) == at + len("which are a standard treatment for HFS")


def test_a_heading_that_makes_a_claim_is_checked_and_navigation_is_not(tmp_path):
    doc = tmp_path / "page.md"
    doc.write_text("# Magnesium Cures Hemifacial Spasm\n\n## What People Say\n\nMagnesium Cures HFS\n")
    rows = scan_jsonl("--all", str(doc))
    assert [(d["line"], d["verdict"]) for d in rows] == [(1, "false"), (5, "false")]


# --------------------------------------------------------------------------- conditions as causes


@pytest.mark.parametrize("sentence, reads", [
    ("If you are low on iron, your hands may shake.", "you are low on iron can cause your hands shake"),
    ("When people are anxious, their eyelids can flutter.", "people are anxious can cause their eyelids flutter"),
    ("Your eyelid can twitch when you are stressed.", "you are stressed can cause your eyelid twitch"),
])
def test_a_condition_whose_main_clause_names_no_relation_is_read_as_its_cause(sentence, reads):
    (clause,) = read(sentence)
    assert clause.text == reads
    assert clause.kind == "effect" and clause.mood == "assert"
    assert clause.start <= sentence.index(reads.split()[0]) and clause.end >= len(sentence.rstrip(".")) - 1


@pytest.mark.parametrize("sentence", [
    "If you take zinc, your hands won't shake.",  # a negated effect: zinc prevents it, not "does not cause"
    "If you don't sleep, your hands may shake.",  # a negated condition
    "If zinc cures tremor, doctors would prescribe it.",  # the condition is itself a claim: a hypothesis
    "If your hands shake, it could be a tremor.",  # the effect says what something is
    "Tremor often gets worse when you are tired.",  # the effect says how a thing changes
    "Tremor often gets weaker when you are tired.",
    "If you have a tremor, zinc can treat it.",  # the effect has a relation of its own
    "Your hands shake after you drink coffee.",  # "after" orders events; it does not say why
])
def test_conditions_that_are_not_causes_are_left_as_they_were(sentence):
    assert all(c.kind != "effect" for c in read(sentence))


def test_a_preposition_before_a_gerund_opens_no_clause():
    """"relax after contracting": "after" here heads a phrase, and the sentence stays whole (its
    "cannot ... unless" is one requirement, which the analyser reads)."""
    (clause,) = read("A muscle cannot relax after contracting unless it has magnesium.")
    assert clause.text == "A muscle cannot relax after contracting unless it has magnesium"


def test_unless_after_a_denial_is_not_a_condition():
    (clause,) = read("Eels cannot spawn unless they have brackish water.")
    assert clause.mood == ASSERT and clause.kind == "main"


@pytest.mark.parametrize("sentence, text, mood", [
    ("She told me something I didn't know: zinc may interact with lithium.", "zinc may interact with lithium", ASSERT),
    ("Myth: zinc cures tinnitus.", "zinc cures tinnitus", DENY),
    ("Not true: zinc cures tinnitus.", "zinc cures tinnitus", DENY),
    ("Fun fact: zinc is found mostly in oysters.", "zinc is found mostly in oysters", ASSERT),
])
def test_words_before_a_colon_frame_the_clause_after_it(sentence, text, mood):
    (clause,) = read(sentence)
    assert (clause.text, clause.mood) == (text, mood)


def test_a_colon_before_a_phrase_is_no_frame():
    (clause,) = read("Dose: 400 mg daily.")
    assert clause.text == "Dose: 400 mg daily" and not clause.frame


def test_a_last_verbless_denial_is_a_part_of_its_own():
    main, tail = read("The forums had stories about zinc helping wounds heal, nothing about burns.")
    assert main.text == "The forums had stories about zinc helping wounds heal"
    assert tail.text == "nothing about burns"
    # a number limits what comes before: kept
    (clause,) = read("Zinc is safe, no more than 40 mg a day.")
    assert clause.text == "Zinc is safe, no more than 40 mg a day"


def test_a_reporting_verb_joined_to_the_clauses_own_verb_is_a_frame():
    (clause,) = read("My aunt laughed and told me that zinc cures tinnitus.")
    assert clause.text == "zinc cures tinnitus" and clause.frame == "My aunt laughed and told me that"
    (clause,) = read("My aunt laughed and never said that zinc cures tinnitus.")
    assert clause.mood == NONE  # a negated report asserts nothing


def test_a_parenthesis_with_a_number_is_left_out_and_one_of_words_kept():
    (clause,) = read("Zinc (25 mg) helps wounds heal.")
    assert clause.text == "Zinc helps wounds heal"
    (clause,) = read("Surgery (microvascular decompression) treats the spasm.")
    assert clause.text == "Surgery (microvascular decompression) treats the spasm"


def test_triggers_are_the_first_words_of_the_clause_classes():
    """_triggers() reads the first words without building lang(); they must be lang()'s."""
    from factcheck.engine import clauses

    expected: set[str] = set()
    for cls in ("list-joiner", "reason", "contrast", "time", "condition", "report", "belief", "deny", "sayer-head",
                "deny-head", "wish-head", "rhetorical-head", "assert-head", "ask-head", "anecdote", "frame-closer",
                "existential", "hope"):
        expected.update(clauses.lang().starts.get(cls, {}))
    assert clauses._triggers() == expected


@pytest.mark.parametrize(("sentence", "content"), [
    ("Can ginger really cure gout, or is that a myth?", "Can ginger really cure gout"),
    ("does zinc help with acne or is that just a myth", "does zinc help with acne"),
    ("Does zinc help with acne or not?", "Does zinc help with acne"),
    ("Zinc helps with acne, or it's a myth.", "Zinc helps with acne"),
])
def test_an_alternative_that_only_judges_leaves_the_claim_asked(sentence: str, content: str) -> None:
    (clause,) = read(sentence)
    assert clause.mood == ASK and clause.text == content


@pytest.mark.parametrize("sentence", [
    "Does zinc help with acne or eczema?",  # a real alternative: a list
    "Zinc helps with acne or eczema, it's a myth.",
])
def test_an_alternative_with_content_is_not_a_judgement(sentence: str) -> None:
    assert not any("alternative" in note for c in read(sentence) for note in c.notes)
    assert any("eczema" in c.text or "eczema" in " ".join(c.parts) for c in read(sentence))


def test_a_blocker_after_the_list_does_not_block_it() -> None:
    """"between X and Y" names one link; "X and Y are among the causes" is two claims."""
    (clause,) = read("Ginger and garlic are among the most common remedies for nausea.")
    assert len(clause.parts) == 2
    (clause,) = read("The difference between ginger and garlic is small.")
    assert not clause.parts


@pytest.mark.parametrize(("sentence", "mood"), [
    ("Is it a myth that ginger cures gout?", ASK),  # asks, with whatever word
    ("Is it false that ginger cures gout?", ASK),
    ("It's a myth that ginger cures gout.", DENY),
    ("I refuse to believe that ginger cures gout.", DENY),
])
def test_asking_and_refusing_heads(sentence: str, mood: str) -> None:
    (clause,) = read(sentence)
    assert clause.mood == mood and clause.text.rstrip("?") == "ginger cures gout"


def test_a_past_participle_opening_a_list_item_is_no_verb() -> None:
    """"Kale, nuts and dried figs are ...": "dried" describes the last item, it is not the verb."""
    (clause,) = read("Kale, nuts and dried figs are good sources of iron.")
    assert clause.parts == ("Kale are good sources of iron", "nuts are good sources of iron",
                            "dried figs are good sources of iron")


@pytest.mark.parametrize(("sentence", "mood"), [
    ("Whoever says ginger cures gout is lying.", DENY),  # the sayer judged: the claim judged
    ("Anyone who claims ginger cures gout is misinformed.", DENY),
    ("Anyone who claims ginger cures gout is right.", ASSERT),
    ("I used to believe that ginger cures gout.", DENY),
    ("Only a fool would believe that ginger cures gout.", DENY),
])
def test_sayers_and_past_beliefs(sentence: str, mood: str) -> None:
    (clause,) = read(sentence)
    assert clause.mood == mood and clause.text == "ginger cures gout"


def test_two_verb_phrases_are_no_list_of_objects() -> None:
    """"X relaxed A and reduced B" is not "X relaxed A" and "X relaxed reduced B": it is two
    clauses with one subject, "X relaxed A" and "X reduced B"."""
    clauses = read("Ginger settled my stomach and reduced my nausea.")
    assert [c.text for c in clauses] == ["Ginger settled my stomach", "Ginger reduced my nausea"]
    assert all(c.parts == () for c in clauses)


@pytest.mark.parametrize(("sentence", "mood"), [
    # a verdict on the claim at the end: plural nouns too, and more labels
    ("Claims that ginger cures gout are unfounded.", DENY),
    ("The idea that ginger cures gout is baseless.", DENY),
    ("The idea that ginger cures gout is wishful thinking.", DENY),
    # how little evidence there is denies it
    ("There's little evidence that ginger cures gout.", DENY),
    ("There is not a shred of evidence that ginger cures gout.", DENY),
    ("There's no real clinical proof that ginger cures gout.", DENY),  # (two words describe the support)
    ("lol imagine thinking ginger cures gout", DENY),
    # a report that failed asserts nothing
    ("Studies have failed to show that ginger cures gout.", NONE),
])
def test_more_verdicts_and_denying_heads(sentence: str, mood: str) -> None:
    (clause,) = read(sentence)
    assert clause.mood == mood and clause.text == "ginger cures gout"


@pytest.mark.parametrize(("sentence", "mood"), [
    ("Ginger cures gout, total nonsense.", DENY),  # a last part that only labels the clause
    ("Ginger cures gout, complete myth.", DENY),
    ("Ginger cures gout, true.", ASSERT),
])
def test_a_bare_label_after_a_comma_judges_the_clause(sentence: str, mood: str) -> None:
    (clause,) = read(sentence)
    assert clause.mood == mood and clause.text == "Ginger cures gout"


@pytest.mark.parametrize("sentence", ["Ginger cures gout, no doubt.", "Ginger cures gout, of course."])
def test_other_last_parts_judge_nothing(sentence: str) -> None:
    assert all(c.mood == ASSERT for c in read(sentence))


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Botox treats hemifacial spasm, no?", "true"),  # a tag question asks; its "no" denies nothing
    ("Botox for hemifacial spasm? Total waste of time.", "false"),  # an answer that denies
    ("My naturopath claims vitamin D cures HFS, total nonsense.", "true"),
    ("Claims that diet causes hemifacial spasm are unfounded.", "true"),
    # a disclaimer before the claim asserts it; its "not" denies nothing of the claim (was true)
    ("I'm not a doctor but magnesium cures hemifacial spasm.", "false"),
    ("not a doctor but botox is a standard treatment for hemifacial spasm", "true"),
])
def test_tags_answers_and_labels_on_the_shipped_knowledge_base(checker, statement: str, verdict: str) -> None:
    assert checker.check(statement).verdict == verdict


@pytest.mark.parametrize(("sentence", "text"), [
    # "it" agrees in number: "nerves" is a plural even though WordNet also lists it as a lemma
    ("Ginger can soothe your nerves, and it is mostly found in Asian food.", "Ginger is mostly found in Asian food"),
    # "it's" is the pronoun and its verb; the word after a modal is a verb, no noun phrase
    ("Zinc can heal wounds, and it's cheap.", "Zinc is cheap"),
    ("Zinc helps wounds heal, and they're sore.", "wounds are sore"),
])
def test_a_pronoun_agrees_in_number(sentence: str, text: str) -> None:
    assert read(sentence)[-1].text == text


@pytest.mark.parametrize(("sentence", "parts"), [
    # a relation phrase of more than one word is the verb after a list ("bring on", "lead to")
    ("Heat and dust bring on sneezing.", ("Heat bring on sneezing", "dust bring on sneezing")),
    # a plural noun and "of" before the first item belong to every item ...
    ("Deficiencies of iron, zinc or copper can cause hair loss.",
     ("Deficiencies of iron can cause hair loss", "Deficiencies of zinc can cause hair loss",
      "Deficiencies of copper can cause hair loss")),
    ("Low levels of iron and zinc cause hair loss.", ("Low levels of iron cause hair loss", "Low levels of zinc cause hair loss")),
    # ... a singular one does not
    ("A lack of sleep and stress can trigger headaches.", ("A lack of sleep can trigger headaches", "stress can trigger headaches")),
])
def test_list_verbs_and_shared_heads(sentence: str, parts: tuple[str, ...]) -> None:
    assert read(sentence)[0].parts == parts


@pytest.mark.parametrize(("sentence", "second"), [
    # an additive word says one more thing of the subject before: "it" is that subject
    ("Zinc can ease a sore throat; it can also shorten a cold.", "Zinc can also shorten a cold"),
    ("Sunlight can trigger sneezing, so it causes hay fever too.", "Sunlight causes hay fever too"),
    ("Low iron can make you tired, and it can also cause hair loss.", "Low iron can also cause hair loss"),
    # without one, two nouns it could be stay unread
    ("Zinc can ease a sore throat, and it is usually mild.", "it is usually mild"),
    # an opening adjunct: the clause's first noun is no subject
    ("In winter, zinc eases a sore throat and it also shortens colds.", None),
])
def test_an_additive_word_reads_a_pronoun_as_the_subject_before(sentence: str, second: str | None) -> None:
    read = clauses.read(sentence)
    if second is None:
        assert not any("read 'it'" in n for c in read for n in c.notes)
    else:
        assert read[-1].text == second


@pytest.mark.parametrize(("sentence", "text", "mood"), [
    # no comma: a coordinator before words that only judge the clause still ends it
    ("Some say zinc cures colds but that is wrong.", "zinc cures colds", DENY),
    ('People say "zinc cures colds" but that is a myth.', "zinc cures colds", DENY),
    ("Zinc shortens colds and that is a fact.", "Zinc shortens colds", ASSERT),
    # ... not before a clause of its own
    ("Zinc helps and that is why people take it.", "Zinc helps and that is why people take it", ASSERT),
])
def test_a_judgement_after_a_coordinator_needs_no_comma(sentence: str, text: str, mood: str) -> None:
    read = clauses.read(sentence)
    assert [(c.text, c.mood) for c in read] == [(text, mood)]


@pytest.mark.parametrize(("sentence", "text", "mood"), [
    # a frame around a quotation and a verdict on it: what is reported is the verdict on the quote
    ('She said "zinc cures colds" is false.', "zinc cures colds", DENY),
    ('He wrote that "zinc cures colds" is a myth.', "zinc cures colds", DENY),
    ('She said "zinc shortens colds" is true.', "zinc shortens colds", ASSERT),
])
def test_a_quotation_judged_inside_a_frame(sentence: str, text: str, mood: str) -> None:
    read = clauses.read(sentence)
    assert [(c.text, c.mood) for c in read] == [(text, mood)]
