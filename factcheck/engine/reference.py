"""Reference across sentences: a pronoun read as the thing a sentence before named.

"My aunt has hemifacial spasm. She swears magnesium cured it.": the second sentence says nothing
checkable on its own. :class:`Referents` reads "it", "they", "them" or a short definite noun
phrase ("that condition", "the supplement") as the one concept of the sentences before (the
caller gives them: the same paragraph, a sentence or two back) that it can stand for, judged by
the concept's kind in the knowledge base (``knowledge.json`` concepts):

- a thing that acts (a substance, a treatment) or one that is suffered (a condition, a symptom):
  a sentence that names only things that act reads its pronoun as a thing suffered ("Botox
  helps with it"), and the other way round ("it cured her HFS"); with both or neither, either;
- "it" is singular, "they" and "them" plural; "they" is never read where people were named;
- "it" that stands for no thing ("it seems", "it's true that ...") is left alone, and so is a
  pronoun after a sentence that names its thing as part of an act ("I stopped drinking coffee.
  It helped."), where "it" is the act.

Exactly one concept must fit; otherwise (two candidates, none, one named in the same sentence
before the pronoun, which is the clause reader's to read) nothing is read. A knowledge base
without concepts (an imported one) names no kinds, so nothing is read there either. The words
are ``data/reference.tsv``. Pure: no claims, no scoring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..lazyre import lazy
from ..records import NamedTuple
from . import language, wordnet
from .clauses import Tok, _plural, opening, tokens
from .clauses import _person as person
from .lexicon import Lexicon
from .text import stem, tokenise

DATA = "reference.tsv"
AGENT = "agent"
AFFLICTION = "affliction"
PERSON = "person"
OTHER = "other"  # a thing of another kind (a nerve, a blood vessel)
NOTHING = ""  # no thing: a relation, a qualifier, a unit
EVENT_REACH = 3  # words before a named thing in which an event word makes it part of an act
PLACEHOLDER_REACH = 4  # words after "it is" in which "that", "to" ... make "it" a placeholder


class Mention(NamedTuple):
    """A concept named in a sentence: its id, the part its kind plays, and the words used."""

    concept: str
    role: str  # AGENT, AFFLICTION, PERSON, OTHER or NOTHING
    text: str  # as written (as normalised, if it cannot be found as written)
    plural: bool
    event: bool  # named as part of an act ("stopped drinking coffee")


class Reading(NamedTuple):
    """A sentence with a word read as the thing named before."""

    text: str  # the sentence with the words replaced
    start: int  # the words replaced, in the sentence as written
    end: int
    words: str  # as written ("it")
    meaning: str  # what they were read as ("hemifacial spasm")
    replacement: str  # what stands in their place in ``text``
    how: str = "named in a sentence before"  # why the words were read so

    @property
    def note(self) -> str:
        return f"read '{self.words}' as '{self.meaning}' ({self.how})"

    def place(self, offset: int, *, end: bool = False) -> int:
        """An offset in :attr:`text` as an offset in the sentence as written."""
        if offset <= self.start:
            return offset
        stop = self.start + len(self.replacement)
        if offset >= stop:
            return offset - stop + self.end
        return self.end if end else self.start


class _Words(NamedTuple):
    pronouns: dict[str, bool]  # pronoun -> plural
    definite: frozenset[str]
    nouns: dict[str, str]  # kind noun -> role
    roles: dict[str, str]  # concept kind -> role
    impersonal: tuple[tuple[str, ...], ...]
    placeholder: frozenset[str]
    be: tuple[tuple[str, ...], ...]
    event: tuple[tuple[str, ...], ...]
    event_starts: frozenset[str]  # the first words of the event phrases
    act: re.Pattern[str]  # any word of an act
    adverbs: frozenset[str]  # adverbs between a subject and its verb ("it *also* stays")
    people: frozenset[str]  # words for several people that are not regular plurals
    cue: re.Pattern[str]  # any word that may refer: a sentence without one is not read
    demonstratives: dict[str, bool]  # "that", "this" as an object ending a clause -> plural
    copula: frozenset[str]
    predicate_start: frozenset[str]  # after a copula, the start of a noun phrase that renames
    object_cue: re.Pattern[str]  # any word that may refer inside a sentence
    possessives: dict[str, bool]  # "its" before a noun, read inside a sentence only -> plural
    shows: dict[str, str]  # a noun for what a condition shows -> what the condition's name must hold
    shows_dets: frozenset[str]  # the words before it that make it a reference ("the", "my")
    shown_kinds: frozenset[str]  # the kinds of concept that show symptoms (conditions)
    shown_as: str  # what such a noun is read as, after the condition's name ("symptoms")


@cache
def words() -> _Words:
    """The word lists of ``data/reference.tsv``, read once."""
    def entries(cls: str) -> tuple[str, ...]:
        return language.entries(cls, DATA)

    pronouns = {w.strip(): n.strip() == "plural" for w, _, n in (e.partition(":") for e in entries("pronoun"))}
    nouns = {n: AGENT for n in entries("agent-noun")} | {n: AFFLICTION for n in entries("affliction-noun")}
    roles = {k: AGENT for k in entries("agent-kind")} | {k: AFFLICTION for k in entries("affliction-kind")} \
        | {k: PERSON for k in entries("person-kind")} | {k: OTHER for k in entries("thing-kind")}
    definite = frozenset(entries("definite"))
    alternatives = "|".join(sorted(map(re.escape, pronouns), key=len, reverse=True))
    kinds = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    dets = "|".join(map(re.escape, sorted(definite)))
    shows = {w.strip(): n.strip() for w, _, n in (e.partition(":") for e in entries("shown-noun"))}
    cue_pattern = rf"\b(?:{alternatives})\b|\b(?:{dets})\s+(?:{kinds})\b"
    # (cue and act are compiled on first use: a check that reads no pronoun never needs them)
    cue = lazy({}, "cue", cue_pattern, re.IGNORECASE)
    def phrases(cls: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(e.split()) for e in entries(cls))

    events = phrases("event-word")
    demonstratives = {w.strip(): n.strip() == "plural"
                      for w, _, n in (e.partition(":") for e in entries("demonstrative"))}
    possessives = {w.strip(): n.strip() == "plural" for w, _, n in (e.partition(":") for e in entries("possessive"))}
    inside = "|".join(map(re.escape, [*demonstratives, *possessives, *shows]))
    object_cue = re.compile(cue_pattern + "|" + rf"\b(?:{inside})\b", re.IGNORECASE)
    return _Words(pronouns, definite, nouns, roles, phrases("impersonal"), frozenset(entries("placeholder-after")),
                  phrases("be"), events, frozenset(p[0] for p in events), _any(entries("act-word")),
                  frozenset(entries("adverb")), frozenset(entries("people")), cue, demonstratives,
                  frozenset(entries("copula")), frozenset(entries("predicate-start")), object_cue, possessives,
                  shows, frozenset(entries("shown-determiner")), frozenset(entries("shown-kind")),
                  entries("shown-as")[0])


def _any(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return lazy({}, "act", rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _at(toks: list[Tok], i: int, phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The first of ``phrases`` that the words from ``i`` spell out (apostrophes split off)."""
    lows = [w for t in toks[i:i + 6] for w in _split_apostrophe(t.low)]
    for p in phrases:
        if tuple(lows[:len(p)]) == p:
            return p
    return None


def _split_apostrophe(low: str) -> list[str]:
    """"it's" -> ["it", "'s"]: a contraction as the words the lists spell."""
    k = low.find("'")
    if k <= 0 or low.endswith("n't"):
        return [low]
    return [low[:k], low[k:]]


class _Expression(NamedTuple):
    """Words that may stand for a thing named before: where, their number, the role a kind
    noun gives them (None for a pronoun), and the verb a contraction carries ("it's": "is")."""

    start: int
    end: int
    plural: bool
    role: str | None
    verb: str
    #: a noun for what a condition shows ("the spasms", "my symptoms"): read as that condition's
    #: symptoms, of a condition whose name holds ``need`` ("" for any); None for other words
    need: str | None = None


class Referents:
    """Reads pronouns as the concepts of a knowledge base's lexicon named in sentences before."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def may_refer(self, sentence: str) -> bool:
        """Whether a sentence has a word that may stand for a thing named before (cheap)."""
        return bool(self.lexicon) and words().cue.search(sentence) is not None

    def refers(self, sentence: str) -> bool:
        """Whether a sentence has one word (or phrase) that may stand for a thing named before."""
        return self.may_refer(sentence) and self._expression(sentence, tokens(sentence)) is not None

    def _expression(self, sentence: str, toks: list[Tok]) -> _Expression | None:
        if not self.may_refer(sentence):
            return None
        found = _expressions(toks)
        return found[0] if len(found) == 1 else None  # (several may stand for different things)

    def within(self, sentence: str) -> Reading | None:
        """The sentence with its one object pronoun ("magnesium would fix it", "no vitamin cures
        that") read as the one thing of the kind its clause wants that an earlier clause of the
        same sentence names, or None. (A subject pronoun is the clause reader's to read.)"""
        if not self.lexicon or words().object_cue.search(sentence) is None:
            return None
        toks = tokens(sentence)
        found = _expressions(toks, possessive=True)
        objects = [ex for ex in found if ex.need is not None or not ex.verb and not _subject(toks, ex.end)]
        bare = _demonstrative(toks) if not objects else []
        if len(objects) + len(bare) != 1:
            return None
        ex = (objects or bare)[0]
        k = opening(toks, ex.start)
        if k == 0 or any(k <= e.start < ex.start and not (ex.need is not None and (e.verb or _subject(toks, e.end)))
                         for e in found):  # (a subject pronoun before "the spasms" is the clause reader's)
            return None  # no clause before, or another pronoun in its own
        a, b = toks[ex.start].start, toks[ex.end - 1].end
        own = self.mentions(sentence[toks[k].start:a]) if k < ex.start else ()
        stop = max((j + 1 for j in range(k) if toks[j].low in (".", "!", "?")), default=0)
        named = _named_before(sentence, toks[stop:k])
        earlier = self.mentions(named)
        wanted = _wanted(ex, own, self.lexicon)
        if bare and len(wanted) != 1:
            return None  # ("nobody believes that": what was said, not a thing)
        if ex.role is None and (any(m.role == OTHER and m.plural == ex.plural for m in earlier) or ex.plural and (
                any(m.role == PERSON for m in (*earlier, *own)) or _names_people(sentence[:a]))):
            return None  # it may be the nerve named, or "they" the people
        if any(m.role in wanted and m.plural == ex.plural for m in own):
            return None  # a thing of its kind in its own clause: it may stand for that one
        fits = [m for m in earlier if m.role in wanted and (m.plural == ex.plural or ex.role is not None)]
        fits = self._shown(ex, _example(named, fits))
        if any(m.event for m in fits) or len({m.concept for m in fits}) != 1:
            return None
        meaning = fits[0].text
        replacement = _shown_as(ex, meaning)
        return Reading(sentence[:a] + replacement + sentence[b:], a, b, sentence[a:b], meaning, replacement,
                       "named earlier in the sentence")

    def _shown(self, ex: _Expression, fits: list[Mention]) -> list[Mention]:
        """For a noun of what a condition shows ("the spasms"), only the conditions whose name
        holds what the noun needs ("spasm": hemifacial spasm); none when a symptom was named too
        (the noun may be that symptom again). (Read inside a sentence only: across sentences,
        "the spasms" are as often another's, or spasms in general.)"""
        if ex.need is None:
            return fits
        if any(self.lexicon.kind(m.concept) not in words().shown_kinds for m in fits):
            return []  # ("a twitch from stress ... cleared the symptoms": the twitch's, perhaps)
        return [m for m in fits if ex.need in f"{m.concept} {m.text.lower()}"]

    def mentions(self, sentence: str) -> tuple[Mention, ...]:
        """The concepts a sentence names, in order, with the words that name them."""
        if not self.lexicon:
            return ()
        norm = tokenise(sentence)
        out = []
        roles = words().roles
        act = words().act.search(sentence) is not None
        for a, b, cid in self.lexicon.match([stem(w) for w in norm], norm):
            role = roles.get(self.lexicon.kind(cid) or "", NOTHING)
            if role in (OTHER, NOTHING) and person(norm[b - 1]):
                role = PERSON
            written = _written(sentence, norm[a:b])
            out.append(Mention(cid, role, written, _plural(written.split()[-1]), act or _event(norm, a)))
        return tuple(out)

    def reading(self, sentence: str, before: Sequence[tuple[str, tuple[Mention, ...]]]) -> Reading | None:
        """The sentence with its one referring word read as the thing named before, or None.

        ``before``: the sentences before it (nearest first) with their :meth:`mentions`.
        """
        toks = tokens(sentence)
        ex = self._expression(sentence, toks)
        if ex is None:
            return None
        span = (toks[ex.start].start, toks[ex.end - 1].end)
        ahead, after = self.mentions(sentence[:span[0]]), self.mentions(sentence[span[1]:])
        subject = bool(ex.verb) or _subject(toks, ex.end)
        # The clause around the pronoun says what it can be: a subject by what follows it ("it
        # stopped her HFS"), an object by what comes before ("magnesium cured it").
        wanted = _wanted(ex, after if subject else ahead, self.lexicon)
        if ex.plural and ex.role is None and (any(m.role == PERSON for m in (*ahead, *after)) or _names_people(
                sentence[:span[0]]) or any(_names_people(s) for s, _ in before)):
            return None  # "they" may be the people named
        if any(m.plural == ex.plural and (subject or m.role not in (AGENT, AFFLICTION) or m.role in wanted)
               for m in ahead if m.role in (AGENT, AFFLICTION, OTHER)):
            return None  # a thing named before it in the same sentence: the clause reader's to read
        fits = [m for _, ms in before for m in ms if m.role in wanted]
        if any(m.event for m in fits):
            return None
        fits = self._shown(ex, [m for m in fits if m.plural == ex.plural or ex.role is not None])
        if len({m.concept for m in fits}) != 1:
            return None
        meaning = fits[0].text
        replacement = f"{meaning} {ex.verb}" if ex.verb else _shown_as(ex, meaning)
        a, b = span
        return Reading(sentence[:a] + replacement + sentence[b:], a, b, sentence[a:b], meaning, replacement)


def _shown_as(ex: _Expression, meaning: str) -> str:
    """What stands for the words ``ex`` read as the thing ``meaning``: for a noun of what a
    condition shows, the condition's symptoms ("the spasms": "hemifacial spasm symptoms")."""
    return meaning if ex.need is None else f"{meaning} {words().shown_as}"


def _example(text: str, fits: list[Mention]) -> list[Mention]:
    """Two things that are one: a kind and the example that names it ("anti-seizure drugs *such as*
    carbamazepine", "carbamazepine *or any other* medicine"; reference.tsv example-before,
    example-after): a pronoun after them stands for the example. ``fits`` otherwise."""
    if len(fits) != 2 or fits[0].concept == fits[1].concept:
        return fits
    low = " ".join(tokenise(text))
    first, second = fits
    for cls, kept in (("example-before", second), ("example-after", first)):
        for lead in language.entries(cls, DATA):
            at = low.find(f" {lead} ")
            if at < 0:
                continue
            name = " ".join(tokenise(kept.text))
            # (the example stands right after the words, or right before them)
            if low.count(f" {lead} ") == 1 and (low.startswith(name, at + len(lead) + 2) if kept is second
                                                 else low.endswith(f" {name}", 0, at) or low[:at] == name):
                return [kept]
    return fits


def _demonstrative(toks: list[Tok]) -> list[_Expression]:
    """"that" or "this" as the object that ends a clause ("no vitamin cures that")."""
    w = words().demonstratives
    return [_Expression(i, i + 1, w[t.low], None, "") for i, t in enumerate(toks)
            if t.low in w and i > 0 and toks[i - 1].word and _verb_after(toks, i - 1)
            and (i + 1 == len(toks) or not toks[i + 1].word)]


def _named_before(sentence: str, toks: list[Tok]) -> str:
    """The words of ``toks`` (the clauses before a pronoun's own) without a noun phrase after a
    copula ("HFS is *a blood vessel pressing on the nerve*", which renames the subject), each
    part set apart by a comma."""
    w = words()
    parts: list[str] = []
    start, k = 0, 0
    while k < len(toks):
        t = toks[k]
        if t.low in w.copula and k + 1 < len(toks) and toks[k + 1].low in w.predicate_start and k > 0:
            parts.append(sentence[toks[start].start:t.start] if start < k else "")
            k = next((j for j in range(k + 1, len(toks)) if not toks[j].word), len(toks))
            start = k
            continue
        k += 1
    if start < len(toks):
        parts.append(sentence[toks[start].start:toks[-1].end])
    return " , ".join(p for p in parts if p)


def _expressions(toks: list[Tok], possessive: bool = False) -> list[_Expression]:
    """The words of a sentence that may stand for a thing named before (``possessive``: "its"
    before a noun too, "reducing its symptoms", and a noun for what a condition shows, "the
    spasms", read only inside the sentence that names it)."""
    w = words()
    out = []
    for i, t in enumerate(toks):
        parts = _split_apostrophe(t.low)
        head = parts[0]
        if possessive and t.low in w.possessives and i + 1 < len(toks) and toks[i + 1].word:
            out.append(_Expression(i, i + 1, w.possessives[t.low], None, ""))
        elif head in w.pronouns:
            if head == "it" and _impersonal(toks, i):
                continue
            verb = {"'s": "is", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}.get(
                parts[1], "") if len(parts) > 1 else ""
            out.append(_Expression(i, i + 1, w.pronouns[head], None, verb))
        elif possessive and t.low in w.shows and (i + 1 == len(toks) or toks[i + 1].low not in ("of", "from")):
            if i and toks[i - 1].low in w.shows_dets:  # (not bare: "magnesium eases spasms" says it of any)
                out.append(_Expression(i - 1, i + 1, False, AFFLICTION, "", w.shows[t.low]))
        elif t.low in w.definite and i + 1 < len(toks) and toks[i + 1].low in w.nouns:
            noun = toks[i + 1].low
            if i + 2 < len(toks) and toks[i + 2].word and not _verb_after(toks, i + 2):
                continue  # ("the condition *of* ...", "that supplement brand"): not the whole phrase
            out.append(_Expression(i, i + 2, _plural(noun), w.nouns[noun], ""))
    return out


def _subject(toks: list[Tok], i: int) -> bool:
    """Whether a verb follows token ``i``, perhaps after adverbs ("it also stays", "they can")."""
    for j in range(i, min(i + 3, len(toks))):
        t = toks[j]
        if not t.word:
            return False
        if _verb_after(toks, j):
            return True
        if not (t.low.endswith("ly") or t.low in words().adverbs):
            return False
    return False


def _verb_after(toks: list[Tok], i: int) -> bool:
    from .clauses import _verb_like

    return _verb_like(toks[i], toks[i - 1])


def _impersonal(toks: list[Tok], i: int) -> bool:
    """"it seems", "it's been a while", "it is hard to say", "it's true that X": an "it" that
    stands for no thing."""
    w = words()
    rest = toks[i:]
    lows = [x for t in rest[:8] for x in _split_apostrophe(t.low)][1:]
    if any(tuple(lows[:len(p)]) == p for p in w.impersonal):
        return True
    be = next((p for p in w.be if tuple(lows[:len(p)]) == p), None)
    if be is None:
        return False
    return any(x in w.placeholder for x in lows[len(be):len(be) + PLACEHOLDER_REACH])


def _wanted(ex: _Expression, own: Sequence[Mention], lexicon: Lexicon) -> frozenset[str]:
    """The roles the thing referred to may have: a kind noun's; else the one the sentence lacks
    (it names only agents: an affliction is wanted), or either."""
    if ex.role is not None:
        return frozenset({ex.role})
    if any(lexicon.symmetric(m.concept) for m in own):
        return frozenset({AGENT})  # ("supplements may interact with it": another agent)
    roles = {m.role for m in own} & {AGENT, AFFLICTION}
    if roles == {AGENT}:
        return frozenset({AFFLICTION})
    if roles == {AFFLICTION}:
        return frozenset({AGENT})
    return frozenset({AGENT, AFFLICTION})


def _event(norm: list[str], k: int) -> bool:
    """A thing named as part of an act: an event word shortly before it, or a verb in -ing just
    before ("stopped drinking coffee", "without magnesium"). ``norm``: the normalised words."""
    w = words()
    for j in range(max(0, k - EVENT_REACH), k):
        if norm[j] in w.event_starts and any(tuple(norm[j:j + len(p)]) == p for p in w.event):
            return True
    prev = norm[k - 1] if k else ""
    return prev.endswith("ing") and wordnet.verb(prev)


def _written(sentence: str, norm: list[str]) -> str:
    """Normalised words as the sentence writes them ("hfs": "HFS"), or as they are if not found."""
    pattern = r"\b" + r"\W{1,3}".join(map(re.escape, norm)) + r"\b"
    m = re.search(pattern, sentence, re.IGNORECASE)
    return m.group() if m else " ".join(norm)


def _names_people(text: str) -> bool:
    """Whether a text names people that "they" could stand for ("my doctors", "people")."""
    many = words().people
    return any(t.word and (t.low in many or person(t.low) and _plural(t.text)) for t in tokens(text))

