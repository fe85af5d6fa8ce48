"""Cutting the claim-carrying clause out of a longer sentence (issue 12, part 5): an attribution
whose speaker is described after a comma, "X is when Y", a last part that only says when or on
what grounds, verbs like "tend" that make a stretch a clause. Sentences written for these tests,
with other words than any corpus; some where nothing, or nothing more, must be read."""

from __future__ import annotations

from factcheck.engine.clauses import ASSERT, DENY, NONE, read


def texts(sentence: str) -> list[tuple[str, str, str]]:
    return [(c.kind, c.mood, c.text) for c in read(sentence)]


# --------------------------------------------------------------------------- attribution


def test_an_attribution_may_describe_its_speaker_after_a_comma():
    got = read('"Zinc shortens colds," said Prof. Ines Varga, a virologist at a large city hospital.')
    assert [(c.mood, c.text) for c in got] == [(ASSERT, "Zinc shortens colds")]
    assert "Varga" in got[0].frame


def test_the_described_speaker_keeps_a_denying_attribution():
    got = read('"Zinc shortens colds," said nobody, a point worth making.')
    assert [(c.mood, c.text) for c in got] == [(NONE, "Zinc shortens colds")]


def test_a_description_with_a_verb_is_no_apposition_of_the_speaker():
    # (the words after the name say something of their own: no attribution is cut off)
    got = read('"Zinc shortens colds," said Ines Varga, a virologist who believes zinc prevents flu.')
    assert not any(c.text == "Zinc shortens colds" for c in got)


def test_an_attribution_with_two_clauses_inside_the_quote():
    got = texts('"Most colds are viral, and they tend to clear within a week," said Dr. Lena Park, '
                'a family doctor in a small town.')
    assert ("main", ASSERT, "Most colds are viral") in got
    assert ("coordinate", ASSERT, "colds tend to clear within a week") in got  # ("they": the one noun before)


def test_tend_and_seem_make_a_stretch_a_clause():
    got = texts("Most colds are viral, and colds tend to clear within a week.")
    assert ("coordinate", ASSERT, "colds tend to clear within a week") in got
    got = texts("Zinc is cheap, and zinc seems to shorten colds.")
    assert ("coordinate", ASSERT, "zinc seems to shorten colds") in got


# --------------------------------------------------------------------------- "X is when Y"


def test_is_when_says_what_the_subject_is():
    got = texts("Gout is when uric acid crystals have built up in a joint.")
    assert got == [("main", ASSERT, "Gout is when uric acid crystals have built up in a joint")]


def test_a_when_clause_after_another_verb_is_still_a_time_clause():
    got = texts("The pain gets worse when it rains.")
    assert ("time", ASSERT, "it rains") in got


def test_is_when_keeps_a_reason_after_it_apart():
    got = texts("Gout is when a joint is swollen because crystals have built up in it.")
    assert ("main", ASSERT, "Gout is when a joint is swollen") in got
    assert ("reason", ASSERT, "crystals have built up in it") in got


# --------------------------------------------------------------------------- a last part that says when or why


def test_a_last_part_that_says_when_is_left_out_of_the_claim():
    got = texts("The regulator said cherry juice cures gout, after a complaint from a patient group.")
    assert ("main", ASSERT, "cherry juice cures gout") in got
    # (it still limits the clause to that time, and asserts nothing itself)
    assert ("time", NONE, "after a complaint from a patient group") in got


def test_a_last_part_that_gives_grounds_is_left_out():
    got = texts("The maker added that ginger eases nausea, citing two small trials of its own.")
    assert got == [("main", ASSERT, "ginger eases nausea")]


def test_a_last_part_with_a_claim_of_its_own_is_kept():
    # ("that" opens a claim of its own: not a bare ground for what came before)
    got = texts("The maker says ginger eases nausea, citing trials that show ginger cures migraine.")
    assert [text for _, _, text in got] == ["ginger eases nausea, citing trials that show ginger cures migraine"]


def test_a_last_part_with_a_denial_is_kept():
    got = texts("Ginger eases nausea, despite no trials at all.")
    assert [text for _, _, text in got] == ["Ginger eases nausea, despite no trials at all"]


def test_a_time_clause_with_a_verb_is_read_as_before():
    got = texts("Ginger eased her nausea, after she drank the tea.")
    assert ("time", ASSERT, "she drank the tea") in got


def test_a_denied_frame_keeps_its_mood_without_the_last_part():
    got = texts("I doubt that ginger cures migraine, despite the hype.")
    assert got == [("main", DENY, "ginger cures migraine")]


# --------------------------------------------------------------------------- on the shipped knowledge base


def test_a_claim_reported_before_a_last_part_is_checked(checker):
    found = checker.findings("A shop was told to drop wording that suggested its vitamin tablets could cure "
                             "hemifacial spasm, after a complaint from a reader.")
    assert [r.verdict for r in found if r.matched] == ["false"]


def test_is_when_is_checked_as_what_the_condition_is(checker):
    found = checker.findings("Hemifacial spasm is when one side of the face keeps spasming because a vessel "
                             "is pressing on a nerve.")
    assert [r.claim.id for r in found if r.matched] == ["hfs-affects-one-side-of-face"]


# --------------------------------------------------------------------------- a name, then what is said of it


def test_a_name_then_a_describing_word_reads_as_what_the_name_is():
    got = texts("Vitamin K (90 mcg), essential for blood clotting")
    assert got == [("main", ASSERT, "Vitamin K is essential for blood clotting")]


def test_an_apposition_between_name_and_description_is_left_out():
    got = texts("Fluoride (1 mg), the dentist's friend, needed for strong teeth")
    assert got == [("main", ASSERT, "Fluoride is needed for strong teeth")]


def test_a_plural_name_takes_are():
    got = texts("Oats, rich in fibre")
    assert got == [("main", ASSERT, "Oats are rich in fibre")]


def test_a_description_followed_by_a_verb_is_an_apposition_not_a_claim():
    # ("rich in fibre" describes the subject of "lower cholesterol")
    got = texts("Oats, rich in fibre, lower cholesterol.")
    assert [text for _, _, text in got] == ["Oats, rich in fibre, lower cholesterol"]


def test_a_clause_with_a_subject_of_its_own_is_not_a_name():
    for sentence in ("I bought zinc, good for colds.", "My sister, keen on zinc, swears by it."):
        assert not any(" is " in text or " are " in text for _, _, text in texts(sentence)), sentence


def test_a_denied_description_is_not_read_as_a_claim():
    got = texts("Zinc (10 mg), not needed for anything")
    assert got == [("main", ASSERT, "Zinc, not needed for anything")]


def test_a_description_of_a_name_is_checked(checker):
    found = checker.findings("Magnesium (250 mg), needed for muscles to relax")
    assert [r.claim.id for r in found if r.matched] == ["magnesium-needed-for-muscle-relaxation"]


# --------------------------------------------------------------------------- an object relative's noun


def test_an_object_relative_takes_the_noun_after_to_and_a_verb():
    # (", which your bones need": "which" is "iron", not "absorb iron")
    got = texts("You need vitamin C to absorb iron, which your blood needs to carry oxygen.")
    assert ("relative", ASSERT, "your blood needs iron to carry oxygen") in got


def test_a_noun_after_to_alone_is_the_relatives_noun():
    got = texts("She drove to the clinic, which is open late.")
    assert ("relative", ASSERT, "clinic is open late") in got
