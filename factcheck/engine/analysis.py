"""Turn a statement (or a claim) into the terms the matcher compares.

Steps, each a general mechanism: tokens (``text``) → typo and split-word repair against the
knowledge base's vocabulary → concepts from the lexicon → negation cues → passive voice turned
active ("HFS is caused by X" → "X caused HFS", so roles line up) → content terms (concepts,
numbers, stemmed words), with stop words and negation cues removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache

from ..lazyre import lazy
from ..records import NamedTuple, dataclass
from . import language, relations, wordnet
from .lexicon import Lexicon
from .text import (
    FREQUENT,
    LINK_WORDS,
    MAJORITY,
    RARITY,
    REPORTING,
    STOPWORDS,
    UNIVERSAL_DETERMINERS,
    is_question,
    negation_cues,
    stem,
    tokenise,
)

MAX_TOKENS = 400  # a statement longer than this is read only up to here
MAX_CHARS = 20_000  # (and never more characters than this)


class Term(NamedTuple):
    key: str  # "@concept-id", a number, or a word stem
    kind: str  # "concept" | "number" | "word"
    surface: str  # the words it came from
    pos: int  # order among the content terms (after passive voice is made active)
    relation: bool = False  # a concept of kind "relation" (cure, cause, treat, ...)
    factor: float = 1.0  # < 1 when read through a typo correction
    frame: bool = False  # part of a reporting frame ("my doctor told me that"), not of the claim
    tok: int = -1  # index of its first token in ``Analysis.normalised`` (-1: not known)


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text read for matching: its normalised words, terms, negation, concepts and corrections."""

    normalised: str
    terms: tuple[Term, ...]
    negated: bool
    cues: tuple[str, ...]
    question: bool
    concepts: tuple[tuple[str, str], ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()
    truncated: bool = False
    denies_link: bool = False  # "has nothing to do with", "plays no role in": any relation denied
    limit: int = -1  # token index of a word that limits what follows to some cases ("whenever")
    majority: bool = False  # says "usually", "mostly", "in most cases", "the main"
    rarity: bool = False  # says "rarely", "seldom", "occasionally"
    frequent: bool = False  # says "often", "commonly", or a majority word
    compared: bool = False  # compares with another thing: "more than radon does", "better than lemon"
    narrowed: str = ""  # a modifier that narrows the subject, set aside ("twitching *from low magnesium* is ...")

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.terms]


_BE = language.words("be")
_COMPARATIVE = language.words("comparative")
_THAN_NORM = language.words("than-norm")
_AGENT = language.words("agent-marker")
_IRREGULAR_PARTICIPLES = language.words("participle")

# Keys on a QWERTY keyboard next to each other: a typo substitutes a neighbour far more often
# than a distant letter, while real-word confusions ("infection"/"injection") usually do not.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, set[str]] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        near = _NEIGHBOURS.setdefault(_ch, set())
        for _dr in (-1, 0, 1):
            if 0 <= _r + _dr < len(_ROWS):
                other = _ROWS[_r + _dr]
                for _dc in (-1, 0, 1):
                    if 0 <= _c + _dc < len(other) and (_dr, _dc) != (0, 0):
                        near.add(other[_c + _dc])
for _a, _b in language.pairs("sound-alike"):
    if len(_a) == len(_b) == 1:
        _NEIGHBOURS.setdefault(_a, set()).add(_b)
        _NEIGHBOURS.setdefault(_b, set()).add(_a)
_VOWELS = set("aeiou")
_OPPOSED_PREFIXES = (("hyper", "hypo"), ("over", "under"), ("in", "ex"), ("pre", "post"),
                     ("anti", "pro"), ("intra", "extra"), ("inter", "intra"), ("micro", "macro"))


class Speller:
    """Reads a mistyped word as the vocabulary word it was meant to be, or leaves it alone."""

    def __init__(self, words: Iterable[str], known_stem: Callable[[str], bool] | None = None) -> None:
        self.words = frozenset(w for w in words if w.isalpha())
        # Is this stem a known word's? (Then "conditions" is a form of "condition", not a typo.)
        self._known_stem = known_stem or frozenset(stem(w) for w in self.words).__contains__
        self._buckets: dict[tuple[str, int], list[str]] | None = None  # built on first use
        self._memo: dict[str, str | None] = {}

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def correct(self, word: str) -> str | None:
        if word in self._memo:
            return self._memo[word]
        out = self._correct(word)
        if len(self._memo) < 100_000:
            self._memo[word] = out
        return out

    def _correct(self, word: str) -> str | None:
        n = len(word)
        if n < 5 or n > 24 or not word.isalpha() or word in STOPWORDS or word in self.words:
            return None
        if self._known_stem(stem(word)):
            return None  # another form of a known word ("conditions"), not a typo
        if wordnet.known(word):
            return None  # a real English word ("cured", "ages"): read as written
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if self._buckets is None:
            self._buckets = {}
            for w in self.words:
                if len(w) >= 4:
                    self._buckets.setdefault((w[0], len(w)), []).append(w)
        best: list[tuple[int, str]] = []
        for length in range(n - 2, n + 3):
            limit = 1 if max(n, length) <= 8 else 2  # "defiency" for "deficiency": two letters
            bucket = self._buckets.get((word[0], length))
            if bucket:  # (the candidates within ``limit`` edits, found in one C loop)
                best.extend((d, cand) for cand, d, _ in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=limit, limit=None))
        if not best:
            return None
        best.sort()
        d0 = best[0][0]
        winners = [c for d, c in best if d == d0]
        if len(winners) > 1:
            return None  # two equally likely readings: do not guess
        cand = winners[0]
        return cand if _plausible_typo(word, cand) else None


def _plausible_typo(typed: str, meant: str) -> bool:
    """Edits a finger makes: neighbouring keys, vowel slips, swaps, dropped or doubled letters."""
    for a, b in _OPPOSED_PREFIXES:
        if (typed.startswith(a) and meant.startswith(b)) or (typed.startswith(b) and meant.startswith(a)):
            return False
    from rapidfuzz.distance import Levenshtein

    for op in Levenshtein.editops(typed, meant):
        if op.tag != "replace":
            continue
        x, y = typed[op.src_pos], meant[op.dest_pos]
        if y in _NEIGHBOURS.get(x, ()) or (x in _VOWELS and y in _VOWELS):
            continue
        # A transposition shows as two replacements of a swapped pair.
        i = op.src_pos
        if (i + 1 < len(typed) and typed[i:i + 2] == meant[op.dest_pos:op.dest_pos + 2][::-1]) or (
            i > 0 and typed[i - 1:i + 1] == meant[op.dest_pos - 1:op.dest_pos + 1][::-1]
        ):
            continue
        return False
    return True


class _Unit(NamedTuple):
    """A stretch of the token sequence: a concept match or a single word."""

    tokens: list[str]
    concept: str | None = None
    corrected: bool = False
    frame: bool = False
    start: int = -1  # index of its first token

    @property
    def word(self) -> str:
        return self.tokens[-1]


class Analyzer:
    """Analyses text against one knowledge base's lexicon and vocabulary."""

    def __init__(self, lexicon: Lexicon, speller: Speller | None = None) -> None:
        self.lexicon = lexicon
        self.speller = speller

    def analyse(self, text: str, *, repair: bool = True, narrow: bool = True) -> Analysis:
        """The terms of ``text``; ``repair`` reads typos and split words (off for claims);
        ``narrow`` sets aside a modifier of the subject (see :func:`_subject_modifier`)."""
        truncated = len(text) > MAX_CHARS
        if truncated:
            text = text[:MAX_CHARS]
        question = is_question(text)
        if repair:
            text = _reply_opener().sub("", text, count=1)
            if _CONTRAST_WORDS.intersection(text.lower().split()):
                text = _contrast().sub(" ", text)
        if repair and ("(" in text or " \u2014" in text or " \u2013" in text or " - " in text):
            text = _denying_asides(text)
        head, body, tail = split_frame(text) if repair else ("", text, "")
        tokens = _quantifiers(_bearers(_but_not(tokenise(body))))
        if repair:
            tokens = tokens[_time_adjunct(body):]
        if tokens[:1] == ["always"] and len(tokens) > 2:
            tokens = tokens[1:]  # "Always talk to a doctor first": advice, not a claim about always
        before, after = tokenise(head) if head else [], tokenise(tail) if tail else []
        truncated = truncated or len(tokens) > MAX_TOKENS
        if truncated:
            tokens = tokens[:MAX_TOKENS]
        corrections: list[tuple[str, str]] = []
        if repair and self.speller is not None:
            tokens, corrections = self._repair(tokens)
        narrowed = ""
        if repair and narrow:
            tokens, narrowed = _subject_modifier(tokens)
        frame = set(range(len(before))) | set(range(len(before) + len(tokens), len(before) + len(tokens) + len(after)))
        frame |= {len(before) + k for k in _food_source(tokens)}
        analysis = self._analyse_tokens(before + tokens + after, question, corrections, truncated, frame)
        return replace(analysis, narrowed=narrowed) if narrowed else analysis

    # ------------------------------------------------------------------ steps

    def _repair(self, tokens: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        speller = self.speller
        assert speller is not None
        out: list[str] = []
        corrections: list[tuple[str, str]] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok not in speller and i + 1 < len(tokens):
                joined = tok + tokens[i + 1]
                if joined in speller:  # "hemi facial" -> "hemifacial", "b 12" -> "b12"
                    corrections.append((f"{tok} {tokens[i + 1]}", joined))
                    out.append(joined)
                    i += 2
                    continue
            fixed = speller.correct(tok) if tok not in speller else None
            if fixed:
                corrections.append((tok, fixed))
                out.append(fixed)
            else:
                out.append(tok)
            i += 1
        return out, corrections

    def _analyse_tokens(
        self, tokens: list[str], question: bool, corrections: list[tuple[str, str]], truncated: bool,
        frame: set[int] = frozenset(),  # type: ignore[assignment]
    ) -> Analysis:
        units, inverse = self._units(tokens, corrections, frame)
        flat = [f"@{u.concept}" if u.concept else u.word for u in units]
        cues = negation_cues(flat, question=question)
        denies_link = len(cues) % 2 == 1 and (
            any(c.words == "nothing" for c in cues)
            or any(not u.concept and stem(u.word) in _LINK_STEMS for u in units)
        )
        cue_positions = {p for c in cues for p in range(c.start, c.end)}
        negated = len(cues) % 2 == 1
        # "Muscles can't contract without calcium": the two denials cancel into a requirement.
        need = next((c.start for c in cues if c.words == "without"), None) if not negated else None
        # ... and so do a denial and "unless" ("a muscle can't relax unless it has magnesium").
        unless = _unless(units, cues) if negated and self.lexicon.relation("need") else None
        if unless is not None:
            need, negated = unless, False
        if cue_positions:  # (no cue, no "need" either: the units stay as they are)
            units = [_Unit([units[j].word], "need", start=units[j].start) if j == need and self.lexicon.relation("need")
                     else u for j, u in enumerate(units) if j not in cue_positions or j == need]
        if need is not None and unless is None:
            units = _without_first(units, self.lexicon)
        units = _merely_an_amount(_cleft(units, self.lexicon))
        units = _practitioners(_subject_named_by_relation(units, self.lexicon), self.lexicon)
        units = _instrument(_active_voice(_purpose_first(units, inverse), inverse), self.lexicon)
        terms, concepts = self._terms(units, _comparators(tokens))
        terms = _depletion(terms)
        if not cues and not question and not UNIVERSAL_DETERMINERS.isdisjoint(tokens) and _limit(tokens) < 0:
            terms = _any_is_every(terms, tokens)
        return Analysis(
            normalised=" ".join(tokens),
            terms=tuple(terms),
            negated=negated,
            cues=tuple(c.words for c in cues),
            question=question,
            concepts=tuple(concepts),
            corrections=tuple(corrections),
            truncated=truncated,
            denies_link=denies_link,
            limit=-1 if unless is not None else _limit(tokens),
            majority=any(t in MAJORITY for t in tokens),
            rarity=_rarity(tokens),
            compared=_compared(tokens),
            frequent=any(t in FREQUENT and (i == 0 or tokens[i - 1] not in _LESS) for i, t in enumerate(tokens)),
        )

    def _units(self, tokens: list[str], corrections: list[tuple[str, str]],
               frame: set[int]) -> tuple[list[_Unit], set[int]]:
        """The token sequence as units: the lexicon's concepts, then general relation classes
        in the words it left, then single words; and the relations that name their patient first."""
        tokens = _aspect_last(_superlatives(tokens))
        if self.lexicon:
            tokens = _pertainyms(_progressive_joined(tokens, self.lexicon), self.lexicon)
        stems = list(map(stem, tokens))
        spans = self.lexicon.match(stems, tokens) if self.lexicon else []
        if spans:
            spans = _as_cause(spans, stems, tokens, self.lexicon)
        taken = {k for s, e, _ in spans for k in range(s, e)}
        drop: set[int] = set()
        general = relations.match(stems, taken, tokens)
        inverse: set[int] = {s for s, e, cid in spans if self.lexicon.relation(cid)
                             and (relations.names_patient_first(stems[s:e], cid) or _passive_purpose(tokens, s, cid))}
        if general and self.lexicon:
            general = [_as_source(g, tokens, spans, self.lexicon) for g in general]
            general = [g if g.inverse else g._replace(cls=self.lexicon.own_class(g.cls)) for g in general]
        if general:
            for g in general:
                drop.update(g.drop)
                if g.inverse or _passive_purpose(tokens, g.start, g.cls):
                    inverse.add(g.start)
            spans = sorted([*spans, *((g.start, g.end, g.cls) for g in general)])
        spans = _bare_purpose(spans, tokens, self.lexicon)
        fixed = {b for _, b in corrections}

        drop.update(k for k in range(len(tokens) - 1) if tokens[k] in _PARTITIVE and tokens[k + 1] == "of")

        def words(lo: int, hi: int) -> list[_Unit]:
            return [_Unit([tokens[k]], None, tokens[k] in fixed, k in frame, k) for k in range(lo, hi) if k not in drop]

        units: list[_Unit] = []
        i = 0
        for start, end, cid in spans:
            units.extend(words(i, start))
            units.append(_Unit(tokens[start:end], cid, corrected=any(t in fixed for t in tokens[start:end]),
                               frame=start in frame, start=start))
            i = end
        units.extend(words(i, len(tokens)))
        return _phrasal_verbs(units), inverse

    def _terms(self, units: list[_Unit], compared: dict[int, tuple[str, range]] | None = None
               ) -> tuple[list[Term], list[tuple[str, str]]]:
        """Content terms (concepts, numbers, stemmed words; stop words dropped) and the concepts
        read, in order. A number after a comparator ("over 300", "fewer than 300"; ``compared``:
        its token -> the direction and the comparator's tokens) is a bound, "300+" or "300-", and
        the comparator's words are no terms of their own."""
        compared = compared or {}
        spent = {k for _, at in compared.values() for k in at}
        terms: list[Term] = []
        concepts: list[tuple[str, str]] = []
        for u in units:
            factor = 0.9 if u.corrected else 1.0
            if u.concept:
                concepts.append((" ".join(u.tokens), u.concept))
                for part in self.lexicon.parts(u.concept):
                    terms.append(Term(f"@{part}", "concept", " ".join(u.tokens), len(terms),
                                      self.lexicon.kind(part) == "relation" or self.lexicon.symmetric(part),
                                      factor, u.frame, u.start))
                continue
            w = u.word
            if w in STOPWORDS or u.start in spent:
                continue
            kind, key = ("number", w + compared[u.start][0] if u.start in compared else w) if w[0].isdigit() \
                else ("word", stem(w))
            terms.append(Term(key, kind, w, len(terms), False, factor, u.frame, u.start))
        return terms, concepts


_LINK_STEMS = frozenset(stem(w) for w in LINK_WORDS)
_REPORTING_ALT = "|".join(sorted(REPORTING - {"according"}, key=len, reverse=True))
# "My neurologist told me (that) ...", "I read that ...": a frame before the claim.
_FRAME_HEAD = lazy(
    globals(), "_FRAME_HEAD",
    rf"^\s*(?:[^,;:.?!]{{0,60}}?\b(?:{_REPORTING_ALT})\b(?:\s+(?:me|us|you|him|her|them))?(?:\s+that)?\s*[,:]?"
    rf"|according\s+to\s+[^,;:]{{1,50}}[,;:])\s+",
    re.IGNORECASE,
)
# "..., according to my GP." and "..., my doctor says." after the claim.
_FRAME_TAIL = lazy(
    globals(), "_FRAME_TAIL",
    rf"[,;]\s*(?:according\s+to\s+[^,;:.?!]{{1,50}}|[^,;:.?!]{{1,40}}\b(?:{_REPORTING_ALT}))\s*[.!?]*\s*$",
    re.IGNORECASE,
)


_MAIN = language.phrases("main-cause")


@lru_cache(maxsize=1)
def _contrast() -> re.Pattern[str]:
    """"Unlike X, Y", "Y, unlike X, Z", "Y rather than X": the contrast and what it names, up to
    the next comma or the end of the clause."""
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                   for w in sorted(language.entries("contrast-phrase"), key=len, reverse=True))
    return re.compile(rf"(?:(?<=^)|(?<=,)|(?<=\s))\s*\b(?:{alt})\b[^,.;:!?]{{1,60}}(?P<end>,|(?=[.;:!?])|$)",
                      re.IGNORECASE)


_CONTRAST_WORDS = frozenset(e.split()[0] for e in language.entries("contrast-phrase"))


@lru_cache(maxsize=1)
def _reply_opener() -> re.Pattern[str]:
    """"No, X" and "lol nope. X": a reply's first word, which denies nothing of X."""
    def alt(cls: str) -> str:
        return "|".join(re.escape(w) for w in sorted(language.words(cls), key=len, reverse=True))
    return re.compile(rf"^\W*(?:(?:{alt('reply-filler')})\W+)*(?:{alt('reply')})\s*[,.!;:\u2014\u2013-]+\s*",
                      re.IGNORECASE)


_ONE_OF = language.phrases("one-of")


def _subject_modifier(tokens: list[str]) -> tuple[list[str], str]:
    """"Facial twitching *from low magnesium* is not hemifacial spasm": a modifier after the
    subject's head (english.tsv subject-modifier: "from", "caused by", "due to" ...) and before
    its verb narrows the subject. It is set aside, and the statement is read as narrower than a
    claim without it (matching: only a refuted claim settles it). The tokens without it, and it."""
    v = next((j for j, t in enumerate(tokens) if t in _SUBJECT_VERBS), None)
    if v is None or v < 2:
        return tokens, ""
    for m in range(1, min(v, 1 + _HEAD_WORDS)):
        p = next((p for p in _SUBJECT_MODIFIERS if tuple(tokens[m:m + len(p)]) == p), None)
        if p is not None and 1 <= v - m - len(p) <= _MODIFIER_WORDS:
            return tokens[:m] + tokens[v:], " ".join(tokens[m:v])
    return tokens, ""


_SUBJECT_MODIFIERS = language.phrases("subject-modifier")
_SUBJECT_VERBS = language.words("auxiliary")
_HEAD_WORDS = 4  # words of the subject's head before its modifier
_MODIFIER_WORDS = 6


def _passive_purpose(tokens: list[str], s: int, cls: str) -> bool:
    """"X is needed to V", "X is required for Y": the passive of a relation with a purpose names
    its patient first (what is needed); "needs to", the active, does not."""
    if not relations.purpose_words(cls) or not tokens[s].endswith("ed"):
        return False
    k = s - 1
    while k >= 0 and (tokens[k].endswith("ly") or tokens[k] in _BETWEEN_BE_AND_PARTICIPLE):
        k -= 1  # ("is *absolutely* needed", "is *not* needed")
    return k >= 0 and tokens[k] in _BE


_BETWEEN_BE_AND_PARTICIPLE = language.words("be-participle-gap")


def _cleft(units: list[_Unit], lexicon: Lexicon) -> list[_Unit]:
    """"Calcium is the mineral your muscles need to contract" says "your muscles need calcium to
    contract", and "magnesium is what lets muscles relax" says "magnesium lets muscles relax":
    X, a form of "be", then "what" or a noun phrase and a subject of its own (a few words, no
    relation), then the relation. The noun phrase stays beside X ("the mineral" names its kind)."""
    be = next((j for j, u in enumerate(units) if not u.concept and u.word in _BE), None)
    if be is None or be == 0 or be + 2 >= len(units) or any(lexicon.relation(u.concept or "") for u in units[:be]):
        return units
    if not any(u.concept for u in units[:be]):
        return units
    rel = next((j for j in range(be + 1, min(len(units), be + 2 + _CLEFT_WORDS))
                if lexicon.relation(units[j].concept or "")), None)
    if rel is None:
        return units
    between = units[be + 1:rel]
    if [u.word for u in between] == ["what"]:
        return units[:be] + units[rel:]  # ("X is what lets Y": X lets Y)
    if len(between) < 3 or between[0].concept or between[0].word not in _CLEFT_ARTICLES \
            or (not between[1].concept and between[1].word in STOPWORDS) \
            or any(u.concept and lexicon.relation(u.concept) for u in between):
        return units  # ("one *of* the most common triggers": no noun phrase of its own)
    # the noun phrase: its article and one word; then perhaps "that"/"which"; then the subject
    k = 2 + (between[2].word in ("that", "which") if len(between) > 2 and not between[2].concept else 0)
    subject = between[k:]
    if not subject or len(subject) > _CLEFT_WORDS - 2 \
            or not (subject[0].concept or subject[0].word in _CLEFT_SUBJECTS) \
            or any(not u.concept and u.word in _PHRASE_STARTS for u in subject) \
            or (not subject[-1].concept and subject[-1].word in STOPWORDS and len(subject) > 1):
        return units  # ("a standard way *to* treat Y", "a fairly *common* reason": no subject of its own)
    r = units[rel]
    # ("your body needs *to* absorb": a purpose word the relation's phrase took stays before the purpose)
    purpose = [_Unit([r.tokens[-1]], start=r.start)] if len(r.tokens) > 1 and r.concept \
        and r.tokens[-1] in relations.purpose_words(r.concept) else []
    return subject + [r] + units[:be] + between[:2] + purpose + units[rel + 1:]


_CLEFT_ARTICLES = language.words("cleft-article")
_CLEFT_SUBJECTS = language.words("cleft-subject")  # how a cleft's own subject may begin
_CLEFT_WORDS = 6  # words between "be" and the relation in a cleft


def _as_cause(spans: list[tuple[int, int, str]], stems: list[str], tokens: list[str],
              lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """"Hemifacial spasm comes from a blood vessel ...": a phrase the lexicon reads as another
    relation (a source: "B12 comes from meat"; taking part: "plays a part in 300 reactions")
    that general English reads as a cause or a contribution is that, when its effect is a
    condition or a symptom (english.tsv caused-kind): "... plays a part in facial twitching"."""
    out = []
    for s, e, cid in spans:
        general = relations.match(stems[s:e], set(), tokens[s:e]) if lexicon.relation(cid) and s > 0 \
            and relations.may_open(stems[s], _CAUSAL) else []
        # (the whole phrase: "show the cause" names a cause, it does not say one)
        g = general[0] if len(general) == 1 and general[0].cls in _CAUSAL and general[0].start == 0 else None
        if g is not None:
            # the effect: before a phrase that names its patient first ("Y comes from X"), else after
            effect = next((c for a, b, c in reversed(spans) if b <= s), None) if g.inverse \
                else next((c for a, b, c in spans if a >= e), None)
            own = next((c for a, b, c in lexicon.match([stem(g.cls)]) if (a, b) == (0, 1)), g.cls)
            if own != cid and effect is not None and lexicon.kind(effect) in _CAUSED_KINDS:
                cid = own
        out.append((s, e, cid))
    return out


_CAUSAL = frozenset(("cause", "contribute"))
(_PURPOSE_WORD, _PURPOSE_CLASS), = language.pairs("bare-purpose")
_NEGATORS = language.words("negator")
_NOT_USED_FOR = language.words("bare-purpose-not")
_NEGATING = language.phrases("negating-phrase")
_ACTS = frozenset(language.entries("act-word", "reference.tsv"))


def _bare_purpose(spans: list[tuple[int, int, str]], tokens: list[str],
                  lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """"Botox for HFS?", "took magnesium for my twitching": a statement with no relation that
    joins two things with "for" says the first is used against the second (english.tsv
    bare-purpose). Not for people ("for adults": a scope), nor after a word that names no thing
    ("useless for"), an amount ("400 IU for") or
    a word for a message, reason or quality ("another name for", english.tsv bare-purpose-not),
    nor before a verb ("for criticizing him": a reason), nor inside a subject that a predicate
    follows."""
    if tokens.count(_PURPOSE_WORD) != 1 or any(lexicon.relation(cid) for _, _, cid in spans):
        return spans
    k = tokens.index(_PURPOSE_WORD)
    if any(" ".join(tokens[j:j + 2]) in _ACTS or tokens[j] in _ACTS for j in range(k)):
        return spans  # ("I gave up magnesium for my HFS": an act, no claim of use)
    if any(t in _BE for t in tokens[k + 1:]):
        return spans  # ("the effect of X for Y is temporary": a subject, whose predicate says what)
    # ("X is useless / a waste of time for Y": a word that judges the use, read as a denial)
    judged = any(tuple(tokens[max(0, k - len(p)):k]) == p for p in _NEGATING)
    if k == 0 or tokens[k - 1] in STOPWORDS or any(t[:1].isdigit() for t in tokens[max(0, k - 2):k]) \
            or not judged and (wordnet.category(tokens[k - 1]) in _NOT_USED_FOR
                               or (wordnet.known(tokens[k - 1]) and not wordnet.noun(tokens[k - 1]))) \
            or any(s < k < e or e == k and lexicon.kind(cid) == "unit" for s, e, cid in spans):
        return spans
    tail = [t for t in tokens[k + 1:] if t not in STOPWORDS or t in _NEGATORS]
    if len(tail) > 3 or _NEGATORS.intersection(tail):
        return spans  # ("Botox for HFS does not wear off": the phrase is a subject, its predicate says what)
    after = next((t for t in tokens[k + 1:] if t not in STOPWORDS), None)
    if after is None or after in _BEARERS or wordnet.category(after) == "person" or (
            wordnet.verb(after) and not wordnet.noun(after)):  # ("for criticizing him": a reason)
        return spans
    own = next((c for a, b, c in lexicon.match([stem(_PURPOSE_CLASS)]) if (a, b) == (0, 1)), _PURPOSE_CLASS)
    return sorted([*spans, (k, k + 1, own)])


_CAUSED_KINDS = language.words("caused-kind")


def _as_source(g: relations.Span, tokens: list[str], spans: list[tuple[int, int, str]],
               lexicon: Lexicon) -> relations.Span:
    """"Meat gives you B12": a causative verb before a substance of the lexicon reads as its
    source class (relations.as_source), not as a cause."""
    cls = relations.as_source(tokens[g.start]) if g.cls == "cause" else None
    if cls is None:
        return g
    nxt = next(((s, cid) for s, _, cid in spans if s >= g.end), None)
    if nxt is None or any(t not in STOPWORDS for t in tokens[g.end:nxt[0]]) or lexicon.kind(nxt[1]) != "substance":
        return g
    # (the class by the lexicon's own name for it, when it has one: "contain" may be its "source-of")
    own = next((cid for s, e, cid in lexicon.match([stem(cls)]) if (s, e) == (0, 1)), cls)
    return g._replace(cls=own)


def _depletion(terms: list[Term]) -> list[Term]:
    """"X can lead to low magnesium" says "X depletes magnesium": a cause whose effect is a
    deficiency of a thing (the next two terms: the deficiency and the thing, in either order)
    reads as the deplete class of relations.tsv, so the two wordings meet."""
    if "@deficiency" not in {t.key for t in terms}:
        return terms
    for i, t in enumerate(terms):
        nxt = terms[i + 1:i + 3]
        if t.key == "@cause" and len(nxt) == 2 and "@deficiency" in (nxt[0].key, nxt[1].key):
            thing = nxt[1] if nxt[0].key == "@deficiency" else nxt[0]
            if thing.kind != "number" and not thing.relation and thing.key != "@deficiency":
                out = [*terms[:i], t._replace(key="@deplete"), thing, *terms[i + 3:]]
                return [x._replace(pos=k) for k, x in enumerate(out)]
    return terms


def _phrasal_verbs(units: list[_Unit]) -> list[_Unit]:
    """"Threw up", "loosen up", "wore off": a verb and a particle (english.tsv particle) that
    WordNet names as one phrasal verb are one word, its lemma ("throw_up"), which WordNet relates
    to others as any word ("throw_up" is a sense of "vomit")."""
    if _PARTICLES.isdisjoint(u.word for u in units[1:] if not u.concept):
        return units
    out: list[_Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if prev is not None and not u.concept and u.word in _PARTICLES and not prev.concept \
                and prev.word not in STOPWORDS and prev.frame == u.frame:
            name = wordnet.phrasal(prev.word, u.word)
            if name is not None:
                out[-1] = _Unit([name], None, prev.corrected or u.corrected, prev.frame, prev.start)
                continue
        out.append(u)
    return out


def _aspect_last(tokens: list[str]) -> list[str]:
    """"Your face started twitching", "keeps twitching": a verb of aspect (english.tsv aspect) before
    a verb in -ing says when, not what; it moves after that verb so the two words it parted meet
    ("face twitching"); so does one before "to" and a verb ("started to twitch"), and after the
    verb's particle when it has one ("tend to go away": "go away" stays a phrase). Same length:
    positions are kept. (A light word: relations.tsv.)"""
    if _ASPECT_FORMS.isdisjoint(tokens):
        return tokens
    out = list(tokens)
    for i in range(len(out) - 1):
        if out[i] in _ASPECT_FORMS and out[i + 1].endswith("ing") and wordnet.verb(out[i + 1]):
            k = 2 + (i + 2 < len(out) and out[i + 2] in _PARTICLES)
            out[i:i + k] = [*out[i + 1:i + k], out[i]]
        elif out[i] in _ASPECT_FORMS and out[i + 1] == "to" and i + 2 < len(out) \
                and out[i + 2] not in STOPWORDS and wordnet.verb(out[i + 2]):
            # ("started to twitch": the verb comes first, then the aspect and its "to")
            k = 3 + (i + 3 < len(out) and out[i + 3] in _PARTICLES)
            out[i:i + k] = [*out[i + 2:i + k], out[i], out[i + 1]]
    return out


def _progressive_joined(tokens: list[str], lexicon: Lexicon) -> list[str]:
    """"My eyelid *has been* twitching", "my face *is* twitching": the forms of "be" (and "has",
    "have" before "been") between a noun and a verb in -ing move after the verb when the words
    they parted make a term of the lexicon ("eyelid twitching"), as _aspect_last does. Same
    length."""
    if _BE_FORMS.isdisjoint(tokens):
        return tokens
    out = list(tokens)
    for i in range(2, len(out)):
        if not (out[i].endswith("ing") and out[i - 1] in _BE_FORMS):
            continue
        j = i - 1
        while j > 0 and (out[j - 1] in _BE_FORMS or out[j - 1] in _PERFECT):
            j -= 1
        if j == 0 or out[j - 1] in STOPWORDS:
            continue
        joined = [*out[max(0, j - 3):j], out[i]]
        if any(b == len(joined) and a < b - 1 for a, b, _ in lexicon.match(list(map(stem, joined)), joined)):
            out[j:i + 1] = [out[i], *out[j:i]]
    return out


def _any_is_every(terms: list[Term], tokens: list[str]) -> list[Term]:
    """"Vitamin C is safe at *any* dose": in a plain assertion (no denial, question or condition),
    "any" before a noun says "every", so it claims more than a claim without it (english.tsv
    universal-determiner); elsewhere it is a stop word ("no diet has any effect")."""
    at = next((i for i in range(len(tokens) - 1)
               if tokens[i] in UNIVERSAL_DETERMINERS and tokens[i + 1] not in STOPWORDS), None)
    return terms if at is None else [*terms, Term(tokens[at], "word", tokens[at], len(terms), tok=at)]


def _comparators(tokens: list[str]) -> dict[int, tuple[str, range]]:
    """Numbers bounded by a comparator just before them ("over 300", "at least 2,000", "up to
    800", "fewer than 300"; english.tsv at-least, at-most) or made exact ("exactly 300": "="): the
    number's token -> ("+", "-" or "=", the comparator's tokens)."""
    out: dict[int, tuple[str, range]] = {}
    for k, tok in enumerate(tokens):
        if not tok[:1].isdigit():
            continue
        for sign, phrases in (("+", _AT_LEAST), ("-", _AT_MOST), ("=", _EXACTLY)):
            p = next((p for p in phrases if k >= len(p) and tuple(tokens[k - len(p):k]) == p), None)
            if p is not None and (k not in out or len(p) > len(out[k][1])):
                out[k] = (sign, range(k - len(p), k))
    return out


def _rarity(tokens: list[str]) -> bool:
    """Says its thing happens seldom: "rarely", "occasionally", or "less" before a word of
    frequency ("less commonly", "less often")."""
    return not RARITY.isdisjoint(tokens) or any(
        t in FREQUENT and i > 0 and tokens[i - 1] in _LESS for i, t in enumerate(tokens))


def _compared(tokens: list[str]) -> bool:
    """Compares its thing with another ("lowers it more than medication does", "better than
    lemon"): "than" after a comparative (english.tsv comparative), not before a number or a norm
    (english.tsv than-norm: "more than you need", "more than recommended")."""
    for i, t in enumerate(tokens):
        if t != "than" or not 0 < i < len(tokens) - 1 or tokens[i + 1][:1].isdigit() \
                or tokens[i + 1] in _THAN_NORM:
            continue
        if any(w in _COMPARATIVE for w in tokens[max(0, i - 6):i]):
            return True
    return False


def _superlatives(tokens: list[str]) -> list[str]:
    """"the most common cause" reads as "the main cause" (same length: positions are kept)."""
    if "most" not in tokens and "commonest" not in tokens:
        return tokens
    out = list(tokens)
    for i in range(len(out)):
        for p in _MAIN:
            if tuple(out[i:i + len(p)]) == p and not _one_of(out, i):
                out[i:i + len(p)] = ["most"] * (len(p) - 1) + ["main"]
    return out


def _pertainyms(tokens: list[str], lexicon: Lexicon) -> list[str]:
    """"Twitching in your face" names what the lexicon's "facial twitching" names: a noun, then
    "in/of/on [the/your] Y", is read as "[adjective of Y] noun" when that phrase is one of the
    lexicon's terms (WordNet's derived forms give the adjective: face -> facial). The words are
    moved, not dropped, so positions stay where they were."""
    out = tokens
    for i in range(len(tokens) - 2):
        if tokens[i + 1] not in _PERTAINYM_PREPOSITIONS:
            continue
        j = i + 3 if tokens[i + 2] in _PERTAINYM_DETERMINERS else i + 2
        if j >= len(tokens) or tokens[i] in STOPWORDS:
            continue
        for adj in sorted(wordnet.entry(tokens[j]).derived):
            spans = lexicon.match([stem(adj), stem(tokens[i])])
            if len(spans) == 1 and spans[0][:2] == (0, 2):
                out = list(out) if out is tokens else out
                out[i:j + 1] = tokens[i + 1:j] + [adj, tokens[i]]
                break
    return out


_PERTAINYM_PREPOSITIONS = language.words("pertainym-preposition")
_PERTAINYM_DETERMINERS = language.words("pertainym-determiner")


def _one_of(tokens: list[str], i: int) -> bool:
    """"one of the most common causes", "among the most common": one cause of several, not the main one."""
    return any(tuple(tokens[max(0, i - len(p)):i]) == p for p in _ONE_OF)


_NOT_BEFORE_ALL = language.words("all-not-after")
_NO_LONGER = frozenset(language.phrases("no-longer"))
_NOBODY = language.phrases("nobody-word")
_EXCEPT = language.phrases("except-word")


def _quantifiers(tokens: list[str]) -> list[str]:
    """"All Y" before a noun reads as "every Y"; "nothing V Y except X" as "only X V Y"; an opening
    "not only X" as "X" (english.tsv all-not-after, nobody-word, except-word)."""
    if tokens[:2] == ["not", "only"] and len(tokens) > 3 and tokens[2] not in _SUBJECT_VERBS:
        return tokens[2:]  # ("Not only Botox treats HFS": others do too)
    nobody = next((p for p in _NOBODY if tuple(tokens[:len(p)]) == p), None)
    if nobody is not None:
        for k in range(len(nobody) + 2, len(tokens) - 1):
            p = next((p for p in _EXCEPT if tuple(tokens[k:k + len(p)]) == p), None)
            tail = tokens[k + len(p):] if p else []
            if tail and tail[-1] in _SUBJECT_VERBS:
                tail = tail[:-1]  # ("nothing helped, but magnesium did")
            if p and 0 < len(tail) <= 4 and not any(t in _SUBJECT_VERBS or t in _BE for t in tail):
                return ["only", *tail, *tokens[len(nobody):k]]
    tokens = _future(tokens)
    if "all" in tokens:  # ("not all Y": "not every Y", a denied universal: see exclusive.py)
        # ("all week", "all night": how long, not every case)
        return ["every" if t == "all" and k + 1 < len(tokens) and tokens[k + 1] not in STOPWORDS
                and tokens[k + 1] not in _TIME_UNITS
                and not (k and tokens[k - 1] in _NOT_BEFORE_ALL - {"not"})
                # ("A, B and C (can) all give you X", "they are all": each of them, not every case)
                and "and" not in tokens[max(0, k - 5):k] and not (k and (tokens[k - 1] in _SUBJECT_VERBS
                                                                         or tokens[k - 1] in _BE))
                else t for k, t in enumerate(tokens)]
    return tokens


_FUTURE = sorted(language.phrases("future"), key=len, reverse=True)
_FUTURE_WORDS = frozenset(w for p in _FUTURE for w in p if w not in STOPWORDS)


def _future(tokens: list[str]) -> list[str]:
    """A phrase that puts the statement in the future read as one word, "someday" (english.tsv
    future; "one day" only at either end of the statement or after an auxiliary: "once a day" is no
    time to come)."""
    if _FUTURE_WORDS.isdisjoint(tokens):
        return tokens
    out: list[str] = []
    k = 0
    while k < len(tokens):
        p = next((p for p in _FUTURE if len(p) > 1 and tuple(tokens[k:k + len(p)]) == p), None)
        if p is not None and (p != ("one", "day") or k == 0 or k + 2 == len(tokens) or tokens[k - 1] in _SUBJECT_VERBS):
            out.append("someday")
            k += len(p)
            continue
        out.append(tokens[k])
        k += 1
    return out


def _bearers(tokens: list[str]) -> list[str]:
    """"prescribed *to people with* HFS", "a treatment *for those with* HFS": what is given to the
    people who have a condition is given for the condition, so the two read alike ("for HFS")."""
    if "with" not in tokens:
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if (tokens[i] in ("to", "for") and i + 3 < len(tokens) and tokens[i + 2] == "with" and out
                and tokens[i + 1] in _BEARERS):
            out.append("for")
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


_FOOD_SOURCES = language.phrases("food-source")
_DETERMINERS = language.words("determiner")
_SOURCE_VERBS = language.words("source-verb")


_TIME_OPENING = lazy(
    globals(), "_TIME_OPENING",
    r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(language.entries("time-opener"), key=len, reverse=True))
    + r")\s[^,;:.?!]{1,40},", re.IGNORECASE)


def _time_adjunct(body: str) -> int:
    """How many tokens an opening time adjunct set off by a comma takes, or 0: a statement is read
    without it ("Before Botox, nothing helped": Botox says when, not what helped)."""
    m = _TIME_OPENING.match(body)
    return len(tokenise(m.group())) if m else 0


def _food_source(tokens: list[str]) -> range:
    """The positions of a closing "from (your) food" after a noun ("absorb calcium from food"): where
    the thing comes from, which a claim about the thing covers (english.tsv food-source)."""
    k = len(tokens) - 1
    while k > 0 and tokens[k] != "from":
        k -= 1
    if k < 2 or tokens[k - 1] in STOPWORDS or wordnet.verb(tokens[k - 1]) and not wordnet.noun(tokens[k - 1]):
        return range(0)
    rest = tuple(t for t in tokens[k + 1:] if t not in _DETERMINERS)
    if rest not in _FOOD_SOURCES or any(_SOURCE_VERBS.intersection(wordnet.lemmas(t) or (t,)) for t in tokens[:k]):
        return range(0)
    return range(k, len(tokens))


_ASIDE = lazy(globals(), "_ASIDE",
              r"\(([^()]{1,80})\)|\s[\u2014\u2013-]{1,2}\s([^\u2014\u2013()]{1,80}?)\s[\u2014\u2013-]{1,2}\s")


def _denying_asides(text: str) -> str:
    """An aside in brackets or between dashes that denies something ("HFS \u2014 a condition with
    *no* cure \u2014 is ...", "smoking (*not* diet) causes ..."): its denial is its own, not the
    sentence's, so it is left out of what is read."""
    def drop(m: re.Match[str]) -> str:
        inner = m.group(1) or m.group(2) or ""
        return " " if _NEGATORS.intersection(tokenise(inner)) else m.group()
    return _ASIDE.sub(drop, text)


_CONCESSIVE = language.phrases("concessive-tail")


def _but_not(tokens: list[str]) -> list[str]:
    """"X is a cause of A but not of B": the denial is B's alone. What follows "but not" is
    another claim, so it is left out of this one (and its denial with it); so is a closing
    concession ("... no matter how much you take", english.tsv concessive-tail)."""
    for i in range(3, len(tokens) - 1):
        if any(tuple(tokens[i:i + len(p)]) == p for p in _CONCESSIVE):
            tokens = tokens[:i]
            break
    for i in range(1, len(tokens) - 1):
        if tokens[i] == "but" and tokens[i + 1] == "not" and i >= 3:
            if tuple(tokens[i + 2:]) in _NO_LONGER:
                return [*tokens[:i], "not", *tokens[i + 2:]]  # ("X used to Y, but not anymore": no longer)
            return tokens[:i]
    return tokens


_LIMITING = language.words("limiting")
_STRESSING = language.words("stressing")


def _limit(tokens: list[str]) -> int:
    """Where a limiting clause starts ("X whenever Y", "X if Y"; not "especially if"), or -1."""
    for i, t in enumerate(tokens):
        if t in _LIMITING and i > 0 and tokens[i - 1] not in _STRESSING:
            return i
    return -1


def split_frame(text: str) -> tuple[str, str, str]:
    """(frame before, the claim, frame after): reporting frames are not part of what is checked."""
    head = tail = ""
    if text.isascii():  # (then case-insensitive matching is exactly lower())
        low = text.lower()
        if not any(w in low for w in REPORTING):
            return head, text, tail  # neither frame matches without a reporting word
    m = _FRAME_HEAD.match(text)
    if m and len(text[m.end():].split()) >= 3:
        head, text = text[:m.end()], text[m.end():]
    m = _FRAME_TAIL.search(text)
    if m and len(text[:m.start()].split()) >= 3:
        text, tail = text[:m.start()], text[m.start():]
    return head, text, tail


_PRACTITIONER = tuple(sorted(language.words("practitioner")))


def _practitioner(u: _Unit) -> bool:
    """A unit naming doctors or other health professionals ("neurologists", "my GP")."""
    for w in u.tokens:
        if w not in STOPWORDS and any(t in wordnet.lemmas(w) or wordnet.narrower(w, t) for t in _PRACTITIONER):
            return True
    return False


def _practitioners(units: list[_Unit], lexicon: Lexicon) -> list[_Unit]:
    """"Doctors often prescribe X for Y", "neurosurgeons treat Y with X": who does the treating
    is a frame around the claim (X treats Y), like a reporting frame, when it is all that
    stands before the relation."""
    rel = next((j for j, u in enumerate(units) if u.concept and lexicon.relation(u.concept)), None)
    if rel is None:
        return units
    content = [j for j in range(rel) if units[j].concept or units[j].word not in STOPWORDS]
    agents = []
    for j in content:  # the practitioners the statement opens with ("doctors routinely use ...")
        if not (_practitioner(units[j]) or _adverb_unit(units[j])):
            break
        agents.append(j)
    if not agents or not any(_practitioner(units[j]) for j in agents):
        return units
    if len(agents) < len(content):
        return [u._replace(frame=True) if j in agents else u for j, u in enumerate(units)]
    units = [u._replace(frame=True) if j in content else u for j, u in enumerate(units)]
    # "(doctors) prescribe X for Y": X is what treats Y
    at = next((j for j in range(rel + 2, len(units)) if not units[j].concept and units[j].word == "for"), None)
    if at is not None and at + 1 < len(units):
        return units[:rel] + units[rel + 1:at] + [units[rel]] + units[at + 1:]
    return units


def _subject_named_by_relation(units: list[_Unit], lexicon: Lexicon) -> list[_Unit]:
    """"The most common cause of facial twitching is stress" says "stress is the main cause of
    facial twitching": a subject that is the relation itself ("the cause of Y", "the best
    treatment for Y"), then "is", then X, reads as X [relation] Y. Only the relation's own
    modifiers ("the main", "the best") may stand before it."""
    rel = next((j for j, u in enumerate(units) if u.concept), None)
    if rel is None or not lexicon.relation(units[rel].concept or "") or rel + 1 >= len(units):
        return units
    if units[rel].tokens[-1] in _RELATION_OF:
        patient = rel + 1  # ("cause of" matched as one phrase)
    elif not units[rel + 1].concept and units[rel + 1].word in _RELATION_OF:
        patient = rel + 2
    else:
        return units
    if any(u.concept or (u.word not in STOPWORDS and u.word not in _RELATION_MODIFIERS) for u in units[:rel]):
        return units
    be = next((k for k in range(patient, len(units)) if not units[k].concept and units[k].word in _BE), None)
    if be is None or be == patient or be + 1 >= len(units):
        return units
    if any(not u.concept and u.word in _BE for u in units[be + 1:]):
        return units  # ("the cause of X is what is ..."): not one plain subject and predicate
    return units[be + 1:] + units[:rel + 1] + units[patient:be]


_RELATION_OF = language.words("relation-of")
_RELATION_MODIFIERS = language.words("relation-modifier")


def _adverb_unit(u: _Unit) -> bool:
    return not u.concept and u.word.endswith("ly")


_INSTRUMENT = language.words("instrument")
_BEARERS = language.words("bearer")


def _bearer(u: _Unit) -> bool:
    """A word for people: "with" after it says what they have ("people *with* HFS"), not what
    something is done with."""
    return not u.concept and (u.word in _BEARERS or wordnet.category(u.word) == "person")


def _instrument(units: list[_Unit], lexicon: Lexicon) -> list[_Unit]:
    """Reorder "[it is possible to] cure HFS with magnesium" as "magnesium cure HFS": with no
    subject before the relation, what it is done *with* is its agent."""
    rel = next((j for j, u in enumerate(units) if u.concept and lexicon.relation(u.concept)), None)
    if rel is None or any(not u.frame and (u.concept or u.word not in STOPWORDS) for u in units[:rel]):
        return units
    at = next((j for j in range(rel + 2, len(units)) if not units[j].concept and units[j].word in _INSTRUMENT
               and not _bearer(units[j - 1])), None)
    if at is None or at + 1 >= len(units):
        return units
    means = units[at + 1:]
    if means[0].concept and lexicon.relation(means[0].concept) and len(means) > 1:
        means = means[1:]  # "by *fixing* your diet": the means is the diet; its verb relates nothing
    return means + units[:rel + 1] + units[rel + 1:at]


def _purpose_first(units: list[_Unit], inverse: set[int]) -> list[_Unit]:
    """Read "S need Y for Z" (and "to Z", "so Z") as "S Z need Y": what the object is for stands
    where the passive "Y is needed for Z" puts it once turned round, so the two line up. Only
    where something stands between the relation and the purpose word ("needs to be taken" is not
    a purpose)."""
    for j, u in enumerate(units):
        if not u.concept or u.start in inverse:
            continue
        marks = relations.purpose_words(u.concept)
        if not marks:
            continue
        k = next((k for k in range(j + 2, len(units) - 1) if not units[k].concept and units[k].word in marks
                  and not _number(units[k - 1]) and not _number(units[k + 1])), None)  # (not "400 to 420")
        if k is None or k + 1 >= len(units) or not any(x.concept or x.word not in STOPWORDS for x in units[j + 1:k]):
            return units
        return units[:j] + units[k + 1:] + [u] + units[j + 1:k]
    return units


def _without_first(units: list[_Unit], lexicon: Lexicon) -> list[_Unit]:
    """"Without X, S can't V" (its denials already read as "need") says "S V need X", as "S can't
    V without X" does: the thing needed moves after the relation, the rest before it."""
    k = next((j for j, u in enumerate(units) if u.concept == "need"), None)
    if k is None or k + 2 >= len(units) or any(u.concept or u.word not in STOPWORDS for u in units[:k]):
        return units
    at = k + 1
    while at + 1 < len(units) and not units[at].concept and units[at].word in _SUFFICIENT:
        at += 1  # "without enough X" needs X as "without X" does (the word adds nothing)
    needed = units[at]
    if not needed.concept or lexicon.relation(needed.concept):
        return units
    return units[:k] + units[at + 1:] + [units[k], needed]


def _merely_an_amount(units: list[_Unit]) -> list[_Unit]:
    """"Adults need only about 15 mg", "an adult only needs 15 mg": "only" before an amount (or
    before the verb before one) says it is small, not that nothing else counts, so it is no word
    that claims more."""
    if _MERELY.isdisjoint([u.tokens[-1] for u in units]):
        return units  # (most statements: no "only" to read)
    out = []
    for j, u in enumerate(units):
        # (a verb may come between: "only needs 15 mg")
        if not u.concept and u.word in _MERELY and any(_amount_at(units, k) for k in (j + 1, j + 2)):
            continue
        out.append(u)
    return out


def _amount_at(units: list[_Unit], k: int) -> bool:
    """An amount starts at unit ``k``, perhaps after words for "roughly" ("about 15 mg"), or a
    number word ("one side of the face": english.tsv number-word)."""
    while k < len(units) and not units[k].concept and units[k].word in _ROUGHLY:
        k += 1
    return k < len(units) and (_number(units[k]) or units[k].tokens[0] in _NUMBER_WORDS)


_MERELY = language.words("merely")
_NUMBER_WORDS = language.words("number-word")
_PARTICLES = language.words("particle")
_BE_FORMS = language.words("progressive")  # (english.tsv: the forms of "be" in "is twitching")
_PERFECT = language.words("perfect")  # (before "been")
_TIME_UNITS = frozenset(language.entries("time-unit", "clauses.tsv"))
# (the forms of the aspect verbs: "started", "keeps", "began")
_ASPECT_FORMS = frozenset(f"{w}{end}" for w in language.words("aspect") for end in ("", "s", "ed", "ing")) \
    | frozenset(language.words("aspect-irregular"))
_SUFFICIENT = language.words("sufficient")
_PARTITIVE = language.words("partitive")
_AT_LEAST = sorted(language.phrases("at-least"), key=len, reverse=True)
_AT_MOST = sorted(language.phrases("at-most"), key=len, reverse=True)
_EXACTLY = sorted(language.phrases("exactly"), key=len, reverse=True)
_LESS = language.words("less")
_ROUGHLY = language.words("roughly")


def _unless(units: list[_Unit], cues) -> int | None:
    """Where "unless" follows the one denial of a statement ("X can't happen unless Y"), or None."""
    first = cues[0].start
    return next((j for j, u in enumerate(units) if j > first and not u.concept and u.word == "unless"), None)


def _number(u: _Unit) -> bool:
    return not u.concept and u.word[:1].isdigit()


def _is_participle(u: _Unit) -> bool:
    """A past participle, or a phrasal verb that opens with one ("set off", "brought on")."""
    return any(w.endswith(("ed", "en")) or w in _IRREGULAR_PARTICIPLES for w in {u.word, u.tokens[0]})


def _active_voice(units: list[_Unit], inverse: set[int] = frozenset()) -> list[_Unit]:  # type: ignore[assignment]
    """Reorder "PATIENT be [adv] VERBed by AGENT" as "AGENT VERBed PATIENT", and a relation
    that names its patient first ("twitching can come from stress") the same way."""
    if inverse:
        for j, u in enumerate(units):
            if u.concept and u.start in inverse:
                lead = _leading_adjunct(units[:j])
                return units[:lead] + units[j + 1:] + [u] + units[lead:j]
    if _AGENT.isdisjoint([u.tokens[-1] for u in units]):
        return units  # (no "by": no passive to turn)
    for j in range(1, len(units) - 1):
        # (a particle may stand between the participle and "by": "set off by", "brought on by")
        by = j + 2 if units[j + 1].word in _PARTICLES and not units[j + 1].concept and j + 2 < len(units) else j + 1
        if units[by].concept or units[by].word not in _AGENT or not _is_participle(units[j]):
            continue
        be = next((k for k in range(j - 1, max(-1, j - 4), -1)
                   if not units[k].concept and units[k].word in _BE), None)
        if be is None:
            continue
        # "Is HFS caused by X?": the patient may stand between the auxiliary and the verb. The
        # agent ends where a phrase of its own begins ("assigned by the government *according to*
        # race"): that phrase stays after the patient.
        end = next((k for k in range(by + 2, len(units))
                    if not units[k].concept and units[k].word in _PHRASE_STARTS), len(units))
        lead = _leading_adjunct(units[:be])
        return units[:lead] + units[by + 1:end] + units[j:by] + units[lead:be] + units[be + 1:j] + units[end:]
    return units


_ADJUNCT_OPENERS = language.words("adjunct-opener")


def _leading_adjunct(units: list[_Unit]) -> int:
    """Where the subject starts after an opening adjunct ("*In most cases of HFS* the nerve ..."):
    at the last determiner that opens a noun phrase after it, or 0 when there is no adjunct (or
    no telling where it ends). A passive turned round keeps the adjunct first."""
    if not units or units[0].concept or units[0].word not in _ADJUNCT_OPENERS:
        return 0
    return next((k for k in range(len(units) - 1, 1, -1)
                 if not units[k].concept and units[k].word in _DETERMINERS), 0)


# Words that open a phrase of their own after a noun phrase (prepositions, conjunctions).
_PHRASE_STARTS = language.words("phrase-start")

