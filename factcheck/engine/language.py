"""General English as data: one loader for the word lists the analyser and the judge use.

The lists live in ``data/english.tsv`` (its header gives the format): stop words, negators and
negating phrases, antonym pairs, words of direction and degree, intensifiers, link and reporting
words, auxiliaries, passive-voice forms. They are read once, on first use. The relation classes
(``data/relations.tsv``, :mod:`factcheck.engine.relations`), the clause reader's words
(``data/clauses.tsv``, :mod:`factcheck.engine.clauses`) and WordNet (:mod:`factcheck.engine.wordnet`) have
their own files in the same folder; :func:`table` reads any of them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"


@cache
def table(name: str) -> tuple[tuple[str, str], ...]:
    """The (class, entries) lines of ``data/NAME``: tab-separated, '#' comments and blank lines
    skipped, in file order."""
    out = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cls, _, rest = line.partition("\t")
        out.append((cls.strip(), rest.strip()))
    return tuple(out)


@cache
def entries(cls: str, name: str = "english.tsv") -> tuple[str, ...]:
    """The entries of every line of class ``cls`` (';'-separated), in order."""
    return tuple(e.strip() for c, rest in table(name) if c == cls for e in rest.split(";") if e.strip())


@cache
def words(cls: str) -> frozenset[str]:
    """A class of single words (``stopword``, ``negator``, ``intensifier`` ...)."""
    return frozenset(entries(cls))


@cache
def phrases(cls: str) -> tuple[tuple[str, ...], ...]:
    """A class of phrases, each as its words (``negating-phrase``, ``non-negating``)."""
    return tuple(tuple(e.split()) for e in entries(cls))


@cache
def pairs(cls: str) -> tuple[tuple[str, str], ...]:
    """A class of pairs written "a / b" (``complementary``, ``contrary``)."""
    out = []
    for e in entries(cls):
        a, _, b = e.partition("/")
        out.append((a.strip(), b.strip()))
    return tuple(out)


def alternation(cls: str, name: str = "english.tsv", gap: str = r"[\s,:]+") -> str:
    """A regex alternation of a data class's entries, longest first, each space matching ``gap``."""
    import re

    return "|".join(re.escape(w).replace(r"\ ", gap) for w in sorted(set(entries(cls, name)), key=len, reverse=True))
