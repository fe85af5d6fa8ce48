"""Whether a sentence could match any claim at all: a cheap test that lets a scan skip the rest.

A judgement is accepted only when every concept and number of the claim's phrasing (a year
aside, and relations, which general English can supply) is in the statement, as itself, as a
broader concept of one the statement names, or (what the relation acts on) as a narrower one
(``matching._gates``, ``matching._cover_narrower_claim``). A statement's concepts and
numbers come from its words: its tokens, however a clause or a piece of it is cut, the typo
corrections and run-together words the analyser may read them as, and the lexicon's phrases over
their stems. :class:`Reach` gathers all of those a sentence could give (more than any one
reading gives, never fewer) and asks whether some phrasing needs no more. When none does, no
piece, clause or list item of the sentence can match a claim, so a scan that reports only
matches need not read it; the results of the sentences it does read are unchanged.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import TYPE_CHECKING

from . import relations
from .recent import Recent
from .text import stem, tokenise

if TYPE_CHECKING:
    from .analysis import Speller
    from .index import Index
    from .lexicon import Lexicon

# Punctuation read as a space: the tokens of a sentence cut inside "hemi-facial", "1,000", "1.5"
# or a link or a hashtag. Only where the tokeniser reads such a character with its neighbours
# (and wherever a character is not ASCII) can a cut give other tokens than the whole sentence.
_PUNCT = re.compile(r"[^\w\s]")
_CUTS_WORDS = re.compile(r"\w[-,.]\w|[/#@%\x1b]|[^\x00-\x7f]")
_SUPERLATIVE = ("most", "commonest")  # read as "main" by the analyser ("the most common cause")
_MEMO = 32_768  # words whose stems are kept (the first met: a text's frequent words come early)
_RECENT = 16_384  # sentences whose answers are kept (a document repeats sentences)


class Reach:
    """The concepts and numbers a sentence could carry, against what each claim phrasing needs."""

    def __init__(self, index: Index, speller: Speller) -> None:
        self._index = index
        self._speller = speller
        self._built = False
        self._needs: dict[str, list[frozenset[str]]] | None = None  # key -> phrasings needing it
        self._phrases: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
        self._joins: dict[str, dict[str, str]] = {}  # first part -> second part -> joined word
        self._stems = _Stems(speller)  # word -> the stems it may be read as
        self._recent: Recent[str, bool] = Recent(_RECENT)  # sentence -> may_match

    def may_match(self, sentence: str) -> bool:
        """False only when no reading of ``sentence`` can match a claim (then skip it)."""
        if not self._built:
            self._build()
        needs = self._needs
        if needs is None:
            return True
        known = self._recent.get(sentence)  # (a document repeats sentences)
        if known is not None:
            return known
        have = self.keys(sentence)
        found = any(need <= have for key in have for need in needs.get(key, ()))
        self._recent.put(sentence, found)
        return found

    def keys(self, sentence: str) -> set[str]:
        """The concept keys (with their broader concepts) and numbers any reading of ``sentence``
        could have, besides those any sentence may have (relation classes: ``given``); of the
        concept keys, only those some claim phrasing needs."""
        words = set(tokenise(sentence))
        if _CUTS_WORDS.search(sentence):
            words.update(tokenise(_PUNCT.sub(" ", sentence)))
        if "most" in words or "commonest" in words:
            words.add("main")  # (the analyser reads "the most common cause" as "the main cause")
        joins = self._joins
        stems = set(chain.from_iterable(map(self._stems.__getitem__, words)))
        for w in joins.keys() & words:  # (a run-together word: its first part here, its second among the words)
            second = joins[w]
            stems.update(stem(second[part]) for part in second.keys() & words)
        have = {w for w in words if w[:1].isdigit()}
        phrases = self._phrases
        for s in phrases.keys() & stems:
            for phrase, keys in phrases[s]:
                if phrase <= stems:
                    have |= keys
        return have

    # ------------------------------------------------------------------ built on first use

    def _build(self) -> None:
        self._built = True
        needs = _claim_needs(self._index)
        if needs is None:
            return  # a phrasing with no concept or number: any sentence may match it
        lex = self._index.lexicon
        # relation classes (and "without" read as "need") are found in any words, by general
        # English: taken as given, they are left out of what a phrasing needs and a sentence has
        given = {k for cls in (*relations.table().kinds, "need") for k in _concept_keys(lex, cls)}
        if any(need <= given for need in needs):
            return
        needs = {n - given for n in needs}
        # Only the keys some phrasing needs can decide the test: a phrase is kept with those of
        # its keys, and not at all when it has none (most of a concept's broader and narrower
        # ones are needed by no claim), so a sentence's keys are few and quickly gathered.
        wanted = frozenset().union(*needs)
        concept_stems: set[str] = set()
        for key, cids in _phrase_readings(lex).items():
            keys = frozenset(k for cid in cids for k in _concept_keys(lex, cid)) & wanted
            if keys:
                concept_stems.update(key)
                self._phrases.setdefault(key[0], []).append((frozenset(key), keys))
        for word in self._speller.words:
            if stem(word) in concept_stems:
                for i in range(1, len(word)):
                    self._joins.setdefault(word[:i], {})[word[i:]] = word
        by_key: dict[str, list[frozenset[str]]] = {}
        for need in needs:
            by_key.setdefault(min(need), []).append(need)
        self._needs = by_key


class _Stems(dict[str, tuple[str, ...]]):
    """Word -> the stems it may be read as: its own, and that of the word the speller reads it as
    (when it is not a word of the vocabulary); worked out on first need and kept (bounded)."""

    def __init__(self, speller: Speller) -> None:
        super().__init__()
        self._speller = speller

    def __missing__(self, word: str) -> tuple[str, ...]:
        speller = self._speller
        fixed = speller.correct(word) if word not in speller.words else None
        own = (stem(word), stem(fixed)) if fixed else (stem(word),)
        if len(self) < _MEMO:
            self[word] = own
        return own


def _claim_needs(index: Index) -> set[frozenset[str]] | None:
    """The concept and number keys each phrasing needs a statement to have; None when some
    phrasing needs none (then the test would pass every sentence)."""
    lex = index.lexicon
    data = index.data
    needed = [_needed(lex, key) for key in data.terms]
    a = data.arrays
    starts, doc_term = a["doc_start"], a["doc_term"]
    out: set[frozenset[str]] = set()
    for d in range(len(a["doc_claim"])):
        need = frozenset(data.terms[t] for t in doc_term[starts[d]:starts[d + 1]] if needed[t])
        if not need:
            return None
        out.add(need)
    return out


def _needed(lex: Lexicon, key: str) -> bool:
    """A claim term the statement must have (``matching._gates``): a concept that is not a
    relation, a number that is not a year."""
    if key[:1] == "@":
        cid = key[1:]
        return not (lex.kind(cid) == "relation" or lex.symmetric(cid))
    if key[:1].isdigit():
        return not (len(key) == 4 and key.isdigit() and 1800 <= int(key) <= 2099)
    return False


def _phrase_readings(lex: Lexicon) -> dict[tuple[str, ...], set[str]]:
    """Each phrase of the lexicon (as stems) and every concept it may be read as."""
    out: dict[tuple[str, ...], set[str]] = {}
    for key, cid in lex.phrases.items():
        out.setdefault(key, set()).add(cid)
    for key, cids in lex.alternates.items():
        out.setdefault(key, set()).update(cids)
    return out


def _concept_keys(lex: Lexicon, cid: str) -> set[str]:
    """The statement keys a concept read gives: its parts, their broader concepts, and their
    narrower ones (a claim's "facial twitching" may be settled by a statement's "twitching")."""
    out = set()
    for part in lex.parts(cid):
        out.add(f"@{part}")
        out.update(f"@{a}" for a in lex.ancestors(part))
        out.update(f"@{n}" for n in lex.narrower(part))
    return out
