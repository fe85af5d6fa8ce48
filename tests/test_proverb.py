"""A pro-verb that names a cause ("... Stress does that."): engine/proverb.py and the checker.
The cases are written for these tests."""

from __future__ import annotations

import pytest

from factcheck.engine import proverb


@pytest.mark.parametrize(("text", "reading", "denied"), [
    ("Had a pounding headache all day. Stress does that.", "Had a pounding headache all day because of Stress", False),
    ("woke up with acne again 😩 guess chocolate really does that", "woke up with acne again because of chocolate",
     False),
    ("my skin is so dry lol, pretty sure the cold weather does that right?",
     "my skin is so dry because of the cold weather", False),
    ("My knees ache every morning. Running doesn't do that though.", "My knees ache every morning because of Running",
     True),
])
def test_a_proverb_names_the_cause_of_what_was_said(text: str, reading: str, denied: bool) -> None:
    found = proverb.read(text)
    assert found is not None
    assert (found.text, found.denied) == (reading, denied)
    assert text[found.start:found.end].endswith(found.proverb)


@pytest.mark.parametrize("text", [
    "My head hurts all day. It does that.",  # (a pronoun names no cause)
    "Stress does that.",  # (nothing said before it)
    "I love that.",
    # ("too", "also": X does what something else does, an ellipsis, not a cause)
    "Stress triggers headaches. Chocolate does that too.",
    "Chocolate causes acne.",
])
def test_no_proverb_no_reading(text: str) -> None:
    assert proverb.read(text) is None


@pytest.fixture(scope="module")
def imported(archive):
    return archive([("Stress can trigger tension headaches.", "true"), ("Chocolate causes acne.", "false")])


@pytest.mark.parametrize(("statement", "verdict"), [
    ("Had a tension headache all week. Stress does that.", "true"),
    ("my tension headaches are back 😩 guess stress really does that", "true"),
    ("Broke out in acne again, chocolate does that lol", "false"),
    ("Tension headaches again. Stress doesn't do that though.", "false"),
])
def test_the_checker_reads_the_cause(imported, statement: str, verdict: str) -> None:
    result = imported.check(statement)
    assert result.verdict == verdict
    assert result.clause is not None and any("as the cause" in n for n in result.clause.notes)
