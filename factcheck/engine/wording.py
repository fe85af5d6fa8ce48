"""What a claim's phrasing says in its own words, beyond its terms.

Two things are read from the text of a phrasing (its terms alone, as the index keeps them, have
lost the commas and the relative pronouns that show them):

- its lists, which distribute over their members (``lists.py``: "X can cause A, B and C");
- the relations that only qualify a noun, in a relative clause after the claim's own relation:
  "diet cannot relieve the nerve compression *that causes* hemifacial spasm" says what "diet
  cannot relieve the nerve compression *in* hemifacial spasm" says. Such a relation may be left
  out by a statement that names what it relates (``matching._cover_qualifying``).
"""

from __future__ import annotations

from ..records import NamedTuple
from . import language, lists
from .analysis import Analysis

RELATIVE = language.words("relative-pronoun")


class Wording(NamedTuple):
    listed: dict[str, frozenset[str]]  # a member of a list -> the other members
    qualifying: dict[str, str]  # a relation key in a relative clause -> the key of what follows it


NONE = Wording({}, {})


def read(text: str, a: Analysis, lexicon) -> Wording:
    """The lists and qualifying relations of a claim's phrasing ``text`` (analysed as ``a``)."""
    listed = lists.members(text, a, lexicon) if (" and " in text or " or " in text) else {}
    return Wording(listed, _qualifying(a))


def _qualifying(a: Analysis) -> dict[str, str]:
    tokens = a.normalised.split()
    if RELATIVE.isdisjoint(tokens):
        return {}
    ordered = sorted(a.terms, key=lambda t: t.pos)
    relations = [t for t in ordered if t.relation]
    out: dict[str, str] = {}
    for t in relations[1:]:  # (never the claim's own, first, relation)
        if 0 < t.tok <= len(tokens) and tokens[t.tok - 1] in RELATIVE:
            after = next((u for u in ordered if u.pos > t.pos and not u.relation), None)
            if after is not None:
                out[t.key] = after.key
    return out
