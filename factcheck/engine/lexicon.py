"""The knowledge base's lexicon: concept terms matched as phrases, broader terms, compounds.

A concept's terms are normalised and stemmed like any text, so "Hemifacial spasms", "HFS" and
"hemi-facial spasm" all land on one concept. Matching is greedy longest-first over stems.
"""

from __future__ import annotations

from ..kb.knowledge import Concept
from ..records import NamedTuple
from . import relations
from .text import stem, tokenise


class ConceptInfo(NamedTuple):
    id: str
    kind: str | None
    name: str
    ancestors: tuple[str, ...]  # every broader concept, transitively, nearest first
    parts: tuple[str, ...]  # what a compound means; (id,) for a plain concept


class Lexicon:
    """Phrase table from stem sequences to concept ids."""

    def __init__(self, concepts: tuple[Concept, ...] | list[Concept] = ()) -> None:
        self.concepts: dict[str, ConceptInfo] = {}
        self.phrases: dict[tuple[str, ...], str] = {}
        # A term two concepts share ("mg": milligrams, and Mg, magnesium) keeps its other readings.
        self.alternates: dict[tuple[str, ...], list[str]] = {}
        self.max_len = 0
        self._starts: dict[str, int] | None = None  # first word of a term -> its longest term
        self._mentions: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
        self.words: set[str] = set()  # every normalised word of every term (for typo correction)
        # Terms that end in a derived noun ("Botox *treatment*"): the stemmer gives the noun and its
        # verb one stem, but "Botox treats HFS" names no treatment; such a term needs the noun.
        self.nominal: set[tuple[str, ...]] = set()
        self._narrower: dict[str, frozenset[str]] | None = None  # concept -> its kinds (on first use)
        self._classes: tuple[dict[str, str], dict[str, str]] | None = None  # class readings (own_class)
        broader = {c.id: c.broader for c in concepts}

        def ancestors(cid: str) -> tuple[str, ...]:
            """Every broader concept, nearest first (ties by name): one order on every run."""
            out: list[str] = []
            level = sorted(set(broader.get(cid, ())) - {cid})
            while level:
                out.extend(level)
                level = sorted({b for a in level for b in broader.get(a, ())} - set(out) - {cid})
            return tuple(out)

        for c in concepts:
            self.concepts[c.id] = ConceptInfo(
                id=c.id, kind=c.kind, name=c.name, ancestors=ancestors(c.id),
                parts=tuple(c.means) or (c.id,),
            )
            for term in (*c.terms, c.label or ""):
                toks = tokenise(term)
                if not toks:
                    continue
                self.words.update(toks)
                key = tuple(stem(t) for t in toks)
                # First definition wins; a term listed in another concept too is an alternate.
                first = self.phrases.setdefault(key, c.id)
                if first != c.id and c.id not in self.alternates.get(key, ()):
                    self.alternates.setdefault(key, []).append(c.id)
                self.max_len = max(self.max_len, len(key))
                if len(key) > 1 and _nominal(toks[-1]):
                    self.nominal.add(key)

    def state(self) -> dict:
        """A JSON-ready form of the built lexicon, so a cache can skip re-stemming every term."""
        return {
            "concepts": [[c.id, c.kind, c.name, list(c.ancestors), list(c.parts)]
                         for c in self.concepts.values()],
            "phrases": [[list(k), v] for k, v in self.phrases.items()],
            "alternates": [[list(k), v] for k, v in self.alternates.items()],
            "words": sorted(self.words),
            "nominal": [list(k) for k in sorted(self.nominal)],
        }

    @classmethod
    def from_state(cls, state: dict) -> Lexicon:
        self = cls(())
        for cid, kind, name, ancestors, parts in state["concepts"]:
            self.concepts[cid] = ConceptInfo(cid, kind, name, tuple(ancestors), tuple(parts))
        self.phrases = {tuple(k): v for k, v in state["phrases"]}
        self._starts = None
        self._mentions = None
        self._classes = None
        self.alternates = {tuple(k): v for k, v in state.get("alternates", [])}
        self.max_len = max((len(k) for k in self.phrases), default=0)
        self.words = set(state["words"])
        self.nominal = {tuple(k) for k in state.get("nominal", [])}
        return self

    def __bool__(self) -> bool:
        return bool(self.concepts)

    def match(self, stems: list[str], words: list[str] | None = None) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, concept id) spans, longest match first, left to right.

        A unit is read as a unit only after a number ("400 mg"); elsewhere a term it shares
        with another concept takes that reading ("Mg cures HFS": magnesium). With the ``words``
        the stems came from, a term that ends in a derived noun needs that noun there, not
        its verb ("Botox treats" is no "Botox treatment").
        """
        spans: list[tuple[int, int, str]] = []
        if not self.phrases:
            return spans
        starts = self._starts
        if starts is None:
            starts = self._starts = {}
            for k in self.phrases:
                starts[k[0]] = max(starts.get(k[0], 0), len(k))
        i, n = 0, len(stems)
        while i < n:
            longest = starts.get(stems[i])
            if longest is None:  # no term starts with this word
                i += 1
                continue
            for length in range(min(longest, n - i), 0, -1):
                key = tuple(stems[i:i + length])
                cid = self.phrases.get(key)
                if cid is not None and words is not None and key in self.nominal \
                        and not _nominal(words[i + length - 1]):
                    continue
                if cid is not None and key in self.alternates:
                    cid = self._reading(cid, self.alternates[key], stems[i - 1] if i else "")
                if cid is not None:
                    spans.append((i, i + length, cid))
                    i += length
                    break
            else:
                i += 1
        return spans

    def _reading(self, first: str, others: list[str], before: str) -> str:
        after_number = before[:1].isdigit()
        for cid in (first, *others):
            if (self.kind(cid) == "unit") == after_number:
                return cid
        return first

    def parts(self, cid: str) -> tuple[str, ...]:
        """The concepts a matched concept stands for (a compound expands to its parts)."""
        info = self.concepts.get(cid)
        if info is None:
            return (cid,)
        out: list[str] = []
        for p in info.parts:
            sub = self.concepts.get(p)
            out.extend(sub.parts if sub and sub.parts != (p,) else (p,))
        return tuple(out)

    def kind(self, cid: str) -> str | None:
        """The concept's kind; for a general relation class the knowledge base lacks, its kind."""
        info = self.concepts.get(cid)
        return info.kind if info else relations.kind(cid)

    def symmetric(self, cid: str) -> bool:
        """A relation that reads the same both ways ("linked to", "interacts with")."""
        kind = self.kind(cid)
        return bool(kind and kind.replace("-", " ") == "symmetric relation")

    def relation(self, cid: str) -> bool:
        """A relation of any kind (cause, cure, linked to ...)."""
        kind = self.kind(cid)
        return bool(kind and kind.replace("-", " ") in ("relation", "symmetric relation"))

    def mentions(self, whole: str, part: str) -> bool:
        """A term of concept ``whole`` contains a one-word term of concept ``part`` ("face
        twitch" of facial twitching contains "face"): naming ``part`` beside ``whole`` ("the
        muscles in your face twitch") says nothing more."""
        index = self._mentions
        if index is None:
            words: dict[str, set[str]] = {}
            single: dict[str, set[str]] = {}
            for key, cid in [*self.phrases.items(), *((k, c) for k, cs in self.alternates.items() for c in cs)]:
                words.setdefault(cid, set()).update(key)
                if len(key) == 1:
                    single.setdefault(cid, set()).add(key[0])
            index = self._mentions = (words, single)
        words, single = index
        return bool(single.get(part, set()) & words.get(whole, set()))

    def ancestors(self, cid: str) -> tuple[str, ...]:
        info = self.concepts.get(cid)
        return info.ancestors if info else ()

    def narrower(self, cid: str) -> frozenset[str]:
        """Every concept that is a kind of ``cid`` (the reverse of :meth:`ancestors`)."""
        below = self._narrower
        if below is None:
            found: dict[str, set[str]] = {}
            for c in self.concepts.values():
                for a in c.ancestors:
                    found.setdefault(a, set()).add(c.id)
            below = self._narrower = {a: frozenset(k) for a, k in found.items()}
        return below.get(cid, frozenset())

    def own_class(self, cls: str) -> str:
        """The concept this lexicon reads a general relation class as (data/relations.tsv), or the
        class itself. A knowledge base may name a class otherwise ("high-dose" for "excess") or fold
        one into another ("relieve" into its "treat"): when most of the class's plain phrases that
        the lexicon knows (two at least) are terms of one concept of the same kind, a phrase of the
        class it lacks ("a large dose of", "make * better") means what its own terms mean, so a
        statement and a claim worded with either meet. A class is not read so when a narrower class
        the lexicon keeps would no longer be narrower ("deplete" within "reduce": "reduce" read as
        its "treat" would not be said by "X depletes Y"); see :meth:`folds` for such a class."""
        return self._class_readings()[0].get(cls, cls)

    def folds(self, cls: str, cid: str) -> bool:
        """The lexicon folds general class ``cls`` into its concept ``cid`` (most of the class's
        plain phrases it knows are terms of ``cid``: its "reduce" is in its "treat"), whether or not
        :meth:`own_class` reads the class so."""
        return self._class_readings()[1].get(cls) == cid

    def _class_readings(self) -> tuple[dict[str, str], dict[str, str]]:
        if self._classes is None:
            self._classes = self._own_classes()
        return self._classes

    def _own_classes(self) -> tuple[dict[str, str], dict[str, str]]:
        renamed: dict[str, str] = {}
        folded: dict[str, str] = {}
        for cls, phrases in relations.plain_phrases().items():
            if cls in self.concepts:
                continue
            known = [cid for cid in (self.phrases.get(p) for p in phrases) if cid is not None]
            best = max(sorted(set(known)), key=known.count, default=None)
            if best is None or known.count(best) < 2 or 2 * known.count(best) <= len(known) \
                    or (self.kind(best) == "qualifier") != (relations.kind(cls) == "qualifier"):
                continue
            folded[cls] = best
            kept = [d for d in self.concepts if relations.kind(d) and relations.entails(d, cls)]
            if all(d == best or relations.entails(d, best) for d in kept):
                renamed[cls] = best
        return renamed, folded

    def name(self, cid: str) -> str:
        info = self.concepts.get(cid)
        return info.name if info else cid


_NOMINAL_ENDINGS = ("ment", "ments", "ness", "tion", "tions", "sion", "sions")


def _nominal(word: str) -> bool:
    """A noun derived by a suffix the stemmer strips ("treatment", "injection", "weakness")."""
    return len(word) >= 7 and word.endswith(_NOMINAL_ENDINGS)
