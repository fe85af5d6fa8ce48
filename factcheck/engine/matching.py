"""Judge a candidate claim: score the match, and abstain when it is not the same claim.

Candidates come from the index (``index.py``). Each candidate phrasing is compared term
by term — how much of the statement the claim covers and how much of the claim the statement
covers, weighted by rarity — and then held to gates that similarity alone would miss:

- concepts and numbers must agree both ways (another substance, condition or quantity is another
  claim; a broader concept in the claim covers a narrower one in the statement);
- a rare word in the statement may not stand where the claim has a different rare word
  ("magnesium cures migraines" is not "magnesium cures hemifacial spasm");
- roles must agree: what comes before the relation in the claim must not come after it in the
  statement ("hemifacial spasm cures magnesium").

A candidate that fails a gate is not a match, whatever its score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..records import NamedTuple
from . import language, lists, relations, wording, wordnet
from .analysis import Analysis, Term
from .index import Doc  # (defined with the index that stores it; named here too, for judge's callers)
from .lexicon import Lexicon
from .text import INTENSIFIERS, LINK_WORDS, MAJOR, UNIVERSAL_DETERMINERS, antonymy, has_antonyms, polar, stem
from .wording import Wording

_INTENSIFIER_STEMS = frozenset(stem(w) for w in INTENSIFIERS | UNIVERSAL_DETERMINERS)
_DETERMINER_STEMS = frozenset(stem(w) for w in UNIVERSAL_DETERMINERS)
_LINK_STEMS = frozenset(stem(w) for w in LINK_WORDS)
_MAJOR_STEMS = frozenset(stem(w) for w in MAJOR)
_SCOPE = language.words("scope-preposition")
_SCOPE_FREE = language.words("scope-free")
_ADJUNCT_OPENERS = language.words("adjunct-opener")
_DETERMINERS = language.words("determiner")
_VAGUE = {w: (float(lo), float(hi)) for w, span in language.pairs("vague-number") for lo, hi in [span.split("-")]}
_SCOPE_KINDS = language.words("scope-kind")
_SCOPE_ALL = language.words("scope-all")

if TYPE_CHECKING:
    from .index import Index

ACCEPT = 62.0  # a judged match below this score is no-match
BROADER_MATCH = 0.8  # credit for a statement term covered by a broader concept in the claim
EXTRA = 0.15  # share of a side's weight left unmatched that makes it say more than the other
SYNONYM_MATCH = 0.9  # credit for a statement word covered by a synonym in the claim


class Judgement(NamedTuple):
    doc: Doc
    score: float  # 0-100
    accepted: bool
    why_not: str = ""  # the gate it failed, in words, when not accepted
    notes: tuple[str, ...] = ()
    flipped: bool = False  # the statement uses the complement of a claim word ("different"/"same")
    broader: bool = False  # the claim is more general than the statement (a broader concept)
    general: bool = False  # the statement is more general than the claim ("treats" for "cures")
    links: tuple[str, ...] = ()  # general-knowledge links used, in words (for --explain)
    stronger: str = ""  # a word by which the statement claims more ("always"), if any


class Statement(NamedTuple):
    """The statement's side of every judgement, worked out once per statement."""

    query: Analysis
    terms: list[Term]  # unique by key, in order
    weights: dict[str, float]
    framed: bool  # some terms belong to a reporting frame
    keys: dict[str, Term]
    ancestors: dict[str, tuple[str, ...]]  # concept key -> its broader concepts' keys
    reach: frozenset[str]  # every claim key it could cover in any way but antonyms
    total: float
    words: tuple[tuple[str, float], ...]  # its word terms, heaviest first (for the quick bound)
    relation_weight: float  # of its relation terms
    mentioned: frozenset[str]  # its concepts another of its concepts names (see _cover_mentioned)
    narrower: dict[str, frozenset[str]]  # concept key -> the keys of its kinds (see _cover_narrower_claim)
    below: frozenset[str]  # all of those: claim concepts a broader statement concept may cover
    word_reach: tuple[frozenset[str], frozenset[str]]  # wordnet.reach of its words, united (see _cover_general)
    named: dict[str, bool]  # a claim concept's surface -> whether a word of it may name it (_word_may_name's memo)
    linked: dict[str, bool]  # a claim word's surface -> whether it may link to a word of it (_linkable's memo)
    opposable: tuple[frozenset[str], frozenset[str], bool]  # its words' lemmas, antonyms, any paired (_may_oppose)
    categories: frozenset[str]  # the broader concepts of its concepts (see _cover_exact)
    numbers: bool  # it has a number term
    listed: dict[str, frozenset[str]]  # a member of a list in the statement -> the other members


class ClaimSide(NamedTuple):
    """A phrasing's side: unique terms, by key, and weights (and what the quick bound needs)."""

    terms: list[Term]
    keys: dict[str, Term]
    weights: dict[str, float]
    total: float
    words: tuple[tuple[str, float], ...]  # its word terms, heaviest first
    others: tuple[tuple[str, float, bool, bool], ...]  # (key, weight, relation, general class)
    has_relation: bool
    listed: dict[str, frozenset[str]]  # a member of a list in the claim -> the other members
    qualifying: dict[str, str]  # a relation in a relative clause of the claim -> what follows it
    placed: dict[str, int]  # a word of the claim a placing preposition puts -> its group (wording.placed)
    modal: int  # wording.FORBIDS | wording.POSSIBLE
    own: str  # the claim's own text (wording.region_of: the place in the body it names)


def statement(query: Analysis, index: Index) -> Statement:
    """The statement's side, to pass to :func:`judge` for each candidate."""
    terms = _unique(query.terms)
    ancestors = {t.key: tuple(f"@{a}" for a in index.lexicon.ancestors(t.key[1:]))
                 for t in terms if t.kind == "concept"}
    weights = {t.key: index.weight(t) for t in terms}
    reach = frozenset(weights).union(*ancestors.values()) if ancestors else frozenset(weights)
    words = tuple(sorted(((t.key, weights[t.key]) for t in terms if t.kind == "word"), key=lambda kw: -kw[1]))
    lex = index.lexicon
    concepts = [t.key for t in terms if t.kind == "concept" and not t.relation]
    mentioned = frozenset(k for k in concepts if any(
        o != k and lex.mentions(o[1:], k[1:]) for o in weights if o[:1] == "@"))
    narrower = {t.key: frozenset(f"@{n}" for n in lex.narrower(t.key[1:])) for t in terms if t.kind == "concept"}
    below = frozenset().union(*narrower.values())
    reaches = [wordnet.reach(t.surface) for t in terms if t.kind == "word"]
    word_reach = (frozenset().union(*(own for own, _ in reaches)), frozenset().union(*(far for _, far in reaches)))
    keys = [(t, k) for t in terms if (k := _opposable_key(t)) is not None]
    sides = [wordnet.opposable(t.surface) for t, _ in keys]
    opposable = (frozenset().union(*(a for a, _ in sides)), frozenset().union(*(b for _, b in sides)),
                 any(has_antonyms(k) for _, k in keys))
    return Statement(query, terms, weights, any(t.frame for t in terms), {t.key: t for t in terms},
                     ancestors, reach, sum(weights.values()), words,
                     sum(weights[t.key] for t in terms if t.relation), mentioned, narrower, below,
                     word_reach, {}, {}, opposable, frozenset(a for t in terms for a in ancestors.get(t.key, ())),
                     any(t.kind == "number" for t in terms), _statement_list(query, lex))


def _statement_list(query: Analysis, lex: Lexicon) -> dict[str, frozenset[str]]:
    """The members of a list of things joined by "and" in the statement (not "or", whose members
    are alternatives, nor verbs: "are harmless and happen to many"; a word WordNet does not know,
    "vaping", may be a thing)."""
    text = query.normalised
    if " and " not in text:
        return {}
    listed = lists.members(text, query, lex)
    keys = {t.key: t for t in query.terms}
    if any(keys[k].kind == "word" and wordnet.known(w := keys[k].surface.lower()) and not wordnet.noun(w)
           for k in listed if k in keys):
        return {}
    return listed


def _unlisted(st: Statement, m: _Match) -> str:
    """A member of a list in the statement that the claim does not name, beside one it does:
    "smoking and radon cause lung cancer" says of radon what "smoking causes lung cancer" does
    not (natural logic: the statement claims more; each member must be met)."""
    for k, others in st.listed.items():
        if k not in m.q and not others.isdisjoint(m.q):
            return f"the statement names {st.keys[k].surface!r} in a list, and the claim does not"
    return ""


class ClaimSides:
    """Each phrasing's side, worked out on first use and kept (bounded) for the process."""

    LIMIT = 300_000

    def __init__(self, index: Index, wording: Callable[[Doc], Wording] | None = None) -> None:
        self.index = index
        self._memo: dict[tuple[int, int], ClaimSide] = {}
        self._wording = wording  # what a phrasing's own words say (engine/wording.py), when its text is known

    def __call__(self, doc: Doc) -> ClaimSide:
        key = (doc.claim, doc.phrasing)
        side = self._memo.get(key)
        if side is None:
            terms = _unique(doc.analysis.terms)
            weights = {t.key: self.index.weight(t) for t in terms}
            words = tuple(sorted(((t.key, weights[t.key]) for t in terms if t.kind == "word"),
                                 key=lambda kw: -kw[1]))
            others = tuple((t.key, weights[t.key], t.relation, bool(t.relation and relations.kind(t.key[1:])))
                           for t in terms if t.kind != "word")
            said = self._wording(doc) if self._wording is not None else wording.NONE
            side = ClaimSide(terms, {t.key: t for t in terms}, weights, sum(weights.values()), words,
                             others, any(t.relation for t in terms), said.listed, said.qualifying, said.placed,
                             said.modal, said.own)
            if len(self._memo) < self.LIMIT:
                self._memo[key] = side
        return side


class _Match:
    """How the statement's terms are covered by one phrasing's, built up step by step."""

    __slots__ = ("q", "covered", "pairs", "broader", "general", "links", "flipped", "refusal", "stronger")

    def __init__(self) -> None:
        self.q: dict[str, float] = {}  # statement key -> credit (1 exact, less through a link)
        self.covered: set[str] = set()  # claim keys covered
        self.pairs: dict[str, str] = {}  # statement key -> the claim key that covers it
        self.broader = False  # the claim is more general than the statement
        self.general = False  # the statement is more general than the claim
        self.links: list[str] = []
        self.flipped = False
        self.refusal = ""  # the first gate failed while covering, if any
        self.stronger = ""  # a statement word that claims more than the claim ("always")

    def cover(self, qt: Term, claim_key: str, credit: float) -> None:
        self.q[qt.key] = credit
        self.covered.add(claim_key)
        self.pairs[qt.key] = claim_key

    def refuse(self, reason: str) -> None:
        self.refusal = self.refusal or reason


def judge(query: Analysis | Statement, doc: Doc, index: Index,
          sides: ClaimSides | None = None) -> Judgement:
    """Score one phrasing against the statement and hold it to the gates.

    Pass the :class:`Statement` and a :class:`ClaimSides` when judging many candidates for one
    statement; a bare analysis works too (worked out afresh).
    """
    st = query if isinstance(query, Statement) else statement(query, index)
    side = (sides or ClaimSides(index))(doc)
    if not side.terms:
        return Judgement(doc, 0.0, False, "the statement has nothing to compare")
    quick = _cannot_accept(st, side, index, doc.analysis.majority)
    if quick is not None:
        return Judgement(doc, quick[0], False, quick[1])
    q_terms, q_keys = st.terms, st.keys
    if st.framed:  # (a reporting frame, "my doctor told me", is not part of the claim, unless the claim says it)
        q_terms = [t for t in st.terms if not t.frame or t.key in side.keys]
        q_keys = {t.key: t for t in q_terms}
    if not q_terms:
        return Judgement(doc, 0.0, False, "the statement has nothing to compare")
    m = _Match()
    _cover_exact(m, q_terms, q_keys, st, side.keys)
    _cover_narrower_claim(m, q_terms, side.terms, index.lexicon)
    _cover_mentioned(m, q_terms, index.lexicon)
    _cover_general(m, q_terms, side.terms, index.lexicon, st)
    if st.query.denies_link and st.query.negated:
        _cover_denied_link(m, q_terms, side.terms)
    if side.listed:
        _cover_listed(m, side, st.query, index.lexicon)
    if side.qualifying:
        _cover_qualifying(m, side)
    _antonyms(m, q_terms, side.terms, st)
    _sides_taken(m, q_terms, side.terms, doc, st.query.rarity)
    m.refuse(_said_otherwise(st.query, doc, side, index))
    total_q = st.total if q_terms is st.terms else sum(st.weights[t.key] for t in q_terms)
    cover_q = sum(st.weights[k] * c for k, c in m.q.items()) / total_q
    # (summed in the claim's order, not the set's: the same sum in every process)
    cover_d = sum(side.weights[t.key] for t in side.terms if t.key in m.covered) / side.total
    score = 100.0 * math.sqrt(cover_q * cover_d)
    notes: list[str] = []
    if any(c < 1.0 and q_keys[k].factor == 1.0 for k, c in m.q.items()):
        notes.append("read through a broader concept in the claim")
    failed = m.refusal or _too_little(side.terms, m) or _gates(st.query, q_terms, side, m, index, doc, st)
    if failed:
        return Judgement(doc, score, False, failed, tuple(notes))
    notes.extend(_direction(st.query, q_terms, side, m, index, doc))
    if st.query.narrowed:
        m.broader = True
        notes.append(f"the statement narrows its subject ('{st.query.narrowed}')")
    if m.stronger:
        m.broader = True
        notes.append(f"'{m.stronger}' claims more than the claim does: only a refuted claim settles it")
    if m.broader and _headline(side.terms):
        return Judgement(doc, score, False, "the claim's phrasing is a headline, which settles no narrower statement",
                         tuple(notes))
    if m.flipped:
        notes.append("a word of the statement is the complement of the claim's, so it denies it")
    why = "" if score >= ACCEPT else f"too little in common (score {score:.0f} < {ACCEPT:.0f})"
    return Judgement(doc, score, not why, why, tuple(notes), m.flipped, m.broader, m.general,
                     tuple(m.links), m.stronger)


def _cover_exact(m: _Match, q_terms: list[Term], q_keys: dict[str, Term], st: Statement,
                 d_keys: dict[str, Term]) -> None:
    """Statement terms the claim has, or covers through a broader concept of its lexicon. A
    statement concept that only names the category of another of its own ("calcium is *the
    mineral* your muscles need") says nothing more."""
    ancestors = st.ancestors
    whole = q_terms is st.terms  # (not a framed statement's terms without the frame: worked out once)
    named_categories = st.categories if whole else {a for t in q_terms for a in ancestors.get(t.key, ())}
    for t in q_terms:
        if t.key in d_keys:
            m.cover(t, t.key, t.factor)
            continue
        if t.kind == "concept" and t.key in named_categories:
            m.q[t.key] = t.factor
            continue
        if t.kind == "number":
            same = next((k for k in d_keys if k[:1].isdigit() and k not in m.covered and _same_amount(t.key, k)), None)
            if same is not None:
                m.cover(t, same, t.factor)  # ("300" and "over 300": a bound meets the bare number)
            continue
        if t.kind != "concept":
            continue
        for a in ancestors.get(t.key, ()):
            if a in d_keys:
                if a in q_keys:
                    # "animal foods like meat and fish": examples beside the category the
                    # statement itself names say nothing beyond it.
                    m.cover(t, a, t.factor)
                else:
                    m.cover(t, a, BROADER_MATCH * t.factor)
                    m.broader = True
                break
    if st.numbers if whole else any(t.kind == "number" for t in q_terms):
        _cover_range(m, q_terms, list(d_keys.values()))


def _cover_range(m: _Match, q_terms: list[Term], d_terms: list[Term]) -> None:
    """A number of the statement inside a range the claim gives ("men need 400 mg" against "400 to
    420 mg"): it meets the range, both ends."""
    numbers = [t for t in d_terms if t.kind == "number"]
    for lo, hi in zip(numbers, numbers[1:], strict=False):
        if hi.pos != lo.pos + 1 or (lo.key in m.covered and hi.key in m.covered):
            continue
        a, b = _value(lo.key), _value(hi.key)
        inside = next((t for t in q_terms if t.kind == "number" and a is not None and b is not None and a < b
                       and (v := _value(t.key)) is not None and a <= v <= b
                       and (t.key not in m.q or m.pairs.get(t.key) in (lo.key, hi.key))), None)
        if inside is not None:
            m.cover(inside, lo.key, inside.factor)
            m.covered.add(hi.key)


def _value(key: str) -> float | None:
    try:
        return float(key.rstrip("+-").replace(",", ""))
    except ValueError:
        return None


def _same_amount(a: str, b: str) -> bool:
    """A statement's number key ``a`` for the claim's ``b``: the same number, the claim's perhaps
    a bound ("over 300" says 300 loosely); not two opposite bounds ("over 300", "fewer than 300"),
    not a bound of the statement against an exact amount of the claim ("more than 2.4" is not
    2.4), and not an exact number ("exactly 300", "300=") against a bound."""
    sa, sb = a[-1:] if a[-1:] in "+-=" else "", b[-1:] if b[-1:] in "+-=" else ""
    if a.rstrip("+-=") != b.rstrip("+-=") or (sa and sb and sa != sb):
        return False
    return not (sa in ("+", "-") and not sb) and not (sa == "=" and sb in ("+", "-"))


def _cover_narrower_claim(m: _Match, q_terms: list[Term], d_terms: list[Term], lex: Lexicon) -> None:
    """A claim concept after the claim's relation that is a kind of a statement concept
    ("twitches" against the claim's "facial twitching"): the statement is more general. Only a
    claim whose core is true settles it (verdict.usable): facial twitching caused means
    twitching caused, not the reverse."""
    relation = next((t.pos for t in d_terms if t.relation), None)
    if relation is None:
        return
    for dt in d_terms:
        # (only what the relation acts on: "X causes twitches" is said by "X causes facial
        # twitching"; "vitamin K deficiency" is not said by "B12 deficiency")
        if dt.kind != "concept" or dt.relation or dt.key in m.covered or dt.pos < relation:
            continue
        ancestors = lex.ancestors(dt.key[1:])
        for t in q_terms:
            if t.kind == "concept" and t.key not in m.q and t.key[1:] in ancestors \
                    and not _modified(t, q_terms, d_terms):
                m.cover(t, dt.key, BROADER_MATCH * t.factor)
                m.general = True
                m.links.append(_LINK_WORDS["broader"].format(a=_name(t, lex), b=_name(dt, lex)))
                break


def _modified(t: Term, q_terms: list[Term], d_terms: list[Term]) -> bool:
    """A word of the statement right before or after ``t`` that the claim lacks ("flushing *in
    your legs*"): ``t`` is narrowed in a way the claim's narrower concept may not be."""
    claim_keys = {d.key for d in d_terms}
    return any(abs(o.pos - t.pos) == 1 and o.kind == "word" and o.key not in claim_keys and _content(o)
               for o in q_terms)


def _cover_mentioned(m: _Match, q_terms: list[Term], lex: Lexicon) -> None:
    """A statement concept the claim lacks but another matched concept of the statement names
    in its own terms ("the *muscles* in your face twitch": muscle twitching) adds nothing."""
    matched = [t.key[1:] for t in q_terms if t.kind == "concept" and t.key in m.q]
    for t in q_terms:
        if t.kind == "concept" and not t.relation and t.key not in m.q and any(
                lex.mentions(other, t.key[1:]) for other in matched):
            m.q[t.key] = t.factor


def _undoing(t: Term) -> bool:
    """A word (or a one-word concept's) that undoes or removes a thing (english.tsv undoing)."""
    word = t.surface.lower()
    return " " not in word and (word in _UNDOING or not _UNDOING.isdisjoint(wordnet.lemmas(word)))


def _cover_undoing(m: _Match, q_terms: list[Term], d_terms: list[Term]) -> None:
    """Two acts that undo a thing, each opening its side: "*fixing* a deficiency" says what
    "*correcting* a deficiency" does (the thing undone must still be met)."""
    first = min((t for t in q_terms if not t.frame), key=lambda t: t.pos, default=None)
    d_first = min(d_terms, key=lambda t: t.pos, default=None)
    if first is None or d_first is None or first.key in m.q or d_first.key in m.covered or first.key == d_first.key:
        return
    if first.kind != "number" and d_first.kind == "word" and _undoing(first) and _undoing(d_first):
        m.cover(first, d_first.key, first.factor)


def _cover_general(m: _Match, q_terms: list[Term], d_terms: list[Term], lex: Lexicon, st: Statement) -> None:
    """General English: a relation class that entails the claim's (or is entailed by it), and
    words WordNet relates (synonyms, derived forms, kinds of a thing); two opening acts that undo
    a thing (:func:`_cover_undoing`)."""
    _cover_undoing(m, q_terms, d_terms)
    linkable: set[str] | None = None  # the claim's words that may link to some word of the statement
    d_words: list[Term] = []
    linked: list[Term] = []  # (those of them in linkable, in order)
    d_surfaces: set[str] = set()
    for t in q_terms:
        if t.key in m.q or (t.kind != "word" and not t.relation):
            continue
        candidates = d_terms
        if t.kind == "word":
            if linkable is None:
                linkable = _linkable(d_terms, st)
                d_words = [dt for dt in d_terms if dt.kind == "word"]
                linked = [dt for dt in d_words if dt.surface in linkable]
                d_surfaces = {dt.surface for dt in d_words}
            # (only the claim's words a test below could let through, in the claim's order)
            candidates = [dt for dt in d_words if dt.surface == t.surface or dt.surface in linkable] \
                if t.surface in d_surfaces else linked
            if not candidates:
                continue
        own, far = wordnet.reach(t.surface) if t.kind == "word" else (frozenset(), frozenset())
        for dt in candidates:
            if dt.key in m.covered or dt.kind != t.kind or dt.relation != t.relation:
                continue
            if t.kind == "word" and t.surface != dt.surface:
                if linkable is not None and dt.surface not in linkable:
                    continue  # (it shares nothing with any word of the statement)
                d_own, d_far = wordnet.reach(dt.surface)
                if own.isdisjoint(d_far) and far.isdisjoint(d_own):
                    continue  # (nothing in common: no link, and the pair need not be asked)
            link = _link(t, dt, lex)
            if link is None:
                continue
            m.cover(t, dt.key, (1.0 if link == "same" else SYNONYM_MATCH if link == "synonym" else BROADER_MATCH)
                    * t.factor)
            m.broader = m.broader or link == "narrower"
            m.general = m.general or link == "broader"
            m.links.append(_LINK_WORDS[link].format(a=_name(t, lex), b=_name(dt, lex)))
            break
    _cover_concept_by_word(m, q_terms, d_terms, lex)
    _cover_vague_number(m, q_terms, d_terms)


def _cover_listed(m: _Match, side: ClaimSide, query: Analysis, lex: Lexicon) -> None:
    """Members of a list in the claim that the statement leaves out, beside one it names: "X can
    cause A, B and C" says "X can cause A", so the statement says less than the claim (natural
    logic: a supported claim settles it). Not when the statement lists a member of its own that
    the claim lacks ("X can cause D and A"). See engine/lists.py."""
    left_out = [k for k, others in side.listed.items() if k not in m.covered and not others.isdisjoint(m.covered)]
    if left_out and any(k not in m.q for k in lists.members(query.normalised, query, lex)):
        return
    if left_out:
        m.covered.update(left_out)
        m.general = True
        m.links.append("the claim lists more than the statement names: what it says of each, it says of these")


def _cover_qualifying(m: _Match, side: ClaimSide) -> None:
    """A relation that only qualifies a noun of the claim ("the compression *that causes* HFS"),
    which the statement leaves out while naming what it relates ("the compression in HFS"):
    nothing the claim says is missing. See engine/wording.py."""
    for key, after in side.qualifying.items():
        if key not in m.covered and after in m.covered:
            m.covered.add(key)


def _cover_denied_link(m: _Match, q_terms: list[Term], d_terms: list[Term]) -> None:
    """"X has nothing to do with Y" denies every relation between X and Y, the claim's too."""
    for t in d_terms:
        if t.relation:
            m.covered.add(t.key)
    for t in q_terms:
        if t.kind == "word" and t.key not in m.q and t.key in _LINK_STEMS:
            m.q[t.key] = t.factor


def _word_may_name(st: Statement, t: Term) -> bool:
    """A one-word concept of the claim that some word of the statement may mean in WordNet (they
    share what two words :func:`wordnet.same` relates must share): see _cover_concept_by_word."""
    if t.kind != "concept" or t.relation or " " in t.surface or not st.words:
        return False
    found = st.named.get(t.surface)
    if found is None:
        own, far = wordnet.reach(t.surface.lower())
        q_own, q_far = st.word_reach
        found = st.named[t.surface] = not (q_own.isdisjoint(far) and q_far.isdisjoint(own))
    return found


def _cover_concept_by_word(m: _Match, q_terms: list[Term], d_terms: list[Term], lex: Lexicon) -> None:
    """A statement word the lexicon does not know that means what a one-word concept of the claim
    is called there, in a frequent sense (WordNet: "loosen up" for "relax")."""
    # (the claim's one-word concepts, in its order; most claims have none left to cover)
    named = [dt for dt in d_terms if dt.kind == "concept" and not dt.relation and dt.key not in m.covered
             and " " not in dt.surface]
    if not named:
        return
    for t in q_terms:
        if t.kind != "word" or t.key in m.q:
            continue
        for dt in named:
            if dt.key not in m.covered and dt.surface != t.surface and wordnet.same(t.surface, dt.surface.lower()):
                m.cover(t, dt.key, SYNONYM_MATCH * t.factor)
                m.links.append(_LINK_WORDS["synonym"].format(a=_name(t, lex), b=_name(dt, lex)))
                break


def _cover_vague_number(m: _Match, q_terms: list[Term], d_terms: list[Term]) -> None:
    """A word for a round order of magnitude ("hundreds", english.tsv vague-number) covers a
    number of the claim in its range ("over 300"): the statement is the more general."""
    if not any(d.kind == "number" for d in d_terms):
        return
    for t in q_terms:
        if t.kind != "word" or t.key in m.q or t.surface.lower() not in _VAGUE:
            continue
        dt = next((d for d in d_terms if d.kind == "number" and d.key not in m.covered
                   and _vague(t.surface, d.key)), None)
        if dt is not None:
            m.cover(t, dt.key, BROADER_MATCH * t.factor)
            m.general = True
            m.links.append(f"'{t.surface}' includes {dt.surface}: the statement is more general")


def _vaguely_named(st: Statement, number: str) -> bool:
    """Some word of the statement names the order of magnitude of this number of the claim."""
    return any(_vague(t.surface, number) for t in st.terms if t.kind == "word" and t.surface.lower() in _VAGUE)


def _vague(word: str, number: str) -> bool:
    """The number lies in the range a word for an order of magnitude names ("hundreds": 100 to 999)."""
    span = _VAGUE.get(word.lower())
    value = _value(number) if span is not None else None
    return value is not None and span is not None and span[0] <= value <= span[1]


def _linkable(d_terms: list[Term], st: Statement) -> set[str]:
    """The surfaces of the claim's words that share something with some word of the statement
    (as two words :func:`wordnet.link` relates must): one test for each claim word instead of
    one for each pair of words."""
    own, far = st.word_reach
    memo = st.linked  # (a claim and its aliases share words)
    out = set()
    for dt in d_terms:
        if dt.kind == "word":
            found = memo.get(dt.surface)
            if found is None:
                d_own, d_far = wordnet.reach(dt.surface)
                found = memo[dt.surface] = not (own.isdisjoint(d_far) and far.isdisjoint(d_own))
            if found:
                out.add(dt.surface)
    return out


def _opposable_key(t: Term) -> str | None:
    """The word stem a term's antonyms are asked of: a word's own, or a one-word concept's
    (a curated 'temporary' is still the opposite of 'permanent'); None for anything else."""
    if t.kind == "word":
        return t.key
    if t.kind == "concept" and not t.relation and t.surface.isalpha():
        return stem(t.surface)
    return None


def _may_oppose(st: Statement, d_terms: list[Term]) -> bool:
    """Some word of the claim may be the opposite of some word of the statement (else
    :func:`_antonyms` finds nothing): both have an antonym in english.tsv, or the lemmas of one
    meet the antonyms WordNet gives the other (what :func:`wordnet.opposite` asks)."""
    lemmas, antonyms, paired = st.opposable
    for dt in d_terms:
        key = _opposable_key(dt)
        if key is not None:
            if paired and has_antonyms(key):
                return True
            d_lemmas, d_antonyms = wordnet.opposable(dt.surface)
            if not (lemmas.isdisjoint(d_antonyms) and antonyms.isdisjoint(d_lemmas)):
                return True
    return False


def _antonyms(m: _Match, q_terms: list[Term], d_terms: list[Term], st: Statement) -> None:
    """A complement of a claim word covers it and denies it; a contrary is another claim."""
    if not _may_oppose(st, d_terms):
        return
    opposing: list[Term] | None = None  # the claim's words that have an antonym in WordNet
    for qt in q_terms:
        q_key = _opposable_key(qt)
        if q_key is None or qt.key in m.q:
            continue
        paired, opposes = has_antonyms(q_key), wordnet.opposes(qt.surface)
        if not (paired or opposes) and opposing is None:
            opposing = [dt for dt in d_terms if _opposable_key(dt) is not None and wordnet.opposes(dt.surface)]
        # (a word with no antonym of either kind can only be the opposite of a claim word that
        # has one in WordNet)
        for dt in d_terms if paired or opposes else opposing or ():
            d_key = _opposable_key(dt)
            if d_key is None or dt.key in m.covered:
                continue
            kind = antonymy(q_key, d_key) if paired and has_antonyms(d_key) else None
            if kind == "complementary":
                m.cover(qt, dt.key, qt.factor)
                m.flipped = not m.flipped
                break
            # (a pair where neither word has an antonym in WordNet is not asked about)
            if kind == "contrary" or ((opposes or wordnet.opposes(dt.surface))
                                      and wordnet.opposite(qt.surface, dt.surface)):
                m.refuse(f"'{qt.surface}' is the opposite of '{dt.surface}'")


def _sides_taken(m: _Match, q_terms: list[Term], d_terms: list[Term], doc: Doc, seldom: bool = False) -> None:
    """Words that take a side must be met: the claim's (reduce, high, ineffective), the
    statement's that deny (different, unsafe), and the statement's that claim more ("the main
    cause", "always", "permanently")."""
    for t in q_terms:
        if t.kind == "word" and t.key not in m.q and polar(t.key, complementary_only=True):
            m.refuse(f"'{t.surface}' changes the meaning and the claim does not say it")
    for t in d_terms:
        if t.kind == "word" and t.key not in m.covered and polar(t.key) and not _adverb(t):
            m.refuse(f"the claim says '{t.surface}' and the statement does not")
    if not seldom:
        for t in q_terms:  # ("makes children *less* hyperactive": the other way; not "less commonly")
            if t.kind == "word" and t.key not in m.q and t.key in _LESS_STEMS:
                m.refuse(f"'{t.surface}' turns the statement the other way and the claim does not say it")
    for t in q_terms:
        if t.kind == "word" and t.key not in m.q and t.key in _INTENSIFIER_STEMS:
            if t.key in _MAJOR_STEMS and doc.analysis.majority:
                m.q[t.key] = t.factor  # "the main cause" meets "usually caused by"
                continue
            # "X always cures Y", "the only cure": the statement entails the claim, so it is
            # settled only by a claim that is refuted (natural logic), like a narrower statement.
            m.stronger = m.stronger or t.surface
            if t.key in _DETERMINER_STEMS:
                m.q[t.key] = t.factor  # (a stop word elsewhere: it marks the claim stronger, it weighs nothing)


_LESS = language.words("less")
_LESS_STEMS = frozenset(stem(w) for w in _LESS)
_MAJORITY = language.words("majority")
_OFTEN = language.words("frequent")


def _how_often(query: Analysis, seldom: bool) -> str:
    """A statement that says a thing happens seldom ("rarely", "occasionally") against a claim
    whose text does not say so (``seldom``: see Index.seldom), or one that says "often" or
    "usually" against a claim that says "seldom": they say different things of how often
    (english.tsv rarity, frequent)."""
    if query.rarity and not seldom:
        return "the statement says how seldom it happens; the claim does not"
    if seldom and query.frequent and not query.rarity:
        return "the claim says it happens seldom; the statement says often"
    return ""


def _said_otherwise(query: Analysis, doc: Doc, side: ClaimSide, index: Index) -> str:
    """How often, compared with what, placed where: what the statement says of its thing that the
    claim does not, in words that are no terms ("" when nothing)."""
    return (_how_often(query, index.seldom(doc.claim)) or _comparison(query, doc.analysis)
            or _placed_otherwise(query, side.placed))


def _comparison(query: Analysis, claim: Analysis) -> str:
    """A statement that compares its thing with another ("more than radon does") says what a claim
    that compares with nothing does not."""
    if query.compared and not claim.compared:
        return "the statement compares it with another thing ('than ...'); the claim does not"
    return ""


def _placed_otherwise(query: Analysis, claim: dict[str, int]) -> str:
    """The statement places something in time or space otherwise than the claim: the same word
    after a preposition of another meaning ("stretching *after* exercise" against "*before*
    exercise"), or a preposition that excludes one of the claim's wherever it stands ("consult a
    doctor *after* starting" against "*before* taking"; english.tsv placing, placing-opposite).
    A statement with no such preposition says less, which is no reason to refuse."""
    if not claim:
        return ""
    theirs = set(claim.values())
    for word, group in _placed_words(query.normalised).items():
        other = claim.get(word)
        if other is None:
            other = next((g for g in sorted(theirs) if wording.opposite_places(group, g)), None)
        if other is not None and other != group:
            return (f"the statement says '{wording.place_name(group)}' where the claim says "
                    f"'{wording.place_name(other)}'")
    return ""


@lru_cache(maxsize=4096)
def _placed_words(normalised: str) -> dict[str, int]:
    return wording.placed(normalised.split())


def _headline(d_terms: list[Term]) -> bool:
    """A phrasing of plain words with no verb or relation ("Lana Newstrom, Invisible Artist": an
    imported fact-check's headline): it names a story, it does not state one that a narrower
    statement could be read from."""
    return all(t.kind == "word" and not wordnet.verb(t.surface.lower()) for t in d_terms)


def _too_little(d_terms: list[Term], m: _Match) -> str:
    """One word in common, or a phrasing of two terms ("Pink Lady", "Hanged Goat": a fact-check's
    headline kept as an alias), is too little to tell which claim a statement makes."""
    if len(d_terms) < 3 and all(t.kind == "word" for t in d_terms):
        return f"the claim's phrasing has too few words to match on ({len(d_terms)})"
    if len(m.covered) < 2 and all(t.kind == "word" for t in d_terms if t.key in m.covered):
        return "one word in common is too little to tell which claim it is"
    return ""


def _gates(query: Analysis, q_terms: list[Term], side: ClaimSide, m: _Match, index: Index,
           doc: Doc | None = None, st: Statement | None = None) -> str:
    """The first gate the candidate fails, in words, or ''."""
    d_terms = side.terms
    lex = index.lexicon
    unlisted = _unlisted(st, m) if st is not None else ""
    if unlisted:
        return unlisted
    # Concepts and numbers agree both ways (a year one side names and the other does not only
    # narrows the claim: see _direction).
    for t in d_terms:
        if t.kind in ("concept", "number") and t.key not in m.covered and not _year(t):
            return f"the claim is about {_name(t, lex)}; the statement is not"
    for t in q_terms:
        if t.kind in ("concept", "number") and t.key not in m.q and not _year(t):
            return f"the statement is about {_name(t, lex)}; the claim is not"
    d_years = {t.key for t in d_terms if _year(t) and t.key not in m.covered}
    q_years = {t.key for t in q_terms if _year(t) and t.key not in m.q}
    if d_years and q_years:
        return f"the statement is about {', '.join(sorted(q_years))}; the claim about {', '.join(sorted(d_years))}"
    subject = _missing_subject(d_terms, m)
    if subject is not None:
        return f"the claim is about {_name(subject, lex)}; the statement is not"
    act = _act_on_subject(q_terms, m)
    if act:
        return f"the statement speaks of {act} what the claim names"
    elsewhere = _elsewhere_in_body(query, q_terms, side.own, m)
    if elsewhere:
        return f"the statement places it in the '{elsewhere}', which is not where the claim does"
    act = _act_on_subject(d_terms, m, claim=True)
    if act:
        return f"the claim speaks of {act} what the statement names"
    group = _amount_of_another_group(q_terms, d_terms, m, lex)
    if group:
        return f"the amount is the claim's figure for {group}"
    twice = _named_on_both_sides([t for t in query.terms if not t.frame], doc.analysis.terms) if doc is not None else ""
    if twice:
        return f"the claim names {twice} on both sides of its relation; the statement does not"
    # No word standing where the claim has a different word, nor one relating what the claim equates.
    clash = _substitution(q_terms, d_terms, m.pairs, m.covered) or _relating_word(query, q_terms, d_terms, m)
    if clash:
        return clash
    # Roles agree (a denied link has no direction: "A plays no role in B" denies any tie).
    if not (query.denies_link and query.negated) and not _roles_agree(q_terms, d_terms, m.pairs, lex,
                                                                       doc.analysis.normalised if doc else ""):
        return "the same words in different roles"
    extra = _argument_where_claim_has_none(q_terms, d_terms, m.q, index)
    if extra:
        return f"the statement says who or what ('{extra}') where the claim does not"
    return ""


def _direction(query: Analysis, q_terms: list[Term], side: ClaimSide, m: _Match,
               index: Index, doc: Doc) -> list[str]:
    """Natural logic: a statement that narrows the claim with a modifier ("low doses of
    magnesium cause cramps" against "magnesium can cause cramps") is narrower; a claim that says
    much the statement does not is narrower than the statement. Either way only one direction
    of the claim's verdict carries over (see verdict.usable). So with "should not X" against
    "should X": the two are contraries, not each other's denial (neither holds when X is merely
    allowed), so a true one refutes the other and a false one settles nothing. Returns notes."""
    notes = []
    if query.majority and not doc.analysis.majority and not query.negated and not m.stronger \
            and side.modal & wording.POSSIBLE:
        # ("Y is mainly caused by X" against "X can cause Y": it claims more)
        tokens = query.normalised.split()
        # (a word of how much, not of how often, "commonly": english.tsv frequent; nor "less commonly")
        m.stronger = next((w for k, w in enumerate(tokens) if w in _MAJORITY and w.endswith("ly")
                           and w not in _OFTEN and not (k and tokens[k - 1] in _LESS)), "")
    if (doc.analysis.majority or doc.analysis.frequent or doc.analysis.rarity) and not query.negated and not m.stronger:
        every = next((w for w in query.normalised.split() if w in _SCOPE_ALL), None)
        if every is not None:  # ("everyone with HFS has ..." against "in most cases", "often": it claims more)
            m.stronger = every
    if _deontic_denial(query) and not doc.analysis.negated:
        m.general = True
        notes.append("'should not' is not the denial of 'should': only a claim that it should be done settles it")
    elif side.modal & wording.FORBIDS and not query.negated:
        m.broader = True
        notes.append("'should' is not the denial of the claim's 'should not': only a true claim settles it")
    if query.limit >= 0 and any(t.tok > query.limit and t.key not in m.q and _content(t) for t in q_terms):
        m.broader = True
        notes.append("the statement limits the claim to some cases ('if', 'when')")
    if any(_year(t) and t.key not in m.q for t in q_terms):
        m.broader = True
        notes.append("the statement names a year the claim does not")
    if any(_year(t) and t.key not in m.covered for t in side.terms):
        m.general = True
        notes.append("the claim names a year the statement does not")
    restricted = _restrictive(query, q_terms, m.q, index)
    if restricted:
        m.broader = True
        notes.append(f"the statement narrows the claim ('{restricted}')")
    extra = sum(side.weights[t.key] for t in side.terms if t.key not in m.covered and _content(t))
    if extra / side.total >= EXTRA:
        m.general = True
        notes.append("the claim says more than the statement")
    return notes


def _cannot_accept(st: Statement, side: ClaimSide, index: Index, doc_majority: bool) -> tuple[float, str] | None:
    """(score, reason) when this phrasing cannot be accepted whatever the finer rules find.

    An upper bound of the score: every claim term the statement could cover exactly, through a
    broader concept, an entailed relation or a denied link counts as covered on both sides, and
    each remaining word on one side may be covered by one remaining word on the other (a synonym,
    an antonym): the heaviest k of each, k the fewer of the two. If even that scores below
    ACCEPT, the full judgement is skipped; most candidates for most sentences of a scanned
    document end here. The score given is that of the exact overlap.
    """
    link = st.query.denies_link and st.query.negated
    sure_d, free_d = _claim_bound(st, side, link)
    d_keys = side.keys
    if st.framed:
        sure_q, total_q, free_q = _statement_bound_slow(st, side, link, doc_majority)
    else:
        # (walked from the claim's side, which is short: a scanned sentence has many terms)
        total_q = st.total
        sure_q = st.relation_weight if side.has_relation else 0.0
        weights, q_keys = st.weights, st.keys
        for key in d_keys:
            kw = weights.get(key)
            if kw is not None and not (side.has_relation and q_keys[key].relation):
                sure_q += kw
        # (the tests of _names_a_kind_of, in place: this runs for every candidate phrasing)
        mentioned, narrower, no_keys = st.mentioned, st.narrower, d_keys.keys().isdisjoint
        for key, ancestors in st.ancestors.items():
            if key not in d_keys and (not no_keys(ancestors) or key in mentioned or (
                    key in narrower and not no_keys(narrower[key]))):
                sure_q += weights[key]
        free_q = []
        wanted = len(free_d)  # (only the heaviest that many count below)
        # (a word that is surely covered may come later)
        others = link or doc_majority or not _DETERMINER_STEMS.isdisjoint(q_keys)
        for key, w in st.words:
            if key in d_keys:
                continue
            if (link and key in _LINK_STEMS) or (doc_majority and key in _MAJOR_STEMS) or key in _DETERMINER_STEMS:
                sure_q += w
            elif len(free_q) < wanted:
                free_q.append(w)
            elif not others:
                break
    k = min(len(free_d), len(free_q))
    if k:
        sure_d += sum(free_d[:k])
        sure_q += sum(free_q[:k])  # (heaviest first already)
    if total_q and 100.0 * math.sqrt(min(1.0, sure_d / side.total) * min(1.0, sure_q / total_q)) >= ACCEPT:
        return None
    q_keys = st.keys
    shared = [t.key for t in side.terms if t.key in q_keys]
    cover_d = sum(map(side.weights.__getitem__, shared)) / side.total
    cover_q = sum(map(st.weights.__getitem__, shared)) / st.total if st.total else 0.0
    score = 100.0 * math.sqrt(cover_q * cover_d)
    missing = next((t for t in side.terms if _unreachable(st, side, t)), None)
    if missing is not None:
        return score, f"the claim is about {_name(missing, index.lexicon)}; the statement is not"
    return score, f"too little in common (score {score:.0f} < {ACCEPT:.0f})"


def _unreachable(st: Statement, side: ClaimSide, t: Term) -> bool:
    """A concept or number of the claim that nothing in the statement could cover."""
    return t.kind in ("concept", "number") and t.key not in st.reach and not t.relation and not (
        t.kind == "concept" and t.key in st.below) and not (
        t.key in side.listed and _sibling_reached(st, side.listed[t.key])) and not _word_may_name(st, t) \
        and not (t.kind == "number" and (_vaguely_named(st, t.key) or any(
            q.kind == "number" and _same_amount(q.key, t.key) for q in st.terms)))


def _claim_bound(st: Statement, side: ClaimSide, link: bool) -> tuple[float, list[float]]:
    """The claim's side of the quick bound: the weight the statement can surely cover, and the
    weights of the claim's other words (heaviest first)."""
    sure_d = 0.0
    free_d: list[float] = []
    listed = side.listed
    for key, w, relation, general in side.others:
        if key in st.reach or key in st.below or general or (link and relation) or key in side.qualifying or (
                key in listed and _sibling_reached(st, listed[key])):
            sure_d += w
        elif key[:1].isdigit() and any(q.kind == "number" and _same_amount(q.key, key) for q in st.terms):
            sure_d += w  # ("300" and "over 300": _cover_exact)
        elif _word_may_name(st, side.keys[key]) or (key[:1] != "@" and _vaguely_named(st, key)) or (
                st.opposable[2] and _may_oppose(st, [side.keys[key]])):
            # (a word of the statement may mean it, or be its opposite: _cover_concept_by_word,
            # _cover_vague_number, _antonyms)
            free_d.append(w)
    for key, w in side.words:
        if key in st.reach or (key in listed and _sibling_reached(st, listed[key])):
            sure_d += w
        else:
            free_d.append(w)
    free_d.sort(reverse=True)
    return sure_d, free_d


def _sibling_reached(st: Statement, others: frozenset[str]) -> bool:
    """Some other member of a claim's list that the statement may cover."""
    return not others.isdisjoint(st.reach) or not others.isdisjoint(st.below) or any(
        k[:1] != "@" for k in others)  # (a plain word may be covered by a synonym: not known here)


def _names_a_kind_of(st: Statement, key: str, d_keys: dict[str, Term]) -> bool:
    """A statement concept that some claim concept is a kind of (it may cover that one)."""
    return not st.narrower.get(key, frozenset()).isdisjoint(d_keys)


def _statement_bound_slow(st: Statement, side: ClaimSide, link: bool,
                          doc_majority: bool) -> tuple[float, float, list[float]]:
    """The statement's side of the quick bound when a reporting frame may be set aside."""
    d_keys = side.keys
    sure_q = total_q = 0.0
    free_q: list[float] = []
    for t in st.terms:
        w = st.weights[t.key]
        if t.frame and t.key not in d_keys:
            continue
        total_q += w
        if t.key in d_keys or (t.relation and side.has_relation) or (
                t.kind == "concept" and any(a in d_keys for a in st.ancestors.get(t.key, ()))) or (
                t.key in st.mentioned) or (
                link and t.key in _LINK_STEMS) or (doc_majority and t.key in _MAJOR_STEMS) or (
                t.kind == "word" and t.key in _DETERMINER_STEMS) or (
                t.kind == "concept" and _names_a_kind_of(st, t.key, d_keys)):
            sure_q += w
        elif t.kind == "word":
            free_q.append(w)
    free_q.sort(reverse=True)
    return sure_q, total_q, free_q


_LINK_WORDS = {
    "synonym": "{a} read as {b} (same meaning)",
    "same": "{a} read as {b} (the knowledge base's own word for it)",
    "narrower": "{a} is a kind of {b}: the claim is more general",
    "broader": "{b} is a kind of {a}: the statement is more general",
}


def _link(t: Term, dt: Term, lex: Lexicon) -> str | None:
    """How a statement term relates to a claim term it does not equal, by general knowledge.

    'synonym', 'narrower' (the statement's is the narrower: "cures" for "treats"), 'broader',
    or None when they are simply different; 'same' for a general class the lexicon folds into
    the concept ("cut * down", reduce, for a lexicon whose "treat" says "reduce").
    """
    if t.relation:
        a, b = t.key[1:], dt.key[1:]
        if lex.folds(a, b) or lex.folds(b, a):
            return "same"
        if relations.entails(a, b) or relations.converse(a, b):
            return "narrower"
        if relations.entails(b, a) or relations.converse(b, a):
            return "broader"
        return None
    return wordnet.link(t.surface, dt.surface)


def _unique(terms: Sequence[Term]) -> list[Term]:
    seen: set[str] = set()
    out = []
    for t in terms:
        if t.key not in seen:
            seen.add(t.key)
            out.append(t)
    return out


def _name(t: Term, lex: Lexicon) -> str:
    return f"'{lex.name(t.key[1:])}'" if t.kind == "concept" else f"'{t.surface}'"


def _missing_subject(d_terms: list[Term], m: _Match) -> Term | None:
    """A noun the claim names before everything the statement matched, which the statement
    lacks: what the claim is about ("Magnesium helps muscles relax" is not settled by "muscles
    cannot relax"). Without a lexicon a claim's subject is a plain word, not a concept, and would
    otherwise count only as "the claim says more"."""
    covered = {t.pos for t in d_terms if t.key in m.covered}
    if not covered:
        return None
    first = min(covered)
    before = [t for t in d_terms if t.pos < first]
    # A verb must stand between the noun and what was matched: nouns right before a matched term
    # name it more fully ("*vitamin* B12", "the *search engine* Ecosia") and are no subject.
    for k, t in enumerate(before):
        if t.kind == "word" and t.key not in m.covered and _content(t) and wordnet.noun(t.surface.lower()) \
                and any(u.kind == "word" and wordnet.verb(u.surface.lower()) for u in before[k + 1:]):
            return t
    return None


def _strong(t: Term, index: Index) -> bool:
    """A word rare enough in the knowledge base to name a thing of its own."""
    return t.kind != "word" or index.idf(t.key) >= 0.5 * index.max_idf


def _elsewhere_in_body(query: Analysis, q_terms: list[Term], own: str, m: _Match) -> str:
    """A part of the body the statement places the thing in, after an adjunct opener ("twitching
    *in the legs*"), that is not in the place the claim's ``own`` text names (wording.region_of:
    "facial", the face; WordNet part holonyms): the word, or ""."""
    region: frozenset[str] | None = None  # (read from the claim only when the statement names a part)
    tokens = query.normalised.split()
    for t in q_terms:
        if t.kind != "word" or t.key in m.q or t.tok < 1:
            continue
        j = t.tok - 1
        while j > 0 and tokens[j] in _DETERMINERS:
            j -= 1
        word = t.surface.lower()
        if tokens[j] in _ADJUNCT_OPENERS and word not in wording.EVERYWHERE \
                and wordnet.part_of(word, wording.body(), strict=True):
            region = wording.region_of(own) if region is None else region
            if region and not wordnet.part_of(word, region):
                return t.surface
    return ""


def _deontic_denial(a: Analysis) -> bool:
    """Says what must or should not be done ("adults should not drink ...", english.tsv deontic)."""
    return a.negated and bool(wording.modal(a.normalised.split()) & wording.FORBIDS)


def _content(t: Term) -> bool:
    """A term that names something: a slot filled by another one is another claim.

    Rarity does not matter ("childhood" and "adult" are common words in a knowledge base that
    rates the same claim for both); adverbs ("properly", "indirectly") name nothing.
    """
    return not _adverb(t) and not (t.kind == "word" and relations.light(t.key))


def _restrictive(query: Analysis, q_terms: list[Term], q_match: dict[str, float],
                 index: Index) -> str:
    """A statement word the claim lacks that narrows one of the claim's things: "*low* doses
    of magnesium", "*severe* cramps". In English such a modifier stands right before the thing
    it narrows (light words such as "doses of" may come between). Words after the thing
    (adjuncts: "from food", "around the eyes") do not count, nor words that neither the
    knowledge base nor WordNet knows (slang, typos)."""
    tokens = query.normalised.split()
    starts = {t.tok: t for t in q_terms if t.tok >= 0}
    for t in q_terms:
        if t.key in q_match or t.kind != "word" or t.tok < 0 or not _content(t):
            continue
        if not (index.df.get(t.key) or wordnet.known(t.surface)):
            continue
        j = t.tok + 1
        while j < len(tokens) and j - t.tok <= 3 and relations.light(stem(tokens[j])):
            j += 1
        if j > t.tok + 1 and j < len(tokens) and tokens[j] == "of":
            j += 1  # "low doses of magnesium"
        head = starts.get(j)
        if head is not None and head.key in q_match and not head.relation:
            return t.surface
        if t.tok > 0 and tokens[t.tok - 1] in _SCOPE and _scoped(t, q_terms, q_match):
            return f"{tokens[t.tok - 1]} {t.surface}"
    # ("in everyone": a stop word, so no term of its own)
    last = max((t.tok for t in q_terms if t.key in q_match and not t.relation), default=len(tokens))
    every = next((k for k in range(last + 1, len(tokens)) if tokens[k] in _SCOPE_ALL and tokens[k - 1] in _SCOPE), None)
    return "" if every is None else f"{tokens[every - 1]} {tokens[every]}"


def _scoped(t: Term, q_terms: list[Term], q_match: dict[str, float]) -> bool:
    """A word the claim lacks after a preposition of scope ("in dogs", "for athletes"), after
    the matched things it would narrow, that names living beings (english.tsv scope-kind, WordNet's
    class of its first noun sense): it says of whom the claim holds. ("Tingling in the lips" names where a symptom is
    felt, which a claim about the symptom is taken to cover.)"""
    word = t.surface.lower()
    return word not in _SCOPE_FREE and wordnet.category(word) in _SCOPE_KINDS and any(
        o.key in q_match and not o.relation and o.tok < t.tok for o in q_terms)


def _anchors(terms: list[Term], matched: dict[str, str],
             acts: bool = False) -> dict[str, tuple[str | None, str | None]]:
    """For each unmatched content term, the matched terms either side of it (as claim keys).

    With ``acts`` (the statement's side), a light verb in -ing holds a place when it is all there
    is between relations: "*drinking* causes insomnia" names an act of its own, where "drinking
    coffee" names the coffee."""
    ordered = [t for t in sorted(terms, key=lambda t: t.pos)
               # ("only", "always", "quickly" qualify a claim; they do not hold a place in it)
               if not (t.kind == "word" and (t.key in _INTENSIFIER_STEMS or _adverb(t)))]
    out: dict[str, tuple[str | None, str | None]] = {}
    left: str | None = None
    pending: list[str] = []
    for k, t in enumerate(ordered):
        if t.key in matched:
            for key in pending:
                out[key] = (out[key][0], matched[t.key])
            pending = []
            left = matched[t.key]
        elif _content(t) or (acts and t.kind == "word" and t.surface.endswith("ing") and _alone(ordered, k)):
            out[t.key] = (left, None)
            pending.append(t.key)
    return out


def _alone(ordered: list[Term], k: int) -> bool:
    """The term at ``k`` has no thing beside it: a relation or nothing on either side."""
    return all(not (0 <= j < len(ordered)) or ordered[j].relation for j in (k - 1, k + 1))


def _substitution(q_terms: list[Term], d_terms: list[Term], pairs: dict[str, str],
                  covered_d: set[str]) -> str:
    """A statement word standing where the claim has a different word: another claim.

    Two unmatched words stand in one place when the same matched word comes just before both,
    or just after both ("copper cures *recurrent* bursitis", "copper cures *seasonal* bursitis").
    """
    q_at = _anchors(q_terms, pairs, acts=True)
    d_at = _anchors(d_terms, {k: k for k in covered_d})
    if not q_at or not d_at:
        return ""
    for qk, (ql, qr) in q_at.items():
        for dk, (dl, dr) in d_at.items():
            if (ql is not None and ql == dl) or (qr is not None and qr == dr):
                qt = next(t for t in q_terms if t.key == qk)
                dt = next(t for t in d_terms if t.key == dk)
                return f"'{qt.surface}' stands where the claim has '{dt.surface}'"
    return ""


def _relating_word(query: Analysis, q_terms: list[Term], d_terms: list[Term], m: _Match) -> str:
    """A phrasing with no relation ("Facial twitching is hemifacial spasm": the one is the other;
    "You can get vitamin D from sunlight") against a statement with a noun of its own and "of"
    between the things they share ("... is a *symptom of* hemifacial spasm"), a comparison ("more
    *serious than*"), or a verb of its own there ("vitamin D *makes* sunlight"): the statement
    relates them otherwise."""
    if any(t.relation or t.kind != "concept" for t in d_terms):
        return ""  # (only a claim that equates things its lexicon names: an import's words may relate anyhow)
    tokens = query.normalised.split()
    matched = [t.pos for t in q_terms if t.key in m.pairs]
    if len(matched) < 2:
        return ""
    lo, hi = min(matched), max(matched)
    for t in q_terms:
        # (a verb only against a phrasing of two things: then the verb would be the whole claim)
        if lo < t.pos < hi and t.kind == "word" and t.key not in m.q and _content(t) and not _adverb(t) and (
                0 <= t.tok < len(tokens) - 1 and tokens[t.tok + 1] in ("of", "than")
                or len(d_terms) == 2 and _verb_form(t.surface)):
            return f"the statement relates them by '{t.surface}'; this phrasing of the claim does not"
    return ""


def _verb_form(word: str) -> bool:
    """An inflected verb ("makes", "made", "means"), which says what one thing does to another."""
    low = word.lower()
    return (low.endswith(("s", "ed")) or bool(wordnet.irregular(low))) and wordnet.verb(low) \
        and not relations.light(stem(low))


def _roles_agree(q_terms: list[Term], d_terms: list[Term], pairs: dict[str, str], lex: Lexicon,
                 claim_text: str = "") -> bool:
    """Terms on either side of the claim's relation stay on that side in the statement (each
    statement term compared where the claim term that covers it stands)."""
    shared = [(t, pairs[t.key]) for t in q_terms if t.key in pairs]
    if len(shared) < 2:
        return True
    d_pos = {t.key: t.pos for t in d_terms if not _adverb(t)}
    relations_shared = [(t, k) for t, k in shared if t.relation and k in d_pos]
    if relations_shared:
        # Every relation the two share is a pivot: what stands before it in the claim must
        # stand before it in the statement ("you need calcium to absorb vitamin D" is not
        # "vitamin D is needed to absorb calcium"; "men absorb DNA from women" is not "women
        # absorb DNA from men").
        for qr, dk in relations_shared:
            if lex.symmetric(dk[1:]) or lex.symmetric(qr.key[1:]):
                continue  # "A is linked to B" is "B is linked to A" (and is said by "B causes A")
            # ("X benefits Y" read through "Y needs X": the sides swap, see relations.converse)
            a, b = qr.key[1:], dk[1:]
            swapped = a != b and (relations.converse(a, b) or relations.converse(b, a))
            for t, k in shared:
                if t.relation or _adverb(t) or k not in d_pos:
                    continue  # (an adverb such as "indirectly" may stand anywhere)
                if ((d_pos[k] < d_pos[dk]) != (t.pos < qr.pos)) != swapped:
                    return False
        return True
    # No shared relation: a claim of one verb ("dogs chase cats") has it as the pivot instead,
    # and the nearest shared term on each side of it must stay on that side ("the joint is
    # inflamed by crystals" is not "crystals inflame the joint").
    verb = _single_verb(d_terms, claim_text)
    pivot = next(((t, k) for t, k in shared if k == verb and k in d_pos), None)
    if pivot is not None:
        qv, dv = pivot
        near = [(t, k) for t, k in shared if t is not qv and k in d_pos and k != dv and not _adverb(t)]
        before = max((tk for tk in near if d_pos[tk[1]] < d_pos[dv]), key=lambda tk: d_pos[tk[1]], default=None)
        after = min((tk for tk in near if d_pos[tk[1]] > d_pos[dv]), key=lambda tk: d_pos[tk[1]], default=None)
        return (before is None or before[0].pos < qv.pos) and (after is None or after[0].pos > qv.pos)
    if _things_swap_around_a_word(shared, d_pos):
        return False
    # Nor that: the matched terms must not come mostly in reverse order.
    seq = [d_pos[k] for t, k in sorted(shared, key=lambda tk: tk[0].pos) if k in d_pos]
    n_pairs = concordant = 0
    for i in range(len(seq)):
        for j in range(i + 1, len(seq)):
            n_pairs += 1
            concordant += seq[i] < seq[j]
    return n_pairs == 0 or concordant / n_pairs > 0.34


def _things_swap_around_a_word(shared: list[tuple[Term, str]], d_pos: dict[str, int]) -> bool:
    """A shared word between two shared things of the claim has them the other way round in the
    statement: the thing before it now stands after it and the thing after it before ("calcium
    transports magnesium" against "magnesium helps transport calcium")."""
    things = [(t, k) for t, k in shared if t.kind == "concept" and not t.relation and k in d_pos]
    if len(things) < 2:
        return False
    for w, k in shared:
        if w.kind != "word" or _adverb(w) or k not in d_pos:
            continue
        before = max((x for x in things if d_pos[x[1]] < d_pos[k]), key=lambda x: d_pos[x[1]], default=None)
        after = min((x for x in things if d_pos[x[1]] > d_pos[k]), key=lambda x: d_pos[x[1]], default=None)
        if before is not None and after is not None and before[0].pos > w.pos > after[0].pos:
            return True
    return False


def _single_verb(d_terms: list[Term], claim_text: str) -> str | None:
    """The key of the claim's one word that can only be a verb, if it has exactly one and it is
    no reduced passive ("Numbers *Assigned by* Race", a headline: its roles are turned)."""
    verbs = [t for t in d_terms if t.kind == "word" and _verb_only(t.surface.lower())]
    if len(verbs) != 1 or f" {verbs[0].surface.lower()} by " in f" {claim_text} ":
        return None
    return verbs[0].key


_UNDOING = language.words("undoing")


def _amount_of_another_group(q_terms: list[Term], d_terms: list[Term], m: _Match, lex: Lexicon) -> str:
    """The claim gives amounts for several groups of people ("women need 75-90 mg and men 90-120
    mg"): the statement's amount must be the one given for its group. The group of a claim's
    amount is the nearest one named before it; a statement that names a group of the claim and
    the other group's amount ("women need 90-120 mg") says what the claim does not."""
    said = {t.key for t in q_terms}
    nums = [t for t in d_terms if t.kind == "number" and t.key in said]
    if not nums:  # (most pairs share no number: the groups need not be looked for)
        return ""
    groups = [t for t in d_terms if _people(t, lex)]
    if len({g.key for g in groups}) < 2 or not any(g.key in said for g in groups):
        return ""
    last = max(nums, key=lambda t: t.pos)  # (a repeated number's key stands at its last place)
    owner = max((g for g in groups if g.pos < last.pos), key=lambda g: g.pos, default=None)
    return _name(owner, lex) if owner is not None and owner.key not in said else ""


def _people(t: Term, lex: Lexicon) -> bool:
    """A term for a group of people ("women", "adult men"): a lexicon population, or a word
    WordNet's classes name a person."""
    if t.kind == "concept":
        return lex.kind(t.key[1:]) == "population"
    return t.kind == "word" and wordnet.category(t.surface.lower()) == "person"


def _named_on_both_sides(q_terms: list[Term], d_all: Sequence[Term]) -> str:
    """A word the claim names before and after its relation ("flu vaccines cause the flu"): the
    statement must name it on both sides too ("flu vaccines cause colds" names another effect,
    though every word of the claim's appears in it)."""
    rel = next((t.pos for t in d_all if t.relation), None)
    q_rel = next((t.pos for t in q_terms if t.relation), None)
    if rel is None or q_rel is None:
        return ""
    before = {t.key for t in d_all if t.pos < rel and not t.relation}
    after = {t.key for t in d_all if t.pos > rel and not t.relation}
    q_before = {t.key for t in q_terms if t.pos < q_rel}
    q_after = {t.key for t in q_terms if t.pos > q_rel}
    both = before & after
    missing = next((k for k in sorted(both) if not (k in q_before and k in q_after)), None)
    return f"'{missing.lstrip('@')}'" if missing is not None and both <= (q_before | q_after) else ""


def _act_on_subject(terms: list[Term], m: _Match, claim: bool = False) -> str:
    """An opening verb that undoes or removes a thing, which the other side does not say, before
    the subject: "*correcting* a magnesium deficiency", "*giving up* caffeine" is an act on
    the thing, not the thing ("magnesium deficiency causes twitching" says nothing of correcting
    it; english.tsv undoing). ``terms`` are the statement's, or with ``claim`` the claim's."""
    if claim:
        first = min(terms, key=lambda t: t.pos, default=None)
        if first is None or first.kind != "word" or first.key in m.covered:
            return ""
    else:
        first = min((t for t in terms if not t.frame), key=lambda t: t.tok, default=None)
        if first is None or first.kind != "word" or first.key in m.q:
            return ""
    return f"'{first.surface.lower().replace('_', ' ')}'" if _undoing(first) else ""


def _verb_only(word: str) -> bool:
    """A word that can only be a verb here: WordNet knows it as a verb and not as a noun
    ("inflame"), or it is a verb's "-ed" form ("signed"; not "causes", "seed")."""
    return wordnet.verb(word) and (not wordnet.noun(word) or (word.endswith("ed") and len(word) > 5))


def _year(t: Term) -> bool:
    """A number that reads as a year (1800-2099): it dates a claim rather than quantifying it."""
    return t.kind == "number" and len(t.key) == 4 and t.key.isdigit() and 1800 <= int(t.key) <= 2099


def _adverb(t: Term) -> bool:
    return t.kind == "word" and t.surface.endswith("ly")


def _argument_where_claim_has_none(q_terms: list[Term], d_terms: list[Term],
                                   q_match: dict[str, float], index: Index) -> str:
    """A rare statement word on a side of a shared relation where the claim has no terms at all.

    "Zinc cures HFS" against "There is no cure for HFS": the claim names no subject, the
    statement does, so it is a more particular claim than the one the knowledge base rates. In a
    claim of several relations, a side ends at the next relation: "a blood vessel pressing *on
    the heart* causes HFS" names what is pressed where "neurovascular compression causes HFS"
    names nothing.
    """
    d_rel = sorted((t for t in d_terms if t.relation), key=lambda t: t.pos)
    q_rel = sorted(t.pos for t in q_terms if t.relation)
    inf = float("inf")
    for k, dr in enumerate(d_rel):
        qr = next((t for t in q_terms if t.key == dr.key), None)
        if qr is None:
            continue
        one = len(d_rel) == 1  # (then a side is everything before or after the relation)
        lo_d, hi_d = (d_rel[k - 1].pos if k else -inf), (d_rel[k + 1].pos if k + 1 < len(d_rel) else inf)
        lo_q = -inf if one else max((p for p in q_rel if p < qr.pos), default=-inf)
        hi_q = inf if one else min((p for p in q_rel if p > qr.pos), default=inf)
        d_before = any(lo_d < t.pos < dr.pos and not t.relation for t in d_terms)
        d_after = any(dr.pos < t.pos < hi_d and not t.relation for t in d_terms)
        for t in q_terms:
            if t.relation or t.key in q_match or not _strong(t, index) or t.surface.endswith("ly"):
                continue  # (an adverb such as "sadly" names no one)
            if not one and t.kind == "word" and not wordnet.noun(t.surface.lower()):
                continue  # (between two relations, only a noun names who or what: not "vascular")
            if (lo_q < t.pos < qr.pos and not d_before) or (qr.pos < t.pos < hi_q and not d_after):
                return t.surface
    return ""
    q_rel = next((t for t in q_terms if t.key == d_rel[0].key), None)
    if q_rel is None:
        return ""
    d_before = any(t.pos < d_rel[0].pos and not t.relation for t in d_terms)
    d_after = any(t.pos > d_rel[0].pos and not t.relation for t in d_terms)
    for t in q_terms:
        if t.relation or t.key in q_match or not _strong(t, index) or t.surface.endswith("ly"):
            continue  # (an adverb such as "sadly" names no one)
        if (t.pos < q_rel.pos and not d_before) or (t.pos > q_rel.pos and not d_after):
            return t.surface
    return ""
