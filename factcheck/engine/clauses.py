"""Read a sentence as the clauses that can carry a claim, each with its frame, mood and span.

People write several claims to a sentence and wrap them in frames: "My cousin swears that
vitamin B12 cures HFS, so she ordered a big jar of it." The checker judges one claim at a time,
so :func:`read` cuts a sentence into clauses:

- at ``;`` and at a comma before a coordinator (", so", ", but"; ", and" and ", or" only when
  both sides read as clauses, else they join a list);
- before a subordinate clause ("because", "since", "although", "when"; "if" and "unless" open a
  condition, which is not asserted);
- around a relative clause (", which are a standard treatment" takes the noun before the comma
  as its subject);
- after a frame that reports or judges what follows: "A friend swears that X" and "I read that
  X" assert X; "I doubt that X", "I don't think X" and "it's a myth that X" deny it; "my doctor
  never said X" asserts nothing.

A subject pronoun ("it", "they") is read as the one noun phrase earlier in the sentence it can
stand for, when there is exactly one. A list in the subject or the object ("Stress and lack of
sleep can trigger twitching") gives one part a item. Every clause keeps its character span in
the sentence. The language data (conjunctions, frame verbs, pronouns) is ``data/clauses.tsv``.

Pure and deterministic; nothing here knows about claims or the knowledge base.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import field, replace
from functools import cache, lru_cache
from pathlib import Path

from ..records import NamedTuple, dataclass
from . import wordnet
from .text import REPORTING, is_question, stem

DATA = Path(__file__).parent.parent / "data" / "clauses.tsv"

# Moods: what a clause does with its content.
ASSERT = "assert"  # says it is so
DENY = "deny"  # says it is not so (a denying frame)
ASK = "ask"  # asks whether it is so
MAX_RELATIVE_SUBJECT = 3  # words of the subject of an object relative (", which *your muscles* need")
NONE = "none"  # neither: a condition, a negated report ("she never said X"), an object relative

MAX_FRAME_SUBJECT = 8  # words before a frame verb
MAX_ITEM_WORDS = 5  # words in one item of a list
MAX_ITEMS = 6
MAX_ADJUNCT = 12  # words of a last part that only says when or why (", after a complaint from ...")


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence: the text to check, how it is said, and where it stands."""

    text: str  # the claim as checked: frame removed, pronoun and relative subject filled in
    start: int  # character span in the sentence, frame included
    end: int
    mood: str = ASSERT
    kind: str = "main"  # main, coordinate, relative, reason, contrast, time, condition
    frame: str = ""  # the frame's words ("My cousin swears that")
    notes: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # a list read as one claim a item

    @property
    def checked(self) -> bool:
        """Whether the clause says something to check (asserts, denies or asks)."""
        return self.mood != NONE


MAX_JUDGEMENT = 12  # tokens: words that only judge a clause ("but that is simply wrong") are few
_QUOTE_MARKS = frozenset('"\u201c\u201d\u2018\u2019\'')


class Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    word: bool  # a word, not punctuation: text[0].isalnum() (stored: read very often)


def _tok(text: str, low: str, start: int, end: int) -> Tok:
    return Tok(text, low, start, end, text[0].isalnum())


class Lang(NamedTuple):
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # class -> phrases (longest first)
    starts: dict[str, dict[str, tuple[tuple[str, ...], ...]]]  # class -> first word -> phrases
    words: dict[str, frozenset[str]]  # class -> one-word entries
    pronouns: dict[str, str]  # pronoun -> "singular" | "plural"
    relation_stems: frozenset[str]  # one-word relation verbs of the relation table


@lru_cache(maxsize=1)
def lang() -> Lang:
    """The language data of ``data/clauses.tsv``, read once."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    pronouns: dict[str, str] = {}
    for cls, entry in _entries():
        if cls == "pronoun":
            word, number = (p.strip() for p in entry.split(":"))
            pronouns[word] = number
            continue
        phrases.setdefault(cls, []).append(tuple(_tokens_low(entry)))
    phrases.setdefault("report", []).extend((w,) for w in REPORTING if w != "according")
    from . import relations

    table = relations.table()
    rel = frozenset(p[0] for ps in table.phrases.values() for p, cls, _ in ps
                    if len(p) == 1 and table.kinds.get(cls) in ("relation", "symmetric relation"))
    ordered = {c: tuple(sorted(set(ps), key=len, reverse=True)) for c, ps in phrases.items()}
    starts: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for c, ps in ordered.items():
        for p in ps:
            starts.setdefault(c, {}).setdefault(p[0], []).append(p)
    return Lang(
        ordered,
        {c: {w: tuple(ps) for w, ps in by.items()} for c, by in starts.items()},
        {c: frozenset(p[0] for p in ps if len(p) == 1) for c, ps in phrases.items()},
        pronouns,
        rel,
    )


@lru_cache(maxsize=1)
def _lines() -> tuple[str, ...]:
    return tuple(DATA.read_text(encoding="utf-8").splitlines())


def _entries() -> Iterator[tuple[str, str]]:
    """(class, entry) for each entry of ``data/clauses.tsv``, in order."""
    for raw in _lines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cls, entries = line.split("\t", 1)
        for entry in entries.split(";"):
            entry = entry.strip()
            if entry:
                yield cls, entry


_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[^\w\s]")


def _tokens_low(text: str) -> list[str]:
    words = text.split()
    if all(w.isascii() and w.isalpha() for w in words):  # (most entries: what _TOKEN would find)
        return [w.lower() for w in words]
    return [m.group().replace("\u2019", "'").lower() for m in _TOKEN.finditer(text)]


def tokens(text: str) -> list[Tok]:
    return [Tok(g := m.group(), g.replace("\u2019", "'").lower(), m.start(), m.end(), g[0].isalnum())
            for m in _TOKEN.finditer(text)]


# --------------------------------------------------------------------------- word classes

_DETERMINERS = frozenset("""a an the this that these those my your his her its our their some any
many much more most no every each all such own one""".split())
_ARTICLES = frozenset("a an the this that these those my your his her its our their".split())
_PREPOSITIONS = frozenset("""of for in on at to from with by about into onto over under after before
without within through during against between among like than as per via""".split())
_SUBJECTS = frozenset("i we you he she it they".split())  # a clause opens with one of these
_COPULAS = frozenset("is are was were 's 're be been am".split())
_IRREGULAR_PAST = frozenset("""made got kept led came went took gave found brought caught fixed
stopped helped cured caused healed""".split())


def _in(cls: str, low: str) -> bool:
    return low in lang().words.get(cls, ())


def _phrase_at(toks: list[Tok], i: int, cls: str) -> tuple[str, ...] | None:
    """The longest phrase of a class that starts at token ``i``."""
    if i >= len(toks):
        return None
    for p in lang().starts.get(cls, {}).get(toks[i].low, ()):
        if len(p) == 1 or tuple(t.low for t in toks[i:i + len(p)]) == p:
            return p
    return None


def _negator(low: str) -> bool:
    return low.endswith("n't") or _in("negator", low) or low == "cannot"


def _verb_like(t: Tok, prev: Tok | None = None) -> bool:
    """A word that makes a stretch of words a clause: an auxiliary, a relation verb, a past."""
    low = t.low
    if not t.word:
        return False
    if _in("finite", low) or _negator(low) and low.endswith("n't"):
        return True
    if low in _IRREGULAR_PAST:
        return True
    if stem(low) in lang().relation_stems and (low.endswith("s") or prev is None or prev.low not in _DETERMINERS):
        # "magnesium cures", "can trigger": a relation verb (not "a cure", "the cause")
        return low not in _DETERMINERS and not (prev is not None and prev.low in _PREPOSITIONS)
    if low.endswith("ed") and len(low) > 4 and wordnet.verb(low):
        # (not after a determiner, nor opening a list's next item: "dairy, kale and *canned* salmon")
        return prev is None or (prev.low not in _DETERMINERS and prev.low != "," and not _in("list-joiner", prev.low))
    return False


def _clause_like(toks: list[Tok]) -> bool:
    """Words that read as a clause: a subject and a verb, not a list item."""
    words = [t for t in toks if t.word]
    if len(words) < 2:
        return False
    return any(_verb_like(t, words[j - 1] if j else None) for j, t in enumerate(words) if j > 0) or (
        words[0].low in _SUBJECTS and words[1].word
    ) or "'" in words[0].low and _in("finite", words[0].low)  # ("you're taking", "it's a nerve")


def _person(low: str) -> bool:
    if _in("person", low):
        return True
    return any(wordnet.narrower(low, p) for p in ("person", "relative", "professional"))


_CONTRACTED = {"s": "is", "re": "are"}  # ("it's", "they're": a pronoun and its verb in one word)


def _plural(word: str) -> bool:
    if word.isupper() or not word.isalpha():
        return False
    low = word.lower()
    if not low.endswith("s") or low.endswith(("ss", "us", "is")):
        return False
    lemmas = wordnet.lemmas(low)
    # ("nerves" is a lemma of its own, "nervousness", but first the plural of "nerve")
    return not lemmas or any(lemma != low for lemma in lemmas)


# --------------------------------------------------------------------------- segments


class _Seg(NamedTuple):
    toks: list[Tok]  # the words of the clause (may skip a relative clause inside it)
    kind: str
    antecedent: str = ""  # a relative clause's subject, from before the comma
    inherit: bool = False  # "..., and that X": X continues the frame of the clause before
    opener: str = ""  # the subordinator that opened the clause ("if", "when")


_SUBORDINATORS = ("condition", "reason", "contrast", "time")
_FRAMES = ("deny", "belief", "report", "hope")


@cache
def _first_words(classes: tuple[str, ...]) -> frozenset[str]:
    """Every word that starts a phrase of one of the classes."""
    return frozenset(w for c in classes for w in lang().starts.get(c, {}))


def _subordinator(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """(class, length) of a subordinator at ``i``, or None."""
    if toks[i].low not in _first_words(_SUBORDINATORS):
        return None
    for cls in _SUBORDINATORS:
        p = _phrase_at(toks, i, cls)
        if p:
            nxt = toks[i + len(p)] if i + len(p) < len(toks) else None
            if nxt is None or nxt.low == "of" or not nxt.word:
                return None  # "because of stress" is a relation phrase
            if nxt.low.endswith("ing") and cls == "time" and i > 0:
                return None  # "relax after contracting": a phrase inside the clause, not a clause
            if cls == "time" and i > 0 and toks[i - 1].low in _COPULAS:
                return None  # "HFS is when one side pulls": what the subject is, not a time apart
            if i > 0 and (_verb_like(nxt, toks[i]) or nxt.low in _first_words(("report", "belief"))):
                return None  # "has never once said": an adverb before the verb, not a clause's start
            return cls, len(p)
    if i > 0 and toks[i - 1].low == "," and _in("comma-reason", toks[i].low) and _last_part(toks, i) \
            and toks[i + 1].word and not _in("comma-reason-not", toks[i + 1].low):
        return "reason", 1  # (", as supplements may interact with it": "as" opens a reason only after a comma)
    return None


def _last_part(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` opens the last part of its sentence (no comma after it): ", as X" gives a
    reason there, where ", as I found out later, ..." is an aside."""
    rest = toks[i + 1:]
    return bool(rest) and not any(t.low in (",", ";", ":") for t in rest)


def _segments(toks: list[Tok]) -> list[_Seg]:
    """The sentence cut into segments: at ";", at a comma before a coordinator or a relative
    pronoun, and around subordinate clauses."""
    return _Segmenter(toks).run()


class _Segmenter:
    """Reads tokens left to right, closing a segment wherever a clause ends."""

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self.segs: list[_Seg] = []
        self.cur: list[Tok] = []  # the words of the segment being read
        self.kind = "main"
        self.inherit = False

    def run(self) -> list[_Seg]:
        toks, i, n = self.toks, 0, len(self.toks)
        while i < n:
            t = toks[i]
            nxt: int | None = None
            if t.low == ";" or (t.low in (".", "!") and self.cur and i + 2 < n and toks[i + 2].low == ":"
                                and (_in("deny-label", toks[i + 1].low) or _in("assert-label", toks[i + 1].low))):
                self._close("coordinate")  # (a new sentence with a label: "Myth: X. Fact: Y." each its own)
                nxt = i + 1
            elif t.low == "," and i + 1 < n:
                nxt = self._shared_subject(i)
                if nxt is None:
                    nxt = self._coordinated(i)
                if nxt is None:
                    nxt = self._relative(i)
                if nxt is None:
                    nxt = self._negative_tail(i)
                if nxt is None:
                    nxt = self._label_tail(i)
                if nxt is None:
                    nxt = self._adjunct_tail(i)
                if nxt is None:
                    nxt = self._appositive_tail(i)
                if nxt is None:
                    nxt = self._spliced(i)
            if nxt is None and t.low == "and" and self.cur:
                nxt = self._shared_subject(i)
                if nxt is None:
                    nxt = self._joined(i)
            if nxt is None and t.word:
                nxt = self._subordinate(i)
            if nxt is None and self.cur and _in("coordinator", t.low) and n - i <= MAX_JUDGEMENT \
                    and _evaluation([w for w in toks[i + 1:] if w.word], False) is not None:
                self._close("coordinate")  # ("X but that is wrong": no comma, the last words judge X)
                nxt = i + 1
            if nxt is not None:
                i = nxt
                continue
            if self.cur or t.low != ",":  # (a comma left after a clause closed opens nothing)
                self.cur.append(t)
            i += 1
        if self.cur:
            self.segs.append(_Seg(self.cur, self.kind, inherit=self.inherit))
        return [s for s in self.segs if any(t.word for t in s.toks)]

    def _close(self, kind: str, inherit: bool = False) -> None:
        """End the segment being read; the next one is of ``kind``."""
        self.segs.append(_Seg(self.cur, self.kind, inherit=self.inherit))
        self.cur, self.kind, self.inherit = [], kind, inherit

    def _coordinated(self, i: int) -> int | None:
        """", so X", ", but X" (", and X" when both sides are clauses), ", and that X" (X in the
        frame of the clause before): where the next segment starts, or None."""
        toks = self.toks
        p = _phrase_at(toks, i + 1, "coordinator")
        if not p:
            return None
        j = i + 1 + len(p)
        right = toks[j:_next_break(toks, j)]
        if right and right[0].low == "that" and self.segs + [self.cur]:
            self._close("coordinate", inherit=True)
            return j + 1
        if p[-1] == "so" and right:
            stop = self._elided(j, len(right))
            if stop is not None:
                return stop
        if p == ("but",) and right:
            stop = self._contrasted(j, len(right))
            if stop is not None:
                return stop
        if p == ("but",) and self.cur and _in("nobody", self.cur[_clause_start(self.cur)].low) \
                and len([t for t in right if t.word]) <= 5:
            return None  # ("Nothing helped, but Botox did": the exception, one claim: only Botox helped)
        both = _clause_like(self.cur[_clause_start(self.cur):]) and _clause_like(right)
        opens = j < len(toks) and _subordinator(toks, j) is not None and _clause_like(toks[j:_next_comma(toks, j)])
        if not (both if p[0] in ("and", "or") and not opens else bool(right) and _clause_like(right)):
            return None
        self._close("coordinate")
        return j

    def _shared_subject(self, i: int) -> int | None:
        """"Most twitches are harmless and go away", "X are common, are harmless, and are often
        set off by stress": a predicate with no subject of its own, after "and" (or after a comma,
        in a run of predicates that "and" ends), says more of the clause before's subject. It is
        read as a clause of its own with that subject (and that clause's frame, if any); where
        reading goes on, or None."""
        toks, n = self.toks, len(self.toks)
        if len(self.cur) > MAX_NEAR:
            return None
        j = i + 1 if toks[i].low == "," else i
        if j < n and toks[j].low == "and":
            j += 1
        elif toks[i].low != "," or not any(t.low == "and" for t in toks[j:j + MAX_NEAR]):
            return None
        stop = _next_break(toks, j, j + MAX_NEAR)
        words = [t for t in toks[j:stop] if t.word]
        k = 0
        while k < len(words) - 1 and _adverb(words[k].low) and not _in("finite", words[k].low):
            k += 1
        if len(words) - k < 2 or words[k].low.partition("'")[0] in _SUBJECTS or words[k].low.partition("'")[0] in (
                "that", "this", "there", "here"):
            return None
        says = toks[j - 1].low == "and" and any(_phrase_at(words, k, c) for c in _FRAMES)  # ("and swears that X")
        if says and (_frame(self.cur + toks[i:stop]) or _inner_frame(self.cur + toks[i:stop])) is not None:
            return None  # ("she laughed and told me that X": one frame, read as one)
        if not says and (words[k + 1].low in _SUBJECTS or words[k + 1].low == "there" or not _predicate_head(words[k])
                         or toks[j - 1].low != "and" and not _in("finite", words[k].low)):
            return None
        subject, framed = _shared(self.cur)
        if subject is None:
            return None
        self._close("coordinate", inherit=framed)
        at = toks[j].start
        self.cur = [Tok(t.text, t.low, at, at, t.word) for t in subject]
        return j

    def _joined(self, i: int) -> int | None:
        """"My dad has HFS and a nurse swears B12 calms it": "and" with no comma between two whole
        clauses, the second opening with a subject of its own (a pronoun, or a determiner and a
        noun) whose verb, within a few words, reports or believes what follows (a frame). Where
        the next segment starts, or None. (Other clauses joined so are left whole: read apart, the
        one a claim settles would speak for the sentence.)"""
        toks, cur = self.toks, self.cur
        if len(cur) > MAX_NEAR:
            return None
        right = [t for t in toks[i + 1:_next_break(toks, i + 1, i + 1 + MAX_NEAR)] if t.word]
        s = _content_start(cur)
        if len(right) < 3 or not (right[0].low in _SUBJECTS or right[0].low in _ARTICLES - {"that", "this"}) \
                or s is None or s > 0 or not _clause_like(cur) or not _clause_like(right):
            return None  # (not after a frame: "it is false that A and a B can C" frames both)
        v = next((k for k in range(1, min(len(right), MAX_ITEM_WORDS + 1)) if _verb_like(right[k], right[k - 1])
                  or any(_phrase_at(right, k, c) for c in _FRAMES)), None)
        if v is None or any(_in("list-joiner", t.low) for t in right[:v]) \
                or not any(_phrase_at(right, v, c) for c in _FRAMES):
            return None  # (only a clause that frames what follows: "and a nurse swears X")
        self._close("coordinate")
        return i + 1

    def _elided(self, j: int, length: int) -> int | None:
        """", and so can diuretics": an auxiliary and a noun phrase that say the clause before
        holds of the noun phrase too. Read as the noun phrase with the clause before's predicate
        ("diuretics can drag your magnesium down"); where reading goes on, or None."""
        toks, cur = self.toks, self.cur
        aux = toks[j]
        np = toks[j + 1:j + length]
        while np and np[-1].low in (".", "!"):
            np = np[:-1]
        if not _in("finite", aux.low) or _negator(aux.low) or not np or not all(t.word for t in np) \
                or len(np) > MAX_ITEM_WORDS or any(_verb_like(t) for t in np):
            return None
        k = next((k for k, t in enumerate(cur) if k > 0 and t.low == aux.low), None)
        if k is None and aux.low in ("do", "does", "did"):
            k = next((k for k, t in enumerate(cur) if k > 0 and _verb_like(t, cur[k - 1])), None)
        if k is None:
            return None
        end = np[-1].end  # (the predicate borrowed from before stands, unwritten, after the noun phrase)
        pred = [Tok(t.text, t.low, end, end, t.word) for t in cur[k:] if t.word or t.low in ("'", "-")]
        self._close("coordinate")
        self.segs.append(_Seg(np + pred, "coordinate"))
        self.kind = "coordinate"
        stop = j + length
        return stop + 1 if stop < len(toks) and toks[stop].low == "," else stop

    def _contrasted(self, j: int, length: int) -> int | None:
        """", but vitamin B12 does", ", but caffeine doesn't": a noun phrase and an auxiliary that
        say the opposite of the clause before holds of the noun phrase. Read as the noun phrase
        with the clause before's predicate, denied or not as the auxiliary says; None when the
        words are not so."""
        toks, cur = self.toks, self.cur
        right = [t for t in toks[j:j + length] if t.word]
        if len(right) < 2:
            return None
        negated = _negator(right[-1].low) and (right[-1].low.endswith("n't") or len(right) > 2)
        aux = right[-1] if right[-1].low.endswith("n't") or not negated else right[-2]
        np = right[:right.index(aux)]
        if not (_in("finite", aux.low) or aux.low.endswith("n't")) or not np or len(np) > MAX_ITEM_WORDS \
                or any(_verb_like(t) for t in np) or (len(np) == 1 and np[0].low in lang().pronouns):
            return None  # (", but it doesn't": the same subject, denied: see the ellipsis reading)
        k = next((k for k, t in enumerate(cur) if k > 0 and (_in("finite", t.low) or t.low.endswith("n't")
                                                                or _verb_like(t, cur[k - 1]))), None)
        if k is None:
            return None
        end = right[-1].end
        pred = [Tok(t.text, t.low, end, end, t.word) for t in cur[k:]
                if t.word and not _negator(t.low) and not _aux(t.low) and not t.low.endswith("n't")]
        if not pred:
            return None
        self._close("coordinate")
        denial = [Tok("not", "not", end, end, True)] if negated else []
        self.segs.append(_Seg(np + denial + pred, "coordinate"))
        self.kind = "coordinate"
        stop = j + length
        return stop + 1 if stop < len(toks) and toks[stop].low == "," else stop

    def _negative_tail(self, i: int) -> int | None:
        """", nothing about her condition", ", not twitching": a last part with no verb that only
        denies something of its own. It is a segment apart, so its denial stays out of the clause
        before it. (Not with a number: ", no more than 400 mg" limits what comes before.)"""
        toks = self.toks
        tail = toks[i + 1:]
        if not tail or not _in("negative-tail", tail[0].low) or any(t.low in (",", ";", ":") for t in tail):
            return None
        words = [t for t in tail if t.word]
        if len(words) < 2 or _clause_like(tail) or any(t.low[:1].isdigit() for t in words) \
                or not _clause_like(self.cur):
            return None
        self._close("coordinate")
        return i + 1

    def _label_tail(self, i: int) -> int | None:
        """", total nonsense.", ", complete myth": a last part with no subject that only labels the
        clause before it (clauses.tsv deny-label, agree-label, evaluation-word). It is a segment
        apart, which _evaluated reads as a judgement of that clause."""
        tail = self.toks[i + 1:]
        words = [t for t in tail if t.word]
        # (not a tag question: "X, no?" asks X)
        if not words or any(t.low in (",", ";", ":", "?") for t in tail) or not _clause_like(self.cur) \
                or _evaluation(words, True) is None:
            return None
        self._close("coordinate")
        return i + 1

    def _adjunct_tail(self, i: int) -> int | None:
        """", after a complaint from a charity", ", citing studies it would not share": a last part
        that only says when, why or on what grounds (clauses.tsv adjunct-head) and holds no claim of
        its own (no verb, or none that reports, relates or opens a clause with "that"). It is left
        out, so the clause before is read without it."""
        toks = self.toks
        tail = toks[i + 1:]
        words = [t for t in tail if t.word]
        p = _phrase_at(words, 0, "adjunct-head") if words else None
        if not p or len(words) > MAX_ADJUNCT or any(t.low in (",", ";", ":", "?") for t in tail) \
                or not _clause_like(self.cur):
            return None
        rest = words[len(p):]
        if not rest or any(t.low == "that" or _in("relative", t.low) or t.low in _first_words(_FRAMES)
                           or _negator(t.low) or stem(t.low) in lang().relation_stems for t in rest):
            return None
        timed = _phrase_at(words, 0, "time") or _phrase_at(words, 0, "time-adjunct")
        if timed and _clause_like(rest):
            return None  # (", after she took magnesium": a time clause, read as one)
        self._close("main")
        if timed:  # (", after a week": it still limits the clause before to that time; asserts nothing)
            self.segs.append(_Seg(tail, "time", opener=" ".join(p)))
        return len(toks)

    def _spliced(self, i: int) -> int | None:
        """"B12 cures HFS, our customers see results": two clauses joined by a comma alone. Only
        when the clause before is whole and the part after opens with a subject (a pronoun or a
        determiner) whose verb comes within a few words; where the next segment starts, or None."""
        toks = self.toks
        stop = _next_comma(toks, i + 1)
        right = [t for t in toks[i + 1:stop] if t.word]
        if len(right) < 3 or not (right[0].low in _SUBJECTS or right[0].low in _ARTICLES - {"that", "this"}) \
                or not _clause_like(self.cur[_clause_start(self.cur):]) \
                or not any(_verb_like(t, right[k - 1]) for k, t in enumerate(right[1:4], 1)) \
                or any(t.low in ("and", "or") for t in right[:2]) \
                or any(_negator(t.low) or _in("claim-noun", t.low) or _in("deny-label", t.low)
                       or any(_phrase_at(right, k, c) for c in _FRAMES) for k, t in enumerate(right)):
            return None  # (", a claim nobody has tested", ", isn't it", ", she said it could": it judges or frames)
        self._close("coordinate")
        return i + 1

    def _appositive_tail(self, i: int) -> int | None:
        """", an anti-seizure drug often prescribed for it": a last part that only says what the
        noun before it is (an article, a noun phrase, perhaps a participle; no verb of its own, no
        denial, no judgement). It is left out, so the clause before is read without it."""
        tail = self.toks[i + 1:]
        words = [t for t in tail if t.word]
        if not words or words[0].low not in ("a", "an", "the") or len(words) > MAX_APPOSITION \
                or any(t.low in (",", ";", ":", "?", "(") for t in tail) or not _clause_like(self.cur):
            return None
        if any(_in("finite", t.low) or _negator(t.low) or t.low in _SUBJECTS or t.low == "that"
               or _in("relative", t.low) or _in("claim-noun", t.low) or _in("deny-label", t.low)
               or _in("agree-label", t.low) or _in("evaluation-word", t.low) and t.low not in ("a", "an", "the", "of")
               for t in words[1:]):
            return None
        self._close("main")
        return len(self.toks)

    def _relative(self, i: int) -> int | None:
        """", which are a standard treatment": a segment of its own, with the noun before the
        comma as its subject; the main clause goes on after it."""
        toks, n = self.toks, len(self.toks)
        # (right after a subordinate clause, "since X interacts with Y, which ...": its last noun)
        before = self.cur or (self.segs[-1].toks if self.segs and self.segs[-1].kind in _SUBORDINATORS
                              and self.segs[-1].kind != "condition" else [])
        if toks[i + 1].low not in lang().words.get("relative", ()) or not before:
            return None
        stop = _next_comma(toks, i + 2)
        rel = toks[i + 2:stop]
        # (", which apparently doesn't help": adverbs before its verb are no subject of its own)
        m = next((k for k, t in enumerate(rel) if not (_adverb(t.low) and not _verb_like(t))), len(rel))
        # (", which is simply untrue" judges the clause before: it is read whatever its noun)
        judges = _evaluation([t for t in rel if t.word], True) is not None
        ant = _antecedent(before, rel[m] if m < len(rel) and not judges else None)
        if not (ant and rel):
            return None
        noun = _tok(ant, ant.lower(), toks[i + 1].start, toks[i + 1].end)
        if toks[i + 1].low == "whose":  # (", whose shortage can cause X": "B12 shortage can cause X")
            if len(rel) < 3 or not any(_verb_like(t) for t in rel[1:4]):
                return None
            self.segs.append(_Seg([noun] + rel, "relative", antecedent=ant))
        elif judges or m < len(rel) and _verb_like(rel[m]):  # (", which it does not": a judgement)
            self.segs.append(_Seg([noun] + rel, "relative", antecedent=ant))
        else:
            # ", which your muscles need to contract": the noun is the object, after the verb
            k = next((k for k in range(1, min(len(rel), MAX_RELATIVE_SUBJECT + 1))
                      if _verb_like(rel[k], rel[k - 1])), None)
            if k is None or not all(t.word for t in rel[:k]) or any(_verb_like(t) for t in rel[:k]):
                return None
            self.segs.append(_Seg(rel[:k + 1] + [noun] + rel[k + 1:], "relative", antecedent=ant))
        if stop + 1 < n and toks[stop].low == "," and self.cur:
            # ("my dad, who went vegan, and B12 comes from meat": a clause of its own follows)
            nxt = self._coordinated(stop)
            if nxt is not None:
                return nxt
        return stop + 1 if stop < n and toks[stop].low == "," else stop

    def _subordinate(self, i: int) -> int | None:
        """A subordinate clause ("because ...", "if ..."): at the start of a clause it runs to the
        first comma; inside one, to the clause's end. Where reading goes on, or None."""
        sub = _subordinator(self.toks, i)
        if sub is None:
            return None
        cls, length = sub
        toks, n = self.toks, len(self.toks)
        opener = _words_of(toks, i, length)
        if not self.cur or (len(self.cur) == 1 and not self.cur[0].word):
            stop = _next_comma(toks, i + length)
            body = toks[i + length:stop]
            if not (stop < n and _clause_like(body)):
                return None
            self.segs.append(_Seg(body, cls, opener=opener))
            self.kind = "consequence" if cls == "condition" else self.kind
            self.cur = []
            i = stop + 1
            return i + 1 if i < n and toks[i].low == "then" else i
        if _in("requirement", opener) and any(_negator(t.low) for t in self.cur):
            return None  # "a muscle can't relax unless it has magnesium": one claim, a requirement
        stop = _next_break(toks, i + length)
        body = toks[i + length:stop]
        after_comma = cls == "reason" and toks[i - 1].low == ","  # (what it gives a reason for may be a plea)
        if not (_clause_like(body) and (after_comma or _clause_like(self.cur[_clause_start(self.cur):]))):
            return None
        self._close("main")
        self.segs.append(_Seg(body, cls, opener=opener))
        if stop + 1 < n and toks[stop].low == "," and toks[stop + 1].low in lang().words.get("relative", ()):
            return stop  # ("..., since X interacts with Y, which is Z": the relative is read next)
        return stop + 1 if stop < n and toks[stop].low == "," else stop


MAX_SHARED_SUBJECT = 8  # words of a subject a later predicate shares ("X are common and are harmless")
MAX_NEAR = 40  # tokens either side of an "and" looked at for a shared subject or a second clause


def _predicate_head(t: Tok) -> bool:
    """A word that opens a predicate with no subject of its own ("and *are* often triggered by",
    "and *can* cause", "and *causes*"): an auxiliary or a verb, never a noun after "and"."""
    return _in("finite", t.low) or _verb_like(t, None) and not wordnet.noun(t.low)


def _content_start(cur: list[Tok]) -> int | None:
    """Where the clause ``cur`` says what it says: after its frame and after the last "that" that
    opens what is framed ("It is false that X": X); None when a frame leaves it unasserted."""
    f = _frame(cur)
    if f is not None and f.mood == NONE:
        return None
    s = f.length if f is not None else 0
    return max([s] + [k + 1 for k in range(s, len(cur)) if cur[k].low == "that"])


def _shared(cur: list[Tok]) -> tuple[list[Tok] | None, bool]:
    """(the subject of the clause ``cur``, whether a frame opens it): the words after its frame (if
    any) up to its first verb; None when that is no short noun phrase."""
    s = _content_start(cur)
    if s is None:
        return None, False
    framed = s > 0
    if s + 1 < len(cur) and cur[s].low in _SUBJECTS:
        return cur[s:s + 1], framed  # ("I take magnesium and swear that X")
    v = next((v for v in range(s + 1, len(cur)) if _verb_like(cur[v], cur[v - 1]) or _in("modal", cur[v].low)), None)
    if v is None:
        return None, False
    subject = cur[s:v]
    words = [t for t in subject if t.word]
    if not words or len(words) > MAX_SHARED_SUBJECT or any(
            _subordinator(cur, k) or _in("relative", cur[k].low) or cur[k].low in (";", ":", "?", "!", ".")
            for k in range(s, v)):
        return None, False
    return subject, framed


def opening(toks: list[Tok], i: int) -> int:
    """Where the clause that holds token ``i`` starts: just after the nearest mark, conjunction,
    subordinator, relative pronoun, "that" or reporting verb before it (0: none)."""
    k = i
    while k > 0:
        t = toks[k - 1]
        if not t.word or t.low == "that" or _in("relative", t.low) or _in("coordinator", t.low) \
                or _in("report", t.low) or _in("belief", t.low):
            return k
        if any((sub := _subordinator(toks, j)) is not None and j + sub[1] == k for j in range(max(0, k - 3), k)):
            return k
        k -= 1
    return 0


def _words_of(toks: list[Tok], i: int, length: int) -> str:
    return " ".join(t.low for t in toks[i:i + length])


def _next_break(toks: list[Tok], i: int, end: int | None = None) -> int:
    """Where the clause starting at ``i`` ends: ";" or a comma before a coordinator, or the end
    (``end``, when given: no further than that)."""
    n = len(toks) if end is None else min(end, len(toks))
    while i < n:
        if toks[i].low == ";":
            return i
        if toks[i].low == "," and i + 1 < n and (_phrase_at(toks, i + 1, "coordinator")
                                                  or toks[i + 1].low in lang().words.get("relative", ())):
            return i
        i += 1
    return n


def _next_comma(toks: list[Tok], i: int) -> int:
    n = len(toks)
    while i < n and toks[i].low not in (",", ";"):
        i += 1
    return i


def _clause_start(cur: list[Tok]) -> int:
    return 0


def _antecedent(cur: list[Tok], verb: Tok | None = None) -> str:
    """The noun phrase just before a relative clause's comma ("Botox shots instead" -> "Botox shots",
    "Botox every three months" -> "Botox"), or "" when there is none that ``verb``, the relative
    clause's verb (if known), can have as its subject: not a pronoun, nor a word that names no thing
    ("X is responsible, which is why ...": "which" is the clause before as a whole), nor a noun of
    the other number."""
    j = _before_time(cur, len(cur) - 1)
    while j >= 0 and (_in("trailing", cur[j].low) or cur[j].low.endswith("ly")):
        j -= 1
    j = _before_time(cur, j)
    words: list[Tok] = []
    while j >= 0:
        t = cur[j]
        if not t.word or t.low in _DETERMINERS or t.low in _PREPOSITIONS or _in("anecdote", t.low) \
                or _verb_like(t, cur[j - 1] if j else None) or _in("coordinator", t.low) \
                or j and _in("modal", cur[j - 1].low) \
                or words and j and cur[j - 1].low == "to" and wordnet.verb(t.low):
            # ("can block copper": a verb after a modal; "to absorb calcium": after "to")
            break
        words.insert(0, t)
        j -= 1
    # ("my aunt takes magnesium", "he drank green tea": a verb in -s, or another form of a verb
    # than its lemma, before the last word ends the clause's subject: the noun phrase is after it)
    k = max((k for k, t in enumerate(words[:-1]) if t.low.isalpha() and wordnet.verb(t.low) and (
        t.low.endswith("s") and not t.low.endswith("ss") or t.low not in wordnet.lemmas(t.low))), default=-1)
    words = words[k + 1:]
    if not words or len(words) > 5:
        return ""
    head = words[-1].low
    if verb is not None and (head in lang().pronouns or (wordnet.known(head) and not wordnet.noun(head))
                             or _in("singular-verb", verb.low) and _plural(words[-1].text)
                             or _in("plural-verb", verb.low) and not _plural(words[-1].text)):
        return ""  # ("Botox shots for it, which are ...": not "it")
    return " ".join(t.text for t in words)


def _before_time(cur: list[Tok], j: int) -> int:
    """Where a noun phrase ending at ``j`` ends once a trailing time phrase is set aside
    ("Botox every three months", "six coffees a day"): ``j`` when there is none."""
    if j < 0 or not _in("time-unit", cur[j].low):
        return j
    k = j - 1
    while k >= 0 and (cur[k].low.isdigit() or _in("time-count", cur[k].low)):
        k -= 1
    if k < 0 or not _in("time-lead", cur[k].low):
        return j
    k -= 1
    return k - 1 if k >= 0 and _in("time-lead", cur[k].low) else k  # ("twice a week")


# --------------------------------------------------------------------------- frames


class _Frame(NamedTuple):
    length: int  # tokens of the frame
    mood: str


def _frame(toks: list[Tok]) -> _Frame | None:
    """A frame at the start of a clause's words, and what it does to what follows."""
    if not toks:
        return None
    head = _head_frame(toks)
    if head is not None:
        return head if isinstance(head, _Frame) else None
    colon = _colon_frame(toks)
    if colon is not None:
        return colon
    limit = min(len(toks) - 1, MAX_FRAME_SUBJECT + 3)
    negs = 0
    steer = -1  # where "want you to" ends, before a belief verb ("sellers want you to believe X")
    for i in range(limit):
        t = toks[i]
        if not t.word:
            return None
        if i < steer:
            continue
        sp = _phrase_at(toks, i, "steer")
        if sp:
            steer = i + len(sp)
            continue
        if _negator(t.low) or _scarce(toks, i):
            negs += 1
            if not t.low.endswith("n't"):
                continue
        hit = None
        if t.low in _first_words(_FRAMES):
            for cls in _FRAMES:
                p = _phrase_at(toks, i, cls)
                if p:
                    hit = (cls, p)
                    break
        if hit is None:
            if _subordinator(toks, i) or _in("coordinator", t.low) or t.low in lang().words.get("relative", ()):
                return None  # a frame's subject is a noun phrase, not a clause
            if i > 0 and _verb_like(t, toks[i - 1]) and not _aux(t.low) and not _before_frame_verb(toks, i):
                # the clause's own verb comes first: no frame, unless a reporting verb joins it
                # ("she laughed and told me that X")
                k = next((k for k in range(i + 1, min(len(toks), i + 4)) if toks[k].low == "and"), None)
                return _that_frame(toks, k + 1) if k is not None else None
            continue
        cls, p = hit
        subject = [x for x in toks[:i] if x.word and not _negator(x.low) and not _aux(x.low)]
        if i == 0 and cls != "belief" and not (cls == "report" and p[0] in ("according",)):
            continue  # "Found that ..." with no subject: not a frame here
        if subject and all(x.low in _ARTICLES for x in subject):
            continue  # "The report says": the first "report" is the subject
        if steer > 0 and steer != i:
            return None  # ("want you to" must stand right before the verb)
        if i + len(p) < len(toks) and toks[i + len(p)].low in _COPULAS:
            continue  # ("my secret hope is that X": a noun, the subject of "is"; see _inner_frame)
        j = _framed_clause(toks, i, cls, p)
        if j is not None and any(_in("modal", x.low) for x in toks[:i]):
            return _Frame(j, NONE)  # ("someday we may find that X": a finding that may come asserts nothing)
        return _Frame(j, _steered_mood(cls, p, negs, steer > 0)) if j is not None else None
    return None


def _framed_clause(toks: list[Tok], i: int, cls: str, p: tuple[str, ...]) -> int | None:
    """Where the clause a frame verb ``p`` (at ``i``) takes begins: after its listener and "that"
    ("told me that X"); None when what follows is no clause."""
    j = i + len(p)
    if j < len(toks) and _in("listener", toks[j].low) \
            and j + 1 < len(toks) and (toks[j + 1].low == "that" or _clause_like(toks[j + 1:])):
        j += 1
    that = j < len(toks) and toks[j].low == "that"
    if that:
        j += 1
    rest = toks[j:]
    if len([x for x in rest if x.word]) < 3 or not (that or _clause_like(rest)):
        return None
    if cls == "report" and not that and p[0] not in REPORTING and p[0] not in ("swear", "swears", "swore") \
            and not _in("factive", p[0]) and not (rest[0].low in _SUBJECTS and _verb_like(rest[1], rest[0])):
        return None  # "she found the jar": only a few verbs take a bare clause ("found I was": a pronoun, a verb)
    return j


def _steered_mood(cls: str, p: tuple[str, ...], negs: int, steer: bool) -> str:
    """A factive verb takes its clause as given, denied or not ("they don't want you to *know* X",
    "few people know X": X is asserted; clauses.tsv factive); a belief someone wants you to hold
    is one the writer rejects ("sellers *want you to believe* X"; clauses.tsv steer)."""
    if _in("factive", p[0]):
        return ASSERT
    if steer and cls == "belief":
        return DENY
    return _frame_mood(cls, negs)


def _inner_frame(toks: list[Tok]) -> _Frame | None:
    """A frame further into the clause than :func:`_frame` looks, always closed by "that": "I had
    to be the bearer of bad news and point out that X", "a summary stating that X", "my
    doctor's view is that X" (a noun phrase and "is that": X is asserted, or denied when the
    noun phrase calls it false, "the myth is that X"), and a reporting verb with a clause of its
    own after it ("wording that suggested X"). Negated, it asserts nothing ("never said that
    X"), or denies when it is a belief ("did not think that X")."""
    firsts = _first_words(("report", "belief"))
    for k in range(1, len(toks) - 3):
        low = toks[k].low
        if low in _COPULAS and toks[k + 1].low == "that":
            head = toks[:k]
            if _clause_like(head) or not any(t.word for t in head) or len([t for t in toks[k + 2:] if t.word]) < 3:
                continue
            if any(_phrase_at(head, j, "deny-label") for j in range(len(head))):
                return _Frame(k + 2, DENY)
            # ("my doctor's view is that X" asserts X; "my hope is that X" asserts nothing)
            return _Frame(k + 2, ASSERT if any(_phrase_at(head, j, "assert-label") for j in range(len(head)))
                          else NONE)
        if low not in firsts or low == "that" or toks[k - 1].low in _ARTICLES and toks[k - 1].low != "that":
            continue  # ("the report", "a claim": a noun; "wording that suggested" is a verb)
        hit = next(((cls, p) for cls in ("belief", "report") if (p := _phrase_at(toks, k, cls))), None)
        if hit is None:
            continue
        cls, p = hit
        j = k + len(p)
        while j < len(toks) and j < k + len(p) + 2 and (_adverb(toks[j].low) or _in("listener", toks[j].low)):
            j += 1  # "says pretty bluntly that", "told me that"
        that = j < len(toks) and toks[j].low == "that"
        rest = toks[j + that:]
        if len([t for t in rest if t.word]) < 3 or not that and (
                not _clause_like(rest) or p[0] not in REPORTING or toks[k - 1].low not in ("that", "which", "who")):
            continue
        return _Frame(j + that, _frame_mood(cls, _denials(toks[:k])))
    return None


def _denials(toks: list[Tok]) -> int:
    """How many times the words before a frame's verb deny it: negators ("never said"), a verb of
    failing before "to" ("studies *failed to* show that X"; clauses.tsv failure), and "few" ("few
    doctors believe", clauses.tsv scarce; not "a few")."""
    return sum(_negator(t.low) or (_in("failure", t.low) and k + 1 < len(toks) and toks[k + 1].low == "to")
               or _scarce(toks, k) for k, t in enumerate(toks))


def _scarce(toks: list[Tok], k: int) -> bool:
    """"*few* doctors believe": a subject nearly empty denies (clauses.tsv scarce; not "a few")."""
    return _in("scarce", toks[k].low) and not (k and toks[k - 1].low in ("a", "quite"))


def _adverb(low: str) -> bool:
    """A word that can only modify ("bluntly", "pretty", "again"): an adverb to WordNet, no noun or verb."""
    senses = wordnet.entry(low).senses if low.isalpha() else ()
    return low.endswith("ly") or bool(senses) and all(s[0] in "ras" for s in senses) \
        and any(s[0] == "r" for s in senses)


def _before_frame_verb(toks: list[Tok], i: int) -> bool:
    """Token ``i`` is an auxiliary before a frame's verb ("she *is* saying", "I'*m* not claiming")."""
    if not _in("finite", toks[i].low):
        return False
    k = i + 1
    while k < len(toks) and _negator(toks[k].low):
        k += 1
    return k < len(toks) and toks[k].low in _first_words(_FRAMES)


def _asked_alternative(toks: list[Tok], sentence: str) -> list[Tok] | None:
    """"Can X really V, or is that a myth?": a question whose last alternative only calls the
    rest true or false ("or is that a myth", "or not") asks the rest; so does a statement that
    offers such an alternative ("X, or it's a myth"). Its words, else None."""
    words = [t for t in toks if t.word]
    if len(words) < 5:
        return None
    i = next((j for j in range(len(words) - 1, 2, -1) if words[j].low == "or"), None)
    if i is None:
        return None
    tail = words[i + 1:]
    if not is_question(sentence):
        if not tail or not _in("evaluation-subject", tail[0].low):
            return None
    elif len(tail) == 1 and _negator(tail[0].low):  # ("... or not?")
        return words[:i]
    found = next(((j, p) for j in range(len(tail))
                  if (p := _phrase_at(tail, j, "deny-label") or _phrase_at(tail, j, "agree-label"))), None)
    if found is None:
        return None
    label, p = found
    rest = tail[:label] + tail[label + len(p):]
    if all(_in("evaluation-subject", t.low) or _in("evaluation-word", t.low) for t in rest):
        return words[:i]
    return None


_OPEN_QUOTES = frozenset(('"', "\u201c", "\u2018", "'"))


def _quoted_after(toks: list[Tok], word: Tok) -> bool:
    """An opening quotation mark right after ``word``."""
    at = next((i for i, t in enumerate(toks) if t is word), -1)
    return 0 <= at < len(toks) - 1 and toks[at + 1].low in _OPEN_QUOTES


def _claim_judged(toks: list[Tok]) -> tuple[list[Tok], str] | None:
    """"The claim that X is false" (X, DENY); "the idea that X is true" (X, ASSERT): a noun for a
    claim, "that", the claim, and a verdict on it at the end (clauses.tsv claim-noun, deny-label,
    agree-label). None when the words are not so."""
    words = [t for t in toks if t.word]
    k = 1 if words[:1] and words[0].low in _ARTICLES | {"this", "any"} else 0
    sayer = _phrase_at(words, 0, "sayer-head")  # ("whoever says X is lying": the sayer is judged)
    if sayer:
        k, opens = 0, len(sayer)
    elif len(words) >= k + 6 and _in("claim-noun", words[k].low) and words[k + 1].low == "that":
        opens = 2
    elif len(words) >= k + 5 and _in("claim-noun", words[k].low) and _quoted_after(toks, words[k]):
        opens = 1  # ('the claim "X" is false': the quotation marks stand for "that")
    else:
        return None
    if words[k + opens:k + opens + 1] and words[k + opens].low == "that":
        opens += 1
    for j in range(len(words) - 2, k + opens + 1, -1):
        if words[j].low in _COPULAS:
            verdict = _evaluation(words[j:], relative=True)
            return (words[k + opens:j], verdict) if verdict is not None else None
    return None


def _quote_judged(toks: list[Tok]) -> tuple[list[Tok], str] | None:
    """('"X" is false': X, DENY; '"X" is true': X, ASSERT): a quotation and a verdict on it, the
    words after the closing mark only judging it; None when the words are not so."""
    if len(toks) < 5 or toks[0].low not in _QUOTE_MARKS:
        return None
    close = next((k for k in range(2, len(toks)) if toks[k].low in _QUOTE_MARKS), None)
    if close is None or close + 2 > len(toks):
        return None
    after = [t for t in toks[close + 1:] if t.word]
    if not after or after[0].low not in _COPULAS:
        return None
    verdict = _evaluation(after, relative=True)
    return (toks[1:close], verdict) if verdict is not None else None


def _head_frame(toks: list[Tok]) -> _Frame | bool | None:
    """A frame that opens with fixed words ("it's a myth that", "according to X,"): the frame,
    False when such words open the clause but frame nothing, None when there are none."""
    scarce = _scarce_evidence(toks)
    mood = DENY
    if scarce is None:
        scarce, mood = _impersonal_denial(toks) or (None, DENY)
    if scarce is not None and len(toks) - scarce >= 3:
        return _Frame(scarce, mood)
    for cls, mood in (("deny-head", DENY), ("wish-head", DENY), ("rhetorical-head", DENY), ("assert-head", ASSERT),
                      ("ask-head", ASK)):
        p = _phrase_at(toks, 0, cls)
        if p:
            if p == ("according", "to"):
                stop = _next_comma(toks, 2)
                return _Frame(stop + 1, ASSERT) if stop < len(toks) - 2 else False
            if len(toks) - len(p) >= 3:
                colon = len(p) < len(toks) and toks[len(p)].low == ":"
                return _Frame(len(p) + colon, mood)  # ("Fun fact: X": the colon is the frame's)
    return None


def _scarce_evidence(toks: list[Tok]) -> int | None:
    """"There's little / no real / not a shred of evidence that X": the tokens of such a head (an
    existential opener, a word of scarcity, at most two words describing the support, a noun for
    it, "that"; clauses.tsv existential, scarcity, evidence-noun), or None."""
    opener = _phrase_at(toks, 0, "existential")
    scarcity = _phrase_at(toks, len(opener), "scarcity") if opener else None
    if not opener or not scarcity:
        return None
    k = len(opener) + len(scarcity)
    for j in range(k, min(k + 3, len(toks) - 1)):
        if not toks[j].word:
            return None
        if _in("evidence-noun", toks[j].low):
            return j + 2 if toks[j + 1].low == "that" else None
    return None


def _impersonal_denial(toks: list[Tok]) -> tuple[int, str] | None:
    """"It is doubtful / unlikely / unproven that X", "it remains unproven that X", "it's a myth that
    X", "there is some doubt that X": the tokens of such a head and DENY, or None (clauses.tsv
    doubt-word, deny-label, seem-verb, doubt-noun). At most two words may stand before the word
    ("it is *still highly* unlikely that"). "There is little / no doubt that X" asserts X."""
    if not toks:
        return None
    if toks[0].low in ("it's", "it’s"):
        k = 1
    elif toks[0].low == "it" and len(toks) > 1 and (toks[1].low in _COPULAS or _in("seem-verb", toks[1].low)):
        k = 2
    else:
        opener = _phrase_at(toks, 0, "existential")
        if not opener:
            return None
        scarce = _phrase_at(toks, len(opener), "scarcity")
        for j in range(len(opener), min(len(opener) + 3, len(toks) - 1)):
            if _in("doubt-noun", toks[j].low):
                return (j + 2, ASSERT if scarce else DENY) if toks[j + 1].low == "that" else None
        return None
    for j in range(k, min(k + 3, len(toks) - 1)):
        p = _phrase_at(toks, j, "doubt-word") or _phrase_at(toks, j, "deny-label")
        if p:
            end = j + len(p)
            return (end + 1, DENY) if end < len(toks) and toks[end].low == "that" else None
        if not toks[j].word or _negator(toks[j].low):
            return None  # ("it's not unlikely that X": leave it)
    return None


def _that_frame(toks: list[Tok], start: int) -> _Frame | None:
    """After "and": a reporting or belief verb, perhaps its listener, then "that" ("My wife
    laughed and told me that X"): everything up to "that" frames X."""
    for i in range(start, min(len(toks) - 3, start + 4)):
        if not toks[i].word:
            return None
        p = next((q for cls in ("report", "belief") if (q := _phrase_at(toks, i, cls))), None)
        if p is None:
            continue
        j = i + len(p)
        if j < len(toks) and _in("listener", toks[j].low):
            j += 1
        if j < len(toks) and toks[j].low == "that" and len([t for t in toks[j + 1:] if t.word]) >= 3:
            return _Frame(j + 1, _frame_mood("report", _denials(toks[start:i])))
        return None
    return None



def _colon_frame(toks: list[Tok]) -> _Frame | None:
    """Words before a colon that introduce the clause after it ("It also mentioned something I
    didn't know: X", "Myth: X"): a frame. X is denied when the words name it false ("myth",
    "not true"), else asserted; a denial in the words ("I didn't know") is theirs, not X's."""
    c = next((k for k, t in enumerate(toks[:MAX_FRAME_SUBJECT + 5]) if t.low == ":"), None)
    if c is None or c == 0:
        return None
    rest = toks[c + 1:]
    if len([t for t in rest if t.word]) < 3 or not _clause_like(rest):
        return None
    label = toks[:c]
    if any(_phrase_at(label, k, "deny-label") for k in range(len(label))):
        return _Frame(c + 1, DENY)
    return _Frame(c + 1, ASSERT)


def _frame_mood(cls: str, negs: int) -> str:
    """What a frame of class ``cls`` with ``negs`` denials in it does to the clause it frames."""
    if cls == "deny":
        return ASSERT if negs % 2 else DENY
    if cls == "hope":
        return NONE  # "scientists hope X": a wish asserts nothing of X, denied or not
    if negs % 2 and cls == "belief":
        return DENY  # "I don't think X" denies X
    if negs % 2:
        return NONE  # "she never said X" asserts nothing about X
    return ASSERT


def _aux(low: str) -> bool:
    return low in ("do", "does", "did", "don't", "doesn't", "didn't", "would", "have", "has", "had",
                   "really", "honestly", "strongly", "still", "just", "also", "actually", "firmly")


# --------------------------------------------------------------------------- noun phrases


def _np_runs(toks: list[Tok]) -> tuple[list[list[Tok]], int]:
    """Runs of noun-phrase words, and the index of the first verb among ``toks`` (-1: none)."""
    runs: list[list[Tok]] = []
    cur: list[Tok] = []
    verb = -1
    for j, t in enumerate(toks):
        # (a word after a modal is its verb: "can *damage* your nerves")
        vl = _verb_like(t, toks[j - 1] if j else None) or bool(j and t.word and _in("modal", toks[j - 1].low))
        if vl and verb < 0:
            verb = j
        if not t.word or vl or t.low in _DETERMINERS or t.low in _PREPOSITIONS or _in("anecdote", t.low) \
                or _in("trailing", t.low) or t.low.endswith("ly") or _negator(t.low) \
                or t.low in lang().pronouns or _in("coordinator", t.low):
            if cur:
                runs.append(cur)
                cur = []
            if vl:
                runs.append([])  # a marker: the verb
            continue
        cur.append(t)
    if cur:
        runs.append(cur)
    return runs, verb


def _candidates(toks: list[Tok]) -> list[tuple[str, bool]]:
    """Noun phrases a later pronoun may stand for: (text, plural), subject first."""
    runs, verb = _np_runs(toks)
    out: list[tuple[str, bool]] = []
    seen_verb = False
    copula_after_subject = False
    for r in runs:
        if not r:
            if not seen_verb:
                seen_verb = True
                vtok = toks[verb] if verb >= 0 else None
                copula_after_subject = bool(out) and vtok is not None and vtok.low in _COPULAS
            continue
        if copula_after_subject and seen_verb:
            continue  # "Magnesium is a mineral": the predicate is the subject again
        head = r[-1]
        if _person(head.low):
            continue
        out.append((" ".join(t.text for t in r), _plural(head.text)))
    return out


# --------------------------------------------------------------------------- lists


def _before_floating(words: list[Tok], k: int) -> Tok | None:
    """The word before ``k``, over a floating quantifier ("A and B *all* cause Y": "B")."""
    j = k - 1
    if j >= 1 and _in("floating", words[j].low):
        j -= 1
    return words[j] if j >= 0 else None


def _parts(toks: list[Tok]) -> tuple[list[Tok], list[list[Tok]], list[Tok]] | None:
    """(before, items, after) of a list of two or more items joined by "and" or "or"."""
    words = [t for k, t in enumerate(toks) if t.low not in (".", "!", "?") or _decimal_point(toks, k)]
    joiners = [k for k, t in enumerate(words) if _in("list-joiner", t.low)]
    if not joiners:
        return None
    blockers = _first_words(("list-blocker",))
    # (before a joiner only: "between X and Y" names one link; "X and Y are among ..." is a list)
    if any(t.low in blockers and _phrase_at(words, k, "list-blocker") for k, t in enumerate(words[:joiners[-1]])):
        return None
    verb = next((k for k, t in enumerate(words) if _verb_like(t, _before_floating(words, k))
                 or _phrase_verb(words, k)), -1)
    if verb <= 0:
        return None
    first = joiners[0]
    if first < verb:  # a list in the subject
        region = (0, verb)
        # the auxiliary belongs to the predicate, and so does a floating "all" ("A and B (can) all V")
        while region[1] > 0 and (_aux(words[region[1] - 1].low) or _in("floating", words[region[1] - 1].low)):
            region = (0, region[1] - 1)
    else:  # a list in the object: it starts after the last verb or preposition before "and"
        start = first
        while start > verb and _item_word(words, start - 1):
            start -= 1
        while start > verb and words[start - 1].low == ",":
            # commas before the "and" separate earlier items
            k = start - 1
            while k > verb and _item_word(words, k - 1):
                k -= 1
            if k == start - 1:
                break
            start = k
        region = (_amount_start(words, start, verb, first), len(words))
    items: list[list[Tok]] = [[]]
    k = region[0]
    while k < region[1]:
        t = words[k]
        if t.low == "," or _in("list-joiner", t.low):
            if items[-1]:
                items.append([])
            k += 1
            continue
        items[-1].append(t)
        k += 1
    items = _shared_head([it for it in items if it])
    shared = _list_tail(items[-1]) if region[0] > 0 and items else []  # ("A and B a day": each a day)
    if shared:
        items[-1] = items[-1][:-len(shared)]
    if not 2 <= len(items) <= MAX_ITEMS or any(_item_length(it) > MAX_ITEM_WORDS for it in items):
        return None
    if any(_clause_like(it) for it in items):
        return None
    if region[0] > 0 and any(_verb_like(it[0]) for it in items[1:]):
        return None  # ("... relaxed my muscles and reduced my cramps": two verb phrases, not a list of objects)
    return words[:region[0]], items, shared + words[region[1]:]


def _amount_start(words: list[Tok], start: int, verb: int, joiner: int) -> int:
    """Where a list of objects starts when its items are amounts ("need 2.4 mg of B12 and 15 mg of
    E": the amount before "of" belongs to the first item, as the one after the joiner shows)."""
    if not (start > verb + 2 and words[start - 1].low == "of" and joiner + 1 < len(words)
            and words[joiner + 1].low[:1].isdigit()):
        return start
    j = start - 2
    while j - 1 > verb and (words[j - 1].low.isdigit() or words[j - 1].low == "."):
        j -= 1
    return j if j < start - 2 else start


def _decimal_point(toks: list[Tok], k: int) -> bool:
    """The "." of a number such as "2.4" (kept in a list item, where a full stop is not)."""
    return toks[k].low == "." and 0 < k < len(toks) - 1 and toks[k - 1].low.isdigit() and toks[k + 1].low.isdigit() \
        and toks[k - 1].end == toks[k].start and toks[k].end == toks[k + 1].start


def _item_length(item: list[Tok]) -> int:
    """Words of a list item, a number such as "2.4" one word."""
    return sum(1 for k, t in enumerate(item) if t.word and not (k > 1 and item[k - 1].low == "." and t.low.isdigit()))


def _list_tail(item: list[Tok]) -> list[Tok]:
    """The words at the end of a list's last item that hold for every item ("a day", "daily"):
    clauses.tsv list-tail; [] when there are none."""
    for p in lang().phrases.get("list-tail", ()):
        if len(item) > len(p) and tuple(t.low for t in item[-len(p):]) == p:
            return item[-len(p):]
    return []


def _shared_head(items: list[list[Tok]]) -> list[list[Tok]]:
    """"Deficiencies of B12, magnesium or calcium", "low levels of A and B": a plural noun and "of"
    before the first item belong to every item. (A singular one does not: "a lack of sleep and
    stress" lists a lack of sleep, and stress.)"""
    first = items[0] if items else []
    at = next((j for j in range(len(first) - 2, 0, -1) if first[j].low == "of"), None)
    if at is None or not _plural(first[at - 1].text) or any(t.low == "of" for it in items[1:] for t in it):
        return items
    return [first, *([*first[:at + 1], *it] for it in items[1:])]


def _phrase_verb(words: list[Tok], k: int) -> bool:
    """A relation phrase of more than one word starts at ``k`` and its first word is a verb ("stress
    and tiredness *bring on* twitches", "*lead to*"), not after a determiner."""
    from . import relations

    t = words[k]
    if not t.word or not wordnet.verb(t.low) or (k and words[k - 1].low in _DETERMINERS) \
            or not relations.table().phrases.get(stem(t.low)):
        return False
    window = [w.low for w in words[k:k + 4] if w.word]
    spans = relations.match([stem(w) for w in window], set(), window)
    return bool(spans) and spans[0].start == 0 and spans[0].end >= 2 \
        and relations.kind(spans[0].cls) in ("relation", "symmetric relation")  # (not "low levels of")


def _item_word(words: list[Tok], k: int) -> bool:
    """Word ``k`` may belong to an item of a list in the object: not a verb, a preposition or a
    comma, nor the verb after an auxiliary ("can *check* A and B")."""
    t = words[k]
    return t.word and not _verb_like(t, words[k - 1]) and t.low not in _PREPOSITIONS and t.low != "," \
        and not (_in("finite", words[k - 1].low) and wordnet.verb(t.low))


# --------------------------------------------------------------------------- reading


def _shared_determiner(items: list[list[Tok]]) -> list[list[Tok]]:
    """The items of a list, each with the determiner that opens the first when it belongs to
    all ("no vitamin or diet fixes it": no vitamin, and no diet), not when an item has its own."""
    first = items[0][0] if items and items[0] else None
    if first is None or not _in("list-determiner", first.low):
        return items
    return [items[0]] + [it if not it or it[0].low in _DETERMINERS else [first, *it] for it in items[1:]]


def _text(toks: list[Tok], sentence: str) -> str:
    """The words as written, with the sentence's own spacing where they are contiguous."""
    out = ""
    prev: Tok | None = None
    for t in toks:
        if prev is not None:
            if t.start >= prev.end > prev.start and prev.end <= len(sentence) and t.start <= len(sentence) \
                    and sentence[prev.end:t.start].strip() == "" and sentence[t.start:t.end] == t.text:
                out += sentence[prev.end:t.start]
            else:
                out += "" if t.low in (",", ".", "!", "?", ";", ":") else " "
        out += t.text
        prev = t
    return out


def read(sentence: str) -> tuple[Clause, ...]:
    """The clauses of a sentence, in order. One plain clause comes back as the whole sentence."""
    toks = tokens(sentence)
    if not toks:
        return ()
    if "," not in sentence and ";" not in sentence and ":" not in sentence and "(" not in sentence \
            and not any(t.low in _triggers() for t in toks):
        # nothing that opens a clause, a frame or a list: one plain clause (most sentences)
        last = toks[-1] if toks[-1].word or toks[-1].low == "?" else toks[max(len(toks) - 2, 0)]
        mood = ASK if sentence.rstrip().endswith("?") else ASSERT
        return (Clause(sentence.strip().rstrip(".!"), toks[0].start, last.end, mood),)
    toks = _without_naming(_without_openers(toks))
    asked = _asked_alternative(toks, sentence)
    if asked is not None:
        return (Clause(_text(asked, sentence), asked[0].start, asked[-1].end, ASK,
                       notes=("the alternative ('or is that a myth?') leaves it open: read as a question",)),)
    claimed = _claim_judged(toks)
    if claimed is not None and claimed[0]:
        content, mood = claimed
        return (Clause(_text(content, sentence), toks[0].start, toks[-1].end if toks[-1].word else toks[-2].end,
                       mood, frame=_text([t for t in toks if t.word][:2], sentence)),)
    toks, outer = _attributed(toks)
    segs, judged = _evaluated(_segments(toks))
    reading = _Reading(sentence, sentence.rstrip().endswith("?"), len(segs), outer=outer)
    read_segs = [(seg, _judged(c, judged.get(idx))) for idx, seg in enumerate(segs)
                 if (c := reading.clause(idx, seg)) is not None]
    return tuple(sorted(_effects(read_segs, sentence), key=lambda c: c.start))


def _evaluated(segs: list[_Seg]) -> tuple[list[_Seg], dict[int, str]]:
    """The segments without those that only judge the one before (", which is simply untrue",
    ", but that turned out to be false"), and {index of the judged segment: the judgement}."""
    targets: dict[int, tuple[int, str]] = {}  # evaluation segment -> (the segment it judges, how)
    for i, seg in enumerate(segs):
        relative = seg.kind == "relative"
        # (", but that turned out ...": the segmenter has read "that" as continuing a frame)
        words = [t for t in (seg.toks[1:] if relative else seg.toks) if t.word]
        verdict = _evaluation(words, relative or seg.inherit)
        if verdict is None and i and i == len(segs) - 1 and not relative:
            # (a last part with no subject that only labels the one before: "X, total nonsense.")
            verdict = _evaluation(words, True)
        if verdict is None:
            continue
        # (a relative segment comes before the clause it was cut from; any other after it)
        j = next((j for j in range(i + 1, len(segs)) if segs[j].kind != "relative"), None) if relative \
            else (i - 1 if i else None)
        if j is not None:
            targets[i] = (j, verdict)
    kept = [seg for i, seg in enumerate(segs) if i not in targets]
    new_index = {old: new for new, old in enumerate(i for i in range(len(segs)) if i not in targets)}
    judged = {new_index[j]: v for j, v in targets.values() if j in new_index}
    return kept, judged


def _evaluation(words: list[Tok], relative: bool) -> str | None:
    """DENY for words that only call the clause before false ("(which) is simply untrue", "but
    that turned out to be false", "and that's a myth"), ASSERT for words that only agree with it
    ("which is true"), else None."""
    k = 0
    while k < len(words) and _in("coordinator", words[k].low):
        k += 1
    if not relative:
        if k >= len(words) or not _in("evaluation-subject", words[k].low):
            return None
        k += 1
    elif k + 1 < len(words) and _in("evaluation-subject", words[k].low):
        # (", which it (simply) does not": a subject of its own and a bare denial judge the clause before)
        reply = next((j for j in range(k + 1, len(words)) if _phrase_at(words, j, "deny-reply")), None)
        if reply is not None:
            p = _phrase_at(words, reply, "deny-reply") or ()
            if all(_in("evaluation-word", t.low) for t in words[k + 1:reply] + words[reply + len(p):]):
                return DENY
    for cls, mood in (("deny-label", DENY), ("deny-reply", DENY), ("agree-label", ASSERT), ("agree-reply", ASSERT)):
        if cls in ("deny-reply", "agree-reply") and relative:
            continue  # (", which doesn't" continues a clause, it does not judge one)
        label = next((j for j in range(k, len(words)) if _phrase_at(words, j, cls)), None)
        if label is None:
            continue
        p = _phrase_at(words, label, cls) or ()
        if all(_in("evaluation-word", t.low) for t in words[k:label] + words[label + len(p):]):
            return mood
    return None


def _judged(c: Clause, judgement: str | None) -> Clause:
    """A clause the next one calls false is denied ("X, which is untrue"). After a frame, the
    judgement is of what the frame reports, whatever the frame made of it: "I used to think X,
    but it doesn't" denies X, "..., and it does" asserts it."""
    if judgement is not None and c.frame and c.mood in (ASSERT, DENY, NONE):
        if judgement == c.mood:
            return c
        note = "what follows calls it false" if judgement == DENY else "what follows says it is so"
        return replace(c, mood=judgement, notes=(*c.notes, note))
    if judgement != DENY or c.mood not in (ASSERT, DENY):
        return c
    return replace(c, mood=DENY if c.mood == ASSERT else ASSERT,
                   notes=(*c.notes, "what follows calls it false"))


def _existential(content: list[Tok]) -> list[Tok]:
    """"There is no diet and no pill that cures X" as "no diet and no pill cures X": the denied noun
    phrase is the subject of the relative clause after it (which must open with its verb: "there is
    no evidence that X cures Y" is left alone). Unchanged when it is not so."""
    if not content or content[0].low.replace("\u2019", "'") not in ("there's", "there"):
        return content
    k = 1 if content[0].low != "there" else 2
    if k == 2 and (len(content) < 2 or content[1].low not in ("is", "are", "was", "were")):
        return content
    if k >= len(content) or content[k].low != "no":
        return content
    rel = next((j for j in range(k + 1, min(len(content), k + 3 * MAX_ITEM_WORDS))
                if content[j].low in ("that", "which", "who")), None)
    if rel is None or rel + 1 >= len(content) or not _verb_like(content[rel + 1]) \
            or any(not t.word and t.low != "," or _verb_like(t) for t in content[k:rel]):
        return content
    return content[k:rel] + content[rel + 1:]


def _without_openers(toks: list[Tok]) -> list[Tok]:
    """The words without what opens a post or a reply and says nothing: "and yes, X", "nope, X",
    "omg ok. X", "wait, X" (``discourse`` words before a comma or a stop; ``opener`` words
    before any word). Quotes before the first word go too. Unchanged when fewer than three
    words would be left."""
    k = 0
    while k < len(toks):
        if toks[k].low in _QUOTES:
            k += 1
            continue
        p = _phrase_at(toks, k, "discourse")
        if p and k + len(p) < len(toks) and toks[k + len(p)].low in (",", ".", "!"):
            k += len(p) + 1
            continue
        p = _phrase_at(toks, k, "opener")
        if p and k + len(p) < len(toks) and toks[k + len(p)].word:
            k += len(p)
            continue
        break
    if k == 0 or len([t for t in toks[k:] if t.word]) < 3:
        return toks
    return toks[k:]


_QUOTES = frozenset("\"\u201c\u201d'\u2018\u2019")
MAX_ATTRIBUTION = 4  # words naming who said it ("she", "experts", "my neuro", "its chair")


def _attributed(toks: list[Tok]) -> tuple[list[Tok], tuple[str, str] | None]:
    """The words without an attribution set off by commas ("X," she said; "X, experts stressed";
    "X, she added, Y"; "X," said its chair, Malcolm Obi), and (its words, its mood): what a
    report frame does to every clause ("X, nobody said" asserts nothing, "X, I don't think"
    denies)."""
    commas = [k for k, t in enumerate(toks) if t.low == ","]
    for n, c in enumerate(commas):
        nxt = commas[n + 1] if n + 1 < len(commas) else len(toks)
        if not any(t.word for t in toks[:c]) or nxt == len(toks) and len([t for t in toks[:c] if t.word]) < 3:
            continue
        mood = _attribution(toks[c + 1:nxt])
        last = nxt == len(toks)
        if mood is None and not last and n + 2 == len(commas) or mood is None and last:
            # "said its chair, Malcolm Obi": a reporting verb first, then who (perhaps in apposition)
            mood = _attribution(toks[c + 1:], verb_first=True)
            last = mood is not None
        if mood is None:
            continue
        if last:
            frame = [t for t in toks[c + 1:] if t.word]
            kept = toks[:c]
        else:
            frame = [t for t in toks[c + 1:nxt] if t.word]
            follow = nxt + 1 < len(toks) and _in("coordinator", toks[nxt + 1].low)
            kept = toks[:c] + toks[nxt if follow else nxt + 1:]  # ("X, she said, and Y")
        return kept, (" ".join(t.text for t in frame), mood)
    return toks, None


def _attribution(stretch: list[Tok], verb_first: bool = False) -> str | None:
    """The mood an attribution gives ("she said", "experts stressed"; ``verb_first``: "said its
    chair, Malcolm Obi"), or None when the words are not one."""
    if verb_first:
        stretch = _without_apposition(stretch)
    words = [t for t in stretch if t.word]
    tail = next((j for j in range(2, len(words)) if _in("attribution-tail", words[j].low)
                 and any(_phrase_at(words, h, cls) for h in range(j) for cls in ("report", "belief"))), None)
    if tail is not None:  # ("..., experts warn as sales climb": when or why they said it)
        stretch = [t for t in stretch if t.start < words[tail].start]
        words = words[:tail]
    if any(not t.word and t.low not in _QUOTES and t.low not in ".!," for t in stretch):
        return None
    if not 2 <= len(words) <= MAX_ATTRIBUTION + 1 + verb_first * 3:
        return None
    k = 0 if verb_first else next((k for k, t in enumerate(words) if t.low in _first_words(("report", "belief"))), -1)
    if k < 0 or not verb_first and k == 0:
        return None
    hit = next(((cls, p) for cls in ("belief", "report") if (p := _phrase_at(words, k, cls))), None)
    if hit is None:
        return None
    cls, p = hit
    others = words[:k] + words[k + len(p):]
    if not verb_first and len(words) - k - len(p) > 1:
        return None  # ("..., she said it could": a clause of its own, not an attribution)
    if any(t.low == "that" or _in("coordinator", t.low) or _verb_like(t) and not _aux(t.low) and not _negator(t.low)
           for t in others):
        return None
    negs = sum(_negator(t.low) for t in others)
    return _frame_mood(cls, negs)


def _without_apposition(stretch: list[Tok]) -> list[Tok]:
    """"said Dr. Ada Moss, a consultant neurologist at a teaching hospital": who said it, without
    the last noun phrase after a comma that only says who that is (no verb in it, no further
    comma, opening with an article). Unchanged when there is none."""
    comma = max((k for k, t in enumerate(stretch) if t.low == ","), default=-1)
    appo = [t for t in stretch[comma + 1:] if t.word]
    if comma <= 0 or not appo or appo[0].low not in _ARTICLES or len(appo) > MAX_APPOSITION \
            or any(_verb_like(t, appo[j - 1] if j else None) or t.low == "that" or _in("relative", t.low)
                   for j, t in enumerate(appo)):
        return stretch
    return stretch[:comma]


MAX_APPOSITION = 10  # words of a noun phrase set after who said it ("a consultant neurologist in Bristol")


def _predicated(content: list[Tok]) -> list[Tok] | None:
    """"Vitamin K (90 mcg), essential for clotting", "Zinc, nature's helper, needed for healing":
    a name that opens the clause (a bullet's head), perhaps a noun phrase in apposition, then after
    a comma a describing word or past participle with a preposition, and no verb outside a relative
    clause: what is said of the name, read as "Vitamin K is essential for clotting". None when the
    words are not so."""
    commas = [k for k, t in enumerate(content) if t.low == ","]
    if not commas or not 1 <= commas[0] <= MAX_NAME:
        return None
    name = content[:commas[0]]
    k = commas[0] + 1
    if len(commas) > 1 and commas[1] - k <= MAX_NAME and all(t.word or t.low == "'" for t in content[k:commas[1]]) \
            and not any(_verb_like(t) for t in content[k:commas[1]]):
        k = commas[1] + 1  # ("Zinc, nature's helper, needed for ...": the apposition is left out)
    pred = content[k:]
    if len(pred) < 3 or not name[0].text[:1].isupper() or any(
            not t.word or _verb_like(t) or t.low in _SUBJECTS or _in("anecdote", t.low) or _person(t.low)
            or t.low in _DETERMINERS for t in name):
        return None
    head = pred[0].low
    if not (_describing(head) or head.endswith("ed") and wordnet.verb(head)) or pred[1].low not in _PREPOSITIONS:
        return None
    rel = next((j for j, t in enumerate(pred) if t.low == "that" or _in("relative", t.low)), len(pred))
    if any(not t.word and t.low not in ("-", "'") or _verb_like(t) for t in pred[1:rel]):
        return None
    verb = "are" if _plural(name[-1].text) else "is"
    at = content[commas[0]]
    return [*name, _tok(verb, verb, at.start, at.start), *pred]


MAX_NAME = 4  # words of a name before what is said of it ("Vitamin B12 (500 mcg), essential for ...")


def _describing(low: str) -> bool:
    """A word WordNet knows as a describing word (adjective) in one of its senses."""
    return any(s[:1] in ("a", "s") for s in wordnet.entry(low).senses)


def _without_specs(toks: list[Tok]) -> list[Tok]:
    """The words without a parenthesis that holds a number ("Magnesium (200 mg), ...", "I have HFS
    (left side, eleven years)"): a specification beside the claim, not part of it. A parenthesis
    of words ("surgery (microvascular decompression)") may name what the claim is about: kept."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        if toks[k].low == "(":
            close = next((j for j in range(k + 1, min(len(toks), k + 16)) if toks[j].low == ")"), None)
            if close is not None and any(t.low[:1].isdigit() for t in toks[k + 1:close]):
                k = close + 1
                continue
        out.append(toks[k])
        k += 1
    return out


MAX_NAMING = 8  # words of an aside that names what comes before it (", known as myokymia,")


def _without_naming(toks: list[Tok]) -> list[Tok]:
    """The words without an aside that only gives another name for what comes before it ("Eyelid
    flutters, known as myokymia, are harmless"; clauses.tsv naming): set between commas (or
    ending the sentence), it says nothing to check, and would split its clause in two."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        p = _phrase_at(toks, k + 1, "naming") if toks[k].low == "," and out else None
        if p:
            close = next((j for j in range(k + 1 + len(p), len(toks)) if not toks[j].word), len(toks))
            words = [t for t in toks[k + 1 + len(p):close] if t.word]
            if words and len(words) <= MAX_NAMING and (close == len(toks) or toks[close].low in (",", ".", "!")):
                k = close + 1 if close < len(toks) and toks[close].low == "," else close
                continue
        out.append(toks[k])
        k += 1
    return out


@dataclass
class _Reading:
    """What reading a sentence's clauses in order carries from one clause to the next."""

    sentence: str
    question: bool  # the sentence ends with "?"
    count: int  # clauses in the sentence
    before: list[list[Tok]] = field(default_factory=list)  # the clauses read so far
    last_frame: tuple[str, str] | None = None  # (frame words, mood) of the latest frame
    outer: tuple[str, str] | None = None  # (words, mood) of an attribution of the whole sentence

    def clause(self, idx: int, seg: _Seg) -> Clause | None:
        words = _without_specs(seg.toks)
        if not words:
            return None
        notes: list[str] = []
        if len(words) < len(seg.toks):  # (then the clause is not the sentence as it stands)
            notes.append("a number in brackets is a specification beside the claim: set aside")
        while words and not words[-1].word and words[-1].low not in ("?",):
            words = words[:-1]
        start = words[0].start
        if not words:
            return None
        end = words[-1].end
        frame_text, mood, content = self._framed(seg, _without_openers(words))
        if content and content[0].low in _QUOTE_MARKS and not any(t.low in _QUOTE_MARKS for t in content[1:]):
            content = content[1:]  # (a quote opened before a clause that ends inside it)
        quoted = _quote_judged(content) if frame_text else None
        if quoted is not None:  # ('she said "X" is false': what she said is that X is false)
            content, mood = quoted[0], _combine(mood, quoted[1])
        ends_q = bool(content) and content[-1].low == "?"
        rhetorical = bool(_phrase_at(_without_openers(words), 0, "rhetorical-head"))  # ("who still believes X?")
        if mood != NONE and not rhetorical and (ends_q or (self.question and (
                idx == self.count - 1 or is_question(_text(content, self.sentence))))):
            mood = ASK
        if content and not content[-1].word:
            content = content[:-1]
        existential = _existential(content)
        if existential is not content:
            content = existential
            notes.append("'there is no X that ...' read as 'no X ...'")
        if idx > 0:
            content = self._resolve_pronoun(content, notes)
        elif seg.kind == "main" and mood == ASSERT and not frame_text:
            said = _predicated(content)
            if said is not None:
                content = said
                notes.append("a name and what is said of it after a comma: read as 'X is ...'")
        if seg.kind == "relative":
            notes.append(f"a relative clause: its subject is '{seg.antecedent}'")
        self.before.append(content)
        text = _text(content, self.sentence)
        if mood == ASK and not text.endswith("?"):
            text += "?"
        if _anecdote(content):
            notes.append("an anecdote (one person's experience), read as the general claim it implies")
        parts: tuple[str, ...] = ()
        lst = _parts(content)
        if lst is not None:
            head, items, tail = lst
            tail = [t for t in tail[:1] if not _in("floating", t.low)] + tail[1:]  # ("A and B all V")
            parts = tuple(_text(head + it + tail, self.sentence) + ("?" if mood == ASK else "")
                          for it in _shared_determiner(items))
        return Clause(text, start, end, mood, seg.kind, frame_text, tuple(notes), parts)

    def _framed(self, seg: _Seg, words: list[Tok]) -> tuple[str, str, list[Tok]]:
        """(frame words, mood, the words after the frames): frames may nest ("I read that my
        doctor thinks X"); "..., and that X" continues the frame of the clause before."""
        mood = ASSERT
        frame_text = ""
        content = words
        wish = bool(_phrase_at(words, 0, "wish-head"))
        for n in range(2):
            f = _frame(content)
            if f is None and n == 0:
                f = _inner_frame(content)
            if f is None:
                break
            frame_text = (frame_text + " " if frame_text else "") + _text(content[:f.length], self.sentence)
            content = content[f.length:]
            # ("I wish I had known that X": the wish is about the knowing; X is taken as given)
            mood = f.mood if wish and n == 1 else _combine(mood, f.mood)
        if frame_text:
            self.last_frame = (frame_text, mood)
        elif seg.inherit and self.last_frame is not None:
            frame_text, mood = self.last_frame
        if self.outer is not None:  # ("X, she said": said of every clause)
            frame_text = f"{self.outer[0]} {frame_text}".strip()
            mood = _combine(self.outer[1], mood)
        if seg.kind == "condition" or seg.kind == "time" and not _clause_like(seg.toks):
            mood = NONE  # (a condition; a time with no verb, ", after a week", asserts nothing)
        return frame_text, mood, content

    def _resolve_pronoun(self, content: list[Tok], notes: list[str]) -> list[Tok]:
        """A subject pronoun stands for the one noun phrase named earlier that it can ("it's"
        too: the pronoun and "is")."""
        if not content:
            return content
        first, rest = content[0], content[1:]
        low, _, tail = first.low.replace("\u2019", "'").partition("'")
        if tail in _CONTRACTED and low in lang().pronouns:  # ("it's mainly found in ...")
            rest = [_tok(_CONTRACTED[tail], _CONTRACTED[tail], first.start, first.end), *rest]
        else:
            low = first.low
        if low not in lang().pronouns or not any(_verb_like(t) for t in rest[:3]):
            return content
        plural = lang().pronouns[low] == "plural"
        fits = [np for b in self.before for np, pl in _candidates(b) if pl == plural]
        if len(set(fits)) > 1 and self.before and any(_in("additive", t.low) or _phrase_at(rest, k, "additive")
                                                      for k, t in enumerate(rest)):
            # ("X can trigger Y; it can also cause Z": one more thing said of the subject before)
            last = _candidates(self.before[-1])
            fits = [last[0][0]] if last and last[0][1] == plural and _subject_first(self.before[-1]) else fits
        if len(set(fits)) != 1:
            return content
        np = fits[0]
        notes.append(f"read '{low}' as '{np}'")
        return [_tok(np, np.lower(), first.start, first.end)] + rest


def _subject_first(toks: list[Tok]) -> bool:
    """The clause opens with its subject: a noun phrase, then its verb (no opening adjunct)."""
    runs, verb = _np_runs(toks)
    return verb > 0 and bool(runs) and bool(runs[0]) and len(runs) > 1 and not runs[1]


# --------------------------------------------------------------------------- conditions as causes


def _effects(read_segs: list[tuple[_Seg, Clause]], sentence: str) -> list[Clause]:
    """"If A, B", "B when A": B is an effect of A when B names no relation of its own. The pair is
    read as one claim, "A can cause B" ("If you are low on magnesium, your face may twitch").
    Left as it is when either side is negated (A preventing B is not A not causing B), when B
    says what something is ("it could be HFS") or is asked, and after any other subordinator."""
    out = [c for _, c in read_segs]
    for k in range(len(read_segs) - 1):
        pair = read_segs[k:k + 2]
        conds = [(s, c) for s, c in pair if s.kind in ("condition", "time") and _in("cause-condition", s.opener)]
        effects = [(s, c) for s, c in pair if s.kind in ("consequence", "main") and c.mood == ASSERT and not c.frame]
        if len(conds) != 1 or len(effects) != 1:
            continue
        (cseg, cond), (_, effect) = conds[0], effects[0]
        words = [t for t in tokens(effect.text) if t.word]
        if not _bare_effect(words) or not _bare_effect([t for t in tokens(cond.text) if t.word], cause=True):
            continue
        kept = [t.text for t in words if not _in("modal", t.low)]
        if effect.start == 0 and kept and kept[0][1:].islower():
            kept[0] = kept[0].lower()  # "Your eyelid can twitch when ...": no longer the first word
        said = " ".join(kept)
        merged = Clause(f"{cond.text} can cause {said}", min(cond.start, effect.start), max(cond.end, effect.end),
                        ASSERT, "effect", "", (*cond.notes, *effect.notes,
                                               f"'{cseg.opener} A, B' read as 'A can cause B'"))
        out = [merged if c is effect else c for c in out if c is not cond]
    return out


def _comparative(low: str) -> bool:
    """A word that compares ("worse", "more", "weaker"): an effect with one says how a thing
    changes, which "A can cause B" would drop."""
    if _in("comparative", low):
        return True
    if not low.endswith("er") or wordnet.known(low) and low in wordnet.lemmas(low):
        return False  # "water", "after", "never": words of their own
    return any(lemma != low and any(sense[0] == "a" for sense in wordnet.entry(lemma).senses)
               for lemma in wordnet.lemmas(low))


def _short_of(words: list[Tok], k: int) -> bool:
    """The negator at ``k`` says how much there is ("if you *don't* get enough B12"): a word of
    sufficiency follows within two words, and the two read as a deficiency."""
    from . import language

    return any(t.low in language.words("sufficient") for t in words[k + 1:k + 3])


def _bare_effect(words: list[Tok], cause: bool = False) -> bool:
    """Words that can stand on one side of "can cause": no negation, no relation of their own (a
    condition that makes a claim, "if magnesium cures HFS", is a hypothesis), and for the effect
    no "is" ("it could be HFS")."""
    if not words or any(_negator(t.low) and not (cause and _short_of(words, k)) for k, t in enumerate(words)):
        return False
    if not cause and any(t.low in _COPULAS or _comparative(t.low) for t in words):
        return False  # ("gets worse when you're stressed": stress worsens it, not causes it)
    from . import relations

    stems = [stem(t.low) for t in words]
    table = relations.table()
    return not any(table.kinds.get(sp.cls) in ("relation", "symmetric relation")
                   for sp in relations.match(stems, set(), [t.low for t in words]))


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    """First words of everything that can make a sentence more than one plain clause."""
    # (the first words of lang().starts of these classes, read without building lang(): a plain
    # sentence, the most common, needs nothing more of it)
    classes = {"list-joiner", "reason", "contrast", "time", "condition", "report", "belief", "deny", "sayer-head",
               "deny-head", "wish-head", "rhetorical-head", "assert-head", "ask-head", "anecdote", "frame-closer",
               "existential", "hope"}
    out = {_tokens_low(entry)[0] for cls, entry in _entries() if cls in classes}
    out.update(w for w in REPORTING if w != "according")  # (lang() adds them to "report")
    return frozenset(out)


def _combine(outer: str, inner: str) -> str:
    if NONE in (outer, inner):
        return NONE
    return DENY if (outer == DENY) != (inner == DENY) else ASSERT


def _anecdote(toks: list[Tok]) -> bool:
    """One person's experience: a past-tense verb, and a possessive or first person around it."""
    past = any(t.low.endswith("ed") and wordnet.verb(t.low) or t.low in _IRREGULAR_PAST for t in toks)
    mine = any(_in("anecdote", t.low)
               and (k + 1 < len(toks) and not _person(toks[k + 1].low) or t.low in ("i", "we", "me"))
               for k, t in enumerate(toks))
    return past and mine


def plain(clauses: tuple[Clause, ...]) -> bool:
    """A sentence read as one plain assertion (no frame, list or note): checked as it stands."""
    return len(clauses) <= 1 and all(c.mood in (ASSERT, ASK) and not c.frame and not c.parts
                                     and not c.notes and c.kind == "main" for c in clauses)
