"""A statement its writer answers with a denial: "Magnesium cures HFS? Not a chance.", "B12 fixes
it. Yeah, right.", "does zinc cure gout? nope", "zinc cures gout \u2013 wrong!".

The answer denies the statement before it, whether a question or a claim said in scorn, so the
statement is checked as denied (a frame around it, like "I don't think"). Only an answer that
stands alone after the statement's final punctuation counts, made of the words of
``data/english.tsv`` (``answer-deny``), with fillers ("lol", "omg") and emoji around it:
"Not a chance." denies, "not a chance of it working for everyone" is a statement of its own. Who
gave the answer may follow it ('"Not one," she said.').
A scan hands a sentence its answer when the two share a line (``scan/scanner.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import language

MAX_ANSWER = 40  # characters: an answer is short
# (a variation selector, a joiner, skin tones)
_EMOJI_MODIFIERS = frozenset("\ufe0f\u200d") | frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))


_alt = language.alternation


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # (who gave the answer may follow it: '"Not one," she said.')
    said = rf"(?:[\s,\"'\u201d]+(?:[\w']+\s+){{0,3}}(?:{_alt('reporting')})\b[\W_]*)?"
    answer = (rf"(?:(?:{_alt('reply-filler')})[\W_]+)*(?:{_alt('answer-deny')})"
              rf"(?:[\W_]+(?:{_alt('reply-filler')}))*[\W_]*{said}")
    return (re.compile(rf"^\W*{answer}$", re.IGNORECASE),
            # (searched for in the text's tail only: the answer and the stop before it)
            re.compile(rf"(?:[.?!\u2026]+|\s[-\u2013\u2014])(?=[\s\"'\u201d]+{answer}$)", re.IGNORECASE))


@lru_cache(maxsize=1)
def _content_pattern() -> re.Pattern[str]:
    # (the writer may ask it first: "X. Or does it? No, it doesn't.")
    asked = rf"(?:or\s+(?:{_alt('auxiliary')})\s+(?:it|they)\s*\?+[\s\"'\u201d]+)?"
    return re.compile(rf"(?:[.?!\u2026]+|\s[-\u2013\u2014])[\s\"'\u201d]+{asked}(?:(?:{_alt('answer-lead')})[\W_]+)*"
                      rf"(?:(?P<deny>{_alt('answer-content-deny')})|(?P<assert>{_alt('answer-content-assert')}))"
                      rf"(?:[\W_]+(?:{_alt('reply-filler')}))*[\W_]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _steered_pattern() -> re.Pattern[str]:
    # ("X. That's what the sellers want you to believe (anyway).": X is what someone steers you to)
    space = r"\s+"
    steer, belief = _alt("steer", "clauses.tsv", space), _alt("belief", "clauses.tsv", space)
    return re.compile(rf"[.!?\u2026]+[\s\"'\u201d]+(?:that's|that\s+is|thats|this\s+is|which\s+is)\s+what\s+"
                      rf"(?:[\w'-]+\s+){{0,5}}(?:{steer})\s+(?:{belief})"
                      rf"(?:[\W_]+(?:{_alt('reply-filler')}|{_alt('trailing', 'clauses.tsv')}))*[\W_]*$", re.IGNORECASE)


def steered_body(text: str) -> str | None:
    """The statement before a closing sentence that calls it what someone wants you to believe
    ("X. That's what the supplement companies want you to believe."; clauses.tsv steer, belief),
    or None."""
    m = _steered_pattern().search(text, max(0, len(text) - MAX_ANSWER - 80))
    if m is None:
        return None
    body = text[:m.start()].strip()
    return body if any(c.isalnum() for c in body) else None


def content_answer(text: str) -> tuple[str, bool] | None:
    """(the statement before it, whether it denies) for a closing answer that restates the thing
    itself ("... Turns out it doesn't.", "... Turns out it does."; english.tsv answer-content-deny,
    answer-content-assert); None when there is none."""
    at = max(0, len(text) - MAX_ANSWER - 24)
    m = _content_pattern().search(text, at)
    if m is None:
        return None
    body = text[:m.start()].strip()
    return (body, m.group("deny") is not None) if any(c.isalnum() for c in body) else None


def is_denial(text: str) -> bool:
    """The whole text is a denying answer ("Not a chance.", "nope 🙄", "Yeah, right.")."""
    return len(text) <= MAX_ANSWER and bool(_patterns()[0].match(text))


def labelled_false(lead: str) -> bool:
    """The text before a piece of a post ends with a mark that calls it false ("❌ X"; english.tsv
    deny-emoji), with only space or emoji modifiers after the mark."""
    emoji = language.words("deny-emoji")
    tail = lead.rstrip()
    while tail and tail[-1] in _EMOJI_MODIFIERS:
        tail = tail[:-1]
    return bool(tail) and tail[-1] in emoji


def denied_body(text: str) -> str | None:
    """The statement before a denying answer that ends ``text`` (or before a sarcasm tag, "X /s":
    english.tsv sarcasm-tag; or before words that take it back, "X, or so I thought": english.tsv
    retraction-tail), or None when there is none."""
    bare = text.rstrip()
    emoji = language.words("deny-emoji")
    tail = bare
    while tail and (tail[-1] in emoji or tail[-1] in _EMOJI_MODIFIERS or tail[-1].isspace()):
        tail = tail[:-1]
    if len(tail) < len(bare) and any(c in emoji for c in bare[len(tail):]) and any(c.isalnum() for c in tail):
        return tail.rstrip()  # ("X ❌": the writer calls X false)
    steered = steered_body(bare)
    if steered is not None:
        return steered
    closed = bare.rstrip(".!")
    if closed.endswith(")") and "(" in closed:  # ("X (not really).": a closing aside that denies X)
        at = closed.rindex("(")
        if is_denial(closed[at + 1:-1]) and any(c.isalnum() for c in closed[:at]):
            return closed[:at].rstrip()
    low = bare.lower().rstrip(".!\u2026 ").replace("\u2019", "'")
    for tail in language.words("retraction-tail"):
        if low.endswith(tail) and low[:-len(tail)].rstrip().endswith((",", "\u2014", "-", "\u2013", "...", "\u2026")):
            body = bare[:len(low) - len(tail)].rstrip(" ,.\u2014\u2013\u2026-")
            return body if any(c.isalnum() for c in body) else None  # ("X, or so I thought.")
    for tag in language.words("sarcasm-tag"):
        if bare.lower().endswith(tag) and bare[:-len(tag)][-1:].isspace():
            body = bare[:-len(tag)].strip()
            return body if any(c.isalnum() for c in body) else None
    at = max(0, len(text) - MAX_ANSWER - 8)
    tail = text[at:]
    if not any(c in tail for c in ".?!\u2026-\u2013\u2014"):
        return None
    m = next(iter(_patterns()[1].finditer(tail)), None)
    if m is None:
        return None
    body = text[:at + m.end()].strip().rstrip("-\u2013\u2014 ")
    return body if any(c.isalnum() for c in body) else None
