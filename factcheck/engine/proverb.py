"""A pro-verb that names a cause: "My eyelid has been jumping all week. Stress does that."

A post often describes what happened and then names its cause with a subject and a pro-verb:
"face twitching nonstop, guess lack of sleep really does that", "my magnesium is low, apparently
alcohol does that". "X does that" says that X causes what was said just before it, so
:func:`read` gives the reading "<what was said> because of <X>" (and whether the pro-verb is
denied: "caffeine doesn't do that"). Only a pro-verb that ends the text counts, with a few words
of a subject that is no pronoun ("it does that" names nothing), after what was said; what was
said is the sentence or comma-separated part before it, without fillers. Words:
``data/english.tsv`` (proverb, proverb-denied, proverb-lead, proverb-adverb, proverb-tail,
reply-filler, stopword) and ``data/clauses.tsv`` (opener). Pure: no claims, no scoring.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import NamedTuple
from . import language

MAX_SUBJECT = 5  # words in the cause
MIN_EVENT = 2  # words in what was said
NOTE = "read '{proverb}' as the cause of what was said before it"


class Reading(NamedTuple):
    text: str  # "<event> because of <cause>"
    denied: bool  # "caffeine doesn't do that"
    start: int  # where the event starts in the statement
    end: int  # where the pro-verb ends
    proverb: str  # "caffeine does that"


def _alt(cls: str) -> str:
    return language.alternation(cls, gap=r"\s+")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    tail = rf"(?:[\W_]+(?:{_alt('proverb-tail')}|{_alt('reply-filler')}))*[\W_]*$"
    return re.compile(rf"(?P<subject>(?:[\w'-]+\s+){{0,{MAX_SUBJECT - 1}}}?[\w'-]+)\s+"
                      rf"(?:(?P<denied>{_alt('proverb-denied')})|(?P<said>{_alt('proverb')}))\s+(?:that|this)"
                      rf"{tail}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    leads = frozenset(language.entries("proverb-lead"))
    fillers = frozenset(language.entries("reply-filler")) | frozenset(language.entries("opener", "clauses.tsv"))
    return leads, fillers, language.words("stopword"), frozenset(language.entries("proverb-adverb"))


def may_name_cause(text: str) -> bool:
    """Cheap: the text may end with a pro-verb."""
    low = text[-40:].lower()
    return " that" in low or " this" in low


def read(text: str) -> Reading | None:
    """The reading of a text that ends "X does that", or None."""
    if not may_name_cause(text):
        return None
    m = _pattern().search(text)
    if m is None:
        return None
    leads, fillers, stop, adverbs = _words()
    subject = m.group("subject").split()
    while subject and subject[-1].lower() in adverbs:  # ("lack of sleep *really* does that")
        subject = subject[:-1]
    start = m.start("subject")
    # (the leads before the cause: "guess", "pretty sure", "apparently")
    while subject:
        two = " ".join(subject[:2]).lower()
        n = 2 if two in leads else 1 if subject[0].lower() in leads | fillers else 0
        if not n:
            break
        start += len(" ".join(subject[:n])) + 1
        subject = subject[n:]
    if not subject or all(w.lower() in stop for w in subject):
        return None  # ("it does that", "that does that": no cause named)
    event, at = _event(text[:m.start("subject")], fillers)
    if event is None:
        return None
    cause = " ".join(subject)
    proverb = text[start:m.end()].strip()
    return Reading(f"{event} because of {cause}", m.group("denied") is not None, at, m.end(), proverb)


def _event(before: str, fillers: frozenset[str]) -> tuple[str | None, int]:
    """What was said before the pro-verb: its last part between punctuation, emoji or symbols
    ("finals week + zero sleep = *face twitching nonstop* 😵") that has words, fillers aside,
    and where it starts."""
    parts = [p for p in re.finditer(r"[\w'\s-]+", before) if re.search(r"\w", p.group())]
    if not parts:
        return None, 0
    last = parts[-1]
    words = re.findall(r"[\w'-]+", last.group())
    while words and words[0].lower() in fillers:
        words = words[1:]
    while words and words[-1].lower() in fillers:
        words = words[:-1]
    if len(words) < MIN_EVENT:
        return None, 0
    return " ".join(words), last.start()
