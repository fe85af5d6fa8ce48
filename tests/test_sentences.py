"""The sentence splitter: boundaries, exceptions, block structure, positions, streaming."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.sentences import (
    CELL, HEADING, ITEM, MAX_SENTENCE, PARAGRAPH, Sentence, Splitter, clean, split_lines,
    split_text,
)


def texts(doc: str) -> list[str]:
    return [s.text for s in split_text(doc)]


def where(doc: str) -> list[tuple[str, int, int, str]]:
    return [(s.text, s.line, s.column, s.kind) for s in split_text(doc)]


# --------------------------------------------------------------------------- boundaries


def test_full_stops_question_and_exclamation_marks_end_sentences():
    assert texts("One is here. Two is here! Three is here? Four") == [
        "One is here.", "Two is here!", "Three is here?", "Four",
    ]


@pytest.mark.parametrize("abbrev", ["e.g.", "i.e.", "Dr.", "vs.", "Fig.", "cf.", "approx.", "Mr."])
def test_abbreviations_do_not_end_a_sentence(abbrev):
    doc = f"Some sources say so, {abbrev} Magnesium in large doses. Next one."
    assert texts(doc) == [f"Some sources say so, {abbrev} Magnesium in large doses.", "Next one."]


def test_etc_before_a_capital_ends_a_sentence_but_not_before_a_lower_case_word():
    assert texts("Take zinc, iron, etc. Then rest.") == ["Take zinc, iron, etc.", "Then rest."]
    assert texts("Take zinc, iron, etc. and rest.") == ["Take zinc, iron, etc. and rest."]


def test_initials_are_not_sentence_ends():
    assert texts("J. R. R. Tolkien wrote it. Dr. J. Smith agreed.") == [
        "J. R. R. Tolkien wrote it.", "Dr. J. Smith agreed.",
    ]


def test_a_capital_letter_that_ends_a_sentence_still_ends_it():
    assert texts("Take vitamin D. It helps the bones.") == ["Take vitamin D.", "It helps the bones."]


def test_decimals_urls_and_email_addresses_stay_whole():
    doc = ("Adults need 2.4 micrograms of B12 daily. See https://example.com/a.b/c.html today. "
           "Write to jane.doe@example.org. Done.")
    assert texts(doc) == [
        "Adults need 2.4 micrograms of B12 daily.",
        "See https://example.com/a.b/c.html today.",
        "Write to jane.doe@example.org.",
        "Done.",
    ]


def test_ellipses():
    assert texts("Wait... what is this? Well\u2026 It is late.") == [
        "Wait... what is this?", "Well\u2026", "It is late.",
    ]


def test_quotes_and_brackets_after_the_full_stop_belong_to_the_sentence():
    assert texts('He said "it works." Then he left (for good.) The end.') == [
        'He said "it works."', "Then he left (for good.)", "The end.",
    ]


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence():
    assert texts("It was approx. three days. Then the U.S. government spoke.") == [
        "It was approx. three days.", "Then the U.S. government spoke.",
    ]


# --------------------------------------------------------------------------- positions


def test_positions_are_one_based_in_characters():
    doc = "Héllo wörld here. Second one is here.\n  Third starts here."
    assert where(doc) == [
        ("Héllo wörld here.", 1, 1, PARAGRAPH),
        ("Second one is here.", 1, 19, PARAGRAPH),
        ("Third starts here.", 2, 3, PARAGRAPH),
    ]


def test_hard_wrapped_sentences_are_joined_and_reported_where_they_start():
    doc = ("In the forum people kept saying that\n"
           "magnesium cures spasms. Others said that botulinum\n"
           "    toxin works well for it. A\n"
           "few said nothing.\n")
    assert where(doc) == [
        ("In the forum people kept saying that magnesium cures spasms.", 1, 1, PARAGRAPH),
        ("Others said that botulinum toxin works well for it.", 2, 25, PARAGRAPH),
        ("A few said nothing.", 3, 30, PARAGRAPH),
    ]


def test_a_blank_line_ends_a_paragraph():
    assert texts("No full stop here\n\nNor here") == ["No full stop here", "Nor here"]


def test_windows_and_old_mac_line_endings():
    assert where("First one here.\r\nSecond\r\n\r\nThird.\rFourth.") == [
        ("First one here.", 1, 1, PARAGRAPH),
        ("Second", 2, 1, PARAGRAPH),
        ("Third.", 4, 1, PARAGRAPH),
        ("Fourth.", 5, 1, PARAGRAPH),
    ]


# --------------------------------------------------------------------------- blocks


def test_headings_are_units_of_their_own_never_merged_with_the_next_line():
    doc = "# Magnesium and HFS ##\nMagnesium cures it.\n\nIntro\n=====\nText here.\n"
    assert where(doc) == [
        ("Magnesium and HFS", 1, 3, HEADING),
        ("Magnesium cures it.", 2, 1, PARAGRAPH),
        ("Intro", 4, 1, HEADING),
        ("Text here.", 6, 1, PARAGRAPH),
    ]


def test_asciidoc_and_rst_headings():
    assert where("= Document title\n== Section\nText here.\n\n=====\nTitle\n=====\nMore.\n") == [
        ("Document title", 1, 3, HEADING),
        ("Section", 2, 4, HEADING),
        ("Text here.", 3, 1, PARAGRAPH),
        ("Title", 6, 1, HEADING),
        ("More.", 8, 1, PARAGRAPH),
    ]


def test_list_items_are_units_and_the_column_points_past_the_marker():
    doc = ("- First item has no stop\n"
           "- Second item. It has two\n"
           "  sentences, wrapped.\n"
           "10. Numbered item\n"
           "* [x] Done item\n"
           "\u2022 Bullet item\n")
    assert where(doc) == [
        ("First item has no stop", 1, 3, ITEM),
        ("Second item.", 2, 3, ITEM),
        ("It has two sentences, wrapped.", 2, 16, ITEM),
        ("Numbered item", 4, 5, ITEM),
        ("Done item", 5, 7, ITEM),
        ("Bullet item", 6, 3, ITEM),
    ]


def test_a_year_at_the_start_of_a_wrapped_line_is_not_a_list_item():
    assert texts("It was founded in\n2019. The rest is history.") == [
        "It was founded in 2019.", "The rest is history.",
    ]


def test_table_cells_are_units_the_header_row_is_headings_and_rules_are_skipped():
    doc = ("| Nutrient | What people say |\n"
           "|:---------|----------------:|\n"
           "| Magnesium | It cures everything. |\n"
           "\n"
           "Name | Claim\n"
           "--- | ---\n"
           "Zinc | Zinc helps.\n")
    assert where(doc) == [
        ("Nutrient", 1, 3, HEADING),
        ("What people say", 1, 14, HEADING),
        ("Magnesium", 3, 3, CELL),
        ("It cures everything.", 3, 15, CELL),
        ("Name", 5, 1, HEADING),
        ("Claim", 5, 8, HEADING),
        ("Zinc", 7, 1, CELL),
        ("Zinc helps.", 7, 8, CELL),
    ]


def test_a_table_without_a_rule_has_no_header():
    assert [s.kind for s in split_text("| a b | c d |\n| e f | g h |\n")] == [CELL] * 4


def test_code_fences_front_matter_and_html_comments_are_skipped():
    doc = ("---\ntitle: Not. A. Sentence.\n---\n"
           "Before the fence.\n"
           "```python\nx = 'Not a sentence.'\n\n~~~\n```\n"
           "~~~~\n```\nStill code.\n~~~~\n"
           "<!-- a comment.\nover lines. --> After the comment.\n"
           "Text <!-- inline --> goes on.\n")
    assert where(doc) == [
        ("Before the fence.", 4, 1, PARAGRAPH),
        ("After the comment.", 15, 17, PARAGRAPH),
        ("Text goes on.", 16, 1, PARAGRAPH),
    ]


def test_block_quotes_lose_their_marker():
    assert where("> Quoted claim here. Another one.\n> It goes on.\n") == [
        ("Quoted claim here.", 1, 3, PARAGRAPH),
        ("Another one.", 1, 22, PARAGRAPH),
        ("It goes on.", 2, 3, PARAGRAPH),
    ]


def test_thematic_breaks_end_a_paragraph():
    assert texts("Above the line\n\n***\nBelow the line") == ["Above the line", "Below the line"]


def test_inline_markup_is_removed_from_the_text():
    assert clean("**Magnesium** cures [HFS](https://x.org/a.b) `now` <b>really</b>.") == (
        "Magnesium cures HFS now really ."
    )
    assert clean("snake_case_name and 2 * 3") == "snake_case_name and 2 3"


# --------------------------------------------------------------------------- streaming


def test_over_long_sentences_are_cut_at_word_boundaries():
    words = " ".join(f"word{i}" for i in range(2000))
    doc = words + ". Short one."
    found = split_text(doc, max_chars=500)
    assert len(found) > 20
    assert all(len(s.text) <= 500 for s in found)
    assert " ".join(s.text for s in found) == doc
    assert found[-1] == Sentence("Short one.", 1, len(words) + 3)
    for s in found:  # every piece is placed where it starts
        assert doc[s.column - 1:].startswith(s.text)


def test_a_huge_line_without_spaces_is_cut_hard():
    found = split_text("x" * 5000, max_chars=1000)
    assert [len(s.text) for s in found] == [1000] * 5
    assert [s.column for s in found] == [1, 1001, 2001, 3001, 4001]


def test_the_buffer_stays_bounded_on_a_long_paragraph_fed_in_pieces():
    splitter = Splitter()
    sentence = "Magnesium is a mineral found in nuts. "
    piece = sentence * 1000  # a line of ~38 KB, fed as pieces of one 4 MB line
    count = 0
    for _ in range(100):
        count += len(splitter.feed(piece))
        assert len(splitter._buf) < 8192 + len(piece)
    count += len(splitter.feed("\n")) + len(splitter.close())
    assert count == 100 * 1000


def test_lines_may_come_in_pieces():
    whole = split_lines(io.StringIO("One sentence here. Another\none here.\n"))
    pieces = split_lines(["One sent", "ence here", ". Anoth", "er\n", "one here.", "\n"])
    assert list(whole) == list(pieces)


_word = st.text(alphabet="abcdeXYZé", min_size=1, max_size=8)
_token = st.one_of(_word, st.sampled_from([".", "!", "?", "e.g.", "Dr.", "2.4", "...", "J."]))
_line = st.lists(_token, min_size=0, max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, min_size=1, max_size=8), st.data())
def test_splitting_lines_into_pieces_changes_nothing(lines, data):
    # A line's first piece holds its block marker (a reader hands on 64 KiB at a time), so
    # cuts fall past the first ten characters.
    whole = [line + "\n" for line in lines]
    pieces = []
    for line in whole:
        cut = data.draw(st.integers(0, len(line) - 1))
        pieces += [line[:cut], line[cut:]] if 10 <= cut else [line]
    assert list(split_lines(whole)) == list(split_lines(pieces))


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, min_size=1, max_size=8))
def test_every_sentence_starts_where_it_says(lines):
    found = split_text("\n".join(lines))
    for s in found:
        assert lines[s.line - 1][s.column - 1:].startswith(s.text.split()[0])
        assert len(s.text) <= MAX_SENTENCE
    # nothing is lost: the words of the text are the words of the sentences
    assert " ".join(s.text for s in found).split() == " ".join(lines).split()


def test_the_column_points_past_leading_markup_at_the_first_character_of_the_text():
    assert where("**Magnesium** cures it. [Zinc](https://x.org) does not. <p>Iron is fine.\n") == [
        ("Magnesium cures it.", 1, 3, PARAGRAPH),
        ("Zinc does not.", 1, 26, PARAGRAPH),
        ("Iron is fine.", 1, 60, PARAGRAPH),
    ]


def test_a_rule_on_the_first_line_that_never_closes_is_not_front_matter():
    doc = "---\nMagnesium is a mineral.\nIt is in nuts.\n"
    assert where(doc) == [
        ("Magnesium is a mineral.", 2, 1, PARAGRAPH),
        ("It is in nuts.", 3, 1, PARAGRAPH),
    ]
    long = "---\n" + "".join(f"Line {i} is text.\n" for i in range(150)) + "---\nEnd here.\n"
    found = split_text(long)
    assert found[0] == Sentence("Line 0 is text.", 2, 1)
    assert found[-1] == Sentence("End here.", 153, 1)
    assert len(found) == 151


def test_a_title_case_line_over_text_is_a_sentence_of_its_own():
    text = "Zinc Cures Restless Legs\nSome readers wrote in about it. Others did not\nreply at all.\n"
    got = [(s.text, s.line, s.column) for s in split_text(text)]
    assert got[0] == ("Zinc Cures Restless Legs", 1, 1)
    assert got[1] == ("Some readers wrote in about it.", 2, 1)
    # an ordinary hard-wrapped sentence still joins its lines, even where a line ends in capitals
    assert got[2][0] == "Others did not reply at all."
    wrapped = split_text("Doctors say this helps In The Short\nterm only.\n")
    assert [s.text for s in wrapped] == ["Doctors say this helps In The Short term only."]
    # a line with a sentence end inside is no title (found by the property test below)
    assert [s.text for s in split_text("XXXX XXXa . X\nX")] == ["XXXX XXXa .", "X X"]


def test_a_line_in_capitals_over_text_is_a_heading_of_its_own():
    text = "SIDE EFFECTS\nZinc can upset the stomach.\nOUR STORY\n\"We started small.\"\n"
    got = [(s.text, s.line, s.kind) for s in split_text(text)]
    assert got == [("SIDE EFFECTS", 1, HEADING), ("Zinc can upset the stomach.", 2, PARAGRAPH),
                   ("OUR STORY", 3, HEADING), ("\"We started small.\"", 4, PARAGRAPH)]
    # a capital letter alone, or one word in capitals, does not make a heading
    assert texts("I think A\nlot of it is hype.\n") == ["I think A lot of it is hype."]
    assert texts("Read the label on THIS\nbottle first.\n") == ["Read the label on THIS bottle first."]


def test_no_before_a_number_is_an_abbreviation_before_a_capital_it_ends_a_sentence():
    assert texts("See No. 5 in the list. The answer is no. Then we left.\n") == [
        "See No. 5 in the list.", "The answer is no.", "Then we left."]


def test_two_capitalised_words_alone_on_a_line_over_text_are_a_heading():
    text = "Reader Letters\nZinc can upset the stomach.\n"
    assert [(s.text, s.line) for s in split_text(text)] == [("Reader Letters", 1), ("Zinc can upset the stomach.", 2)]
    # ... but not before a lower-case line, nor one capitalised word and one plain
    assert texts("Ask Reader\nletters about it.\n") == ["Ask Reader letters about it."]
    assert texts("Ask readers\nAbout it.\n") == ["Ask readers About it."]


def test_check_marks_and_arrows_are_bullets():
    doc = "\u2714 Zinc helps wounds heal\n\u2192 Iron carries oxygen\n\u2705\ufe0f Copper is a metal\n"
    assert where(doc) == [
        ("Zinc helps wounds heal", 1, 3, ITEM),
        ("Iron carries oxygen", 2, 3, ITEM),
        ("Copper is a metal", 3, 4, ITEM),
    ]


def test_a_line_opening_with_a_handle_and_a_separator_starts_a_new_post():
    doc = ("@rob_t \u00b7 2h \u2014 zinc lozenges shorten colds\n"
           "@ana: they do not\n"
           "@ana said it first\n")
    assert texts(doc) == ["@rob_t \u00b7 2h \u2014 zinc lozenges shorten colds",
                          "@ana: they do not @ana said it first"]
